#include "core/controllers/quota_controller.h"

#include "core/api/podutil.h"
#include "core/apiserver/activity.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/quota.h"
#include "core/apiserver/store.h"

namespace kp {

QuotaController::QuotaController(const ComponentParts& parts) : store_(parts.store), api_(parts.api) {
  store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
}

void QuotaController::onEvent(const WatchEvent& e) {
  const auto& m = e.object->metadata;
  if (!e.resource->namespaced || m.namespace_.empty()) return;
  const std::string& kind = e.resource->kind;
  if (kind == "Event" || kind == "Lease" || kind == "EndpointSlice" || kind == "Endpoints") return;
  const ResourceInfo& quotas = *resourceForKind("ResourceQuota");
  if (kind == "ResourceQuota") {
    if (e.type != WatchType::Deleted) queue_.add(m.namespace_ + "/" + m.name);
    return;
  }
  for (const auto& q : store_.list(quotas, m.namespace_)) queue_.add(m.namespace_ + "/" + q->metadata.name);
}

void QuotaController::sync(const std::string& key) {
  auto [ns, name] = splitKey(key);
  auto quota = std::dynamic_pointer_cast<const JsonObject>(store_.get(*resourceForKind("ResourceQuota"), ns, name));
  if (!quota || quota->metadata.deletionTimestamp != kNoTime) return;
  const Json& hard = quota->field("spec").value("hard", Json::object());
  Json st = {{"hard", hard}, {"used", quotaUsage(store_, ns, hard)}};
  if (quota->field("status") == st) return;
  ActivityLog::Scope scope(api_.activity(), "kube-controller-manager", "resourcequota controller", "ResourceQuota " + key);
  auto copy = std::make_shared<JsonObject>(*quota);
  copy->body["status"] = st;
  api_.updateStatus(*copy);
}

}  // namespace kp
