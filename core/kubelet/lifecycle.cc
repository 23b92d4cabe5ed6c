// A container instance from start to exit: its program's steps on the simulated clock, the
// exit (Completed / Error / OOMKilled / ContainerCannotRun), the restart policy, the crash-loop
// back-off (kubelet's flowcontrol.Backoff: the first restart at once, then 10 s doubling to
// 5 min, forgotten after 10 min without a crash), and the probes with kubelet 1.32's events
// ("Liveness probe failed: HTTP probe failed with statuscode: 500", "Container kubia failed
// liveness probe, will be restarted").
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/api/podutil.h"
#include "core/api/quantity.h"
#include "core/kubelet/exec.h"
#include "core/kubelet/images.h"
#include "core/kubelet/kubelet.h"
#include "core/kubelet/programs.h"

namespace kp {

namespace {
const char* kKubeletSource = "kubelet";
std::string containerField(const std::string& c) { return "spec.containers{" + c + "}"; }
const Time kBackoffInitial = 10000, kBackoffMax = 300000;
const size_t kMaxLogLines = 5000;

const Container* specOf(const Pod& pod, const std::string& name) {
  for (const auto& c : pod.spec.containers)
    if (c.name == name) return &c;
  return nullptr;
}
}  // namespace

void Kubelets::pushLog(ContainerRun& cr, const std::string& line) {
  cr.logs.push_back(line);
  cr.logTimes.push_back(timers_.now());
  cr.logTotal++;
  if (cr.logs.size() > kMaxLogLines) {
    cr.logs.erase(cr.logs.begin());
    cr.logTimes.erase(cr.logTimes.begin());
  }
}

Kubelets::ContainerRun* Kubelets::findRun(const std::string& uid, const std::string& cname, int instance) {
  auto it = pods_.find(uid);
  if (it == pods_.end() || it->second.killing) return nullptr;
  auto c = it->second.containers.find(cname);
  if (c == it->second.containers.end() || c->second.instance != instance || !c->second.running) return nullptr;
  return &c->second;
}

void Kubelets::runProgram(const std::string& uid, const std::string& cname, int instance) {
  // Executes steps until the program sleeps, serves, or ends; a loop without a sleep spins
  // forever (the cap stops us simulating it).
  for (int budget = 0; budget < 2000; budget++) {
    ContainerRun* cr = findRun(uid, cname, instance);
    if (!cr || cr->stopping) return;
    if (cr->pc >= cr->program.steps.size()) {
      int code = cr->lastStatus;
      containerExited(uid, cname, instance, code, code == 0 ? "Completed" : "Error");
      return;
    }
    const ProgramStep step = cr->program.steps[cr->pc++];
    switch (step.kind) {
      case ProgramStep::Log:
        if (step.stamped) {
          LogContext ctx;
          ctx.now = timers_.now();
          auto it = pods_.find(uid);
          ctx.pod = splitKey(it->second.key).second;
          ctx.podIp = it->second.ip;
          pushLog(*cr, expandLogLine(step.text, ctx));
        } else {
          pushLog(*cr, step.text);
        }
        break;
      case ProgramStep::Status:
        cr->lastStatus = step.code;
        break;
      case ProgramStep::Touch:
        cr->files.insert(step.text);
        cr->removed.erase(step.text);
        break;
      case ProgramStep::Remove:
        cr->files.erase(step.text);
        cr->removed.insert(step.text);
        break;
      case ProgramStep::Jump:
        cr->pc = step.target;
        break;
      case ProgramStep::Exit:
        containerExited(uid, cname, instance, step.code, step.code == 0 ? "Completed" : "Error");
        return;
      case ProgramStep::Serve:
        cr->serving = true;
        return;
      case ProgramStep::Forever:
        return;
      case ProgramStep::Exec: {
        auto it = pods_.find(uid);
        auto [ns, name] = splitKey(it->second.key);
        auto pod = store_.get<Pod>(ns, name);
        if (!pod) return;
        ExecResult r = execInContainer(world(), *pod, cname, step.argv);
        cr = findRun(uid, cname, instance);
        if (!cr) return;
        // The container's stdout and stderr both go to its log.
        std::string text = r.error.empty() ? r.out + r.errOut : (step.inShell ? "sh: " + step.argv[0] + ": not found\n" : r.error + "\n");
        size_t start = 0;
        while (start < text.size()) {
          size_t nl = text.find('\n', start);
          pushLog(*cr, text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
          if (nl == std::string::npos) break;
          start = nl + 1;
        }
        cr->lastStatus = r.error.empty() ? r.exitCode : 127;
        break;
      }
      case ProgramStep::Sleep:
        cr->lastStatus = 0;
        timers_.after(std::max<Time>(step.ms, 1), [this, uid, cname, instance] { runProgram(uid, cname, instance); });
        return;
    }
  }
}

void Kubelets::containerExited(const std::string& uid, const std::string& cname, int instance, int code,
                               const std::string& reason, const std::string& message) {
  auto it = pods_.find(uid);
  if (it == pods_.end() || it->second.killing) return;
  auto c = it->second.containers.find(cname);
  if (c == it->second.containers.end() || c->second.instance != instance || !c->second.running) return;
  ContainerRun& cr = c->second;
  cr.running = false;
  cr.serving = false;
  cr.stopping = false;
  cr.ready = false;
  cr.olderTerminated = cr.lastTerminated;
  cr.lastTerminated = ContainerState{};
  cr.lastTerminated.hasTerminated = true;
  cr.lastTerminated.reason = reason;
  cr.lastTerminated.message = message;
  cr.lastTerminated.exitCode = code;
  cr.lastTerminated.startedAt = cr.startedAt / 1000 * 1000;
  cr.lastTerminated.finishedAt = timers_.now() / 1000 * 1000;
  updateStatus(uid);
  // PLEG notices the exit and the pod worker syncs about a second later.
  timers_.after(1000, [this, uid, cname, instance] { afterExit(uid, cname, instance); });
}

void Kubelets::afterExit(const std::string& uid, const std::string& cname, int instance) {
  auto it = pods_.find(uid);
  if (it == pods_.end() || it->second.killing) return;
  PodRun& r = it->second;
  auto c = r.containers.find(cname);
  if (c == r.containers.end() || c->second.instance != instance || c->second.running) return;
  ContainerRun& cr = c->second;
  auto [ns, name] = splitKey(r.key);
  auto pod = store_.get<Pod>(ns, name);
  if (!pod) return;
  const std::string& policy = pod->spec.restartPolicy;
  bool restart = policy == "Always" || policy.empty() || (policy == "OnFailure" && cr.lastTerminated.exitCode != 0);
  if (!restart) {
    cr.exited = true;
    updateStatus(uid);
    return;
  }
  Time now = timers_.now();
  Time finished = cr.lastTerminated.finishedAt;
  bool expired = cr.backoffUpdated == kNoTime || now - cr.backoffUpdated > 2 * kBackoffMax;
  if (!expired && now - finished < cr.backoffMs) {
    // In back-off: CrashLoopBackOff until it runs out, then the next sync restarts it.
    cr.waitReason = "CrashLoopBackOff";
    cr.waitMessage = "back-off " + goDuration(cr.backoffMs) + " restarting failed container=" + cname + " pod=" +
                     name + "_" + ns + "(" + uid + ")";
    api_.event(*pod, "Warning", "BackOff",
                         "Back-off restarting failed container " + cname + " in pod " + name + "_" + ns + "(" + uid + ")",
                         kKubeletSource, r.node, containerField(cname));
    updateStatus(uid);
    Time wake = std::max<Time>(finished + cr.backoffMs - now, 0) + 1000;
    int restartsNow = cr.restarts;
    timers_.after(wake, [this, uid, cname, instance, restartsNow] {
      auto it = pods_.find(uid);
      if (it == pods_.end() || it->second.killing) return;
      auto c = it->second.containers.find(cname);
      if (c == it->second.containers.end() || c->second.instance != instance || c->second.running ||
          c->second.restarts != restartsNow)
        return;
      afterExit(uid, cname, instance);
    });
    return;
  }
  // Backoff.Next: a fresh entry starts at 10 s, an existing one doubles up to 5 min.
  cr.backoffMs = expired ? kBackoffInitial : std::min(cr.backoffMs * 2, kBackoffMax);
  cr.backoffUpdated = now;
  cr.restarts++;
  cr.previousLogs = cr.logs;
  cr.previousLogTimes = cr.logTimes;
  cr.logs.clear();
  cr.logTotal = 0;
  cr.logTimes.clear();
  cr.waitReason.clear();
  cr.waitMessage.clear();
  startPull(uid, cname);
}

void Kubelets::startProbes(const std::string& uid, const std::string& cname, int instance) {
  auto it = pods_.find(uid);
  if (it == pods_.end()) return;
  auto [ns, name] = splitKey(it->second.key);
  auto pod = store_.get<Pod>(ns, name);
  if (!pod) return;
  const Container* spec = specOf(*pod, cname);
  if (!spec) return;
  for (ProbeKind kind : {ProbeKind::Startup, ProbeKind::Liveness, ProbeKind::Readiness}) {
    auto probe = parseProbe(*spec, kind);
    if (!probe) continue;
    // The probe worker ticks every period from the container's start; ticks inside the
    // initial delay are skipped. The first tick comes about a second after the start.
    Time first = 1000;
    Time delay = static_cast<Time>(probe->initialDelaySeconds) * 1000;
    Time period = static_cast<Time>(probe->periodSeconds) * 1000;
    while (first < delay) first += period;
    timers_.after(first, [this, uid, cname, instance, kind] { probeTick(uid, cname, instance, kind); });
  }
}

void Kubelets::probeTick(const std::string& uid, const std::string& cname, int instance, ProbeKind kind) {
  ContainerRun* cr = findRun(uid, cname, instance);
  if (!cr || cr->stopping) return;
  auto it = pods_.find(uid);
  std::string node = it->second.node, podIp = it->second.ip;
  auto [ns, name] = splitKey(it->second.key);
  auto pod = store_.get<Pod>(ns, name);
  if (!pod) return;
  const Container* spec = specOf(*pod, cname);
  if (!spec) return;
  auto probe = parseProbe(*spec, kind);
  if (!probe) return;
  Time period = static_cast<Time>(probe->periodSeconds) * 1000;
  bool hasStartup = parseProbe(*spec, ProbeKind::Startup).has_value();
  // Liveness and readiness wait for the startup probe to succeed; the startup probe stops then.
  if (kind != ProbeKind::Startup && hasStartup && !cr->started) {
    timers_.after(period, [this, uid, cname, instance, kind] { probeTick(uid, cname, instance, kind); });
    return;
  }
  if (kind == ProbeKind::Startup && cr->started) return;

  bool ok = false;
  std::string output;
  int port = resolveProbePort(*spec, probe->port);
  std::string host = probe->host.empty() ? podIp : probe->host;
  std::string hostPort = host + ":" + std::to_string(port);
  switch (probe->handler) {
    case ProbeSpec::Http: {
      std::string scheme = probe->scheme;
      for (auto& ch : scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      std::string url = scheme + "://" + hostPort + probe->path;
      // The kubelet connects from the node: the pod sees the bridge address.
      std::string from = podIp.substr(0, podIp.rfind('.')) + ".1";
      PodHttpAnswer a = serveHttp(*pod, port, probe->path, from);
      cr = findRun(uid, cname, instance);
      if (!cr) return;
      if (a.status == 0) output = "Get \"" + url + "\": dial tcp " + hostPort + ": connect: connection refused";
      else if (a.status >= 200 && a.status < 400) ok = true;
      else output = "HTTP probe failed with statuscode: " + std::to_string(a.status);
      break;
    }
    case ProbeSpec::Tcp:
      ok = listening(*pod, port);
      if (!ok) output = "dial tcp " + hostPort + ": connect: connection refused";
      break;
    case ProbeSpec::Grpc:
      ok = listening(*pod, port);
      if (!ok) output = "timeout: failed to connect service \"" + hostPort + "\" within 1s: context deadline exceeded";
      break;
    case ProbeSpec::Exec: {
      ExecResult r = execInContainer(world(), *pod, cname, probe->command);
      cr = findRun(uid, cname, instance);
      if (!cr) return;
      ok = r.exitCode == 0 && r.error.empty();
      output = r.out + r.errOut;
      if (!r.error.empty()) output = r.error;
      while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
      break;
    }
  }
  bool statusChanged = false;
  auto event = [&](const char* type, const std::string& reason, const std::string& msg) {
    api_.event(*pod, type, reason, msg, kKubeletSource, node, containerField(cname));
  };
  bool again = true;
  if (ok) {
    if (kind == ProbeKind::Liveness) cr->liveFailures = 0;
    if (kind == ProbeKind::Startup) {
      cr->startFailures = 0;
      cr->started = true;
      statusChanged = true;
      again = false;
    }
    if (kind == ProbeKind::Readiness) {
      cr->readyFailures = 0;
      if (!cr->ready && ++cr->readySuccesses >= probe->successThreshold) {
        cr->ready = true;
        statusChanged = true;
      }
    }
  } else {
    event("Warning", "Unhealthy", std::string(probeKindName(kind)) + " probe failed: " + output);
    if (kind == ProbeKind::Readiness) {
      cr->readySuccesses = 0;
      if (++cr->readyFailures >= probe->failureThreshold && cr->ready) {
        cr->ready = false;
        statusChanged = true;
      }
    } else {
      int& fails = kind == ProbeKind::Liveness ? cr->liveFailures : cr->startFailures;
      if (++fails >= probe->failureThreshold) {
        again = false;
        killForProbe(uid, cname, instance, kind);
      }
    }
  }
  if (statusChanged) updateStatus(uid);
  if (again) timers_.after(period, [this, uid, cname, instance, kind] { probeTick(uid, cname, instance, kind); });
}

void Kubelets::killForProbe(const std::string& uid, const std::string& cname, int instance, ProbeKind kind) {
  ContainerRun* cr = findRun(uid, cname, instance);
  if (!cr) return;
  auto it = pods_.find(uid);
  auto [ns, name] = splitKey(it->second.key);
  auto pod = store_.get<Pod>(ns, name);
  if (!pod) return;
  std::string k = kind == ProbeKind::Liveness ? "liveness" : "startup";
  api_.event(*pod, "Normal", "Killing", "Container " + cname + " failed " + k + " probe, will be restarted",
                       kKubeletSource, it->second.node, containerField(cname));
  cr->stopping = true;
  cr->serving = false;
  cr->ready = false;
  updateStatus(uid);
  // SIGTERM, then SIGKILL after the grace period: a process that ignores SIGTERM (node and sh
  // as PID 1) ends with 137 after the whole grace period.
  Time grace = pod->spec.terminationGracePeriodSeconds.value_or(30) * 1000;
  auto info = findImage(cr->image);
  bool server = !cr->program.steps.empty() && cr->program.steps[0].kind == ProgramStep::Serve;
  Time stop = info && server ? std::min(grace, info->shutdownMillis) : grace;
  int code = stop >= grace ? 137 : 0;
  timers_.after(std::max<Time>(stop, 100), [this, uid, cname, instance, code] {
    containerExited(uid, cname, instance, code, code == 0 ? "Completed" : "Error");
  });
}

PodHttpAnswer Kubelets::serveHttp(const Pod& pod, int port, const std::string& path, const std::string& clientIp) {
  PodHttpAnswer a;
  auto it = pods_.find(pod.metadata.uid);
  if (it == pods_.end() || it->second.killing) return a;
  for (const auto& c : pod.spec.containers) {
    auto run = it->second.containers.find(c.name);
    if (run == it->second.containers.end() || !run->second.running || !run->second.serving) continue;
    const auto& ports = run->second.program.ports;
    if (std::find(ports.begin(), ports.end(), port) == ports.end()) continue;
    auto info = findImage(c.image);
    if (!info || !info->respond) continue;
    ServeRequest q;
    q.pod = pod.metadata.name;
    q.path = path;
    q.clientIp = clientIp;
    q.podIp = it->second.ip;
    q.port = port;
    q.container = &c;
    q.now = timers_.now();
    ServeReply reply = info->respond(q);
    if (reply.status == 0) continue;  // a port that speaks no HTTP
    ContainerRun& cr = run->second;
    cr.requests++;
    if (info->failFromRequest && cr.requests >= info->failFromRequest) reply = {500, "I'm not well. Please restart me!"};
    usage_.requestServed(pod.metadata.uid, c.name);
    if (!info->requestLog.empty()) {
      LogContext ctx;
      ctx.now = q.now;
      ctx.pod = q.pod;
      ctx.podIp = q.podIp;
      ctx.clientIp = clientIp;
      ctx.path = path;
      ctx.status = reply.status;
      ctx.bytes = reply.body.size();
      pushLog(cr, expandLogLine(info->requestLog, ctx));
    }
    a.status = reply.status;
    a.body = reply.body;
    return a;
  }
  return a;
}

bool Kubelets::listening(const Pod& pod, int port) const {
  auto it = pods_.find(pod.metadata.uid);
  if (it == pods_.end() || it->second.killing) return false;
  for (const auto& c : pod.spec.containers) {
    auto run = it->second.containers.find(c.name);
    if (run == it->second.containers.end() || !run->second.running || !run->second.serving) continue;
    const auto& ports = run->second.program.ports;
    if (std::find(ports.begin(), ports.end(), port) != ports.end()) return true;
  }
  return false;
}

bool Kubelets::fileExists(const Pod& pod, const std::string& container, const std::string& path, bool* known) const {
  *known = false;
  auto it = pods_.find(pod.metadata.uid);
  if (it == pods_.end()) return false;
  auto c = it->second.containers.find(container);
  if (c == it->second.containers.end()) return false;
  if (c->second.files.count(path)) {
    *known = true;
    return true;
  }
  if (c->second.removed.count(path)) *known = true;
  return false;
}

ContainerFs* Kubelets::containerFs(const Pod& pod, const std::string& container) const {
  auto it = pods_.find(pod.metadata.uid);
  if (it == pods_.end()) return nullptr;
  auto c = it->second.containers.find(container);
  if (c == it->second.containers.end()) return nullptr;
  return &c->second.fs;
}

Kubelets::LogTail Kubelets::logSince(const std::string& podUid, const std::string& container, int instance,
                                     uint64_t from) const {
  LogTail t;
  t.next = from;
  auto it = pods_.find(podUid);
  if (it == pods_.end()) return t;
  auto c = it->second.containers.find(container);
  if (c == it->second.containers.end() || c->second.instance != instance) return t;
  const ContainerRun& cr = c->second;
  t.running = cr.running && !it->second.killing;
  uint64_t first = cr.logTotal - cr.logs.size();  // the number of the oldest line still kept
  for (uint64_t i = std::max(from, first); i < cr.logTotal; i++) {
    t.lines.push_back(cr.logs[i - first]);
    t.times.push_back(i - first < cr.logTimes.size() ? cr.logTimes[i - first] : 0);
  }
  t.next = cr.logTotal;
  return t;
}

int Kubelets::runningInstance(const Pod& pod, const std::string& container) const {
  auto it = pods_.find(pod.metadata.uid);
  if (it == pods_.end() || it->second.killing) return 0;
  auto c = it->second.containers.find(container);
  if (c == it->second.containers.end() || !c->second.running) return 0;
  return c->second.instance;
}

}  // namespace kp
