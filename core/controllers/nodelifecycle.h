// The node lifecycle controller, the taint eviction controller and the orphaned-pod part of the
// pod garbage collector, as kube-controller-manager 1.32 runs them: a node whose kubelet stops
// posting status turns Unknown after node-monitor-grace-period, gets the unreachable taints, its
// pods are marked not ready and deleted once their NoExecute tolerations run out.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/api/types.h"
#include "core/base/workqueue.h"

namespace kp {

class Cluster;
struct WatchEvent;

class NodeLifecycle {
 public:
  // kube-controller-manager defaults (1.32): --node-monitor-period and
  // --node-monitor-grace-period (raised from 40 s to 50 s in 1.32); the kubelet renews its
  // lease every 10 s (a quarter of the 40 s lease duration); pod GC runs every 20 s and waits
  // 40 s before deleting the pods of a node that is gone.
  static constexpr Time kMonitorPeriod = 5000;
  static constexpr Time kGracePeriod = 50000;
  static constexpr Time kLeaseRenew = 10000;
  static constexpr Time kPodGcPeriod = 20000;
  static constexpr Time kPodGcQuarantine = 40000;

  explicit NodeLifecycle(Cluster& cluster);
  // Runs queued taint-eviction checks; returns whether any work was done.
  bool processAll();

  // The machine under a node went down or came back (minikube node stop/start).
  void machineStopped(const std::string& node);
  void machineStarted(const std::string& node);
  bool machineRunning(const std::string& node) const { return !stopped_.count(node); }

 private:
  struct Eviction {
    uint64_t seq = 0;
    Time createdAt = 0, fireAt = 0;
    std::string uid;
  };
  void onEvent(const WatchEvent& e);
  void monitorStopped(const std::string& node, uint64_t gen);
  void monitorStarted(const std::string& node, uint64_t gen);
  void processPod(const std::string& key);
  void evict(const std::string& key, uint64_t seq);
  void cancelEviction(const std::string& key, bool withEvent);
  void collectOrphans(const std::string& node);

  Cluster& cluster_;
  std::set<std::string> stopped_;
  std::map<std::string, uint64_t> generation_;  // node -> bumped on every stop/start
  std::map<std::string, std::vector<Taint>> noExecute_;  // node -> NoExecute taints last seen
  std::map<std::string, Eviction> evictions_;  // pod key -> scheduled deletion
  WorkQueue podQueue_;
  uint64_t seq_ = 0;
};

}  // namespace kp
