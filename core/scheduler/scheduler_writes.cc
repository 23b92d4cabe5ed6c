// What the scheduler writes through the API: the binding (nodeName and PodScheduled=True with
// the Scheduled event), the failure (PodScheduled=False, the FailedScheduling event, the
// nominated node of a preemption) and the preemption itself (each victim marked
// DisruptionTarget, told with a Preempted event and deleted), as schedule_one.go and
// preemption.go do them.
#include "core/api/podutil.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/store.h"
#include "core/scheduler/scheduler.h"

namespace kp {

namespace {

// The condition as the scheduler sets it: a transition time only when the status changes.
void setScheduledCondition(Pod& pod, PodCondition c) {
  bool found = false;
  for (auto& pc : pod.status.conditions)
    if (pc.type == "PodScheduled") {
      if (c.status == "False" && pc.status == "False") c.lastTransitionTime = pc.lastTransitionTime;
      pc = c;
      found = true;
    }
  if (!found) pod.status.conditions.push_back(c);
}

bool sameConditions(const std::vector<PodCondition>& a, const std::vector<PodCondition>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++)
    if (a[i].type != b[i].type || a[i].status != b[i].status || a[i].reason != b[i].reason ||
        a[i].message != b[i].message || a[i].lastTransitionTime != b[i].lastTransitionTime ||
        a[i].lastProbeTime != b[i].lastProbeTime)
      return false;
  return true;
}

}  // namespace

void Scheduler::recordFailure(const PodInfo& info, const std::string& message, const std::set<std::string>& plugins,
                              const PreemptionResult* preemption) {
  const Pod& pod = *info.pod;
  std::string key = info.key;
  park(key, info.priority, plugins);
  auto copy = std::make_shared<Pod>(pod);
  setScheduledCondition(*copy, {"PodScheduled", "False", "Unschedulable", message, kNoTime, timers_.now() / 1000 * 1000});
  if (preemption) copy->status.nominatedNodeName = preemption->nominatedNode;
  // The status is written only when it changes (a retry with the same verdict writes nothing).
  if (!sameConditions(copy->status.conditions, pod.status.conditions) || copy->status.nominatedNodeName != pod.status.nominatedNodeName)
    api_.updateStatus(*copy);
  api_.event(pod, "Warning", "FailedScheduling", message, "default-scheduler");
}

void Scheduler::preempt(const PodInfo& preemptor, const PreemptionResult& result) {
  static const ResourceInfo* pods = resourceForKind("Pod");
  const std::string& node = result.nominatedNode;
  for (const auto& victim : result.victims) {
    auto current = store_.get<Pod>(victim->pod->metadata.namespace_, victim->pod->metadata.name);
    if (!current || current->metadata.uid != victim->pod->metadata.uid) continue;
    auto copy = std::make_shared<Pod>(*current);
    setPodCondition(*copy, {"DisruptionTarget", "True", "PreemptionByScheduler",
                            preemptor.pod->spec.schedulerName + ": preempting to accommodate a higher priority pod",
                            kNoTime, timers_.now() / 1000 * 1000});
    api_.updateStatus(*copy);
    api_.remove(*pods, current->metadata.namespace_, current->metadata.name);
    api_.event(*current, "Normal", "Preempted",
               "Preempted by pod " + preemptor.pod->metadata.uid + " on node " + node, "default-scheduler");
  }
  // Lower-priority pods nominated to the node lose the nomination (and try again).
  for (const auto& p : result.demoted) {
    auto current = store_.get<Pod>(p->pod->metadata.namespace_, p->pod->metadata.name);
    if (!current || current->status.nominatedNodeName != node) continue;
    auto copy = std::make_shared<Pod>(*current);
    copy->status.nominatedNodeName.clear();
    api_.updateStatus(*copy);
  }
}

void Scheduler::bind(const PodInfo& info, const NodeInfo& node) {
  const Pod& pod = *info.pod;
  auto copy = std::make_shared<Pod>(pod);
  copy->spec.nodeName = node.name;
  PodCondition c{"PodScheduled", "True", "", "", kNoTime, timers_.now() / 1000 * 1000};
  bool found = false;
  for (auto& pc : copy->status.conditions)
    if (pc.type == "PodScheduled") pc = c, found = true;
  if (!found) copy->status.conditions.push_back(c);
  if (api_.update(copy).ok())
    api_.event(pod, "Normal", "Scheduled",
               "Successfully assigned " + pod.metadata.namespace_ + "/" + pod.metadata.name + " to " + node.name,
               "default-scheduler");
}

}  // namespace kp
