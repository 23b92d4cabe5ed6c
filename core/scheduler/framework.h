// The scheduling framework of kube-scheduler (pkg/scheduler/framework): the status a plugin
// returns, the scheduler's view of pods and nodes (PodInfo, NodeInfo, kept up to date from the
// watch so that no filter walks the store), and the plugin interface with its extension points
// (PreFilter, Filter, PreScore/Score, PostFilter). Plugins live one family per file.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/api/selector.h"
#include "core/api/types.h"

namespace kp {

class Store;

// framework.Code: Success, Unschedulable (preemption may help), UnschedulableAndUnresolvable
// (it cannot), Error, and Skip (a PreFilter/PreScore saying the plugin has nothing to do).
enum class Code { Success, Unschedulable, UnschedulableAndUnresolvable, Error, Skip };

struct PluginStatus {
  Code code = Code::Success;
  std::vector<std::string> reasons;  // what the FitError histogram counts
  std::string plugin;                // the plugin that failed (for requeueing)
  static PluginStatus ok() { return {}; }
  static PluginStatus skip() { return {Code::Skip, {}, {}}; }
  static PluginStatus unschedulable(std::string reason, Code c = Code::Unschedulable) { return {c, {std::move(reason)}, {}}; }
  static PluginStatus unresolvable(std::string reason) { return unschedulable(std::move(reason), Code::UnschedulableAndUnresolvable); }
  bool isSuccess() const { return code == Code::Success || code == Code::Skip; }
  bool isRejected() const { return code == Code::Unschedulable || code == Code::UnschedulableAndUnresolvable; }
  std::string message() const;  // reasons joined with ", "
};

// One (anti-)affinity term of a pod, parsed once: the pods it selects and where they count.
struct AffinityTerm {
  Selector selector = Selector::nothing();
  std::vector<std::string> namespaces;  // empty + !allNamespaces: the owning pod's namespace
  bool allNamespaces = false;           // namespaceSelector {} (or a selector, approximated)
  std::optional<Selector> namespaceSelector;
  std::string topologyKey;
  int weight = 0;  // for preferred terms
  // Whether `pod` (in namespace ns with labels) is selected by this term.
  bool matches(const Pod& pod, const Store& store) const;
};

// What the scheduler reads of a pod, parsed once per pod version (framework.PodInfo).
struct PodInfo {
  std::shared_ptr<const Pod> pod;
  std::string key;  // namespace/name
  int64_t cpuMilli = 0, memoryBytes = 0;
  int32_t priority = 0;
  std::string ownerUid;  // the controller's uid, for the default spreading
  struct HostPort {
    std::string ip, protocol;
    int port = 0;
  };
  std::vector<HostPort> hostPorts;
  std::vector<AffinityTerm> requiredAffinity, requiredAntiAffinity;
  std::vector<AffinityTerm> preferredAffinity, preferredAntiAffinity;
  bool hasAffinity() const {
    return !requiredAffinity.empty() || !requiredAntiAffinity.empty() || !preferredAffinity.empty() ||
           !preferredAntiAffinity.empty();
  }
  static std::shared_ptr<const PodInfo> make(std::shared_ptr<const Pod> pod);
};
using PodInfoPtr = std::shared_ptr<const PodInfo>;

// The scheduler's cache entry for one node (framework.NodeInfo): the node, its allocatable
// parsed once, what its pods request, the pods themselves and the host ports they hold. The
// pods with (anti-)affinity are listed apart so the affinity plugin walks only those.
struct NodeInfo {
  std::shared_ptr<const Node> node;  // null while pods are known on a node not (yet) seen
  std::string name;
  int64_t allocCpuMilli = 0, allocMemoryBytes = 0, allocPods = 0;
  int64_t cpuMilli = 0, memoryBytes = 0;  // requested by the pods here
  std::vector<PodInfoPtr> pods;
  std::vector<PodInfoPtr> podsWithAffinity, podsWithRequiredAntiAffinity;
  std::unordered_map<std::string, int> byOwner;  // controller uid -> pods here
  void addPod(const PodInfoPtr& p);
  void removePod(const std::string& key);
  const std::string* label(const std::string& key) const;
};

// What plugins may read besides the pod and the node: the store (PVCs, namespaces, classes),
// every node in name order, and the pods nominated to nodes by earlier preemptions.
struct SchedulerView {
  const Store& store;
  const std::vector<const NodeInfo*>& nodes;
  const std::map<std::string, std::vector<PodInfoPtr>>& nominated;  // node -> pods
};

// A plugin implements the extension points it needs; the defaults do nothing.
class Plugin {
 public:
  virtual ~Plugin() = default;
  virtual const char* name() const = 0;
  // Once per pod per cycle; a rejection here applies to every node, Skip skips the filter.
  virtual PluginStatus preFilter(const PodInfo&, const SchedulerView&) { return PluginStatus::ok(); }
  virtual bool hasFilter() const { return false; }
  virtual PluginStatus filter(const PodInfo&, const NodeInfo&) { return PluginStatus::ok(); }
  // Score extension: preScore may skip (the plugin then scores nothing for this pod); score is
  // the raw score per node; normalize maps them to 0..100; weight multiplies the result.
  virtual int scoreWeight() const { return 0; }
  virtual PluginStatus preScore(const PodInfo&, const std::vector<const NodeInfo*>&, const SchedulerView&) { return PluginStatus::skip(); }
  virtual double score(const PodInfo&, const NodeInfo&) { return 0; }
  virtual void normalize(std::vector<double>&) {}
};

// The node statuses a filter pass left, as framework.NodeToStatusMap.
using NodeStatuses = std::map<std::string, PluginStatus>;

// The default profile's plugins in upstream's order (default_plugins.go); DefaultPreemption
// is the PostFilter and lives apart (preemption.h).
std::vector<std::unique_ptr<Plugin>> defaultPlugins();

// Helpers the plugin families share.
int64_t parseMilli(const StringMap& m, const char* key);
std::optional<Selector> selectorFromJson(const Json& j);  // a LabelSelector in JSON; null -> nullopt
bool tolerates(const std::vector<Toleration>& tolerations, const Taint& t);

}  // namespace kp
