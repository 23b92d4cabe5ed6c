// The typed write path that every change takes, from REST (rest_handler.cc) or from the
// components: defaulting, admission, validation, resourceVersion, graceful pod deletion,
// events. The REST handler lives in rest_handler.cc, the pod subresources in
// pod_subresources.cc, watches in watch_cache.cc.
#include "core/apiserver/apiserver.h"

#include <algorithm>
#include <cstdio>

#include "core/api/json.h"
#include "core/api/selector.h"
#include "core/apiserver/json_kinds.h"
#include "core/apiserver/patch.h"
#include "core/apiserver/quota.h"
#include "core/apiserver/watch_cache.h"

namespace kp {

ApiServer::ApiServer(Clock& clock, Rng& rng) : clock_(clock), rng_(rng) {
  // Registered first, so the activity log sees each write before the components react to it.
  store_.watch([this](const WatchEvent& e) { activity_.onStore(e, store_); });
  watchCache_ = std::make_unique<WatchCache>(store_, clock_);
}

ApiServer::~ApiServer() = default;

void ApiServer::restore(const std::vector<ObjectPtr>& objects) {
  for (const auto& o : objects) {
    if (!o) continue;
    if (const ResourceInfo* r = resourceForKind(o->kind())) store_.put(*r, o->clone());
  }
}

namespace {

bool hasSpecGeneration(const std::string& kind) {
  if (const JsonKindRules* rules = jsonKindRules(kind)) return rules->specGeneration;
  return kind == "Deployment" || kind == "ReplicaSet" || kind == "ReplicationController" || kind == "DaemonSet" ||
         kind == "Job";
}

Json specOf(const Object& o) {
  Json j = o.toJson();
  return j.contains("spec") ? j["spec"] : Json();
}

// Priority admission: spec.priority and preemptionPolicy from the pod's PriorityClass, or from
// the globalDefault class when it names none; the two system classes the real API server
// creates at start are built in.
Status admitPriority(const Store& store, Pod& p) {
  ObjectPtr found;
  for (const auto& o : store.list(*resourceForKind("PriorityClass"))) {
    const Json& body = static_cast<const JsonObject&>(*o).body;
    bool globalDefault = body.contains("globalDefault") && body["globalDefault"] == true;
    if (!found && (p.spec.priorityClassName.empty() ? globalDefault : o->metadata.name == p.spec.priorityClassName)) found = o;
  }
  static const Json kSystem[] = {{{"value", 2000001000}}, {{"value", 2000000000}}};
  const Json* cls = found ? &static_cast<const JsonObject&>(*found).body : nullptr;
  if (found) p.spec.priorityClassName = found->metadata.name;
  if (!cls && p.spec.priorityClassName == "system-node-critical") cls = &kSystem[0];
  if (!cls && p.spec.priorityClassName == "system-cluster-critical") cls = &kSystem[1];
  if (!cls && !p.spec.priorityClassName.empty())
    return Status{403, "Forbidden", "pods \"" + p.metadata.name + "\" is forbidden: no PriorityClass with name " + p.spec.priorityClassName + " was found"};
  if (cls && cls->contains("value") && cls->at("value").is_number_integer()) p.spec.priority = cls->at("value").get<int>();
  if (cls && cls->contains("preemptionPolicy") && cls->at("preemptionPolicy").is_string())
    p.spec.preemptionPolicy = cls->at("preemptionPolicy").get<std::string>();
  return Status::success();
}

}  // namespace

// ------------------------------------------------------------------ typed writes

// The pod admission plugins that change a pod on create: ServiceAccount (the projected API
// token volume and its mounts), DefaultTolerationSeconds, and the QoS class the API server
// stamps on the status.
void ApiServer::admitPod(Pod& p) {
  if (p.spec.volumes.is_null()) p.spec.volumes = Json::array();
  bool hasToken = false;
  for (const auto& v : p.spec.volumes)
    if (v.value("name", "").rfind("kube-api-access-", 0) == 0) hasToken = true;
  if (!hasToken) {
    std::string vol = "kube-api-access-" + rng_.nameSuffix(5);
    p.spec.volumes.push_back({{"name", vol},
                              {"projected", {{"defaultMode", 420}, {"sources", Json::array({
                                  {{"serviceAccountToken", {{"expirationSeconds", 3607}, {"path", "token"}}}},
                                  {{"configMap", {{"name", "kube-root-ca.crt"}, {"items", Json::array({{{"key", "ca.crt"}, {"path", "ca.crt"}}})}}}},
                                  {{"downwardAPI", {{"items", Json::array({{{"path", "namespace"}, {"fieldRef", {{"apiVersion", "v1"}, {"fieldPath", "metadata.namespace"}}}}})}}}}})}}}});
    for (auto& c : p.spec.containers) {
      if (c.volumeMounts.is_null()) c.volumeMounts = Json::array();
      c.volumeMounts.push_back({{"name", vol}, {"readOnly", true}, {"mountPath", "/var/run/secrets/kubernetes.io/serviceaccount"}});
    }
  }
  // DefaultTolerationSeconds admission: tolerate not-ready/unreachable for 300 s.
  for (const char* key : {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
    bool has = std::any_of(p.spec.tolerations.begin(), p.spec.tolerations.end(),
                           [&](const Toleration& t) { return t.key == key && t.effect == "NoExecute"; });
    if (!has) p.spec.tolerations.push_back({key, "Exists", "", "NoExecute", 300});
  }
  if (p.status.phase.empty()) p.status.phase = "Pending";
  if (p.status.qosClass.empty()) {
    bool any = false, guaranteed = true;
    for (const auto& c : p.spec.containers) {
      if (!c.resources.requests.empty() || !c.resources.limits.empty()) any = true;
      for (const char* res : {"cpu", "memory"}) {
        auto l = c.resources.limits.find(res);
        auto q = c.resources.requests.find(res);
        if (l == c.resources.limits.end() || (q != c.resources.requests.end() && q->second != l->second))
          guaranteed = false;
      }
    }
    p.status.qosClass = !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
  }
}

// The DefaultStorageClass admission plugin: a claim that names no class gets the class marked
// storageclass.kubernetes.io/is-default-class (minikube's "standard"); class "" stays "".
void ApiServer::admitClaim(JsonObject& claim) const {
  Json& spec = claim.body["spec"];
  if (spec.contains("storageClassName") && !spec["storageClassName"].is_null()) return;
  for (const auto& sc : store_.list(*resourceForKind("StorageClass"))) {
    auto it = sc->metadata.annotations.find("storageclass.kubernetes.io/is-default-class");
    if (it != sc->metadata.annotations.end() && it->second == "true") {
      spec["storageClassName"] = sc->metadata.name;
      return;
    }
  }
}

Result<ObjectPtr> ApiServer::create(std::shared_ptr<Object> obj, const std::string& fieldManager) {
  const ResourceInfo* r = resourceForKind(obj->kind());
  if (!r) return Status::badRequest(std::string("no kind \"") + obj->kind() + "\" is registered");
  auto& m = obj->metadata;
  if (!r->namespaced) m.namespace_.clear();
  else if (m.namespace_.empty()) m.namespace_ = "default";
  if (m.name.empty() && !m.generateName.empty()) {
    // The registry retries generated names on conflict.
    for (int i = 0; i < 8; i++) {
      m.name = m.generateName + rng_.nameSuffix(5);
      if (!store_.get(*r, m.namespace_, m.name)) break;
    }
  }
  if (r->namespaced && r->kind != "Event") {
    auto ns = store_.get<Namespace>("", m.namespace_);
    if (!ns) return Status::notFound(*resourceForKind("Namespace"), m.namespace_);
    if (ns->metadata.deletionTimestamp != kNoTime) {
      Status s{403, "Forbidden", r->qualified() + " \"" + m.name + "\" is forbidden: unable to create new content in namespace " + m.namespace_ + " because it is being terminated"};
      return s;
    }
  }
  applyDefaults(*obj);
  if (r->kind == "Pod")
    if (auto refused = admitLimitRanges(store_, static_cast<Pod&>(*obj))) return *refused;
  if (Status s = validate(*obj, nullptr); !s.ok()) return s;
  if (store_.get(*r, m.namespace_, m.name)) return Status::alreadyExists(*r, m.name);
  if (auto refused = admitQuota(store_, *r, *obj)) return *refused;
  if (r->kind != "Event" && objectCount() >= objectQuota_)
    return Status{500, "", "etcdserver: mvcc: database space exceeded"};

  if (r->kind == "Pod") {
    if (Status s = admitPriority(store_, static_cast<Pod&>(*obj)); !s.ok()) return s;
    admitPod(static_cast<Pod&>(*obj));
  }
  if (r->kind == "PersistentVolumeClaim") admitClaim(static_cast<JsonObject&>(*obj));
  if (r->kind == "Service" && allocator_) {
    if (Status s = allocator_->allocate(static_cast<Service&>(*obj), nullptr); !s.ok()) return s;
  }
  // Objects of the JSON-kept kinds draw their uids from a stream of their own, so that the
  // ones the cluster makes by itself (each namespace's default ServiceAccount, the storage and
  // priority classes) leave the main stream, and with it every pod name, as it was.
  m.uid = dynamic_cast<const JsonObject*>(obj.get()) ? jsonUids_.uuid() : rng_.uuid();
  if (r->kind == "Job") {
    // The job registry generates the selector from the new uid (generateSelector).
    auto& job = static_cast<Job&>(*obj);
    if (!job.spec.manualSelector.value_or(false)) {
      auto& l = job.spec.template_.metadata.labels;
      l["batch.kubernetes.io/controller-uid"] = m.uid;
      l["batch.kubernetes.io/job-name"] = m.name;
      l["controller-uid"] = m.uid;
      l["job-name"] = m.name;
      if (!job.spec.selector) job.spec.selector = LabelSelector{{{"batch.kubernetes.io/controller-uid", m.uid}}, {}};
    }
  }
  m.creationTimestamp = now() / 1000 * 1000;
  m.deletionTimestamp = kNoTime;
  if (hasSpecGeneration(r->kind)) m.generation = 1;
  (void)fieldManager;
  return store_.put(*r, obj);
}

Result<ObjectPtr> ApiServer::update(std::shared_ptr<Object> obj) {
  const ResourceInfo* r = resourceForKind(obj->kind());
  if (!r) return Status::badRequest(std::string("no kind \"") + obj->kind() + "\" is registered");
  auto& m = obj->metadata;
  if (!r->namespaced) m.namespace_.clear();
  else if (m.namespace_.empty()) m.namespace_ = "default";
  ObjectPtr old = store_.get(*r, m.namespace_, m.name);
  if (!old) return Status::notFound(*r, m.name);
  if (!m.resourceVersion.empty() && m.resourceVersion != old->metadata.resourceVersion)
    return Status::conflict(*r, m.name, "the object has been modified; please apply your changes to the latest version and try again");
  applyDefaults(*obj);
  if (Status s = validate(*obj, old.get()); !s.ok()) return s;
  // Immutable metadata is kept from the stored object.
  m.uid = old->metadata.uid;
  m.creationTimestamp = old->metadata.creationTimestamp;
  if (m.deletionTimestamp == kNoTime) m.deletionTimestamp = old->metadata.deletionTimestamp;
  m.generation = old->metadata.generation;
  if (hasSpecGeneration(r->kind) && specOf(*obj) != specOf(*old)) m.generation++;
  if (r->kind == "Service" && allocator_) {
    if (Status s = allocator_->allocate(static_cast<Service&>(*obj), static_cast<const Service*>(old.get())); !s.ok())
      return s;
  }
  // An object whose finalizers are all gone while it is being deleted goes away.
  if (m.deletionTimestamp != kNoTime && m.finalizers.empty() && r->kind != "Pod") {
    store_.erase(*r, m.namespace_, m.name);
    return ObjectPtr(obj);
  }
  return store_.put(*r, obj);
}

namespace {
template <class T>
bool copyStatus(const Object& from, Object& to) {
  if (std::string(from.kind()) != T::kKind) return false;
  static_cast<T&>(to).status = static_cast<const T&>(from).status;
  return true;
}
// A JSON-kept kind's status is its body's "status" field.
bool copyJsonStatus(const Object& from, Object& to) {
  auto* src = dynamic_cast<const JsonObject*>(&from);
  auto* dst = dynamic_cast<JsonObject*>(&to);
  if (!src || !dst || std::string(src->kind()) != dst->kind()) return false;
  if (src->body.contains("status")) dst->body["status"] = src->body["status"];
  else dst->body.erase("status");
  return true;
}
}  // namespace

Result<ObjectPtr> ApiServer::updateStatus(const Object& withStatus) {
  const ResourceInfo* r = resourceForKind(withStatus.kind());
  if (!r) return Status::badRequest(std::string("no kind \"") + withStatus.kind() + "\" is registered");
  const auto& m = withStatus.metadata;
  ObjectPtr old = store_.get(*r, m.namespace_, m.name);
  if (!old || old->metadata.uid != m.uid) return Status::notFound(*r, m.name);
  auto copy = old->clone();
  bool ok = copyStatus<Pod>(withStatus, *copy) || copyStatus<ReplicaSet>(withStatus, *copy) ||
            copyStatus<ReplicationController>(withStatus, *copy) || copyStatus<Deployment>(withStatus, *copy) ||
            copyStatus<Service>(withStatus, *copy) || copyStatus<Node>(withStatus, *copy) ||
            copyStatus<DaemonSet>(withStatus, *copy) || copyStatus<Job>(withStatus, *copy) ||
            copyJsonStatus(withStatus, *copy);
  if (!ok) return Status::methodNotAllowed("the server does not allow this method on the requested resource");
  activity_.markStatusWrite(true);
  ObjectPtr stored = store_.put(*r, copy);
  activity_.markStatusWrite(false);
  return stored;
}

Status ApiServer::remove(const ResourceInfo& r, const std::string& nsIn, const std::string& name,
                         const DeleteOptions& opts) {
  std::string ns = r.namespaced ? nsIn : "";
  ObjectPtr old = store_.get(r, ns, name);
  if (!old) return Status::notFound(r, name);
  std::string policy = opts.propagationPolicy;
  if (r.kind == "Pod") {
    const auto& pod = static_cast<const Pod&>(*old);
    int64_t grace = opts.gracePeriodSeconds ? *opts.gracePeriodSeconds
                                            : pod.spec.terminationGracePeriodSeconds.value_or(30);
    // Graceful deletion: a pod bound to a node gets a deletion timestamp; its kubelet stops
    // the containers and deletes it for good. An unbound pod (or grace 0) goes at once.
    if (pod.spec.nodeName.empty() || grace <= 0 || pod.status.phase == "Succeeded" || pod.status.phase == "Failed") {
      store_.erase(r, ns, name);
      return Status::success();
    }
    if (old->metadata.deletionTimestamp != kNoTime &&
        old->metadata.deletionGracePeriodSeconds.value_or(30) <= grace)
      return Status::success();
    auto copy = std::static_pointer_cast<Pod>(old->clone());
    copy->metadata.deletionTimestamp = now() / 1000 * 1000 + grace * 1000;
    copy->metadata.deletionGracePeriodSeconds = grace;
    store_.put(r, copy);
    return Status::success();
  }
  if (r.kind == "Namespace") {
    // NamespaceLifecycle admission keeps the system namespaces; the others go Terminating and
    // the namespace controller empties and then finalizes them.
    if (name == "default" || name == "kube-system" || name == "kube-public") {
      Status s{403, "Forbidden", r.qualified() + " \"" + name + "\" is forbidden: this namespace may not be deleted"};
      s.name = name;
      s.kind = r.resource;
      return s;
    }
    const auto& n = static_cast<const Namespace&>(*old);
    if (!n.finalizers.empty()) {
      if (old->metadata.deletionTimestamp == kNoTime) {
        auto copy = std::static_pointer_cast<Namespace>(old->clone());
        copy->metadata.deletionTimestamp = now() / 1000 * 1000;
        copy->metadata.deletionGracePeriodSeconds = 0;
        copy->phase = "Terminating";
        store_.put(r, copy);
      }
      return Status::success();
    }
  }
  if (policy == "Foreground" || policy == "Orphan") {
    // The garbage collector finishes the job and removes the finalizer.
    auto copy = old->clone();
    if (copy->metadata.deletionTimestamp == kNoTime) copy->metadata.deletionTimestamp = now() / 1000 * 1000;
    copy->metadata.deletionGracePeriodSeconds = 0;
    std::string fin = policy == "Foreground" ? "foregroundDeletion" : "orphan";
    if (std::find(copy->metadata.finalizers.begin(), copy->metadata.finalizers.end(), fin) == copy->metadata.finalizers.end())
      copy->metadata.finalizers.push_back(fin);
    store_.put(r, copy);
    return Status::success();
  }
  if (!old->metadata.finalizers.empty()) {
    auto copy = old->clone();
    if (copy->metadata.deletionTimestamp == kNoTime) {
      copy->metadata.deletionTimestamp = now() / 1000 * 1000;
      copy->metadata.deletionGracePeriodSeconds = 0;
      if (r.kind == "Namespace") static_cast<Namespace&>(*copy).phase = "Terminating";
      store_.put(r, copy);
    }
    return Status::success();
  }
  if (r.kind == "Service" && allocator_) allocator_->release(static_cast<const Service&>(*old));
  store_.erase(r, ns, name);
  return Status::success();
}

void ApiServer::finalizeDelete(const ResourceInfo& r, const std::string& ns, const std::string& name) {
  store_.erase(r, ns, name);
}

void ApiServer::event(const Object& about, const std::string& type, const std::string& reason,
                      const std::string& message, const std::string& component, const std::string& host,
                      const std::string& fieldPath) {
  activity_.onEvent(about, type, reason, message, component, host);
  const auto& m = about.metadata;
  std::string ns = m.namespace_.empty() ? "default" : m.namespace_;
  // The event correlator's aggregation key: same source, object, reason and message.
  std::string key = component + "\x1f" + host + "\x1f" + about.kind() + "\x1f" + ns + "\x1f" + m.name +
                    "\x1f" + m.uid + "\x1f" + fieldPath + "\x1f" + type + "\x1f" + reason + "\x1f" + message;
  const ResourceInfo& er = *resourceForKind("Event");
  auto it = eventIndex_.find(key);
  if (it != eventIndex_.end()) {
    if (auto existing = store_.get<Event>(ns, it->second)) {
      auto e = std::make_shared<Event>(*existing);
      e->count++;
      e->lastTimestamp = now() / 1000 * 1000;
      store_.put(er, e);
      return;
    }
  }
  auto e = std::make_shared<Event>();
  e->metadata.namespace_ = ns;
  // Named as the event recorder names them, "<object>.<hex of the time in ns>": names sort by
  // time, which is the order lists (and so describe, for equal timestamps) show them in.
  char suffix[24];
  std::snprintf(suffix, sizeof suffix, "%llx", static_cast<unsigned long long>(now() * 1000000 + (eventSeq_++ % 1000000)));
  e->metadata.name = m.name + "." + suffix;
  e->metadata.uid = rng_.uuid();
  e->metadata.creationTimestamp = now() / 1000 * 1000;
  e->involvedObject = {about.kind(), m.namespace_, m.name, m.uid, about.apiVersion(), m.resourceVersion, fieldPath};
  e->type = type;
  e->reason = reason;
  e->message = message;
  e->sourceComponent = component;
  e->sourceHost = host;
  e->reportingComponent = component;
  e->reportingInstance = host;
  e->firstTimestamp = e->lastTimestamp = now() / 1000 * 1000;
  e->count = 1;
  eventIndex_[key] = e->metadata.name;
  eventOrder_.push_back({ns, e->metadata.name, key});
  store_.put(er, e);
  while (eventOrder_.size() > maxEvents_) {
    const StoredEvent& old = eventOrder_.front();
    if (store_.get(er, old.ns, old.name)) store_.erase(er, old.ns, old.name);
    auto idx = eventIndex_.find(old.key);
    if (idx != eventIndex_.end() && idx->second == old.name) eventIndex_.erase(idx);
    eventOrder_.pop_front();
  }
}

size_t ApiServer::objectCount() const {
  size_t n = 0;
  for (const auto& r : allResources())
    if (r.kind != "Event") n += store_.count(r);
  return n;
}

}  // namespace kp
