// The REST handler: the API paths (/api/v1/..., /apis/<group>/<version>/...), discovery, and
// per resource the verbs: list (as JSON or a Table, with label and field selectors), watch,
// get, create, replace, merge / strategic-merge / JSON patches, delete and deletecollection,
// and the status and scale subresources. The pod subresources live in pod_subresources.cc.
#include <algorithm>
#include <cstdlib>

#include "core/api/json.h"
#include "core/api/selector.h"
#include "core/apiserver/apiserver.h"
#include "core/apiserver/route.h"
#include "core/apiserver/discovery.h"
#include "core/apiserver/fields.h"
#include "core/apiserver/hpa_versions.h"
#include "core/apiserver/json_kinds.h"
#include "core/apiserver/metrics_api.h"
#include "core/apiserver/patch.h"
#include "core/apiserver/rbac.h"
#include "core/apiserver/tables.h"
#include "core/apiserver/watch_cache.h"
#include "core/base/strings.h"

namespace kp {

namespace {

Response statusResponse(const Status& s) { return Response{s.code, s.toJson(), "", false, nullptr, ""}; }
Response objectResponse(const ObjectPtr& o, int code = 200) { return Response{code, o->toJson(), "", false, nullptr, ""}; }
Response notFoundPath() { return statusResponse(Status{404, "NotFound", "the server could not find the requested resource"}); }

bool wantsTable(const Request& req) { return req.accept.find("as=Table") != std::string::npos; }

std::vector<std::string> pathSegments(const std::string& path) {
  std::vector<std::string> out;
  for (auto& s : split(path, '/'))
    if (!s.empty()) out.push_back(std::move(s));
  return out;
}

// The subresources each kind has, as the registries define them.
bool hasSubresource(const ResourceInfo& r, const std::string& sub) {
  if (sub.empty() || sub == "status") return true;
  if (sub == "scale") return r.subresource("scale") != nullptr;
  if (r.kind == "Pod") return sub == "log" || sub == "exec" || sub == "attach" || sub == "portforward" || sub == "eviction";
  if (sub == "token") return r.kind == "ServiceAccount";
  return false;
}

// Parses label and field selectors of a list, delete-collection or watch; a Status on error.
std::optional<Status> parseSelectors(const Request& req, const ResourceInfo& r, Selector& labels, FieldSelector& fields) {
  std::string err;
  auto sel = Selector::parse(req.param("labelSelector"), &err);
  if (!sel) return Status::badRequest("unable to parse requirement: " + err);
  auto fsel = FieldSelector::parse(req.param("fieldSelector"), &err);
  if (!fsel) return Status::badRequest(err);
  // A field the kind cannot be selected by is refused up front (a probe object of the kind
  // answers which fields exist).
  std::string error;
  auto probe = objectFromJson(Json{{"kind", r.kind}, {"apiVersion", r.groupVersion()}, {"metadata", {{"name", "x"}}}}, &error);
  for (const auto& t : fsel->terms)
    if (probe && !selectableField(*probe, t.field))
      return Status::badRequest("field label not supported: " + t.field);
  labels = std::move(*sel);
  fields = std::move(*fsel);
  return std::nullopt;
}

bool isWatch(const Request& req) {
  std::string w = req.param("watch");
  return w == "true" || w == "1";
}

}  // namespace

// ------------------------------------------------------------------ entry

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
  audit_.push_back({now(), req.userAgent, req.method, req.path, resp.code});
  if (audit_.size() > 4096) audit_.erase(audit_.begin(), audit_.begin() + 1024);
  return resp;
}

Response ApiServer::dispatch(const Request& req) {
  auto seg = pathSegments(req.path);
  // Non-resource URLs (discovery, /version, /openapi) are authorized by their path.
  const bool resourcePath = (seg.size() >= 3 && seg[0] == "api") || (seg.size() >= 4 && seg[0] == "apis");
  if (!resourcePath)
    if (auto denied = authorizeRequest(store_, req, nullptr, "", "", "")) return std::move(*denied);
  // The aggregated metrics.k8s.io API (metrics-server), and its group in discovery, while the
  // addon serves it.
  if (const ResourceMetrics* metrics = resourceMetricsFor(this))
    if (auto m = serveResourceMetrics(*metrics, req, now())) return std::move(*m);
  if (auto d = serveDiscovery(req)) return std::move(*d);
  Route rt;
  size_t i;
  if (seg.size() >= 2 && seg[0] == "api") {
    rt.version = seg[1];
    i = 2;
  } else if (seg.size() >= 3 && seg[0] == "apis") {
    rt.group = seg[1];
    rt.version = seg[2];
    i = 3;
  } else {
    return notFoundPath();
  }
  std::vector<std::string> rest(seg.begin() + static_cast<long>(i), seg.end());
  if (rest.empty()) return notFoundPath();
  std::string resource;
  if (rest.size() >= 3 && rest[0] == "namespaces" && rest[2] != "status" && rest[2] != "finalize") {
    rt.ns = rest[1];
    rest.erase(rest.begin(), rest.begin() + 2);
  }
  resource = rest[0];
  if (rest.size() > 1) rt.name = rest[1];
  if (rest.size() > 2) rt.sub = rest[2];
  if (rest.size() > 3) return notFoundPath();
  // autoscaling/v1 HPAs are the stored v2 objects, converted on the way in and out.
  const bool hpaV1 = rt.group == "autoscaling" && rt.version == "v1" && resource == "horizontalpodautoscalers";
  for (const auto& info : allResources())
    if (info.resource == resource && info.group == rt.group && (info.version == rt.version || hpaV1)) rt.r = &info;
  if (!rt.r || (!rt.r->namespaced && !rt.ns.empty()) || !hasSubresource(*rt.r, rt.sub)) return notFoundPath();
  if (auto denied = authorizeRequest(store_, req, rt.r, rt.ns, rt.name, rt.sub)) return std::move(*denied);
  if (hpaV1) {
    Request v2 = req;
    v2.body = hpaV1ToV2(req.body);
    Response r = rt.name.empty() ? collection(rt, v2) : object(rt, v2);
    r.body = hpaV2ToV1(r.body);
    return r;
  }
  if (rt.r->createOnly && rt.name.empty() && req.method == "POST") return answerReview(store_, now(), *rt.r, req);
  if (rt.name.empty()) return collection(rt, req);
  return object(rt, req);
}

// ------------------------------------------------------------------ collections

Response ApiServer::collection(const Route& rt, const Request& req) {
  const ResourceInfo& r = *rt.r;
  const std::string& method = req.method;
  if (method == "GET" && isWatch(req)) return watch(rt, req);
  if (method == "GET" || method == "DELETE") {
    Selector labels;
    FieldSelector fields;
    if (auto bad = parseSelectors(req, r, labels, fields)) return statusResponse(*bad);
    std::vector<ObjectPtr> items;
    for (const auto& o : store_.list(r, rt.ns))
      if (labels.matches(o->metadata.labels) &&
          fields.matches([&](const std::string& f) { return selectableField(*o, f); }))
        items.push_back(o);
    if (method == "DELETE") {
      DeleteOptions opts;
      if (req.body.is_object()) opts.propagationPolicy = req.body.value("propagationPolicy", "");
      for (const auto& o : items) remove(r, o->metadata.namespace_, o->metadata.name, opts);
    }
    if (method == "GET" && wantsTable(req)) return Response{200, renderTable(r, items, now(), store_.resourceVersion()), "", false, nullptr, ""};
    Json list = {{"kind", r.kind + "List"}, {"apiVersion", r.groupVersion()},
                 {"metadata", {{"resourceVersion", std::to_string(store_.resourceVersion())}}}};
    Json arr = Json::array();
    for (const auto& o : items) {
      Json j = o->toJson();
      j.erase("kind");
      j.erase("apiVersion");
      arr.push_back(std::move(j));
    }
    list["items"] = std::move(arr);
    return Response{200, list, "", false, nullptr, ""};
  }
  if (method != "POST") return statusResponse(Status::methodNotAllowed("the server does not allow this method on the requested resource"));
  if (!req.body.is_object())
    return statusResponse(Status::badRequest("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/cbor"));
  Json body = req.body;
  if (!body.contains("kind")) body["kind"] = r.kind;
  const std::string handled = r.kind + " in version \"" + rt.version + "\" cannot be handled as a " + r.kind + ": ";
  if (body["kind"] != r.kind) return statusResponse(Status::badRequest(handled + "the kind of the object does not match the resource"));
  std::string err;
  auto obj = objectFromJson(body, &err);
  if (!obj) return statusResponse(Status::badRequest(handled + err));
  if (r.namespaced) {
    if (!obj->metadata.namespace_.empty() && obj->metadata.namespace_ != rt.ns)
      return statusResponse(Status::badRequest("the namespace of the provided object does not match the namespace sent on the request"));
    obj->metadata.namespace_ = rt.ns;
  }
  // Status is ignored on create for kinds with a status subresource.
  if (r.kind != "Event" && r.kind != "Endpoints" && r.kind != "Node") {
    Json j = obj->toJson();
    if (j.contains("status")) {
      j.erase("status");
      obj = objectFromJson(j, &err);
      if (!obj) return statusResponse(Status::badRequest(handled + err));
    }
  }
  if (req.param("dryRun") == "All") {
    applyDefaults(*obj);
    if (Status s = validate(*obj, nullptr); !s.ok()) return statusResponse(s);
    return objectResponse(obj, 201);
  }
  auto res = create(obj, req.param("fieldManager"));
  if (!res.ok()) return statusResponse(res.status);
  return objectResponse(res.value, 201);
}

Response ApiServer::watch(const Route& rt, const Request& req) {
  WatchRequest w;
  w.resource = rt.r;
  w.ns = rt.ns;
  if (auto bad = parseSelectors(req, *rt.r, w.labels, w.fields)) return statusResponse(*bad);
  w.resourceVersion = req.param("resourceVersion");
  w.bookmarks = req.param("allowWatchBookmarks") == "true";
  std::string timeout = req.param("timeoutSeconds");
  if (!timeout.empty()) {
    char* end = nullptr;
    long long t = std::strtoll(timeout.c_str(), &end, 10);
    if (end == timeout.c_str() || *end != '\0' || t < 0)
      return statusResponse(Status::badRequest("invalid value for timeoutSeconds: " + timeout));
    w.timeoutSeconds = t;
  }
  w.table = wantsTable(req);
  return watchCache_->open(w);
}

// ------------------------------------------------------------------ one object

Response ApiServer::object(const Route& rt, const Request& req) {
  const ResourceInfo& r = *rt.r;
  ObjectPtr cur = store_.get(r, rt.ns, rt.name);
  if (rt.r->kind == "Pod" && !rt.sub.empty() && rt.sub != "status") {
    if (!cur) return statusResponse(Status::notFound(r, rt.name));
    return podSubresource(rt, req, cur);
  }
  if (rt.sub == "token") {
    if (!cur) return statusResponse(Status::notFound(r, rt.name));
    return tokenRequest(rt, req, cur);
  }
  const std::string& method = req.method;
  if (method == "GET") {
    if (!cur) return statusResponse(Status::notFound(r, rt.name));
    if (rt.sub == "scale") return Response{200, scaleOf(*cur), "", false, nullptr, ""};
    if (wantsTable(req)) return Response{200, renderTable(r, {cur}, now(), store_.resourceVersion()), "", false, nullptr, ""};
    return objectResponse(cur);
  }
  if (method == "DELETE") {
    if (!cur) return statusResponse(Status::notFound(r, rt.name));
    DeleteOptions opts;
    if (req.body.is_object()) {
      opts.propagationPolicy = req.body.value("propagationPolicy", "");
      if (req.body.contains("gracePeriodSeconds") && req.body["gracePeriodSeconds"].is_number_integer())
        opts.gracePeriodSeconds = req.body["gracePeriodSeconds"].get<int64_t>();
    }
    if (!req.param("propagationPolicy").empty()) opts.propagationPolicy = req.param("propagationPolicy");
    if (!req.param("gracePeriodSeconds").empty()) opts.gracePeriodSeconds = std::atoll(req.param("gracePeriodSeconds").c_str());
    if (req.param("dryRun") == "All") return objectResponse(cur);
    if (Status s = remove(r, rt.ns, rt.name, opts); !s.ok()) return statusResponse(s);
    ObjectPtr after = store_.get(r, rt.ns, rt.name);
    return objectResponse(after ? after : cur);
  }
  if (method == "PUT" || method == "PATCH") {
    if (!cur) return statusResponse(Status::notFound(r, rt.name));
    return write(rt, req, cur);
  }
  return statusResponse(Status::methodNotAllowed("the server does not allow this method on the requested resource"));
}

// PUT and PATCH of an object, its status or its scale.
Response ApiServer::write(const Route& rt, const Request& req, const ObjectPtr& cur) {
  const ResourceInfo& r = *rt.r;
  Json target = rt.sub == "scale" ? scaleOf(*cur) : cur->toJson();
  Json updated;
  if (req.method == "PUT") {
    updated = req.body;
  } else {
    const std::string& ct = req.contentType;
    if (ct.find("strategic-merge-patch") != std::string::npos) {
      updated = strategicMergePatch(target, req.body);
    } else if (ct.find("merge-patch") != std::string::npos || ct.find("apply-patch") != std::string::npos) {
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
  if (rt.sub == "scale") {
    const Json& spec = updated.contains("spec") ? updated["spec"] : Json::object();
    if (!spec.contains("replicas") || !spec["replicas"].is_number_integer())
      return statusResponse(Status::badRequest("Scale in version \"v1\" cannot be handled as a Scale: json: cannot unmarshal into Go struct field ScaleSpec.spec.replicas of type int32"));
    int64_t replicas = spec["replicas"].get<int64_t>();
    if (replicas < 0 || replicas > INT32_MAX)
      return statusResponse(Status::invalid(r, rt.name, {{"FieldValueInvalid", "Invalid value: " + std::to_string(replicas) + ": must be greater than or equal to 0", "spec.replicas"}}));
    Json obj = cur->toJson();
    obj["spec"]["replicas"] = replicas;
    updated = obj;
  }
  updated["kind"] = r.kind;
  updated["apiVersion"] = r.groupVersion();
  const std::string handled = r.kind + " in version \"" + rt.version + "\" cannot be handled as a " + r.kind + ": ";
  std::string err;
  auto obj = objectFromJson(updated, &err);
  if (!obj) return statusResponse(Status::badRequest(handled + err));
  if (obj->metadata.name != rt.name)
    return statusResponse(Status::badRequest("the name of the object (" + obj->metadata.name + ") does not match the name on the URL (" + rt.name + ")"));
  obj->metadata.namespace_ = cur->metadata.namespace_;
  // The main resource ignores status; the status subresource ignores everything else.
  Json merged = obj->toJson();
  Json old = cur->toJson();
  if (rt.sub == "status") {
    old["status"] = merged.contains("status") ? merged["status"] : Json();
    merged = old;
  } else if (old.contains("status") && r.kind != "Event" && r.kind != "Endpoints") {
    merged["status"] = old["status"];
  }
  obj = objectFromJson(merged, &err);
  if (!obj) return statusResponse(Status::badRequest(err));
  if (req.method == "PATCH") obj->metadata.resourceVersion.clear();
  if (req.param("dryRun") == "All") return objectResponse(obj);
  auto res = update(obj);
  if (!res.ok()) return statusResponse(res.status);
  if (rt.sub == "scale") return Response{200, scaleOf(*res.value), "", false, nullptr, ""};
  return objectResponse(res.value);
}

Json ApiServer::scaleOf(const Object& o) const {
  int spec = 0, status = 0;
  std::string selector;
  std::string kind = o.kind();
  std::string err;
  if (auto* jo = dynamic_cast<const JsonObject*>(&o)) {  // StatefulSet
    const Json& sp = jo->field("spec");
    spec = sp.value("replicas", 1);
    status = jo->field("status").value("replicas", 0);
    if (auto s = Selector::fromLabelSelector(labelSelectorFromJson(sp.value("selector", Json::object())), &err)) selector = s->str();
  } else if (kind == "Deployment") {
    const auto& d = static_cast<const Deployment&>(o);
    spec = d.spec.replicas.value_or(1);
    status = d.status.replicas;
    if (auto s = Selector::fromLabelSelector(d.spec.selector, &err)) selector = s->str();
  } else if (kind == "ReplicaSet") {
    const auto& rs = static_cast<const ReplicaSet&>(o);
    spec = rs.spec.replicas.value_or(1);
    status = rs.status.replicas;
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
