#include "core/controllers/serviceaccounts_controller.h"

#include "core/api/json_object.h"
#include "core/apiserver/activity.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/store.h"

namespace kp {

ServiceAccountsController::ServiceAccountsController(const ComponentParts& parts)
    : store_(parts.store), api_(parts.api) {
  store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
}

void ServiceAccountsController::onEvent(const WatchEvent& e) {
  const std::string& kind = e.resource->kind;
  if (kind == "Namespace" && e.type != WatchType::Deleted) queue_.add(e.object->metadata.name);
  if (kind == "ServiceAccount" && e.type == WatchType::Deleted && e.object->metadata.name == "default")
    queue_.add(e.object->metadata.namespace_);
}

void ServiceAccountsController::sync(const std::string& ns) {
  auto n = store_.get<Namespace>("", ns);
  if (!n || n->metadata.deletionTimestamp != kNoTime) return;
  if (store_.get(*resourceForKind("ServiceAccount"), ns, "default")) return;
  ActivityLog::Scope scope(api_.activity(), "kube-controller-manager", "serviceaccount controller", "Namespace " + ns);
  auto obj = makeJsonObject("ServiceAccount");
  obj->metadata.name = "default";
  obj->metadata.namespace_ = ns;
  api_.create(obj);
}

}  // namespace kp
