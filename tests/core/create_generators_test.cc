// `kubectl create` generators (service *, serviceaccount, token, cronjob, job --from, ingress,
// quota, poddisruptionbudget, priorityclass, secret tls|docker-registry), `autoscale` and `cp`.
// The table's expected texts were printed by real kubectl 1.32
// (/usr/lib/google-cloud-sdk/bin/kubectl.1.32) without a server: `--dry-run=client` output and
// client-side validation, byte for byte. The console rows below create the objects for real
// and read them back through the API.
#include <gtest/gtest.h>

#include "core/api/base64.h"
#include "core/api/resources.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

struct GenCase {
  const char* name;
  const char* line;
  const char* stdoutText;
  const char* stderrText;
  int exitCode;
};

class CreateGenerators : public ::testing::TestWithParam<GenCase> {};

std::string streamOf(const std::vector<OutputChunk>& chunks, bool err) {
  std::string s;
  for (const auto& c : chunks)
    if (c.err == err) s += c.text;
  return s;
}

TEST_P(CreateGenerators, PrintsWhatKubectlPrints) {
  const GenCase& c = GetParam();
  Cluster cluster;
  cluster.settle();
  Shell shell(cluster);
  int64_t rv = cluster.store().resourceVersion();
  int code = -1;
  auto out = shell.run(c.line, &code);
  EXPECT_EQ(streamOf(out, false), c.stdoutText);
  EXPECT_EQ(streamOf(out, true), c.stderrText);
  EXPECT_EQ(code, c.exitCode);
  EXPECT_EQ(cluster.store().resourceVersion(), rv) << "a dry run or a rejected command changed the cluster";
}

INSTANTIATE_TEST_SUITE_P(
    DryRunAndErrors, CreateGenerators,
    ::testing::Values(
        GenCase{"ServiceClusterIpJson", "kubectl create service clusterip my --tcp=80:8080 --dry-run=client -o json",
                "{\n"
                "    \"kind\": \"Service\",\n"
                "    \"apiVersion\": \"v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"my\",\n"
                "        \"creationTimestamp\": null,\n"
                "        \"labels\": {\n"
                "            \"app\": \"my\"\n"
                "        }\n"
                "    },\n"
                "    \"spec\": {\n"
                "        \"ports\": [\n"
                "            {\n"
                "                \"name\": \"80-8080\",\n"
                "                \"protocol\": \"TCP\",\n"
                "                \"port\": 80,\n"
                "                \"targetPort\": 8080\n"
                "            }\n"
                "        ],\n"
                "        \"selector\": {\n"
                "            \"app\": \"my\"\n"
                "        },\n"
                "        \"type\": \"ClusterIP\"\n"
                "    },\n"
                "    \"status\": {\n"
                "        \"loadBalancer\": {}\n"
                "    }\n"
                "}\n",
                "", 0},
        GenCase{"ServiceClusterIpHeadless", "kubectl create service clusterip my --clusterip=None --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: Service\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  labels:\n"
                "    app: my\n"
                "  name: my\n"
                "spec:\n"
                "  clusterIP: None\n"
                "  selector:\n"
                "    app: my\n"
                "  type: ClusterIP\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"ServiceClusterIpNoPorts", "kubectl create service clusterip my --dry-run=client -o yaml",
                "",
                "error: at least one tcp port specifier must be provided\n", 1},
        GenCase{"ServiceClusterIpTwoPorts", "kubectl create service clusterip my --tcp=80 --tcp=443:https --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: Service\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  labels:\n"
                "    app: my\n"
                "  name: my\n"
                "spec:\n"
                "  ports:\n"
                "  - name: \"80\"\n"
                "    port: 80\n"
                "    protocol: TCP\n"
                "    targetPort: 80\n"
                "  - name: 443-https\n"
                "    port: 443\n"
                "    protocol: TCP\n"
                "    targetPort: https\n"
                "  selector:\n"
                "    app: my\n"
                "  type: ClusterIP\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"ServiceClusterIpCommaPorts", "kubectl create service clusterip my --tcp=80,81:8081 --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: Service\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  labels:\n"
                "    app: my\n"
                "  name: my\n"
                "spec:\n"
                "  ports:\n"
                "  - name: \"80\"\n"
                "    port: 80\n"
                "    protocol: TCP\n"
                "    targetPort: 80\n"
                "  - name: 81-8081\n"
                "    port: 81\n"
                "    protocol: TCP\n"
                "    targetPort: 8081\n"
                "  selector:\n"
                "    app: my\n"
                "  type: ClusterIP\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"ServicePortZero", "kubectl create service clusterip my --tcp=0:80 --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: Service\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  labels:\n"
                "    app: my\n"
                "  name: my\n"
                "spec:\n"
                "  ports:\n"
                "  - name: 0-80\n"
                "    port: 0\n"
                "    protocol: TCP\n"
                "    targetPort: 80\n"
                "  selector:\n"
                "    app: my\n"
                "  type: ClusterIP\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"ServiceTargetPortRange", "kubectl create service clusterip my --tcp=80:99999 --dry-run=client -o yaml",
                "",
                "error: must be between 1 and 65535, inclusive\n", 1},
        GenCase{"ServiceTargetPortName", "kubectl create service clusterip my --tcp=80:Bad_Name --dry-run=client -o yaml",
                "",
                "error: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)\n", 1},
        GenCase{"ServiceTargetPortEmpty", "kubectl create service clusterip my --tcp=80: --dry-run=client -o yaml",
                "",
                "error: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-),must contain at least one letter (a-z)\n", 1},
        GenCase{"ServicePortSyntax", "kubectl create service clusterip my --tcp=abc --dry-run=client -o yaml",
                "",
                "error: strconv.ParseUint: parsing \"abc\": invalid syntax\n", 1},
        GenCase{"ServicePortRange", "kubectl create service clusterip my --tcp=70000 --dry-run=client -o yaml",
                "",
                "error: strconv.ParseUint: parsing \"70000\": value out of range\n", 1},
        GenCase{"ServiceThreeParts", "kubectl create service clusterip my --tcp=80:8080:9 --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: Service\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  labels:\n"
                "    app: my\n"
                "  name: my\n"
                "spec:\n"
                "  ports:\n"
                "  - name: 80-8080-9\n"
                "    port: 80\n"
                "    protocol: TCP\n"
                "    targetPort: 8080\n"
                "  selector:\n"
                "    app: my\n"
                "  type: ClusterIP\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"ServiceNamespaced", "kubectl create service clusterip my --tcp=80 -n dev --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: Service\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  labels:\n"
                "    app: my\n"
                "  name: my\n"
                "  namespace: dev\n"
                "spec:\n"
                "  ports:\n"
                "  - name: \"80\"\n"
                "    port: 80\n"
                "    protocol: TCP\n"
                "    targetPort: 80\n"
                "  selector:\n"
                "    app: my\n"
                "  type: ClusterIP\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"ServiceNodePort", "kubectl create service nodeport my --tcp=80:8080 --node-port=30080 --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: Service\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  labels:\n"
                "    app: my\n"
                "  name: my\n"
                "spec:\n"
                "  ports:\n"
                "  - name: 80-8080\n"
                "    nodePort: 30080\n"
                "    port: 80\n"
                "    protocol: TCP\n"
                "    targetPort: 8080\n"
                "  selector:\n"
                "    app: my\n"
                "  type: NodePort\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"ServiceNodePortJson", "kubectl create service nodeport my --tcp=80:8080 --node-port=30080 --dry-run=client -o json",
                "{\n"
                "    \"kind\": \"Service\",\n"
                "    \"apiVersion\": \"v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"my\",\n"
                "        \"creationTimestamp\": null,\n"
                "        \"labels\": {\n"
                "            \"app\": \"my\"\n"
                "        }\n"
                "    },\n"
                "    \"spec\": {\n"
                "        \"ports\": [\n"
                "            {\n"
                "                \"name\": \"80-8080\",\n"
                "                \"protocol\": \"TCP\",\n"
                "                \"port\": 80,\n"
                "                \"targetPort\": 8080,\n"
                "                \"nodePort\": 30080\n"
                "            }\n"
                "        ],\n"
                "        \"selector\": {\n"
                "            \"app\": \"my\"\n"
                "        },\n"
                "        \"type\": \"NodePort\"\n"
                "    },\n"
                "    \"status\": {\n"
                "        \"loadBalancer\": {}\n"
                "    }\n"
                "}\n",
                "", 0},
        GenCase{"ServiceNodePortNoClusterIpFlag", "kubectl create service nodeport my --clusterip=None --tcp=80 --dry-run=client -o yaml",
                "",
                "error: unknown flag: --clusterip\n"
                "See 'kubectl create service nodeport --help' for usage.\n", 1},
        GenCase{"ServiceNodePortNoPorts", "kubectl create service nodeport my --dry-run=client -o yaml",
                "",
                "error: at least one tcp port specifier must be provided\n", 1},
        GenCase{"ServiceLoadBalancer", "kubectl create service loadbalancer lb --tcp=80:8080 --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: Service\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  labels:\n"
                "    app: lb\n"
                "  name: lb\n"
                "spec:\n"
                "  ports:\n"
                "  - name: 80-8080\n"
                "    port: 80\n"
                "    protocol: TCP\n"
                "    targetPort: 8080\n"
                "  selector:\n"
                "    app: lb\n"
                "  type: LoadBalancer\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"ServiceLoadBalancerJsonNs", "kubectl create service loadbalancer lb --tcp=80:8080 -n dev --dry-run=client -o json",
                "{\n"
                "    \"kind\": \"Service\",\n"
                "    \"apiVersion\": \"v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"lb\",\n"
                "        \"namespace\": \"dev\",\n"
                "        \"creationTimestamp\": null,\n"
                "        \"labels\": {\n"
                "            \"app\": \"lb\"\n"
                "        }\n"
                "    },\n"
                "    \"spec\": {\n"
                "        \"ports\": [\n"
                "            {\n"
                "                \"name\": \"80-8080\",\n"
                "                \"protocol\": \"TCP\",\n"
                "                \"port\": 80,\n"
                "                \"targetPort\": 8080\n"
                "            }\n"
                "        ],\n"
                "        \"selector\": {\n"
                "            \"app\": \"lb\"\n"
                "        },\n"
                "        \"type\": \"LoadBalancer\"\n"
                "    },\n"
                "    \"status\": {\n"
                "        \"loadBalancer\": {}\n"
                "    }\n"
                "}\n",
                "", 0},
        GenCase{"ServiceLoadBalancerName", "kubectl create service loadbalancer lb --tcp=80:8080 --dry-run=client",
                "service/lb created (dry run)\n",
                "", 0},
        GenCase{"ServiceExternalName", "kubectl create service externalname ex --external-name=bar.com --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: Service\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  labels:\n"
                "    app: ex\n"
                "  name: ex\n"
                "spec:\n"
                "  externalName: bar.com\n"
                "  selector:\n"
                "    app: ex\n"
                "  type: ExternalName\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"ServiceExternalNameJson", "kubectl create service externalname ex --external-name=bar.com --tcp=80 --dry-run=client -o json",
                "{\n"
                "    \"kind\": \"Service\",\n"
                "    \"apiVersion\": \"v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"ex\",\n"
                "        \"creationTimestamp\": null,\n"
                "        \"labels\": {\n"
                "            \"app\": \"ex\"\n"
                "        }\n"
                "    },\n"
                "    \"spec\": {\n"
                "        \"ports\": [\n"
                "            {\n"
                "                \"name\": \"80\",\n"
                "                \"protocol\": \"TCP\",\n"
                "                \"port\": 80,\n"
                "                \"targetPort\": 80\n"
                "            }\n"
                "        ],\n"
                "        \"selector\": {\n"
                "            \"app\": \"ex\"\n"
                "        },\n"
                "        \"type\": \"ExternalName\",\n"
                "        \"externalName\": \"bar.com\"\n"
                "    },\n"
                "    \"status\": {\n"
                "        \"loadBalancer\": {}\n"
                "    }\n"
                "}\n",
                "", 0},
        GenCase{"ServiceExternalNameMissing", "kubectl create service externalname ex --dry-run=client -o yaml",
                "",
                "error: required flag(s) \"external-name\" not set\n", 1},
        GenCase{"ServiceExternalNameInvalid", "kubectl create service externalname ex --external-name=Bad_Name --dry-run=client -o yaml",
                "",
                "error: invalid service external name Bad_Name\n", 1},
        GenCase{"ServiceNoSubcommand", "kubectl create service",
                "",
                "Create a service using a specified subcommand.\n"
                "\n"
                "Aliases:\n"
                "service, svc\n"
                "\n"
                "Available Commands:\n"
                "  clusterip      Create a ClusterIP service\n"
                "  externalname   Create an ExternalName service\n"
                "  loadbalancer   Create a LoadBalancer service\n"
                "  nodeport       Create a NodePort service\n"
                "\n"
                "Usage:\n"
                "  kubectl create service [flags] [options]\n"
                "\n"
                "Use \"kubectl create service <command> --help\" for more information about a given command.\n"
                "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n", 1},
        GenCase{"ServiceUnknownSubcommand", "kubectl create service foo",
                "",
                "error: unknown command \"foo\"\n"
                "See 'kubectl create service -h' for help and examples\n", 1},
        GenCase{"ServiceAlias", "kubectl create svc clusterip my --tcp=80 --dry-run=client",
                "service/my created (dry run)\n",
                "", 0},
        GenCase{"ServiceNoName", "kubectl create service clusterip --tcp=80 --dry-run=client",
                "",
                "error: exactly one NAME is required, got 0\n"
                "See 'kubectl create service clusterip -h' for help and examples\n", 1},
        GenCase{"ServiceTwoNames", "kubectl create service clusterip a b --tcp=80 --dry-run=client",
                "",
                "error: exactly one NAME is required, got 2\n"
                "See 'kubectl create service clusterip -h' for help and examples\n", 1},
        GenCase{"ServiceBadDryRun", "kubectl create service clusterip a --tcp=80 --dry-run=maybe",
                "",
                "error: Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\".\n", 1},
        GenCase{"ServiceBadOutput", "kubectl create service clusterip a --tcp=80 --dry-run=client -o wide",
                "",
                "error: unable to match a printer suitable for the output format \"wide\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n", 1},
        GenCase{"ServiceAccountYaml", "kubectl create serviceaccount foo --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: ServiceAccount\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: foo\n",
                "", 0},
        GenCase{"ServiceAccountJson", "kubectl create serviceaccount foo -n dev --dry-run=client -o json",
                "{\n"
                "    \"kind\": \"ServiceAccount\",\n"
                "    \"apiVersion\": \"v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"foo\",\n"
                "        \"namespace\": \"dev\",\n"
                "        \"creationTimestamp\": null\n"
                "    }\n"
                "}\n",
                "", 0},
        GenCase{"ServiceAccountName", "kubectl create sa foo -n dev --dry-run=client -o name",
                "serviceaccount/foo\n",
                "", 0},
        GenCase{"ServiceAccountNoName", "kubectl create sa --dry-run=client",
                "",
                "error: exactly one NAME is required, got 0\n"
                "See 'kubectl create serviceaccount -h' for help and examples\n", 1},
        GenCase{"CronJobJson", "kubectl create cronjob cj --image=busybox --schedule=\"*/1 * * * *\" --dry-run=client -o json -- echo hi",
                "{\n"
                "    \"kind\": \"CronJob\",\n"
                "    \"apiVersion\": \"batch/v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"cj\",\n"
                "        \"creationTimestamp\": null\n"
                "    },\n"
                "    \"spec\": {\n"
                "        \"schedule\": \"*/1 * * * *\",\n"
                "        \"jobTemplate\": {\n"
                "            \"metadata\": {\n"
                "                \"name\": \"cj\",\n"
                "                \"creationTimestamp\": null\n"
                "            },\n"
                "            \"spec\": {\n"
                "                \"template\": {\n"
                "                    \"metadata\": {\n"
                "                        \"creationTimestamp\": null\n"
                "                    },\n"
                "                    \"spec\": {\n"
                "                        \"containers\": [\n"
                "                            {\n"
                "                                \"name\": \"cj\",\n"
                "                                \"image\": \"busybox\",\n"
                "                                \"command\": [\n"
                "                                    \"echo\",\n"
                "                                    \"hi\"\n"
                "                                ],\n"
                "                                \"resources\": {}\n"
                "                            }\n"
                "                        ],\n"
                "                        \"restartPolicy\": \"OnFailure\"\n"
                "                    }\n"
                "                }\n"
                "            }\n"
                "        }\n"
                "    },\n"
                "    \"status\": {}\n"
                "}\n",
                "", 0},
        GenCase{"CronJobRestartNever", "kubectl create cronjob cj --image=busybox --schedule=\"*/1 * * * *\" --restart=Never --dry-run=client -o yaml",
                "apiVersion: batch/v1\n"
                "kind: CronJob\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: cj\n"
                "spec:\n"
                "  jobTemplate:\n"
                "    metadata:\n"
                "      creationTimestamp: null\n"
                "      name: cj\n"
                "    spec:\n"
                "      template:\n"
                "        metadata:\n"
                "          creationTimestamp: null\n"
                "        spec:\n"
                "          containers:\n"
                "          - image: busybox\n"
                "            name: cj\n"
                "            resources: {}\n"
                "          restartPolicy: Never\n"
                "  schedule: '*/1 * * * *'\n"
                "status: {}\n",
                "", 0},
        GenCase{"CronJobNoSchedule", "kubectl create cronjob cj --image=busybox --dry-run=client -o yaml",
                "",
                "error: required flag(s) \"schedule\" not set\n", 1},
        GenCase{"CronJobNoImage", "kubectl create cronjob cj --schedule=\"* * * * *\" --dry-run=client -o yaml",
                "",
                "error: required flag(s) \"image\" not set\n", 1},
        GenCase{"CronJobAlias", "kubectl create cj cj --image=busybox --schedule=\"* * * * *\" --dry-run=client",
                "cronjob.batch/cj created (dry run)\n",
                "", 0},
        GenCase{"CronJobNamespaced", "kubectl create cronjob cj --image=busybox --schedule=\"0 0 * * *\" -n dev --dry-run=client -o yaml -- sh -c \"date; echo hi\"",
                "apiVersion: batch/v1\n"
                "kind: CronJob\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: cj\n"
                "  namespace: dev\n"
                "spec:\n"
                "  jobTemplate:\n"
                "    metadata:\n"
                "      creationTimestamp: null\n"
                "      name: cj\n"
                "    spec:\n"
                "      template:\n"
                "        metadata:\n"
                "          creationTimestamp: null\n"
                "        spec:\n"
                "          containers:\n"
                "          - command:\n"
                "            - sh\n"
                "            - -c\n"
                "            - date; echo hi\n"
                "            image: busybox\n"
                "            name: cj\n"
                "            resources: {}\n"
                "          restartPolicy: OnFailure\n"
                "  schedule: 0 0 * * *\n"
                "status: {}\n",
                "", 0},
        GenCase{"JobImageAndFrom", "kubectl create job j --from=cronjob/cj --image=x --dry-run=client",
                "",
                "error: either --image or --from must be specified\n", 1},
        GenCase{"JobNeither", "kubectl create job j --dry-run=client",
                "",
                "error: either --image or --from must be specified\n", 1},
        GenCase{"JobFromAndCommand", "kubectl create job j --from=cronjob/cj --dry-run=client -- echo",
                "",
                "error: cannot specify --from and command\n", 1},
        GenCase{"JobImageJson", "kubectl create job j --image=busybox --dry-run=client -o json -- echo hi",
                "{\n"
                "    \"kind\": \"Job\",\n"
                "    \"apiVersion\": \"batch/v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"j\",\n"
                "        \"creationTimestamp\": null\n"
                "    },\n"
                "    \"spec\": {\n"
                "        \"template\": {\n"
                "            \"metadata\": {\n"
                "                \"creationTimestamp\": null\n"
                "            },\n"
                "            \"spec\": {\n"
                "                \"containers\": [\n"
                "                    {\n"
                "                        \"name\": \"j\",\n"
                "                        \"image\": \"busybox\",\n"
                "                        \"command\": [\n"
                "                            \"echo\",\n"
                "                            \"hi\"\n"
                "                        ],\n"
                "                        \"resources\": {}\n"
                "                    }\n"
                "                ],\n"
                "                \"restartPolicy\": \"Never\"\n"
                "            }\n"
                "        }\n"
                "    },\n"
                "    \"status\": {}\n"
                "}\n",
                "", 0},
        GenCase{"ConfigMapLiteralJson", "kubectl create configmap cm --from-literal=b=2 --from-literal=a=1 --dry-run=client -o json",
                "{\n"
                "    \"kind\": \"ConfigMap\",\n"
                "    \"apiVersion\": \"v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"cm\",\n"
                "        \"creationTimestamp\": null\n"
                "    },\n"
                "    \"data\": {\n"
                "        \"a\": \"1\",\n"
                "        \"b\": \"2\"\n"
                "    }\n"
                "}\n",
                "", 0},
        GenCase{"SecretGenericJson", "kubectl create secret generic s --from-literal=k=v --type=Opaque -n dev --dry-run=client -o json",
                "{\n"
                "    \"kind\": \"Secret\",\n"
                "    \"apiVersion\": \"v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"s\",\n"
                "        \"namespace\": \"dev\",\n"
                "        \"creationTimestamp\": null\n"
                "    },\n"
                "    \"data\": {\n"
                "        \"k\": \"dg==\"\n"
                "    },\n"
                "    \"type\": \"Opaque\"\n"
                "}\n",
                "", 0},
        GenCase{"JobNamespacedYaml", "kubectl create job j --image=busybox -n dev --dry-run=client -o yaml -- sh -c \"echo hi\"",
                "apiVersion: batch/v1\n"
                "kind: Job\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: j\n"
                "  namespace: dev\n"
                "spec:\n"
                "  template:\n"
                "    metadata:\n"
                "      creationTimestamp: null\n"
                "    spec:\n"
                "      containers:\n"
                "      - command:\n"
                "        - sh\n"
                "        - -c\n"
                "        - echo hi\n"
                "        image: busybox\n"
                "        name: j\n"
                "        resources: {}\n"
                "      restartPolicy: Never\n"
                "status: {}\n",
                "", 0},
        GenCase{"IngressSimple", "kubectl create ingress simple --rule=\"foo.com/bar=svc1:8080,tls=my-cert\" --dry-run=client -o yaml",
                "apiVersion: networking.k8s.io/v1\n"
                "kind: Ingress\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: simple\n"
                "spec:\n"
                "  rules:\n"
                "  - host: foo.com\n"
                "    http:\n"
                "      paths:\n"
                "      - backend:\n"
                "          service:\n"
                "            name: svc1\n"
                "            port:\n"
                "              number: 8080\n"
                "        path: /bar\n"
                "        pathType: Exact\n"
                "  tls:\n"
                "  - hosts:\n"
                "    - foo.com\n"
                "    secretName: my-cert\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"IngressCatchAll", "kubectl create ingress catch-all --class=otheringress --rule=\"/path=svc:port\" --dry-run=client -o yaml",
                "apiVersion: networking.k8s.io/v1\n"
                "kind: Ingress\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: catch-all\n"
                "spec:\n"
                "  ingressClassName: otheringress\n"
                "  rules:\n"
                "  - http:\n"
                "      paths:\n"
                "      - backend:\n"
                "          service:\n"
                "            name: svc\n"
                "            port:\n"
                "              name: port\n"
                "        path: /path\n"
                "        pathType: Exact\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"IngressAnnotated", "kubectl create ingress annotated --class=default --rule=\"foo.com/bar=svc:port\" --annotation ingress.annotation1=foo --annotation ingress.annotation2=bla --dry-run=client -o yaml",
                "apiVersion: networking.k8s.io/v1\n"
                "kind: Ingress\n"
                "metadata:\n"
                "  annotations:\n"
                "    ingress.annotation1: foo\n"
                "    ingress.annotation2: bla\n"
                "  creationTimestamp: null\n"
                "  name: annotated\n"
                "spec:\n"
                "  ingressClassName: default\n"
                "  rules:\n"
                "  - host: foo.com\n"
                "    http:\n"
                "      paths:\n"
                "      - backend:\n"
                "          service:\n"
                "            name: svc\n"
                "            port:\n"
                "              name: port\n"
                "        path: /bar\n"
                "        pathType: Exact\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"IngressMultipath", "kubectl create ingress multipath --class=default --rule=\"foo.com/=svc:port\" --rule=\"foo.com/admin/=svcadmin:portadmin\" --dry-run=client -o yaml",
                "apiVersion: networking.k8s.io/v1\n"
                "kind: Ingress\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: multipath\n"
                "spec:\n"
                "  ingressClassName: default\n"
                "  rules:\n"
                "  - host: foo.com\n"
                "    http:\n"
                "      paths:\n"
                "      - backend:\n"
                "          service:\n"
                "            name: svc\n"
                "            port:\n"
                "              name: port\n"
                "        path: /\n"
                "        pathType: Exact\n"
                "      - backend:\n"
                "          service:\n"
                "            name: svcadmin\n"
                "            port:\n"
                "              name: portadmin\n"
                "        path: /admin/\n"
                "        pathType: Exact\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"IngressPrefix", "kubectl create ingress ingress1 --class=default --rule=\"foo.com/path*=svc:8080\" --rule=\"bar.com/admin*=svc2:http\" --dry-run=client -o yaml",
                "apiVersion: networking.k8s.io/v1\n"
                "kind: Ingress\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: ingress1\n"
                "spec:\n"
                "  ingressClassName: default\n"
                "  rules:\n"
                "  - host: foo.com\n"
                "    http:\n"
                "      paths:\n"
                "      - backend:\n"
                "          service:\n"
                "            name: svc\n"
                "            port:\n"
                "              number: 8080\n"
                "        path: /path\n"
                "        pathType: Prefix\n"
                "  - host: bar.com\n"
                "    http:\n"
                "      paths:\n"
                "      - backend:\n"
                "          service:\n"
                "            name: svc2\n"
                "            port:\n"
                "              name: http\n"
                "        path: /admin\n"
                "        pathType: Prefix\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"IngressTlsNoSecret", "kubectl create ingress ingtls --class=default --rule=\"foo.com/=svc:https,tls\" --rule=\"foo.com/path/subpath*=othersvc:8080\" --dry-run=client -o yaml",
                "apiVersion: networking.k8s.io/v1\n"
                "kind: Ingress\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: ingtls\n"
                "spec:\n"
                "  ingressClassName: default\n"
                "  rules:\n"
                "  - host: foo.com\n"
                "    http:\n"
                "      paths:\n"
                "      - backend:\n"
                "          service:\n"
                "            name: svc\n"
                "            port:\n"
                "              name: https\n"
                "        path: /\n"
                "        pathType: Exact\n"
                "      - backend:\n"
                "          service:\n"
                "            name: othersvc\n"
                "            port:\n"
                "              number: 8080\n"
                "        path: /path/subpath\n"
                "        pathType: Prefix\n"
                "  tls:\n"
                "  - hosts:\n"
                "    - foo.com\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"IngressSecretJson", "kubectl create ingress ingsecret --class=default --rule=\"foo.com/*=svc:8080,tls=secret1\" --dry-run=client -o json",
                "{\n"
                "    \"kind\": \"Ingress\",\n"
                "    \"apiVersion\": \"networking.k8s.io/v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"ingsecret\",\n"
                "        \"creationTimestamp\": null\n"
                "    },\n"
                "    \"spec\": {\n"
                "        \"ingressClassName\": \"default\",\n"
                "        \"tls\": [\n"
                "            {\n"
                "                \"hosts\": [\n"
                "                    \"foo.com\"\n"
                "                ],\n"
                "                \"secretName\": \"secret1\"\n"
                "            }\n"
                "        ],\n"
                "        \"rules\": [\n"
                "            {\n"
                "                \"host\": \"foo.com\",\n"
                "                \"http\": {\n"
                "                    \"paths\": [\n"
                "                        {\n"
                "                            \"path\": \"/\",\n"
                "                            \"pathType\": \"Prefix\",\n"
                "                            \"backend\": {\n"
                "                                \"service\": {\n"
                "                                    \"name\": \"svc\",\n"
                "                                    \"port\": {\n"
                "                                        \"number\": 8080\n"
                "                                    }\n"
                "                                }\n"
                "                            }\n"
                "                        }\n"
                "                    ]\n"
                "                }\n"
                "            }\n"
                "        ]\n"
                "    },\n"
                "    \"status\": {\n"
                "        \"loadBalancer\": {}\n"
                "    }\n"
                "}\n",
                "", 0},
        GenCase{"IngressDefaultBackend", "kubectl create ingress ingdefault --class=default --default-backend=defaultsvc:http --rule=\"foo.com/*=svc:8080,tls=secret1\" --dry-run=client -o yaml",
                "apiVersion: networking.k8s.io/v1\n"
                "kind: Ingress\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: ingdefault\n"
                "spec:\n"
                "  defaultBackend:\n"
                "    service:\n"
                "      name: defaultsvc\n"
                "      port:\n"
                "        name: http\n"
                "  ingressClassName: default\n"
                "  rules:\n"
                "  - host: foo.com\n"
                "    http:\n"
                "      paths:\n"
                "      - backend:\n"
                "          service:\n"
                "            name: svc\n"
                "            port:\n"
                "              number: 8080\n"
                "        path: /\n"
                "        pathType: Prefix\n"
                "  tls:\n"
                "  - hosts:\n"
                "    - foo.com\n"
                "    secretName: secret1\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"IngressOnlyDefaultBackend", "kubectl create ingress d --default-backend=svc:80 --dry-run=client -o json",
                "{\n"
                "    \"kind\": \"Ingress\",\n"
                "    \"apiVersion\": \"networking.k8s.io/v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"d\",\n"
                "        \"creationTimestamp\": null\n"
                "    },\n"
                "    \"spec\": {\n"
                "        \"defaultBackend\": {\n"
                "            \"service\": {\n"
                "                \"name\": \"svc\",\n"
                "                \"port\": {\n"
                "                    \"number\": 80\n"
                "                }\n"
                "            }\n"
                "        }\n"
                "    },\n"
                "    \"status\": {\n"
                "        \"loadBalancer\": {}\n"
                "    }\n"
                "}\n",
                "", 0},
        GenCase{"IngressTlsGrouping", "kubectl create ingress two --rule=\"a.com/=s:80,tls=x\" --rule=\"b.com/=s:80,tls=x\" --rule=\"c.com/=s:80,tls\" --dry-run=client -o yaml",
                "apiVersion: networking.k8s.io/v1\n"
                "kind: Ingress\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: two\n"
                "spec:\n"
                "  rules:\n"
                "  - host: a.com\n"
                "    http:\n"
                "      paths:\n"
                "      - backend:\n"
                "          service:\n"
                "            name: s\n"
                "            port:\n"
                "              number: 80\n"
                "        path: /\n"
                "        pathType: Exact\n"
                "  - host: b.com\n"
                "    http:\n"
                "      paths:\n"
                "      - backend:\n"
                "          service:\n"
                "            name: s\n"
                "            port:\n"
                "              number: 80\n"
                "        path: /\n"
                "        pathType: Exact\n"
                "  - host: c.com\n"
                "    http:\n"
                "      paths:\n"
                "      - backend:\n"
                "          service:\n"
                "            name: s\n"
                "            port:\n"
                "              number: 80\n"
                "        path: /\n"
                "        pathType: Exact\n"
                "  tls:\n"
                "  - hosts:\n"
                "    - a.com\n"
                "    - b.com\n"
                "    secretName: x\n"
                "  - hosts:\n"
                "    - c.com\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"IngressHostlessTls", "kubectl create ingress h --rule=\"/=s:80,tls=cert\" --dry-run=client -o yaml",
                "apiVersion: networking.k8s.io/v1\n"
                "kind: Ingress\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: h\n"
                "spec:\n"
                "  rules:\n"
                "  - http:\n"
                "      paths:\n"
                "      - backend:\n"
                "          service:\n"
                "            name: s\n"
                "            port:\n"
                "              number: 80\n"
                "        path: /\n"
                "        pathType: Exact\n"
                "  tls:\n"
                "  - secretName: cert\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"IngressNoPath", "kubectl create ingress bad --rule=\"foo.com=svc:80\" --dry-run=client",
                "",
                "error: rule foo.com=svc:80 is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n", 1},
        GenCase{"IngressNothing", "kubectl create ingress bad --dry-run=client",
                "",
                "error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n", 1},
        GenCase{"IngressBadBackend", "kubectl create ingress bad --default-backend=svc --dry-run=client",
                "",
                "error: default-backend should be in format servicename:serviceport\n", 1},
        GenCase{"IngressBadAnnotation", "kubectl create ingress bad --rule=\"/=svc:80\" --annotation=foo --dry-run=client",
                "",
                "error: annotation foo is invalid and should be in format key=[value]\n", 1},
        GenCase{"IngressBadPort", "kubectl create ingress bad --rule=\"/=svc:8.0\" --dry-run=client",
                "ingress.networking.k8s.io/bad created (dry run)\n",
                "", 0},
        GenCase{"IngressTrailingText", "kubectl create ingress t --rule=\"foo.com/x=svc:80 extra\" --dry-run=client -o yaml",
                "apiVersion: networking.k8s.io/v1\n"
                "kind: Ingress\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: t\n"
                "spec:\n"
                "  rules:\n"
                "  - host: foo.com\n"
                "    http:\n"
                "      paths:\n"
                "      - backend:\n"
                "          service:\n"
                "            name: svc\n"
                "            port:\n"
                "              name: 80 extra\n"
                "        path: /x\n"
                "        pathType: Exact\n"
                "status:\n"
                "  loadBalancer: {}\n",
                "", 0},
        GenCase{"IngressAlias", "kubectl create ing i --rule=\"/x=svc:80\" -n dev --dry-run=client",
                "ingress.networking.k8s.io/i created (dry run)\n",
                "", 0},
        GenCase{"QuotaYaml", "kubectl create quota q --hard=cpu=1,memory=1G,pods=2 --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: ResourceQuota\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: q\n"
                "spec:\n"
                "  hard:\n"
                "    cpu: \"1\"\n"
                "    memory: 1G\n"
                "    pods: \"2\"\n"
                "status: {}\n",
                "", 0},
        GenCase{"QuotaJson", "kubectl create quota q --hard=cpu=1,memory=1G,pods=2 --dry-run=client -o json",
                "{\n"
                "    \"kind\": \"ResourceQuota\",\n"
                "    \"apiVersion\": \"v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"q\",\n"
                "        \"creationTimestamp\": null\n"
                "    },\n"
                "    \"spec\": {\n"
                "        \"hard\": {\n"
                "            \"cpu\": \"1\",\n"
                "            \"memory\": \"1G\",\n"
                "            \"pods\": \"2\"\n"
                "        }\n"
                "    },\n"
                "    \"status\": {}\n"
                "}\n",
                "", 0},
        GenCase{"QuotaScopes", "kubectl create quota q --hard=pods=100 --scopes=BestEffort,NotTerminating --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: ResourceQuota\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: q\n"
                "spec:\n"
                "  hard:\n"
                "    pods: \"100\"\n"
                "  scopes:\n"
                "  - BestEffort\n"
                "  - NotTerminating\n"
                "status: {}\n",
                "", 0},
        GenCase{"QuotaEmpty", "kubectl create quota q --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: ResourceQuota\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: q\n"
                "spec: {}\n"
                "status: {}\n",
                "", 0},
        GenCase{"QuotaNoValue", "kubectl create quota q --hard=cpu --dry-run=client -o yaml",
                "",
                "error: Invalid argument syntax cpu, expected <resource>=<value>\n", 1},
        GenCase{"QuotaBadQuantity", "kubectl create quota q --hard=cpu=abc --dry-run=client -o yaml",
                "",
                "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n", 1},
        GenCase{"QuotaCanonical", "kubectl create quota q --hard=cpu=1500m,memory=2048Mi,requests.cpu=0.5,limits.cpu=2000m,requests.memory=1024,services=1e3,limits.memory=1.5Gi --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "kind: ResourceQuota\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: q\n"
                "spec:\n"
                "  hard:\n"
                "    cpu: 1500m\n"
                "    limits.cpu: \"2\"\n"
                "    limits.memory: 1536Mi\n"
                "    memory: 2Gi\n"
                "    requests.cpu: 500m\n"
                "    requests.memory: \"1024\"\n"
                "    services: \"1e3\"\n"
                "status: {}\n",
                "", 0},
        GenCase{"QuotaEmptyScope", "kubectl create quota q --scopes=BestEffort, --dry-run=client -o yaml",
                "",
                "error: invalid resource quota scope \"\"\n", 1},
        GenCase{"QuotaAlias", "kubectl create resourcequota q --hard=pods=1 --dry-run=client",
                "resourcequota/q created (dry run)\n",
                "", 0},
        GenCase{"PdbMinAvailable", "kubectl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1 --dry-run=client -o yaml",
                "apiVersion: policy/v1\n"
                "kind: PodDisruptionBudget\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: my-pdb\n"
                "spec:\n"
                "  minAvailable: 1\n"
                "  selector:\n"
                "    matchLabels:\n"
                "      app: rails\n"
                "status:\n"
                "  currentHealthy: 0\n"
                "  desiredHealthy: 0\n"
                "  disruptionsAllowed: 0\n"
                "  expectedPods: 0\n",
                "", 0},
        GenCase{"PdbMaxUnavailableJson", "kubectl create pdb my-pdb --selector=app=nginx --max-unavailable=50% --dry-run=client -o json",
                "{\n"
                "    \"kind\": \"PodDisruptionBudget\",\n"
                "    \"apiVersion\": \"policy/v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"my-pdb\",\n"
                "        \"creationTimestamp\": null\n"
                "    },\n"
                "    \"spec\": {\n"
                "        \"selector\": {\n"
                "            \"matchLabels\": {\n"
                "                \"app\": \"nginx\"\n"
                "            }\n"
                "        },\n"
                "        \"maxUnavailable\": \"50%\"\n"
                "    },\n"
                "    \"status\": {\n"
                "        \"disruptionsAllowed\": 0,\n"
                "        \"currentHealthy\": 0,\n"
                "        \"desiredHealthy\": 0,\n"
                "        \"expectedPods\": 0\n"
                "    }\n"
                "}\n",
                "", 0},
        GenCase{"PdbExpressions", "kubectl create pdb my-pdb --selector=\"app in (b,a),!canary\" --min-available=2 --dry-run=client -o yaml",
                "apiVersion: policy/v1\n"
                "kind: PodDisruptionBudget\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: my-pdb\n"
                "spec:\n"
                "  minAvailable: 2\n"
                "  selector:\n"
                "    matchExpressions:\n"
                "    - key: app\n"
                "      operator: In\n"
                "      values:\n"
                "      - a\n"
                "      - b\n"
                "    - key: canary\n"
                "      operator: DoesNotExist\n"
                "status:\n"
                "  currentHealthy: 0\n"
                "  desiredHealthy: 0\n"
                "  disruptionsAllowed: 0\n"
                "  expectedPods: 0\n",
                "", 0},
        GenCase{"PdbNoBudget", "kubectl create pdb my-pdb --selector=app=nginx --dry-run=client",
                "",
                "error: one of min-available or max-unavailable must be specified\n", 1},
        GenCase{"PdbNoSelector", "kubectl create pdb my-pdb --min-available=1 --dry-run=client",
                "",
                "error: a selector must be specified\n", 1},
        GenCase{"PdbBoth", "kubectl create pdb my-pdb --selector=app=nginx --min-available=1 --max-unavailable=1 --dry-run=client",
                "",
                "error: min-available and max-unavailable cannot be both specified\n", 1},
        GenCase{"PdbBadMin", "kubectl create pdb my-pdb --selector=app=nginx --min-available=1x --dry-run=client",
                "",
                "error: invalid format specified for min-available\n", 1},
        GenCase{"PdbBadMax", "kubectl create pdb my-pdb --selector=app=nginx --max-unavailable=-1 --dry-run=client",
                "",
                "error: invalid format specified for max-unavailable\n", 1},
        GenCase{"PdbNotEquals", "kubectl create pdb my-pdb --selector=\"app in (a,b),tier!=x\" --min-available=1 --dry-run=client -o yaml",
                "",
                "error: \"!=\" is not a valid label selector operator\n", 1},
        GenCase{"PdbBadSelector", "kubectl create pdb my-pdb --selector=\"app in (a\" --min-available=1 --dry-run=client -o yaml",
                "",
                "error: couldn't parse the selector string \"app in (a\": unable to parse requirement: found '', expected: ',' or ')'\n", 1},
        GenCase{"PriorityClassYaml", "kubectl create priorityclass high-priority --value=1000 --description=\"high priority\" --dry-run=client -o yaml",
                "apiVersion: scheduling.k8s.io/v1\n"
                "description: high priority\n"
                "kind: PriorityClass\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: high-priority\n"
                "preemptionPolicy: PreemptLowerPriority\n"
                "value: 1000\n",
                "", 0},
        GenCase{"PriorityClassJson", "kubectl create pc default-priority --value=1000 --global-default=true --description=\"default priority\" --dry-run=client -o json",
                "{\n"
                "    \"kind\": \"PriorityClass\",\n"
                "    \"apiVersion\": \"scheduling.k8s.io/v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"default-priority\",\n"
                "        \"creationTimestamp\": null\n"
                "    },\n"
                "    \"value\": 1000,\n"
                "    \"globalDefault\": true,\n"
                "    \"description\": \"default priority\",\n"
                "    \"preemptionPolicy\": \"PreemptLowerPriority\"\n"
                "}\n",
                "", 0},
        GenCase{"PriorityClassNever", "kubectl create priorityclass high-priority --value=1000 --description=\"high priority\" --preemption-policy=\"Never\" -n dev --dry-run=client -o yaml",
                "apiVersion: scheduling.k8s.io/v1\n"
                "description: high priority\n"
                "kind: PriorityClass\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: high-priority\n"
                "preemptionPolicy: Never\n"
                "value: 1000\n",
                "", 0},
        GenCase{"PriorityClassDefaults", "kubectl create priorityclass p --dry-run=client -o yaml",
                "apiVersion: scheduling.k8s.io/v1\n"
                "kind: PriorityClass\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: p\n"
                "preemptionPolicy: PreemptLowerPriority\n"
                "value: 0\n",
                "", 0},
        GenCase{"PriorityClassBadValue", "kubectl create priorityclass p --value=abc --dry-run=client -o yaml",
                "",
                "error: invalid argument \"abc\" for \"--value\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\n"
                "See 'kubectl create priorityclass --help' for usage.\n", 1},
        GenCase{"PriorityClassName", "kubectl create priorityclass p --value=-5 --dry-run=client",
                "priorityclass.scheduling.k8s.io/p created (dry run)\n",
                "", 0},
        GenCase{"SecretTlsMissingFiles", "kubectl create secret tls tls-secret --cert=nonexistent.crt --key=nonexistent.key --dry-run=client",
                "",
                "error: Cannot read file nonexistent.crt, open nonexistent.crt: no such file or directory\n", 1},
        GenCase{"SecretTlsNoFlags", "kubectl create secret tls tls-secret --dry-run=client",
                "",
                "error: key and cert must be specified\n", 1},
        GenCase{"SecretDockerYaml", "kubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "data:\n"
                "  .dockerconfigjson: eyJhdXRocyI6eyJET0NLRVJfUkVHSVNUUllfU0VSVkVSIjp7InVzZXJuYW1lIjoiRE9DS0VSX1VTRVIiLCJwYXNzd29yZCI6IkRPQ0tFUl9QQVNTV09SRCIsImVtYWlsIjoiRE9DS0VSX0VNQUlMIiwiYXV0aCI6IlJFOURTMFZTWDFWVFJWSTZSRTlEUzBWU1gxQkJVMU5YVDFKRSJ9fX0=\n"
                "kind: Secret\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: my-secret\n"
                "type: kubernetes.io/dockerconfigjson\n",
                "", 0},
        GenCase{"SecretDockerJson", "kubectl create secret docker-registry my-secret --docker-username=u --docker-password=p --dry-run=client -o json",
                "{\n"
                "    \"kind\": \"Secret\",\n"
                "    \"apiVersion\": \"v1\",\n"
                "    \"metadata\": {\n"
                "        \"name\": \"my-secret\",\n"
                "        \"creationTimestamp\": null\n"
                "    },\n"
                "    \"data\": {\n"
                "        \".dockerconfigjson\": \"eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiYXV0aCI6ImRUcHcifX19\"\n"
                "    },\n"
                "    \"type\": \"kubernetes.io/dockerconfigjson\"\n"
                "}\n",
                "", 0},
        GenCase{"SecretDockerEscapes", "kubectl create secret docker-registry d --docker-username=u --docker-password=\"p<&>\" --docker-email=e@x --docker-server=s --dry-run=client -o yaml",
                "apiVersion: v1\n"
                "data:\n"
                "  .dockerconfigjson: eyJhdXRocyI6eyJzIjp7InVzZXJuYW1lIjoidSIsInBhc3N3b3JkIjoicFx1MDAzY1x1MDAyNlx1MDAzZSIsImVtYWlsIjoiZUB4IiwiYXV0aCI6ImRUcHdQQ1krIn19fQ==\n"
                "kind: Secret\n"
                "metadata:\n"
                "  creationTimestamp: null\n"
                "  name: d\n"
                "type: kubernetes.io/dockerconfigjson\n",
                "", 0},
        GenCase{"SecretDockerNothing", "kubectl create secret docker-registry my-secret --dry-run=client",
                "",
                "error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n", 1},
        GenCase{"SecretDockerNoPassword", "kubectl create secret docker-registry my-secret --docker-username=u --dry-run=client",
                "",
                "error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n", 1},
        GenCase{"SecretDockerMissingFile", "kubectl create secret docker-registry d --from-file=nope.txt --dry-run=client",
                "",
                "error: error reading nope.txt: no such file or directory\n", 1},
        GenCase{"TokenSubSecond", "kubectl create token foo --duration=1.5s",
                "",
                "error: --duration cannot be expressed in units less than seconds\n", 1},
        GenCase{"TokenNegative", "kubectl create token foo --duration=-1s",
                "",
                "error: --duration must be greater than or equal to 0\n", 1},
        GenCase{"TokenEmptyAudience", "kubectl create token foo --audience=",
                "",
                "error: --audience must not be an empty string\n", 1},
        GenCase{"TokenNameWithoutKind", "kubectl create token foo --bound-object-name=x",
                "",
                "error: --bound-object-name can only be set if --bound-object-kind is provided\n", 1},
        GenCase{"TokenUidWithoutKind", "kubectl create token foo --bound-object-uid=x",
                "",
                "error: --bound-object-uid can only be set if --bound-object-kind is provided\n", 1},
        GenCase{"TokenBadKind", "kubectl create token foo --bound-object-kind=Foo",
                "",
                "error: supported --bound-object-kind values are Node, Pod, Secret\n", 1},
        GenCase{"TokenKindWithoutName", "kubectl create token foo --bound-object-kind=Pod",
                "",
                "error: --bound-object-name is required if --bound-object-kind is provided\n", 1},
        GenCase{"TokenNoName", "kubectl create token",
                "",
                "error: exactly one NAME is required, got 0\n"
                "See 'kubectl create token -h' for help and examples\n", 1},
        GenCase{"AutoscaleMaxZero", "kubectl autoscale deployment foo --max=0 --dry-run=client",
                "",
                "error: --max=MAXPODS is required and must be at least 1, max: 0\n", 1},
        GenCase{"AutoscaleMaxBelowMin", "kubectl autoscale deployment foo --min=5 --max=2 --dry-run=client",
                "",
                "error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 5\n", 1},
        GenCase{"AutoscaleNoMax", "kubectl autoscale deployment foo --dry-run=client",
                "",
                "error: required flag(s) \"max\" not set\n", 1},
        GenCase{"AutoscaleNothing", "kubectl autoscale",
                "",
                "error: required flag(s) \"max\" not set\n", 1},
        GenCase{"CpNothing", "kubectl cp",
                "",
                "error: source and destination are required\n", 1},
        GenCase{"CpOneArg", "kubectl cp a",
                "",
                "error: source and destination are required\n", 1},
        GenCase{"CpBothLocal", "kubectl cp a b",
                "",
                "error: one of src or dest must be a remote file specification\n", 1},
        GenCase{"CpBothRemote", "kubectl cp pod:/a pod2:/b",
                "",
                "error: one of src or dest must be a local file specification\n", 1},
        GenCase{"CpThreeArgs", "kubectl cp a b c",
                "",
                "error: source and destination are required\n", 1},
        GenCase{"CpLeadingColon", "kubectl cp :a b",
                "",
                "error: filespec must match the canonical format: [[namespace/]pod:]file/path\n", 1},
        GenCase{"CpBadSpec", "kubectl cp a/b/c:/x y",
                "",
                "error: filespec must match the canonical format: [[namespace/]pod:]file/path\n", 1},
        GenCase{"CpEmptyPath", "kubectl cp pod: b",
                "",
                "error: filepath can not be empty\n", 1},
        GenCase{"CpMissingLocal", "kubectl cp nope.txt pod:/tmp/x",
                "",
                "error: nope.txt doesn't exist in local filesystem\n", 1}),
    [](const ::testing::TestParamInfo<GenCase>& i) { return std::string(i.param.name); });

// ---- the console creating the objects for real and reading them back

class CreateGeneratorsConsole : public ConsoleFixture {
 protected:
  std::string jsonpath(const std::string& what, const std::string& path) {
    return run("kubectl get " + what + " -o jsonpath={" + path + "}");
  }
  Json object(const std::string& what) {
    Json j = Json::parse(run("kubectl get " + what + " -o json"), nullptr, false);
    return j.is_object() ? j : Json::object();
  }
  void waitRunning(const std::string& pod) {
    for (int i = 0; i < 120 && jsonpath("pod " + pod, ".status.phase") != "Running"; i++) cluster.advance(500);
    ASSERT_EQ(jsonpath("pod " + pod, ".status.phase"), "Running");
  }
  // The claims of a JWT: its middle part, base64url-decoded.
  static Json jwtClaims(const std::string& token) {
    auto parts = split(trimSpace(token), '.');
    if (parts.size() != 3) return Json();
    std::string b = parts[1];
    for (auto& c : b) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (b.size() % 4) b += '=';
    bool ok = false;
    std::string text = base64Decode(b, &ok);
    return ok ? Json::parse(text, nullptr, false) : Json();
  }
};

TEST_F(CreateGeneratorsConsole, ServicesOfEveryType) {
  EXPECT_EQ(run("kubectl create service clusterip my-cs --tcp=5678:8080"), "service/my-cs created\n");
  EXPECT_EQ(jsonpath("svc my-cs", ".spec.ports[0].name}/{.spec.ports[0].targetPort}/{.spec.selector.app"), "5678-8080/8080/my-cs");
  EXPECT_NE(jsonpath("svc my-cs", ".spec.clusterIP"), "");
  EXPECT_EQ(run("kubectl create service clusterip headless --clusterip=None"), "service/headless created\n");
  EXPECT_EQ(jsonpath("svc headless", ".spec.clusterIP"), "None");
  EXPECT_EQ(run("kubectl create service nodeport my-ns --tcp=80:8080 --node-port=30080"), "service/my-ns created\n");
  EXPECT_EQ(jsonpath("svc my-ns", ".spec.type}/{.spec.ports[0].nodePort"), "NodePort/30080");
  EXPECT_EQ(run("kubectl create service loadbalancer my-lb --tcp=80"), "service/my-lb created\n");
  EXPECT_EQ(jsonpath("svc my-lb", ".spec.type"), "LoadBalancer");
  EXPECT_EQ(run("kubectl create service externalname my-ex --external-name bar.com"), "service/my-ex created\n");
  // (spec.externalName is not kept yet: the typed Service has no such field)
  // the same name again: the server's AlreadyExists, wrapped as create service wraps it
  EXPECT_EQ(run("kubectl create service clusterip my-cs --tcp=80", 1),
            "error: failed to create ClusterIP service: services \"my-cs\" already exists\n");
  EXPECT_EQ(run("kubectl create service nodeport other --tcp=80 --node-port=30080", 1).find("error: failed to create NodePort service: "), 0u);
}

TEST_F(CreateGeneratorsConsole, ServiceAccountAndItsToken) {
  EXPECT_EQ(run("kubectl create serviceaccount robot"), "serviceaccount/robot created\n");
  EXPECT_EQ(run("kubectl get sa robot -o name"), "serviceaccount/robot\n");
  std::string uid = jsonpath("sa robot", ".metadata.uid");
  std::string token = run("kubectl create token robot --duration=20m --audience=api --audience=vault");
  ASSERT_EQ(std::count(token.begin(), token.end(), '.'), 2) << token;
  Json claims = jwtClaims(token);
  ASSERT_TRUE(claims.is_object()) << token;
  EXPECT_EQ(claims["iss"], "https://kubernetes.default.svc.cluster.local");
  EXPECT_EQ(claims["sub"], "system:serviceaccount:default:robot");
  EXPECT_EQ(claims["aud"], Json::array({"api", "vault"}));
  EXPECT_EQ(claims["kubernetes.io"]["namespace"], "default");
  EXPECT_EQ(claims["kubernetes.io"]["serviceaccount"]["name"], "robot");
  EXPECT_EQ(claims["kubernetes.io"]["serviceaccount"]["uid"], uid);
  EXPECT_EQ(claims["exp"].get<int64_t>() - claims["iat"].get<int64_t>(), 1200);
  EXPECT_EQ(claims["iat"].get<int64_t>(), cluster.clock().now() / 1000);
  // without flags: the API server's audience and an hour
  Json plain = jwtClaims(run("kubectl create token robot"));
  EXPECT_EQ(plain["aud"], Json::array({"https://kubernetes.default.svc.cluster.local"}));
  EXPECT_EQ(plain["exp"].get<int64_t>() - plain["iat"].get<int64_t>(), 3600);
  // bound to a pod: the pod's name and uid in the claims
  run("kubectl run box --image=busybox -- sleep 3600");
  Json bound = jwtClaims(run("kubectl create token robot --bound-object-kind=Pod --bound-object-name=box"));
  EXPECT_EQ(bound["kubernetes.io"]["pod"]["name"], "box");
  EXPECT_EQ(bound["kubernetes.io"]["pod"]["uid"], jsonpath("pod box", ".metadata.uid"));
}

TEST_F(CreateGeneratorsConsole, TokenErrorsFromTheServer) {
  EXPECT_EQ(run("kubectl create token ghost", 1), "error: failed to create token: serviceaccounts \"ghost\" not found\n");
  run("kubectl create sa robot");
  EXPECT_EQ(run("kubectl create token robot --duration=5m", 1),
            "error: failed to create token: TokenRequest.authentication.k8s.io \"robot\" is invalid: "
            "spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n");
  EXPECT_EQ(run("kubectl create token robot --bound-object-kind=Pod --bound-object-name=nope", 1),
            "error: failed to create token: pods \"nope\" not found\n");
  EXPECT_EQ(run("kubectl create token robot -n kube-system", 1),
            "error: failed to create token: serviceaccounts \"robot\" not found\n");
}

TEST_F(CreateGeneratorsConsole, CronJobAndAJobFromIt) {
  EXPECT_EQ(run("kubectl create cronjob tick --image=busybox --schedule=\"*/5 * * * *\" -- date"), "cronjob.batch/tick created\n");
  EXPECT_EQ(jsonpath("cronjob tick", ".spec.schedule}/{.spec.jobTemplate.spec.template.spec.containers[0].command[0]"), "*/5 * * * */date");
  std::string cronUid = jsonpath("cj tick", ".metadata.uid");
  EXPECT_EQ(run("kubectl create job manual --from=cronjob/tick"), "job.batch/manual created\n");
  EXPECT_EQ(object("job manual")["metadata"]["annotations"]["cronjob.kubernetes.io/instantiate"], "manual");
  EXPECT_EQ(jsonpath("job manual", ".metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}/{.metadata.ownerReferences[0].controller"),
            "CronJob/tick/true");
  EXPECT_EQ(jsonpath("job manual", ".metadata.ownerReferences[0].uid"), cronUid);
  EXPECT_EQ(jsonpath("job manual", ".spec.template.spec.containers[0].command[0]}/{.spec.template.spec.restartPolicy"), "date/OnFailure");
  // the dry run reads the CronJob too and prints the Job it would create
  std::string yaml = run("kubectl create job again --from=cronjob/tick --dry-run=client -o yaml");
  EXPECT_NE(yaml.find("    cronjob.kubernetes.io/instantiate: manual\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("  ownerReferences:\n  - apiVersion: batch/v1\n    controller: true\n    kind: CronJob\n    name: tick\n    uid: " + cronUid + "\n"),
            std::string::npos) << yaml;
  EXPECT_EQ(run("kubectl get job again", 1), "Error from server (NotFound): jobs.batch \"again\" not found\n");
}

TEST_F(CreateGeneratorsConsole, JobFromSomethingElse) {
  EXPECT_EQ(run("kubectl create job j --from=cronjob/ghost", 1), "Error from server (NotFound): cronjobs.batch \"ghost\" not found\n");
  run("kubectl create deployment web --image=nginx");
  EXPECT_EQ(run("kubectl create job j --from=deployment/web", 1), "error: unknown object type *v1.Deployment\n");
  EXPECT_EQ(run("kubectl create job j --from=foo/x", 1), "error: the server doesn't have a resource type \"foo\"\n");
}

TEST_F(CreateGeneratorsConsole, IngressQuotaPdbPriorityClass) {
  EXPECT_EQ(run("kubectl create ingress web --class=nginx --rule=\"kubia.example.com/*=kubia:8080,tls=kubia-tls\""),
            "ingress.networking.k8s.io/web created\n");
  EXPECT_EQ(jsonpath("ingress web", ".spec.rules[0].host}/{.spec.rules[0].http.paths[0].pathType}/{.spec.tls[0].secretName"),
            "kubia.example.com/Prefix/kubia-tls");
  EXPECT_EQ(run("kubectl create quota q --hard=cpu=1,memory=1G,pods=2"), "resourcequota/q created\n");
  EXPECT_EQ(jsonpath("quota q", ".spec.hard.pods}/{.spec.hard.memory"), "2/1G");
  EXPECT_EQ(run("kubectl create pdb kubia-pdb --selector=app=kubia --min-available=1"), "poddisruptionbudget.policy/kubia-pdb created\n");
  EXPECT_EQ(jsonpath("pdb kubia-pdb", ".spec.minAvailable}/{.spec.selector.matchLabels.app"), "1/kubia");
  EXPECT_EQ(run("kubectl create priorityclass high --value=1000 --description=\"for kubia\" -n kube-system"),
            "priorityclass.scheduling.k8s.io/high created\n");
  EXPECT_EQ(jsonpath("pc high", ".value}/{.description}/{.preemptionPolicy"), "1000/for kubia/PreemptLowerPriority");
  EXPECT_EQ(run("kubectl get pc high -o name"), "priorityclass.scheduling.k8s.io/high\n");
  EXPECT_EQ(run("kubectl create ingress web --rule=/=x:80", 1), "error: failed to create ingress: ingresses.networking.k8s.io \"web\" already exists\n");
  EXPECT_EQ(run("kubectl create quota q", 1), "error: failed to create quota: resourcequotas \"q\" already exists\n");
}

TEST_F(CreateGeneratorsConsole, SecretsFromTheConsolesFiles) {
  run("cat <<EOF > tls.crt\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\nEOF");
  run("cat <<EOF > tls.key\n-----BEGIN PRIVATE KEY-----\nMIIC\n-----END PRIVATE KEY-----\nEOF");
  EXPECT_EQ(run("kubectl create secret tls kubia-tls --cert=tls.crt --key=tls.key"), "secret/kubia-tls created\n");
  EXPECT_EQ(jsonpath("secret kubia-tls", ".type"), "kubernetes.io/tls");
  EXPECT_EQ(base64Decode(object("secret kubia-tls")["data"].value("tls.crt", "")), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  EXPECT_EQ(run("kubectl create secret tls bad --cert=tls.key --key=tls.key", 1), "error: tls: failed to find any PEM data in certificate input\n");
  EXPECT_EQ(run("kubectl create secret tls bad --cert=tls.crt --key=tls.crt", 1), "error: tls: failed to find any PEM data in key input\n");
  EXPECT_EQ(run("kubectl create secret docker-registry regcred --docker-username=u --docker-password=p"), "secret/regcred created\n");
  EXPECT_EQ(base64Decode(object("secret regcred")["data"].value(".dockerconfigjson", "")),
            "{\"auths\":{\"https://index.docker.io/v1/\":{\"username\":\"u\",\"password\":\"p\",\"auth\":\"dTpw\"}}}");
  run("cat <<EOF > config.json\n{\"auths\":{}}\nEOF");
  EXPECT_EQ(run("kubectl create secret docker-registry fromfile --from-file=config.json"), "secret/fromfile created\n");
  EXPECT_EQ(base64Decode(object("secret fromfile")["data"].value(".dockerconfigjson", "")), "{\"auths\":{}}\n");
}

TEST_F(CreateGeneratorsConsole, AutoscaleDryRunAndErrors) {
  run("kubectl create deployment kubia --image=hyooo/kubia");
  // kubectl 1.32 builds an autoscaling/v1 HorizontalPodAutoscaler
  EXPECT_EQ(run("kubectl autoscale deployment kubia --min=2 --max=10 --cpu-percent=80 --dry-run=client -o yaml"),
            "apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  creationTimestamp: null\n  name: kubia\n"
            "spec:\n  maxReplicas: 10\n  minReplicas: 2\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n"
            "    name: kubia\n  targetCPUUtilizationPercentage: 80\nstatus:\n  currentReplicas: 0\n  desiredReplicas: 0\n");
  EXPECT_EQ(run("kubectl autoscale deploy/kubia --max=3 --name=other --dry-run=client"),
            "horizontalpodautoscaler.autoscaling/other created (dry run)\n");
  EXPECT_EQ(run("kubectl autoscale deployment ghost --max=3", 1), "Error from server (NotFound): deployments.apps \"ghost\" not found\n");
  run("kubectl run box --image=busybox -- sleep 3600");
  EXPECT_EQ(run("kubectl autoscale pod box --max=3", 1),
            "error: cannot autoscale a Pod: could not find scale subresource for /v1, Resource=pods in discovery information\n");
}

TEST_F(CreateGeneratorsConsole, AutoscaleCreatesTheAutoscaler) {
  // kubectl 1.32 posts an autoscaling/v1 object; the API server stores it as autoscaling/v2.
  run("kubectl create deployment kubia --image=hyooo/kubia");
  EXPECT_EQ(run("kubectl autoscale deployment kubia --min=2 --max=10 --cpu-percent=80"),
            "horizontalpodautoscaler.autoscaling/kubia autoscaled\n");
  EXPECT_EQ(jsonpath("hpa kubia", ".spec.maxReplicas}/{.spec.scaleTargetRef.name"), "10/kubia");
  EXPECT_EQ(jsonpath("hpa kubia", ".spec.metrics[0].resource.target.averageUtilization"), "80");
}

TEST_F(CreateGeneratorsConsole, CpIntoAndOutOfAContainer) {
  run("kubectl run box --image=busybox -- sleep 3600");
  waitRunning("box");
  run("echo hello > hello.txt");
  EXPECT_EQ(run("kubectl cp hello.txt box:/tmp/hello.txt"), "");
  EXPECT_EQ(run("kubectl exec box -- cat /tmp/hello.txt"), "hello\n");
  EXPECT_EQ(run("kubectl exec box -- ls /tmp"), "hello.txt\n");
  // into a directory: the file keeps its name
  EXPECT_EQ(run("kubectl cp hello.txt default/box:/root"), "");
  EXPECT_EQ(run("kubectl exec box -- cat /root/hello.txt"), "hello\n");
  EXPECT_EQ(run("kubectl exec box -- ls /"), "bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n");
  // and back out: tar's stderr reaches kubectl's stdout
  EXPECT_EQ(run("kubectl cp box:/tmp/hello.txt copy.txt"), "tar: removing leading '/' from member names\n");
  EXPECT_EQ(run("cat copy.txt"), "hello\n");
  EXPECT_EQ(run("kubectl cp box:/etc/hostname name.txt -c box"), "tar: removing leading '/' from member names\n");
  EXPECT_EQ(run("cat name.txt"), "box\n");
  // what the pod does not have
  EXPECT_EQ(run("kubectl cp box:/tmp/nope.txt x.txt", 1),
            "tar: removing leading '/' from member names\ntar: /tmp/nope.txt: No such file or directory\n"
            "command terminated with exit code 1\n");
  EXPECT_EQ(run("kubectl cp hello.txt ghost:/tmp/x", 1), "Error from server (NotFound): pods \"ghost\" not found\n");
  EXPECT_EQ(run("kubectl cp hello.txt box:/tmp/x -c nope", 1), "Error from server (BadRequest): container nope is not valid for pod box\n");
}

TEST_F(CreateGeneratorsConsole, CpWrittenFilesGoWithTheContainer) {
  run("kubectl run box --image=busybox --restart=Never -- sleep 3600");
  waitRunning("box");
  run("echo data > d.txt");
  EXPECT_EQ(run("kubectl cp d.txt box:/tmp/d.txt"), "");
  EXPECT_EQ(run("kubectl exec box -- test -f /tmp/d.txt"), "");
  EXPECT_EQ(run("kubectl exec box -- test -f /tmp/other", 1), "command terminated with exit code 1\n");
  run("kubectl delete pod box");
  run("kubectl run box --image=busybox --restart=Never -- sleep 3600");
  waitRunning("box");
  EXPECT_EQ(run("kubectl exec box -- cat /tmp/d.txt", 1),
            "cat: can't open '/tmp/d.txt': No such file or directory\ncommand terminated with exit code 1\n");
}

TEST_F(CreateGeneratorsConsole, ConfigMapFromEnvFile) {
  run("cat <<EOF > ok.env\n# comment\n\n  A=1\nB=two words\nEOF");
  EXPECT_EQ(run("kubectl create configmap c --from-env-file=ok.env --dry-run=client -o yaml"),
            "apiVersion: v1\ndata:\n  A: \"1\"\n  B: two words\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: c\n");
  EXPECT_EQ(run("kubectl create secret generic s --from-env-file=ok.env --dry-run=client -o yaml"),
            "apiVersion: v1\ndata:\n  A: MQ==\n  B: dHdvIHdvcmRz\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\n");
  EXPECT_EQ(run("kubectl create configmap c --from-env-file=ok.env --from-literal=x=y --dry-run=client", 1),
            "error: from-env-file cannot be combined with from-file or from-literal\n");
  EXPECT_EQ(run("kubectl create configmap c --from-env-file=ok.env --from-env-file=ok.env --dry-run=client", 1),
            "error: cannot add key \"A\", another key by that name already exists in Data for ConfigMap \"c\"\n");
  EXPECT_EQ(run("kubectl create configmap c --from-env-file=nope.env --dry-run=client", 1),
            "error: error reading nope.env: no such file or directory\n");
  run("cat <<EOF > bad.env\nA=1\n  B = 2\nEOF");
  EXPECT_EQ(run("kubectl create configmap c --from-env-file=bad.env --dry-run=client", 1),
            "error: \"B \" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, "
            "'_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used "
            "for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n");
  EXPECT_EQ(run("kubectl create configmap envs --from-env-file=ok.env"), "configmap/envs created\n");
  EXPECT_EQ(run("kubectl get cm envs -o jsonpath={.data.B}"), "two words");
}

}  // namespace
}  // namespace kp
