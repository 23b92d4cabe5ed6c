// Kubelet behaviour with kubelet 1.32's event texts: "Pulling image", "Successfully pulled
// image ... in 3.8s (3.8s including waiting). Image size: N bytes.", "Created container x",
// "Started container x", "Stopping container x", "Back-off pulling image", and the image and
// crash-loop back-offs (10 s doubling to 5 min).
#include "core/kubelet/kubelet.h"
#include "core/kubelet/metrics_server.h"

#include <algorithm>
#include <cstdio>

#include "core/api/json.h"
#include "core/api/podutil.h"
#include "core/api/quantity.h"
#include "core/kubelet/env.h"
#include "core/kubelet/images.h"
#include "core/kubelet/programs.h"

namespace kp {

namespace {
const char* kKubelet = "kubelet";
std::string fieldPath(const std::string& c) { return "spec.containers{" + c + "}"; }
}  // namespace

Kubelets::Kubelets(const ComponentParts& parts, Network& network)
    : store_(parts.store), api_(parts.api), timers_(parts.timers), rng_(parts.rng), net_(network) {
  watchId_ = store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
  metricsServer_ = std::make_unique<MetricsServer>(parts, usage_);
}

Kubelets::~Kubelets() { store_.unwatch(watchId_); }

bool Kubelets::imagePresent(const std::string& node, const std::string& image) const {
  auto it = nodeImages_.find(node);
  if (it == nodeImages_.end()) return false;
  auto info = findImage(image);
  return info && it->second.count(info->fullName());
}

void Kubelets::preload(const std::string& node, const std::string& image) {
  if (auto info = findImage(image)) nodeImages_[node].insert(info->fullName());
}

void Kubelets::onEvent(const WatchEvent& e) {
  if (e.resource->kind == "Node") return onNodeEvent(e);
  if (e.resource->kind != "Pod") return;
  const auto& pod = static_cast<const Pod&>(*e.object);
  if (e.type == WatchType::Deleted) {
    restartsAcrossStop_.erase(pod.metadata.uid);
    auto it = pods_.find(pod.metadata.uid);
    if (it != pods_.end()) {
      if (!it->second.ip.empty() && !it->second.hostNetwork) net_.releasePodIp(it->second.ip);
      pods_.erase(it);
    }
    forgetPodVolumes(pod.metadata.uid);
    return;
  }
  if (pod.spec.nodeName.empty()) return;
  // Our own status writes come back as events too; react only to what a kubelet watches for:
  // a new binding, a deletion request, or a spec change.
  auto it = pods_.find(pod.metadata.uid);
  if (it == pods_.end() || (podTerminating(pod) && !it->second.killing))
    queue_.add(pod.metadata.namespace_ + "/" + pod.metadata.name);
}

bool Kubelets::syncAll() {
  if (queue_.empty()) return false;
  while (!queue_.empty()) syncPod(queue_.pop());
  return true;
}

void Kubelets::adoptRunning(const Pod& pod) {
  PodRun run;
  run.key = pod.metadata.namespace_ + "/" + pod.metadata.name;
  run.node = pod.spec.nodeName;
  run.ip = pod.status.podIP;
  run.sandboxReady = true;
  for (const auto& c : pod.spec.containers) {
    ContainerRun cr;
    cr.image = c.image;
    cr.pulled = cr.created = cr.running = true;
    cr.ready = cr.started = true;
    cr.startedAt = pod.status.startTime;
    for (const auto& cs : pod.status.containerStatuses)
      if (cs.name == c.name) cr.containerId = cs.containerID;
    run.containers[c.name] = cr;
    if (auto info = findImage(c.image)) nodeImages_[pod.spec.nodeName].insert(info->fullName());
  }
  pods_[pod.metadata.uid] = run;
}

void Kubelets::syncPod(const std::string& key) {
  auto [ns, name] = splitKey(key);
  auto pod = store_.get<Pod>(ns, name);
  if (!pod || pod->spec.nodeName.empty()) return;
  if (stoppedNodes_.count(pod->spec.nodeName)) return;  // picked up again by startNode
  const std::string uid = pod->metadata.uid;
  bool isNew = !pods_.count(uid);
  PodRun& run = pods_[uid];
  if (isNew) {
    run.key = key;
    run.node = pod->spec.nodeName;
    for (const auto& c : pod->spec.containers) run.containers[c.name].image = c.image;
    if (auto carried = restartsAcrossStop_.find(uid); carried != restartsAcrossStop_.end()) {
      // The containers died with the machine: the restarted ones count one more restart.
      for (const auto& [cname, carriedRun] : carried->second) {
        auto c = run.containers.find(cname);
        if (c == run.containers.end()) continue;
        c->second.restarts = carriedRun.first;
        c->second.lastTerminated = carriedRun.second;
      }
      restartsAcrossStop_.erase(carried);
    }
  }
  if (podTerminating(*pod)) {
    if (!run.killing) kill(uid);
    return;
  }
  if (!isNew) return;
  // Sandbox first: the pod gets its IP from the node's pod CIDR after a moment.
  run.sandboxPending = true;
  updateStatus(uid);
  Time delay = 250 + static_cast<Time>(rng_.below(400));
  timers_.after(delay, [this, uid] {
    auto it = pods_.find(uid);
    if (it == pods_.end() || it->second.killing) return;
    PodRun& r = it->second;
    auto node = store_.get<Node>("", r.node);
    if (!node) return;
    if (auto pod = store_.get<Pod>(splitKey(r.key).first, splitKey(r.key).second); pod && pod->spec.hostNetwork) {
      for (const auto& a : node->status.addresses)
        if (a.type == "InternalIP") r.ip = a.address;
      r.hostNetwork = true;
    } else {
      r.ip = net_.allocatePodIp(node->spec.podCIDR);
    }
    r.sandboxReady = true;
    r.sandboxPending = false;
    updateStatus(uid);
    if (!r.containers.empty()) startPull(uid, r.containers.begin()->first);
  });
}

void Kubelets::startPull(const std::string& uid, const std::string& cname) {
  auto it = pods_.find(uid);
  if (it == pods_.end() || it->second.killing) return;
  PodRun& run = it->second;
  auto [ns, name] = splitKey(run.key);
  auto pod = store_.get<Pod>(ns, name);
  if (!pod) return;
  const Container* spec = nullptr;
  for (const auto& c : pod->spec.containers)
    if (c.name == cname) spec = &c;
  if (!spec) return;
  ContainerRun& cr = run.containers[cname];
  auto& api = api_;
  const std::string image = spec->image;
  bool present = imagePresent(run.node, image);
  auto next = [this, uid, cname] {
    // Containers start in order: the next one's image is pulled after this one started.
    auto it = pods_.find(uid);
    if (it == pods_.end()) return;
    auto c = it->second.containers.find(cname);
    if (c != it->second.containers.end() && ++c != it->second.containers.end() && !c->second.pulled && !c->second.pulling)
      startPull(uid, c->first);
  };
  if (present && spec->imagePullPolicy != "Always") {
    api.event(*pod, "Normal", "Pulled", "Container image \"" + image + "\" already present on machine", kKubelet, run.node, fieldPath(cname));
    cr.pulled = true;
    timers_.after(60, [this, uid, cname, next] {
      startContainer(uid, cname);
      next();
    });
    return;
  }
  if (spec->imagePullPolicy == "Never") {
    cr.waitReason = "ErrImageNeverPull";
    cr.waitMessage = "Container image \"" + image + "\" is not present with pull policy of Never";
    api.event(*pod, "Warning", "ErrImageNeverPull", cr.waitMessage, kKubelet, run.node, fieldPath(cname));
    updateStatus(uid);
    return;
  }
  cr.pulling = true;
  api.event(*pod, "Normal", "Pulling", "Pulling image \"" + image + "\"", kKubelet, run.node, fieldPath(cname));
  auto info = findImage(image);
  Time started = timers_.now();
  if (info) {
    Time dur = present ? 300 + static_cast<Time>(rng_.below(600))
                       : pullMillis(info->sizeBytes) * (85 + static_cast<Time>(rng_.below(30))) / 100;
    cr.pullStarted = started;
    cr.pullEnds = started + dur;
    timers_.after(dur, [this, uid, cname, image, started, next, size = info->sizeBytes, full = info->fullName()] {
      auto it = pods_.find(uid);
      if (it == pods_.end() || it->second.killing) return;
      PodRun& r = it->second;
      ContainerRun& c = r.containers[cname];
      c.pulling = false;
      c.pulled = true;
      c.waitReason.clear();
      c.waitMessage.clear();
      nodeImages_[r.node].insert(full);
      auto [ns, name] = splitKey(r.key);
      if (auto pod = store_.get<Pod>(ns, name)) {
        std::string d = goDuration(timers_.now() - started);
        api_.event(*pod, "Normal", "Pulled",
                             "Successfully pulled image \"" + image + "\" in " + d + " (" + d +
                                 " including waiting). Image size: " + std::to_string(size) + " bytes.",
                             kKubelet, r.node, fieldPath(cname));
      }
      timers_.after(40 + static_cast<Time>(rng_.below(80)), [this, uid, cname, next] {
        startContainer(uid, cname);
        next();
      });
    });
    return;
  }
  // The registry has no such repository (or tag): the runtime's error, then the back-off.
  Time dur = 600 + static_cast<Time>(rng_.below(800));
  timers_.after(dur, [this, uid, cname, image] {
    auto it = pods_.find(uid);
    if (it == pods_.end() || it->second.killing) return;
    PodRun& r = it->second;
    ContainerRun& c = r.containers[cname];
    c.pulling = false;
    c.pullFailures++;
    std::string repo = image, tag;
    auto colon = image.rfind(':');
    if (colon != std::string::npos && image.find('/', colon) == std::string::npos) {
      repo = image.substr(0, colon);
      tag = image.substr(colon + 1);
    }
    // Docker names the tag it looked for: "manifest for openjdk:latest not found".
    std::string named = image.find('@') == std::string::npos && tag.empty() ? image + ":latest" : image;
    std::string err = repositoryExists(repo)
        ? "Error response from daemon: manifest for " + named + " not found: manifest unknown: manifest unknown"
        : "Error response from daemon: pull access denied for " + repo +
              ", repository does not exist or may require 'docker login': denied: requested access to the resource is denied";
    c.waitReason = "ErrImagePull";
    c.waitMessage = err;
    auto [ns, name] = splitKey(r.key);
    auto pod = store_.get<Pod>(ns, name);
    if (!pod) return;
    auto& api = api_;
    api.event(*pod, "Warning", "Failed", "Failed to pull image \"" + image + "\": " + err, kKubelet, r.node, fieldPath(cname));
    api.event(*pod, "Warning", "Failed", "Error: ErrImagePull", kKubelet, r.node, fieldPath(cname));
    updateStatus(uid);
    // The next pod sync finds the back-off: 10 s, doubling up to 5 minutes.
    Time backoff = std::min<Time>(300000, 10000LL << std::min(c.pullFailures - 1, 5));
    timers_.after(1000, [this, uid, cname, image, backoff] {
      auto it = pods_.find(uid);
      if (it == pods_.end() || it->second.killing) return;
      PodRun& r = it->second;
      ContainerRun& c = r.containers[cname];
      c.waitReason = "ImagePullBackOff";
      c.waitMessage = "Back-off pulling image \"" + image + "\"";
      auto [ns, name] = splitKey(r.key);
      if (auto pod = store_.get<Pod>(ns, name)) {
        api_.event(*pod, "Normal", "BackOff", "Back-off pulling image \"" + image + "\"", kKubelet, r.node, fieldPath(cname));
        api_.event(*pod, "Warning", "Failed", "Error: ImagePullBackOff", kKubelet, r.node, fieldPath(cname));
      }
      updateStatus(uid);
      timers_.after(backoff, [this, uid, cname] { startPull(uid, cname); });
    });
  });
}

void Kubelets::startContainer(const std::string& uid, const std::string& cname) {
  auto it = pods_.find(uid);
  if (it == pods_.end() || it->second.killing) return;
  PodRun& run = it->second;
  auto [ns, name] = splitKey(run.key);
  auto pod = store_.get<Pod>(ns, name);
  if (!pod) return;
  if (!containerConfigReady(uid, cname)) return;
  ContainerRun& cr = run.containers[cname];
  auto& api = api_;
  const Container* spec = nullptr;
  for (const auto& c : pod->spec.containers)
    if (c.name == cname) spec = &c;
  if (!spec) return;
  auto info = findImage(cr.image);
  // Only some programs read their environment (postgres' password, http-echo's ECHO_TEXT).
  bool readsEnv = info && (info->kind == ProgramKind::TcpService || info->kind == ProgramKind::EchoServer ||
                           info->kind == ProgramKind::Batch);
  Program program = containerProgram(info ? &*info : nullptr, *spec,
                                     readsEnv ? containerEnvironment(store_, *pod, *spec) : EnvList{});
  api.event(*pod, "Normal", "Created", "Created container " + cname, kKubelet, run.node, fieldPath(cname));
  cr.created = true;
  cr.containerId = "docker://" + rng_.hex(64);
  cr.waitReason.clear();
  cr.waitMessage.clear();
  cr.instance++;
  cr.program = program;
  cr.pc = 0;
  cr.lastStatus = 0;
  cr.serving = cr.stopping = cr.ready = cr.started = false;
  cr.requests = 0;
  cr.files.clear();
  cr.removed.clear();
  cr.fs = ContainerFs();
  mountVolumes(*pod, *spec, cr.fs);
  cr.liveFailures = cr.readyFailures = cr.readySuccesses = cr.startFailures = 0;
  cr.startedAt = timers_.now();
  int instance = cr.instance;
  if (!program.notFound.empty()) {
    // The runtime creates the container but cannot exec its process.
    std::string why = "failed to create task for container: failed to create shim task: OCI runtime create failed: "
                      "runc create failed: unable to start container process: exec: \"" + program.notFound +
                      "\": executable file not found in $PATH: unknown";
    api.event(*pod, "Warning", "Failed",
              "Error: failed to start container \"" + cname + "\": Error response from daemon: " + why, kKubelet,
              run.node, fieldPath(cname));
    cr.running = true;
    containerExited(uid, cname, instance, 127, "ContainerCannotRun", why);
    return;
  }
  api.event(*pod, "Normal", "Started", "Started container " + cname, kKubelet, run.node, fieldPath(cname));
  cr.running = true;
  bool serves = !program.steps.empty() && program.steps[0].kind == ProgramStep::Serve;
  if (info && serves) {
    LogContext ctx;
    ctx.now = timers_.now();
    ctx.pod = pod->metadata.name;
    ctx.podIp = run.ip;
    for (const auto& l : program.startLogs) pushLog(cr, expandLogLine(l, ctx));
  }
  updateStatus(uid);
  // A memory limit below what the process needs: the kernel's OOM killer ends it.
  if (info && spec->resources.limits.count("memory")) {
    auto limit = parseQuantityMilli(spec->resources.limits.at("memory"));
    if (limit && *limit / 1000 < info->memoryBytes) {
      timers_.after(300 + static_cast<Time>(rng_.below(500)),
                     [this, uid, cname, instance] { containerExited(uid, cname, instance, 137, "OOMKilled"); });
      return;
    }
  }
  startProbes(uid, cname, instance);
  runProgram(uid, cname, instance);
}

void Kubelets::appendLog(const std::string& uid, const std::string& container, const std::string& line) {
  auto it = pods_.find(uid);
  if (it == pods_.end()) return;
  auto c = it->second.containers.find(container);
  if (c != it->second.containers.end() && c->second.running) pushLog(c->second, line);
}

void Kubelets::updateStatus(const std::string& uid) {
  auto it = pods_.find(uid);
  if (it == pods_.end()) return;
  PodRun& run = it->second;
  if (stoppedNodes_.count(run.node)) return;
  auto [ns, name] = splitKey(run.key);
  auto& store = store_;
  auto pod = store.get<Pod>(ns, name);
  if (!pod) return;
  auto node = store.get<Node>("", run.node);
  Time now = timers_.now() / 1000 * 1000;
  auto copy = std::make_shared<Pod>(*pod);
  auto& st = copy->status;
  if (node)
    for (const auto& a : node->status.addresses)
      if (a.type == "InternalIP") st.hostIP = a.address;
  st.hostIPs = {st.hostIP};
  if (st.startTime == kNoTime) st.startTime = now;
  if (run.sandboxReady && !run.ip.empty()) {
    st.podIP = run.ip;
    st.podIPs = {run.ip};
  }
  bool allReady = true;
  int running = 0, waiting = 0, stopped = 0, succeededCount = 0;
  std::vector<std::string> unready;
  std::vector<ContainerStatus> statuses;
  for (const auto& c : pod->spec.containers) {
    ContainerRun& cr = run.containers[c.name];
    ContainerStatus cs;
    cs.name = c.name;
    cs.image = c.image;
    if (auto info = findImage(c.image)) {
      if (cr.pulled) {
        cs.image = info->repository + ":" + info->tag;
        cs.imageID = "docker-pullable://" + info->repository + "@" + info->digest;
      }
    }
    cs.restartCount = cr.restarts;
    cs.containerID = cr.created ? cr.containerId : "";
    cs.lastState = cr.lastTerminated;
    bool hasStartup = parseProbe(c, ProbeKind::Startup).has_value();
    bool hasReadiness = parseProbe(c, ProbeKind::Readiness).has_value();
    if (cr.running) {
      cs.state.hasRunning = true;
      cs.state.startedAt = cr.startedAt / 1000 * 1000;
      cs.lastState = cr.instance > 0 ? cr.lastTerminated : cs.lastState;
      cs.started = !hasStartup || cr.started;
      cs.ready = !cr.stopping && *cs.started && (!hasReadiness || cr.ready);
      running++;
    } else if (cr.exited || (cr.waitReason.empty() && cr.lastTerminated.hasTerminated && !cr.pulling)) {
      // Terminated: for good, or until the pod worker's next sync restarts it.
      cs.state = cr.lastTerminated;
      cs.lastState = cr.olderTerminated;
      cs.started = false;
      stopped++;
      if (cr.lastTerminated.exitCode == 0) succeededCount++;
    } else {
      cs.state.hasWaiting = true;
      cs.state.reason = cr.waitReason.empty() ? "ContainerCreating" : cr.waitReason;
      cs.state.message = cr.waitMessage;
      cs.started = false;
      if (cr.lastTerminated.hasTerminated) stopped++;
      else waiting++;
    }
    if (!cs.ready) {
      allReady = false;
      unready.push_back(c.name);
    }
    statuses.push_back(cs);
  }
  st.containerStatuses = statuses;
  // getPhase: waiting containers keep the pod Pending; exited ones decide by restart policy.
  const std::string& policy = pod->spec.restartPolicy;
  bool succeeded = false;
  if (waiting > 0 || pod->spec.containers.empty()) {
    st.phase = "Pending";
  } else if (running > 0) {
    st.phase = "Running";
  } else if (stopped > 0) {
    if (policy == "Always" || policy.empty()) st.phase = "Running";
    else if (stopped == succeededCount) st.phase = "Succeeded";
    else if (policy == "Never") st.phase = "Failed";
    else st.phase = "Running";
    succeeded = st.phase == "Succeeded" || st.phase == "Failed";
  } else {
    st.phase = "Pending";
  }
  std::string unreadyList;
  for (size_t i = 0; i < unready.size(); i++) unreadyList += (i ? " " : "") + unready[i];
  auto cond = [&](const std::string& type, bool ok, const std::string& reason, const std::string& msg) {
    PodCondition c{type, ok ? "True" : "False", ok ? "" : reason, ok ? "" : msg, kNoTime, now};
    for (const auto& p : pod->status.conditions)
      if (p.type == type && p.status == c.status) c.lastTransitionTime = p.lastTransitionTime;
    return c;
  };
  std::string notReadyMsg = "containers with unready status: [" + unreadyList + "]";
  std::vector<PodCondition> conds;
  conds.push_back(cond("PodReadyToStartContainers", run.sandboxReady, "", ""));
  conds.push_back(cond("Initialized", true, "", ""));
  if (succeeded) {
    conds.push_back(cond("Ready", false, "PodCompleted", ""));
    conds.push_back(cond("ContainersReady", false, "PodCompleted", ""));
  } else {
    conds.push_back(cond("Ready", allReady, "ContainersNotReady", notReadyMsg));
    conds.push_back(cond("ContainersReady", allReady, "ContainersNotReady", notReadyMsg));
  }
  conds.push_back(cond("PodScheduled", true, "", ""));
  st.conditions = conds;
  Json before = pod->toJson()["status"], after = copy->toJson()["status"];
  if (before == after) return;
  api_.updateStatus(*copy);
}

void Kubelets::kill(const std::string& uid) {
  auto it = pods_.find(uid);
  if (it == pods_.end()) return;
  PodRun& run = it->second;
  run.killing = true;
  auto [ns, name] = splitKey(run.key);
  auto pod = store_.get<Pod>(ns, name);
  if (!pod) return;
  Time grace = pod->metadata.deletionGracePeriodSeconds.value_or(30) * 1000;
  Time stop = 0;
  for (auto& [cname, cr] : run.containers) {
    if (!cr.running) continue;
    api_.event(*pod, "Normal", "Killing", "Stopping container " + cname, kKubelet, run.node, fieldPath(cname));
    auto info = findImage(cr.image);
    // A program that is not the image's server (busybox sh or sleep as PID 1) has no SIGTERM
    // handler and is only stopped by SIGKILL at the end of the grace period.
    bool server = !cr.program.steps.empty() && cr.program.steps[0].kind == ProgramStep::Serve;
    Time shutdown = info && (server || cr.instance == 0) ? info->shutdownMillis : grace;
    stop = std::max(stop, std::min(grace, shutdown));
  }
  // The kubelet removes the pod object once its containers are gone.
  std::string key = run.key;
  timers_.after(std::max<Time>(stop, 50), [this, uid, key] {
    auto [ns, name] = splitKey(key);
    auto pod = store_.get<Pod>(ns, name);
    if (pod && stoppedNodes_.count(pod->spec.nodeName)) return;  // finished when the node is back
    if (pod && pod->metadata.uid == uid) api_.finalizeDelete(*resourceForKind("Pod"), ns, name);
  });
}

void Kubelets::stopNode(const std::string& node) {
  if (!stoppedNodes_.insert(node).second) return;
  // Containers and sandboxes are gone with the machine; the API objects keep their last status.
  for (auto it = pods_.begin(); it != pods_.end();) {
    if (it->second.node != node) {
      ++it;
      continue;
    }
    auto& carried = restartsAcrossStop_[it->first];
    for (const auto& [cname, cr] : it->second.containers) {
      ContainerState last = cr.lastTerminated;
      if (cr.running) {
        last = ContainerState{};
        last.hasTerminated = true;
        last.reason = "Error";
        last.exitCode = 255;
        last.startedAt = cr.startedAt / 1000 * 1000;
        last.finishedAt = timers_.now() / 1000 * 1000;
      }
      carried[cname] = {cr.restarts + (cr.running ? 1 : 0), last};
    }
    if (!it->second.ip.empty() && !it->second.hostNetwork) net_.releasePodIp(it->second.ip);
    it = pods_.erase(it);
  }
}


}  // namespace kp
