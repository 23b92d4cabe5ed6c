// DefaultPreemption's dry run: for every node the filters did not rule out for good, remove all
// lower-priority pods, check that the pod then fits, and give back (reprieve) the most
// important of them as long as it still fits. The candidate with the least important victims,
// then the smallest sum of priorities, then the fewest victims wins (pickOneNodeForPreemption,
// without its PodDisruptionBudget and start-time criteria).
#include "core/scheduler/preemption.h"

#include <algorithm>
#include <climits>

#include "core/api/podutil.h"

namespace kp {

namespace {

std::string histogram(const std::map<std::string, int>& counts) {
  std::vector<std::string> parts;
  for (const auto& [r, c] : counts) parts.push_back(std::to_string(c) + " " + r);
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (size_t i = 0; i < parts.size(); i++) out += (i ? ", " : "") + parts[i];
  return out;
}

// More important first: higher priority, then the pod that started earlier (MoreImportantPod).
bool moreImportant(const PodInfoPtr& a, const PodInfoPtr& b) {
  if (a->priority != b->priority) return a->priority > b->priority;
  Time sa = a->pod->status.startTime, sb = b->pod->status.startTime;
  if (sa != sb) return sa != kNoTime && (sb == kNoTime || sa < sb);
  return a->key < b->key;
}

}  // namespace

std::string DefaultPreemption::ineligibility(const PodInfo& pod, const NodeStatuses& statuses,
                                             const SchedulerView& view) const {
  if (pod.pod->spec.preemptionPolicy == "Never") return "not eligible due to preemptionPolicy=Never.";
  const std::string& nominated = pod.pod->status.nominatedNodeName;
  if (nominated.empty()) return "";
  // A nominated node the filters now rule out for good: preempting again is allowed.
  auto st = statuses.find(nominated);
  if (st != statuses.end() && st->second.code == Code::UnschedulableAndUnresolvable) return "";
  for (const NodeInfo* n : view.nodes) {
    if (n->name != nominated) continue;
    for (const auto& p : n->pods)
      if (podTerminating(*p->pod) && p->priority < pod.priority)
        return "not eligible due to a terminating pod on the nominated node.";
  }
  return "";
}

PluginStatus DefaultPreemption::selectVictims(const PodInfo& pod, const NodeInfo& node, const RunFilters& runFilters,
                                        std::vector<PodInfoPtr>& victims) const {
  std::vector<PodInfoPtr> potential;
  for (const auto& p : node.pods)
    if (p->priority < pod.priority) potential.push_back(p);
  if (potential.empty()) return PluginStatus::unresolvable("No preemption victims found for incoming pod");
  NodeInfo trial = node;
  for (const auto& p : potential) trial.removePod(p->key);
  if (PluginStatus s = runFilters(pod, trial); !s.isSuccess()) return s;
  std::sort(potential.begin(), potential.end(), moreImportant);
  for (const auto& p : potential) {
    trial.addPod(p);
    if (!runFilters(pod, trial).isSuccess()) {
      trial.removePod(p->key);
      victims.push_back(p);
    }
  }
  return PluginStatus::ok();
}

PreemptionResult DefaultPreemption::postFilter(const PodInfo& pod, const NodeStatuses& statuses,
                                               const SchedulerView& view, const RunFilters& runFilters) const {
  PreemptionResult result;
  if (std::string why = ineligibility(pod, statuses, view); !why.empty()) {
    result.status = PluginStatus::unschedulable("preemption: " + why);
    return result;
  }
  std::map<std::string, int> reasons;
  const NodeInfo* best = nullptr;
  std::vector<PodInfoPtr> bestVictims;
  auto key = [](const std::vector<PodInfoPtr>& v) {
    int64_t highest = LLONG_MIN, sum = 0;
    for (const auto& p : v) highest = std::max<int64_t>(highest, p->priority), sum += int64_t(p->priority) + INT_MAX + 1LL;
    return std::make_tuple(highest, sum, v.size());
  };
  for (const NodeInfo* n : view.nodes) {
    auto st = statuses.find(n->name);
    if (st == statuses.end() || st->second.code == Code::UnschedulableAndUnresolvable) {
      reasons["Preemption is not helpful for scheduling"]++;
      continue;
    }
    std::vector<PodInfoPtr> victims;
    PluginStatus s = selectVictims(pod, *n, runFilters, victims);
    if (!s.isSuccess()) {
      for (const auto& r : s.reasons) reasons[r]++;
      continue;
    }
    if (!best || key(victims) < key(bestVictims)) best = n, bestVictims = std::move(victims);
  }
  if (!best) {
    result.status = PluginStatus::unschedulable("preemption: 0/" + std::to_string(view.nodes.size()) +
                                          " nodes are available: " + histogram(reasons) + ".");
    return result;
  }
  result.nominatedNode = best->name;
  result.victims = std::move(bestVictims);
  auto it = view.nominated.find(best->name);
  if (it != view.nominated.end())
    for (const auto& p : it->second)
      if (p->priority < pod.priority && p->key != pod.key) result.demoted.push_back(p);
  return result;
}

}  // namespace kp
