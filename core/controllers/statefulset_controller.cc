#include "core/controllers/statefulset_controller.h"

#include <algorithm>
#include <map>

#include "core/api/json.h"
#include "core/api/json_object.h"
#include "core/api/podutil.h"
#include "core/api/selector.h"
#include "core/apiserver/activity.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/json_kinds.h"
#include "core/apiserver/store.h"
#include "core/controllers/workloads.h"

namespace kp {

namespace {

const char* kComponent = "statefulset-controller";

// The ordinal of a pod named SET-N, or -1.
int ordinalOf(const std::string& set, const std::string& pod) {
  if (pod.size() <= set.size() + 1 || pod.compare(0, set.size() + 1, set + "-") != 0) return -1;
  std::string n = pod.substr(set.size() + 1);
  if (n.empty() || n.size() > 9 || n.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::stoi(n);
}

struct SetView {
  std::string ns, name, uid, serviceName, policy, strategy, revision;
  int replicas = 1, partition = 0, minReadySeconds = 0;
  PodTemplateSpec tmpl;
  Json claimTemplates = Json::array();
  LabelSelector selector;
};

SetView viewOf(const JsonObject& set) {
  SetView v;
  const Json& spec = set.field("spec");
  v.ns = set.metadata.namespace_;
  v.name = set.metadata.name;
  v.uid = set.metadata.uid;
  v.serviceName = spec.value("serviceName", "");
  v.policy = spec.value("podManagementPolicy", "OrderedReady");
  v.replicas = spec.value("replicas", 1);
  v.minReadySeconds = spec.value("minReadySeconds", 0);
  if (spec.contains("updateStrategy") && spec["updateStrategy"].is_object()) {
    v.strategy = spec["updateStrategy"].value("type", "RollingUpdate");
    const Json& ru = spec["updateStrategy"].value("rollingUpdate", Json::object());
    if (ru.is_object()) v.partition = ru.value("partition", 0);
  }
  if (spec.contains("template")) fromJson(spec["template"], v.tmpl, nullptr);
  if (spec.contains("volumeClaimTemplates") && spec["volumeClaimTemplates"].is_array())
    v.claimTemplates = spec["volumeClaimTemplates"];
  v.selector = labelSelectorFromJson(spec.value("selector", Json::object()));
  v.revision = v.name + "-" + daemonSetRevisionHash(v.tmpl);
  return v;
}

}  // namespace

StatefulSetController::StatefulSetController(const ComponentParts& parts)
    : store_(parts.store), api_(parts.api), timers_(parts.timers),
      bursts_(parts.timers, [this](const std::string& k) { queue_.add(k); }) {
  store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
}

void StatefulSetController::onEvent(const WatchEvent& e) {
  const Object& o = *e.object;
  if (e.resource->kind == "StatefulSet") {
    queue_.add(o.metadata.namespace_ + "/" + o.metadata.name);
  } else if (e.resource->kind == "Pod") {
    if (auto* ref = o.metadata.controllerRef(); ref && ref->kind == "StatefulSet")
      queue_.add(o.metadata.namespace_ + "/" + ref->name);
  }
}

void StatefulSetController::sync(const std::string& key) {
  // Plain strings, not a structured binding: the lambdas below capture them.
  const auto nsName = splitKey(key);
  const std::string ns = nsName.first, name = nsName.second;
  const ResourceInfo& setRes = *resourceForKind("StatefulSet");
  auto stored = std::dynamic_pointer_cast<const JsonObject>(store_.get(setRes, ns, name));
  if (!stored || stored->metadata.deletionTimestamp != kNoTime) return;
  ActivityLog::Scope scope(api_.activity(), "kube-controller-manager", "statefulset controller", "StatefulSet " + key);
  const SetView v = viewOf(*stored);
  const Time now = timers_.now();

  std::map<int, Ptr<Pod>> pods;  // ordinal -> pod
  for (const auto& k : store_.podsOwnedBy(v.uid)) {
    auto [pns, pname] = splitKey(k);
    auto p = store_.get<Pod>(pns, pname);
    int ord = p ? ordinalOf(name, pname) : -1;
    if (ord >= 0) pods[ord] = p;
  }
  const bool ordered = v.policy != "Parallel";
  const ResourceInfo& pvcRes = *resourceForKind("PersistentVolumeClaim");

  auto createPod = [&](int ord) {
    std::string podName = name + "-" + std::to_string(ord);
    auto pod = std::make_shared<Pod>();
    pod->metadata.name = podName;
    pod->metadata.namespace_ = ns;
    pod->metadata.labels = v.tmpl.metadata.labels;
    pod->metadata.labels["controller-revision-hash"] = v.revision;
    pod->metadata.labels["statefulset.kubernetes.io/pod-name"] = podName;
    pod->metadata.labels["apps.kubernetes.io/pod-index"] = std::to_string(ord);
    pod->metadata.annotations = v.tmpl.metadata.annotations;
    pod->metadata.ownerReferences.push_back({"apps/v1", "StatefulSet", name, v.uid, true, true});
    pod->spec = v.tmpl.spec;
    pod->spec.hostname = podName;
    pod->spec.subdomain = v.serviceName;
    if (pod->spec.volumes.is_null()) pod->spec.volumes = Json::array();
    for (const auto& ct : v.claimTemplates) {
      std::string vol = ct.value("metadata", Json::object()).value("name", "");
      std::string claim = vol + "-" + podName;
      if (!store_.get(pvcRes, ns, claim)) {
        auto pvc = makeJsonObject("PersistentVolumeClaim");
        pvc->metadata.name = claim;
        pvc->metadata.namespace_ = ns;
        for (const auto& [k, val] : v.selector.matchLabels) pvc->metadata.labels[k] = val;
        pvc->body["spec"] = ct.value("spec", Json::object());
        auto made = api_.create(pvc);
        if (made.ok())
          api_.event(*stored, "Normal", "SuccessfulCreate",
                     "create Claim " + claim + " Pod " + podName + " in StatefulSet " + name + " success", kComponent);
        else
          api_.event(*stored, "Warning", "FailedCreate",
                     "create Claim " + claim + " for Pod " + podName + " in StatefulSet " + name + " failed error: " +
                         made.status.message, kComponent);
      }
      Json& vols = pod->spec.volumes;
      vols.erase(std::remove_if(vols.begin(), vols.end(), [&](const Json& x) { return x.value("name", "") == vol; }),
                 vols.end());
      vols.push_back({{"name", vol}, {"persistentVolumeClaim", {{"claimName", claim}}}});
    }
    auto made = api_.create(pod);
    if (made.ok()) {
      api_.event(*stored, "Normal", "SuccessfulCreate", "create Pod " + podName + " in StatefulSet " + name + " successful",
                 kComponent);
      pods[ord] = std::static_pointer_cast<const Pod>(made.value);
    } else {
      api_.event(*stored, "Warning", "FailedCreate",
                 "create Pod " + podName + " in StatefulSet " + name + " failed error: " + made.status.message, kComponent);
    }
    return made.ok();
  };
  auto deletePod = [&](const Pod& p) {
    api_.remove(*resourceForKind("Pod"), ns, p.metadata.name);
    api_.event(*stored, "Normal", "SuccessfulDelete",
               "delete Pod " + p.metadata.name + " in StatefulSet " + name + " successful", kComponent);
  };
  auto healthy = [&](const Ptr<Pod>& p) {
    return p && !podTerminating(*p) && p->status.phase == "Running" && podReady(*p);
  };

  // Create the missing ordinals (in order, one at a time under OrderedReady; failed pods are
  // replaced), then remove the ones past replicas from the top.
  bool blocked = false;
  for (int ord = 0; ord < v.replicas && !blocked; ord++) {
    auto it = pods.find(ord);
    if (it != pods.end() && it->second->status.phase == "Failed" && !podTerminating(*it->second)) {
      deletePod(*it->second);
      blocked = ordered;
      continue;
    }
    if (it == pods.end()) {
      if (!ordered && bursts_.allow(key, 1) == 0) break;
      if (!createPod(ord)) break;
      blocked = ordered;
      continue;
    }
    if (ordered && !healthy(it->second)) blocked = true;
  }
  if (!blocked) {
    for (auto it = pods.rbegin(); it != pods.rend(); ++it) {
      if (it->first < v.replicas) break;
      if (!podTerminating(*it->second)) deletePod(*it->second);
      if (ordered) break;
    }
  }
  // RollingUpdate: replace the highest ordinal still on an old revision, at or above the partition,
  // once every pod is healthy.
  bool allHealthy = static_cast<int>(pods.size()) >= v.replicas;
  for (int ord = 0; ord < v.replicas && allHealthy; ord++) allHealthy = pods.count(ord) && healthy(pods[ord]);
  if (v.strategy == "RollingUpdate" && allHealthy) {
    for (int ord = v.replicas - 1; ord >= v.partition; ord--) {
      const auto& p = pods[ord];
      auto rev = p->metadata.labels.find("controller-revision-hash");
      if (rev != p->metadata.labels.end() && rev->second == v.revision) continue;
      deletePod(*p);
      break;
    }
  }

  // Status, counted over the pods that exist now.
  int replicas = 0, ready = 0, available = 0, current = 0, updated = 0;
  for (const auto& [ord, p] : pods) {
    auto fresh = store_.get<Pod>(ns, p->metadata.name);
    if (!fresh || podTerminating(*fresh)) continue;
    replicas++;
    if (podReady(*fresh)) ready++;
    if (podAvailable(*fresh, v.minReadySeconds, now)) available++;
    auto rev = fresh->metadata.labels.find("controller-revision-hash");
    bool isUpdated = rev != fresh->metadata.labels.end() && rev->second == v.revision;
    if (isUpdated) updated++, current++;
  }
  auto latest = std::dynamic_pointer_cast<const JsonObject>(store_.get(setRes, ns, name));
  if (!latest) return;
  auto copy = std::make_shared<JsonObject>(*latest);
  Json st = {{"replicas", replicas}, {"availableReplicas", available}, {"observedGeneration", latest->metadata.generation},
             {"currentRevision", v.revision}, {"updateRevision", v.revision}, {"collisionCount", 0}};
  if (ready) st["readyReplicas"] = ready;
  if (current) st["currentReplicas"] = current;
  if (updated) st["updatedReplicas"] = updated;
  if (copy->body.value("status", Json::object()) != st) {
    copy->body["status"] = st;
    api_.updateStatus(*copy);
  }
}

}  // namespace kp
