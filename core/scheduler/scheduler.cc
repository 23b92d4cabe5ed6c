// The scheduling cycle of kube-scheduler's default profile (schedule_one.go) over the plugins of
// registry.cc, the node cache kept from the watch, and the scheduling queue. Feasible nodes are
// searched from a rotating start and, on large clusters, only until percentageOfNodesToScore of
// them are found, as the real scheduler does.
#include "core/scheduler/scheduler.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/api/podutil.h"
#include "core/api/quantity.h"
#include "core/apiserver/activity.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/store.h"

namespace kp {

namespace {

int64_t allocatable(const Node& n, const char* k, bool milli) {
  int64_t v = parseMilli(n.status.allocatable, k);
  return milli ? v : v / 1000;
}

std::string podKey(const Object& o) { return o.metadata.namespace_ + "/" + o.metadata.name; }

// FitError's histogram: "N reason" per distinct reason over the nodes, sorted as text.
std::string reasonHistogram(const NodeStatuses& statuses) {
  std::map<std::string, int> counts;
  for (const auto& [node, s] : statuses)
    for (const auto& r : s.reasons) counts[r]++;
  std::vector<std::string> parts;
  for (const auto& [r, c] : counts) parts.push_back(std::to_string(c) + " " + r);
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (size_t i = 0; i < parts.size(); i++) out += (i ? ", " : "") + parts[i];
  return out;
}

}  // namespace

Scheduler::Scheduler(const ComponentParts& parts)
    : store_(parts.store), api_(parts.api), timers_(parts.timers), rng_(parts.rng), plugins_(defaultPlugins()) {
  skipFilter_.assign(plugins_.size(), false);
  store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
}

Scheduler::~Scheduler() = default;

std::optional<Scheduler::NodeUsage> Scheduler::usage(const std::string& node) const {
  auto it = cache_.find(node);
  if (it == cache_.end()) return std::nullopt;
  return NodeUsage{it->second.cpuMilli, it->second.memoryBytes, static_cast<int>(it->second.pods.size())};
}

NodeInfo& Scheduler::entry(const std::string& node) {
  NodeInfo& n = cache_[node];
  n.name = node;
  return n;
}

// ---- The queue ----

void Scheduler::enqueue(const std::string& key, int32_t priority) {
  if (activeIndex_.count(key)) return;
  auto item = std::make_tuple(-static_cast<int64_t>(priority), seq_++, key);
  active_.insert(item);
  activeIndex_.emplace(key, item);
}

std::string Scheduler::popActive() {
  auto it = active_.begin();
  std::string key = std::get<2>(*it);
  active_.erase(it);
  activeIndex_.erase(key);
  return key;
}

void Scheduler::requeueUnschedulable(const char* plugin) {
  if (unschedulable_.empty()) return;
  if (plugin) requeuePlugins_.insert(plugin);
  else requeueAll_ = true;
}

void Scheduler::moveRequeued() {
  std::vector<std::string> keys;
  if (requeueAll_) {
    for (const auto& [key, _] : unschedulable_) keys.push_back(key);
  } else {
    for (const auto& plugin : requeuePlugins_) {
      auto it = waitingFor_.find(plugin);
      if (it != waitingFor_.end()) keys.insert(keys.end(), it->second.begin(), it->second.end());
    }
  }
  requeueAll_ = false;
  requeuePlugins_.clear();
  for (const auto& key : keys) {
    auto it = unschedulable_.find(key);
    if (it == unschedulable_.end()) continue;
    int32_t priority = it->second.priority;
    unpark(key);
    enqueue(key, priority);
  }
}

void Scheduler::park(const std::string& key, int32_t priority, std::set<std::string> plugins) {
  unpark(key);
  for (const auto& p : plugins) waitingFor_[p].insert(key);
  unschedulable_[key] = Waiting{priority, std::move(plugins), timers_.now()};
  armLeftoverFlush();
}

void Scheduler::unpark(const std::string& key) {
  auto it = unschedulable_.find(key);
  if (it == unschedulable_.end()) return;
  for (const auto& p : it->second.plugins) {
    auto w = waitingFor_.find(p);
    if (w == waitingFor_.end()) continue;
    w->second.erase(key);
    if (w->second.empty()) waitingFor_.erase(w);
  }
  unschedulable_.erase(it);
}

// flushUnschedulablePodsLeftover: a pod parked for 5 minutes goes back to the queue whatever
// happened. One timer for all of them, set for the oldest.
void Scheduler::armLeftoverFlush() {
  static constexpr Time kMaxParked = 300000;
  if (flushAt_ != -1 || unschedulable_.empty()) return;
  Time oldest = timers_.now();
  for (const auto& [_, w] : unschedulable_) oldest = std::min(oldest, w.since);
  flushAt_ = oldest + kMaxParked;
  timers_.at(flushAt_, [this] {
    flushAt_ = -1;
    std::vector<std::pair<std::string, int32_t>> due;
    for (const auto& [key, w] : unschedulable_)
      if (w.since + kMaxParked <= timers_.now()) due.emplace_back(key, w.priority);
    for (const auto& [key, priority] : due) {
      unpark(key);
      enqueue(key, priority);
    }
    armLeftoverFlush();
  });
}

// ---- The cache ----

void Scheduler::onEvent(const WatchEvent& e) {
  const std::string& kind = e.resource->kind;
  if (kind == "Pod") {
    onPodEvent(e);
  } else if (kind == "Node") {
    refreshNode(std::static_pointer_cast<const Node>(e.object), e.type == WatchType::Deleted);
    requeueUnschedulable(nullptr);
  } else if (kind == "PersistentVolumeClaim") {
    requeueUnschedulable("VolumeBinding");
  }
}

void Scheduler::onPodEvent(const WatchEvent& e) {
  auto pod = std::static_pointer_cast<const Pod>(e.object);
  std::string key = podKey(*pod);
  bool deleted = e.type == WatchType::Deleted;
  // Accounting: a pod occupies its node until it is deleted or finishes.
  std::string want = !deleted && !pod->spec.nodeName.empty() && !podFinished(*pod) ? pod->spec.nodeName : "";
  auto it = accountedOn_.find(key);
  std::string have = it == accountedOn_.end() ? "" : it->second;
  const Pod* old = e.old ? static_cast<const Pod*>(e.old.get()) : nullptr;
  bool replaced = old && old->metadata.uid != pod->metadata.uid;
  // What the plugins read of a placed pod beyond its requests: labels (affinity, spreading),
  // deletion (spreading, preemption), start time (victim order).
  bool changed = old && (old->metadata.labels != pod->metadata.labels ||
                         old->metadata.deletionTimestamp != pod->metadata.deletionTimestamp ||
                         old->status.startTime != pod->status.startTime);
  if (want != have || replaced || (changed && !want.empty())) {
    if (!have.empty()) entry(have).removePod(key);
    if (!want.empty()) {
      entry(want).addPod(PodInfo::make(pod));
      accountedOn_[key] = want;
    } else {
      accountedOn_.erase(key);
    }
  }
  // Nominations: a pending pod a preemption made room for counts on that node for others.
  std::string nominated = !deleted && pod->spec.nodeName.empty() && !podTerminating(*pod) ? pod->status.nominatedNodeName : "";
  auto nit = nominatedOn_.find(key);
  std::string wasNominated = nit == nominatedOn_.end() ? "" : nit->second;
  if (nominated != wasNominated || (!nominated.empty() && replaced)) {
    if (!wasNominated.empty()) {
      auto& v = nominated_[wasNominated];
      v.erase(std::remove_if(v.begin(), v.end(), [&](const PodInfoPtr& p) { return p->key == key; }), v.end());
      if (v.empty()) nominated_.erase(wasNominated);
      nominatedOn_.erase(key);
    }
    if (!nominated.empty()) {
      nominated_[nominated].push_back(PodInfo::make(pod));
      nominatedOn_[key] = nominated;
    }
  }
  if (deleted || (want.empty() && !have.empty())) {
    requeueUnschedulable(nullptr);  // freed capacity: every waiting pod gets another try
  } else if (!want.empty() && (want != have || (old && old->metadata.labels != pod->metadata.labels))) {
    // A pod placed or relabelled may satisfy someone's affinity or spreading.
    requeueUnschedulable("InterPodAffinity");
    requeueUnschedulable("PodTopologySpread");
  }
  if (!deleted && pod->spec.nodeName.empty() && !podTerminating(*pod) && pod->spec.schedulerName == "default-scheduler" &&
      !unschedulable_.count(key))
    enqueue(key, pod->spec.priority.value_or(0));
  if (deleted) unpark(key);
}

void Scheduler::refreshNode(const std::shared_ptr<const Node>& node, bool removed) {
  const std::string& name = node->metadata.name;
  if (removed) {
    cache_.erase(name);
  } else {
    NodeInfo& n = entry(name);
    n.node = node;
    n.allocCpuMilli = allocatable(*node, "cpu", true);
    n.allocMemoryBytes = allocatable(*node, "memory", false);
    n.allocPods = allocatable(*node, "pods", false);
  }
  nodes_.clear();
  for (const auto& [_, n] : cache_)
    if (n.node) nodes_.push_back(&n);
}

// ---- The cycle ----

bool Scheduler::scheduleAll() {
  if (requeueAll_ || !requeuePlugins_.empty()) moveRequeued();
  if (active_.empty()) return false;
  const Time now = timers_.now();
  if (windowStart_ == -1 || now >= windowStart_ + kWindow) {
    windowStart_ = now;
    attempts_ = 0;
  }
  bool did = false;
  while (!active_.empty() && attempts_ < kAttemptsPerWindow) {
    attempts_++;
    did = true;
    scheduleOne(popActive());
  }
  if (!active_.empty() && wakeAt_ != windowStart_ + kWindow) {
    // The rest waits for the next window; a timer makes the clock stop there.
    wakeAt_ = windowStart_ + kWindow;
    timers_.at(wakeAt_, [] {});
  }
  return did;
}

PluginStatus Scheduler::runPreFilters(const PodInfo& pod, const SchedulerView& view) {
  for (size_t i = 0; i < plugins_.size(); i++) {
    PluginStatus s = plugins_[i]->preFilter(pod, view);
    skipFilter_[i] = s.code == Code::Skip;
    if (s.isRejected() || s.code == Code::Error) {
      s.plugin = plugins_[i]->name();
      for (size_t j = i + 1; j < plugins_.size(); j++) skipFilter_[j] = true;
      return s;
    }
  }
  return PluginStatus::ok();
}

PluginStatus Scheduler::runFilters(const PodInfo& pod, const NodeInfo& node) const {
  for (size_t i = 0; i < plugins_.size(); i++) {
    if (skipFilter_[i] || !plugins_[i]->hasFilter()) continue;
    PluginStatus s = plugins_[i]->filter(pod, node);
    if (!s.isSuccess()) {
      s.plugin = plugins_[i]->name();
      return s;
    }
  }
  return PluginStatus::ok();
}

std::vector<const NodeInfo*> Scheduler::findFeasible(const PodInfo& pod, NodeStatuses& statuses) {
  std::vector<const NodeInfo*> feasible;
  // A pod a preemption nominated a node for tries that node first (evaluateNominatedNode).
  const std::string& nominated = pod.pod->status.nominatedNodeName;
  if (!nominated.empty()) {
    for (const NodeInfo* n : nodes_)
      if (n->name == nominated && runFilters(pod, *n).isSuccess()) return {n};
  }
  size_t n = nodes_.size();
  // percentageOfNodesToScore: adaptive, at least 100 nodes or 5%.
  size_t toFind = n;
  if (n >= 100) {
    long pct = std::max(5L, 50L - static_cast<long>(n) / 125);
    toFind = std::max<size_t>(100, n * static_cast<size_t>(pct) / 100);
  }
  size_t start = n ? nextStartNode_ % n : 0;
  size_t visited = 0;
  for (; visited < n && feasible.size() < toFind; visited++) {
    const NodeInfo* info = nodes_[(start + visited) % n];
    PluginStatus s = runFilters(pod, *info);
    if (s.isSuccess()) feasible.push_back(info);
    else statuses[info->name] = std::move(s);
  }
  nextStartNode_ = n ? (start + visited) % n : 0;
  return feasible;
}

// Score: every scoring plugin that did not skip scores the feasible nodes, normalizes, and
// adds its weighted scores; the best total wins, ties broken at random as selectHost does.
const NodeInfo* Scheduler::selectHost(const PodInfo& pod, const std::vector<const NodeInfo*>& feasible,
                                      const SchedulerView& view) {
  std::vector<double> total(feasible.size(), 0.0);
  std::vector<double> s(feasible.size());
  for (auto& p : plugins_) {
    if (p->scoreWeight() == 0 || p->preScore(pod, feasible, view).code == Code::Skip) continue;
    for (size_t i = 0; i < feasible.size(); i++) s[i] = p->score(pod, *feasible[i]);
    p->normalize(s);
    for (size_t i = 0; i < feasible.size(); i++) total[i] += p->scoreWeight() * s[i];
  }
  double best = std::numeric_limits<double>::lowest();
  std::vector<const NodeInfo*> top;
  for (size_t i = 0; i < feasible.size(); i++) {
    double score = std::floor(total[i]);
    if (score > best) {
      best = score;
      top.clear();
    }
    if (score == best) top.push_back(feasible[i]);
  }
  return top[rng_.below(top.size())];
}

void Scheduler::scheduleOne(const std::string& key) {
  ActivityLog::Scope activityScope(api_.activity(), "kube-scheduler", "scheduler");
  auto [ns, name] = splitKey(key);
  auto pod = store_.get<Pod>(ns, name);
  if (!pod || !pod->spec.nodeName.empty() || podTerminating(*pod)) return;
  PodInfoPtr info = PodInfo::make(pod);
  const SchedulerView v = view();
  NodeStatuses statuses;
  std::vector<const NodeInfo*> feasible;
  PluginStatus pre = runPreFilters(*info, v);
  bool preRejected = pre.isRejected() || pre.code == Code::Error;
  if (preRejected) {
    // A PreFilter rejection holds for every node (the framework copies it to each).
    for (const NodeInfo* n : nodes_) statuses[n->name] = pre;
  } else {
    feasible = findFeasible(*info, statuses);
  }
  if (!feasible.empty()) {
    bind(*info, *selectHost(*info, feasible, v));
    return;
  }
  std::set<std::string> plugins;
  for (const auto& [_, s] : statuses) plugins.insert(s.plugin);
  size_t n = nodes_.size();
  if (n == 0) {
    recordFailure(*info, "no nodes available to schedule pods", plugins, nullptr);
    return;
  }
  // FitError.Error(): the PreFilter message or the filters' histogram, then PostFilter's.
  std::string msg = "0/" + std::to_string(n) + " nodes are available";
  std::string reasons = preRejected ? pre.message() : reasonHistogram(statuses);
  msg += reasons.empty() ? "." : ": " + reasons + ".";
  PreemptionResult result = preemption_.postFilter(
      *info, statuses, v, [this](const PodInfo& p, const NodeInfo& node) { return runFilters(p, node); });
  bool preempting = result.status.isSuccess() && !result.nominatedNode.empty();
  if (!result.status.isSuccess()) msg += " " + result.status.message();
  recordFailure(*info, msg, plugins, preempting ? &result : nullptr);
  if (preempting) preempt(*info, result);
}

}  // namespace kp
