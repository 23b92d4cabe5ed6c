// The disruption controller (pkg/controller/disruption): for each PodDisruptionBudget it counts
// the pods its selector matches in its namespace (expectedPods), the Ready ones among them
// (currentHealthy), the healthy count the budget needs (desiredHealthy, from minAvailable, or
// expectedPods minus maxUnavailable; percentages round up as upstream does) and how many pods
// may be evicted now (disruptionsAllowed), with the DisruptionAllowed condition. The eviction
// subresource reads disruptionsAllowed and refuses with 429 when it is 0.
#pragma once
#include <string>

#include "core/controllers/keyed_controller.h"

namespace kp {

struct ComponentParts;
class ApiWriter;
class Store;
class Timers;
struct WatchEvent;

class DisruptionController : public KeyedController {
 public:
  explicit DisruptionController(const ComponentParts& parts);

 private:
  void onEvent(const WatchEvent& e);
  void sync(const std::string& key) override;
  const Store& store_;
  ApiWriter& api_;
  Timers& timers_;
};

// The healthy pods a budget needs out of `expected` (minAvailable or expected - maxUnavailable,
// each an int or a percentage rounded up).
int desiredHealthyPods(const struct JsonObject& pdb, int expected);

}  // namespace kp
