#include "core/kubectl/client.h"

#include "core/api/json.h"

namespace kp {

std::string Client::path(const ResourceInfo& r, const std::string& ns, const std::string& name,
                         const std::string& subresource) {
  std::string p = r.group.empty() ? "/api/v1" : "/apis/" + r.group + "/" + r.version;
  if (r.namespaced && !ns.empty()) p += "/namespaces/" + ns;
  p += "/" + r.resource;
  if (!name.empty()) p += "/" + name;
  if (!subresource.empty()) p += "/" + subresource;
  return p;
}

Response Client::request(Request req) { return send(req); }

Response Client::send(Request& req) {
  if (!userAgent.empty()) req.userAgent = userAgent;
  if (req.impersonateUser.empty() && req.impersonateGroups.empty()) {
    req.impersonateUser = impersonateUser;
    req.impersonateGroups = impersonateGroups;
  }
  return api_.handle(req);
}

Result<ObjectPtr> Client::get(const ResourceInfo& r, const std::string& ns, const std::string& name) {
  Request req;
  req.path = path(r, ns, name);
  Response resp = send(req);
  if (!resp.ok()) return Status::fromJson(resp.body);
  std::string error;
  auto obj = objectFromJson(resp.body, &error);
  if (!obj) return Status{500, "InternalError", error};
  return ObjectPtr(obj);
}

static Request listRequest(const ResourceInfo& r, const std::string& ns, const std::string& labelSelector,
                           const std::string& fieldSelector) {
  Request req;
  req.path = Client::path(r, ns);
  req.query["limit"] = "500";
  if (!labelSelector.empty()) req.query["labelSelector"] = labelSelector;
  if (!fieldSelector.empty()) req.query["fieldSelector"] = fieldSelector;
  return req;
}

Result<std::vector<ObjectPtr>> Client::list(const ResourceInfo& r, const std::string& ns,
                                            const std::string& labelSelector,
                                            const std::string& fieldSelector) {
  Request req = listRequest(r, ns, labelSelector, fieldSelector);
  Response resp = send(req);
  if (!resp.ok()) return Status::fromJson(resp.body);
  std::vector<ObjectPtr> out;
  if (!resp.body.contains("items")) return out;
  for (auto item : resp.body["items"]) {
    // List items carry no kind/apiVersion on the wire; restore them to decode.
    item["kind"] = r.kind;
    item["apiVersion"] = r.groupVersion();
    std::string error;
    auto obj = objectFromJson(item, &error);
    if (!obj) return Status{500, "InternalError", error};
    out.push_back(obj);
  }
  return out;
}

Result<Json> Client::table(const ResourceInfo& r, const std::string& ns, const std::string& name,
                           const std::string& labelSelector, const std::string& fieldSelector) {
  Request req = name.empty() ? listRequest(r, ns, labelSelector, fieldSelector) : Request{};
  if (!name.empty()) req.path = path(r, ns, name);
  req.accept = tableAccept();
  Response resp = send(req);
  if (!resp.ok()) return Status::fromJson(resp.body);
  return std::move(resp.body);
}

const char* Client::tableAccept() {
  return "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
}

Response Client::watch(const ResourceInfo& r, const std::string& ns, const std::string& resourceVersion,
                       const std::string& labelSelector, const std::string& fieldSelector, bool table) {
  Request req;
  req.path = path(r, ns);
  req.query["watch"] = "true";
  if (!resourceVersion.empty()) req.query["resourceVersion"] = resourceVersion;
  if (!labelSelector.empty()) req.query["labelSelector"] = labelSelector;
  if (!fieldSelector.empty()) req.query["fieldSelector"] = fieldSelector;
  if (table) req.accept = tableAccept();
  return send(req);
}

Result<std::vector<Ptr<Event>>> Client::eventsFor(const Object& o) {
  // The kubelet records node events with the node's name as uid; describe node searches so.
  std::string uid = std::string(o.kind()) == "Node" ? o.metadata.name : o.metadata.uid;
  std::string fs = "involvedObject.name=" + o.metadata.name +
                   ",involvedObject.namespace=" + o.metadata.namespace_ + ",involvedObject.uid=" + uid;
  if (std::string(o.kind()) != "Pod") fs = "involvedObject.kind=" + std::string(o.kind()) + "," + fs;
  // Cluster-scoped objects (nodes) are searched in every namespace, as `kubectl describe` does.
  if (std::string(o.kind()) == "Node") {
    // Controllers record node events with the node's real uid: describe node asks for both.
    std::string byUid = "involvedObject.kind=Node,involvedObject.name=" + o.metadata.name +
                        ",involvedObject.namespace=,involvedObject.uid=" + o.metadata.uid;
    auto first = list<Event>(o.metadata.namespace_, "", byUid);
    auto second = list<Event>(o.metadata.namespace_, "", fs);
    if (!first.ok()) return first;
    if (second.ok()) first.value.insert(first.value.end(), second.value.begin(), second.value.end());
    return first;
  }
  return list<Event>(o.metadata.namespace_, "", fs);
}

}  // namespace kp
