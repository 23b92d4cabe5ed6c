// The scheduling cycle of kube-scheduler's default profile, reduced to the plugins a learner
// meets. Feasible nodes are searched from a rotating start and, on large clusters, only until
// percentageOfNodesToScore of them are found, as the real scheduler does.
#include "core/scheduler/scheduler.h"

#include <algorithm>

#include "core/api/podutil.h"
#include "core/api/quantity.h"
#include "core/api/affinity.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/activity.h"
#include "core/apiserver/store.h"

namespace kp {

namespace {

struct Requests {
  int64_t cpuMilli = 0, memoryBytes = 0;
};

Requests podRequests(const Pod& p) {
  Requests r;
  auto add = [](const StringMap& m, const char* k) -> int64_t {
    auto it = m.find(k);
    if (it == m.end()) return 0;
    return parseQuantityMilli(it->second).value_or(0);
  };
  for (const auto& c : p.spec.containers) {
    r.cpuMilli += add(c.resources.requests, "cpu");
    r.memoryBytes += add(c.resources.requests, "memory") / 1000;
  }
  for (const auto& c : p.spec.initContainers) {
    r.cpuMilli = std::max(r.cpuMilli, add(c.resources.requests, "cpu"));
    r.memoryBytes = std::max(r.memoryBytes, add(c.resources.requests, "memory") / 1000);
  }
  return r;
}

int64_t allocatable(const Node& n, const char* k, bool milli) {
  auto it = n.status.allocatable.find(k);
  if (it == n.status.allocatable.end()) return 0;
  int64_t v = parseQuantityMilli(it->second).value_or(0);
  return milli ? v : v / 1000;
}

bool tolerates(const Pod& p, const Taint& t) {
  for (const auto& tol : p.spec.tolerations) {
    if (!tol.effect.empty() && tol.effect != t.effect) continue;
    if (tol.key.empty() && tol.op == "Exists") return true;
    if (tol.key != t.key) continue;
    if (tol.op == "Exists") return true;
    if (tol.value == t.value) return true;
  }
  return false;
}

std::string podKey(const Object& o) { return o.metadata.namespace_ + "/" + o.metadata.name; }

}  // namespace

Scheduler::Scheduler(const ComponentParts& parts)
    : store_(parts.store), api_(parts.api), timers_(parts.timers), rng_(parts.rng) {
  store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
}

const Scheduler::NodeUsage* Scheduler::usage(const std::string& node) const {
  auto it = usage_.find(node);
  return it == usage_.end() ? nullptr : &it->second;
}

void Scheduler::account(const Pod& pod, int sign) {
  auto& u = usage_[pod.spec.nodeName];
  Requests r = podRequests(pod);
  u.cpuMilli += sign * r.cpuMilli;
  u.memoryBytes += sign * r.memoryBytes;
  u.pods += sign;
  if (auto* ref = pod.metadata.controllerRef()) {
    int& n = u.byOwner[ref->uid];
    n += sign;
    if (n <= 0) u.byOwner.erase(ref->uid);
  }
}

void Scheduler::onEvent(const WatchEvent& e) {
  const std::string& kind = e.resource->kind;
  if (kind == "Pod") {
    const auto& pod = static_cast<const Pod&>(*e.object);
    std::string key = podKey(pod);
    // Resource accounting: a pod occupies its node until it is deleted or finishes.
    std::string want = e.type != WatchType::Deleted && !pod.spec.nodeName.empty() && !podFinished(pod) ? pod.spec.nodeName : "";
    auto it = accountedOn_.find(key);
    std::string have = it == accountedOn_.end() ? "" : it->second;
    if (want != have || (e.old && want == have && !want.empty() && e.old->metadata.uid != pod.metadata.uid)) {
      if (!have.empty() && e.old) account(static_cast<const Pod&>(*e.old), -1);
      else if (!have.empty()) account(pod, -1);
      if (!want.empty()) {
        account(pod, +1);
        accountedOn_[key] = want;
      } else {
        accountedOn_.erase(key);
      }
    }
    if (e.type == WatchType::Deleted || (want.empty() && !have.empty())) {
      // Freed capacity: every waiting pod gets another try.
      for (const auto& k : unschedulable_) active_.add(k);
      unschedulable_.clear();
    }
    if (e.type != WatchType::Deleted && pod.spec.nodeName.empty() && !podTerminating(pod) &&
        pod.spec.schedulerName == "default-scheduler" && !unschedulable_.count(key))
      active_.add(key);
    if (e.type == WatchType::Deleted) unschedulable_.erase(key);
  } else if (kind == "Node") {
    refreshNode(std::static_pointer_cast<const Node>(e.object), e.type == WatchType::Deleted);
    if (e.type == WatchType::Deleted) usage_.erase(e.object->metadata.name);
    for (const auto& k : unschedulable_) active_.add(k);
    unschedulable_.clear();
  }
}

void Scheduler::refreshNode(const std::shared_ptr<const Node>& node, bool removed) {
  auto it = std::lower_bound(nodes_.begin(), nodes_.end(), node->metadata.name,
                             [](const NodeInfo& a, const std::string& n) { return a.node->metadata.name < n; });
  bool found = it != nodes_.end() && it->node->metadata.name == node->metadata.name;
  if (removed) {
    if (found) nodes_.erase(it);
    return;
  }
  NodeInfo info{node, allocatable(*node, "cpu", true), allocatable(*node, "memory", false), allocatable(*node, "pods", false)};
  if (found) *it = info;
  else nodes_.insert(it, info);
}

bool Scheduler::scheduleAll() {
  if (active_.empty()) return false;
  while (!active_.empty()) scheduleOne(active_.pop());
  return true;
}

void Scheduler::scheduleOne(const std::string& key) {
  ActivityLog::Scope activityScope(api_.activity(), "kube-scheduler", "scheduler");
  auto& api = api_;
  auto& store = store_;
  auto [ns, name] = splitKey(key);
  auto pod = store.get<Pod>(ns, name);
  if (!pod || !pod->spec.nodeName.empty() || podTerminating(*pod)) return;
  Requests req = podRequests(*pod);
  size_t n = nodes_.size();
  // percentageOfNodesToScore: adaptive, at least 100 nodes or 5%.
  size_t toFind = n;
  if (n >= 100) {
    long pct = std::max(5L, 50L - static_cast<long>(n) / 125);
    toFind = std::max<size_t>(100, n * static_cast<size_t>(pct) / 100);
  }
  std::map<std::string, int> reasons;           // reason -> node count
  std::map<std::string, bool> unresolvable;     // reason -> preemption can't help
  std::vector<const NodeInfo*> feasible;
  const std::string ownerUid = pod->metadata.controllerRef() ? pod->metadata.controllerRef()->uid : "";
  size_t start = n ? nextStartNode_ % n : 0;
  size_t visited = 0;
  for (; visited < n && feasible.size() < toFind; visited++) {
    const NodeInfo& info = nodes_[(start + visited) % n];
    const auto& node = info.node;
    const auto& nn = node->metadata.name;
    if (node->spec.unschedulable) {
      bool tol = false;
      for (const auto& t : pod->spec.tolerations)
        if (t.key == "node.kubernetes.io/unschedulable" && (t.effect.empty() || t.effect == "NoSchedule")) tol = true;
      if (!tol) {
        reasons["node(s) were unschedulable"]++;
        unresolvable["node(s) were unschedulable"] = true;
        continue;
      }
    }
    if (!pod->spec.nodeName.empty() && pod->spec.nodeName != nn) {
      reasons["node(s) didn't match the requested node name"]++;
      unresolvable["node(s) didn't match the requested node name"] = true;
      continue;
    }
    const Taint* bad = nullptr;
    for (const auto& t : node->spec.taints)
      if ((t.effect == "NoSchedule" || t.effect == "NoExecute") && !tolerates(*pod, t)) {
        bad = &t;
        break;
      }
    if (bad) {
      std::string r = "node(s) had untolerated taint {" + bad->key + ": " + bad->value + "}";
      reasons[r]++;
      unresolvable[r] = true;
      continue;
    }
    bool selectorOk = requiredNodeAffinityMatches(*pod, *node);
    for (const auto& [k, v] : pod->spec.nodeSelector) {
      auto it = node->metadata.labels.find(k);
      if (it == node->metadata.labels.end() || it->second != v) selectorOk = false;
    }
    if (!selectorOk) {
      reasons["node(s) didn't match Pod's node affinity/selector"]++;
      unresolvable["node(s) didn't match Pod's node affinity/selector"] = true;
      continue;
    }
    const NodeUsage* u = usage(nn);
    NodeUsage none;
    if (!u) u = &none;
    bool fits = true;
    if (u->pods + 1 > info.pods) {
      reasons["Too many pods"]++;
      fits = false;
    }
    if (req.cpuMilli > 0 && u->cpuMilli + req.cpuMilli > info.cpuMilli) {
      reasons["Insufficient cpu"]++;
      fits = false;
    }
    if (req.memoryBytes > 0 && u->memoryBytes + req.memoryBytes > info.memoryBytes) {
      reasons["Insufficient memory"]++;
      fits = false;
    }
    if (!fits) continue;
    feasible.push_back(&info);
  }
  nextStartNode_ = n ? (start + visited) % n : 0;

  if (feasible.empty()) {
    std::vector<std::string> parts, preempt;
    int notHelpful = 0, noVictims = 0;
    for (const auto& [r, count] : reasons) {
      parts.push_back(std::to_string(count) + " " + r);
      (unresolvable[r] ? notHelpful : noVictims) += count;
    }
    std::sort(parts.begin(), parts.end());
    std::string msg = "0/" + std::to_string(n) + " nodes are available";
    if (!parts.empty()) {
      msg += ": ";
      for (size_t i = 0; i < parts.size(); i++) msg += (i ? ", " : "") + parts[i];
    }
    msg += ".";
    if (n > 0) {
      if (notHelpful) preempt.push_back(std::to_string(notHelpful) + " Preemption is not helpful for scheduling");
      if (noVictims) preempt.push_back(std::to_string(noVictims) + " No preemption victims found for incoming pod");
      std::sort(preempt.begin(), preempt.end());
      msg += " preemption: 0/" + std::to_string(n) + " nodes are available: ";
      for (size_t i = 0; i < preempt.size(); i++) msg += (i ? ", " : "") + preempt[i];
      msg += ".";
    } else {
      msg = "no nodes available to schedule pods";
    }
    unschedulable_.insert(key);
    auto copy = std::make_shared<Pod>(*pod);
    PodCondition c{"PodScheduled", "False", "Unschedulable", msg, kNoTime, timers_.now() / 1000 * 1000};
    bool found = false;
    for (auto& pc : copy->status.conditions)
      if (pc.type == "PodScheduled") {
        if (pc.status == "False") c.lastTransitionTime = pc.lastTransitionTime;
        pc = c;
        found = true;
      }
    if (!found) copy->status.conditions.push_back(c);
    api.updateStatus(*copy);
    api.event(*pod, "Warning", "FailedScheduling", msg, "default-scheduler");
    // The scheduler flushes unschedulable pods back to the queue at least every 5 minutes.
    timers_.after(300000, [this, key] {
      if (unschedulable_.erase(key)) active_.add(key);
    });
    return;
  }

  // Score: spread the owner's pods (PodTopologySpread's default constraints, weight 2) and
  // prefer the least allocated node (weight 1); ties are broken at random like selectHost.
  double best = -1;
  std::vector<const NodeInfo*> top;
  int maxOwned = 0;
  for (const NodeInfo* info : feasible) {
    const NodeUsage* u = usage(info->node->metadata.name);
    if (u && !ownerUid.empty()) {
      auto it = u->byOwner.find(ownerUid);
      if (it != u->byOwner.end()) maxOwned = std::max(maxOwned, it->second);
    }
  }
  for (const NodeInfo* info : feasible) {
    const NodeUsage* u = usage(info->node->metadata.name);
    int owned = 0;
    if (u && !ownerUid.empty()) {
      auto it = u->byOwner.find(ownerUid);
      if (it != u->byOwner.end()) owned = it->second;
    }
    double spread = maxOwned == 0 ? 100.0 : 100.0 * (maxOwned - owned) / maxOwned;
    double cpuCap = static_cast<double>(std::max<int64_t>(1, info->cpuMilli));
    double memCap = static_cast<double>(std::max<int64_t>(1, info->memoryBytes));
    double cpuUsed = (u ? u->cpuMilli : 0) + req.cpuMilli, memUsed = (u ? u->memoryBytes : 0) + req.memoryBytes;
    double least = 50.0 * ((cpuCap - cpuUsed) / cpuCap + (memCap - memUsed) / memCap);
    double score = std::floor(2 * spread + least);
    if (score > best) {
      best = score;
      top.clear();
    }
    if (score == best) top.push_back(info);
  }
  const auto& chosen = top[rng_.below(top.size())]->node;
  auto copy = std::make_shared<Pod>(*pod);
  copy->spec.nodeName = chosen->metadata.name;
  PodCondition c{"PodScheduled", "True", "", "", kNoTime, timers_.now() / 1000 * 1000};
  bool found = false;
  for (auto& pc : copy->status.conditions)
    if (pc.type == "PodScheduled") pc = c, found = true;
  if (!found) copy->status.conditions.push_back(c);
  if (api.update(copy).ok())
    api.event(*pod, "Normal", "Scheduled",
              "Successfully assigned " + ns + "/" + name + " to " + chosen->metadata.name, "default-scheduler");
}

}  // namespace kp
