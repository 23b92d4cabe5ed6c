// kube-scheduler: a queue of unscheduled pods ordered by priority (PrioritySort), a node cache
// fed by the watch, and the scheduling cycle of the framework: PreFilter, Filter (from a
// rotating start, percentageOfNodesToScore), PostFilter (DefaultPreemption), Score and bind.
// A failure carries upstream's message ("0/4 nodes are available: ..."); an unschedulable pod
// waits until a change that may help it (queueing hints by the plugins that rejected it).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/scheduler/framework.h"
#include "core/scheduler/preemption.h"

namespace kp {

struct ComponentParts;
class ApiWriter;
class Rng;
class Store;
class Timers;
struct WatchEvent;

class Scheduler {
 public:
  explicit Scheduler(const ComponentParts& parts);
  ~Scheduler();
  // Schedules the queued pods, at most kAttemptsPerWindow per kWindow of simulated time (the
  // scheduler's throughput: a flood of pods is worked off as the clock runs, and the page keeps
  // drawing); returns whether any work was done.
  bool scheduleAll();
  static constexpr int kAttemptsPerWindow = 1000;
  static constexpr int64_t kWindow = 100;  // ms

  // What is requested on a node (cpu milli, memory bytes, pod count), for describe and the UI.
  struct NodeUsage {
    int64_t cpuMilli = 0, memoryBytes = 0;
    int pods = 0;
  };
  std::optional<NodeUsage> usage(const std::string& node) const;

 private:
  void onEvent(const WatchEvent& e);
  void onPodEvent(const WatchEvent& e);
  void scheduleOne(const std::string& key);
  // The cycle's parts (scheduler.cc).
  PluginStatus runPreFilters(const PodInfo& pod, const SchedulerView& view);
  PluginStatus runFilters(const PodInfo& pod, const NodeInfo& node) const;
  std::vector<const NodeInfo*> findFeasible(const PodInfo& pod, NodeStatuses& statuses);
  const NodeInfo* selectHost(const PodInfo& pod, const std::vector<const NodeInfo*>& feasible, const SchedulerView& view);
  void recordFailure(const PodInfo& pod, const std::string& message, const std::set<std::string>& plugins,
                     const PreemptionResult* preemption);
  void preempt(const PodInfo& pod, const PreemptionResult& result);
  void bind(const PodInfo& pod, const NodeInfo& node);

  // The queue: active pods by (higher priority, earlier arrival); unschedulable pods with the
  // plugins that rejected them, moved back when an event may help (or after 5 minutes).
  // Requeues ask for a move; the moves happen once, at the start of the next cycle, so a burst
  // of events costs one pass over the waiting pods rather than one per event.
  void enqueue(const std::string& key, int32_t priority);
  void requeueUnschedulable(const char* plugin);  // nullptr: every pod
  void moveRequeued();
  void park(const std::string& key, int32_t priority, std::set<std::string> plugins);
  void unpark(const std::string& key);
  void armLeftoverFlush();
  std::string popActive();

  void refreshNode(const std::shared_ptr<const Node>& node, bool removed);
  NodeInfo& entry(const std::string& node);
  SchedulerView view() const { return {store_, nodes_, nominated_}; }

  const Store& store_;
  ApiWriter& api_;
  Timers& timers_;
  Rng& rng_;
  std::vector<std::unique_ptr<Plugin>> plugins_;
  std::vector<bool> skipFilter_;  // per plugin, for the current cycle
  DefaultPreemption preemption_;

  std::map<std::string, NodeInfo> cache_;     // by node name; entries stay put
  std::vector<const NodeInfo*> nodes_;        // the entries with a node, in name order
  std::unordered_map<std::string, std::string> accountedOn_;  // pod key -> node it is counted on
  std::map<std::string, std::vector<PodInfoPtr>> nominated_;  // node -> pods nominated there
  std::unordered_map<std::string, std::string> nominatedOn_;  // pod key -> nominated node

  std::set<std::tuple<int64_t, uint64_t, std::string>> active_;  // (-priority, seq, key)
  std::unordered_map<std::string, std::tuple<int64_t, uint64_t, std::string>> activeIndex_;
  uint64_t seq_ = 0;
  struct Waiting {
    int32_t priority = 0;
    std::set<std::string> plugins;  // the plugins that rejected the pod ("" for any)
    int64_t since = 0;              // when it was parked
  };
  std::map<std::string, Waiting> unschedulable_;  // pod key -> why it waits
  std::map<std::string, std::set<std::string>> waitingFor_;  // plugin -> pods it rejected
  bool requeueAll_ = false;
  std::set<std::string> requeuePlugins_;
  int64_t flushAt_ = -1;  // when the leftover flush timer fires (-1: none)
  int64_t windowStart_ = -1, wakeAt_ = -1;
  int attempts_ = 0;
  size_t nextStartNode_ = 0;
};

}  // namespace kp
