// kubectl's rejections, byte for byte: every expected text below was printed by real kubectl
// 1.32 (/usr/lib/google-cloud-sdk/bin/kubectl.1.32), client-side or against a throwaway fake
// API server. A rejected command must leave the cluster unchanged.
#include <gtest/gtest.h>

#include "core/shell/shell.h"

namespace kp {
namespace {

struct ErrCase {
  const char* name;
  const char* line;
  const char* stderrText;
  int exitCode;
};

class KubectlErrors : public ::testing::TestWithParam<ErrCase> {};

std::string stderrOf(const std::vector<OutputChunk>& chunks) {
  std::string s;
  for (const auto& c : chunks)
    if (c.err) s += c.text;
  return s;
}
std::string stdoutOf(const std::vector<OutputChunk>& chunks) {
  std::string s;
  for (const auto& c : chunks)
    if (!c.err) s += c.text;
  return s;
}

TEST_P(KubectlErrors, PrintsKubectlText) {
  const ErrCase& c = GetParam();
  Cluster cluster;
  cluster.settle();
  Shell shell(cluster);
  int64_t rv = cluster.store().resourceVersion();
  int code = -1;
  auto out = shell.run(c.line, &code);
  EXPECT_EQ(stderrOf(out), c.stderrText);
  EXPECT_EQ(stdoutOf(out), "");
  EXPECT_EQ(code, c.exitCode);
  EXPECT_EQ(cluster.store().resourceVersion(), rv) << "a rejected command changed the cluster";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, KubectlErrors,
    ::testing::Values(
        ErrCase{"RunGenerator", "kubectl run kubia --image=hyooo/kubia --port=8080 --generator=run-pod/v1",
                "error: unknown flag: --generator\nSee 'kubectl run --help' for usage.\n", 1},
        ErrCase{"RunReplicas", "kubectl run kubia --image=a --replicas=2",
                "error: unknown flag: --replicas\nSee 'kubectl run --help' for usage.\n", 1},
        ErrCase{"RunNoImage", "kubectl run kubia", "error: required flag(s) \"image\" not set\n", 1},
        ErrCase{"RunNothing", "kubectl run", "error: required flag(s) \"image\" not set\n", 1},
        ErrCase{"RunImageNeedsValue", "kubectl run kubia --image",
                "error: flag needs an argument: --image\nSee 'kubectl run --help' for usage.\n", 1},
        ErrCase{"RunUnknownShorthand", "kubectl run kubia -x",
                "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl run --help' for usage.\n", 1},
        ErrCase{"RunNoName", "kubectl run --image=x --dry-run=client -o name",
                "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n", 1},
        ErrCase{"RunBadRestart", "kubectl run kubia --image=x --restart=Bad --dry-run=client",
                "error: invalid restart policy: Bad\nSee 'kubectl run -h' for help and examples\n", 1},
        ErrCase{"RunBadPort", "kubectl run kubia --image=x --port=abc --dry-run=client -o json",
                "error: strconv.Atoi: parsing \"abc\": invalid syntax\n", 1},
        ErrCase{"RunBadEnv", "kubectl run kubia --image=x --env=FOO --dry-run=client -o name", "error: invalid env: FOO\n", 1},
        ErrCase{"RunBadLabels", "kubectl run kubia --image=x --labels=foo --dry-run=client -o name",
                "error: unexpected label spec: foo\n", 1},
        ErrCase{"RunBadBool", "kubectl run x --image=a -i=maybe",
                "error: invalid argument \"maybe\" for \"-i, --stdin\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\nSee 'kubectl run --help' for usage.\n", 1},
        ErrCase{"UnknownCommand", "kubectl foo", "error: unknown command \"foo\" for \"kubectl\"\n\nDid you mean this?\n\ttop\n", 1},
        ErrCase{"UnknownCommandTwoSuggestions", "kubectl gett pods",
                "error: unknown command \"gett\" for \"kubectl\"\n\nDid you mean this?\n\tset\n\tget\n", 1},
        ErrCase{"GetNothing", "kubectl get",
                "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n"
                "error: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\n"
                "See 'kubectl get -h' for help and examples\n", 1},
        ErrCase{"GetUnknownType", "kubectl get foo", "error: the server doesn't have a resource type \"foo\"\n", 1},
        ErrCase{"GetAllFlagIsUnknown", "kubectl get pods --all=maybe",
                "error: unknown flag: --all\nSee 'kubectl get --help' for usage.\n", 1},
        ErrCase{"GetBadOutput", "kubectl get pods -o bogus",
                "error: unable to match a printer suitable for the output format \"bogus\", allowed formats are: "
                "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n", 1},
        ErrCase{"GetShowLabelsYaml", "kubectl get pods --show-labels -o yaml",
                "error: --show-labels option cannot be used with yaml printer\n", 1},
        ErrCase{"GetNameWithSelector", "kubectl get pods kubia -l run=kubia",
                "error: name cannot be provided when a selector is specified\n", 1},
        ErrCase{"GetSlashEmpty", "kubectl get pods/", "error: arguments in resource/name form must have a single resource and name\n", 1},
        ErrCase{"GetMixedSlash", "kubectl get pods kubia/x",
                "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form "
                "(e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n", 1},
        ErrCase{"GetNamespaceNeedsValue", "kubectl get pods -n",
                "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n", 1},
        ErrCase{"GetByNameAllNamespaces", "kubectl get pods nope -A",
                "error: a resource cannot be retrieved by name across all namespaces\n", 1},
        ErrCase{"GetNotFound", "kubectl get pods nope", "Error from server (NotFound): pods \"nope\" not found\n", 1},
        ErrCase{"GetNotFoundTwice", "kubectl get pods nope nope2",
                "Error from server (NotFound): pods \"nope\" not found\nError from server (NotFound): pods \"nope2\" not found\n", 1},
        ErrCase{"CreateNoImage", "kubectl create deployment kubia", "error: required flag(s) \"image\" not set\n", 1},
        ErrCase{"CreateUnexpected", "kubectl create foo", "error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n", 1},
        ErrCase{"CreateReplicasRange", "kubectl create deployment kubia --image=a --replicas=99999999999",
                "error: invalid argument \"99999999999\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"99999999999\": value out of range\n"
                "See 'kubectl create deployment --help' for usage.\n", 1},
        ErrCase{"ExposeNothing", "kubectl expose",
                "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n"
                "   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n", 1},
        ErrCase{"ExposeNotFound", "kubectl expose pod nope", "Error from server (NotFound): pods \"nope\" not found\n", 1},
        ErrCase{"ScaleNoReplicas", "kubectl scale deploy kubia", "error: required flag(s) \"replicas\" not set\n", 1},
        ErrCase{"ScaleBadReplicas", "kubectl scale --replicas=abc deploy kubia",
                "error: invalid argument \"abc\" for \"--replicas\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\nSee 'kubectl scale --help' for usage.\n", 1},
        ErrCase{"ScaleHugeReplicas", "kubectl scale deploy a --replicas=99999999999999999999",
                "error: invalid argument \"99999999999999999999\" for \"--replicas\" flag: strconv.ParseInt: parsing \"99999999999999999999\": value out of range\n"
                "See 'kubectl scale --help' for usage.\n", 1},
        ErrCase{"ScaleNegative", "kubectl scale deploy kubia --replicas=-1",
                "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n", 1},
        ErrCase{"ScaleCurrentNegative", "kubectl scale deploy kubia --replicas=3 --current-replicas=-5",
                "error: The --current-replicas must specify an integer of -1 or greater\n", 1},
        ErrCase{"ScaleNoName", "kubectl scale deploy --replicas=3", "error: resource(s) were provided, but no name was specified\n", 1},
        ErrCase{"ScaleNotFound", "kubectl scale deploy nope --replicas=3",
                "error: no objects passed to scale deployments.apps \"nope\" not found\n", 1},
        ErrCase{"ScaleTwoNotFound", "kubectl scale deploy/kubia rc/x --replicas=2",
                "error: no objects passed to scale [deployments.apps \"kubia\" not found, replicationcontrollers \"x\" not found]\n", 1},
        ErrCase{"DeleteNothing", "kubectl delete",
                "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n"
                "   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n", 1},
        ErrCase{"DeleteNoName", "kubectl delete pod", "error: resource(s) were provided, but no name was specified\n", 1},
        ErrCase{"DeleteNotFound", "kubectl delete pod nope", "Error from server (NotFound): pods \"nope\" not found\n", 1},
        ErrCase{"DeleteAllAndSelector", "kubectl delete pods --all -l app=x",
                "error: setting 'all' parameter but found a non empty selector. \n", 1},
        ErrCase{"DeleteNowAndGrace", "kubectl delete pod x --now --grace-period=5",
                "error: --now and --grace-period cannot be specified together\n", 1},
        ErrCase{"DescribeNothing", "kubectl describe",
                "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n", 1},
        ErrCase{"DescribeUnknownType", "kubectl describe nope", "error: the server doesn't have a resource type \"nope\"\n", 1},
        ErrCase{"DescribeNotFound", "kubectl describe pods nope", "Error from server (NotFound): pods \"nope\" not found\n", 1},
        ErrCase{"LogsNothing", "kubectl logs",
                "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\n"
                "See 'kubectl logs -h' for help and examples\n", 1},
        ErrCase{"LogsNotFound", "kubectl logs nope",
                "error: error from server (NotFound): pods \"nope\" not found in namespace \"default\"\n", 1},
        ErrCase{"WaitNoCondition", "kubectl wait", "error: unrecognized condition: \"\"\n", 1},
        ErrCase{"WaitBadCondition", "kubectl wait --for=foo pod/kubia", "error: unrecognized condition: \"foo\"\n", 1},
        ErrCase{"WaitBadTimeout", "kubectl wait --for=condition=Ready pod/x --timeout=abc",
                "error: invalid argument \"abc\" for \"--timeout\" flag: time: invalid duration \"abc\"\nSee 'kubectl wait --help' for usage.\n", 1},
        ErrCase{"WaitNotFound", "kubectl wait --for=condition=Ready pod/nope", "Error from server (NotFound): pods \"nope\" not found\n", 1},
        ErrCase{"WaitNoName", "kubectl wait --for=condition=Ready pods", "error: resource(s) were provided, but no name was specified\n", 1},
        ErrCase{"WaitNoMatch", "kubectl wait --for=condition=Ready pods -l app=none", "error: no matching resources found\n", 1},
        ErrCase{"WaitEmptyJsonPathValue", "kubectl wait --for=jsonpath='{.metadata.name}'= pod/kubia --timeout=1s",
                "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n", 1},
        ErrCase{"VersionExtra", "kubectl version extra", "error: extra arguments: [extra]\n", 1},
        ErrCase{"VersionBadOutput", "kubectl version --client --output=x", "error: --output must be 'yaml' or 'json'\n", 1}),
    [](const ::testing::TestParamInfo<ErrCase>& i) { return std::string(i.param.name); });

// Client-side output that needs no cluster state, also checked against kubectl.1.32.
struct OutCase {
  const char* name;
  const char* line;
  const char* stdoutText;
};
class KubectlOutput : public ::testing::TestWithParam<OutCase> {};

TEST_P(KubectlOutput, PrintsKubectlText) {
  Cluster cluster;
  cluster.settle();
  Shell shell(cluster);
  int code = -1;
  auto out = shell.run(GetParam().line, &code);
  EXPECT_EQ(stdoutOf(out), GetParam().stdoutText);
  EXPECT_EQ(stderrOf(out), "");
  EXPECT_EQ(code, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, KubectlOutput,
    ::testing::Values(
        OutCase{"CreateDeploymentDryRunJson", "kubectl create deployment kubia --image=hyooo/kubia --port=8080 --dry-run=client -o json",
                "{\n    \"kind\": \"Deployment\",\n    \"apiVersion\": \"apps/v1\",\n    \"metadata\": {\n        \"name\": \"kubia\",\n"
                "        \"creationTimestamp\": null,\n        \"labels\": {\n            \"app\": \"kubia\"\n        }\n    },\n"
                "    \"spec\": {\n        \"replicas\": 1,\n        \"selector\": {\n            \"matchLabels\": {\n                \"app\": \"kubia\"\n"
                "            }\n        },\n        \"template\": {\n            \"metadata\": {\n                \"creationTimestamp\": null,\n"
                "                \"labels\": {\n                    \"app\": \"kubia\"\n                }\n            },\n            \"spec\": {\n"
                "                \"containers\": [\n                    {\n                        \"name\": \"kubia\",\n"
                "                        \"image\": \"hyooo/kubia\",\n                        \"ports\": [\n                            {\n"
                "                                \"containerPort\": 8080\n                            }\n                        ],\n"
                "                        \"resources\": {}\n                    }\n                ]\n            }\n        },\n"
                "        \"strategy\": {}\n    },\n    \"status\": {}\n}\n"},
        OutCase{"CreateDeploymentHexReplicas", "kubectl create deployment kubia --image=a --replicas=0x10 --dry-run=client -o name",
                "deployment.apps/kubia\n"},
        OutCase{"RunDryRunJson", "kubectl run kubia --image=hyooo/kubia --port=8080 --dry-run=client -o json",
                "{\n    \"kind\": \"Pod\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"kubia\",\n"
                "        \"creationTimestamp\": null,\n        \"labels\": {\n            \"run\": \"kubia\"\n        }\n    },\n"
                "    \"spec\": {\n        \"containers\": [\n            {\n                \"name\": \"kubia\",\n"
                "                \"image\": \"hyooo/kubia\",\n                \"ports\": [\n                    {\n"
                "                        \"containerPort\": 8080\n                    }\n                ],\n"
                "                \"resources\": {}\n            }\n        ],\n        \"restartPolicy\": \"Always\",\n"
                "        \"dnsPolicy\": \"ClusterFirst\"\n    },\n    \"status\": {}\n}\n"},
        OutCase{"RunDryRunName", "kubectl run kubia --image=x --restart=OnFailure --dry-run=client -o name", "pod/kubia\n"},
        OutCase{"VersionClient", "kubectl version --client", "Client Version: v1.32.4\nKustomize Version: v5.5.0\n"},
        OutCase{"Version", "kubectl version", "Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n"}),
    [](const ::testing::TestParamInfo<OutCase>& i) { return std::string(i.param.name); });

}  // namespace
}  // namespace kp
