// The resource quota controller (pkg/controller/resourcequota): keeps each ResourceQuota's
// status.hard equal to spec.hard and status.used equal to what its namespace uses now
// (quotaUsage in core/apiserver/quota.h), recounted when anything in the namespace changes.
#pragma once
#include <string>

#include "core/controllers/keyed_controller.h"

namespace kp {

struct ComponentParts;
class ApiWriter;
class Store;
struct WatchEvent;

class QuotaController : public KeyedController {
 public:
  explicit QuotaController(const ComponentParts& parts);

 private:
  void onEvent(const WatchEvent& e);
  void sync(const std::string& key) override;
  const Store& store_;
  ApiWriter& api_;
};

}  // namespace kp
