// Node health as kube-controller-manager sees it. The kubelet's heartbeat is not simulated
// write by write (it would churn resourceVersions for nothing); instead, when a machine stops,
// the time of its last lease renewal is derived from the 10 s renew rhythm and the controller's
// 5 s monitor pass fires at the first tick past that renewal plus the grace period.
#include "core/controllers/nodelifecycle.h"

#include <algorithm>

#include "core/api/podutil.h"
#include "core/kubelet/kubelet.h"
#include "core/sim/cluster.h"

namespace kp {

namespace {

const char* kNodeController = "node-controller";
const char* kTaintController = "taint-eviction-controller";
const char* kUnreachable = "node.kubernetes.io/unreachable";

Time seconds(Time t) { return t / 1000 * 1000; }

// v1.Toleration.ToleratesTaint.
bool toleratesTaint(const Toleration& tol, const Taint& t) {
  if (!tol.effect.empty() && tol.effect != t.effect) return false;
  if (!tol.key.empty() && tol.key != t.key) return false;
  if (tol.op == "Exists") return true;
  if (tol.op.empty() || tol.op == "Equal") return tol.value == t.value;
  return false;
}

bool sameTaints(const std::vector<Taint>& a, const std::vector<Taint>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++)
    if (a[i].key != b[i].key || a[i].value != b[i].value || a[i].effect != b[i].effect) return false;
  return true;
}

std::vector<Taint> noExecuteTaints(const Node& n) {
  std::vector<Taint> out;
  for (const auto& t : n.spec.taints)
    if (t.effect == "NoExecute") out.push_back(t);
  return out;
}

// Sets a pod condition as the API's UpdatePodCondition does (transition time only on change).
void setPodCondition(Pod& p, const PodCondition& c) {
  for (auto& pc : p.status.conditions)
    if (pc.type == c.type) {
      Time transition = pc.status == c.status ? pc.lastTransitionTime : c.lastTransitionTime;
      pc = c;
      pc.lastTransitionTime = transition;
      return;
    }
  p.status.conditions.push_back(c);
}

}  // namespace

NodeLifecycle::NodeLifecycle(Cluster& cluster) : cluster_(cluster) {
  cluster_.api().store().watch([this](const WatchEvent& e) { onEvent(e); });
}

void NodeLifecycle::onEvent(const WatchEvent& e) {
  const std::string& kind = e.resource->kind;
  if (kind == "Node") {
    const auto& node = static_cast<const Node&>(*e.object);
    const std::string& name = node.metadata.name;
    if (e.type == WatchType::Deleted) {
      noExecute_.erase(name);
      stopped_.erase(name);
      generation_[name]++;
      // Pod GC: the orphans go after the quarantine, at the collector's next pass.
      Time due = (cluster_.now() + kPodGcQuarantine) / kPodGcPeriod * kPodGcPeriod + kPodGcPeriod;
      cluster_.at(due, [this, name] { collectOrphans(name); });
      return;
    }
    auto taints = noExecuteTaints(node);
    auto it = noExecute_.find(name);
    bool changed = it == noExecute_.end() ? !taints.empty() : !sameTaints(it->second, taints);
    noExecute_[name] = taints;
    if (changed)
      for (const auto& k : cluster_.api().store().podsOnNode(name)) podQueue_.add(k);
    return;
  }
  if (kind != "Pod") return;
  const auto& pod = static_cast<const Pod&>(*e.object);
  std::string key = pod.metadata.namespace_ + "/" + pod.metadata.name;
  if (e.type == WatchType::Deleted) {
    auto it = evictions_.find(key);
    if (it != evictions_.end() && it->second.uid == pod.metadata.uid) evictions_.erase(it);
    return;
  }
  if (pod.spec.nodeName.empty() || podTerminating(pod)) return;
  const auto* old = static_cast<const Pod*>(e.old.get());
  bool newlyBound = !old || old->spec.nodeName != pod.spec.nodeName || old->metadata.uid != pod.metadata.uid;
  bool tolerationsChanged = old && old->spec.tolerations.size() != pod.spec.tolerations.size();
  auto taints = noExecute_.find(pod.spec.nodeName);
  if ((newlyBound || tolerationsChanged) && taints != noExecute_.end() && !taints->second.empty()) podQueue_.add(key);
}

bool NodeLifecycle::processAll() {
  if (podQueue_.empty()) return false;
  while (!podQueue_.empty()) processPod(podQueue_.pop());
  return true;
}

void NodeLifecycle::processPod(const std::string& key) {
  ActivityLog::Scope activityScope(cluster_.api().activity(), "kube-controller-manager", "node lifecycle controller");
  auto [ns, name] = splitKey(key);
  auto pod = cluster_.api().store().get<Pod>(ns, name);
  if (!pod || pod->spec.nodeName.empty() || podTerminating(*pod)) {
    cancelEviction(key, false);
    return;
  }
  auto it = noExecute_.find(pod->spec.nodeName);
  if (it == noExecute_.end() || it->second.empty()) {
    cancelEviction(key, true);
    return;
  }
  // Every NoExecute taint must be tolerated; the shortest tolerationSeconds of the tolerations
  // used decides when the pod goes (none: it stays forever).
  bool allTolerated = true;
  std::optional<int64_t> minSeconds;
  bool anyFinite = false;
  for (const auto& t : it->second) {
    bool tolerated = false;
    for (const auto& tol : pod->spec.tolerations) {
      if (!toleratesTaint(tol, t)) continue;
      tolerated = true;
      if (tol.tolerationSeconds) {
        int64_t s = std::max<int64_t>(0, *tol.tolerationSeconds);
        minSeconds = anyFinite ? std::min(*minSeconds, s) : s;
        anyFinite = true;
      }
    }
    if (!tolerated) allTolerated = false;
  }
  Time now = cluster_.now();
  if (allTolerated && !anyFinite) {
    cancelEviction(key, true);
    return;
  }
  // Capped so that absurd tolerationSeconds cannot overflow the clock.
  Time delay = allTolerated ? std::min<int64_t>(*minSeconds, int64_t{1} << 40) * 1000 : 0;
  Eviction ev;
  ev.uid = pod->metadata.uid;
  ev.createdAt = now;
  auto pending = evictions_.find(key);
  if (pending != evictions_.end() && pending->second.uid == ev.uid) {
    ev.createdAt = pending->second.createdAt;
    if (pending->second.fireAt <= ev.createdAt + delay) return;  // already due no later
  }
  ev.fireAt = ev.createdAt + delay;
  ev.seq = ++seq_;
  evictions_[key] = ev;
  if (ev.fireAt <= now) {
    evict(key, ev.seq);
    return;
  }
  uint64_t seq = ev.seq;
  cluster_.at(ev.fireAt, [this, key, seq] { evict(key, seq); });
}

void NodeLifecycle::evict(const std::string& key, uint64_t seq) {
  ActivityLog::Scope activityScope(cluster_.api().activity(), "kube-controller-manager", "node lifecycle controller");
  auto it = evictions_.find(key);
  if (it == evictions_.end() || it->second.seq != seq) return;
  std::string uid = it->second.uid;
  evictions_.erase(it);
  auto& api = cluster_.api();
  auto [ns, name] = splitKey(key);
  auto pod = api.store().get<Pod>(ns, name);
  if (!pod || pod->metadata.uid != uid || podTerminating(*pod)) return;
  api.event(*pod, "Normal", "TaintManagerEviction", "Marking for deletion Pod " + key, kTaintController);
  auto copy = std::make_shared<Pod>(*pod);
  setPodCondition(*copy, {"DisruptionTarget", "True", "DeletionByTaintManager",
                          "Taint manager: deleting due to NoExecute taint", kNoTime, seconds(cluster_.now())});
  api.updateStatus(*copy);
  api.remove(*resourceForKind("Pod"), ns, name);
}

void NodeLifecycle::cancelEviction(const std::string& key, bool withEvent) {
  auto it = evictions_.find(key);
  if (it == evictions_.end()) return;
  evictions_.erase(it);
  if (!withEvent) return;
  auto [ns, name] = splitKey(key);
  if (auto pod = cluster_.api().store().get<Pod>(ns, name))
    cluster_.api().event(*pod, "Normal", "TaintManagerEviction", "Cancelling deletion of Pod " + key, kTaintController);
}

void NodeLifecycle::machineStopped(const std::string& nodeName) {
  auto node = cluster_.api().store().get<Node>("", nodeName);
  if (!node || stopped_.count(nodeName)) return;
  stopped_.insert(nodeName);
  uint64_t gen = ++generation_[nodeName];
  cluster_.kubelets().stopNode(nodeName);
  // The last lease renewal before the machine went down, on the kubelet's 10 s rhythm since
  // the node registered; the first monitor pass after renewal + grace sees it as stale.
  Time created = node->metadata.creationTimestamp == kNoTime ? 0 : node->metadata.creationTimestamp;
  Time now = cluster_.now();
  Time lastRenew = now - ((now - created) % kLeaseRenew + kLeaseRenew) % kLeaseRenew;
  Time due = (lastRenew + kGracePeriod) / kMonitorPeriod * kMonitorPeriod + kMonitorPeriod;
  cluster_.at(due, [this, nodeName, gen] { monitorStopped(nodeName, gen); });
}

void NodeLifecycle::monitorStopped(const std::string& nodeName, uint64_t gen) {
  ActivityLog::Scope activityScope(cluster_.api().activity(), "kube-controller-manager", "node lifecycle controller", "Node " + nodeName);
  if (generation_[nodeName] != gen || !stopped_.count(nodeName)) return;
  auto& api = cluster_.api();
  auto node = api.store().get<Node>("", nodeName);
  if (!node) return;
  Time now = seconds(cluster_.now());
  bool wasReady = false;
  auto copy = std::make_shared<Node>(*node);
  for (auto& c : copy->status.conditions) {
    if (c.type == "Ready" && c.status == "True") wasReady = true;
    if (c.status == "Unknown") continue;
    c.status = "Unknown";
    c.reason = "NodeStatusUnknown";
    c.message = "Kubelet stopped posting node status.";
    c.lastTransitionTime = now;
  }
  api.updateStatus(*copy);
  if (wasReady) api.event(*node, "Normal", "NodeNotReady", "Node " + nodeName + " status is now: NodeNotReady", kNodeController);
  // MarkPodsNotReady: every pod on the node loses its Ready condition.
  for (const auto& key : std::vector<std::string>(api.store().podsOnNode(nodeName).begin(), api.store().podsOnNode(nodeName).end())) {
    auto [ns, name] = splitKey(key);
    auto pod = api.store().get<Pod>(ns, name);
    if (!pod || pod->spec.nodeName != nodeName) continue;
    auto p = std::make_shared<Pod>(*pod);
    bool changed = false;
    for (auto& c : p->status.conditions)
      if (c.type == "Ready" && c.status != "False") {
        c.status = "False";
        c.lastTransitionTime = now;
        changed = true;
      }
    if (!changed) continue;
    if (api.updateStatus(*p).ok()) api.event(*pod, "Warning", "NodeNotReady", "Node is not ready", kNodeController);
  }
  // The unreachable taints: NoExecute from the tainting pass, NoSchedule from the condition map.
  auto cur = api.store().get<Node>("", nodeName);
  if (!cur) return;
  auto tainted = std::make_shared<Node>(*cur);
  for (const char* effect : {"NoExecute", "NoSchedule"}) {
    bool has = false;
    for (const auto& t : tainted->spec.taints) has |= t.key == kUnreachable && t.effect == effect;
    if (!has) tainted->spec.taints.push_back({kUnreachable, "", effect, now});
  }
  if (tainted->spec.taints.size() != cur->spec.taints.size()) api.update(tainted);
}

void NodeLifecycle::machineStarted(const std::string& nodeName) {
  auto& api = cluster_.api();
  auto node = api.store().get<Node>("", nodeName);
  if (!node || !stopped_.count(nodeName)) return;
  stopped_.erase(nodeName);
  uint64_t gen = ++generation_[nodeName];
  Time now = seconds(cluster_.now());
  // The kubelet starts, posts its status and restarts the pods that belong here.
  api.event(*node, "Normal", "Starting", "Starting kubelet.", "kubelet", nodeName);
  api.event(*node, "Normal", "NodeAllocatableEnforced", "Updated Node Allocatable limit across pods", "kubelet", nodeName);
  auto copy = std::make_shared<Node>(*node);
  std::vector<std::string> transitions;
  struct Healthy {
    const char *type, *status, *reason, *message;
  };
  const Healthy healthy[] = {
      {"MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"},
      {"DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
      {"PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"},
      {"Ready", "True", "KubeletReady", "kubelet is posting ready status"}};
  for (auto& c : copy->status.conditions)
    for (const auto& h : healthy)
      if (c.type == h.type) {
        if (c.status != h.status) {
          c.lastTransitionTime = now;
          std::string reason = h.reason;
          transitions.push_back(c.type == "Ready" ? "NodeReady" : "Node" + reason.substr(7));
        }
        c.status = h.status;
        c.reason = h.reason;
        c.message = h.message;
        c.lastHeartbeatTime = now;
      }
  api.updateStatus(*copy);
  for (const auto& t : transitions)
    api.event(*node, "Normal", t, "Node " + nodeName + " status is now: " + t, "kubelet", nodeName);
  cluster_.kubelets().startNode(nodeName);
  Time due = cluster_.now() / kMonitorPeriod * kMonitorPeriod + kMonitorPeriod;
  cluster_.at(due, [this, nodeName, gen] { monitorStarted(nodeName, gen); });
}

void NodeLifecycle::monitorStarted(const std::string& nodeName, uint64_t gen) {
  ActivityLog::Scope activityScope(cluster_.api().activity(), "kube-controller-manager", "node lifecycle controller", "Node " + nodeName);
  if (generation_[nodeName] != gen || stopped_.count(nodeName)) return;
  auto& api = cluster_.api();
  auto node = api.store().get<Node>("", nodeName);
  if (!node) return;
  auto copy = std::make_shared<Node>(*node);
  auto& ts = copy->spec.taints;
  ts.erase(std::remove_if(ts.begin(), ts.end(), [](const Taint& t) { return t.key == kUnreachable; }), ts.end());
  if (ts.size() != node->spec.taints.size()) api.update(copy);
}

void NodeLifecycle::collectOrphans(const std::string& nodeName) {
  ActivityLog::Scope activityScope(cluster_.api().activity(), "kube-controller-manager", "node lifecycle controller");
  auto& api = cluster_.api();
  if (api.store().get<Node>("", nodeName)) return;  // registered again meanwhile
  std::vector<std::string> keys(api.store().podsOnNode(nodeName).begin(), api.store().podsOnNode(nodeName).end());
  for (const auto& key : keys) {
    auto [ns, name] = splitKey(key);
    auto pod = api.store().get<Pod>(ns, name);
    if (!pod || pod->spec.nodeName != nodeName) continue;
    auto copy = std::make_shared<Pod>(*pod);
    setPodCondition(*copy, {"DisruptionTarget", "True", "DeletionByPodGC", "PodGC: node no longer exists", kNoTime,
                            seconds(cluster_.now())});
    if (!podFinished(*copy)) copy->status.phase = "Failed";
    api.updateStatus(*copy);
    DeleteOptions force;
    force.gracePeriodSeconds = 0;
    api.remove(*resourceForKind("Pod"), ns, name, force);
  }
}

}  // namespace kp
