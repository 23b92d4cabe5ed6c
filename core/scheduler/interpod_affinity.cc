// InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity): required podAffinity and
// podAntiAffinity over a topologyKey, both the incoming pod's and the anti-affinity of the pods
// already placed (symmetry), and the preferred terms as a score (weight 2). PreFilter counts
// matching pods per topology pair (key, value) once per cycle, walking every pod only when the
// incoming pod has terms and otherwise only the pods with required anti-affinity; Filter then
// looks the node's pairs up.
#include <algorithm>
#include <climits>

#include "core/scheduler/plugins.h"

namespace kp {

namespace {

using TopologyPair = std::pair<std::string, std::string>;
using PairCounts = std::map<TopologyPair, int64_t>;

// Upstream's reasons (interpodaffinity/filtering.go).
constexpr const char* kAffinityNotMatch = "node(s) didn't match pod affinity rules";
constexpr const char* kAntiAffinityNotMatch = "node(s) didn't match pod anti-affinity rules";
constexpr const char* kExistingAntiAffinityNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
constexpr int64_t kHardPodAffinityWeight = 1;  // the plugin's hardPodAffinityWeight default

class InterPodAffinity : public Plugin {
 public:
  const char* name() const override { return "InterPodAffinity"; }

  PluginStatus preFilter(const PodInfo& p, const SchedulerView& view) override {
    affinity_.clear();
    anti_.clear();
    existingAnti_.clear();
    store_ = &view.store;
    const Pod& pod = *p.pod;
    for (const NodeInfo* n : view.nodes) {
      for (const auto& other : n->podsWithRequiredAntiAffinity)
        for (const auto& term : other->requiredAntiAffinity)
          if (term.matches(pod, view.store))
            if (const std::string* v = n->label(term.topologyKey)) existingAnti_[{term.topologyKey, *v}]++;
    }
    if (p.requiredAffinity.empty() && p.requiredAntiAffinity.empty()) {
      return existingAnti_.empty() ? PluginStatus::skip() : PluginStatus::ok();
    }
    for (const NodeInfo* n : view.nodes) countIncomingTerms(p, *n, view);
    return PluginStatus::ok();
  }

  bool hasFilter() const override { return true; }
  PluginStatus filter(const PodInfo& p, const NodeInfo& n) override {
    if (!satisfiesAffinity(p, n)) return PluginStatus::unresolvable(kAffinityNotMatch);
    for (const auto& term : p.requiredAntiAffinity) {
      const std::string* v = n.label(term.topologyKey);
      if (v && count(anti_, term.topologyKey, *v) > 0) return PluginStatus::unschedulable(kAntiAffinityNotMatch);
    }
    for (const auto& [pair, c] : existingAnti_) {
      const std::string* v = n.label(pair.first);
      if (c > 0 && v && *v == pair.second) return PluginStatus::unschedulable(kExistingAntiAffinityNotMatch);
    }
    return PluginStatus::ok();
  }

  int scoreWeight() const override { return 2; }
  PluginStatus preScore(const PodInfo& p, const std::vector<const NodeInfo*>&, const SchedulerView& view) override;
  double score(const PodInfo&, const NodeInfo& n) override {
    int64_t s = 0;
    for (const auto& [pair, w] : scores_) {
      const std::string* v = n.label(pair.first);
      if (v && *v == pair.second) s += w;
    }
    return static_cast<double>(s);
  }
  // (score - min) / (max - min) * 100, truncated; all equal gives 0.
  void normalize(std::vector<double>& s) override {
    if (s.empty()) return;
    double lo = *std::min_element(s.begin(), s.end()), hi = *std::max_element(s.begin(), s.end());
    for (double& x : s) x = hi > lo ? static_cast<double>(static_cast<int64_t>(100.0 * (x - lo) / (hi - lo))) : 0;
  }

 private:
  static int64_t count(const PairCounts& m, const std::string& k, const std::string& v) {
    auto it = m.find({k, v});
    return it == m.end() ? 0 : it->second;
  }

  // Counts the placed pods on node n that the incoming pod's required terms select: for
  // affinity a pod must match every term (each term's pair counts it); for anti-affinity each
  // matching term counts on its own.
  void countIncomingTerms(const PodInfo& p, const NodeInfo& n, const SchedulerView& view) {
    for (const auto& other : n.pods) {
      const Pod& o = *other->pod;
      if (!p.requiredAffinity.empty()) {
        bool all = std::all_of(p.requiredAffinity.begin(), p.requiredAffinity.end(),
                               [&](const AffinityTerm& t) { return t.matches(o, view.store); });
        if (all)
          for (const auto& t : p.requiredAffinity)
            if (const std::string* v = n.label(t.topologyKey)) affinity_[{t.topologyKey, *v}]++;
      }
      for (const auto& t : p.requiredAntiAffinity)
        if (t.matches(o, view.store))
          if (const std::string* v = n.label(t.topologyKey)) anti_[{t.topologyKey, *v}]++;
    }
  }

  // satisfyPodAffinity: every term's topology label on the node, and matching pods in each of
  // those domains; or, when no pod anywhere matches, the pod matching its own terms (the first
  // pod of a group with affinity to itself).
  bool satisfiesAffinity(const PodInfo& p, const NodeInfo& n) const {
    if (p.requiredAffinity.empty()) return true;
    bool podsExist = true;
    for (const auto& t : p.requiredAffinity) {
      const std::string* v = n.label(t.topologyKey);
      if (!v) return false;
      if (count(affinity_, t.topologyKey, *v) <= 0) podsExist = false;
    }
    if (podsExist) return true;
    if (!affinity_.empty() || !store_) return false;
    return std::all_of(p.requiredAffinity.begin(), p.requiredAffinity.end(),
                       [&](const AffinityTerm& t) { return t.matches(*p.pod, *store_); });
  }

  PairCounts affinity_, anti_, existingAnti_, scores_;
  const Store* store_ = nullptr;
};

// Scoring (interpodaffinity/scoring.go): the incoming pod's preferred terms add (affinity) or
// subtract (anti-affinity) their weight in the domain of every placed pod they select; the
// placed pods' own terms that select the incoming pod count the same way, their required
// affinity with hardPodAffinityWeight.
PluginStatus InterPodAffinity::preScore(const PodInfo& p, const std::vector<const NodeInfo*>&, const SchedulerView& view) {
  scores_.clear();
  bool incoming = !p.preferredAffinity.empty() || !p.preferredAntiAffinity.empty();
  bool anyExisting = false;
  for (const NodeInfo* n : view.nodes)
    if (!n->podsWithAffinity.empty()) anyExisting = true;
  if (!incoming && !anyExisting) return PluginStatus::skip();
  auto add = [&](const NodeInfo& n, const AffinityTerm& t, const Pod& selected, int64_t weight) {
    if (!t.matches(selected, view.store)) return;
    if (const std::string* v = n.label(t.topologyKey)) scores_[{t.topologyKey, *v}] += weight;
  };
  for (const NodeInfo* n : view.nodes) {
    const auto& pods = incoming ? n->pods : n->podsWithAffinity;
    for (const auto& other : pods) {
      const Pod& o = *other->pod;
      for (const auto& t : p.preferredAffinity) add(*n, t, o, t.weight);
      for (const auto& t : p.preferredAntiAffinity) add(*n, t, o, -t.weight);
      if (!other->hasAffinity()) continue;
      for (const auto& t : other->requiredAffinity) add(*n, t, *p.pod, kHardPodAffinityWeight);
      for (const auto& t : other->preferredAffinity) add(*n, t, *p.pod, t.weight);
      for (const auto& t : other->preferredAntiAffinity) add(*n, t, *p.pod, -t.weight);
    }
  }
  bool nonZero = std::any_of(scores_.begin(), scores_.end(), [](const auto& e) { return e.second != 0; });
  return nonZero ? PluginStatus::ok() : PluginStatus::skip();
}

}  // namespace

std::unique_ptr<Plugin> makeInterPodAffinity() { return std::make_unique<InterPodAffinity>(); }

}  // namespace kp
