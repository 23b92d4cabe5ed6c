// The API server's authorization step and its review endpoints: every request is checked against
// RBAC as the user it is made as (the admin, or whom the impersonation headers name) before it is
// served; SelfSubjectAccessReview, SelfSubjectRulesReview and SelfSubjectReview are answered from
// the authorizer and never stored, as their REST storage does.
#include "core/api/json.h"
#include "core/apiserver/rbac.h"
#include "core/apiserver/store.h"
#include "core/base/strings.h"

namespace kp {

namespace {

Response statusOnly(const Status& s) { return Response{s.code, s.toJson(), "", false, nullptr, ""}; }

// The verb of a resource request (RequestInfoFactory): GET of a collection is list (watch with
// ?watch=true), DELETE of one is deletecollection.
std::string requestVerb(const Request& req, bool named) {
  const std::string& m = req.method;
  if (m == "GET" || m == "HEAD") {
    std::string w = req.param("watch");
    if (w == "true" || w == "1") return "watch";
    return named ? "get" : "list";
  }
  if (m == "POST") return "create";
  if (m == "PUT") return "update";
  if (m == "PATCH") return "patch";
  if (m == "DELETE") return named ? "delete" : "deletecollection";
  return toLower(m);
}

std::string aggregate(const std::vector<std::string>& errs) {
  return errs.size() == 1 ? errs[0] : "[" + join(errs, ", ") + "]";
}

}  // namespace

std::optional<Response> authorizeRequest(const Store& store, const Request& req, const ResourceInfo* r,
                                         const std::string& ns, const std::string& name, const std::string& sub) {
  // No impersonation: the kubeconfig's admin, in system:masters, which is always allowed.
  if (req.impersonateUser.empty() && req.impersonateGroups.empty()) return std::nullopt;
  std::string error;
  auto user = requestUser(req, &error);
  if (!user) return statusOnly(Status{500, "InternalError", "Internal error occurred: " + error});
  AuthzAttributes a;
  a.user = *user;
  if (r) {
    a.verb = requestVerb(req, !name.empty());
    a.apiGroup = r->group;
    a.resource = r->resource;
    a.subresource = sub;
    a.ns = ns;
    a.name = name;
  } else {
    a.resourceRequest = false;
    a.verb = toLower(req.method);
    a.path = req.path;
  }
  AuthzDecision d = RbacAuthorizer(store).authorize(a);
  if (d.allowed) return std::nullopt;
  return statusOnly(forbidden(a, d.reason));
}

Response answerReview(const Store& store, Time now, const ResourceInfo& r, const Request& req) {
  std::string error;
  auto user = requestUser(req, &error);
  if (!user) return statusOnly(Status{500, "InternalError", "Internal error occurred: " + error});
  const Json body = req.body.is_object() ? req.body : Json::object();
  const Json spec = body.contains("spec") && body["spec"].is_object() ? body["spec"] : Json::object();
  Json out = {{"kind", r.kind}, {"apiVersion", r.groupVersion()}, {"metadata", {{"creationTimestamp", nullptr}}}};
  RbacAuthorizer authz(store);
  auto text = [](const Json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
  };

  if (r.kind == "SelfSubjectReview") {
    out["metadata"]["creationTimestamp"] = formatTime(now / 1000 * 1000);
    out["status"] = {{"userInfo", {{"username", user->name}, {"groups", user->groups}}}};
    return Response{201, out, "", false, nullptr, ""};
  }

  if (r.kind == "SelfSubjectRulesReview") {
    std::string ns = text(spec, "namespace");
    if (ns.empty()) return statusOnly(Status::badRequest("no namespace on request"));
    std::vector<std::string> errors;
    Json resourceRules = Json::array(), nonResourceRules = Json::array();
    for (const auto& r : authz.rulesFor(*user, ns, &errors)) {
      if (!r.resources.empty()) {
        Json j = {{"verbs", r.verbs}};
        if (!r.apiGroups.empty()) j["apiGroups"] = r.apiGroups;
        j["resources"] = r.resources;
        if (!r.resourceNames.empty()) j["resourceNames"] = r.resourceNames;
        resourceRules.push_back(std::move(j));
      }
      if (!r.nonResourceURLs.empty()) nonResourceRules.push_back({{"verbs", r.verbs}, {"nonResourceURLs", r.nonResourceURLs}});
    }
    out["spec"] = spec;
    out["status"] = {{"resourceRules", resourceRules}, {"nonResourceRules", nonResourceRules}, {"incomplete", !errors.empty()}};
    if (!errors.empty()) out["status"]["evaluationError"] = aggregate(errors);
    return Response{201, out, "", false, nullptr, ""};
  }

  // SelfSubjectAccessReview: exactly one of resourceAttributes and nonResourceAttributes.
  const bool hasResource = spec.contains("resourceAttributes") && spec["resourceAttributes"].is_object();
  const bool hasNonResource = spec.contains("nonResourceAttributes") && spec["nonResourceAttributes"].is_object();
  if (hasResource == hasNonResource) {
    std::string field = hasResource ? "spec.resourceAttributes" : "spec.nonResourceAttributes";
    std::string value = hasResource ? spec["resourceAttributes"].dump() : "null";
    return statusOnly(Status::invalid(r, "", {{"FieldValueInvalid",
        "Invalid value: " + goQuote(value) + ": exactly one of nonResourceAttributes or resourceAttributes must be specified", field}}));
  }
  AuthzAttributes a;
  a.user = *user;
  if (hasResource) {
    const Json& ra = spec["resourceAttributes"];
    a.verb = text(ra, "verb");
    a.apiGroup = text(ra, "group");
    a.resource = text(ra, "resource");
    a.subresource = text(ra, "subresource");
    a.ns = text(ra, "namespace");
    a.name = text(ra, "name");
  } else {
    const Json& na = spec["nonResourceAttributes"];
    a.resourceRequest = false;
    a.verb = text(na, "verb");
    a.path = text(na, "path");
  }
  AuthzDecision d = authz.authorize(a);
  out["spec"] = spec;
  out["status"] = {{"allowed", d.allowed}};
  if (!d.reason.empty()) out["status"]["reason"] = d.reason;
  return Response{201, out, "", false, nullptr, ""};
}

}  // namespace kp
