// The DaemonSet, Job and EndpointSlice controllers (pkg/controller/daemon, job, endpointslice):
// level-based like the others, driven from the controller manager's processing loop.
#pragma once
#include <string>

#include "core/base/workqueue.h"

namespace kp {

class Cluster;
struct WatchEvent;
struct Pod;
struct Node;

class WorkloadControllers {
 public:
  explicit WorkloadControllers(Cluster& cluster);
  bool processAll();
  bool hasWork() const;

 private:
  void onEvent(const WatchEvent& e);
  void reconcileDaemonSet(const std::string& key);
  void reconcileJob(const std::string& key);
  // Endpoints per EndpointSlice, kube-controller-manager's --max-endpoints-per-slice default.
  static constexpr size_t kMaxEndpointsPerSlice = 100;
  void reconcileSlices(const std::string& serviceKey);

  Cluster& cluster_;
  WorkQueue dsQueue_, jobQueue_, sliceQueue_;
};

// Whether a node passes the pod's required node affinity (nodeSelectorTerms with matchFields on
// metadata.name and matchExpressions on labels), as the scheduler's NodeAffinity filter checks.
bool requiredNodeAffinityMatches(const Pod& pod, const Node& node);

struct PodTemplateSpec;
// The controller-revision-hash label value the DaemonSet controller gives pods of a template.
std::string daemonSetRevisionHash(const PodTemplateSpec& t);

}  // namespace kp
