// The controller manager: ReplicationController, ReplicaSet, Deployment, Endpoints, service
// load balancers and the garbage collector; it also runs the DaemonSet, Job, EndpointSlice,
// StatefulSet, CronJob, persistent volume, disruption, quota and service account controllers
// (their own files). Level-based: watch events only enqueue keys and
// `reconcile` re-reads the store, so running it twice is harmless.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/base/workqueue.h"
#include "core/controllers/burst_limiter.h"
#include "core/controllers/replica_tally.h"

namespace kp {

struct ComponentParts;
class ApiWriter;
class LoadBalancerIpam;
class Rng;
class Store;
class Timers;
struct WatchEvent;
class WorkloadControllers;
class KeyedController;
class HpaController;
class ResourceMetrics;

class Controllers {
 public:
  Controllers(const ComponentParts& parts, LoadBalancerIpam& lbIpam);
  ~Controllers();
  // Processes every queued key; returns whether any work was done.
  bool processAll();
  bool hasWork() const;
  // Starts the horizontal pod autoscaler controller on the resource metrics API (hpa_controller.cc).
  void startAutoscaler(const ResourceMetrics& metrics);

 private:
  void onEvent(const WatchEvent& e);
  void reconcileReplicas(const std::string& kind, const std::string& key);
  void reconcileDeployment(const std::string& key);
  void reconcileEndpoints(const std::string& key);
  void reconcileLoadBalancer(const std::string& key);
  void collectGarbage(const std::string& key);

  const Store& store_;
  ApiWriter& api_;
  Timers& timers_;
  Rng& rng_;
  LoadBalancerIpam& lbIpam_;
  std::set<std::string> provisioning_;  // services whose load balancer is being created
  std::map<std::string, int64_t> deadlineTimers_;  // deployment key -> when its progress deadline is checked
  WorkQueue rcQueue_, rsQueue_, deployQueue_, endpointsQueue_, lbQueue_, gcQueue_;
  BurstLimiter bursts_;  // ReplicaSet and RC pod creations and deletions
  BurstLimiter gcBursts_;  // the garbage collector's deletions, per owner
  ReplicaTally tally_;     // ReplicaSets' and RCs' pod counts, kept from the watch
  std::unique_ptr<WorkloadControllers> workloads_;  // DaemonSet, Job, EndpointSlice
  // StatefulSet, CronJob, persistent volume, disruption, quota and service account controllers.
  std::vector<std::unique_ptr<KeyedController>> keyed_;
  std::unique_ptr<HpaController> hpa_;
};

}  // namespace kp
