#include "core/controllers/namespace_controller.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/activity.h"
#include "core/apiserver/store.h"


namespace kp {

NamespaceController::NamespaceController(const ComponentParts& parts)
    : store_(parts.store), api_(parts.api), timers_(parts.timers), rng_(parts.rng) {
  store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
}

void NamespaceController::onEvent(const WatchEvent& e) {
  const auto& m = e.object->metadata;
  if (e.resource->kind == "Namespace") {
    if (m.deletionTimestamp != kNoTime) queue_.add(m.name);
    return;
  }
  // Something in a terminating namespace changed or went away: look at the namespace again.
  if (!e.resource->namespaced || m.namespace_.empty()) return;
  auto ns = store_.get<Namespace>("", m.namespace_);
  if (ns && ns->metadata.deletionTimestamp != kNoTime) queue_.add(m.namespace_);
}

bool NamespaceController::processAll() {
  bool did = false;
  while (!queue_.empty()) {
    sync(queue_.pop());
    did = true;
  }
  return did;
}

void NamespaceController::sync(const std::string& name) {
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", "namespace controller", "Namespace " + name);
  auto& api = api_;
  auto ns = store_.get<Namespace>("", name);
  if (!ns || ns->metadata.deletionTimestamp == kNoTime) return;
  // Delete every namespaced object (events go with the namespace at the end, as their TTL
  // would take them); count what is still there.
  size_t remaining = 0;
  for (const auto& r : allResources()) {
    if (!r.namespaced) continue;
    for (const auto& o : store_.list(r, name)) {
      remaining++;
      if (r.kind == "Event" || o->metadata.deletionTimestamp != kNoTime) continue;
      DeleteOptions opts;
      opts.propagationPolicy = "Background";
      api.remove(r, name, o->metadata.name, opts);
    }
  }
  // Only events left (or nothing): drop them and finalize.
  size_t events = store_.list(*resourceForKind("Event"), name).size();
  if (remaining > events) return;
  for (const auto& e : store_.list(*resourceForKind("Event"), name))
    api_.finalizeDelete(*resourceForKind("Event"), name, e->metadata.name);
  api.finalizeDelete(*resourceForKind("Namespace"), "", name);
}

}  // namespace kp
