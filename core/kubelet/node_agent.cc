// The kubelet's side of node health: from the moment its Node exists, it renews the node's
// Lease in kube-node-lease every 10 s while the machine runs (the node lifecycle controller
// reads those leases), and when the machine comes back it starts again: "Starting kubelet.",
// the node's conditions back to healthy with their transition events, a fresh lease, and the
// pods bound there set up again.
#include "core/api/json.h"
#include "core/apiserver/activity.h"
#include "core/apiserver/store.h"
#include "core/kubelet/kubelet.h"

namespace kp {

namespace {
Time seconds(Time t) { return t / 1000 * 1000; }
}  // namespace

void Kubelets::onNodeEvent(const WatchEvent& e) {
  const std::string& name = e.object->metadata.name;
  if (e.type == WatchType::Deleted) {
    leaseLoops_[name]++;  // the loop of a deleted node stops
    return;
  }
  if (e.type == WatchType::Added) renewLease(name, ++leaseLoops_[name]);
}

void Kubelets::renewLease(const std::string& nodeName, uint64_t generation) {
  if (leaseLoops_[nodeName] != generation || stoppedNodes_.count(nodeName)) return;
  auto node = store_.get<Node>("", nodeName);
  if (!node) return;
  auto current = store_.get<Lease>("kube-node-lease", nodeName);
  auto lease = current ? std::make_shared<Lease>(*current) : std::make_shared<Lease>();
  lease->renewTime = timers_.now();
  if (current) {
    api_.update(lease);
  } else {
    lease->metadata.namespace_ = "kube-node-lease";
    lease->metadata.name = nodeName;
    lease->metadata.ownerReferences = {{"v1", "Node", nodeName, node->metadata.uid, false, false}};
    lease->holderIdentity = nodeName;
    lease->leaseDurationSeconds = kLeaseDurationSeconds;
    api_.create(lease);
  }
  timers_.after(kLeaseRenewInterval, [this, nodeName, generation] { renewLease(nodeName, generation); });
}

void Kubelets::postReady(const Node& node) {
  const std::string& nodeName = node.metadata.name;
  Time now = seconds(timers_.now());
  api_.event(node, "Normal", "Starting", "Starting kubelet.", "kubelet", nodeName);
  api_.event(node, "Normal", "NodeAllocatableEnforced", "Updated Node Allocatable limit across pods", "kubelet", nodeName);
  auto copy = std::make_shared<Node>(node);
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
  api_.updateStatus(*copy);
  for (const auto& t : transitions)
    api_.event(node, "Normal", t, "Node " + nodeName + " status is now: " + t, "kubelet", nodeName);
}

void Kubelets::startNode(const std::string& nodeName) {
  if (!stoppedNodes_.erase(nodeName)) return;
  auto node = store_.get<Node>("", nodeName);
  if (!node) return;
  ActivityLog::Scope scope(api_.activity(), "kubelet/" + nodeName, "kubelet", "Node " + nodeName);
  postReady(*node);
  renewLease(nodeName, ++leaseLoops_[nodeName]);
  for (const auto& key : store_.podsOnNode(nodeName)) queue_.add(key);
}

}  // namespace kp
