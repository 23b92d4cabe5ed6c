// The horizontal pod autoscaler controller (pkg/controller/podautoscaler): every sync period
// (15 s, --horizontal-pod-autoscaler-sync-period) each HPA reads its target's scale, the pods'
// usage from the resource metrics API, computes the desired replicas as the replica calculator
// does (tolerance, missing and unready pods), applies the behaviour (scale-down stabilisation
// window, scale-up/-down rate policies) and min/max, writes the target's replicas and the HPA's
// status, conditions and events. No timer runs while there is no HPA.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/api/types.h"

namespace kp {

struct ComponentParts;
class ApiWriter;
class ResourceMetrics;
class Store;
class Timers;
struct WatchEvent;

class HpaController {
 public:
  static constexpr Time kSyncPeriod = 15000;
  HpaController(const ComponentParts& parts, const ResourceMetrics& metrics);
  ~HpaController();

 private:
  struct Recommendation {
    Time at;
    int replicas;
  };
  struct ScaleEvent {
    Time at;
    int change;
  };
  struct State {
    uint64_t loop = 0;
    std::vector<Recommendation> recommendations;
    std::vector<ScaleEvent> scaleUps, scaleDowns;
  };
  void onEvent(const WatchEvent& e);
  void tick(const std::string& key, uint64_t loop);
  void reconcile(const std::string& key);

  const Store& store_;
  ApiWriter& api_;
  Timers& timers_;
  const ResourceMetrics& metrics_;
  int watchId_ = 0;
  uint64_t loops_ = 0;
  std::map<std::string, State> states_;  // "ns/name" -> what the controller remembers of the HPA
};

}  // namespace kp
