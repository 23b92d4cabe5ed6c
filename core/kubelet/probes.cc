// Probe specs read from raw JSON; see probes.h.
#include "core/kubelet/probes.h"

#include <algorithm>

namespace kp {

namespace {

int intField(const Json& j, const char* key, int def) {
  if (!j.contains(key)) return def;
  const Json& v = j[key];
  if (v.is_number_integer()) {
    long long n = v.get<long long>();
    if (n < 0) return def;
    return n > 1000000000LL ? 1000000000 : static_cast<int>(n);
  }
  return def;
}

IntOrString portOf(const Json& j) {
  if (!j.contains("port")) return IntOrString::ofInt(0);
  const Json& p = j["port"];
  if (p.is_number_integer()) {
    long long n = p.get<long long>();
    return IntOrString::ofInt(n < 0 || n > 65535 ? 0 : static_cast<int>(n));
  }
  if (p.is_string()) return IntOrString::ofString(p.get<std::string>());
  return IntOrString::ofInt(0);
}

}  // namespace

const char* probeKindName(ProbeKind kind) {
  switch (kind) {
    case ProbeKind::Liveness: return "Liveness";
    case ProbeKind::Readiness: return "Readiness";
    case ProbeKind::Startup: return "Startup";
  }
  return "";
}

std::optional<ProbeSpec> parseProbe(const Container& c, ProbeKind kind) {
  const Json& j = kind == ProbeKind::Liveness ? c.livenessProbe
                  : kind == ProbeKind::Readiness ? c.readinessProbe
                                                 : c.startupProbe;
  if (!j.is_object()) return std::nullopt;
  ProbeSpec p;
  if (j.contains("httpGet") && j["httpGet"].is_object()) {
    const Json& h = j["httpGet"];
    p.handler = ProbeSpec::Http;
    if (h.contains("path") && h["path"].is_string() && !h["path"].get<std::string>().empty())
      p.path = h["path"].get<std::string>();
    if (h.contains("scheme") && h["scheme"].is_string() && !h["scheme"].get<std::string>().empty())
      p.scheme = h["scheme"].get<std::string>();
    if (h.contains("host") && h["host"].is_string()) p.host = h["host"].get<std::string>();
    p.port = portOf(h);
  } else if (j.contains("tcpSocket") && j["tcpSocket"].is_object()) {
    p.handler = ProbeSpec::Tcp;
    if (j["tcpSocket"].contains("host") && j["tcpSocket"]["host"].is_string()) p.host = j["tcpSocket"]["host"].get<std::string>();
    p.port = portOf(j["tcpSocket"]);
  } else if (j.contains("exec") && j["exec"].is_object()) {
    p.handler = ProbeSpec::Exec;
    const Json& cmd = j["exec"].contains("command") ? j["exec"]["command"] : Json();
    if (cmd.is_array())
      for (const auto& w : cmd)
        if (w.is_string()) p.command.push_back(w.get<std::string>());
  } else if (j.contains("grpc") && j["grpc"].is_object()) {
    p.handler = ProbeSpec::Grpc;
    p.port = portOf(j["grpc"]);
  } else {
    return std::nullopt;
  }
  p.initialDelaySeconds = intField(j, "initialDelaySeconds", 0);
  p.timeoutSeconds = std::max(1, intField(j, "timeoutSeconds", 1));
  p.periodSeconds = std::max(1, intField(j, "periodSeconds", 10));
  p.successThreshold = std::max(1, intField(j, "successThreshold", 1));
  p.failureThreshold = std::max(1, intField(j, "failureThreshold", 3));
  return p;
}

int resolveProbePort(const Container& c, const IntOrString& port) {
  if (!port.isString) return port.intVal;
  for (const auto& p : c.ports)
    if (p.name == port.strVal) return p.containerPort;
  // A numeric string is taken as a number, as the kubelet's port resolution does.
  if (!port.strVal.empty() && port.strVal.find_first_not_of("0123456789") == std::string::npos && port.strVal.size() < 6)
    return std::stoi(port.strVal);
  return 0;
}

}  // namespace kp
