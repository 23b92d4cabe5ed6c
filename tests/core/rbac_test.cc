// The RBAC authorizer: rule matching (wildcards, subresources, resource names, non-resource
// URLs), which bindings apply to whom (users, groups, service accounts, the namespace of a
// RoleBinding), the impersonated user, the 403 text, and the API server answering as that user.
#include <gtest/gtest.h>

#include "core/api/json.h"
#include "core/apiserver/apiserver.h"
#include "core/apiserver/rbac.h"
#include "core/apiserver/store.h"

namespace kp {
namespace {

AuthzAttributes res(const std::string& verb, const std::string& group, const std::string& resource,
                    const std::string& sub = "", const std::string& ns = "default", const std::string& name = "") {
  AuthzAttributes a;
  a.user = {"jane", {"system:authenticated"}};
  a.verb = verb;
  a.apiGroup = group;
  a.resource = resource;
  a.subresource = sub;
  a.ns = ns;
  a.name = name;
  return a;
}

AuthzAttributes url(const std::string& verb, const std::string& path) {
  AuthzAttributes a;
  a.user = {"jane", {"system:authenticated"}};
  a.resourceRequest = false;
  a.verb = verb;
  a.path = path;
  return a;
}

struct RuleCase {
  const char* name;
  PolicyRule rule;
  AuthzAttributes attrs;
  bool allowed;
};

class RbacRule : public ::testing::TestWithParam<RuleCase> {};

TEST_P(RbacRule, Matches) {
  const auto& c = GetParam();
  EXPECT_EQ(ruleAllows(c.rule, c.attrs), c.allowed);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RbacRule,
    ::testing::Values(
        RuleCase{"ExactVerbGroupResource", {{"get"}, {""}, {"pods"}, {}, {}}, res("get", "", "pods"), true},
        RuleCase{"OtherVerb", {{"get"}, {""}, {"pods"}, {}, {}}, res("list", "", "pods"), false},
        RuleCase{"OtherGroup", {{"get"}, {""}, {"deployments"}, {}, {}}, res("get", "apps", "deployments"), false},
        RuleCase{"WildcardVerb", {{"*"}, {"apps"}, {"deployments"}, {}, {}}, res("delete", "apps", "deployments"), true},
        RuleCase{"WildcardGroupAndResource", {{"list"}, {"*"}, {"*"}, {}, {}}, res("list", "batch", "jobs"), true},
        RuleCase{"WildcardResourceCoversSubresource", {{"get"}, {""}, {"*"}, {}, {}}, res("get", "", "pods", "log"), true},
        RuleCase{"ResourceDoesNotCoverSubresource", {{"get"}, {""}, {"pods"}, {}, {}}, res("get", "", "pods", "log"), false},
        RuleCase{"SubresourceNamed", {{"get"}, {""}, {"pods/log"}, {}, {}}, res("get", "", "pods", "log"), true},
        RuleCase{"SubresourceDoesNotCoverResource", {{"get"}, {""}, {"pods/log"}, {}, {}}, res("get", "", "pods"), false},
        RuleCase{"StarSlashSubresource", {{"get"}, {"apps"}, {"*/scale"}, {}, {}}, res("get", "apps", "deployments", "scale"), true},
        RuleCase{"StarSlashOtherSubresource", {{"get"}, {"apps"}, {"*/scale"}, {}, {}}, res("get", "apps", "deployments", "status"), false},
        RuleCase{"ResourceNameMatches", {{"get"}, {""}, {"configmaps"}, {"cfg"}, {}}, res("get", "", "configmaps", "", "default", "cfg"), true},
        RuleCase{"ResourceNameOther", {{"get"}, {""}, {"configmaps"}, {"cfg"}, {}}, res("get", "", "configmaps", "", "default", "other"), false},
        RuleCase{"ResourceNameDoesNotAllowList", {{"list"}, {""}, {"configmaps"}, {"cfg"}, {}}, res("list", "", "configmaps"), false},
        RuleCase{"UrlExact", {{"get"}, {}, {}, {}, {"/healthz"}}, url("get", "/healthz"), true},
        RuleCase{"UrlPrefixStar", {{"get"}, {}, {}, {}, {"/apis/*"}}, url("get", "/apis/apps/v1"), true},
        RuleCase{"UrlPrefixStarNotBase", {{"get"}, {}, {}, {}, {"/apis/*"}}, url("get", "/apis"), false},
        RuleCase{"UrlAll", {{"*"}, {}, {}, {}, {"*"}}, url("post", "/anything"), true},
        RuleCase{"UrlRuleIgnoresResources", {{"get"}, {}, {}, {}, {"*"}}, res("get", "", "pods"), false},
        RuleCase{"ResourceRuleIgnoresUrls", {{"get"}, {"*"}, {"*"}, {}, {}}, url("get", "/healthz"), false}),
    [](const auto& info) { return std::string(info.param.name); });

Json role(const char* kind, const std::string& ns, const std::string& name, Json rules) {
  Json meta = {{"name", name}, {"uid", "uid-" + name}};
  if (!ns.empty()) meta["namespace"] = ns;
  return {{"kind", kind}, {"apiVersion", "rbac.authorization.k8s.io/v1"}, {"metadata", meta}, {"rules", std::move(rules)}};
}

Json binding(const char* kind, const std::string& ns, const std::string& name, const char* roleKind,
             const std::string& roleName, Json subjects) {
  Json meta = {{"name", name}, {"uid", "uid-" + name}};
  if (!ns.empty()) meta["namespace"] = ns;
  return {{"kind", kind}, {"apiVersion", "rbac.authorization.k8s.io/v1"}, {"metadata", meta},
          {"roleRef", {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", roleKind}, {"name", roleName}}},
          {"subjects", std::move(subjects)}};
}

class RbacAuthorizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<Json> objs = bootstrapRbacObjects();
    Json podReader = Json::array({{{"apiGroups", {""}}, {"resources", {"pods"}}, {"verbs", {"get", "list"}}}});
    objs.push_back(role("Role", "default", "pod-reader", podReader));
    objs.push_back(binding("RoleBinding", "default", "jane-reads", "Role", "pod-reader",
                           Json::array({{{"kind", "User"}, {"name", "jane"}}})));
    // A RoleBinding to a ClusterRole grants it only in the binding's namespace.
    objs.push_back(binding("RoleBinding", "dev", "devs-edit", "ClusterRole", "edit",
                           Json::array({{{"kind", "Group"}, {"name", "devs"}}})));
    // A service account subject without a namespace is in the binding's.
    objs.push_back(binding("RoleBinding", "dev", "robot-view", "ClusterRole", "view",
                           Json::array({{{"kind", "ServiceAccount"}, {"name", "robot"}}})));
    objs.push_back(binding("ClusterRoleBinding", "", "auditor-view", "ClusterRole", "view",
                           Json::array({{{"kind", "User"}, {"name", "auditor"}}})));
    objs.push_back(binding("RoleBinding", "default", "ghost", "Role", "missing",
                           Json::array({{{"kind", "User"}, {"name", "casper"}}})));
    // Aggregation: a ClusterRole labelled for view adds its rules to view.
    Json crd = role("ClusterRole", "", "widgets-view", Json::array({{{"apiGroups", {"example.com"}}, {"resources", {"widgets"}}, {"verbs", {"get"}}}}));
    crd["metadata"]["labels"] = {{"rbac.authorization.k8s.io/aggregate-to-view", "true"}};
    objs.push_back(crd);
    std::vector<ObjectPtr> ptrs;
    for (const auto& j : objs) {
      std::string err;
      auto o = objectFromJson(j, &err);
      ASSERT_TRUE(o) << err;
      ptrs.push_back(o);
    }
    api_.restore(ptrs);
  }
  bool can(const UserInfo& u, AuthzAttributes a) {
    a.user = u;
    return RbacAuthorizer(api_.store()).authorize(a).allowed;
  }
  Clock clock_{1700000000000};
  Rng rng_{1};
  ApiServer api_{clock_, rng_};
};

TEST_F(RbacAuthorizerTest, MastersMayDoAnythingWithoutAReason) {
  auto d = RbacAuthorizer(api_.store()).authorize([] {
    auto a = res("delete", "", "nodes", "", "");
    a.user = defaultAdminUser();
    return a;
  }());
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.reason, "");
}

TEST_F(RbacAuthorizerTest, RoleBindingGrantsTheRoleInItsNamespaceOnly) {
  UserInfo jane{"jane", {"system:authenticated"}};
  EXPECT_TRUE(can(jane, res("list", "", "pods")));
  EXPECT_TRUE(can(jane, res("get", "", "pods", "", "default", "web")));
  EXPECT_FALSE(can(jane, res("delete", "", "pods")));
  EXPECT_FALSE(can(jane, res("list", "", "pods", "", "kube-system")));
  EXPECT_FALSE(can(jane, res("list", "", "pods", "", "")));  // all namespaces needs a cluster binding
  EXPECT_FALSE(can(jane, res("get", "", "pods", "log")));
  auto d = RbacAuthorizer(api_.store()).authorize([&] {
    auto a = res("list", "", "pods");
    a.user = jane;
    return a;
  }());
  EXPECT_EQ(d.reason, "RBAC: allowed by RoleBinding \"jane-reads/default\" of Role \"pod-reader\" to User \"jane\"");
}

TEST_F(RbacAuthorizerTest, GroupsAndClusterRolesThroughRoleBindings) {
  UserInfo dev{"sam", {"devs", "system:authenticated"}};
  EXPECT_TRUE(can(dev, res("create", "apps", "deployments", "", "dev")));
  EXPECT_TRUE(can(dev, res("patch", "apps", "deployments", "scale", "dev")));
  EXPECT_FALSE(can(dev, res("create", "apps", "deployments", "", "default")));
  EXPECT_FALSE(can(dev, res("create", "rbac.authorization.k8s.io", "roles", "", "dev")));  // edit is not admin
  UserInfo other{"sam", {"system:authenticated"}};
  EXPECT_FALSE(can(other, res("create", "apps", "deployments", "", "dev")));
}

TEST_F(RbacAuthorizerTest, ServiceAccountsByUsernameAndBindingNamespace) {
  std::string err;
  Request req;
  req.impersonateUser = "system:serviceaccount:dev:robot";
  auto robot = requestUser(req, &err);
  ASSERT_TRUE(robot);
  EXPECT_EQ(robot->groups, (std::vector<std::string>{"system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"}));
  EXPECT_TRUE(can(*robot, res("list", "", "pods", "", "dev")));
  EXPECT_FALSE(can(*robot, res("list", "", "secrets", "", "dev")));  // view shows no secrets
  EXPECT_FALSE(can(*robot, res("list", "", "pods", "", "default")));
  UserInfo sameNameElsewhere{"system:serviceaccount:other:robot", {"system:serviceaccounts"}};
  EXPECT_FALSE(can(sameNameElsewhere, res("list", "", "pods", "", "dev")));
  // minikube binds kube-system's default service account to cluster-admin.
  UserInfo kubeSystemDefault{"system:serviceaccount:kube-system:default", {}};
  EXPECT_TRUE(can(kubeSystemDefault, res("delete", "", "nodes", "", "")));
}

TEST_F(RbacAuthorizerTest, ClusterRoleBindingGrantsEverywhereAndAggregationAddsRules) {
  UserInfo auditor{"auditor", {"system:authenticated"}};
  EXPECT_TRUE(can(auditor, res("list", "", "pods", "", "")));
  EXPECT_TRUE(can(auditor, res("watch", "apps", "deployments", "", "kube-system")));
  EXPECT_FALSE(can(auditor, res("update", "apps", "deployments", "", "kube-system")));
  EXPECT_TRUE(can(auditor, res("get", "example.com", "widgets", "", "default")));
}

TEST_F(RbacAuthorizerTest, EveryAuthenticatedUserHasDiscoveryAndSelfReviews) {
  UserInfo nobody{"nobody", {"system:authenticated"}};
  EXPECT_TRUE(can(nobody, url("get", "/apis/apps/v1")));
  EXPECT_TRUE(can(nobody, url("get", "/version")));
  EXPECT_FALSE(can(nobody, url("get", "/metrics")));
  EXPECT_TRUE(can(nobody, res("create", "authorization.k8s.io", "selfsubjectaccessreviews", "", "")));
  EXPECT_FALSE(can(nobody, res("list", "", "pods")));
  UserInfo anonymous{"system:anonymous", {"system:unauthenticated"}};
  EXPECT_TRUE(can(anonymous, url("get", "/healthz")));
  EXPECT_FALSE(can(anonymous, url("get", "/api")));
}

TEST_F(RbacAuthorizerTest, AMissingRoleIsTheDenialsReason) {
  auto a = res("get", "", "pods");
  a.user = {"casper", {"system:authenticated"}};
  auto d = RbacAuthorizer(api_.store()).authorize(a);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason, "RBAC: role.rbac.authorization.k8s.io \"missing\" not found");
}

TEST_F(RbacAuthorizerTest, RulesForListsClusterBindingsThenNamespaceBindings) {
  std::vector<std::string> errors;
  auto rules = RbacAuthorizer(api_.store()).rulesFor({"jane", {"system:authenticated"}}, "default", &errors);
  ASSERT_FALSE(rules.empty());
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(rules.back(), (PolicyRule{{"get", "list"}, {""}, {"pods"}, {}, {}}));
  EXPECT_EQ(rules.front().resources, (std::vector<std::string>{"selfsubjectaccessreviews", "selfsubjectrulesreviews"}));
  auto elsewhere = RbacAuthorizer(api_.store()).rulesFor({"jane", {"system:authenticated"}}, "kube-system", &errors);
  EXPECT_EQ(elsewhere.size(), rules.size() - 1);
}

TEST(RbacImpersonation, UsersGetAuthenticatedAndGroupsNeedAUser) {
  std::string err;
  Request req;
  auto admin = requestUser(req, &err);
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->name, "minikube-user");
  EXPECT_EQ(admin->groups, (std::vector<std::string>{"system:masters", "system:authenticated"}));
  Request asJane;
  asJane.impersonateUser = "jane";
  asJane.impersonateGroups.push_back("devs");
  auto jane = requestUser(asJane, &err);
  ASSERT_TRUE(jane);
  EXPECT_EQ(jane->groups, (std::vector<std::string>{"devs", "system:authenticated"}));
  Request asRobot;
  asRobot.impersonateUser = "system:serviceaccount:dev:robot";
  asRobot.impersonateGroups.push_back("devs");
  auto robot = requestUser(asRobot, &err);
  ASSERT_TRUE(robot);
  EXPECT_EQ(robot->groups, (std::vector<std::string>{"devs", "system:authenticated"}));  // given groups replace the SA's
  Request groupsOnly;
  groupsOnly.impersonateGroups.push_back("devs");
  EXPECT_FALSE(requestUser(groupsOnly, &err));
}

TEST(RbacForbidden, MessagesAsTheApiServerWritesThem) {
  EXPECT_EQ(forbidden(res("list", "", "pods"), "").message,
            "pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"");
  EXPECT_EQ(forbidden(res("get", "apps", "deployments", "scale", "dev", "web"), "").message,
            "deployments.apps \"web\" is forbidden: User \"jane\" cannot get resource \"deployments/scale\" in API group \"apps\" in the namespace \"dev\"");
  EXPECT_EQ(forbidden(res("list", "", "nodes", "", ""), "").message,
            "nodes is forbidden: User \"jane\" cannot list resource \"nodes\" in API group \"\" at the cluster scope");
  EXPECT_EQ(forbidden(url("get", "/metrics"), "").message, "forbidden: User \"jane\" cannot get path \"/metrics\"");
  Status s = forbidden(res("get", "", "pods"), "RBAC: role.rbac.authorization.k8s.io \"x\" not found");
  EXPECT_EQ(s.code, 403);
  EXPECT_EQ(s.reason, "Forbidden");
  EXPECT_EQ(s.message, "pods is forbidden: User \"jane\" cannot get resource \"pods\" in API group \"\" in the namespace \"default\": RBAC: role.rbac.authorization.k8s.io \"x\" not found");
}

TEST_F(RbacAuthorizerTest, TheRequestHandlerAnswersAsTheImpersonatedUser) {
  Request req;
  req.path = "/api/v1/namespaces/kube-system/pods";
  req.impersonateUser = "jane";
  Response resp = api_.handle(req);
  EXPECT_EQ(resp.code, 403);
  EXPECT_EQ(resp.body.value("message", ""),
            "pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"kube-system\"");
  EXPECT_EQ(resp.body["details"].value("kind", ""), "pods");
  req.path = "/api/v1/namespaces/default/pods";
  EXPECT_EQ(api_.handle(req).code, 200);
  req.method = "DELETE";
  req.path = "/api/v1/namespaces/default/pods/web";
  EXPECT_EQ(api_.handle(req).body.value("message", ""),
            "pods \"web\" is forbidden: User \"jane\" cannot delete resource \"pods\" in API group \"\" in the namespace \"default\"");
  Request disco;
  disco.path = "/apis";
  disco.impersonateUser = "jane";
  EXPECT_EQ(api_.handle(disco).code, 200);
  disco.path = "/metrics";
  EXPECT_EQ(api_.handle(disco).code, 403);
}

TEST_F(RbacAuthorizerTest, ReviewsAreAnsweredAndNotStored) {
  Request req;
  req.method = "POST";
  req.path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
  req.impersonateUser = "jane";
  req.body = {{"spec", {{"resourceAttributes", {{"namespace", "default"}, {"verb", "list"}, {"resource", "pods"}}}}}};
  Response resp = api_.handle(req);
  EXPECT_EQ(resp.code, 201);
  EXPECT_EQ(resp.body["status"], (Json{{"allowed", true}, {"reason", "RBAC: allowed by RoleBinding \"jane-reads/default\" of Role \"pod-reader\" to User \"jane\""}}));
  req.body["spec"]["resourceAttributes"]["verb"] = "delete";
  EXPECT_EQ(api_.handle(req).body["status"], (Json{{"allowed", false}}));
  EXPECT_EQ(api_.store().count(*resourceForKind("SelfSubjectAccessReview")), 0u);

  req.path = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";
  req.body = {{"spec", {{"namespace", "default"}}}};
  resp = api_.handle(req);
  EXPECT_EQ(resp.code, 201);
  EXPECT_EQ(resp.body["status"]["incomplete"], false);
  EXPECT_EQ(resp.body["status"]["resourceRules"].back(), (Json{{"verbs", {"get", "list"}}, {"apiGroups", {""}}, {"resources", {"pods"}}}));
  req.body = {{"spec", Json::object()}};
  EXPECT_EQ(api_.handle(req).body.value("message", ""), "no namespace on request");

  req.path = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
  req.body = Json::object();
  Request asRobot = req;
  asRobot.query.clear();
  asRobot.queryAll.clear();
  asRobot.impersonateUser = "system:serviceaccount:dev:robot";
  resp = api_.handle(asRobot);
  EXPECT_EQ(resp.body["status"]["userInfo"],
            (Json{{"username", "system:serviceaccount:dev:robot"},
                  {"groups", {"system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"}}}));
}

}  // namespace
}  // namespace kp
