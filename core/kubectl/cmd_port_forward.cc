// `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT...` as portforward.go runs it: the
// pod (or the first pod of a workload or service, a service port translated to its target
// port) must be Running; kubectl then listens on 127.0.0.1 and [::1] of the console machine
// and, for each connection it accepts, opens a pods/portforward stream through the API server
// and copies the bytes both ways ("Handling connection for 8888"). It runs until Ctrl+C, or
// until the pod goes away ("lost connection to pod").
#include <cstdio>

#include "core/api/json.h"
#include "core/kubectl/cmd_common.h"

namespace kp {

namespace {

struct PortPair {
  int local = 0, remote = 0;
  std::string remoteName;  // a named port, resolved against the pod
};

// parsePorts: "8888:8080", "8080", ":8080"; the errors are strconv's, as kubectl wraps them.
bool parsePorts(CmdEnv& env, const std::vector<std::string>& specs, std::vector<PortPair>* out) {
  auto number = [](const std::string& s, int* v) {
    if (s.empty() || s.size() > 5) return false;
    for (char c : s)
      if (c < '0' || c > '9') return false;
    *v = std::atoi(s.c_str());
    return *v <= 65535;
  };
  for (const auto& spec : specs) {
    PortPair p;
    std::string local = spec, remote = spec;
    auto colon = spec.find(':');
    if (colon != std::string::npos) {
      local = spec.substr(0, colon);
      remote = spec.substr(colon + 1);
    }
    if (!local.empty() && !number(local, &p.local)) {
      env.failText("Error parsing local port '" + local + "': strconv.ParseUint: parsing " + goQuote(local) + ": " +
                   (local.find_first_not_of("0123456789") == std::string::npos ? "value out of range" : "invalid syntax"));
      return false;
    }
    if (!number(remote, &p.remote)) p.remoteName = remote;
    if (colon == std::string::npos) p.local = p.remote;
    out->push_back(p);
  }
  return true;
}

// A service port (number or name) as the pod's target port (translateServicePortToTargetPort).
bool translateServicePort(CmdEnv& env, const Json& svc, const Pod& pod, PortPair& p) {
  if (!svc.contains("spec") || !svc["spec"].contains("ports")) return true;
  for (const auto& sp : svc["spec"]["ports"]) {
    bool byName = !p.remoteName.empty() && sp.value("name", "") == p.remoteName;
    bool byNumber = p.remoteName.empty() && sp.value("port", 0) == p.remote;
    if (!byName && !byNumber) continue;
    const Json& tp = sp.contains("targetPort") ? sp["targetPort"] : Json(sp.value("port", 0));
    if (tp.is_number_integer()) {
      if (p.local == 0 && byNumber) p.local = p.remote;
      p.remote = tp.get<int>();
      p.remoteName.clear();
    } else if (tp.is_string()) {
      p.remoteName = tp.get<std::string>();
    }
    return true;
  }
  std::string shown = p.remoteName.empty() ? std::to_string(p.remote) : p.remoteName;
  env.failText("Service " + svc["metadata"].value("name", "") + " does not have a service port " + shown);
  return false;
}

// convertPodNamedPortToNumber.
bool resolveNamedPort(CmdEnv& env, const Pod& pod, PortPair& p) {
  if (p.remoteName.empty()) return true;
  for (const auto& c : pod.spec.containers)
    for (const auto& cp : c.ports)
      if (cp.name == p.remoteName) {
        p.remote = cp.containerPort;
        if (p.local == 0) p.local = p.remote;
        p.remoteName.clear();
        return true;
      }
  env.failText("Pod '" + pod.metadata.name + "' does not have a named port '" + p.remoteName + "'");
  return false;
}

// klog's line for an error kubectl's forwarder reports without stopping (runtime.HandleError).
std::string klogError(Time now, const std::string& text) {
  std::string iso = formatTime(now / 1000 * 1000);  // 2026-01-01T00:00:00Z
  char head[64];
  std::snprintf(head, sizeof head, "E%s%s %s.%06d %7d portforward.go:413] ", iso.substr(5, 2).c_str(),
                iso.substr(8, 2).c_str(), iso.substr(11, 8).c_str(), static_cast<int>((now % 1000) * 1000), 4100);
  return std::string(head) + "\"Unhandled Error\" err=" + goQuote(text) + "\n";
}

struct Forwarding {
  KubectlContext* ctx = nullptr;
  Execution* ex = nullptr;
  std::string ns, pod, uid;
  std::vector<PortPair> ports;
};

// One connection to a local port: a portforward stream for it, the request in, the answer out.
LocalPorts::Answer forwardOne(const std::shared_ptr<Forwarding>& f, const PortPair& p, const std::string& request) {
  LocalPorts::Answer a;
  a.connected = true;
  f->ex->out("Handling connection for " + std::to_string(p.local) + "\n");
  Request req;
  req.method = "POST";
  req.path = Client::path(*resourceForKind("Pod"), f->ns, f->pod, "portforward");
  req.add("ports", std::to_string(p.remote));
  Response r = f->ctx->client.request(req);
  if (!r.ok() || !r.stream) {
    a.reset = true;
    return a;
  }
  r.stream->write(0, request);
  r.stream->closeInput();
  std::string error;
  for (auto& c : r.stream->take()) {
    if (c.channel == 1) a.bytes += c.data;
    if (c.channel == 2) error += c.data;
  }
  r.stream->cancel();
  if (!error.empty()) {
    std::string text = "an error occurred forwarding " + std::to_string(p.local) + " -> " + std::to_string(p.remote) +
                       ": " + trimSpace(error);
    f->ex->err(klogError(f->ctx->now(), text));
    a.reset = true;
  }
  return a;
}

void forwardStep(const std::shared_ptr<Forwarding>& f, Execution& ex) {
  auto pod = f->ctx->client.get<Pod>(f->ns, f->pod);
  if (!pod.ok() || pod.value->metadata.uid != f->uid || pod.value->status.phase != "Running") {
    ex.err("error: lost connection to pod\n");
    ex.finish(1);
  }
}

}  // namespace

void cmdPortForward(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.stringSlice("address", 0, "Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.")
      .duration("pod-running-timeout", "1m0s", "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running");
  if (!parseFlags(env, fs, args,
                  "Forward one or more local ports to a pod.\n\nUsage:\n  kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]\n"))
    return;
  const auto& pos = fs.args();
  if (pos.size() < 2) {
    env.err("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n");
    env.done(1);
    return;
  }
  std::vector<PortPair> ports;
  if (!parsePorts(env, {pos.begin() + 1, pos.end()}, &ports)) return;
  std::string podName;
  Json object;
  if (!attachablePod(env, pos[0], &podName, &object)) return;
  auto pod = env.client().get<Pod>(env.ns, podName);
  if (!pod.ok()) return env.fail(KError::fromStatus(pod.status));
  bool service = object.is_object() && object.value("kind", "") == "Service";
  for (auto& p : ports) {
    if (service && !translateServicePort(env, object, *pod.value, p)) return;
    if (!resolveNamedPort(env, *pod.value, p)) return;
  }
  if (pod.value->status.phase != "Running")
    return env.failText("unable to forward port because pod is not running. Current status=" + pod.value->status.phase);
  if (!env.ctx.localPorts) return env.failText("unable to listen on any of the requested ports: no local network here");
  auto f = std::make_shared<Forwarding>();
  f->ctx = &env.ctx;
  f->ex = &env.ex;
  f->ns = env.ns;
  f->pod = podName;
  f->uid = pod.value->metadata.uid;
  f->ports = ports;
  LocalPorts* local = env.ctx.localPorts;
  std::vector<int> bound;
  for (auto& p : ports) {
    if (p.local == 0) {  // ":5000": a free port, as the kernel would pick one
      p.local = 40000 + static_cast<int>(env.ctx.rng.below(20000));
      while (local->listening(p.local)) p.local++;
    }
    PortPair pair = p;
    if (!local->listen(p.local, [f, pair](const std::string& req) { return forwardOne(f, pair, req); })) {
      std::string port = std::to_string(p.local);
      env.err("Unable to listen on port " + port + ": Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:" +
              port + ": bind: address already in use unable to create listener: Error listen tcp6 [::1]:" + port +
              ": bind: address already in use]\n");
      continue;
    }
    bound.push_back(p.local);
    env.out("Forwarding from 127.0.0.1:" + std::to_string(p.local) + " -> " + std::to_string(p.remote) + "\n");
    env.out("Forwarding from [::1]:" + std::to_string(p.local) + " -> " + std::to_string(p.remote) + "\n");
  }
  if (bound.empty()) {
    std::string list;
    for (const auto& p : ports) list += (list.empty() ? "" : " ") + std::string("{") + std::to_string(p.local) + " " + std::to_string(p.remote) + "}";
    return env.failText("unable to listen on any of the requested ports: [" + list + "]");
  }
  env.ex.onFinish([local, bound] {
    for (int p : bound) local->close(p);
  });
  env.ex.wait(kNoTime, [f](Execution& ex) { forwardStep(f, ex); });
}

}  // namespace kp
