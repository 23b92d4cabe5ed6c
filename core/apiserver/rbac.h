// Authorization as minikube's kube-apiserver does it (--authorization-mode=Node,RBAC behind the
// privileged-group authorizer): system:masters may do anything; everyone else may do what the
// rules of the Roles and ClusterRoles bound to them by RoleBindings and ClusterRoleBindings
// allow. Also who a request is made as (the impersonation headers) and the 403 of a denial.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/resources.h"
#include "core/api/status.h"
#include "core/api/types.h"
#include "core/apiserver/rest.h"

namespace kp {

class Store;


// An authenticated (or impersonated) user: user.Info without uid and extra.
struct UserInfo {
  std::string name;
  std::vector<std::string> groups;
  bool inGroup(std::string_view g) const;
};

// What one request asks to do (authorizer.Attributes).
struct AuthzAttributes {
  UserInfo user;
  std::string verb;              // get list watch create update patch delete deletecollection, or any
  bool resourceRequest = true;   // false: a non-resource URL (/api, /healthz)
  std::string apiGroup, resource, subresource, ns, name;
  std::string path;              // the URL of a non-resource request
};

// One rule of a Role or ClusterRole (rbac/v1 PolicyRule).
struct PolicyRule {
  std::vector<std::string> verbs, apiGroups, resources, resourceNames, nonResourceURLs;
  static PolicyRule fromJson(const Json& j);
  Json toJson() const;  // the wire form: verbs always, the other lists when not empty
  bool operator==(const PolicyRule&) const = default;
};

struct AuthzDecision {
  bool allowed = false;
  // Allowed: what allowed it ("RBAC: allowed by ClusterRoleBinding ..."; empty for
  // system:masters). Denied: the evaluation errors ("RBAC: clusterrole... not found"), or empty.
  std::string reason;
};

// The user of a request without impersonation: the kubeconfig's client certificate that
// minikube makes (CN minikube-user, O system:masters).
UserInfo defaultAdminUser();
// The user a request is made as: the admin, or the user its Impersonate-User/-Group headers
// name (a service account gets its groups, everyone but system:anonymous gets
// system:authenticated). nullopt with *error for groups without a user.
std::optional<UserInfo> requestUser(const Request& req, std::string* error);

// Whether one rule covers the request (rbac's RuleAllows: "*" wildcards, resource/subresource
// and "*/subresource", resourceNames, non-resource URLs ending in "*").
bool ruleAllows(const PolicyRule& rule, const AuthzAttributes& a);

class RbacAuthorizer {
 public:
  explicit RbacAuthorizer(const Store& store) : store_(store) {}
  AuthzDecision authorize(const AuthzAttributes& a) const;
  // Every rule granted to the user in namespace ns ("" : cluster-wide bindings only), as a
  // SelfSubjectRulesReview lists them: ClusterRoleBindings first, then the namespace's
  // RoleBindings, each in name order. *errors gets the roles bindings name that do not exist.
  std::vector<PolicyRule> rulesFor(const UserInfo& user, const std::string& ns, std::vector<std::string>* errors) const;

 private:
  // Calls visit(source, rule) for each granted rule until it returns true; true then.
  using Visitor = std::function<bool(const std::string& source, const PolicyRule& rule)>;
  bool visitRules(const UserInfo& user, const std::string& ns, const Visitor& visit,
                  std::vector<std::string>* errors) const;
  // A ClusterRole's rules, with those of the ClusterRoles its aggregationRule selects.
  std::optional<std::vector<PolicyRule>> clusterRoleRules(const std::string& name) const;
  std::optional<std::vector<PolicyRule>> roleRules(const std::string& ns, const std::string& name) const;
  const Store& store_;
};

// The API server's 403 for a denied request: `pods is forbidden: User "jane" cannot list
// resource "pods" in API group "" in the namespace "default"` (": <reason>" when one is given).
Status forbidden(const AuthzAttributes& a, const std::string& reason);

// The REST handler's authorization step for a resource request (r set: the resource, its
// group, namespace, name and subresource from the path) or a non-resource one (r null): the
// 403 Forbidden of a request its user may not make, or nullopt. Returns at once for requests
// without impersonation: the admin is in system:masters.
std::optional<Response> authorizeRequest(const Store& store, const Request& req, const ResourceInfo* r,
                                         const std::string& ns, const std::string& name, const std::string& sub);
// The answer to a POST of a SelfSubjectAccessReview, SelfSubjectRulesReview or
// SelfSubjectReview (r names which): computed from the authorizer, never stored.
Response answerReview(const Store& store, Time now, const ResourceInfo& r, const Request& req);

// The ClusterRoles and ClusterRoleBindings of kube-apiserver's bootstrap policy that learners
// look at (cluster-admin, admin, edit, view, system:basic-user, system:discovery, ...) and
// minikube's own minikube-rbac binding, as wire-form JSON.
std::vector<Json> bootstrapRbacObjects();

}  // namespace kp
