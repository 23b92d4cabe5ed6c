// The controller manager's loops. Each mirrors its kube-controller-manager counterpart:
// replica counting and pod ranking (pkg/controller/replicaset), the rolling and recreate
// strategies with maxSurge/maxUnavailable (pkg/controller/deployment), endpoints from ready pods
// (pkg/controller/endpoint), the cloud service controller's load balancers, and the garbage
// collector's background, foreground and orphan propagation.
#include "core/controllers/controllers.h"

#include <algorithm>

#include "core/api/json.h"
#include "core/api/podutil.h"
#include "core/api/selector.h"
#include "core/controllers/cronjob_controller.h"
#include "core/controllers/hpa_controller.h"
#include "core/controllers/disruption_controller.h"
#include "core/controllers/quota_controller.h"
#include "core/controllers/serviceaccounts_controller.h"
#include "core/controllers/statefulset_controller.h"
#include "core/controllers/volume_controller.h"
#include "core/controllers/workloads.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/activity.h"
#include "core/apiserver/store.h"
#include "core/network/ipam.h"

namespace kp {

namespace {

const ResourceInfo& res(const char* kind) { return *resourceForKind(kind); }

std::string keyOf(const Object& o) { return o.metadata.namespace_ + "/" + o.metadata.name; }

// The parts of a replica-managing object the replica controller needs, for RS and RC alike.
struct ReplicaView {
  const Object* obj = nullptr;
  int replicas = 0;
  int minReadySeconds = 0;
  Selector selector;
  const PodTemplateSpec* tmpl = nullptr;
  const ReplicaSetStatus* status = nullptr;
};

std::optional<ReplicaView> viewOf(const Object& o) {
  ReplicaView v;
  v.obj = &o;
  if (std::string(o.kind()) == "ReplicaSet") {
    const auto& rs = static_cast<const ReplicaSet&>(o);
    std::string err;
    auto sel = Selector::fromLabelSelector(rs.spec.selector, &err);
    if (!sel) return std::nullopt;
    v.replicas = rs.spec.replicas.value_or(1);
    v.minReadySeconds = rs.spec.minReadySeconds;
    v.selector = *sel;
    v.tmpl = &rs.spec.template_;
    v.status = &rs.status;
  } else {
    const auto& rc = static_cast<const ReplicationController&>(o);
    if (!rc.spec.template_) return std::nullopt;
    v.replicas = rc.spec.replicas.value_or(1);
    v.minReadySeconds = rc.spec.minReadySeconds;
    v.selector = Selector::fromMap(rc.spec.selector);
    v.tmpl = &*rc.spec.template_;
    v.status = &rc.status;
  }
  return v;
}

// controller.ActivePods ordering: the pods to delete first come first.
bool deleteFirst(const Ptr<Pod>& a, const Ptr<Pod>& b) {
  bool aa = !a->spec.nodeName.empty(), ba = !b->spec.nodeName.empty();
  if (aa != ba) return !aa;
  auto phaseRank = [](const Pod& p) { return p.status.phase == "Pending" ? 0 : p.status.phase == "Unknown" ? 1 : 2; };
  if (phaseRank(*a) != phaseRank(*b)) return phaseRank(*a) < phaseRank(*b);
  if (podReady(*a) != podReady(*b)) return !podReady(*a);
  auto restarts = [](const Pod& p) {
    int n = 0;
    for (const auto& c : p.status.containerStatuses) n = std::max(n, c.restartCount);
    return n;
  };
  if (restarts(*a) != restarts(*b)) return restarts(*a) > restarts(*b);
  if (a->metadata.creationTimestamp != b->metadata.creationTimestamp)
    return a->metadata.creationTimestamp > b->metadata.creationTimestamp;
  return a->metadata.name < b->metadata.name;
}

// FNV-32a over the template's JSON form plus the collision count, encoded as
// rand.SafeEncodeString of the decimal hash: the shape of a real pod-template-hash.
std::string templateHash(const PodTemplateSpec& t, int collisionCount) {
  std::string data = toJson(t).dump();
  if (collisionCount) data += std::to_string(collisionCount);
  uint32_t h = 2166136261u;
  for (unsigned char c : data) {
    h ^= c;
    h *= 16777619u;
  }
  static const char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  std::string dec = std::to_string(h), out;
  for (unsigned char c : dec) out += kAlphabet[c % 27];
  return out;
}

int resolveIntOrPercent(const std::optional<IntOrString>& v, int total, bool roundUp) {
  if (!v) return 0;
  if (!v->isString) return v->intVal;
  std::string s = v->strVal;
  if (s.empty() || s.back() != '%') return 0;
  long pct = std::atol(s.substr(0, s.size() - 1).c_str());
  long long x = static_cast<long long>(pct) * total;
  return static_cast<int>(roundUp ? (x + 99) / 100 : x / 100);
}

// The deployment.kubernetes.io/max-replicas annotation: replicas + maxSurge in Go's int32,
// which wraps around for a huge replica count.
std::string maxReplicasAnnotation(int replicas, int maxSurge) {
  return std::to_string(static_cast<int32_t>(static_cast<uint32_t>(replicas) + static_cast<uint32_t>(maxSurge)));
}

// Resolved maxSurge and maxUnavailable (never both 0).
std::pair<int, int> surgeAndUnavailable(const Deployment& d) {
  int replicas = d.spec.replicas.value_or(1);
  int surge = resolveIntOrPercent(d.spec.strategy.maxSurge, replicas, true);
  int unavailable = resolveIntOrPercent(d.spec.strategy.maxUnavailable, replicas, false);
  if (surge == 0 && unavailable == 0) unavailable = 1;
  return {surge, unavailable};
}

PodTemplateSpec withoutHash(PodTemplateSpec t) {
  t.metadata.labels.erase("pod-template-hash");
  return t;
}

int64_t revisionOf(const Object& o) {
  auto it = o.metadata.annotations.find("deployment.kubernetes.io/revision");
  return it == o.metadata.annotations.end() ? 0 : std::atoll(it->second.c_str());
}

// copyDeploymentAnnotationsToReplicaSet: the deployment's annotations (change-cause and the
// like) reach its new replica set, except the controller's own bookkeeping. Returns whether
// anything changed.
bool copyDeploymentAnnotations(const Deployment& d, StringMap& to) {
  static const char* kSkip[] = {"kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision",
                                "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
                                "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to"};
  bool changed = false;
  for (const auto& [k, v] : d.metadata.annotations) {
    bool skip = false;
    for (const char* s : kSkip) skip = skip || k == s;
    if (skip) continue;
    auto it = to.find(k);
    if (it != to.end() && it->second == v) continue;
    to[k] = v;
    changed = true;
  }
  return changed;
}

}  // namespace

Controllers::Controllers(const ComponentParts& parts, LoadBalancerIpam& lbIpam)
    : store_(parts.store), api_(parts.api), timers_(parts.timers), rng_(parts.rng), lbIpam_(lbIpam),
      bursts_(parts.timers, [this](const std::string& k) {
        // "ReplicaSet ns/name" or "ReplicationController ns/name"
        size_t sp = k.find(' ');
        (k.compare(0, sp, "ReplicaSet") == 0 ? rsQueue_ : rcQueue_).add(k.substr(sp + 1));
      }),
      gcBursts_(parts.timers, [this](const std::string& k) { gcQueue_.add(k); }) {
  store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
  workloads_ = std::make_unique<WorkloadControllers>(parts);
  keyed_.push_back(std::make_unique<StatefulSetController>(parts));
  keyed_.push_back(std::make_unique<CronJobController>(parts));
  keyed_.push_back(std::make_unique<VolumeController>(parts));
  keyed_.push_back(std::make_unique<DisruptionController>(parts));
  keyed_.push_back(std::make_unique<QuotaController>(parts));
  keyed_.push_back(std::make_unique<ServiceAccountsController>(parts));
}

Controllers::~Controllers() = default;

void Controllers::onEvent(const WatchEvent& e) {
  const std::string& kind = e.resource->kind;
  const Object& o = *e.object;
  auto& store = store_;
  if (kind == "Pod") {
    tally_.onPod(keyOf(o), e.type == WatchType::Deleted ? nullptr : static_cast<const Pod*>(&o));
    const bool endpointsMayChange = !e.old || e.type != WatchType::Modified ||
                                    podEndpointsChanged(static_cast<const Pod&>(*e.old), static_cast<const Pod&>(o));
    for (const Object* p : {e.object.get(), e.old.get()}) {
      if (!p) continue;
      if (auto* ref = p->metadata.controllerRef()) {
        if (ref->kind == "ReplicaSet") rsQueue_.add(p->metadata.namespace_ + "/" + ref->name);
        else if (ref->kind == "ReplicationController") rcQueue_.add(p->metadata.namespace_ + "/" + ref->name);
      } else if (e.type != WatchType::Deleted) {
        // An orphan: a matching controller may adopt it.
        for (const auto& rs : store.list<ReplicaSet>(p->metadata.namespace_)) {
          std::string err;
          auto sel = Selector::fromLabelSelector(rs->spec.selector, &err);
          if (sel && !sel->empty() && sel->matches(p->metadata.labels)) rsQueue_.add(keyOf(*rs));
        }
        for (const auto& rc : store.list<ReplicationController>(p->metadata.namespace_))
          if (!rc->spec.selector.empty() && Selector::fromMap(rc->spec.selector).matches(p->metadata.labels))
            rcQueue_.add(keyOf(*rc));
      }
      if (endpointsMayChange)
        for (const auto& svc : store.list<Service>(p->metadata.namespace_))
          if (!svc->spec.selector.empty() && Selector::fromMap(svc->spec.selector).matches(p->metadata.labels))
            endpointsQueue_.add(keyOf(*svc));
    }
  } else if (kind == "ReplicaSet" || kind == "ReplicationController") {
    if (e.type == WatchType::Deleted) tally_.forget(o.metadata.uid);
    (kind == "ReplicaSet" ? rsQueue_ : rcQueue_).add(keyOf(o));
    if (auto* ref = o.metadata.controllerRef(); ref && ref->kind == "Deployment")
      deployQueue_.add(o.metadata.namespace_ + "/" + ref->name);
  } else if (kind == "Deployment") {
    deployQueue_.add(keyOf(o));
  } else if (kind == "Service") {
    endpointsQueue_.add(keyOf(o));
    lbQueue_.add(keyOf(o));
    if (e.type == WatchType::Deleted) {
      const auto& svc = static_cast<const Service&>(o);
      for (const auto& in : svc.status.loadBalancerIngress) lbIpam_.releaseLoadBalancerIp(in.ip);
    }
  }
  // Garbage collection: an owner went away, or an object waits on its dependents.
  if (e.type == WatchType::Deleted && (kind == "Deployment" || kind == "ReplicaSet" || kind == "ReplicationController" ||
                                      kind == "DaemonSet" || kind == "Job" || kind == "Service"))
    gcQueue_.add("owner:" + o.metadata.namespace_ + ":" + o.metadata.uid);
  if (o.metadata.deletionTimestamp != kNoTime && !o.metadata.finalizers.empty() && e.type != WatchType::Deleted)
    gcQueue_.add("fin:" + kind + ":" + keyOf(o));
  if (e.type == WatchType::Deleted)
    for (const auto& ref : o.metadata.ownerReferences)
      if (auto* r = resourceForKind(ref.kind))
        if (auto owner = store.get(*r, o.metadata.namespace_, ref.name); owner && owner->metadata.deletionTimestamp != kNoTime)
          gcQueue_.add("fin:" + ref.kind + ":" + keyOf(*owner));
}

bool Controllers::hasWork() const {
  return !deployQueue_.empty() || !rsQueue_.empty() || !rcQueue_.empty() || !endpointsQueue_.empty() ||
         !lbQueue_.empty() || !gcQueue_.empty() || workloads_->hasWork() ||
         std::any_of(keyed_.begin(), keyed_.end(), [](const auto& k) { return k->hasWork(); });
}

bool Controllers::processAll() {
  bool did = false;
  // Bounded: a reconcile may enqueue more work; the cluster's settle loop calls again.
  for (int round = 0; round < 64; round++) {
    bool any = false;
    while (!deployQueue_.empty()) any = true, reconcileDeployment(deployQueue_.pop());
    while (!rsQueue_.empty()) any = true, reconcileReplicas("ReplicaSet", rsQueue_.pop());
    while (!rcQueue_.empty()) any = true, reconcileReplicas("ReplicationController", rcQueue_.pop());
    while (!endpointsQueue_.empty()) any = true, reconcileEndpoints(endpointsQueue_.pop());
    while (!lbQueue_.empty()) any = true, reconcileLoadBalancer(lbQueue_.pop());
    while (!gcQueue_.empty()) any = true, collectGarbage(gcQueue_.pop());
    if (workloads_->processAll()) any = true;
    for (auto& k : keyed_)
      if (k->processAll()) any = true;
    if (!any) break;
    did = true;
  }
  return did;
}

// ---------------------------------------------------------------- ReplicaSet / RC

void Controllers::reconcileReplicas(const std::string& kind, const std::string& key) {
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", kind == "ReplicaSet" ? "replicaset controller" : "replication controller", kind + " " + key);
  auto& api = api_;
  auto& store = store_;
  auto [ns, name] = splitKey(key);
  const ResourceInfo& r = res(kind.c_str());
  ObjectPtr obj = store.get(r, ns, name);
  const std::string burstKey = kind + " " + key;
  if (!obj || obj->metadata.deletionTimestamp != kNoTime) return bursts_.forget(burstKey);
  auto view = viewOf(*obj);
  if (!view) return;
  const char* component = kind == "ReplicaSet" ? "replicaset-controller" : "replication-controller";
  const std::string uid = obj->metadata.uid;

  // Adopt matching orphans, release owned pods that no longer match.
  if (!view->selector.empty()) {
    std::vector<std::string> orphans(store.orphanPods(ns).begin(), store.orphanPods(ns).end());
    for (const auto& k : orphans) {
      auto pod = store.get<Pod>(ns, splitKey(k).second);
      if (!pod || pod->metadata.controllerRef() || podTerminating(*pod) || !view->selector.matches(pod->metadata.labels)) continue;
      auto copy = std::make_shared<Pod>(*pod);
      copy->metadata.ownerReferences.push_back({obj->apiVersion(), kind, name, uid, true, true});
      api.update(copy);
    }
  }
  const ResourceInfo& podRes = res("Pod");
  const int64_t generation = obj->metadata.generation;
  // The counts kept from the watch answer when nothing needs a pod by pod look: no pod to
  // release, none to pick for deletion, no minReadySeconds to time (replica_tally.h).
  auto tally = tally_.counts(uid, generation);
  const bool walk = !tally || tally->mismatched > 0 || tally->active > view->replicas || view->minReadySeconds > 0;
  std::vector<Ptr<Pod>> active, owned, released;
  if (walk) {
    std::vector<const Pod*> controlled;
    for (const auto& k : store.podsOwnedBy(uid)) {
      auto pod = std::static_pointer_cast<const Pod>(store.getByKey(podRes, k));
      if (!pod) continue;
      controlled.push_back(pod.get());
      if (!view->selector.matches(pod->metadata.labels)) {
        released.push_back(pod);
        continue;
      }
      owned.push_back(pod);
      if (podActive(*pod)) active.push_back(pod);
    }
    tally_.rebuild(uid, generation, view->selector, view->tmpl->metadata.labels, controlled);
  }
  for (const auto& pod : released) {  // written after the walk: a write changes the index
    auto copy = std::make_shared<Pod>(*pod);
    auto& refs = copy->metadata.ownerReferences;
    refs.erase(std::remove_if(refs.begin(), refs.end(), [&](const OwnerReference& o) { return o.uid == uid; }), refs.end());
    api.update(copy);
  }
  const int64_t seenVersion = store.resourceVersion();

  int diff = (walk ? static_cast<int>(active.size()) : tally->active) - view->replicas;
  if (diff < 0) {
    // burstReplicas: at most 500 creations per burst; the rest in later bursts (burst_limiter.h).
    int toCreate = bursts_.allow(burstKey, -diff);
    for (int i = 0; i < toCreate; i++) {
      auto pod = std::make_shared<Pod>();
      pod->metadata.namespace_ = ns;
      pod->metadata.generateName = name + "-";
      pod->metadata.labels = view->tmpl->metadata.labels;
      pod->metadata.annotations = view->tmpl->metadata.annotations;
      pod->metadata.ownerReferences.push_back({obj->apiVersion(), kind, name, uid, true, true});
      pod->spec = view->tmpl->spec;
      auto created = api.create(pod);
      if (created.ok()) {
        api.event(*obj, "Normal", "SuccessfulCreate", "Created pod: " + created.value->metadata.name, component);
        bursts_.succeeded(burstKey);
      } else {
        api.event(*obj, "Warning", "FailedCreate", "Error creating: " + created.status.message, component);
        bursts_.failed(burstKey);
        break;
      }
    }
  } else if (diff > 0) {
    std::sort(active.begin(), active.end(), deleteFirst);
    int toDelete = bursts_.allow(burstKey, diff);
    for (int i = 0; i < toDelete; i++) {
      const auto& pod = active[static_cast<size_t>(i)];
      if (api.remove(res("Pod"), ns, pod->metadata.name).ok())
        api.event(*obj, "Normal", "SuccessfulDelete", "Deleted pod: " + pod->metadata.name, component);
    }
  } else {
    bursts_.forget(burstKey);
  }

  // Status from what the store holds now.
  ReplicaSetStatus st;
  Time now = timers_.now();
  Time nextAvailable = kNoTime;
  if (!walk) {
    // The counts as the writes above left them (the watch has told the tally).
    auto counted = tally_.counts(uid, generation);
    st.replicas = counted->active;
    st.fullyLabeledReplicas = counted->fullyLabeled;
    st.readyReplicas = st.availableReplicas = counted->ready;  // minReadySeconds is 0
    owned.clear();
  } else if (store.resourceVersion() != seenVersion) {
    // The pods this sync walked, unless it wrote something since (then the store's).
    owned.clear();
    for (const auto& k : store.podsOwnedBy(uid))
      if (auto pod = std::static_pointer_cast<const Pod>(store.getByKey(podRes, k))) owned.push_back(pod);
  }
  for (const auto& pod : owned) {
    if (!podActive(*pod)) continue;
    st.replicas++;
    bool full = true;
    for (const auto& [lk, lv] : view->tmpl->metadata.labels) {
      auto it = pod->metadata.labels.find(lk);
      if (it == pod->metadata.labels.end() || it->second != lv) full = false;
    }
    if (full) st.fullyLabeledReplicas++;
    if (podReady(*pod)) {
      st.readyReplicas++;
      if (podAvailable(*pod, view->minReadySeconds, now)) st.availableReplicas++;
      else if (auto* c = podCondition(*pod, "Ready")) {
        Time at = c->lastTransitionTime + view->minReadySeconds * 1000LL;
        if (nextAvailable == kNoTime || at < nextAvailable) nextAvailable = at;
      }
    }
  }
  st.observedGeneration = obj->metadata.generation;
  st.conditions = view->status->conditions;
  if (nextAvailable != kNoTime) {
    std::string k = key;
    std::string kd = kind;
    timers_.at(nextAvailable, [this, k, kd] { (kd == "ReplicaSet" ? rsQueue_ : rcQueue_).add(k); });
  }
  const auto& cur = *view->status;
  if (cur.replicas == st.replicas && cur.fullyLabeledReplicas == st.fullyLabeledReplicas &&
      cur.readyReplicas == st.readyReplicas && cur.availableReplicas == st.availableReplicas &&
      cur.observedGeneration == st.observedGeneration)
    return;
  ObjectPtr fresh = store.get(r, ns, name);
  if (!fresh) return;
  auto copy = fresh->clone();
  if (kind == "ReplicaSet") static_cast<ReplicaSet&>(*copy).status = st;
  else static_cast<ReplicationController&>(*copy).status = st;
  api.updateStatus(*copy);
}

// ---------------------------------------------------------------- Deployment

namespace {

void setCondition(DeploymentStatus& st, const std::string& type, const std::string& status,
                  const std::string& reason, const std::string& message, Time now,
                  const std::vector<DeploymentCondition>& previous) {
  DeploymentCondition c{type, status, reason, message, now, now};
  for (const auto& p : previous)
    if (p.type == type) {
      if (p.status == status) c.lastTransitionTime = p.lastTransitionTime;
      if (p.status == status && p.reason == reason && p.message == message) c.lastUpdateTime = p.lastUpdateTime;
    }
  for (auto& e : st.conditions)
    if (e.type == type) {
      e = c;
      return;
    }
  st.conditions.push_back(c);
}

}  // namespace

void Controllers::reconcileDeployment(const std::string& key) {
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", "deployment controller", "Deployment " + key);
  auto& api = api_;
  auto& store = store_;
  // Plain variables, not structured bindings: the lambdas below capture them (C++20 allows
  // capturing bindings, clang 14 in Emscripten does not).
  const auto keyParts = splitKey(key);
  const std::string ns = keyParts.first, name = keyParts.second;
  auto d = store.get<Deployment>(ns, name);
  if (!d || d->metadata.deletionTimestamp != kNoTime) return;
  const Time now = timers_.now();
  const int replicas = d->spec.replicas.value_or(1);

  std::vector<Ptr<ReplicaSet>> owned;
  for (const auto& rs : store.list<ReplicaSet>(ns)) {
    auto* ref = rs->metadata.controllerRef();
    if (ref && ref->uid == d->metadata.uid) owned.push_back(rs);
  }
  Ptr<ReplicaSet> newRS;
  std::vector<Ptr<ReplicaSet>> oldRSs;
  PodTemplateSpec want = withoutHash(d->spec.template_);
  Json wantJson = toJson(want);
  for (const auto& rs : owned) {
    if (!newRS && toJson(withoutHash(rs->spec.template_)) == wantJson) newRS = rs;
    else oldRSs.push_back(rs);
  }
  std::sort(oldRSs.begin(), oldRSs.end(), [](const Ptr<ReplicaSet>& a, const Ptr<ReplicaSet>& b) {
    return a->metadata.creationTimestamp != b->metadata.creationTimestamp
               ? a->metadata.creationTimestamp < b->metadata.creationTimestamp
               : a->metadata.name < b->metadata.name;
  });
  const auto limits = surgeAndUnavailable(*d);
  const int maxSurge = limits.first, maxUnavailable = limits.second;
  if (newRS) {
    // getNewReplicaSet: an existing new replica set (after a rollback, an old one) takes the next
    // revision, remembering its earlier ones in revision-history.
    int64_t maxOldRevision = 0;
    for (const auto& rs : oldRSs) maxOldRevision = std::max(maxOldRevision, revisionOf(*rs));
    auto copy = std::make_shared<ReplicaSet>(*newRS);
    auto& ann = copy->metadata.annotations;
    bool changed = copyDeploymentAnnotations(*d, ann);
    int64_t have = revisionOf(*newRS);
    if (have < maxOldRevision + 1) {
      auto it = ann.find("deployment.kubernetes.io/revision");
      if (it != ann.end()) {
        std::string old = it->second;
        std::string& hist = ann["deployment.kubernetes.io/revision-history"];
        if (hist.size() + old.size() + 1 <= 2000) hist = hist.empty() ? old : hist + "," + old;
      }
      ann["deployment.kubernetes.io/revision"] = std::to_string(maxOldRevision + 1);
      changed = true;
    }
    if (copy->spec.minReadySeconds != d->spec.minReadySeconds) {
      copy->spec.minReadySeconds = d->spec.minReadySeconds;
      changed = true;
    }
    if (changed) {
      auto updated = api.update(copy);
      if (updated.ok()) newRS = std::static_pointer_cast<const ReplicaSet>(updated.value);
    }
  }
  auto specReplicas = [](const Ptr<ReplicaSet>& rs) { return rs ? rs->spec.replicas.value_or(1) : 0; };

  auto scaleRS = [&](const Ptr<ReplicaSet>& rs, int to) {
    int from = specReplicas(rs);
    auto copy = std::make_shared<ReplicaSet>(*rs);
    copy->spec.replicas = to;
    copy->metadata.annotations["deployment.kubernetes.io/desired-replicas"] = std::to_string(replicas);
    copy->metadata.annotations["deployment.kubernetes.io/max-replicas"] = maxReplicasAnnotation(replicas, maxSurge);
    auto updated = api.update(copy);
    if (updated.ok() && from != to)
      api.event(*d, "Normal", "ScalingReplicaSet",
                std::string("Scaled ") + (to > from ? "up" : "down") + " replica set " + rs->metadata.name +
                    " to " + std::to_string(to) + " from " + std::to_string(from),
                "deployment-controller");
    return updated.ok() ? std::static_pointer_cast<const ReplicaSet>(updated.value) : rs;
  };

  std::string progressReason, progressMessage;
  auto createNewRS = [&](int initial) {
    int64_t maxRevision = 0;
    for (const auto& rs : owned) maxRevision = std::max(maxRevision, revisionOf(*rs));
    int collisions = d->status.collisionCount.value_or(0);
    std::string hash = templateHash(want, collisions);
    auto rs = std::make_shared<ReplicaSet>();
    rs->metadata.namespace_ = ns;
    rs->metadata.name = name + "-" + hash;
    rs->spec.template_ = want;
    rs->spec.template_.metadata.labels["pod-template-hash"] = hash;
    rs->metadata.labels = rs->spec.template_.metadata.labels;
    rs->spec.selector = d->spec.selector;
    rs->spec.selector.matchLabels["pod-template-hash"] = hash;
    rs->spec.replicas = initial;
    rs->spec.minReadySeconds = d->spec.minReadySeconds;
    rs->metadata.annotations = {{"deployment.kubernetes.io/desired-replicas", std::to_string(replicas)},
                                {"deployment.kubernetes.io/max-replicas", maxReplicasAnnotation(replicas, maxSurge)},
                                {"deployment.kubernetes.io/revision", std::to_string(maxRevision + 1)}};
    copyDeploymentAnnotations(*d, rs->metadata.annotations);
    rs->metadata.ownerReferences.push_back({"apps/v1", "Deployment", name, d->metadata.uid, true, true});
    auto created = api.create(rs);
    if (!created.ok()) return Ptr<ReplicaSet>();
    if (initial > 0)
      api.event(*d, "Normal", "ScalingReplicaSet",
                "Scaled up replica set " + rs->metadata.name + " to " + std::to_string(initial),
                "deployment-controller");
    progressReason = "NewReplicaSetCreated";
    progressMessage = "Created new replica set \"" + rs->metadata.name + "\"";
    return std::static_pointer_cast<const ReplicaSet>(created.value);
  };

  int oldActive = 0;
  for (const auto& rs : oldRSs) oldActive += specReplicas(rs);

  if (d->spec.paused) {
    // sync(): a paused deployment is only scaled, never rolled out.
    if (newRS && oldActive == 0 && specReplicas(newRS) != replicas) newRS = scaleRS(newRS, replicas);
  } else {
    if (d->spec.strategy.type == "Recreate") {
      bool scaledDown = false;
      for (auto& rs : oldRSs)
        if (specReplicas(rs) > 0) {
          rs = scaleRS(rs, 0);
          scaledDown = true;
        }
      bool oldPodsRunning = false;
      for (const auto& rs : oldRSs)
        for (const auto& k : store.podsOwnedBy(rs->metadata.uid)) {
          auto [pns, pname] = splitKey(k);
          if (auto p = store.get<Pod>(pns, pname); p && !podFinished(*p)) oldPodsRunning = true;
        }
      if (!scaledDown && !oldPodsRunning) {
        if (!newRS) newRS = createNewRS(replicas);
        else if (specReplicas(newRS) != replicas) newRS = scaleRS(newRS, replicas);
      }
    } else {
      if (!newRS) {
        // NewRSNewReplicas for a brand-new replica set.
        int current = oldActive;
        int initial = oldRSs.empty() ? replicas : static_cast<int>(std::max<int64_t>(0, std::min<int64_t>(int64_t{replicas} + maxSurge - current, replicas)));
        newRS = createNewRS(initial);
      } else if (specReplicas(newRS) > replicas) {
        newRS = scaleRS(newRS, replicas);
      } else if (specReplicas(newRS) < replicas) {
        int64_t current = int64_t{oldActive} + specReplicas(newRS);
        int64_t maxTotal = int64_t{replicas} + maxSurge;
        if (oldRSs.empty() || oldActive == 0) {
          newRS = scaleRS(newRS, replicas);
        } else if (current < maxTotal) {
          int up = static_cast<int>(std::min<int64_t>(maxTotal - current, replicas - specReplicas(newRS)));
          newRS = scaleRS(newRS, specReplicas(newRS) + up);
        }
      }
      // reconcileOldReplicaSets
      if (newRS && oldActive > 0) {
        int64_t allPods = int64_t{oldActive} + specReplicas(newRS);
        int64_t minAvailable = int64_t{replicas} - maxUnavailable;
        int64_t newUnavailable = int64_t{specReplicas(newRS)} - newRS->status.availableReplicas;
        int64_t maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown > 0) {
          // First the unhealthy old replicas, oldest first.
          int64_t cleaned = 0;
          for (auto& rs : oldRSs) {
            if (cleaned >= maxScaledDown) break;
            int unhealthy = specReplicas(rs) - rs->status.availableReplicas;
            if (specReplicas(rs) == 0 || unhealthy <= 0) continue;
            int down = static_cast<int>(std::min<int64_t>(unhealthy, maxScaledDown - cleaned));
            rs = scaleRS(rs, specReplicas(rs) - down);
            cleaned += down;
          }
          // Then available ones while enough stay available.
          int64_t available = newRS->status.availableReplicas;
          for (const auto& rs : oldRSs) available += rs->status.availableReplicas;
          int64_t total = std::min(available - minAvailable, maxScaledDown - cleaned);
          for (auto& rs : oldRSs) {
            if (total <= 0) break;
            if (specReplicas(rs) == 0) continue;
            int down = static_cast<int>(std::min<int64_t>(specReplicas(rs), total));
            rs = scaleRS(rs, specReplicas(rs) - down);
            total -= down;
          }
        }
      }
    }
  }

  // Old replica sets beyond revisionHistoryLimit are deleted once they are scaled to zero.
  int limit = d->spec.revisionHistoryLimit.value_or(10);
  std::vector<Ptr<ReplicaSet>> idle;
  for (const auto& rs : oldRSs)
    if (specReplicas(rs) == 0 && rs->status.replicas == 0 && rs->metadata.deletionTimestamp == kNoTime) idle.push_back(rs);
  // cleanupDeployment deletes the lowest revisions first.
  std::stable_sort(idle.begin(), idle.end(), [](const Ptr<ReplicaSet>& a, const Ptr<ReplicaSet>& b) {
    return revisionOf(*a) < revisionOf(*b);
  });
  for (size_t i = 0; i + static_cast<size_t>(limit) < idle.size(); i++)
    api.remove(res("ReplicaSet"), ns, idle[i]->metadata.name);

  // Status.
  auto fresh = store.get<Deployment>(ns, name);
  if (!fresh) return;
  DeploymentStatus st;
  st.observedGeneration = fresh->metadata.generation;
  st.collisionCount = fresh->status.collisionCount;
  std::vector<Ptr<ReplicaSet>> all = oldRSs;
  if (newRS) all.push_back(store.get<ReplicaSet>(ns, newRS->metadata.name));
  int oldPods = 0;
  for (const auto& rs : all) {
    if (!rs) continue;
    st.replicas += rs->status.replicas;
    st.readyReplicas += rs->status.readyReplicas;
    st.availableReplicas += rs->status.availableReplicas;
    if (newRS && rs->metadata.name == newRS->metadata.name) st.updatedReplicas = rs->status.replicas;
    else oldPods += rs->status.replicas;
  }
  st.unavailableReplicas = std::max(0, st.replicas - st.availableReplicas);
  const auto& prev = fresh->status.conditions;
  st.conditions = prev;
  if (st.availableReplicas >= replicas - maxUnavailable)
    setCondition(st, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now, prev);
  else
    setCondition(st, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now, prev);
  const bool hasDeadline = fresh->spec.progressDeadlineSeconds.has_value();
  auto progressing = [&st]() -> DeploymentCondition* {
    for (auto& c : st.conditions)
      if (c.type == "Progressing") return &c;
    return nullptr;
  };
  // checkPausedConditions: pausing and resuming are recorded unless a timeout was reported.
  if (hasDeadline && !(progressing() && progressing()->reason == "ProgressDeadlineExceeded")) {
    bool pausedCond = progressing() && progressing()->reason == "DeploymentPaused";
    if (fresh->spec.paused && !pausedCond)
      setCondition(st, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now, prev);
    else if (!fresh->spec.paused && pausedCond)
      setCondition(st, "Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", now, prev);
  }
  if (newRS && !fresh->spec.paused) {
    const std::string rsName = newRS->metadata.name;
    bool complete = st.updatedReplicas == replicas && st.replicas == replicas && st.availableReplicas == replicas && oldPods == 0;
    if (progressReason == "NewReplicaSetCreated") {
      setCondition(st, "Progressing", "True", progressReason, progressMessage, now, prev);
    } else if (!hasDeadline) {
      // Without a deadline the controller reports no progress at all.
    } else if (progressing() && progressing()->reason == "NewReplicaSetAvailable" && st.replicas == st.updatedReplicas) {
      // A finished rollout stays finished (syncRolloutStatus's isCompleteDeployment).
    } else if (complete) {
      setCondition(st, "Progressing", "True", "NewReplicaSetAvailable",
                   "ReplicaSet \"" + rsName + "\" has successfully progressed.", now, prev);
    } else {
      // DeploymentProgressing: more updated, ready or available replicas, or fewer old ones.
      const auto& was = fresh->status;
      bool progressed = st.updatedReplicas > was.updatedReplicas ||
                        (st.replicas - st.updatedReplicas) < (was.replicas - was.updatedReplicas) ||
                        st.readyReplicas > was.readyReplicas || st.availableReplicas > was.availableReplicas;
      DeploymentCondition* cur = progressing();
      if (progressed || !cur) {
        DeploymentCondition c{"Progressing", "True", "ReplicaSetUpdated", "ReplicaSet \"" + rsName + "\" is progressing.", now, now};
        if (cur && cur->status == "True") c.lastTransitionTime = cur->lastTransitionTime;
        if (cur) *cur = c;
        else st.conditions.push_back(c);
      } else if (cur->reason != "ProgressDeadlineExceeded" && cur->reason != "NewReplicaSetAvailable") {
        // DeploymentTimedOut: no progress for progressDeadlineSeconds since the last update.
        Time deadline = cur->lastUpdateTime + static_cast<Time>(*fresh->spec.progressDeadlineSeconds) * 1000;
        if (deadline < now) {
          setCondition(st, "Progressing", "False", "ProgressDeadlineExceeded",
                       "ReplicaSet \"" + rsName + "\" has timed out progressing.", now, prev);
        }
      }
      // requeueStuckDeployment: look again a second after the deadline would pass.
      if (DeploymentCondition* c = progressing(); c && c->reason != "ProgressDeadlineExceeded" && c->lastUpdateTime != kNoTime) {
        Time at = c->lastUpdateTime + static_cast<Time>(*fresh->spec.progressDeadlineSeconds) * 1000 + 1000;
        if (at > now && deadlineTimers_[key] != at) {
          deadlineTimers_[key] = at;
          std::string k = key;
          timers_.at(at, [this, k] { deployQueue_.add(k); });
        }
      }
    }
  }
  std::stable_sort(st.conditions.begin(), st.conditions.end(), [](const DeploymentCondition& a, const DeploymentCondition& b) {
    return a.type == "Available" && b.type != "Available";
  });
  auto copy = std::make_shared<Deployment>(*fresh);
  bool annotate = false;
  if (newRS) {
    std::string rev = std::to_string(revisionOf(*newRS));
    if (copy->metadata.annotations["deployment.kubernetes.io/revision"] != rev) {
      copy->metadata.annotations["deployment.kubernetes.io/revision"] = rev;
      annotate = true;
    }
  }
  copy->status = st;
  if (!annotate && copy->toJson()["status"] == fresh->toJson()["status"]) return;
  if (annotate) api.update(copy);
  else api.updateStatus(*copy);
}

// ---------------------------------------------------------------- Endpoints

void Controllers::reconcileEndpoints(const std::string& key) {
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", "endpoints controller", "Service " + key);
  auto& api = api_;
  auto& store = store_;
  auto [ns, name] = splitKey(key);
  auto svc = store.get<Service>(ns, name);
  auto existing = store.get<Endpoints>(ns, name);
  if (!svc) {
    if (existing) api.remove(res("Endpoints"), ns, name);
    return;
  }
  if (svc->spec.selector.empty()) return;  // endpoints are managed by hand
  Selector sel = Selector::fromMap(svc->spec.selector);
  std::vector<EndpointAddress> ready, notReady;
  std::vector<EndpointPort> ports;
  bool portsSet = false;
  for (const auto& pod : store.list<Pod>(ns)) {
    if (!sel.matches(pod->metadata.labels) || pod->status.podIP.empty() || podTerminating(*pod) || podFinished(*pod))
      continue;
    std::vector<EndpointPort> podPorts;
    for (const auto& sp : svc->spec.ports) {
      int port = targetPortFor(sp, *pod);
      if (port == 0) continue;
      podPorts.push_back({sp.name, sp.protocol, port});
    }
    if (podPorts.empty()) continue;
    if (!portsSet) {
      ports = podPorts;
      portsSet = true;
    }
    EndpointAddress a;
    a.ip = pod->status.podIP;
    // A pod whose subdomain is this service (a StatefulSet's) gets its DNS name through it.
    if (!pod->spec.hostname.empty() && pod->spec.subdomain == name) a.hostname = pod->spec.hostname;
    a.nodeName = pod->spec.nodeName;
    a.targetRef = ObjectReference{"Pod", ns, pod->metadata.name, pod->metadata.uid, "", "", ""};
    (podReady(*pod) ? ready : notReady).push_back(a);
  }
  auto byIp = [](const EndpointAddress& x, const EndpointAddress& y) { return x.ip < y.ip; };
  sortMovingOnce(ready, byIp);
  sortMovingOnce(notReady, byIp);
  auto ep = std::make_shared<Endpoints>();
  ep->metadata.namespace_ = ns;
  ep->metadata.name = name;
  ep->metadata.labels = svc->metadata.labels;
  if (!ready.empty() || !notReady.empty()) ep->subsets.push_back({std::move(ready), std::move(notReady), std::move(ports)});
  if (existing) {
    if (ep->subsets == existing->subsets && ep->metadata.labels == existing->metadata.labels) return;
    ep->metadata.resourceVersion = existing->metadata.resourceVersion;
    ep->metadata.annotations = existing->metadata.annotations;
    ep->metadata.annotations["endpoints.kubernetes.io/last-change-trigger-time"] = formatTime(timers_.now());
    api.update(ep);
  } else {
    api.create(ep);
  }
}

// ---------------------------------------------------------------- load balancers

void Controllers::reconcileLoadBalancer(const std::string& key) {
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", "service controller", "Service " + key);
  auto& api = api_;
  auto [ns, name] = splitKey(key);
  auto svc = store_.get<Service>(ns, name);
  if (!svc) return;
  bool wantsLb = svc->spec.type == "LoadBalancer";
  bool hasLb = !svc->status.loadBalancerIngress.empty();
  if (wantsLb == hasLb) return;
  if (!wantsLb) {
    auto copy = std::make_shared<Service>(*svc);
    for (const auto& in : copy->status.loadBalancerIngress) lbIpam_.releaseLoadBalancerIp(in.ip);
    copy->status.loadBalancerIngress.clear();
    api.updateStatus(*copy);
    api.event(*svc, "Normal", "DeletedLoadBalancer", "Deleted load balancer", "service-controller");
    return;
  }
  std::string uid = svc->metadata.uid;
  if (provisioning_.count(uid)) return;
  provisioning_.insert(uid);
  api.event(*svc, "Normal", "EnsuringLoadBalancer", "Ensuring load balancer", "service-controller");
  // The cloud takes a few seconds to hand out an address.
  Time delay = 2000 + static_cast<Time>(rng_.below(1500));
  timers_.after(delay, [this, ns = ns, name = name, uid] {
    provisioning_.erase(uid);
    auto& api = api_;
    auto cur = store_.get<Service>(ns, name);
    if (!cur || cur->metadata.uid != uid || cur->spec.type != "LoadBalancer" || !cur->status.loadBalancerIngress.empty())
      return;
    auto copy = std::make_shared<Service>(*cur);
    copy->status.loadBalancerIngress.push_back({lbIpam_.allocateLoadBalancerIp(), "", "VIP"});
    if (api.updateStatus(*copy).ok())
      api.event(*cur, "Normal", "EnsuredLoadBalancer", "Ensured load balancer", "service-controller");
  });
}

// ---------------------------------------------------------------- garbage collector

void Controllers::collectGarbage(const std::string& key) {
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", "garbage collector");
  auto& api = api_;
  auto& store = store_;
  // Dependents of an owner (by uid) in a namespace: pods through the index, replica sets by scan.
  auto dependents = [&](const std::string& ns, const std::string& uid) {
    std::vector<ObjectPtr> out;
    for (const auto& k : store.podsOwnedBy(uid)) {
      auto [pns, pname] = splitKey(k);
      if (auto p = store.get<Pod>(pns, pname)) out.push_back(p);
    }
    for (const char* kind : {"ReplicaSet", "Pod", "EndpointSlice"}) {
      for (const auto& o : store.list(res(kind), ns)) {
        if (std::string(kind) == "Pod" && o->metadata.controllerRef() && o->metadata.controllerRef()->uid == uid) continue;
        for (const auto& ref : o->metadata.ownerReferences)
          if (ref.uid == uid) {
            out.push_back(o);
            break;
          }
      }
    }
    return out;
  };
  if (key.rfind("owner:", 0) == 0) {
    auto rest = key.substr(6);
    auto colon = rest.find(':');
    std::string ns = rest.substr(0, colon), uid = rest.substr(colon + 1);
    // The collector's workers delete at the pace of the controller manager's client: a burst
    // per window, the owner requeued for the rest (burst_limiter.h).
    int budget = gcBursts_.allow(key, BurstLimiter::kBurst);
    for (const auto& dep : dependents(ns, uid)) {
      if (budget <= 0) {
        gcBursts_.allow(key, 1);  // asks for the next window
        break;
      }
      // Only when no other owner remains.
      bool otherOwner = false;
      for (const auto& ref : dep->metadata.ownerReferences)
        if (ref.uid != uid)
          if (auto* r = resourceForKind(ref.kind))
            if (auto o = store.get(*r, ns, ref.name); o && o->metadata.uid == ref.uid) otherOwner = true;
      if (otherOwner) continue;
      if (dep->metadata.deletionTimestamp == kNoTime) {
        api.remove(*resourceForKind(dep->kind()), ns, dep->metadata.name, {"Background", std::nullopt});
        budget--;
      }
    }
    if (budget > 0) gcBursts_.forget(key);
    return;
  }
  // "fin:<Kind>:<ns>/<name>": finish a foreground or orphan deletion.
  auto rest = key.substr(4);
  auto colon = rest.find(':');
  std::string kind = rest.substr(0, colon);
  auto [ns, name] = splitKey(rest.substr(colon + 1));
  const ResourceInfo* r = resourceForKind(kind);
  if (!r) return;
  ObjectPtr obj = store.get(*r, ns, name);
  if (!obj || obj->metadata.deletionTimestamp == kNoTime) return;
  auto& fins = obj->metadata.finalizers;
  std::string uid = obj->metadata.uid;
  if (std::find(fins.begin(), fins.end(), "orphan") != fins.end()) {
    for (const auto& dep : dependents(ns, uid)) {
      auto copy = dep->clone();
      auto& refs = copy->metadata.ownerReferences;
      refs.erase(std::remove_if(refs.begin(), refs.end(), [&](const OwnerReference& o) { return o.uid == uid; }), refs.end());
      api.update(copy);
    }
    auto copy = obj->clone();
    auto& f = copy->metadata.finalizers;
    f.erase(std::remove(f.begin(), f.end(), "orphan"), f.end());
    api.update(copy);
    return;
  }
  if (std::find(fins.begin(), fins.end(), "foregroundDeletion") != fins.end()) {
    auto deps = dependents(ns, uid);
    if (deps.empty()) {
      auto copy = obj->clone();
      auto& f = copy->metadata.finalizers;
      f.erase(std::remove(f.begin(), f.end(), "foregroundDeletion"), f.end());
      api.update(copy);
      return;
    }
    for (const auto& dep : deps)
      if (dep->metadata.deletionTimestamp == kNoTime)
        api.remove(*resourceForKind(dep->kind()), ns, dep->metadata.name, {"Foreground", std::nullopt});
  }
}

}  // namespace kp
