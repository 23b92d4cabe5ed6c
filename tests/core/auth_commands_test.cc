// `kubectl auth can-i|whoami`, `kubectl create role|clusterrole|rolebinding|clusterrolebinding`
// and requests made --as another user, in the console. The texts were printed by real kubectl
// 1.32 (client-side for the generators' --dry-run=client and validation errors, against
// `kubeplay serve` for the rest).
#include <gtest/gtest.h>

#include "tests/core/console_fixture.h"

namespace kp {
namespace {

std::string streamOf(const std::vector<OutputChunk>& chunks, bool err) {
  std::string s;
  for (const auto& c : chunks)
    if (c.err == err) s += c.text;
  return s;
}

struct AuthCase {
  const char* name;
  const char* line;
  const char* out;  // stdout
  const char* err;  // stderr
  int exitCode;
};

class AuthCommands : public ::testing::TestWithParam<AuthCase> {};

TEST_P(AuthCommands, PrintsKubectlText) {
  const AuthCase& c = GetParam();
  Cluster cluster;
  cluster.settle();
  Shell shell(cluster);
  int code = -1;
  auto out = shell.run(c.line, &code);
  EXPECT_EQ(streamOf(out, false), c.out);
  EXPECT_EQ(streamOf(out, true), c.err);
  EXPECT_EQ(code, c.exitCode);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AuthCommands,
    ::testing::Values(
        AuthCase{"CanIAsAdmin", "kubectl auth can-i create pods", "yes\n", "", 0},
        AuthCase{"CanIEverything", "kubectl auth can-i '*' '*'", "yes\n", "", 0},
        AuthCase{"CanIAsJane", "kubectl auth can-i list pods --as=jane", "no\n", "", 1},
        AuthCase{"CanIQuiet", "kubectl auth can-i list pods --as=jane -q", "", "", 1},
        AuthCase{"CanIQuietYes", "kubectl auth can-i list pods --quiet", "", "", 0},
        AuthCase{"CanIServiceAccountAdmin", "kubectl auth can-i delete nodes --as=system:serviceaccount:kube-system:default",
                 "yes\n", "Warning: resource 'nodes' is not namespace scoped\n\n", 0},
        AuthCase{"CanIClusterScopedInGroup", "kubectl auth can-i list clusterroles",
                 "yes\n", "Warning: resource 'clusterroles' is not namespace scoped in group 'rbac.authorization.k8s.io'\n\n", 0},
        AuthCase{"CanIAllNamespacesNoWarning", "kubectl auth can-i list nodes -A", "yes\n", "", 0},
        AuthCase{"CanIUnknownResource", "kubectl auth can-i get foos", "yes\n",
                 "Warning: the server doesn't have a resource type 'foos'\n\n", 0},
        AuthCase{"CanIUnknownVerb", "kubectl auth can-i frob pods", "yes\n", "Warning: verb 'frob' is not a known verb\n\n", 0},
        AuthCase{"CanIUrl", "kubectl auth can-i get /healthz --as=jane", "yes\n", "", 0},
        AuthCase{"CanIUrlDenied", "kubectl auth can-i get /metrics --as=jane", "no\n", "", 1},
        AuthCase{"CanIDiscoveryAsJane", "kubectl auth can-i create selfsubjectaccessreviews --as=jane", "yes\n",
                 "Warning: resource 'selfsubjectaccessreviews' is not namespace scoped in group 'authorization.k8s.io'\n\n", 0},
        AuthCase{"CanIOneArg", "kubectl auth can-i get", "",
                 "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n", 1},
        AuthCase{"CanIListWithArgs", "kubectl auth can-i --list pods", "", "error: list option must be specified with no arguments\n", 1},
        AuthCase{"CanIListQuiet", "kubectl auth can-i --list -q", "",
                 "error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n", 1},
        AuthCase{"CanINoHeadersWithoutList", "kubectl auth can-i get pods --no-headers", "",
                 "error: --no-headers cannot be set without --list specified\n", 1},
        AuthCase{"CanIUrlSubresource", "kubectl auth can-i get /logs --subresource=log", "",
                 "error: --subresource can not be used with NonResourceURL\n", 1},
        AuthCase{"GroupsWithoutUser", "kubectl auth can-i get pods --as-group=devs", "",
                 "error: requesting uid, groups or user-extra for minikube without impersonating a user\n", 1},
        AuthCase{"AuthAlone", "kubectl auth", "",
                 "Inspect authorization.\n\nAvailable Commands:\n  can-i         Check whether an action is allowed\n"
                 "  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects\n"
                 "  whoami        Experimental: Check self subject attributes\n\nUsage:\n  kubectl auth [flags] [options]\n\n"
                 "Use \"kubectl auth <command> --help\" for more information about a given command.\n"
                 "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n", 1},
        AuthCase{"AuthUnknown", "kubectl auth foo", "", "error: unknown command \"foo\"\nSee 'kubectl auth -h' for help and examples\n", 1},
        AuthCase{"WhoAmI", "kubectl auth whoami",
                 "ATTRIBUTE   VALUE\nUsername    minikube-user\nGroups      [system:masters system:authenticated]\n", "", 0},
        AuthCase{"WhoAmIServiceAccount", "kubectl auth whoami --as=system:serviceaccount:dev:robot",
                 "ATTRIBUTE   VALUE\nUsername    system:serviceaccount:dev:robot\n"
                 "Groups      [system:serviceaccounts system:serviceaccounts:dev system:authenticated]\n", "", 0},
        AuthCase{"WhoAmIGroups", "kubectl auth whoami --as=jane --as-group=devs --as-group=ops",
                 "ATTRIBUTE   VALUE\nUsername    jane\nGroups      [devs ops system:authenticated]\n", "", 0},
        AuthCase{"ForbiddenList", "kubectl get pods --as=jane", "",
                 "Error from server (Forbidden): pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"\n", 1},
        AuthCase{"ForbiddenGetClusterScoped", "kubectl get node minikube --as=jane", "",
                 "Error from server (Forbidden): nodes \"minikube\" is forbidden: User \"jane\" cannot get resource \"nodes\" in API group \"\" at the cluster scope\n", 1},
        // Generators, as kubectl prints them with --dry-run=client (no server needed).
        AuthCase{"CreateRoleYaml", "kubectl create role pod-reader --verb=get --verb=list --resource=pods,deploy --dry-run=client -o yaml",
                 "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  creationTimestamp: null\n  name: pod-reader\nrules:\n"
                 "- apiGroups:\n  - \"\"\n  resources:\n  - pods\n  verbs:\n  - get\n  - list\n"
                 "- apiGroups:\n  - apps\n  resources:\n  - deployments\n  verbs:\n  - get\n  - list\n", "", 0},
        AuthCase{"CreateRoleStarJson", "kubectl create role foo --verb=get,foo --resource=*,pods --dry-run=client -o json",
                 "{\n    \"kind\": \"Role\",\n    \"apiVersion\": \"rbac.authorization.k8s.io/v1\",\n    \"metadata\": {\n"
                 "        \"name\": \"foo\",\n        \"creationTimestamp\": null\n    },\n    \"rules\": [\n        {\n"
                 "            \"verbs\": [\n                \"get\",\n                \"foo\"\n            ],\n"
                 "            \"apiGroups\": [\n                \"\"\n            ],\n            \"resources\": [\n"
                 "                \"*\"\n            ]\n        }\n    ]\n}\n",
                 "Warning: 'foo' is not a standard resource verb\n", 0},
        AuthCase{"CreateRoleNamesAndSubresource", "kubectl create role r --verb=get --resource=pods/log,rs.apps --resource-name=a --resource-name=a -n dev --dry-run=client -o yaml",
                 "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  creationTimestamp: null\n  name: r\n  namespace: dev\nrules:\n"
                 "- apiGroups:\n  - \"\"\n  resourceNames:\n  - a\n  resources:\n  - pods/log\n  verbs:\n  - get\n"
                 "- apiGroups:\n  - apps\n  resourceNames:\n  - a\n  resources:\n  - replicasets\n  verbs:\n  - get\n", "", 0},
        AuthCase{"CreateClusterRoleAggregation", "kubectl create clusterrole foo --aggregation-rule=a=b,c=d --dry-run=client -o yaml",
                 "aggregationRule:\n  clusterRoleSelectors:\n  - matchLabels:\n      a: b\n      c: d\napiVersion: rbac.authorization.k8s.io/v1\n"
                 "kind: ClusterRole\nmetadata:\n  creationTimestamp: null\n  name: foo\nrules: null\n", "", 0},
        AuthCase{"CreateClusterRoleUrls", "kubectl create clusterrole foo --verb=get --non-resource-url=/logs,/x/* --dry-run=client -o yaml",
                 "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  creationTimestamp: null\n  name: foo\nrules:\n"
                 "- nonResourceURLs:\n  - /logs\n  - /x/*\n  verbs:\n  - get\n", "", 0},
        AuthCase{"CreateRoleBindingYaml", "kubectl create rolebinding rb --role=x --user=jane --group=g --serviceaccount=default:sa --dry-run=client -o yaml",
                 "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  creationTimestamp: null\n  name: rb\nroleRef:\n"
                 "  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: x\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: User\n"
                 "  name: jane\n- apiGroup: rbac.authorization.k8s.io\n  kind: Group\n  name: g\n- kind: ServiceAccount\n  name: sa\n  namespace: default\n", "", 0},
        AuthCase{"CreateClusterRoleBindingJson", "kubectl create clusterrolebinding foo --clusterrole=view --user=u --dry-run=client -o json -n x",
                 "{\n    \"kind\": \"ClusterRoleBinding\",\n    \"apiVersion\": \"rbac.authorization.k8s.io/v1\",\n    \"metadata\": {\n"
                 "        \"name\": \"foo\",\n        \"creationTimestamp\": null\n    },\n    \"subjects\": [\n        {\n"
                 "            \"kind\": \"User\",\n            \"apiGroup\": \"rbac.authorization.k8s.io\",\n            \"name\": \"u\"\n"
                 "        }\n    ],\n    \"roleRef\": {\n        \"apiGroup\": \"rbac.authorization.k8s.io\",\n        \"kind\": \"ClusterRole\",\n"
                 "        \"name\": \"view\"\n    }\n}\n", "", 0},
        AuthCase{"CreateRoleBindingNoSubjectsJson", "kubectl create rolebinding foo --role=r --dry-run=client -o json -n x",
                 "{\n    \"kind\": \"RoleBinding\",\n    \"apiVersion\": \"rbac.authorization.k8s.io/v1\",\n    \"metadata\": {\n"
                 "        \"name\": \"foo\",\n        \"namespace\": \"x\",\n        \"creationTimestamp\": null\n    },\n    \"roleRef\": {\n"
                 "        \"apiGroup\": \"rbac.authorization.k8s.io\",\n        \"kind\": \"Role\",\n        \"name\": \"r\"\n    }\n}\n", "", 0},
        AuthCase{"CreateRoleUnknownResource", "kubectl create role foo --verb=get --resource=foos --dry-run=client -o yaml", "",
                 "the server doesn't have a resource type \"foos\"\n", 1},
        AuthCase{"CreateRoleUnknownGroup", "kubectl create role foo --verb=get --resource=deployments.extensions --dry-run=client -o yaml", "",
                 "the server doesn't have a resource type \"deployments\" in group \"extensions\"\n", 1},
        AuthCase{"CreateRoleShortNames", "kubectl create role foo --verb=get --resource=Pods,deploy,po/log --dry-run=client -o yaml",
                 "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  creationTimestamp: null\n  name: foo\nrules:\n"
                 "- apiGroups:\n  - \"\"\n  resources:\n  - pods\n  - pods/log\n  verbs:\n  - get\n"
                 "- apiGroups:\n  - apps\n  resources:\n  - deployments\n  verbs:\n  - get\n", "", 0},
        AuthCase{"CreateRoleNoVerb", "kubectl create role foo --resource=pods", "", "error: at least one verb must be specified\n", 1},
        AuthCase{"CreateRoleNoResource", "kubectl create role foo --verb=get", "", "error: at least one resource must be specified\n", 1},
        AuthCase{"CreateRoleGroupOnly", "kubectl create role foo --verb=get --resource=.apps", "",
                 "error: resource must be specified if apiGroup/subresource specified\n", 1},
        AuthCase{"CreateRoleNoName", "kubectl create role --verb=get --resource=pods", "",
                 "error: exactly one NAME is required, got 0\nSee 'kubectl create role -h' for help and examples\n", 1},
        AuthCase{"CreateRoleBindVerb", "kubectl create role foo --verb=bind --resource=pods", "",
                 "error: can not perform 'bind' on 'pods' in group ''\n", 1},
        AuthCase{"CreateClusterRoleAggregationAndVerb", "kubectl create clusterrole foo --aggregation-rule=a=b --verb=get", "",
                 "error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames\n", 1},
        AuthCase{"CreateClusterRoleUrlVerb", "kubectl create clusterrole foo --verb=list --non-resource-url=/logs", "",
                 "error: invalid verb: 'list' for nonResourceURL\n", 1},
        AuthCase{"CreateClusterRoleUrlSlash", "kubectl create clusterrole foo --verb=get --non-resource-url=logs", "",
                 "error: nonResourceURL should start with /\n", 1},
        AuthCase{"CreateClusterRoleUrlStar", "kubectl create clusterrole foo --verb=get --non-resource-url=/l*gs", "",
                 "error: nonResourceURL only supports wildcard matches when '*' is at the end\n", 1},
        AuthCase{"CreateClusterRoleNothing", "kubectl create clusterrole foo --verb=get", "",
                 "error: one of resource or nonResourceURL must be specified\n", 1},
        AuthCase{"CreateRoleBindingNoRole", "kubectl create rolebinding rb --user=jane", "",
                 "error: exactly one of clusterrole or role must be specified\n", 1},
        AuthCase{"CreateClusterRoleBindingNoRole", "kubectl create clusterrolebinding rb --user=jane", "",
                 "error: required flag(s) \"clusterrole\" not set\n", 1},
        AuthCase{"CreateRoleBindingBadServiceAccount", "kubectl create rolebinding foo --clusterrole=view --serviceaccount=a:b:c", "",
                 "error: serviceaccount must be <namespace>:<name>\n", 1}),
    [](const auto& info) { return std::string(info.param.name); });

class AuthScenario : public ConsoleFixture {};

TEST_F(AuthScenario, ARoleAndABindingGiveJaneReadAccessInOneNamespace) {
  EXPECT_EQ(run("kubectl create role pod-reader --verb=get,list,watch --resource=pods"),
            "role.rbac.authorization.k8s.io/pod-reader created\n");
  EXPECT_EQ(run("kubectl create rolebinding jane-reads --role=pod-reader --user=jane"),
            "rolebinding.rbac.authorization.k8s.io/jane-reads created\n");
  EXPECT_EQ(run("kubectl auth can-i list pods --as=jane"), "yes\n");
  EXPECT_EQ(run("kubectl auth can-i delete pods --as=jane", 1), "no\n");
  EXPECT_EQ(run("kubectl auth can-i list pods --as=jane -n kube-system", 1), "no\n");
  EXPECT_EQ(run("kubectl get pods --as=jane"), "No resources found in default namespace.\n");
  EXPECT_EQ(run("kubectl get pods -n kube-system --as=jane", 1),
            "Error from server (Forbidden): pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"kube-system\"\n");
  EXPECT_EQ(run("kubectl create deployment web --image=nginx --as=jane", 1),
            "error: failed to create deployment: deployments.apps is forbidden: User \"jane\" cannot create resource \"deployments\" in API group \"apps\" in the namespace \"default\"\n");
  EXPECT_EQ(run("kubectl create role pod-reader --verb=get --resource=pods", 1),
            "Error from server (AlreadyExists): roles.rbac.authorization.k8s.io \"pod-reader\" already exists\n");
  EXPECT_EQ(run("kubectl create rolebinding jane-reads --role=pod-reader --user=jane", 1),
            "error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io \"jane-reads\" already exists\n");
}

TEST_F(AuthScenario, ListShowsTheRulesAsKubectlCompactsAndSortsThem) {
  run("kubectl create role pod-reader --verb=get --verb=list --resource=pods,pods/log --resource=deployments.apps");
  run("kubectl create rolebinding jane-reads --role=pod-reader --user=jane");
  EXPECT_EQ(run("kubectl auth can-i --list --as=jane"),
            "Resources                                       Non-Resource URLs   Resource Names   Verbs\n"
            "selfsubjectreviews.authentication.k8s.io        []                  []               [create]\n"
            "selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]\n"
            "selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]\n"
            "pods/log                                        []                  []               [get list]\n"
            "pods                                            []                  []               [get list]\n"
            "deployments.apps                                []                  []               [get list]\n"
            "                                                [/api/*]            []               [get]\n"
            "                                                [/api]              []               [get]\n"
            "                                                [/apis/*]           []               [get]\n"
            "                                                [/apis]             []               [get]\n"
            "                                                [/healthz]          []               [get]\n"
            "                                                [/healthz]          []               [get]\n"
            "                                                [/livez]            []               [get]\n"
            "                                                [/livez]            []               [get]\n"
            "                                                [/openapi/*]        []               [get]\n"
            "                                                [/openapi]          []               [get]\n"
            "                                                [/readyz]           []               [get]\n"
            "                                                [/readyz]           []               [get]\n"
            "                                                [/version/]         []               [get]\n"
            "                                                [/version/]         []               [get]\n"
            "                                                [/version]          []               [get]\n"
            "                                                [/version]          []               [get]\n");
  EXPECT_EQ(lines(run("kubectl auth can-i --list --no-headers")).front(),
            "*.*                                             []             []    [*]");
}

TEST_F(AuthScenario, TheBootstrapRolesAreThere) {
  std::string out = run("kubectl get clusterrolebinding cluster-admin -o jsonpath={.subjects[0].name}");
  EXPECT_EQ(out, "system:masters");
  out = run("kubectl get clusterrole view -o jsonpath={.rules[0].verbs}");
  EXPECT_EQ(out, "[\"get\",\"list\",\"watch\"]");
}

}  // namespace
}  // namespace kp
