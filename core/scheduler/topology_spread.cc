// PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread): the pod's
// topologySpreadConstraints. DoNotSchedule constraints filter: placing the pod in a domain must
// keep (matching pods there + 1) - (fewest in any eligible domain) within maxSkew, the fewest
// being 0 while there are fewer domains than minDomains. ScheduleAnyway constraints score
// (fewer matching pods is better, weight 2). A pod with no constraints gets the default
// spreading, reduced here to spreading the pods of its controller over nodes.
#include <algorithm>
#include <climits>
#include <cmath>

#include "core/api/affinity.h"
#include "core/scheduler/plugins.h"

namespace kp {

namespace {

constexpr const char* kConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
constexpr const char* kNodeLabelNotMatch = "node(s) didn't match pod topology spread constraints (missing required label)";

struct Constraint {
  int maxSkew = 1;
  int minDomains = 1;
  std::string topologyKey;
  bool hard = true;  // DoNotSchedule
  Selector selector = Selector::nothing();
  bool honorAffinity = true, honorTaints = false;
  bool selfMatch = false;                   // the incoming pod counts in its own domain
  std::map<std::string, int64_t> counts;    // topology value -> matching pods
  int64_t minCount() const {
    if (counts.empty() || static_cast<int>(counts.size()) < minDomains) return 0;
    int64_t m = LLONG_MAX;
    for (const auto& [v, c] : counts) m = std::min(m, c);
    return m;
  }
};

// The constraints as the API validated them; labelSelector plus matchLabelKeys (the pod's own
// values of those keys, ANDed in).
std::vector<Constraint> parseConstraints(const Pod& pod) {
  std::vector<Constraint> out;
  const Json& list = podTopologySpreadConstraints(pod.spec);
  if (!list.is_array()) return out;
  for (const auto& j : list) {
    if (!j.is_object()) continue;
    Constraint c;
    c.maxSkew = std::max(1, j.value("maxSkew", 1));
    c.minDomains = std::max(1, j.value("minDomains", 1));
    c.topologyKey = j.value("topologyKey", "");
    c.hard = j.value("whenUnsatisfiable", "DoNotSchedule") != "ScheduleAnyway";
    c.honorAffinity = j.value("nodeAffinityPolicy", "Honor") != "Ignore";
    c.honorTaints = j.value("nodeTaintsPolicy", "Ignore") == "Honor";
    Json sel = j.value("labelSelector", Json());
    if (sel.is_object() && j.contains("matchLabelKeys") && j["matchLabelKeys"].is_array()) {
      for (const auto& k : j["matchLabelKeys"]) {
        if (!k.is_string()) continue;
        auto it = pod.metadata.labels.find(k.get<std::string>());
        if (it != pod.metadata.labels.end())
          sel["matchExpressions"].push_back({{"key", it->first}, {"operator", "In"}, {"values", Json::array({it->second})}});
      }
    }
    if (auto s = selectorFromJson(sel)) c.selector = *s;
    c.selfMatch = c.selector.matches(pod.metadata.labels);
    out.push_back(std::move(c));
  }
  return out;
}

class PodTopologySpread : public Plugin {
 public:
  const char* name() const override { return "PodTopologySpread"; }

  PluginStatus preFilter(const PodInfo& p, const SchedulerView& view) override {
    hard_.clear();
    for (auto& c : parseConstraints(*p.pod))
      if (c.hard) hard_.push_back(std::move(c));
    if (hard_.empty()) return PluginStatus::skip();
    countDomains(p, view.nodes, hard_);
    return PluginStatus::ok();
  }

  bool hasFilter() const override { return true; }
  PluginStatus filter(const PodInfo&, const NodeInfo& n) override {
    for (const auto& c : hard_) {
      const std::string* v = n.label(c.topologyKey);
      if (!v) return PluginStatus::unresolvable(kNodeLabelNotMatch);
      auto it = c.counts.find(*v);
      int64_t here = it == c.counts.end() ? 0 : it->second;
      if (here + (c.selfMatch ? 1 : 0) - c.minCount() > c.maxSkew) return PluginStatus::unschedulable(kConstraintsNotMatch);
    }
    return PluginStatus::ok();
  }

  int scoreWeight() const override { return 2; }
  PluginStatus preScore(const PodInfo& p, const std::vector<const NodeInfo*>&, const SchedulerView& view) override {
    soft_.clear();
    auto all = parseConstraints(*p.pod);
    defaultSpreading_ = all.empty();
    if (defaultSpreading_) return PluginStatus::ok();
    for (auto& c : all)
      if (!c.hard) soft_.push_back(std::move(c));
    if (soft_.empty()) return PluginStatus::skip();
    countDomains(p, view.nodes, soft_);
    return PluginStatus::ok();
  }
  // Default spreading: the pods of the same controller here. Constraints: the matching pods in
  // the node's domain of each, weighted by log(domains + 2) as scoring.go does.
  double score(const PodInfo& p, const NodeInfo& n) override {
    if (defaultSpreading_) {
      if (p.ownerUid.empty()) return 0;
      auto it = n.byOwner.find(p.ownerUid);
      return it == n.byOwner.end() ? 0 : it->second;
    }
    double s = 0;
    for (const auto& c : soft_) {
      const std::string* v = n.label(c.topologyKey);
      if (!v) continue;
      auto it = c.counts.find(*v);
      double here = it == c.counts.end() ? 0 : static_cast<double>(it->second);
      s += here * std::log(static_cast<double>(c.counts.size()) + 2) + (c.maxSkew - 1);
    }
    return std::round(s);
  }
  void normalize(std::vector<double>& s) override {
    if (s.empty()) return;
    double hi = *std::max_element(s.begin(), s.end()), lo = *std::min_element(s.begin(), s.end());
    for (double& x : s) {
      if (defaultSpreading_) x = hi == 0 ? 100.0 : 100.0 * (hi - x) / hi;
      else x = hi == 0 ? 100 : std::floor(100 * (hi + lo - x) / hi);
    }
  }

 private:
  // Counts the matching pods per domain over the nodes that may take the pod (its node
  // affinity honoured, taints only when asked) and carry every constraint's key.
  static void countDomains(const PodInfo& p, const std::vector<const NodeInfo*>& nodes, std::vector<Constraint>& cs) {
    const Pod& pod = *p.pod;
    for (const NodeInfo* n : nodes) {
      bool keys = std::all_of(cs.begin(), cs.end(), [&](const Constraint& c) { return n->label(c.topologyKey); });
      if (!keys) continue;
      bool affinityOk = requiredNodeAffinityMatches(pod, *n->node);
      for (const auto& [k, v] : pod.spec.nodeSelector)
        if (const std::string* have = n->label(k); !have || *have != v) affinityOk = false;
      bool taintsOk = true;
      for (const auto& t : n->node->spec.taints)
        if ((t.effect == "NoSchedule" || t.effect == "NoExecute") && !tolerates(pod.spec.tolerations, t)) taintsOk = false;
      for (auto& c : cs) {
        if ((c.honorAffinity && !affinityOk) || (c.honorTaints && !taintsOk)) continue;
        int64_t& count = c.counts[*n->label(c.topologyKey)];
        for (const auto& other : n->pods) {
          const Pod& o = *other->pod;
          if (o.metadata.namespace_ == pod.metadata.namespace_ && o.metadata.deletionTimestamp == kNoTime &&
              c.selector.matches(o.metadata.labels))
            count++;
        }
      }
    }
  }

  std::vector<Constraint> hard_, soft_;
  bool defaultSpreading_ = false;
};

}  // namespace

std::unique_ptr<Plugin> makePodTopologySpread() { return std::make_unique<PodTopologySpread>(); }

}  // namespace kp
