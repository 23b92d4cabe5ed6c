// The DaemonSet, Job and EndpointSlice controllers (pkg/controller/daemon, job, endpointslice):
// level-based like the others, driven from the controller manager's processing loop.
#pragma once
#include <string>

#include "core/base/workqueue.h"
#include "core/controllers/burst_limiter.h"

namespace kp {

struct ComponentParts;
class ApiWriter;
class Rng;
class Store;
class Timers;
struct WatchEvent;
struct Pod;
struct Node;

class WorkloadControllers {
 public:
  explicit WorkloadControllers(const ComponentParts& parts);
  bool processAll();
  bool hasWork() const;

 private:
  void onEvent(const WatchEvent& e);
  void reconcileDaemonSet(const std::string& key);
  void reconcileJob(const std::string& key);
  // Endpoints per EndpointSlice, kube-controller-manager's --max-endpoints-per-slice default.
  static constexpr size_t kMaxEndpointsPerSlice = 100;
  void reconcileSlices(const std::string& serviceKey);

  const Store& store_;
  ApiWriter& api_;
  Timers& timers_;
  Rng& rng_;
  WorkQueue dsQueue_, jobQueue_, sliceQueue_;
  BurstLimiter jobBursts_;  // a Job's pod creations (MaxPodCreateDeletePerSync)
};


struct PodTemplateSpec;
// The controller-revision-hash label value the DaemonSet controller gives pods of a template.
std::string daemonSetRevisionHash(const PodTemplateSpec& t);

}  // namespace kp
