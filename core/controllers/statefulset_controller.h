// The StatefulSet controller (pkg/controller/statefulset): pods with stable names NAME-0..N-1,
// each with hostname NAME-i and subdomain spec.serviceName (so the headless Service gives it a
// DNS name), and one PersistentVolumeClaim per volumeClaimTemplate and ordinal (TEMPLATE-NAME-i)
// that outlives the pod. OrderedReady creates one pod at a time in ordinal order, waiting for
// each to be Running and Ready, and removes from the highest ordinal down; Parallel does it all
// at once. A RollingUpdate replaces pods from the highest ordinal down to the partition, one at a
// time; OnDelete leaves replacing to whoever deletes the pods. Kept as JSON (JsonObject).
#pragma once
#include <string>

#include "core/controllers/burst_limiter.h"
#include "core/controllers/keyed_controller.h"

namespace kp {

struct ComponentParts;
class ApiWriter;
class Store;
class Timers;
struct WatchEvent;

class StatefulSetController : public KeyedController {
 public:
  explicit StatefulSetController(const ComponentParts& parts);

 private:
  void onEvent(const WatchEvent& e);
  void sync(const std::string& key) override;
  const Store& store_;
  ApiWriter& api_;
  Timers& timers_;
  BurstLimiter bursts_;  // Parallel pod management creates at most a burst per window
};

}  // namespace kp
