// The request handler (REST paths, verbs, list/watch-free reads, Tables, the scale and log
// subresources, merge and strategic-merge patches) and the typed write path that every change
// takes: defaulting, admission, validation, resourceVersion, graceful pod deletion, events.
#include "core/apiserver/apiserver.h"

#include <algorithm>
#include <cstdio>

#include "core/api/json.h"
#include "core/api/selector.h"
#include "core/apiserver/patch.h"
#include "core/apiserver/tables.h"

namespace kp {

ApiServer::ApiServer(Clock& clock, Rng& rng) : clock_(clock), rng_(rng) {
  // Registered first, so the activity log sees each write before the components react to it.
  store_.watch([this](const WatchEvent& e) { activity_.onStore(e, store_); });
}

namespace {

std::vector<std::string> splitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

Response statusResponse(const Status& s) { return Response{s.code, s.toJson(), "", false}; }
Response objectResponse(const ObjectPtr& o, int code = 200) { return Response{code, o->toJson(), "", false}; }

// The fields each kind supports in field selectors (the registries' GetAttrs/SelectableFields).
std::optional<std::string> fieldValue(const Object& o, const std::string& field) {
  if (field == "metadata.name") return o.metadata.name;
  if (field == "metadata.namespace") return o.metadata.namespace_;
  std::string kind = o.kind();
  if (kind == "Pod") {
    const auto& p = static_cast<const Pod&>(o);
    if (field == "spec.nodeName") return p.spec.nodeName;
    if (field == "spec.restartPolicy") return p.spec.restartPolicy;
    if (field == "spec.schedulerName") return p.spec.schedulerName;
    if (field == "spec.serviceAccountName") return p.spec.serviceAccountName;
    if (field == "status.phase") return p.status.phase;
    if (field == "status.podIP") return p.status.podIP;
    if (field == "status.nominatedNodeName") return p.status.nominatedNodeName;
  } else if (kind == "Event") {
    const auto& e = static_cast<const Event&>(o);
    const auto& io = e.involvedObject;
    if (field == "involvedObject.kind") return io.kind;
    if (field == "involvedObject.namespace") return io.namespace_;
    if (field == "involvedObject.name") return io.name;
    if (field == "involvedObject.uid") return io.uid;
    if (field == "involvedObject.apiVersion") return io.apiVersion;
    if (field == "involvedObject.resourceVersion") return io.resourceVersion;
    if (field == "involvedObject.fieldPath") return io.fieldPath;
    if (field == "reason") return e.reason;
    if (field == "reportingComponent") return e.reportingComponent;
    if (field == "source") return e.sourceComponent;
    if (field == "type") return e.type;
  } else if (kind == "Node") {
    if (field == "spec.unschedulable") return static_cast<const Node&>(o).spec.unschedulable ? "true" : "false";
  } else if (kind == "Namespace") {
    if (field == "status.phase") return static_cast<const Namespace&>(o).phase;
  }
  return std::nullopt;
}

bool wantsTable(const Request& req) { return req.accept.find("as=Table") != std::string::npos; }

bool hasSpecGeneration(const std::string& kind) {
  return kind == "Deployment" || kind == "ReplicaSet" || kind == "ReplicationController" || kind == "DaemonSet" ||
         kind == "Job";
}

Json specOf(const Object& o) {
  Json j = o.toJson();
  return j.contains("spec") ? j["spec"] : Json();
}

Json discoveryResource(const ResourceInfo& r) {
  Json verbs = {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};
  Json j = {{"name", r.resource}, {"singularName", r.singular}, {"namespaced", r.namespaced},
            {"kind", r.kind}, {"verbs", verbs}};
  if (!r.shortNames.empty()) j["shortNames"] = r.shortNames;
  if (r.inCategoryAll) j["categories"] = {"all"};
  return j;
}

}  // namespace

// ------------------------------------------------------------------ typed writes

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
  if (Status s = validate(*obj, nullptr); !s.ok()) return s;
  if (store_.get(*r, m.namespace_, m.name)) return Status::alreadyExists(*r, m.name);

  // ServiceAccount admission: every pod gets the projected API token volume.
  if (r->kind == "Pod") {
    auto& p = static_cast<Pod&>(*obj);
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
  if (r->kind == "Service" && allocator_) {
    if (Status s = allocator_->allocate(static_cast<Service&>(*obj), nullptr); !s.ok()) return s;
  }
  m.uid = rng_.uuid();
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
            copyStatus<DaemonSet>(withStatus, *copy) || copyStatus<Job>(withStatus, *copy);
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
  store_.put(er, e);
}

// ------------------------------------------------------------------ REST

Response ApiServer::handle(const Request& req) {
  Response resp;
  // The playground's own reads (the inspector, user agent "kubeplay-...") are not steps of the
  // learner's command.
  const bool own = req.userAgent.rfind("kubeplay-", 0) == 0;
  size_t activityStep = own ? 0 : activity_.requestBegin(req.method, req.path);
  try {
    resp = dispatch(req);
  } catch (const std::exception& e) {
    resp = statusResponse(Status{500, "InternalError", std::string("Internal error occurred: ") + e.what()});
  }
  if (!own) activity_.requestDone(activityStep, resp.code);
  std::string path = req.path;
  audit_.push_back({now(), req.userAgent, req.method, path, resp.code});
  if (audit_.size() > 4096) audit_.erase(audit_.begin(), audit_.begin() + 1024);
  return resp;
}

Response ApiServer::dispatch(const Request& req) {
  auto seg = splitPath(req.path);
  if (req.path == "/version" || req.path == "/version/") {
    return Response{200, {{"major", "1"}, {"minor", "32"}, {"gitVersion", "v1.32.4"},
                          {"gitCommit", "59526cd4867447956156ae3a602fcbac5ccbe294"}, {"gitTreeState", "clean"},
                          {"buildDate", "2025-04-22T16:02:27Z"}, {"goVersion", "go1.23.6"},
                          {"compiler", "gc"}, {"platform", "linux/amd64"}}, "", false};
  }
  // Legacy discovery.
  if (seg.size() == 1 && seg[0] == "api")
    return Response{200, {{"kind", "APIVersions"}, {"versions", {"v1"}},
                          {"serverAddressByClientCIDRs", {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", "192.168.49.2:8443"}}}}}, "", false};
  if (seg.size() == 1 && seg[0] == "apis") {
    Json groups = Json::array();
    groups.push_back({{"name", "apps"}, {"versions", {{{"groupVersion", "apps/v1"}, {"version", "v1"}}}},
                      {"preferredVersion", {{"groupVersion", "apps/v1"}, {"version", "v1"}}}});
    for (const char* g : {"batch", "discovery.k8s.io"})
      groups.push_back({{"name", g}, {"versions", {{{"groupVersion", std::string(g) + "/v1"}, {"version", "v1"}}}},
                        {"preferredVersion", {{"groupVersion", std::string(g) + "/v1"}, {"version", "v1"}}}});
    return Response{200, {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}}, "", false};
  }
  std::string group, version;
  size_t i;
  if (seg.size() >= 2 && seg[0] == "api") {
    version = seg[1];
    i = 2;
  } else if (seg.size() >= 3 && seg[0] == "apis") {
    group = seg[1];
    version = seg[2];
    i = 3;
  } else {
    return Response{404, Status{404, "NotFound", "the server could not find the requested resource"}.toJson(), "", false};
  }
  if (version != "v1" || (!group.empty() && group != "apps" && group != "batch" && group != "discovery.k8s.io")) {
    return Response{404, Status{404, "NotFound", "the server could not find the requested resource"}.toJson(), "", false};
  }
  if (i == seg.size()) {
    Json list = Json::array();
    for (const auto& r : allResources())
      if (r.group == group) list.push_back(discoveryResource(r));
    return Response{200, {{"kind", "APIResourceList"}, {"apiVersion", "v1"},
                          {"groupVersion", group.empty() ? "v1" : group + "/v1"}, {"resources", list}}, "", false};
  }
  std::string ns, resource, name, sub;
  std::vector<std::string> rest(seg.begin() + static_cast<long>(i), seg.end());
  if (rest.size() >= 3 && rest[0] == "namespaces" && rest[2] != "status" && rest[2] != "finalize") {
    ns = rest[1];
    resource = rest[2];
    if (rest.size() > 3) name = rest[3];
    if (rest.size() > 4) sub = rest[4];
    if (rest.size() > 5) return statusResponse(Status{404, "NotFound", "the server could not find the requested resource"});
  } else {
    resource = rest[0];
    if (rest.size() > 1) name = rest[1];
    if (rest.size() > 2) sub = rest[2];
    if (rest.size() > 3) return statusResponse(Status{404, "NotFound", "the server could not find the requested resource"});
  }
  const ResourceInfo* r = nullptr;
  for (const auto& info : allResources())
    if (info.resource == resource && info.group == group) r = &info;
  if (!r) return statusResponse(Status{404, "NotFound", "the server could not find the requested resource"});
  if (!r->namespaced && !ns.empty())
    return statusResponse(Status{404, "NotFound", "the server could not find the requested resource"});
  if (!sub.empty() && sub != "status" && sub != "scale" && sub != "log")
    return statusResponse(Status{404, "NotFound", "the server could not find the requested resource"});
  if ((sub == "scale" && r->kind != "Deployment" && r->kind != "ReplicaSet" && r->kind != "ReplicationController") ||
      (sub == "log" && r->kind != "Pod"))
    return statusResponse(Status{404, "NotFound", "the server could not find the requested resource"});

  auto q = [&](const char* k) {
    auto it = req.query.find(k);
    return it == req.query.end() ? std::string() : it->second;
  };
  const std::string& method = req.method;

  // ---- collection
  if (name.empty()) {
    if (method == "GET" || method == "DELETE") {
      std::string err;
      auto sel = Selector::parse(q("labelSelector"), &err);
      if (!sel) return statusResponse(Status::badRequest("unable to parse requirement: " + err));
      auto fsel = FieldSelector::parse(q("fieldSelector"), &err);
      if (!fsel) return statusResponse(Status::badRequest(err));
      std::vector<ObjectPtr> items;
      for (const auto& o : store_.list(*r, ns)) {
        if (!sel->matches(o->metadata.labels)) continue;
        bool unknownField = false;
        bool ok = fsel->matches([&](const std::string& f) {
          auto v = fieldValue(*o, f);
          if (!v) unknownField = true;
          return v;
        });
        if (unknownField) {
          std::string bad;
          for (const auto& t : fsel->terms)
            if (!fieldValue(*o, t.field)) bad = t.field;
          return statusResponse(Status::badRequest("field label not supported: " + bad));
        }
        if (ok) items.push_back(o);
      }
      if (method == "DELETE") {
        DeleteOptions opts;
        if (req.body.is_object()) opts.propagationPolicy = req.body.value("propagationPolicy", "");
        for (const auto& o : items) remove(*r, o->metadata.namespace_, o->metadata.name, opts);
      }
      if (method == "GET" && wantsTable(req)) return Response{200, renderTable(*r, items, now(), store_.resourceVersion()), "", false};
      Json list = {{"kind", r->kind + "List"}, {"apiVersion", r->groupVersion()},
                   {"metadata", {{"resourceVersion", std::to_string(store_.resourceVersion())}}}};
      Json arr = Json::array();
      for (const auto& o : items) {
        Json j = o->toJson();
        j.erase("kind");
        j.erase("apiVersion");
        arr.push_back(std::move(j));
      }
      list["items"] = std::move(arr);
      return Response{200, list, "", false};
    }
    if (method == "POST") {
      if (!req.body.is_object()) return statusResponse(Status::badRequest("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/cbor"));
      Json body = req.body;
      if (!body.contains("kind")) body["kind"] = r->kind;
      if (body["kind"] != r->kind) {
        return statusResponse(Status::badRequest(r->kind + " in version \"" + version + "\" cannot be handled as a " + r->kind + ": the kind of the object does not match the resource"));
      }
      std::string err;
      auto obj = objectFromJson(body, &err);
      if (!obj) return statusResponse(Status::badRequest(r->kind + " in version \"" + version + "\" cannot be handled as a " + r->kind + ": " + err));
      if (r->namespaced) {
        if (!obj->metadata.namespace_.empty() && obj->metadata.namespace_ != ns)
          return statusResponse(Status::badRequest("the namespace of the provided object does not match the namespace sent on the request"));
        obj->metadata.namespace_ = ns;
      }
      // Status is ignored on create for kinds with a status subresource.
      if (r->kind != "Event" && r->kind != "Endpoints" && r->kind != "Node") {
        Json j = obj->toJson();
        if (j.contains("status")) {
          j.erase("status");
          obj = objectFromJson(j, &err);
        }
      }
      if (q("dryRun") == "All") {
        applyDefaults(*obj);
        if (Status s = validate(*obj, nullptr); !s.ok()) return statusResponse(s);
        return objectResponse(obj, 201);
      }
      auto res = create(obj, q("fieldManager"));
      if (!res.ok()) return statusResponse(res.status);
      return objectResponse(res.value, 201);
    }
    return statusResponse(Status::methodNotAllowed("the server does not allow this method on the requested resource"));
  }

  // ---- one object
  ObjectPtr cur = store_.get(*r, ns, name);
  if (sub == "log") {
    if (!cur) return statusResponse(Status::notFound(*r, name));
    if (!logs_) return Response{200, nullptr, "", true};
    return logs_(static_cast<const Pod&>(*cur), req);
  }
  if (method == "GET") {
    if (!cur) return statusResponse(Status::notFound(*r, name));
    if (sub == "scale") return Response{200, scaleOf(*cur), "", false};
    if (wantsTable(req)) return Response{200, renderTable(*r, {cur}, now(), store_.resourceVersion()), "", false};
    return objectResponse(cur);
  }
  if (method == "DELETE") {
    if (!cur) return statusResponse(Status::notFound(*r, name));
    DeleteOptions opts;
    if (req.body.is_object()) {
      opts.propagationPolicy = req.body.value("propagationPolicy", "");
      if (req.body.contains("gracePeriodSeconds") && req.body["gracePeriodSeconds"].is_number_integer())
        opts.gracePeriodSeconds = req.body["gracePeriodSeconds"].get<int64_t>();
    }
    if (!q("propagationPolicy").empty()) opts.propagationPolicy = q("propagationPolicy");
    if (!q("gracePeriodSeconds").empty()) opts.gracePeriodSeconds = std::atoll(q("gracePeriodSeconds").c_str());
    if (Status s = remove(*r, ns, name, opts); !s.ok()) return statusResponse(s);
    ObjectPtr after = store_.get(*r, ns, name);
    return objectResponse(after ? after : cur);
  }
  if (method == "PUT" || method == "PATCH") {
    if (!cur) return statusResponse(Status::notFound(*r, name));
    Json target = sub == "scale" ? scaleOf(*cur) : cur->toJson();
    Json updated;
    if (method == "PUT") {
      updated = req.body;
    } else {
      std::string ct = req.contentType;
      if (ct.find("strategic-merge-patch") != std::string::npos) {
        updated = strategicMergePatch(target, req.body);
      } else if (ct.find("merge-patch") != std::string::npos) {
        updated = mergePatch(target, req.body);
      } else if (ct.find("json-patch") != std::string::npos) {
        std::string err;
        auto res = jsonPatch(target, req.body, &err);
        if (!res) return statusResponse(Status{422, "Invalid", err});
        updated = *res;
      } else {
        return statusResponse(Status{415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json"});
      }
    }
    if (!updated.is_object()) return statusResponse(Status::badRequest("the body of the request was in an unknown format"));
    if (sub == "scale") {
      const Json& spec = updated.contains("spec") ? updated["spec"] : Json::object();
      if (!spec.contains("replicas") || !spec["replicas"].is_number_integer())
        return statusResponse(Status::badRequest("Scale in version \"v1\" cannot be handled as a Scale: json: cannot unmarshal into Go struct field ScaleSpec.spec.replicas of type int32"));
      int64_t replicas = spec["replicas"].get<int64_t>();
      if (replicas < 0 || replicas > INT32_MAX)
        return statusResponse(Status::invalid(*r, name, {{"FieldValueInvalid", "Invalid value: " + std::to_string(replicas) + ": must be greater than or equal to 0", "spec.replicas"}}));
      Json obj = cur->toJson();
      obj["spec"]["replicas"] = replicas;
      updated = obj;
    }
    updated["kind"] = r->kind;
    updated["apiVersion"] = r->groupVersion();
    std::string err;
    auto obj = objectFromJson(updated, &err);
    if (!obj) return statusResponse(Status::badRequest(r->kind + " in version \"" + version + "\" cannot be handled as a " + r->kind + ": " + err));
    if (obj->metadata.name != name)
      return statusResponse(Status::badRequest("the name of the object (" + obj->metadata.name + ") does not match the name on the URL (" + name + ")"));
    obj->metadata.namespace_ = cur->metadata.namespace_;
    // The main resource ignores status; the status subresource ignores everything else.
    Json merged = obj->toJson();
    Json old = cur->toJson();
    if (sub == "status") {
      old["status"] = merged.contains("status") ? merged["status"] : Json();
      merged = old;
    } else if (old.contains("status") && r->kind != "Event" && r->kind != "Endpoints") {
      merged["status"] = old["status"];
    }
    obj = objectFromJson(merged, &err);
    if (!obj) return statusResponse(Status::badRequest(err));
    if (method == "PATCH") obj->metadata.resourceVersion.clear();
    if (q("dryRun") == "All") return objectResponse(obj);
    auto res = update(obj);
    if (!res.ok()) return statusResponse(res.status);
    if (sub == "scale") return Response{200, scaleOf(*res.value), "", false};
    return objectResponse(res.value);
  }
  return statusResponse(Status::methodNotAllowed("the server does not allow this method on the requested resource"));
}

Json ApiServer::scaleOf(const Object& o) const {
  int spec = 0, status = 0;
  std::string selector;
  std::string kind = o.kind();
  if (kind == "Deployment") {
    const auto& d = static_cast<const Deployment&>(o);
    spec = d.spec.replicas.value_or(1);
    status = d.status.replicas;
    std::string err;
    if (auto s = Selector::fromLabelSelector(d.spec.selector, &err)) selector = s->str();
  } else if (kind == "ReplicaSet") {
    const auto& rs = static_cast<const ReplicaSet&>(o);
    spec = rs.spec.replicas.value_or(1);
    status = rs.status.replicas;
    std::string err;
    if (auto s = Selector::fromLabelSelector(rs.spec.selector, &err)) selector = s->str();
  } else {
    const auto& rc = static_cast<const ReplicationController&>(o);
    spec = rc.spec.replicas.value_or(1);
    status = rc.status.replicas;
    selector = Selector::fromMap(rc.spec.selector).str();
  }
  Json meta = {{"name", o.metadata.name}, {"namespace", o.metadata.namespace_}, {"uid", o.metadata.uid},
               {"resourceVersion", o.metadata.resourceVersion}, {"creationTimestamp", formatTime(o.metadata.creationTimestamp)}};
  Json st = {{"replicas", status}};
  if (!selector.empty()) st["selector"] = selector;
  return {{"kind", "Scale"}, {"apiVersion", "autoscaling/v1"}, {"metadata", meta},
          {"spec", {{"replicas", spec}}}, {"status", st}};
}

}  // namespace kp
