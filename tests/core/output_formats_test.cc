// Output formats, byte for byte: -o custom-columns|custom-columns-file, jsonpath|jsonpath-file|
// jsonpath-as-json, go-template|go-template-file|template|templatefile (--template,
// --allow-missing-template-keys) and get --sort-by. The dry-run rows were printed by real
// kubectl 1.32 (/usr/lib/google-cloud-sdk/bin/kubectl.1.32) without a server (`run` against a
// throwaway fake API server that only answers discovery); the get rows by real kubectl against
// a fake API server serving the same objects, see tests/golden/README.md. A dry-run command
// must leave the cluster unchanged.
#include <gtest/gtest.h>

#include "core/shell/shell.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

struct OutCase {
  const char* name;
  const char* line;
  const char* stdoutText;
  const char* stderrText;
  int exitCode;
  const char* fileName = nullptr;  // a file in the console's home directory first
  const char* fileText = nullptr;
};

std::string streamOf(const std::vector<OutputChunk>& chunks, bool err) {
  std::string s;
  for (const auto& c : chunks)
    if (c.err == err) s += c.text;
  return s;
}

class OutputFormats : public ::testing::TestWithParam<OutCase> {};

TEST_P(OutputFormats, PrintsKubectlText) {
  const OutCase& c = GetParam();
  Cluster cluster;
  cluster.settle();
  Shell shell(cluster);
  if (c.fileName) shell.files().write(c.fileName, c.fileText, 0);
  int64_t rv = cluster.store().resourceVersion();
  int code = -1;
  auto out = shell.run(c.line, &code);
  EXPECT_EQ(streamOf(out, false), c.stdoutText);
  EXPECT_EQ(streamOf(out, true), c.stderrText);
  EXPECT_EQ(code, c.exitCode);
  EXPECT_EQ(cluster.store().resourceVersion(), rv) << "a dry run changed the cluster";
}

INSTANTIATE_TEST_SUITE_P(
    DryRun, OutputFormats,
    ::testing::Values(
        OutCase{"CreateRefusesCustomColumns",
                "kubectl create deployment x --image=nginx --dry-run=client -o custom-columns=NAME:.metadata.name",
                "",
                "error: unable to match a printer suitable for the output format \"custom-columns=NAME:.metadata.name\""
                ", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name"
                ",template,templatefile,yaml\n",
                1},
        OutCase{"CreateJsonPathSpec",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.spec}'",
                "{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"x\"}},\"strategy\":{},\"template\":{\"metada"
                "ta\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":{\"containers\":[{\"image\":\"n"
                "ginx\",\"name\":\"nginx\",\"resources\":{}}]}}}",
                "",
                0},
        OutCase{"CreateJsonPathAsJson",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath-as-json='{.metadata.name}'",
                "[\n"
                "    \"x\"\n"
                "]\n",
                "",
                0},
        OutCase{"CreateJsonPathAsJsonSelector",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath-as-json='{.spec.selector}'",
                "[\n"
                "    {\n"
                "        \"matchLabels\": {\n"
                "            \"app\": \"x\"\n"
                "        }\n"
                "    }\n"
                "]\n",
                "",
                0},
        OutCase{"CreateJsonPathNames",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{.spec.template.spec.containers[*].name}'",
                "nginx busybox",
                "",
                0},
        OutCase{"CreateJsonPathSlices",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{.spec.template.spec.containers[-1:].name}|{.spec.template.spec.containers[0:1].image}|{.sp"
                "ec.template.spec.containers[-1].name}'",
                "busybox|nginx|busybox",
                "",
                0},
        OutCase{"CreateJsonPathRecursive",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{..image}'",
                "nginx busybox",
                "",
                0},
        OutCase{"CreateJsonPathRecursiveName",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{..name}'",
                "x nginx busybox",
                "",
                0},
        OutCase{"CreateJsonPathFilter",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{.spec.template.spec.containers[?(@.name==\"busybox\")].image}'",
                "busybox",
                "",
                0},
        OutCase{"CreateJsonPathFilterSingleQuotes",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "\"jsonpath={.spec.template.spec.containers[?(@.name=='nginx')].image}\"",
                "nginx",
                "",
                0},
        OutCase{"CreateJsonPathFilterNotEqualAndExists",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{.spec.template.spec.containers[?(@.name!=\"busybox\")].name} {.spec.template.spec.containe"
                "rs[?(@.ports)].name}'",
                "nginx nginx",
                "",
                0},
        OutCase{"CreateJsonPathFilterLess",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{.spec.template.spec.containers[?(@.name<\"c\")].name}'",
                "busybox",
                "",
                0},
        OutCase{"CreateJsonPathFilterFloatVsInt",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{.spec.template.spec.containers[?(@.ports[0].containerPort>=80)].name}'",
                "",
                "error: error executing jsonpath \"{.spec.template.spec.containers[?(@.ports[0].containerPort>=80)].na"
                "me}\": Error executing template: incompatible types for comparison. Printing more information for deb"
                "ugging the template:\n"
                "\ttemplate was:\n"
                "\t\t{.spec.template.spec.containers[?(@.ports[0].containerPort>=80)].name}\n"
                "\tobject given to jsonpath engine was:\n"
                "\t\tmap[string]interface {}{\"apiVersion\":\"apps/v1\", \"kind\":\"Deployment\", \"metadata\":map[str"
                "ing]interface {}{\"creationTimestamp\":interface {}(nil), \"labels\":map[string]interface {}{\"app\":"
                "\"x\"}, \"name\":\"x\"}, \"spec\":map[string]interface {}{\"replicas\":3, \"selector\":map[string]int"
                "erface {}{\"matchLabels\":map[string]interface {}{\"app\":\"x\"}}, \"strategy\":map[string]interface "
                "{}{}, \"template\":map[string]interface {}{\"metadata\":map[string]interface {}{\"creationTimestamp\""
                ":interface {}(nil), \"labels\":map[string]interface {}{\"app\":\"x\"}}, \"spec\":map[string]interface"
                " {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx\", \"name\":\"nginx\", \""
                "ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]inter"
                "face {}{}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"busybox\", \"resources\":map[st"
                "ring]interface {}{}}}}}}, \"status\":map[string]interface {}{}}\n"
                "\n"
                "\n",
                1},
        OutCase{"CreateJsonPathRange",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{range .spec.template.spec.containers[*]}{.name}{\"\\t\"}{.image}{\"\\n\"}{end}'",
                "nginx\tnginx\n"
                "busybox\tbusybox\n",
                "",
                0},
        OutCase{"CreateJsonPathNestedRange",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{range .spec.template.spec.containers[*]}[{.name}]{range .ports[*]}<{.containerPort}>{end}{"
                "end}'",
                "[nginx]<80>[busybox]",
                "",
                0},
        OutCase{"CreateJsonPathRangeWithoutStar",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{range .spec.template.spec.containers}{.name}{end}'",
                "",
                "",
                0},
        OutCase{"CreateJsonPathRangeNoResults",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{range .nope[*]}x{end}after'",
                "after",
                "",
                0},
        OutCase{"CreateJsonPathMissing",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.spec.nope}'",
                "",
                "",
                0},
        OutCase{"CreateJsonPathMissingStrict",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.spec.nope}' --allow-missing"
                "-template-keys=false",
                "",
                "error: error executing jsonpath \"{.spec.nope}\": Error executing template: nope is not found. Printi"
                "ng more information for debugging the template:\n"
                "\ttemplate was:\n"
                "\t\t{.spec.nope}\n"
                "\tobject given to jsonpath engine was:\n"
                "\t\tmap[string]interface {}{\"apiVersion\":\"apps/v1\", \"kind\":\"Deployment\", \"metadata\":map[str"
                "ing]interface {}{\"creationTimestamp\":interface {}(nil), \"labels\":map[string]interface {}{\"app\":"
                "\"x\"}, \"name\":\"x\"}, \"spec\":map[string]interface {}{\"replicas\":1, \"selector\":map[string]int"
                "erface {}{\"matchLabels\":map[string]interface {}{\"app\":\"x\"}}, \"strategy\":map[string]interface "
                "{}{}, \"template\":map[string]interface {}{\"metadata\":map[string]interface {}{\"creationTimestamp\""
                ":interface {}(nil), \"labels\":map[string]interface {}{\"app\":\"x\"}}, \"spec\":map[string]interface"
                " {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx\", \"name\":\"nginx\", \""
                "resources\":map[string]interface {}{}}}}}}, \"status\":map[string]interface {}{}}\n"
                "\n"
                "\n",
                1},
        OutCase{"CreateJsonPathUnclosed",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.spec.replicas'",
                "",
                "error: error parsing jsonpath {.spec.replicas, unclosed action\n",
                1},
        OutCase{"CreateJsonPathUnclosedFilter",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{.spec.template.spec.containers[?(@.name==\"busybox\")}'",
                "",
                "error: error parsing jsonpath {.spec.template.spec.containers[?(@.name==\"busybox\")}, unclosed array"
                " expect ]\n",
                1},
        OutCase{"CreateJsonPathIndexOutOfBounds",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{.spec.template.spec.containers[5].name}'",
                "",
                "error: error executing jsonpath \"{.spec.template.spec.containers[5].name}\": Error executing templat"
                "e: array index out of bounds: index 5, length 2. Printing more information for debugging the template"
                ":\n"
                "\ttemplate was:\n"
                "\t\t{.spec.template.spec.containers[5].name}\n"
                "\tobject given to jsonpath engine was:\n"
                "\t\tmap[string]interface {}{\"apiVersion\":\"apps/v1\", \"kind\":\"Deployment\", \"metadata\":map[str"
                "ing]interface {}{\"creationTimestamp\":interface {}(nil), \"labels\":map[string]interface {}{\"app\":"
                "\"x\"}, \"name\":\"x\"}, \"spec\":map[string]interface {}{\"replicas\":3, \"selector\":map[string]int"
                "erface {}{\"matchLabels\":map[string]interface {}{\"app\":\"x\"}}, \"strategy\":map[string]interface "
                "{}{}, \"template\":map[string]interface {}{\"metadata\":map[string]interface {}{\"creationTimestamp\""
                ":interface {}(nil), \"labels\":map[string]interface {}{\"app\":\"x\"}}, \"spec\":map[string]interface"
                " {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx\", \"name\":\"nginx\", \""
                "ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]inter"
                "face {}{}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"busybox\", \"resources\":map[st"
                "ring]interface {}{}}}}}}, \"status\":map[string]interface {}{}}\n"
                "\n"
                "\n",
                1},
        OutCase{"CreateJsonPathSliceOutOfBounds",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{.spec.template.spec.containers[3:5].name}'",
                "",
                "error: error executing jsonpath \"{.spec.template.spec.containers[3:5].name}\": Error executing templ"
                "ate: array index out of bounds: index 3, length 2. Printing more information for debugging the templa"
                "te:\n"
                "\ttemplate was:\n"
                "\t\t{.spec.template.spec.containers[3:5].name}\n"
                "\tobject given to jsonpath engine was:\n"
                "\t\tmap[string]interface {}{\"apiVersion\":\"apps/v1\", \"kind\":\"Deployment\", \"metadata\":map[str"
                "ing]interface {}{\"creationTimestamp\":interface {}(nil), \"labels\":map[string]interface {}{\"app\":"
                "\"x\"}, \"name\":\"x\"}, \"spec\":map[string]interface {}{\"replicas\":3, \"selector\":map[string]int"
                "erface {}{\"matchLabels\":map[string]interface {}{\"app\":\"x\"}}, \"strategy\":map[string]interface "
                "{}{}, \"template\":map[string]interface {}{\"metadata\":map[string]interface {}{\"creationTimestamp\""
                ":interface {}(nil), \"labels\":map[string]interface {}{\"app\":\"x\"}}, \"spec\":map[string]interface"
                " {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx\", \"name\":\"nginx\", \""
                "ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]inter"
                "face {}{}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"busybox\", \"resources\":map[st"
                "ring]interface {}{}}}}}}, \"status\":map[string]interface {}{}}\n"
                "\n"
                "\n",
                1},
        OutCase{"CreateJsonPathStepZero",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{.spec.template.spec.containers[::0].name}'",
                "",
                "error: error executing jsonpath \"{.spec.template.spec.containers[::0].name}\": Error executing templ"
                "ate: step must be > 0. Printing more information for debugging the template:\n"
                "\ttemplate was:\n"
                "\t\t{.spec.template.spec.containers[::0].name}\n"
                "\tobject given to jsonpath engine was:\n"
                "\t\tmap[string]interface {}{\"apiVersion\":\"apps/v1\", \"kind\":\"Deployment\", \"metadata\":map[str"
                "ing]interface {}{\"creationTimestamp\":interface {}(nil), \"labels\":map[string]interface {}{\"app\":"
                "\"x\"}, \"name\":\"x\"}, \"spec\":map[string]interface {}{\"replicas\":3, \"selector\":map[string]int"
                "erface {}{\"matchLabels\":map[string]interface {}{\"app\":\"x\"}}, \"strategy\":map[string]interface "
                "{}{}, \"template\":map[string]interface {}{\"metadata\":map[string]interface {}{\"creationTimestamp\""
                ":interface {}(nil), \"labels\":map[string]interface {}{\"app\":\"x\"}}, \"spec\":map[string]interface"
                " {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx\", \"name\":\"nginx\", \""
                "ports\":[]interface {}{map[string]interface {}{\"containerPort\":80}}, \"resources\":map[string]inter"
                "face {}{}}, map[string]interface {}{\"image\":\"busybox\", \"name\":\"busybox\", \"resources\":map[st"
                "ring]interface {}{}}}}}}, \"status\":map[string]interface {}{}}\n"
                "\n"
                "\n",
                1},
        OutCase{"CreateJsonPathNotArray",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.metadata[0]}'",
                "",
                "error: error executing jsonpath \"{.metadata[0]}\": Error executing template: map[string]interface {}"
                " is not array or slice. Printing more information for debugging the template:\n"
                "\ttemplate was:\n"
                "\t\t{.metadata[0]}\n"
                "\tobject given to jsonpath engine was:\n"
                "\t\tmap[string]interface {}{\"apiVersion\":\"apps/v1\", \"kind\":\"Deployment\", \"metadata\":map[str"
                "ing]interface {}{\"creationTimestamp\":interface {}(nil), \"labels\":map[string]interface {}{\"app\":"
                "\"x\"}, \"name\":\"x\"}, \"spec\":map[string]interface {}{\"replicas\":1, \"selector\":map[string]int"
                "erface {}{\"matchLabels\":map[string]interface {}{\"app\":\"x\"}}, \"strategy\":map[string]interface "
                "{}{}, \"template\":map[string]interface {}{\"metadata\":map[string]interface {}{\"creationTimestamp\""
                ":interface {}(nil), \"labels\":map[string]interface {}{\"app\":\"x\"}}, \"spec\":map[string]interface"
                " {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx\", \"name\":\"nginx\", \""
                "resources\":map[string]interface {}{}}}}}}, \"status\":map[string]interface {}{}}\n"
                "\n"
                "\n",
                1},
        OutCase{"CreateJsonPathNumberNotArray",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.spec.replicas.x}|{.spec.rep"
                "licas[0]}'",
                "",
                "error: error executing jsonpath \"{.spec.replicas.x}|{.spec.replicas[0]}\": Error executing template:"
                " float64 is not array or slice. Printing more information for debugging the template:\n"
                "\ttemplate was:\n"
                "\t\t{.spec.replicas.x}|{.spec.replicas[0]}\n"
                "\tobject given to jsonpath engine was:\n"
                "\t\tmap[string]interface {}{\"apiVersion\":\"apps/v1\", \"kind\":\"Deployment\", \"metadata\":map[str"
                "ing]interface {}{\"creationTimestamp\":interface {}(nil), \"labels\":map[string]interface {}{\"app\":"
                "\"x\"}, \"name\":\"x\"}, \"spec\":map[string]interface {}{\"replicas\":1, \"selector\":map[string]int"
                "erface {}{\"matchLabels\":map[string]interface {}{\"app\":\"x\"}}, \"strategy\":map[string]interface "
                "{}{}, \"template\":map[string]interface {}{\"metadata\":map[string]interface {}{\"creationTimestamp\""
                ":interface {}(nil), \"labels\":map[string]interface {}{\"app\":\"x\"}}, \"spec\":map[string]interface"
                " {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx\", \"name\":\"nginx\", \""
                "resources\":map[string]interface {}{}}}}}}, \"status\":map[string]interface {}{}}\n"
                "\n"
                "\n",
                1},
        OutCase{"CreateJsonPathBadIndex",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{.spec.template.spec.containers[x]}'",
                "",
                "error: error parsing jsonpath {.spec.template.spec.containers[x]}, invalid array index x\n",
                1},
        OutCase{"CreateJsonPathDoubleQuotedKey",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{.spec.template.spec.containers[0][\"name\"]}'",
                "",
                "error: error parsing jsonpath {.spec.template.spec.containers[0][\"name\"]}, invalid array index \"na"
                "me\"\n",
                1},
        OutCase{"CreateJsonPathUnion",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "jsonpath='{.spec.template.spec.containers[0,1].name}'",
                "nginx busybox",
                "",
                0},
        OutCase{"CreateJsonPathUnknownIdentifier",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.a b}'",
                "",
                "error: error executing jsonpath \"{.a b}\": Error executing template: unrecognized identifier b. Prin"
                "ting more information for debugging the template:\n"
                "\ttemplate was:\n"
                "\t\t{.a b}\n"
                "\tobject given to jsonpath engine was:\n"
                "\t\tmap[string]interface {}{\"apiVersion\":\"apps/v1\", \"kind\":\"Deployment\", \"metadata\":map[str"
                "ing]interface {}{\"creationTimestamp\":interface {}(nil), \"labels\":map[string]interface {}{\"app\":"
                "\"x\"}, \"name\":\"x\"}, \"spec\":map[string]interface {}{\"replicas\":1, \"selector\":map[string]int"
                "erface {}{\"matchLabels\":map[string]interface {}{\"app\":\"x\"}}, \"strategy\":map[string]interface "
                "{}{}, \"template\":map[string]interface {}{\"metadata\":map[string]interface {}{\"creationTimestamp\""
                ":interface {}(nil), \"labels\":map[string]interface {}{\"app\":\"x\"}}, \"spec\":map[string]interface"
                " {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx\", \"name\":\"nginx\", \""
                "resources\":map[string]interface {}{}}}}}}, \"status\":map[string]interface {}{}}\n"
                "\n"
                "\n",
                1},
        OutCase{"CreateJsonPathStrayEnd",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.kind}{end}'",
                "",
                "error: error executing jsonpath \"{.kind}{end}\": Error executing template: not in range, nothing to "
                "end. Printing more information for debugging the template:\n"
                "\ttemplate was:\n"
                "\t\t{.kind}{end}\n"
                "\tobject given to jsonpath engine was:\n"
                "\t\tmap[string]interface {}{\"apiVersion\":\"apps/v1\", \"kind\":\"Deployment\", \"metadata\":map[str"
                "ing]interface {}{\"creationTimestamp\":interface {}(nil), \"labels\":map[string]interface {}{\"app\":"
                "\"x\"}, \"name\":\"x\"}, \"spec\":map[string]interface {}{\"replicas\":1, \"selector\":map[string]int"
                "erface {}{\"matchLabels\":map[string]interface {}{\"app\":\"x\"}}, \"strategy\":map[string]interface "
                "{}{}, \"template\":map[string]interface {}{\"metadata\":map[string]interface {}{\"creationTimestamp\""
                ":interface {}(nil), \"labels\":map[string]interface {}{\"app\":\"x\"}}, \"spec\":map[string]interface"
                " {}{\"containers\":[]interface {}{map[string]interface {}{\"image\":\"nginx\", \"name\":\"nginx\", \""
                "resources\":map[string]interface {}{}}}}}}, \"status\":map[string]interface {}{}}\n"
                "\n"
                "\n",
                1},
        OutCase{"CreateJsonPathRootAndLiterals",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.kind} {.nope} text {\"lit\""
                "} {.spec.replicas} {true}{1.5}{3}'",
                "Deployment  text lit 1 true1.53",
                "",
                0},
        OutCase{"CreateJsonPathWholeObject",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{@}'",
                "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"creationTimestamp\":null,\"labels"
                "\":{\"app\":\"x\"},\"name\":\"x\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\""
                "x\"}},\"strategy\":{},\"template\":{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"x\""
                "}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"nginx\",\"resources\":{}}]}}},\"status\""
                ":{}}",
                "",
                0},
        OutCase{"CreateJsonPathDotAlone",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.}'",
                "",
                "",
                0},
        OutCase{"CreateJsonPathEscapedDot",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.metadata.labels.app\\.x}{.s"
                "pec.template.metadata.labels.app}'",
                "x",
                "",
                0},
        OutCase{"CreateJsonPathNullAndMap",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.metadata.labels}{.spec.repl"
                "icas}{.metadata.creationTimestamp}'",
                "{\"app\":\"x\"}1null",
                "",
                0},
        OutCase{"CreateJsonPathWildcard",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.spec.selector.*}'",
                "{\"app\":\"x\"}",
                "",
                0},
        OutCase{"CreateJsonPathFileMissing",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath-file=nofile",
                "",
                "error: error reading --template nofile, open nofile: no such file or directory\n",
                1},
        OutCase{"CreateJsonPathFile",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath-file=name.jsonpath",
                "x\n",
                "",
                0, "name.jsonpath", "{.metadata.name}\n"},
        OutCase{"CreateJsonPathNoTemplate",
                "kubectl create deployment x --image=nginx --dry-run=client -o jsonpath",
                "",
                "error: template format specified but no template given\n",
                1},
        OutCase{"CreateGoTemplate",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{.metadata.name}} {{.spec"
                ".foo}} {{index .metadata.labels \"app\"}}'",
                "x <no value> x",
                "",
                0},
        OutCase{"CreateGoTemplateNoTemplate",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template",
                "",
                "error: template format specified but no template given\n",
                1},
        OutCase{"CreateTemplateFlag",
                "kubectl create deployment x --image=nginx --dry-run=client -o template --template='{{.kind}}'",
                "Deployment",
                "",
                0},
        OutCase{"CreateTemplateFlagAlone",
                "kubectl create deployment x --image=nginx --dry-run=client --template='{{.kind}}'",
                "Deployment",
                "",
                0},
        OutCase{"CreateGoTemplateFileMissing",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template-file=nofile",
                "",
                "error: error reading --template nofile, open nofile: no such file or directory\n",
                1},
        OutCase{"CreateGoTemplateFile",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template-file=t.tmpl",
                "nginx=nginx\n",
                "",
                0, "t.tmpl", "{{range .spec.template.spec.containers}}{{.name}}={{.image}}\n"
                "{{end}}"},
        OutCase{"CreateTemplatefile",
                "kubectl create deployment x --image=nginx --dry-run=client -o templatefile=t.tmpl",
                "x\n",
                "",
                0, "t.tmpl", "{{.metadata.name}}\n"},
        OutCase{"GoTemplateParseUnclosed",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{.x'",
                "",
                "error: error parsing template {{.x, template: output:1: unclosed action\n",
                1},
        OutCase{"GoTemplateMissingChain",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{.metadata.nope.x}}'",
                "<no value>",
                "",
                0},
        OutCase{"GoTemplateMissingStrict",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{.spec.nope}}' --allow-mi"
                "ssing-template-keys=false",
                "Error executing template: template: output:1:7: executing \"output\" at <.spec.nope>: map has no entr"
                "y for key \"nope\". Printing more information for debugging the template:\n"
                "\ttemplate was:\n"
                "\t\t{{.spec.nope}}\n"
                "\traw data was:\n"
                "\t\t{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"x\",\"creationTimest"
                "amp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\""
                ":\"x\"}},\"template\":{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":"
                "{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\",\"resources\":{}}]}},\"strategy\":{}},\"stat"
                "us\":{}}\n"
                "\tobject given to template engine was:\n"
                "\t\tmap[apiVersion:apps/v1 kind:Deployment metadata:map[creationTimestamp:<nil> labels:map[app:x] nam"
                "e:x] spec:map[replicas:1 selector:map[matchLabels:map[app:x]] strategy:map[] template:map[metadata:ma"
                "p[creationTimestamp:<nil> labels:map[app:x]] spec:map[containers:[map[image:nginx name:nginx resource"
                "s:map[]]]]]] status:map[]]\n"
                "\n",
                "error: error executing template \"{{.spec.nope}}\": template: output:1:7: executing \"output\" at <.s"
                "pec.nope>: map has no entry for key \"nope\"\n",
                1},
        OutCase{"GoTemplateRangeIndex",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "go-template='{{range $i, $c := .spec.template.spec.containers}}{{$i}}:{{$c.name}} {{end}}'",
                "0:nginx 1:busybox ",
                "",
                0},
        OutCase{"GoTemplateIfElseIf",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "go-template='{{if eq .spec.replicas 1}}one{{else if gt .spec.replicas 2}}many{{else}}two{{end}}'",
                "many",
                "",
                0},
        OutCase{"GoTemplateEqFloatVsInt",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "go-template='{{if eq .spec.replicas 3.0}}three{{end}}'",
                "Error executing template: template: output:1:5: executing \"output\" at <eq .spec.replicas 3.0>: erro"
                "r calling eq: incompatible types for comparison. Printing more information for debugging the template"
                ":\n"
                "\ttemplate was:\n"
                "\t\t{{if eq .spec.replicas 3.0}}three{{end}}\n"
                "\traw data was:\n"
                "\t\t{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"x\",\"creationTimest"
                "amp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\""
                ":\"x\"}},\"template\":{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":"
                "{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\",\"ports\":[{\"containerPort\":80}],\"resourc"
                "es\":{}},{\"name\":\"busybox\",\"image\":\"busybox\",\"resources\":{}}]}},\"strategy\":{}},\"status\""
                ":{}}\n"
                "\tobject given to template engine was:\n"
                "\t\tmap[apiVersion:apps/v1 kind:Deployment metadata:map[creationTimestamp:<nil> labels:map[app:x] nam"
                "e:x] spec:map[replicas:3 selector:map[matchLabels:map[app:x]] strategy:map[] template:map[metadata:ma"
                "p[creationTimestamp:<nil> labels:map[app:x]] spec:map[containers:[map[image:nginx name:nginx ports:[m"
                "ap[containerPort:80]] resources:map[]] map[image:busybox name:busybox resources:map[]]]]]] status:map"
                "[]]\n"
                "\n",
                "error: error executing template \"{{if eq .spec.replicas 3.0}}three{{end}}\": template: output:1:5: e"
                "xecuting \"output\" at <eq .spec.replicas 3.0>: error calling eq: incompatible types for comparison\n",
                1},
        OutCase{"GoTemplatePrintf",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "go-template='{{printf \"%-10s|%5d|%v|%q|%05d|%x|%.2f\" .metadata.name .spec.replicas .spec.replicas ."
                "kind .spec.replicas .spec.replicas 1.5}}'",
                "x         |    3|3|\"Deployment\"|00003|3|1.50",
                "",
                0},
        OutCase{"GoTemplatePrintfBadVerb",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "go-template='{{printf \"%d %s %z\" .kind .spec.replicas}}|{{printf \"%s\"}}|{{printf \"x\" 1}}'",
                "%!d(string=Deployment) %!s(int64=3) %!z(MISSING)|%!s(MISSING)|x%!(EXTRA int=1)",
                "",
                0},
        OutCase{"GoTemplateValues",
                "kubectl create deployment x --image=nginx --image=busybox --dry-run=client --replicas=3 --port=80 -o "
                "go-template='{{.spec.replicas}} {{len .spec.template.spec.containers}} {{.metadata.labels}} {{.spec.t"
                "emplate.spec.containers}}'",
                "3 2 map[app:x] [map[image:nginx name:nginx ports:[map[containerPort:80]] resources:map[]] map[image:b"
                "usybox name:busybox resources:map[]]]",
                "",
                0},
        OutCase{"GoTemplateWithAndTrim",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{with .spec.template}}{{."
                "metadata.labels.app}}{{end}} {{- \" x \" -}} y'",
                "x x y",
                "",
                0},
        OutCase{"GoTemplateVariablesPipes",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{$x := .metadata.name}}{{"
                "$x | printf \"%s!\"}} {{\"aGVsbG8=\" | base64decode}} {{$x = \"y\"}}{{$x}}'",
                "x! hello y",
                "",
                0},
        OutCase{"GoTemplateFieldOfString",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{.metadata.name.foo}}'",
                "Error executing template: template: output:1:11: executing \"output\" at <.metadata.name.foo>: can't "
                "evaluate field foo in type interface {}. Printing more information for debugging the template:\n"
                "\ttemplate was:\n"
                "\t\t{{.metadata.name.foo}}\n"
                "\traw data was:\n"
                "\t\t{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"x\",\"creationTimest"
                "amp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\""
                ":\"x\"}},\"template\":{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":"
                "{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\",\"resources\":{}}]}},\"strategy\":{}},\"stat"
                "us\":{}}\n"
                "\tobject given to template engine was:\n"
                "\t\tmap[apiVersion:apps/v1 kind:Deployment metadata:map[creationTimestamp:<nil> labels:map[app:x] nam"
                "e:x] spec:map[replicas:1 selector:map[matchLabels:map[app:x]] strategy:map[] template:map[metadata:ma"
                "p[creationTimestamp:<nil> labels:map[app:x]] spec:map[containers:[map[image:nginx name:nginx resource"
                "s:map[]]]]]] status:map[]]\n"
                "\n",
                "error: error executing template \"{{.metadata.name.foo}}\": template: output:1:11: executing \"output"
                "\" at <.metadata.name.foo>: can't evaluate field foo in type interface {}\n",
                1},
        OutCase{"GoTemplateIndexOutOfRange",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{index .spec.template.spe"
                "c.containers 5}}'",
                "Error executing template: template: output:1:2: executing \"output\" at <index .spec.template.spec.co"
                "ntainers 5>: error calling index: index out of range: 5. Printing more information for debugging the "
                "template:\n"
                "\ttemplate was:\n"
                "\t\t{{index .spec.template.spec.containers 5}}\n"
                "\traw data was:\n"
                "\t\t{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"x\",\"creationTimest"
                "amp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\""
                ":\"x\"}},\"template\":{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":"
                "{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\",\"resources\":{}}]}},\"strategy\":{}},\"stat"
                "us\":{}}\n"
                "\tobject given to template engine was:\n"
                "\t\tmap[apiVersion:apps/v1 kind:Deployment metadata:map[creationTimestamp:<nil> labels:map[app:x] nam"
                "e:x] spec:map[replicas:1 selector:map[matchLabels:map[app:x]] strategy:map[] template:map[metadata:ma"
                "p[creationTimestamp:<nil> labels:map[app:x]] spec:map[containers:[map[image:nginx name:nginx resource"
                "s:map[]]]]]] status:map[]]\n"
                "\n",
                "error: error executing template \"{{index .spec.template.spec.containers 5}}\": template: output:1:2:"
                " executing \"output\" at <index .spec.template.spec.containers 5>: error calling index: index out of "
                "range: 5\n",
                1},
        OutCase{"GoTemplateUnknownFunction",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{nofunc .x}}'",
                "",
                "error: error parsing template {{nofunc .x}}, template: output:1: function \"nofunc\" not defined\n",
                1},
        OutCase{"GoTemplateLogic",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{and 1 0}} {{or 0 \"a\"}}"
                " {{not true}} {{print \"a\" 1 2 \"b\"}} {{println \"z\"}}'",
                "0 a false a1 2b z\n",
                "",
                0},
        OutCase{"GoTemplateRangeElse",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{range .items}}x{{else}}e"
                "mpty{{end}}'",
                "empty",
                "",
                0},
        OutCase{"GoTemplateBadCharacter",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{.spec.template.spec.cont"
                "ainers[0]}}'",
                "",
                "error: error parsing template {{.spec.template.spec.containers[0]}}, template: output:1: bad characte"
                "r U+005B '['\n",
                1},
        OutCase{"GoTemplateUnexpectedEnd",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{end}}'",
                "",
                "error: error parsing template {{end}}, template: output:1: unexpected {{end}}\n",
                1},
        OutCase{"GoTemplateMissingIfValue",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{if}}{{end}}'",
                "",
                "error: error parsing template {{if}}{{end}}, template: output:1: missing value for if\n",
                1},
        OutCase{"GoTemplateUnexpectedEOF",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{if .kind}}x'",
                "",
                "error: error parsing template {{if .kind}}x, template: output:1: unexpected EOF\n",
                1},
        OutCase{"GoTemplateUndefinedVariable",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{$nope}}'",
                "",
                "error: error parsing template {{$nope}}, template: output:1: undefined variable \"$nope\"\n",
                1},
        OutCase{"GoTemplateNullIsNoValue",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{.metadata.creationTimest"
                "amp}} {{.status}} {{.spec.strategy}}'",
                "<no value> map[] map[]",
                "",
                0},
        OutCase{"GoTemplateLtIncompatible",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{lt 1 2.5}}'",
                "Error executing template: template: output:1:2: executing \"output\" at <lt 1 2.5>: error calling lt:"
                " incompatible types for comparison. Printing more information for debugging the template:\n"
                "\ttemplate was:\n"
                "\t\t{{lt 1 2.5}}\n"
                "\traw data was:\n"
                "\t\t{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"x\",\"creationTimest"
                "amp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\""
                ":\"x\"}},\"template\":{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":"
                "{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\",\"resources\":{}}]}},\"strategy\":{}},\"stat"
                "us\":{}}\n"
                "\tobject given to template engine was:\n"
                "\t\tmap[apiVersion:apps/v1 kind:Deployment metadata:map[creationTimestamp:<nil> labels:map[app:x] nam"
                "e:x] spec:map[replicas:1 selector:map[matchLabels:map[app:x]] strategy:map[] template:map[metadata:ma"
                "p[creationTimestamp:<nil> labels:map[app:x]] spec:map[containers:[map[image:nginx name:nginx resource"
                "s:map[]]]]]] status:map[]]\n"
                "\n",
                "error: error executing template \"{{lt 1 2.5}}\": template: output:1:2: executing \"output\" at <lt 1"
                " 2.5>: error calling lt: incompatible types for comparison\n",
                1},
        OutCase{"GoTemplateEqSeveral",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{eq .kind \"Deployment\" "
                "\"x\"}} {{ne .kind \"x\"}} {{le 2 2}} {{ge \"a\" \"b\"}}'",
                "true true true false",
                "",
                0},
        OutCase{"GoTemplatePartialThenError",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{.metadata.name}} {{index"
                " .spec.template.spec.containers 5}}'",
                "x Error executing template: template: output:1:21: executing \"output\" at <index .spec.template.spec"
                ".containers 5>: error calling index: index out of range: 5. Printing more information for debugging t"
                "he template:\n"
                "\ttemplate was:\n"
                "\t\t{{.metadata.name}} {{index .spec.template.spec.containers 5}}\n"
                "\traw data was:\n"
                "\t\t{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"x\",\"creationTimest"
                "amp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\""
                ":\"x\"}},\"template\":{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":"
                "{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\",\"resources\":{}}]}},\"strategy\":{}},\"stat"
                "us\":{}}\n"
                "\tobject given to template engine was:\n"
                "\t\tmap[apiVersion:apps/v1 kind:Deployment metadata:map[creationTimestamp:<nil> labels:map[app:x] nam"
                "e:x] spec:map[replicas:1 selector:map[matchLabels:map[app:x]] strategy:map[] template:map[metadata:ma"
                "p[creationTimestamp:<nil> labels:map[app:x]] spec:map[containers:[map[image:nginx name:nginx resource"
                "s:map[]]]]]] status:map[]]\n"
                "\n",
                "error: error executing template \"{{.metadata.name}} {{index .spec.template.spec.containers 5}}\": te"
                "mplate: output:1:21: executing \"output\" at <index .spec.template.spec.containers 5>: error calling "
                "index: index out of range: 5\n",
                1},
        OutCase{"GoTemplateComment",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{/* a comment */}}{{.kind"
                "}}{{- /* trimmed */ -}} !'",
                "Deployment!",
                "",
                0},
        OutCase{"GoTemplateRawString",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{`raw\\n`}}{{printf \"%c%"
                "c\" 72 105}}'",
                "raw\\nHi",
                "",
                0},
        OutCase{"GoTemplateBase64Bad",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{base64decode \"%%%\"}}'",
                "Error executing template: template: output:1:2: executing \"output\" at <base64decode \"%%%\">: error"
                " calling base64decode: base64 decode failed: illegal base64 data at input byte 0. Printing more infor"
                "mation for debugging the template:\n"
                "\ttemplate was:\n"
                "\t\t{{base64decode \"%%%\"}}\n"
                "\traw data was:\n"
                "\t\t{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"x\",\"creationTimest"
                "amp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\""
                ":\"x\"}},\"template\":{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":"
                "{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\",\"resources\":{}}]}},\"strategy\":{}},\"stat"
                "us\":{}}\n"
                "\tobject given to template engine was:\n"
                "\t\tmap[apiVersion:apps/v1 kind:Deployment metadata:map[creationTimestamp:<nil> labels:map[app:x] nam"
                "e:x] spec:map[replicas:1 selector:map[matchLabels:map[app:x]] strategy:map[] template:map[metadata:ma"
                "p[creationTimestamp:<nil> labels:map[app:x]] spec:map[containers:[map[image:nginx name:nginx resource"
                "s:map[]]]]]] status:map[]]\n"
                "\n",
                "error: error executing template \"{{base64decode \\\"%%%\\\"}}\": template: output:1:2: executing \"o"
                "utput\" at <base64decode \"%%%\">: error calling base64decode: base64 decode failed: illegal base64 d"
                "ata at input byte 0\n",
                1},
        OutCase{"GoTemplateLenOfNumber",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{len .spec.replicas}}'",
                "Error executing template: template: output:1:2: executing \"output\" at <len .spec.replicas>: error c"
                "alling len: len of type int64. Printing more information for debugging the template:\n"
                "\ttemplate was:\n"
                "\t\t{{len .spec.replicas}}\n"
                "\traw data was:\n"
                "\t\t{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"x\",\"creationTimest"
                "amp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\""
                ":\"x\"}},\"template\":{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"x\"}},\"spec\":"
                "{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\",\"resources\":{}}]}},\"strategy\":{}},\"stat"
                "us\":{}}\n"
                "\tobject given to template engine was:\n"
                "\t\tmap[apiVersion:apps/v1 kind:Deployment metadata:map[creationTimestamp:<nil> labels:map[app:x] nam"
                "e:x] spec:map[replicas:1 selector:map[matchLabels:map[app:x]] strategy:map[] template:map[metadata:ma"
                "p[creationTimestamp:<nil> labels:map[app:x]] spec:map[containers:[map[image:nginx name:nginx resource"
                "s:map[]]]]]] status:map[]]\n"
                "\n",
                "error: error executing template \"{{len .spec.replicas}}\": template: output:1:2: executing \"output\""
                " at <len .spec.replicas>: error calling len: len of type int64\n",
                1},
        OutCase{"GoTemplateRangeMap",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{range $k, $v := .metadat"
                "a.labels}}{{$k}}={{$v}};{{end}}'",
                "app=x;",
                "",
                0},
        OutCase{"GoTemplateNestedParens",
                "kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{(index .spec.template.sp"
                "ec.containers 0).image}} {{len (index .spec.template.spec.containers 0).name}}'",
                "nginx 5",
                "",
                0},
        OutCase{"RunJsonPath",
                "kubectl run p --image=nginx --dry-run=client -o jsonpath='{.spec.containers[0].image} {.spec.restartP"
                "olicy}'",
                "nginx Always",
                "",
                0},
        OutCase{"RunGoTemplate",
                "kubectl run p --image=nginx --dry-run=client -o go-template='{{.kind}}/{{.metadata.name}} {{.metadata"
                ".labels.run}}'",
                "Pod/p p",
                "",
                0},
        OutCase{"RunBadFormat",
                "kubectl run p --image=nginx --dry-run=client -o wide",
                "",
                "error: unable to match a printer suitable for the output format \"wide\", allowed formats are: go-tem"
                "plate,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n",
                1},
        OutCase{"CreateNamespaceGoTemplate",
                "kubectl create namespace team-a --dry-run=client -o go-template='{{.kind}} {{.metadata.name}}'",
                "Namespace team-a",
                "",
                0}),
    [](const ::testing::TestParamInfo<OutCase>& info) { return std::string(info.param.name); });

// The configmaps the get rows read (the fake API server served the same objects, listed in
// name order as the API server lists them).
const char* kConfigMaps = R"(apiVersion: v1
kind: ConfigMap
metadata: {name: cm-a, labels: {app: api, set: t}}
data: {size: 1Gi}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm-b, labels: {app: web, set: t, tier: front}}
data: {size: 100Mi, ip: 10.244.1.5, note: hello}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm-c, labels: {set: t}}
data: {size: 512Mi, ip: 10.244.0.9}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm-d, labels: {set: t}}
data: {ip: 10.244.0.10}
)";

class OutputFormatsGet : public ::testing::TestWithParam<OutCase> {};

TEST_P(OutputFormatsGet, PrintsKubectlText) {
  const OutCase& c = GetParam();
  Cluster cluster;
  cluster.settle();
  Shell shell(cluster);
  shell.files().write("cms.yaml", kConfigMaps, 0);
  int code = -1;
  shell.runText("kubectl create -f cms.yaml", &code);
  ASSERT_EQ(code, 0);
  if (c.fileName) shell.files().write(c.fileName, c.fileText, 0);
  auto out = shell.run(c.line, &code);
  EXPECT_EQ(streamOf(out, false), c.stdoutText);
  EXPECT_EQ(streamOf(out, true), c.stderrText);
  EXPECT_EQ(code, c.exitCode);
}

INSTANTIATE_TEST_SUITE_P(
    ConfigMaps, OutputFormatsGet,
    ::testing::Values(
        OutCase{"GetCustomColumns",
                "kubectl get cm -l set=t -o custom-columns=NAME:.metadata.name,SIZE:.data.size,IP:.data.ip",
                "NAME   SIZE     IP\n"
                "cm-a   1Gi      <none>\n"
                "cm-b   100Mi    10.244.1.5\n"
                "cm-c   512Mi    10.244.0.9\n"
                "cm-d   <none>   10.244.0.10\n",
                "",
                0},
        OutCase{"GetCustomColumnsNoHeaders",
                "kubectl get cm -l set=t -o custom-columns=NAME:.metadata.name,SIZE:.data.size,IP:.data.ip --no-header"
                "s",
                "cm-a   1Gi      <none>\n"
                "cm-b   100Mi    10.244.1.5\n"
                "cm-c   512Mi    10.244.0.9\n"
                "cm-d   <none>   10.244.0.10\n",
                "",
                0},
        OutCase{"GetCustomColumnsLabelsMap",
                "kubectl get cm -l set=t -o custom-columns=NAME:.metadata.name,LABELS:.metadata.labels",
                "NAME   LABELS\n"
                "cm-a   map[app:api set:t]\n"
                "cm-b   map[app:web set:t tier:front]\n"
                "cm-c   map[set:t]\n"
                "cm-d   map[set:t]\n",
                "",
                0},
        OutCase{"GetCustomColumnsRelaxedPaths",
                "kubectl get cm -l set=t -o custom-columns=A:metadata.name,B:{.data.size},C:{data.ip}",
                "A      B        C\n"
                "cm-a   1Gi      <none>\n"
                "cm-b   100Mi    10.244.1.5\n"
                "cm-c   512Mi    10.244.0.9\n"
                "cm-d   <none>   10.244.0.10\n",
                "",
                0},
        OutCase{"GetCustomColumnsSeveralValues",
                "kubectl get cm -l set=t -o 'custom-columns=N:.metadata.name,V:.data[\"ip\",\"size\"]'",
                "",
                "error: unexpected custom-columns spec: \"size\"], expected <header>:<json-path-expr>\n",
                1},
        OutCase{"GetCustomColumnsFilter",
                "kubectl get cm -l set=t -o 'custom-columns=N:.metadata.name,T:.metadata.labels.tier'",
                "N      T\n"
                "cm-a   <none>\n"
                "cm-b   front\n"
                "cm-c   <none>\n"
                "cm-d   <none>\n",
                "",
                0},
        OutCase{"GetCustomColumnsOneObject",
                "kubectl get cm cm-a -o custom-columns=N:.metadata.name,S:.data.size",
                "N      S\n"
                "cm-a   1Gi\n",
                "",
                0},
        OutCase{"GetCustomColumnsBadSpec",
                "kubectl get cm -l set=t -o custom-columns=bad",
                "",
                "error: unexpected custom-columns spec: bad, expected <header>:<json-path-expr>\n",
                1},
        OutCase{"GetCustomColumnsEmpty",
                "kubectl get cm -l set=t -o custom-columns=",
                "",
                "error: custom-columns format specified but no custom columns given\n",
                1},
        OutCase{"GetCustomColumnsBare",
                "kubectl get cm -l set=t -o custom-columns",
                "",
                "error: custom-columns format specified but no custom columns given\n",
                1},
        OutCase{"GetCustomColumnsSecondBad",
                "kubectl get cm -l set=t -o custom-columns=A:.x,B",
                "",
                "error: unexpected custom-columns spec: B, expected <header>:<json-path-expr>\n",
                1},
        OutCase{"GetCustomColumnsBadPath",
                "kubectl get cm -l set=t -o custom-columns=A:{.x",
                "",
                "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.na"
                "me1.name2}'\n",
                1},
        OutCase{"GetCustomColumnsUnterminatedArray",
                "kubectl get cm -l set=t -o custom-columns=A:.x[",
                "A\n",
                "error: unterminated array\n",
                1},
        OutCase{"GetCustomColumnsFileMissing",
                "kubectl get cm -l set=t -o custom-columns-file=nofile",
                "",
                "error: error reading template nofile, open nofile: no such file or directory\n",
                1},
        OutCase{"GetCustomColumnsFile",
                "kubectl get cm -l set=t -o custom-columns-file=cols.txt",
                "NAME   SIZE\n"
                "cm-a   1Gi\n"
                "cm-b   100Mi\n"
                "cm-c   512Mi\n"
                "cm-d   <none>\n",
                "",
                0, "cols.txt", "NAME   SIZE\n"
                ".metadata.name  .data.size\n"},
        OutCase{"GetCustomColumnsFileIgnoresNoHeaders",
                "kubectl get cm -l set=t -o custom-columns-file=cols.txt --no-headers",
                "NAME   SIZE\n"
                "cm-a   1Gi\n"
                "cm-b   100Mi\n"
                "cm-c   512Mi\n"
                "cm-d   <none>\n",
                "",
                0, "cols.txt", "NAME SIZE\n"
                ".metadata.name .data.size\n"},
        OutCase{"GetCustomColumnsFileMismatch",
                "kubectl get cm -l set=t -o custom-columns-file=cols.txt",
                "",
                "error: number of headers (3) and field specifications (2) don't match\n",
                1, "cols.txt", "NAME SIZE X\n"
                ".metadata.name .data.size\n"},
        OutCase{"GetCustomColumnsFileNoSpecLine",
                "kubectl get cm -l set=t -o custom-columns-file=cols.txt",
                "",
                "error: invalid template, missing spec line. Expected format is one line of space separated headers, o"
                "ne line of space separated column specs.\n",
                1, "cols.txt", "NAME SIZE\n"},
        OutCase{"GetSortByQuantity",
                "kubectl get cm -l set=t --sort-by=.data.size -o custom-columns=NAME:.metadata.name,SIZE:.data.size",
                "NAME   SIZE\n"
                "cm-d   <none>\n"
                "cm-b   100Mi\n"
                "cm-c   512Mi\n"
                "cm-a   1Gi\n",
                "",
                0},
        OutCase{"GetSortByStringMissingFirst",
                "kubectl get cm -l set=t --sort-by=.data.ip -o custom-columns=NAME:.metadata.name,SIZE:.data.size,IP:."
                "data.ip",
                "NAME   SIZE     IP\n"
                "cm-a   1Gi      <none>\n"
                "cm-d   <none>   10.244.0.10\n"
                "cm-c   512Mi    10.244.0.9\n"
                "cm-b   100Mi    10.244.1.5\n",
                "",
                0},
        OutCase{"GetSortByMissingKeepReversed",
                "kubectl get cm -l set=t --sort-by=.metadata.labels.app -o custom-columns=NAME:.metadata.name,APP:.met"
                "adata.labels.app",
                "NAME   APP\n"
                "cm-d   <none>\n"
                "cm-c   <none>\n"
                "cm-a   api\n"
                "cm-b   web\n",
                "",
                0},
        OutCase{"GetSortByRelaxedName",
                "kubectl get cm -l set=t --sort-by=metadata.name -o name",
                "configmap/cm-a\n"
                "configmap/cm-b\n"
                "configmap/cm-c\n"
                "configmap/cm-d\n",
                "",
                0},
        OutCase{"GetSortByJsonPathRange",
                "kubectl get cm -l set=t -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}' --sort-by='{.da"
                "ta.size}'",
                "cm-d\n"
                "cm-b\n"
                "cm-c\n"
                "cm-a\n",
                "",
                0},
        OutCase{"GetSortByMissingField",
                "kubectl get cm -l set=t --sort-by=.data.nope -o name",
                "",
                "error: couldn't find any field with path \"{.data.nope}\" in the list of objects\n",
                1},
        OutCase{"GetSortByBadPath",
                "kubectl get cm -l set=t --sort-by='{.metadata.name' -o name",
                "",
                "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.na"
                "me1.name2}'\n",
                1},
        OutCase{"GetSortByOneObjectNotChecked",
                "kubectl get cm cm-a --sort-by=.data.nope -o name",
                "configmap/cm-a\n",
                "",
                0},
        OutCase{"GetGoTemplateList",
                "kubectl get cm -l set=t -o go-template='{{range .items}}{{.metadata.name}}={{.data.size}} {{end}}'",
                "cm-a=1Gi cm-b=100Mi cm-c=512Mi cm-d=<no value> ",
                "",
                0},
        OutCase{"GetGoTemplateOneObject",
                "kubectl get cm cm-b -o go-template='{{.data}} {{index .metadata.labels \"tier\"}} {{.kind}}'",
                "map[ip:10.244.1.5 note:hello size:100Mi] front ConfigMap",
                "",
                0},
        OutCase{"GetGoTemplateListKind",
                "kubectl get cm -l set=t -o go-template='{{.kind}} {{len .items}} {{.metadata}}'",
                "List 4 map[resourceVersion:]",
                "",
                0},
        OutCase{"GetTemplateFlagOnly",
                "kubectl get cm -l set=t --template='{{len .items}}'",
                "4",
                "",
                0},
        OutCase{"GetJsonPathFilter",
                "kubectl get cm -l set=t -o jsonpath='{.items[?(@.data.size==\"1Gi\")].metadata.name}'",
                "cm-a",
                "",
                0},
        OutCase{"GetJsonPathSlices",
                "kubectl get cm -l set=t -o jsonpath='{.items[-1:].metadata.name} {.items[0:2].metadata.name} {.items["
                "::2].metadata.name} {.items[1:].metadata.name}'",
                "cm-d cm-a cm-b cm-a cm-c cm-b cm-c cm-d",
                "",
                0},
        OutCase{"GetJsonPathAsJson",
                "kubectl get cm -l set=t -o jsonpath-as-json='{.items[*].data.ip}'",
                "[\n"
                "    \"10.244.1.5\",\n"
                "    \"10.244.0.9\",\n"
                "    \"10.244.0.10\"\n"
                "]\n",
                "",
                0},
        OutCase{"GetJsonPathAsJsonNothing",
                "kubectl get cm -l set=t -o jsonpath-as-json='{.items[*].metadata.nope}'",
                "[]\n",
                "",
                0},
        OutCase{"GetJsonPathNamedObject",
                "kubectl get cm cm-b -o jsonpath='{.data.size}{\"\\n\"}'",
                "100Mi\n",
                "",
                0},
        OutCase{"GetJsonPathExists",
                "kubectl get cm -l set=t -o jsonpath='{.items[?(@.metadata.labels.tier)].metadata.name}'",
                "cm-b",
                "",
                0}),
    [](const ::testing::TestParamInfo<OutCase>& info) { return std::string(info.param.name); });

// Every command that prints objects takes the same printers (kubectl's PrintFlags): the
// object each prints is the one its -o json prints (checked in their own suites).
class OutputFormatsCommands : public ConsoleFixture {
 protected:
  void SetUp() override { run("kubectl create deployment kubia --image=hyooo/kubia --port=8080"); }
};

TEST_F(OutputFormatsCommands, LabelAndAnnotatePrintTheChangedObject) {
  EXPECT_EQ(run("kubectl label deploy kubia tier=web -o jsonpath='{.metadata.labels.tier} {.spec.replicas}'"), "web 1");
  EXPECT_EQ(run("kubectl annotate deploy kubia note=hi -o go-template='{{.metadata.annotations.note}}'"), "hi");
  EXPECT_EQ(run("kubectl label deploy kubia x=y -o jsonpath='{.metadata.labels.x'", 1),
            "error: error parsing jsonpath {.metadata.labels.x, unclosed action\n");
  EXPECT_EQ(run("kubectl get deploy kubia -o jsonpath='{.metadata.labels.x}'"), "")
      << "a printer error is found before anything changes";
}

TEST_F(OutputFormatsCommands, ScaleSetImageExposeAndApply) {
  EXPECT_EQ(run("kubectl scale deploy kubia --replicas=2 -o name"), "deployment.apps/kubia\n");
  EXPECT_EQ(run("kubectl set image deploy/kubia kubia=hyooo/kubia:v2 -o jsonpath='{.spec.template.spec.containers[0].image}'"),
            "hyooo/kubia:v2");
  EXPECT_EQ(run("kubectl expose deploy kubia --port=80 --target-port=8080 --dry-run=client -o "
                "jsonpath='{.kind} {.spec.ports[0].port} {.spec.selector.app}'"),
            "Service 80 kubia");
  EXPECT_EQ(run("kubectl expose deploy kubia --port=80 -o go-template='{{.metadata.name}} {{.spec.type}}'"), "kubia ClusterIP");
  shell.files().write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\ndata:\n  k: v\n", 0);
  EXPECT_EQ(run("kubectl apply -f cm.yaml -o jsonpath='{.kind}/{.metadata.name}={.data.k}'"), "ConfigMap/c1=v");
  EXPECT_EQ(run("kubectl create -f cm.yaml --dry-run=client -o go-template='{{.data.k}}'"), "v");
  EXPECT_EQ(run("kubectl rollout restart deploy kubia -o jsonpath='{.kind}'"), "Deployment");
}

TEST_F(OutputFormatsCommands, CommandsTakeTheGenericFormatsOnly) {
  EXPECT_EQ(run("kubectl scale deploy kubia --replicas=2 -o custom-columns=N:.metadata.name", 1),
            "error: unable to match a printer suitable for the output format \"custom-columns=N:.metadata.name\", "
            "allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,"
            "template,templatefile,yaml\n");
  EXPECT_EQ(run("kubectl get deploy kubia -o jsonpath='{.spec.replicas}'"), "1") << "the failed scale changed nothing";
}

TEST_F(OutputFormatsCommands, TablesSortByTheObjectsField) {
  shell.files().write("cms.yaml", kConfigMaps, 0);
  run("kubectl create -f cms.yaml");
  // the Table's rows, ordered by a field that is not one of its columns
  auto rows = lines(run("kubectl get cm -l set=t --sort-by=.data.size"));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].substr(0, 12), "NAME   DATA ");
  EXPECT_EQ(rows[1].substr(0, 10), "cm-d   1  ");
  EXPECT_EQ(rows[2].substr(0, 10), "cm-b   3  ");
  EXPECT_EQ(rows[3].substr(0, 10), "cm-c   2  ");
  EXPECT_EQ(rows[4].substr(0, 10), "cm-a   1  ");
  EXPECT_EQ(run("kubectl get cm -l set=t --sort-by=.data.nope", 1),
            "error: couldn't find any field with path \"{.data.nope}\" in the list of objects\n");
  EXPECT_EQ(run("kubectl get nodes --sort-by=.metadata.name --no-headers -o custom-columns=N:.metadata.name"),
            "minikube\nminikube-m02\nminikube-m03\nminikube-m04\n");
}

}  // namespace
}  // namespace kp
