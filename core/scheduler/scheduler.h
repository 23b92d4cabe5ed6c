// kube-scheduler: a queue of unscheduled pods, Filter plugins (NodeUnschedulable, NodeName,
// TaintToleration, NodeAffinity/NodeSelector, NodeResourcesFit) and Score plugins (spreading
// the pods of one owner, least allocated), with the real failure message
// ("0/4 nodes are available: ...") and a retry when the cluster changes.
#pragma once
#include <map>
#include <set>
#include <string>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/base/workqueue.h"

namespace kp {

struct ComponentParts;
class ApiWriter;
class Rng;
class Store;
class Timers;
struct WatchEvent;
struct Pod;
struct Node;

class Scheduler {
 public:
  explicit Scheduler(const ComponentParts& parts);
  // Schedules every queued pod; returns whether any work was done.
  bool scheduleAll();

  // What is requested on a node (cpu milli, memory bytes, pod count), for describe and the UI.
  struct NodeUsage {
    int64_t cpuMilli = 0, memoryBytes = 0;
    int pods = 0;
    std::unordered_map<std::string, int> byOwner;  // controller uid -> pods here
  };
  const NodeUsage* usage(const std::string& node) const;

 private:
  void onEvent(const WatchEvent& e);
  void scheduleOne(const std::string& key);
  void account(const Pod& pod, int sign);

  // The scheduler's node cache: nodes with their allocatable parsed once per change.
  struct NodeInfo {
    std::shared_ptr<const Node> node;
    int64_t cpuMilli = 0, memoryBytes = 0, pods = 0;
  };
  void refreshNode(const std::shared_ptr<const Node>& node, bool removed);

  const Store& store_;
  ApiWriter& api_;
  Timers& timers_;
  Rng& rng_;
  std::vector<NodeInfo> nodes_;  // in name order
  WorkQueue active_;
  std::set<std::string> unschedulable_;  // waiting for a cluster change
  std::map<std::string, NodeUsage> usage_;
  std::map<std::string, std::string> accountedOn_;  // pod key -> node it is accounted on
  size_t nextStartNode_ = 0;
};

}  // namespace kp
