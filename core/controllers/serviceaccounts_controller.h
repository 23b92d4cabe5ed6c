// The service account controller of kube-controller-manager: every namespace that is not
// terminating has a ServiceAccount named "default", created when the namespace appears and
// again if someone deletes it. Pods name it by default (the API server's ServiceAccount
// admission sets spec.serviceAccountName).
#pragma once
#include "core/controllers/keyed_controller.h"

namespace kp {

struct ComponentParts;
class ApiWriter;
class Store;
struct WatchEvent;

class ServiceAccountsController : public KeyedController {
 public:
  explicit ServiceAccountsController(const ComponentParts& parts);

 private:
  void onEvent(const WatchEvent& e);
  void sync(const std::string& ns) override;
  const Store& store_;
  ApiWriter& api_;
};

}  // namespace kp
