// Two kubelet behaviours that the ConfigMap/Secret and Job support needs, kept apart from the
// main pod lifecycle: a container whose environment references a missing ConfigMap, Secret or
// key waits in CreateContainerConfigError (the kubelet retries on its next sync), and a
// container whose command finishes (echo, sleep N, exit N, false) terminates with its exit code,
// after which the pod's restartPolicy decides (Never, OnFailure, Always with back-off).
#include <algorithm>
#include <cstdlib>

#include "core/api/podutil.h"
#include "core/kubelet/env.h"
#include "core/kubelet/kubelet.h"
#include "core/sim/cluster.h"

namespace kp {

namespace {

const char* kComponent = "kubelet";
std::string containerField(const std::string& c) { return "spec.containers{" + c + "}"; }
// The kubelet's sync loop picks a pod up again about this often while it cannot start.
constexpr Time kConfigRetry = 10000;

const Container* findContainer(const Pod& pod, const std::string& name) {
  for (const auto& c : pod.spec.containers)
    if (c.name == name) return &c;
  return nullptr;
}

// Splits a tiny shell script into words, honouring single and double quotes.
std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  bool any = false;
  char quote = 0;
  for (char c : s) {
    if (quote) {
      if (c == quote) quote = 0;
      else cur += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      any = true;
    } else if (c == ' ' || c == '\t') {
      if (any || !cur.empty()) out.push_back(cur);
      cur.clear();
      any = false;
    } else {
      cur += c;
    }
  }
  if (any || !cur.empty()) out.push_back(cur);
  return out;
}

struct Step {
  std::vector<std::string> argv;
  bool andThen = false;  // joined to the previous step with &&
};

std::vector<Step> statements(const std::string& script) {
  std::vector<Step> out;
  std::string cur;
  bool nextAnd = false;
  char quote = 0;
  auto flush = [&](bool isAnd) {
    Step st{words(cur), nextAnd};
    if (!st.argv.empty()) out.push_back(st);
    cur.clear();
    nextAnd = isAnd;
  };
  for (size_t i = 0; i < script.size(); i++) {
    char c = script[i];
    if (quote) {
      if (c == quote) quote = 0;
      cur += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      cur += c;
    } else if (c == ';' || c == '\n') {
      flush(false);
    } else if (c == '&' && i + 1 < script.size() && script[i + 1] == '&') {
      flush(true);
      i++;
    } else {
      cur += c;
    }
  }
  flush(false);
  return out;
}

// What a command does, as far as the simulation can tell: the lines it prints (with the time
// since start), how long it runs and its exit code; `forever` for servers and loops.
struct Outcome {
  std::vector<std::pair<Time, std::string>> lines;
  Time duration = 0;
  int exitCode = 0;
  bool forever = false;
  bool printEnv = false;
};

Outcome interpret(const std::vector<std::string>& argv) {
  Outcome o;
  std::vector<Step> steps;
  std::string prog = argv[0].substr(argv[0].rfind('/') == std::string::npos ? 0 : argv[0].rfind('/') + 1);
  if ((prog == "sh" || prog == "bash" || prog == "ash") && argv.size() >= 3 && argv[1] == "-c") {
    steps = statements(argv[2]);
  } else {
    steps.push_back({argv, false});
  }
  int status = 0;
  for (const auto& st : steps) {
    if (st.andThen && status != 0) continue;
    const auto& a = st.argv;
    std::string cmd = a[0].substr(a[0].rfind('/') == std::string::npos ? 0 : a[0].rfind('/') + 1);
    if (cmd == "echo") {
      std::string line;
      size_t from = 1;
      bool newline = true;
      if (a.size() > 1 && a[1] == "-n") from = 2, newline = false;
      for (size_t i = from; i < a.size(); i++) line += (i > from ? " " : "") + a[i];
      (void)newline;
      o.lines.push_back({o.duration, line});
      status = 0;
    } else if (cmd == "sleep") {
      if (a.size() < 2) {
        status = 1;
        continue;
      }
      if (a[1] == "infinity") {
        o.forever = true;
        return o;
      }
      char* end = nullptr;
      double secs = std::strtod(a[1].c_str(), &end);
      if (end == a[1].c_str() || !(secs >= 0 && secs <= 1e7)) {  // also rejects nan
        o.lines.push_back({o.duration, "sleep: invalid number '" + a[1] + "'"});
        status = 1;
        continue;
      }
      o.duration += static_cast<Time>(secs * 1000);
      status = 0;
    } else if (cmd == "exit") {
      o.exitCode = a.size() > 1 ? (std::atoi(a[1].c_str()) & 0xFF) : status;
      return o;
    } else if (cmd == "true" || cmd == ":") {
      status = 0;
    } else if (cmd == "false") {
      status = 1;
    } else if (cmd == "env" || cmd == "printenv") {
      o.printEnv = true;
      status = 0;
    } else {
      // A server, a loop or anything else the simulation does not model keeps running.
      o.forever = true;
      return o;
    }
  }
  o.exitCode = status;
  return o;
}

}  // namespace

bool Kubelets::containerConfigReady(const std::string& uid, const std::string& cname) {
  auto it = pods_.find(uid);
  if (it == pods_.end()) return false;
  const auto nsKey = splitKey(it->second.key);
  const std::string ns = nsKey.first, name = nsKey.second;
  auto pod = cluster_.api().store().get<Pod>(ns, name);
  if (!pod) return false;
  const Container* spec = findContainer(*pod, cname);
  if (!spec) return true;
  EnvResult env = resolveContainerEnvironment(cluster_.api().store(), *pod, *spec);
  if (env.error.empty()) return true;
  ContainerRun& cr = it->second.containers[cname];
  cr.waitReason = "CreateContainerConfigError";
  cr.waitMessage = env.error;
  cluster_.api().event(*pod, "Warning", "Failed", "Error: " + env.error, kComponent, it->second.node, containerField(cname));
  updateStatus(uid);
  cluster_.after(kConfigRetry, [this, uid, cname] {
    auto again = pods_.find(uid);
    if (again == pods_.end() || again->second.killing) return;
    auto c = again->second.containers.find(cname);
    if (c == again->second.containers.end() || c->second.running || c->second.exited) return;
    startContainer(uid, cname);
  });
  return false;
}

bool Kubelets::scheduleCommandExit(const std::string& uid, const std::string& cname) {
  auto it = pods_.find(uid);
  if (it == pods_.end()) return false;
  const auto nsKey = splitKey(it->second.key);
  const std::string ns = nsKey.first, name = nsKey.second;
  auto pod = cluster_.api().store().get<Pod>(ns, name);
  if (!pod) return false;
  const Container* spec = findContainer(*pod, cname);
  if (!spec || (spec->command.empty() && spec->args.empty())) return false;
  std::vector<std::string> argv = spec->command;
  argv.insert(argv.end(), spec->args.begin(), spec->args.end());
  if (argv.empty() || argv[0].empty()) return false;
  Outcome o = interpret(argv);
  ContainerRun& cr = it->second.containers[cname];
  if (o.printEnv) {
    for (const auto& kv : containerEnvironment(cluster_.api().store(), *pod, *spec)) o.lines.push_back({0, kv.first + "=" + kv.second});
  }
  for (const auto& entry : o.lines) {
    Time at = entry.first;
    std::string line = entry.second;
    if (at == 0) {
      cr.logs.push_back(line);
      continue;
    }
    Time started = cr.startedAt;
    cluster_.after(at, [this, uid, cname, line, started] {
      auto p = pods_.find(uid);
      if (p == pods_.end()) return;
      auto c = p->second.containers.find(cname);
      if (c != p->second.containers.end() && c->second.running && c->second.startedAt == started) c->second.logs.push_back(line);
    });
  }
  if (o.forever) return true;
  Time started = cr.startedAt;
  int code = o.exitCode;
  cluster_.after(std::max<Time>(o.duration, 100), [this, uid, cname, code, started] {
    auto p = pods_.find(uid);
    if (p == pods_.end() || p->second.killing) return;
    auto c = p->second.containers.find(cname);
    if (c == p->second.containers.end() || !c->second.running || c->second.startedAt != started) return;
    containerExited(uid, cname, code);
  });
  return true;
}

void Kubelets::containerExited(const std::string& uid, const std::string& cname, int exitCode) {
  auto it = pods_.find(uid);
  if (it == pods_.end()) return;
  PodRun& r = it->second;
  ContainerRun& c = r.containers[cname];
  c.running = false;
  c.lastTerminated = ContainerState{};
  c.lastTerminated.hasTerminated = true;
  c.lastTerminated.reason = exitCode == 0 ? "Completed" : "Error";
  c.lastTerminated.exitCode = exitCode;
  c.lastTerminated.startedAt = c.startedAt / 1000 * 1000;
  c.lastTerminated.finishedAt = cluster_.now() / 1000 * 1000;
  const auto nsKey = splitKey(r.key);
  const std::string ns = nsKey.first, name = nsKey.second;
  auto pod = cluster_.api().store().get<Pod>(ns, name);
  if (!pod) return;
  const std::string& policy = pod->spec.restartPolicy;
  if (policy == "Never" || (policy == "OnFailure" && exitCode == 0)) {
    c.exited = true;
    updateStatus(uid);
    return;
  }
  // Restarted in place with the crash-loop back-off: 10 s, 20 s, 40 s ... capped at 5 minutes.
  Time backoff = std::min<Time>(300000, 10000LL << std::min(c.restarts, 5));
  c.waitReason = "CrashLoopBackOff";
  c.waitMessage = "back-off " + goDuration(backoff) + " restarting failed container=" + cname + " pod=" + name + "_" + ns + "(" + uid + ")";
  cluster_.api().event(*pod, "Warning", "BackOff",
                       "Back-off restarting failed container " + cname + " in pod " + name + "_" + ns + "(" + uid + ")",
                       kComponent, r.node, containerField(cname));
  updateStatus(uid);
  cluster_.after(backoff, [this, uid, cname] {
    auto p = pods_.find(uid);
    if (p == pods_.end() || p->second.killing) return;
    ContainerRun& cc = p->second.containers[cname];
    cc.restarts++;
    cc.previousLogs = cc.logs;
    cc.logs.clear();
    startPull(uid, cname);
  });
}

}  // namespace kp
