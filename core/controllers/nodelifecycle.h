// The node lifecycle controller, the taint eviction controller and the orphaned-pod part of the
// pod garbage collector, as kube-controller-manager 1.32 runs them: every node-monitor-period it
// looks at each node's Lease (kube-node-lease/<node>, which the kubelet renews); a node whose
// lease is older than node-monitor-grace-period turns Unknown, gets the unreachable taints, its
// pods are marked not ready and deleted once their NoExecute tolerations run out; a node whose
// lease is fresh again and that is Ready loses the unreachable taints.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/api/types.h"
#include "core/base/workqueue.h"

namespace kp {

struct ComponentParts;
class ApiWriter;
class Rng;
class Store;
class Timers;
struct WatchEvent;

class NodeLifecycle {
 public:
  // kube-controller-manager defaults (1.32): --node-monitor-period and
  // --node-monitor-grace-period (raised from 40 s to 50 s in 1.32); pod GC runs every 20 s and
  // waits 40 s before deleting the pods of a node that is gone.
  static constexpr Time kMonitorPeriod = 5000;
  static constexpr Time kGracePeriod = 50000;
  static constexpr Time kPodGcPeriod = 20000;
  static constexpr Time kPodGcQuarantine = 40000;

  explicit NodeLifecycle(const ComponentParts& parts);
  // Runs queued taint-eviction checks; returns whether any work was done.
  bool processAll();

 private:
  struct Eviction {
    uint64_t seq = 0;
    Time createdAt = 0, fireAt = 0;
    std::string uid;
  };
  void onEvent(const WatchEvent& e);
  // One pass of the node monitor (every kMonitorPeriod), and what it does to one node.
  void monitor();
  void markUnknown(const Node& node);
  void clearUnreachable(const Node& node);
  void processPod(const std::string& key);
  void evict(const std::string& key, uint64_t seq);
  void cancelEviction(const std::string& key, bool withEvent);
  void collectOrphans(const std::string& node);

  const Store& store_;
  ApiWriter& api_;
  Timers& timers_;
  Rng& rng_;
  std::map<std::string, Time> renewed_;  // node -> when its lease was last seen renewed
  std::map<std::string, std::vector<Taint>> noExecute_;  // node -> NoExecute taints last seen
  std::map<std::string, Eviction> evictions_;  // pod key -> scheduled deletion
  WorkQueue podQueue_;
  uint64_t seq_ = 0;
};

}  // namespace kp
