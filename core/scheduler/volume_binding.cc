// VolumeBinding (pkg/scheduler/framework/plugins/volumebinding), its PreFilter: a pod whose
// PersistentVolumeClaims are missing or not yet bound cannot go anywhere, so it is rejected for
// every node at once and waits for a claim to change (the scheduler requeues it on PVC events).
// PVCs and StorageClasses are JsonObjects; a claim is bound when spec.volumeName is set or
// status.phase is Bound. Claims of a WaitForFirstConsumer class bind once the pod has a node,
// which no component here does yet, so they are let through.
#include "core/apiserver/store.h"
#include "core/scheduler/plugins.h"

namespace kp {

namespace {

class VolumeBinding : public Plugin {
 public:
  const char* name() const override { return "VolumeBinding"; }
  PluginStatus preFilter(const PodInfo& p, const SchedulerView& view) override {
    const Json& volumes = p.pod->spec.volumes;
    if (!volumes.is_array()) return PluginStatus::skip();
    bool unboundImmediate = false, any = false;
    for (const auto& v : volumes) {
      if (!v.is_object() || !v.contains("persistentVolumeClaim") || !v["persistentVolumeClaim"].is_object()) continue;
      std::string claim = v["persistentVolumeClaim"].value("claimName", "");
      any = true;
      auto pvc = claimNamed(view.store, p.pod->metadata.namespace_, claim);
      // podHasPVCs: the lister's NotFound error text, as the status reason.
      if (!pvc) return PluginStatus::unresolvable("persistentvolumeclaim \"" + claim + "\" not found");
      if (pvc->metadata.deletionTimestamp != kNoTime)
        return PluginStatus::unresolvable("persistentvolumeclaim \"" + claim + "\" is being deleted");
      if (bound(*pvc)) continue;
      if (!delayedBinding(view.store, *pvc)) unboundImmediate = true;
    }
    if (!any) return PluginStatus::skip();
    if (unboundImmediate) return PluginStatus::unresolvable("pod has unbound immediate PersistentVolumeClaims");
    return PluginStatus::skip();  // bound claims: nothing left for Filter to check here
  }

 private:
  static std::shared_ptr<const JsonObject> claimNamed(const Store& store, const std::string& ns, const std::string& name) {
    static const ResourceInfo* r = resourceForKind("PersistentVolumeClaim");
    if (!r) return nullptr;
    auto o = store.get(*r, ns, name);
    return o ? std::static_pointer_cast<const JsonObject>(o) : nullptr;
  }
  static bool bound(const JsonObject& pvc) {
    return !pvc.field("spec").value("volumeName", "").empty() || pvc.field("status").value("phase", "") == "Bound";
  }
  // A claim of a class with volumeBindingMode WaitForFirstConsumer is bound after scheduling.
  static bool delayedBinding(const Store& store, const JsonObject& pvc) {
    static const ResourceInfo* r = resourceForKind("StorageClass");
    const Json& cls = pvc.field("spec").value("storageClassName", Json());
    if (!r || !cls.is_string()) return false;
    auto sc = store.get(*r, "", cls.get<std::string>());
    if (!sc) return false;
    const auto& body = static_cast<const JsonObject&>(*sc).body;
    return body.value("volumeBindingMode", "") == "WaitForFirstConsumer";
  }
};

}  // namespace

std::unique_ptr<Plugin> makeVolumeBinding() { return std::make_unique<VolumeBinding>(); }

}  // namespace kp
