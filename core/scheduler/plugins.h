// The constructors of the default plugins, one family per file, and the score normalization
// they share; registry.cc puts them in upstream's order.
#pragma once
#include <memory>
#include <vector>

#include "core/scheduler/framework.h"

namespace kp {

std::unique_ptr<Plugin> makeNodeUnschedulable();  // filters_node.cc
std::unique_ptr<Plugin> makeNodeName();
std::unique_ptr<Plugin> makeTaintToleration();
std::unique_ptr<Plugin> makeNodeAffinity();
std::unique_ptr<Plugin> makeNodePorts();
std::unique_ptr<Plugin> makeNodeResourcesFit();
std::unique_ptr<Plugin> makeVolumeBinding();       // volume_binding.cc
std::unique_ptr<Plugin> makePodTopologySpread();   // topology_spread.cc
std::unique_ptr<Plugin> makeInterPodAffinity();    // interpod_affinity.cc

// framework.DefaultNormalizeScore: scores scaled to 0..100 of the highest, reversed when
// lower raw scores are better; all zero gives 0 (or 100 reversed).
void normalizeToMax(std::vector<double>& scores, bool reverse);

}  // namespace kp
