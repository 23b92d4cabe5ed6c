// Node health as kube-controller-manager sees it: the node leases the kubelets renew, checked
// every node-monitor-period; taint-based eviction of the pods on unreachable nodes; pod GC of
// the pods left on deleted nodes.
#include "core/controllers/nodelifecycle.h"

#include <algorithm>

#include "core/api/podutil.h"
#include "core/apiserver/activity.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/store.h"

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

}  // namespace

NodeLifecycle::NodeLifecycle(const ComponentParts& parts)
    : store_(parts.store), api_(parts.api), timers_(parts.timers), rng_(parts.rng) {
  store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
  Time first = timers_.now() / kMonitorPeriod * kMonitorPeriod + kMonitorPeriod;
  timers_.at(first, [this] { monitor(); });
}

void NodeLifecycle::onEvent(const WatchEvent& e) {
  const std::string& kind = e.resource->kind;
  if (kind == "Lease") {
    const auto& lease = static_cast<const Lease&>(*e.object);
    if (lease.metadata.namespace_ != "kube-node-lease") return;
    // The probe timestamp: when the controller saw the lease change.
    if (e.type == WatchType::Deleted) renewed_.erase(lease.metadata.name);
    else renewed_[lease.metadata.name] = timers_.now();
    return;
  }
  if (kind == "Node") {
    const auto& node = static_cast<const Node&>(*e.object);
    const std::string& name = node.metadata.name;
    if (e.type == WatchType::Deleted) {
      noExecute_.erase(name);
      // Pod GC: the orphans go after the quarantine, at the collector's next pass.
      Time due = (timers_.now() + kPodGcQuarantine) / kPodGcPeriod * kPodGcPeriod + kPodGcPeriod;
      timers_.at(due, [this, name] { collectOrphans(name); });
      return;
    }
    auto taints = noExecuteTaints(node);
    auto it = noExecute_.find(name);
    bool changed = it == noExecute_.end() ? !taints.empty() : !sameTaints(it->second, taints);
    noExecute_[name] = taints;
    if (changed)
      for (const auto& k : store_.podsOnNode(name)) podQueue_.add(k);
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
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", "node lifecycle controller");
  auto [ns, name] = splitKey(key);
  auto pod = store_.get<Pod>(ns, name);
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
  Time now = timers_.now();
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
  timers_.at(ev.fireAt, [this, key, seq] { evict(key, seq); });
}

void NodeLifecycle::evict(const std::string& key, uint64_t seq) {
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", "node lifecycle controller");
  auto it = evictions_.find(key);
  if (it == evictions_.end() || it->second.seq != seq) return;
  std::string uid = it->second.uid;
  evictions_.erase(it);
  auto& api = api_;
  auto [ns, name] = splitKey(key);
  auto pod = store_.get<Pod>(ns, name);
  if (!pod || pod->metadata.uid != uid || podTerminating(*pod)) return;
  api.event(*pod, "Normal", "TaintManagerEviction", "Marking for deletion Pod " + key, kTaintController);
  auto copy = std::make_shared<Pod>(*pod);
  setPodCondition(*copy, {"DisruptionTarget", "True", "DeletionByTaintManager",
                          "Taint manager: deleting due to NoExecute taint", kNoTime, seconds(timers_.now())});
  api.updateStatus(*copy);
  api.remove(*resourceForKind("Pod"), ns, name);
}

void NodeLifecycle::cancelEviction(const std::string& key, bool withEvent) {
  auto it = evictions_.find(key);
  if (it == evictions_.end()) return;
  evictions_.erase(it);
  if (!withEvent) return;
  auto [ns, name] = splitKey(key);
  if (auto pod = store_.get<Pod>(ns, name))
    api_.event(*pod, "Normal", "TaintManagerEviction", "Cancelling deletion of Pod " + key, kTaintController);
}

// The monitor: a node whose lease went stale is marked Unknown; one whose lease is fresh and
// whose kubelet posts Ready again loses the unreachable taints.
void NodeLifecycle::monitor() {
  Time now = timers_.now();
  for (const auto& node : store_.list<Node>()) {
    const std::string& name = node->metadata.name;
    auto it = renewed_.find(name);
    Time renewed = it != renewed_.end() ? it->second : node->metadata.creationTimestamp;
    bool stale = renewed != kNoTime && now - renewed > kGracePeriod;
    const auto* ready = [&]() -> const NodeCondition* {
      for (const auto& c : node->status.conditions)
        if (c.type == "Ready") return &c;
      return nullptr;
    }();
    if (stale && ready && ready->status != "Unknown") markUnknown(*node);
    else if (!stale && ready && ready->status == "True") clearUnreachable(*node);
  }
  Time next = now / kMonitorPeriod * kMonitorPeriod + kMonitorPeriod;
  timers_.at(next, [this] { monitor(); });
}

void NodeLifecycle::markUnknown(const Node& node) {
  const std::string& nodeName = node.metadata.name;
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", "node lifecycle controller", "Node " + nodeName);
  auto& api = api_;
  Time now = seconds(timers_.now());
  bool wasReady = false;
  auto copy = std::make_shared<Node>(node);
  for (auto& c : copy->status.conditions) {
    if (c.type == "Ready" && c.status == "True") wasReady = true;
    if (c.status == "Unknown") continue;
    c.status = "Unknown";
    c.reason = "NodeStatusUnknown";
    c.message = "Kubelet stopped posting node status.";
    c.lastTransitionTime = now;
  }
  api.updateStatus(*copy);
  if (wasReady) api.event(node, "Normal", "NodeNotReady", "Node " + nodeName + " status is now: NodeNotReady", kNodeController);
  // MarkPodsNotReady: every pod on the node loses its Ready condition.
  const auto& onNode = store_.podsOnNode(nodeName);
  for (const auto& key : std::vector<std::string>(onNode.begin(), onNode.end())) {
    auto [ns, name] = splitKey(key);
    auto pod = store_.get<Pod>(ns, name);
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
  auto cur = store_.get<Node>("", nodeName);
  if (!cur) return;
  auto tainted = std::make_shared<Node>(*cur);
  for (const char* effect : {"NoExecute", "NoSchedule"}) {
    bool has = false;
    for (const auto& t : tainted->spec.taints) has |= t.key == kUnreachable && t.effect == effect;
    if (!has) tainted->spec.taints.push_back({kUnreachable, "", effect, now});
  }
  if (tainted->spec.taints.size() != cur->spec.taints.size()) api.update(tainted);
}

void NodeLifecycle::clearUnreachable(const Node& node) {
  bool tainted = false;
  for (const auto& t : node.spec.taints) tainted |= t.key == kUnreachable;
  if (!tainted) return;
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", "node lifecycle controller", "Node " + node.metadata.name);
  auto copy = std::make_shared<Node>(node);
  auto& ts = copy->spec.taints;
  ts.erase(std::remove_if(ts.begin(), ts.end(), [](const Taint& t) { return t.key == kUnreachable; }), ts.end());
  api_.update(copy);
}

void NodeLifecycle::collectOrphans(const std::string& nodeName) {
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", "node lifecycle controller");
  auto& api = api_;
  if (store_.get<Node>("", nodeName)) return;  // registered again meanwhile
  std::vector<std::string> keys(store_.podsOnNode(nodeName).begin(), store_.podsOnNode(nodeName).end());
  for (const auto& key : keys) {
    auto [ns, name] = splitKey(key);
    auto pod = store_.get<Pod>(ns, name);
    if (!pod || pod->spec.nodeName != nodeName) continue;
    auto copy = std::make_shared<Pod>(*pod);
    setPodCondition(*copy, {"DisruptionTarget", "True", "DeletionByPodGC", "PodGC: node no longer exists", kNoTime,
                            seconds(timers_.now())});
    if (!podFinished(*copy)) copy->status.phase = "Failed";
    api.updateStatus(*copy);
    DeleteOptions force;
    force.gracePeriodSeconds = 0;
    api.remove(*resourceForKind("Pod"), ns, name, force);
  }
}

}  // namespace kp
