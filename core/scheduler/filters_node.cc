// The plugins that look at one node at a time (pkg/scheduler/framework/plugins/nodeunschedulable,
// nodename, tainttoleration, nodeaffinity, nodeports, noderesources): their filters with
// upstream's reason texts, and the scores of the last four.
#include <algorithm>
#include <cmath>

#include "core/api/affinity.h"
#include "core/scheduler/plugins.h"

namespace kp {

namespace {

// NodeUnschedulable: a cordoned node takes only pods tolerating node.kubernetes.io/unschedulable.
class NodeUnschedulable : public Plugin {
 public:
  const char* name() const override { return "NodeUnschedulable"; }
  bool hasFilter() const override { return true; }
  PluginStatus filter(const PodInfo& p, const NodeInfo& n) override {
    if (!n.node->spec.unschedulable) return PluginStatus::ok();
    for (const auto& t : p.pod->spec.tolerations)
      if (t.key == "node.kubernetes.io/unschedulable" && (t.effect.empty() || t.effect == "NoSchedule")) return PluginStatus::ok();
    return PluginStatus::unresolvable("node(s) were unschedulable");
  }
};

// NodeName: spec.nodeName set by the user pins the pod.
class NodeName : public Plugin {
 public:
  const char* name() const override { return "NodeName"; }
  bool hasFilter() const override { return true; }
  PluginStatus filter(const PodInfo& p, const NodeInfo& n) override {
    if (p.pod->spec.nodeName.empty() || p.pod->spec.nodeName == n.name) return PluginStatus::ok();
    return PluginStatus::unresolvable("node(s) didn't match the requested node name");
  }
};

// TaintToleration: NoSchedule/NoExecute taints filter; PreferNoSchedule taints the pod does
// not tolerate lower the score (weight 3, reversed: fewer taints is better).
class TaintToleration : public Plugin {
 public:
  const char* name() const override { return "TaintToleration"; }
  bool hasFilter() const override { return true; }
  PluginStatus filter(const PodInfo& p, const NodeInfo& n) override {
    for (const auto& t : n.node->spec.taints)
      if ((t.effect == "NoSchedule" || t.effect == "NoExecute") && !tolerates(p.pod->spec.tolerations, t))
        return PluginStatus::unresolvable("node(s) had untolerated taint {" + t.key + ": " + t.value + "}");
    return PluginStatus::ok();
  }
  int scoreWeight() const override { return 3; }
  PluginStatus preScore(const PodInfo& p, const std::vector<const NodeInfo*>& nodes, const SchedulerView&) override {
    for (const NodeInfo* n : nodes)
      if (score(p, *n) > 0) return PluginStatus::ok();
    return PluginStatus::skip();  // every node scores alike
  }
  double score(const PodInfo& p, const NodeInfo& n) override {
    int count = 0;
    for (const auto& t : n.node->spec.taints)
      if (t.effect == "PreferNoSchedule" && !tolerates(p.pod->spec.tolerations, t)) count++;
    return count;
  }
  void normalize(std::vector<double>& s) override { normalizeToMax(s, true); }
};

// NodeAffinity: nodeSelector and required node affinity filter; preferred terms score by the
// sum of the weights of the terms a node matches (weight 2).
class NodeAffinity : public Plugin {
 public:
  const char* name() const override { return "NodeAffinity"; }
  bool hasFilter() const override { return true; }
  PluginStatus filter(const PodInfo& p, const NodeInfo& n) override {
    bool ok = requiredNodeAffinityMatches(*p.pod, *n.node);
    for (const auto& [k, v] : p.pod->spec.nodeSelector) {
      const std::string* have = n.label(k);
      if (!have || *have != v) ok = false;
    }
    return ok ? PluginStatus::ok() : PluginStatus::unresolvable("node(s) didn't match Pod's node affinity/selector");
  }
  int scoreWeight() const override { return 2; }
  PluginStatus preScore(const PodInfo& p, const std::vector<const NodeInfo*>&, const SchedulerView&) override {
    preferred_.clear();
    const Json& a = p.pod->spec.affinity;
    if (!a.is_object() || !a.contains("nodeAffinity") || !a["nodeAffinity"].is_object()) return PluginStatus::skip();
    const Json& pref = a["nodeAffinity"].value("preferredDuringSchedulingIgnoredDuringExecution", Json());
    if (!pref.is_array()) return PluginStatus::skip();
    for (const auto& t : pref) {
      if (!t.is_object() || !t.contains("preference")) continue;
      const Json& w = t.value("weight", Json());
      if (!w.is_number_integer() || w.get<int>() == 0) continue;
      // A preference is a node selector term: reuse the required matcher on a one-term pod.
      Pod probe;
      probe.spec.affinity = {{"nodeAffinity", {{"requiredDuringSchedulingIgnoredDuringExecution", {{"nodeSelectorTerms", Json::array({t["preference"]})}}}}}};
      preferred_.push_back({std::move(probe), w.get<int>()});
    }
    return preferred_.empty() ? PluginStatus::skip() : PluginStatus::ok();
  }
  double score(const PodInfo&, const NodeInfo& n) override {
    int sum = 0;
    for (const auto& [probe, weight] : preferred_)
      if (requiredNodeAffinityMatches(probe, *n.node)) sum += weight;
    return sum;
  }
  void normalize(std::vector<double>& s) override { normalizeToMax(s, false); }

 private:
  std::vector<std::pair<Pod, int>> preferred_;
};

// NodePorts: a host port (protocol, port; any host IP) is held by at most one pod per node.
class NodePorts : public Plugin {
 public:
  const char* name() const override { return "NodePorts"; }
  bool hasFilter() const override { return true; }
  PluginStatus filter(const PodInfo& p, const NodeInfo& n) override {
    if (p.hostPorts.empty()) return PluginStatus::ok();
    for (const auto& other : n.pods)
      for (const auto& used : other->hostPorts)
        for (const auto& want : p.hostPorts)
          if (used.port == want.port && used.protocol == want.protocol &&
              (used.ip == want.ip || used.ip == "0.0.0.0" || want.ip == "0.0.0.0"))
            return PluginStatus::unschedulable("node(s) didn't have free ports for the requested pod ports");
    return PluginStatus::ok();
  }
};

// NodeResourcesFit: requests against allocatable, counting the pods nominated to the node by a
// preemption that are at least as important (the framework's "with nominated pods" pass,
// reduced to resources). Score: LeastAllocated over cpu and memory (weight 1).
class NodeResourcesFit : public Plugin {
 public:
  const char* name() const override { return "NodeResourcesFit"; }
  PluginStatus preFilter(const PodInfo&, const SchedulerView& view) override {
    nominated_ = &view.nominated;
    return PluginStatus::ok();
  }
  bool hasFilter() const override { return true; }
  PluginStatus filter(const PodInfo& p, const NodeInfo& n) override {
    int64_t cpu = n.cpuMilli, mem = n.memoryBytes, pods = static_cast<int64_t>(n.pods.size());
    if (nominated_) {
      auto it = nominated_->find(n.name);
      if (it != nominated_->end())
        for (const auto& o : it->second)
          if (o->key != p.key && o->priority >= p.priority) cpu += o->cpuMilli, mem += o->memoryBytes, pods++;
    }
    PluginStatus s;
    if (pods + 1 > n.allocPods) s.reasons.push_back("Too many pods");
    if (p.cpuMilli > 0 && cpu + p.cpuMilli > n.allocCpuMilli) s.reasons.push_back("Insufficient cpu");
    if (p.memoryBytes > 0 && mem + p.memoryBytes > n.allocMemoryBytes) s.reasons.push_back("Insufficient memory");
    if (!s.reasons.empty()) s.code = Code::Unschedulable;
    return s;
  }
  int scoreWeight() const override { return 1; }
  PluginStatus preScore(const PodInfo&, const std::vector<const NodeInfo*>&, const SchedulerView&) override { return PluginStatus::ok(); }
  double score(const PodInfo& p, const NodeInfo& n) override {
    double cpuCap = static_cast<double>(std::max<int64_t>(1, n.allocCpuMilli));
    double memCap = static_cast<double>(std::max<int64_t>(1, n.allocMemoryBytes));
    double cpuUsed = static_cast<double>(n.cpuMilli + p.cpuMilli), memUsed = static_cast<double>(n.memoryBytes + p.memoryBytes);
    return 50.0 * ((cpuCap - cpuUsed) / cpuCap + (memCap - memUsed) / memCap);
  }

 private:
  const std::map<std::string, std::vector<PodInfoPtr>>* nominated_ = nullptr;
};

}  // namespace

void normalizeToMax(std::vector<double>& scores, bool reverse) {
  double max = 0;
  for (double s : scores) max = std::max(max, s);
  for (double& s : scores) {
    if (max == 0) s = reverse ? 100 : 0;
    else s = reverse ? 100 - std::floor(100 * s / max) : std::floor(100 * s / max);
  }
}

std::unique_ptr<Plugin> makeNodeUnschedulable() { return std::make_unique<NodeUnschedulable>(); }
std::unique_ptr<Plugin> makeNodeName() { return std::make_unique<NodeName>(); }
std::unique_ptr<Plugin> makeTaintToleration() { return std::make_unique<TaintToleration>(); }
std::unique_ptr<Plugin> makeNodeAffinity() { return std::make_unique<NodeAffinity>(); }
std::unique_ptr<Plugin> makeNodePorts() { return std::make_unique<NodePorts>(); }
std::unique_ptr<Plugin> makeNodeResourcesFit() { return std::make_unique<NodeResourcesFit>(); }

}  // namespace kp
