// The pod subresources: log, exec, attach and portforward, which the API server checks (the
// container exists, the pod has a node) and then hands to the pod's kubelet, and eviction,
// the graceful delete that drain uses (pkg/registry/core/pod/storage/eviction.go): the pod is
// marked with the DisruptionTarget condition and deleted with the eviction's delete options.
#include "core/api/json.h"
#include "core/api/podutil.h"
#include "core/apiserver/apiserver.h"
#include "core/api/selector.h"
#include "core/apiserver/json_kinds.h"
#include "core/apiserver/route.h"
#include "core/apiserver/kubelet_api.h"
#include "core/base/strings.h"

namespace kp {

namespace {

Response statusResponse(const Status& s) { return Response{s.code, s.toJson(), "", false, nullptr, ""}; }

// The container a stream request names, as the registry's ExecLocation/AttachLocation pick
// it: the `container` parameter, or the pod's only container; an error Status otherwise.
std::optional<Status> checkContainer(const Pod& pod, const Request& req) {
  std::string container = req.param("container");
  const std::string& name = pod.metadata.name;
  if (container.empty()) {
    if (pod.spec.containers.size() == 1) return std::nullopt;
    std::vector<std::string> names;
    for (const auto& c : pod.spec.containers) names.push_back(c.name);
    return Status::badRequest("a container name must be specified for pod " + name + ", choose one of: [" + join(names, " ") + "]");
  }
  bool known = false;
  for (const auto& c : pod.spec.containers) known |= c.name == container;
  for (const auto& c : pod.spec.initContainers) known |= c.name == container;
  if (!known) return Status::badRequest("container " + container + " is not valid for pod " + name);
  return std::nullopt;
}

}  // namespace

Response ApiServer::podSubresource(const Route& rt, const Request& req, const ObjectPtr& obj) {
  const Pod& pod = static_cast<const Pod&>(*obj);
  const std::string& method = req.method;
  if (rt.sub == "eviction") {
    if (method != "POST") return statusResponse(Status::methodNotAllowed("the server does not allow this method on the requested resource"));
    return evict(rt, req, obj);
  }
  if (rt.sub == "log") {
    if (method != "GET") return statusResponse(Status::methodNotAllowed("the server does not allow this method on the requested resource"));
    if (!kubelet_) return Response{200, nullptr, "", true, nullptr, ""};
    return kubelet_->logs(pod, req);
  }
  if (method != "GET" && method != "POST")
    return statusResponse(Status::methodNotAllowed("the server does not allow this method on the requested resource"));
  if (rt.sub != "portforward")
    if (auto bad = checkContainer(pod, req)) return statusResponse(*bad);
  if (pod.spec.nodeName.empty())
    return statusResponse(Status::badRequest("pod " + pod.metadata.name + " does not have a host assigned"));
  if (!kubelet_) return statusResponse(Status{503, "ServiceUnavailable", "no kubelet is serving node " + pod.spec.nodeName});
  if (rt.sub == "exec") {
    if (req.values("command").empty()) return statusResponse(Status::badRequest("you must specify at least one command for the container"));
    return kubelet_->exec(pod, req);
  }
  if (rt.sub == "attach") return kubelet_->attach(pod, req);
  return kubelet_->portForward(pod, req);
}

Response ApiServer::evict(const Route& rt, const Request& req, const ObjectPtr& obj) {
  const ResourceInfo& podsR = *rt.r;
  const Json& body = req.body;
  if (!body.is_object() || body.value("kind", "") != "Eviction")
    return statusResponse(Status::badRequest("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/cbor"));
  std::string bodyName;
  if (body.contains("metadata") && body["metadata"].is_object()) bodyName = body["metadata"].value("name", "");
  if (bodyName != rt.name) return statusResponse(Status::badRequest("name in URL does not match name in Eviction object"));
  DeleteOptions opts;
  if (body.contains("deleteOptions") && body["deleteOptions"].is_object()) {
    const Json& d = body["deleteOptions"];
    opts.propagationPolicy = d.value("propagationPolicy", "");
    if (d.contains("gracePeriodSeconds") && d["gracePeriodSeconds"].is_number_integer())
      opts.gracePeriodSeconds = d["gracePeriodSeconds"].get<int64_t>();
    if (d.contains("dryRun") && d["dryRun"].is_array() && !d["dryRun"].empty())
      return Response{201, Status{201, "", ""}.toJson(), "", false, nullptr, ""};
  }
  const auto& pod = static_cast<const Pod&>(*obj);
  // A pod that is not running yet, or has finished, goes without consulting budgets; so does
  // one already being deleted. Otherwise the pod's PodDisruptionBudget must allow a disruption,
  // and the eviction uses one up.
  if (!podTerminating(pod) && !podFinished(pod) && pod.status.phase == "Running") {
    if (auto refused = spendDisruption(pod)) return statusResponse(*refused);
  }
  if (!podTerminating(pod) && !podFinished(pod)) {
    auto copy = std::make_shared<Pod>(pod);
    setPodCondition(*copy, {"DisruptionTarget", "True", "EvictionByEvictionAPI", "Eviction API: evicting", kNoTime,
                            now() / 1000 * 1000});
    updateStatus(*copy);
  }
  if (Status s = remove(podsR, rt.ns, rt.name, opts); !s.ok()) return statusResponse(s);
  Status done{201, "", ""};
  return Response{201, done.toJson(), "", false, nullptr, ""};
}

// The budgets that select the pod: none lets it go; one with disruptionsAllowed left is
// charged (disruptionsAllowed - 1, the pod in disruptedPods) until the disruption controller
// counts again; one without refuses with 429; more than one is an error, as upstream.
std::optional<Status> ApiServer::spendDisruption(const Pod& pod) {
  const ResourceInfo& pdbR = *resourceForKind("PodDisruptionBudget");
  std::vector<std::shared_ptr<const JsonObject>> budgets;
  for (const auto& b : store_.list(pdbR, pod.metadata.namespace_)) {
    auto pdb = std::dynamic_pointer_cast<const JsonObject>(b);
    if (!pdb) continue;
    auto sel = Selector::fromLabelSelector(labelSelectorFromJson(pdb->field("spec").value("selector", Json::object())), nullptr);
    if (sel && !sel->empty() && sel->matches(pod.metadata.labels)) budgets.push_back(pdb);
  }
  if (budgets.empty()) return std::nullopt;
  if (budgets.size() > 1)
    return Status{500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."};
  const auto& pdb = budgets[0];
  const Json& st = pdb->field("status");
  int allowed = st.value("disruptionsAllowed", 0);
  if (allowed <= 0) {
    Status s{429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget."};
    s.causes.push_back({"DisruptionBudget",
                        "The disruption budget " + pdb->metadata.name + " needs " + std::to_string(st.value("desiredHealthy", 0)) +
                            " healthy pods and has " + std::to_string(st.value("currentHealthy", 0)) + " currently",
                        ""});
    return s;
  }
  auto copy = std::make_shared<JsonObject>(*pdb);
  Json& cst = copy->body["status"];
  cst["disruptionsAllowed"] = allowed - 1;
  cst["disruptedPods"][pod.metadata.name] = formatTime(now() / 1000 * 1000);
  updateStatus(*copy);
  return std::nullopt;
}

}  // namespace kp
