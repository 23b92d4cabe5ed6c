// The default profile's plugin set, in the order of upstream's default_plugins.go (PreFilter,
// Filter and Score run in this order; the first failing filter decides a node's reason).
#include "core/scheduler/plugins.h"

namespace kp {

std::vector<std::unique_ptr<Plugin>> defaultPlugins() {
  std::vector<std::unique_ptr<Plugin>> v;
  v.push_back(makeNodeUnschedulable());
  v.push_back(makeNodeName());
  v.push_back(makeTaintToleration());
  v.push_back(makeNodeAffinity());
  v.push_back(makeNodePorts());
  v.push_back(makeNodeResourcesFit());
  v.push_back(makeVolumeBinding());
  v.push_back(makePodTopologySpread());
  v.push_back(makeInterPodAffinity());
  return v;
}

}  // namespace kp
