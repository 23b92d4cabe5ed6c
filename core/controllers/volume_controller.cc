#include "core/controllers/volume_controller.h"

#include <algorithm>

#include "core/api/json_object.h"
#include "core/api/podutil.h"
#include "core/api/quantity.h"
#include "core/apiserver/activity.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/store.h"
#include "core/base/clock.h"

namespace kp {

namespace {

const ResourceInfo& pvRes() { return *resourceForKind("PersistentVolume"); }
const ResourceInfo& pvcRes() { return *resourceForKind("PersistentVolumeClaim"); }

Ptr<JsonObject> getJson(const Store& s, const ResourceInfo& r, const std::string& ns, const std::string& name) {
  return std::dynamic_pointer_cast<const JsonObject>(s.get(r, ns, name));
}

int64_t storageOf(const Json& resources) {
  if (!resources.is_object() || !resources.contains("storage")) return 0;
  const Json& q = resources["storage"];
  std::string text = q.is_string() ? q.get<std::string>() : q.dump();
  return parseQuantityMilli(text).value_or(0);
}

bool hasModes(const Json& volumeModes, const Json& wanted) {
  if (!wanted.is_array()) return true;
  for (const auto& m : wanted)
    if (!volumeModes.is_array() || std::find(volumeModes.begin(), volumeModes.end(), m) == volumeModes.end()) return false;
  return true;
}

}  // namespace

VolumeController::VolumeController(const ComponentParts& parts)
    : store_(parts.store), api_(parts.api), rng_(parts.rng) {
  store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
}

void VolumeController::onEvent(const WatchEvent& e) {
  const auto& m = e.object->metadata;
  if (e.resource->kind == "PersistentVolumeClaim") {
    if (e.type == WatchType::Deleted) {
      // Its volume is Released now.
      auto* jo = dynamic_cast<const JsonObject*>(e.object.get());
      std::string vol = jo ? jo->field("spec").value("volumeName", "") : "";
      if (!vol.empty()) queue_.add("volume:" + vol);
    } else {
      queue_.add("claim:" + m.namespace_ + "/" + m.name);
    }
  } else if (e.resource->kind == "PersistentVolume" && e.type != WatchType::Deleted) {
    queue_.add("volume:" + m.name);
    // A new Available volume may satisfy a waiting claim.
    for (const auto& c : store_.list(pvcRes())) {
      auto* jo = dynamic_cast<const JsonObject*>(c.get());
      if (jo && jo->field("spec").value("volumeName", "").empty())
        queue_.add("claim:" + c->metadata.namespace_ + "/" + c->metadata.name);
    }
  }
}

void VolumeController::sync(const std::string& key) {
  if (key.rfind("claim:", 0) == 0) syncClaim(key.substr(6));
  else if (key.rfind("volume:", 0) == 0) syncVolume(key.substr(7));
}

void VolumeController::syncClaim(const std::string& key) {
  auto [ns, name] = splitKey(key);
  auto claim = getJson(store_, pvcRes(), ns, name);
  if (!claim || claim->metadata.deletionTimestamp != kNoTime) return;
  const Json& spec = claim->field("spec");
  if (!spec.value("volumeName", "").empty() && claim->field("status").value("phase", "") == "Bound") return;
  ActivityLog::Scope scope(api_.activity(), "kube-controller-manager", "persistentvolume controller", "PersistentVolumeClaim " + key);
  std::string cls = spec.value("storageClassName", "");
  int64_t want = storageOf(spec.value("resources", Json::object()).value("requests", Json::object()));
  const Json& modes = spec.value("accessModes", Json::array());

  // Bind to an existing volume first (static provisioning, or the one provisioned for it).
  Ptr<JsonObject> best;
  int64_t bestSize = 0;
  for (const auto& v : store_.list(pvRes())) {
    auto pv = std::dynamic_pointer_cast<const JsonObject>(v);
    if (!pv || pv->metadata.deletionTimestamp != kNoTime) continue;
    const Json& ps = pv->field("spec");
    const Json& ref = ps.value("claimRef", Json());
    bool forThis = ref.is_object() && ref.value("uid", "") == claim->metadata.uid;
    if (!forThis && (ref.is_object() || pv->field("status").value("phase", "") != "Available")) continue;
    int64_t size = storageOf(ps.value("capacity", Json::object()));
    if (!forThis && (ps.value("storageClassName", "") != cls || size < want || !hasModes(ps.value("accessModes", Json()), modes)))
      continue;
    if (forThis || !best || size < bestSize) best = pv, bestSize = size;
    if (forThis) break;
  }
  if (!best) {
    // Dynamic provisioning by minikube's hostpath provisioner for its classes.
    auto sc = cls.empty() ? nullptr : getJson(store_, *resourceForKind("StorageClass"), "", cls);
    if (!sc || sc->body.value("provisioner", "") != kMinikubeProvisioner) {
      api_.event(*claim, "Normal", "FailedBinding",
                 "no persistent volumes available for this claim and no storage class is set", "persistentvolume-controller");
      return;
    }
    auto pv = makeJsonObject("PersistentVolume");
    pv->metadata.name = "pvc-" + claim->metadata.uid;
    pv->metadata.annotations = {{"hostPathProvisionerIdentity", "minikube"},
                                {"pv.kubernetes.io/provisioned-by", kMinikubeProvisioner}};
    pv->body["spec"] = {{"accessModes", modes},
                        {"capacity", {{"storage", spec.value("resources", Json::object()).value("requests", Json::object()).value("storage", Json("0"))}}},
                        {"claimRef", {{"apiVersion", "v1"}, {"kind", "PersistentVolumeClaim"}, {"name", name}, {"namespace", ns},
                                      {"resourceVersion", claim->metadata.resourceVersion}, {"uid", claim->metadata.uid}}},
                        {"hostPath", {{"path", "/tmp/hostpath-provisioner/" + ns + "/" + name}, {"type", ""}}},
                        {"persistentVolumeReclaimPolicy", sc->body.value("reclaimPolicy", "Delete")},
                        {"storageClassName", cls},
                        {"volumeMode", spec.value("volumeMode", "Filesystem")}};
    const std::string source = std::string(kMinikubeProvisioner) + "_minikube_" + rng_.uuid();
    api_.event(*claim, "Normal", "ExternalProvisioning",
               std::string("Waiting for a volume to be created either by the external provisioner '") + kMinikubeProvisioner +
                   "' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
               "persistentvolume-controller");
    api_.event(*claim, "Normal", "Provisioning", "External provisioner is provisioning volume for claim \"" + key + "\"", source);
    auto made = api_.create(pv);
    if (!made.ok()) return;
    api_.event(*claim, "Normal", "ProvisioningSucceeded", "Successfully provisioned volume " + pv->metadata.name, source);
    best = std::static_pointer_cast<const JsonObject>(made.value);
  }
  // Bind both sides.
  auto boundPv = std::make_shared<JsonObject>(*best);
  boundPv->body["spec"]["claimRef"] = {{"apiVersion", "v1"}, {"kind", "PersistentVolumeClaim"}, {"name", name}, {"namespace", ns},
                                       {"resourceVersion", claim->metadata.resourceVersion}, {"uid", claim->metadata.uid}};
  boundPv->metadata.annotations["pv.kubernetes.io/bound-by-controller"] = "yes";
  if (auto r = api_.update(boundPv); r.ok()) {
    auto withStatus = std::make_shared<JsonObject>(*std::static_pointer_cast<const JsonObject>(r.value));
    withStatus->body["status"] = {{"phase", "Bound"}};
    api_.updateStatus(*withStatus);
  }
  auto fresh = getJson(store_, pvcRes(), ns, name);
  if (!fresh) return;
  auto boundClaim = std::make_shared<JsonObject>(*fresh);
  boundClaim->body["spec"]["volumeName"] = best->metadata.name;
  auto& ann = boundClaim->metadata.annotations;
  ann["pv.kubernetes.io/bind-completed"] = "yes";
  ann["pv.kubernetes.io/bound-by-controller"] = "yes";
  if (best->metadata.annotations.count("pv.kubernetes.io/provisioned-by")) {
    ann["volume.beta.kubernetes.io/storage-provisioner"] = kMinikubeProvisioner;
    ann["volume.kubernetes.io/storage-provisioner"] = kMinikubeProvisioner;
  }
  if (auto r = api_.update(boundClaim); r.ok()) {
    auto withStatus = std::make_shared<JsonObject>(*std::static_pointer_cast<const JsonObject>(r.value));
    const Json& ps = best->field("spec");
    withStatus->body["status"] = {{"phase", "Bound"}, {"accessModes", ps.value("accessModes", Json::array())},
                                  {"capacity", ps.value("capacity", Json::object())}};
    api_.updateStatus(*withStatus);
  }
}

void VolumeController::syncVolume(const std::string& name) {
  auto pv = getJson(store_, pvRes(), "", name);
  if (!pv || pv->metadata.deletionTimestamp != kNoTime) return;
  ActivityLog::Scope scope(api_.activity(), "kube-controller-manager", "persistentvolume controller", "PersistentVolume " + name);
  const Json& spec = pv->field("spec");
  const Json& ref = spec.value("claimRef", Json());
  std::string phase = pv->field("status").value("phase", "");
  std::string want = phase;
  if (!ref.is_object()) {
    want = "Available";
  } else {
    auto claim = getJson(store_, pvcRes(), ref.value("namespace", ""), ref.value("name", ""));
    bool claimGone = !claim || claim->metadata.uid != ref.value("uid", "");
    if (claimGone && phase == "Bound") want = "Released";
    if (claimGone && spec.value("persistentVolumeReclaimPolicy", "Retain") == "Delete" && phase != "Pending") {
      api_.remove(pvRes(), "", name);
      return;
    }
    if (!claimGone && phase == "Pending") want = "Available";
  }
  if (want == phase) return;
  auto copy = std::make_shared<JsonObject>(*pv);
  copy->body["status"] = {{"phase", want}};
  if (want == "Released" || want == "Available") copy->body["status"]["lastPhaseTransitionTime"] = nullptr;
  copy->body["status"].erase("lastPhaseTransitionTime");
  api_.updateStatus(*copy);
}

}  // namespace kp
