// The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): rule matching, walking the bindings
// that apply to a user, the rules a SelfSubjectRulesReview lists, and the impersonated user.
// Bindings and roles are read from the store as they are (JsonObject wire form).
#include "core/apiserver/rbac.h"

#include <algorithm>

#include "core/api/selector.h"
#include "core/apiserver/rest.h"
#include "core/apiserver/store.h"
#include "core/base/strings.h"

namespace kp {

namespace {

const char* const kMasters = "system:masters";
const char* const kAuthenticated = "system:authenticated";
const char* const kUnauthenticated = "system:unauthenticated";
const char* const kServiceAccountPrefix = "system:serviceaccount:";

// The wire form of a stored object (JsonObject keeps it; typed kinds are converted).
Json bodyOf(const Object& o) {
  if (auto* j = dynamic_cast<const JsonObject*>(&o)) return j->body;
  return o.toJson();
}

std::vector<std::string> stringList(const Json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.is_object()) return out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string str(const Json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

bool has(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }

bool verbMatches(const PolicyRule& r, const std::string& verb) { return has(r.verbs, "*") || has(r.verbs, verb); }
bool groupMatches(const PolicyRule& r, const std::string& group) { return has(r.apiGroups, "*") || has(r.apiGroups, group); }

bool resourceMatches(const PolicyRule& r, const std::string& combined, const std::string& sub) {
  for (const auto& res : r.resources) {
    if (res == "*" || res == combined) return true;
    // "*/status" covers the status subresource of every resource
    if (!sub.empty() && res.size() == sub.size() + 2 && res.rfind("*/", 0) == 0 && res.compare(2, std::string::npos, sub) == 0)
      return true;
  }
  return false;
}

bool nameMatches(const PolicyRule& r, const std::string& name) { return r.resourceNames.empty() || has(r.resourceNames, name); }

bool urlMatches(const PolicyRule& r, const std::string& path) {
  for (const auto& u : r.nonResourceURLs) {
    if (u == "*" || u == path) return true;
    if (!u.empty() && u.back() == '*' && path.rfind(u.substr(0, u.size() - 1), 0) == 0) return true;
  }
  return false;
}

// A binding's subject applies to the user (rbac's appliesToUser).
bool subjectApplies(const UserInfo& u, const Json& s, const std::string& bindingNs) {
  std::string kind = str(s, "kind"), name = str(s, "name");
  if (kind == "User") return u.name == name;
  if (kind == "Group") return u.inGroup(name);
  if (kind == "ServiceAccount") {
    std::string ns = str(s, "namespace");
    if (ns.empty()) ns = bindingNs;
    if (ns.empty()) return false;
    return u.name == kServiceAccountPrefix + ns + ":" + name;
  }
  return false;
}

// How the allowed-by reason names a subject (ServiceAccount "name/namespace").
std::string describeSubject(const Json& s, const std::string& bindingNs) {
  std::string kind = str(s, "kind"), name = str(s, "name");
  if (kind == "ServiceAccount") {
    std::string ns = str(s, "namespace");
    return kind + " " + goQuote(name + "/" + (ns.empty() ? bindingNs : ns));
  }
  return kind + " " + goQuote(name);
}

std::vector<PolicyRule> rulesOf(const Json& body) {
  std::vector<PolicyRule> out;
  auto it = body.find("rules");
  if (it != body.end() && it->is_array())
    for (const auto& r : *it) out.push_back(PolicyRule::fromJson(r));
  return out;
}

// A label selector in wire form matches the labels (an unparsable one matches nothing).
bool selectorMatches(const Json& sel, const StringMap& labels) {
  if (!sel.is_object()) return false;
  LabelSelector ls;
  if (auto it = sel.find("matchLabels"); it != sel.end() && it->is_object())
    for (auto kv = it->begin(); kv != it->end(); ++kv)
      if (kv->is_string()) ls.matchLabels[kv.key()] = kv->get<std::string>();
  if (auto it = sel.find("matchExpressions"); it != sel.end() && it->is_array())
    for (const auto& e : *it) ls.matchExpressions.push_back({str(e, "key"), str(e, "operator"), stringList(e, "values")});
  if (ls.matchLabels.empty() && ls.matchExpressions.empty()) return false;  // an empty selector aggregates nothing
  std::string err;
  auto s = Selector::fromLabelSelector(ls, &err);
  return s && s->matches(labels);
}

const ResourceInfo& res(const char* kind) { return *resourceForKind(kind); }

}  // namespace

bool UserInfo::inGroup(std::string_view g) const { return has(groups, g); }

PolicyRule PolicyRule::fromJson(const Json& j) {
  return {stringList(j, "verbs"), stringList(j, "apiGroups"), stringList(j, "resources"),
          stringList(j, "resourceNames"), stringList(j, "nonResourceURLs")};
}

Json PolicyRule::toJson() const {
  Json j = {{"verbs", verbs}};
  if (!apiGroups.empty()) j["apiGroups"] = apiGroups;
  if (!resources.empty()) j["resources"] = resources;
  if (!resourceNames.empty()) j["resourceNames"] = resourceNames;
  if (!nonResourceURLs.empty()) j["nonResourceURLs"] = nonResourceURLs;
  return j;
}

UserInfo defaultAdminUser() { return {"minikube-user", {kMasters, kAuthenticated}}; }

std::optional<UserInfo> requestUser(const Request& req, std::string* error) {
  const std::string& user = req.impersonateUser;
  const std::vector<std::string>& groups = req.impersonateGroups;
  if (user.empty()) {
    if (!groups.empty()) {
      if (error) *error = "requested groups without impersonating a user";
      return std::nullopt;
    }
    return defaultAdminUser();
  }
  // The impersonation filter: a service account's groups are fixed unless groups were given;
  // everyone but system:anonymous is also system:authenticated.
  UserInfo u{user, groups};
  if (u.name.rfind(kServiceAccountPrefix, 0) == 0 && u.groups.empty()) {
    std::string rest = u.name.substr(std::string(kServiceAccountPrefix).size());
    auto colon = rest.find(':');
    if (colon != std::string::npos && colon > 0 && colon + 1 < rest.size() && rest.find(':', colon + 1) == std::string::npos)
      u.groups = {"system:serviceaccounts", "system:serviceaccounts:" + rest.substr(0, colon)};
  }
  if (u.name != "system:anonymous" && !u.inGroup(kAuthenticated) && !u.inGroup(kUnauthenticated))
    u.groups.push_back(kAuthenticated);
  return u;
}

bool ruleAllows(const PolicyRule& rule, const AuthzAttributes& a) {
  if (!a.resourceRequest) return verbMatches(rule, a.verb) && urlMatches(rule, a.path);
  std::string combined = a.subresource.empty() ? a.resource : a.resource + "/" + a.subresource;
  return verbMatches(rule, a.verb) && groupMatches(rule, a.apiGroup) && resourceMatches(rule, combined, a.subresource) &&
         nameMatches(rule, a.name);
}

std::optional<std::vector<PolicyRule>> RbacAuthorizer::clusterRoleRules(const std::string& name) const {
  ObjectPtr role = store_.get(res("ClusterRole"), "", name);
  if (!role) return std::nullopt;
  Json body = bodyOf(*role);
  std::vector<PolicyRule> rules = rulesOf(body);
  // The aggregation controller fills an aggregated role's rules from the ClusterRoles its
  // selectors match; reading them here gives the same answer without the controller.
  auto agg = body.find("aggregationRule");
  if (agg != body.end() && agg->is_object() && agg->contains("clusterRoleSelectors") && (*agg)["clusterRoleSelectors"].is_array()) {
    for (const auto& other : store_.list(res("ClusterRole"))) {
      if (other->metadata.name == name) continue;
      bool selected = false;
      for (const auto& sel : (*agg)["clusterRoleSelectors"]) selected = selected || selectorMatches(sel, other->metadata.labels);
      if (!selected) continue;
      for (auto& r : rulesOf(bodyOf(*other)))
        if (std::find(rules.begin(), rules.end(), r) == rules.end()) rules.push_back(std::move(r));
    }
  }
  return rules;
}

std::optional<std::vector<PolicyRule>> RbacAuthorizer::roleRules(const std::string& ns, const std::string& name) const {
  ObjectPtr role = store_.get(res("Role"), ns, name);
  if (!role) return std::nullopt;
  return rulesOf(bodyOf(*role));
}

bool RbacAuthorizer::visitRules(const UserInfo& user, const std::string& ns, const Visitor& visit,
                                std::vector<std::string>* errors) const {
  auto notFound = [&](const char* kind, const std::string& name) {
    if (errors) errors->push_back(std::string(kind) + ".rbac.authorization.k8s.io " + goQuote(name) + " not found");
  };
  for (const auto& b : store_.list(res("ClusterRoleBinding"))) {
    Json body = bodyOf(*b);
    const Json* subject = nullptr;
    if (auto it = body.find("subjects"); it != body.end() && it->is_array())
      for (const auto& s : *it)
        if (!subject && subjectApplies(user, s, "")) subject = &s;
    if (!subject) continue;
    Json ref = body.value("roleRef", Json::object());
    std::string roleName = str(ref, "name");
    auto rules = clusterRoleRules(roleName);
    if (!rules) {
      notFound("clusterrole", roleName);
      continue;
    }
    std::string source = "ClusterRoleBinding " + goQuote(b->metadata.name) + " of ClusterRole " + goQuote(roleName) +
                         " to " + describeSubject(*subject, "");
    for (const auto& r : *rules)
      if (visit(source, r)) return true;
  }
  if (ns.empty()) return false;
  for (const auto& b : store_.list(res("RoleBinding"), ns)) {
    Json body = bodyOf(*b);
    const Json* subject = nullptr;
    if (auto it = body.find("subjects"); it != body.end() && it->is_array())
      for (const auto& s : *it)
        if (!subject && subjectApplies(user, s, ns)) subject = &s;
    if (!subject) continue;
    Json ref = body.value("roleRef", Json::object());
    std::string kind = str(ref, "kind"), roleName = str(ref, "name");
    std::optional<std::vector<PolicyRule>> rules;
    if (kind == "ClusterRole") {
      rules = clusterRoleRules(roleName);
      if (!rules) notFound("clusterrole", roleName);
    } else {
      rules = roleRules(ns, roleName);
      if (!rules) notFound("role", roleName);
    }
    if (!rules) continue;
    std::string source = "RoleBinding " + goQuote(b->metadata.name + "/" + ns) + " of " + kind + " " + goQuote(roleName) +
                         " to " + describeSubject(*subject, ns);
    for (const auto& r : *rules)
      if (visit(source, r)) return true;
  }
  return false;
}

AuthzDecision RbacAuthorizer::authorize(const AuthzAttributes& a) const {
  // The privileged-group authorizer runs first and answers without a reason.
  if (a.user.inGroup(kMasters)) return {true, ""};
  std::string allowedBy;
  std::vector<std::string> errors;
  bool allowed = visitRules(a.user, a.resourceRequest ? a.ns : "",
                            [&](const std::string& source, const PolicyRule& r) {
                              if (!ruleAllows(r, a)) return false;
                              allowedBy = source;
                              return true;
                            },
                            &errors);
  if (allowed) return {true, "RBAC: allowed by " + allowedBy};
  if (errors.empty()) return {false, ""};
  std::string agg = errors.size() == 1 ? errors[0] : "[" + join(errors, ", ") + "]";
  return {false, "RBAC: " + agg};
}

std::vector<PolicyRule> RbacAuthorizer::rulesFor(const UserInfo& user, const std::string& ns,
                                                 std::vector<std::string>* errors) const {
  std::vector<PolicyRule> out;
  visitRules(user, ns, [&](const std::string&, const PolicyRule& r) {
    out.push_back(r);
    return false;
  }, errors);
  return out;
}

Status forbidden(const AuthzAttributes& a, const std::string& reason) {
  std::string msg;
  const std::string user = goQuote(a.user.name);
  if (!a.resourceRequest) {
    msg = "User " + user + " cannot " + a.verb + " path " + goQuote(a.path);
  } else {
    std::string resource = a.subresource.empty() ? a.resource : a.resource + "/" + a.subresource;
    msg = "User " + user + " cannot " + a.verb + " resource " + goQuote(resource) + " in API group " + goQuote(a.apiGroup);
    msg += a.ns.empty() ? " at the cluster scope" : " in the namespace " + goQuote(a.ns);
  }
  if (!reason.empty()) msg += ": " + reason;
  Status s;
  s.code = 403;
  s.reason = "Forbidden";
  if (!a.resourceRequest) {
    s.message = "forbidden: " + msg;
    return s;
  }
  std::string qualified = a.apiGroup.empty() ? a.resource : a.resource + "." + a.apiGroup;
  s.message = a.name.empty() ? qualified + " is forbidden: " + msg : qualified + " " + goQuote(a.name) + " is forbidden: " + msg;
  s.group = a.apiGroup;
  s.kind = a.resource;
  s.name = a.name;
  return s;
}

}  // namespace kp
