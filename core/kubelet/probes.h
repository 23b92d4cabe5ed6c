// Container probes as the kubelet reads them from the pod spec (kept there as raw JSON): the
// handler (httpGet, tcpSocket, exec, grpc) and its timing with the API server's defaults
// (timeout 1 s, period 10 s, success 1, failure 3, path "/", scheme HTTP).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/api/types.h"

namespace kp {

enum class ProbeKind { Liveness, Readiness, Startup };

struct ProbeSpec {
  enum Handler { Http, Tcp, Exec, Grpc } handler = Http;
  std::string path = "/", scheme = "HTTP", host;
  IntOrString port;
  std::vector<std::string> command;
  int initialDelaySeconds = 0, timeoutSeconds = 1, periodSeconds = 10, successThreshold = 1,
      failureThreshold = 3;
};

// The probe of that kind in container c, if it has one with a handler.
std::optional<ProbeSpec> parseProbe(const Container& c, ProbeKind kind);
// "Liveness", "Readiness", "Startup" (event texts) and "liveness" etc. (kill message).
const char* probeKindName(ProbeKind kind);
// A named or numeric port resolved against the container's ports; 0 if unknown.
int resolveProbePort(const Container& c, const IntOrString& port);

}  // namespace kp
