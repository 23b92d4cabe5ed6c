// DefaultPreemption, the default profile's PostFilter (pkg/scheduler/framework/plugins/
// defaultpreemption and framework/preemption): when no node fits, find the node where evicting
// the fewest, least important lower-priority pods makes the pod fit, and say so in upstream's
// words when there is none ("preemption: 0/4 nodes are available: ...").
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/scheduler/framework.h"

namespace kp {

struct PreemptionResult {
  PluginStatus status;                 // Success with a nominated node, or why not (message in reasons)
  std::string nominatedNode;     // where the pod goes once the victims are gone
  std::vector<PodInfoPtr> victims;
  std::vector<PodInfoPtr> demoted;  // lower-priority pods nominated there, to un-nominate
};

class DefaultPreemption {
 public:
  // Runs every enabled filter of the current cycle on a (possibly modified) node.
  using RunFilters = std::function<PluginStatus(const PodInfo&, const NodeInfo&)>;
  PreemptionResult postFilter(const PodInfo& pod, const NodeStatuses& statuses, const SchedulerView& view,
                              const RunFilters& runFilters) const;

 private:
  // PodEligibleToPreemptOthers: "" when the pod may preempt, else upstream's reason.
  std::string ineligibility(const PodInfo& pod, const NodeStatuses& statuses, const SchedulerView& view) const;
  // SelectVictimsOnNode: the pods to evict on `node`, or the status saying why none would do.
  PluginStatus selectVictims(const PodInfo& pod, const NodeInfo& node, const RunFilters& runFilters,
                       std::vector<PodInfoPtr>& victims) const;
};

}  // namespace kp
