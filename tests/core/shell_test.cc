// The console shell: word splitting, pipes into text tools, built-ins, simulated time, and a
// fuzz pass that feeds it hostile lines (nothing may throw, abort or hang).
#include <gtest/gtest.h>

#include <random>

#include "core/shell/shell.h"

namespace kp {
namespace {

struct LineCase {
  const char* name;
  std::string line;
  std::string out;  // stdout + stderr
  int exitCode;
};

class ShellLines : public ::testing::TestWithParam<LineCase> {};

TEST_P(ShellLines, Output) {
  Cluster cluster;
  cluster.settle();
  Shell shell(cluster);
  int code = -1;
  EXPECT_EQ(shell.runText(GetParam().line, &code), GetParam().out);
  EXPECT_EQ(code, GetParam().exitCode);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ShellLines,
    ::testing::Values(
        LineCase{"Empty", "", "", 0}, LineCase{"Blank", "   \t ", "", 0},
        LineCase{"EchoQuotes", "echo 'a  b' \"c\\\"d\" e\\ f", "a  b c\"d e f\n", 0},
        LineCase{"EchoNoNewline", "echo -n hi", "hi", 0},
        LineCase{"Comment", "echo hi # a comment", "hi\n", 0},
        LineCase{"HashInsideWord", "echo a#b", "a#b\n", 0},
        LineCase{"UnbalancedSingle", "echo 'oops", "bash: unexpected EOF while looking for matching `''\n", 2},
        LineCase{"UnbalancedDouble", "kubectl get \"pods", "bash: unexpected EOF while looking for matching `\"'\n", 2},
        LineCase{"PipeAtStart", "| grep x", "bash: syntax error near unexpected token `|'\n", 2},
        LineCase{"UnknownCommand", "foo bar", "bash: foo: command not found\n", 127},
        LineCase{"UnknownAfterPipe", "echo hi | xargs echo", "bash: xargs: command not found\n", 127},
        LineCase{"GrepMatch", "echo -n 'a\nb' | grep b", "b\n", 0},
        LineCase{"GrepNoMatch", "echo hello | grep dashboard", "", 1},
        LineCase{"GrepIgnoreCase", "echo Hello | grep -i hello", "Hello\n", 0},
        LineCase{"GrepInvert", "echo hello | grep -v hello", "", 1},
        LineCase{"GrepCount", "echo hello | grep -c l", "1\n", 0},
        LineCase{"GrepCountNone", "echo hello | grep -c z", "0\n", 1},
        LineCase{"GrepExtended", "echo kubia-abc | grep -E 'kubia-(abc|def)'", "kubia-abc\n", 0},
        LineCase{"GrepBasicParensLiteral", "echo 'a(b' | grep 'a(b'", "a(b\n", 0},
        LineCase{"GrepBadRegex", "echo x | grep -E '('", "grep: Unmatched ( or \\(\n", 2},
        LineCase{"WcLines", "kubectl version --client | wc -l", "2\n", 0},
        LineCase{"Head", "kubectl version | head -n 1", "Client Version: v1.32.4\n", 0},
        LineCase{"HeadShort", "kubectl version | head -2", "Client Version: v1.32.4\nKustomize Version: v5.5.0\n", 0},
        LineCase{"Tail", "kubectl version | tail -1", "Server Version: v1.32.4\n", 0},
        LineCase{"HeadBadCount", "echo x | head -n abc", "head: invalid number of lines: \xE2\x80\x98" "abc\xE2\x80\x99\n", 1},
        LineCase{"StderrIsNotPiped", "kubectl get foo | grep x", "error: the server doesn't have a resource type \"foo\"\n", 1},
        LineCase{"StderrMerged", "kubectl get foo 2>&1 | grep -c server", "1\n", 0},
        LineCase{"StderrDropped", "kubectl get foo 2>/dev/null", "", 1},
        LineCase{"AliasK", "k version --client", "Client Version: v1.32.4\nKustomize Version: v5.5.0\n", 0},
        LineCase{"KubecolorPlainWithoutColor", "kubecolor version --client", "Client Version: v1.32.4\nKustomize Version: v5.5.0\n", 0},
        LineCase{"SleepMissing", "sleep", "sleep: missing operand\nTry 'sleep --help' for more information.\n", 1},
        LineCase{"SleepInvalid", "sleep abc", "sleep: invalid time interval \xE2\x80\x98" "abc\xE2\x80\x99\nTry 'sleep --help' for more information.\n", 1},
        LineCase{"CurlNoUrl", "curl", "curl: try 'curl --help' or 'curl --manual' for more information\n", 2},
        LineCase{"MinikubeIp", "minikube ip", "192.168.49.2\n", 0},
        LineCase{"ClusterInfoGrepDashboard", "kubectl cluster-info | grep dashboard", "", 1},
        LineCase{"SedInAPipe", "kubectl version --client | sed -n 's/Client Version: v\\(.*\\)/\\1/p'", "1.32.4\n", 0},
        LineCase{"SedBadExpressionInAPipe", "echo a | sed 's/a/b/x'", "sed: -e expression #1, char 7: unknown option to `s'\n", 1},
        LineCase{"SedOnAHereDocument", "sed 's/a/b/g' <<EOF\naaa\nEOF", "bbb\n", 0},
        LineCase{"AssignmentIsNotAnArgument", "echo A=1", "A=1\n", 0},
        LineCase{"QuotedNameIsNotAnAssignment", "\"KUBE_EDITOR=true\" kubectl edit deploy x",
                 "bash: KUBE_EDITOR=true: command not found\n", 127},
        LineCase{"ExportInvalidName", "export 1A=x B=2", "bash: export: `1A=x': not a valid identifier\n", 1},
        LineCase{"ExportBadOption", "export -x",
                 "bash: export: -x: invalid option\nexport: usage: export [-fn] [name[=value] ...] or export -p\n", 2}),
    [](const ::testing::TestParamInfo<LineCase>& i) { return std::string(i.param.name); });

// Shell variables over several lines: NAME=VALUE before a command is that command's
// environment only, export keeps a variable for the later commands, as bash does. kubectl
// edit's editor shows which environment kubectl got.
struct VariableStep {
  std::string line;
  std::string out;  // stdout + stderr
  int exitCode;
};
struct VariablesCase {
  const char* name;
  std::vector<VariableStep> steps;  // after `kubectl create deployment kubia --image=luksa/kubia:v1`
};

class ShellVariables : public ::testing::TestWithParam<VariablesCase> {};

TEST_P(ShellVariables, ReachKubectl) {
  Cluster cluster;
  cluster.settle();
  Shell shell(cluster);
  shell.run("kubectl create deployment kubia --image=luksa/kubia:v1");
  for (const auto& step : GetParam().steps) {
    int code = -1;
    EXPECT_EQ(shell.runText(step.line, &code), step.out) << step.line;
    EXPECT_EQ(code, step.exitCode) << step.line;
  }
}

const char* kNoVi = "error: unable to launch the editor \"vi\"\n";
const char* kNoChanges = "Edit cancelled, no changes made.\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, ShellVariables,
    ::testing::Values(
        VariablesCase{"AssignmentIsForOneCommand",
                      {{"KUBE_EDITOR=true kubectl edit deploy kubia", kNoChanges, 0}, {"kubectl edit deploy kubia", kNoVi, 1}}},
        VariablesCase{"ExportKeepsIt",
                      {{"export KUBE_EDITOR=\"sed -i 's/replicas: 1/replicas: 2/'\"", "", 0},
                       {"kubectl edit deploy kubia", "deployment.apps/kubia edited\n", 0},
                       {"kubectl edit deploy kubia", kNoChanges, 0}}},
        VariablesCase{"AssignmentAloneIsNotExported",
                      {{"KUBE_EDITOR=true", "", 0}, {"kubectl edit deploy kubia", kNoVi, 1},
                       {"export KUBE_EDITOR", "", 0}, {"kubectl edit deploy kubia", kNoChanges, 0}}},
        VariablesCase{"AssignmentBeforeExported",
                      {{"export EDITOR=false", "", 0},
                       {"EDITOR=true kubectl edit deploy kubia", kNoChanges, 0},
                       {"kubectl edit deploy kubia", "error: there was a problem with the editor \"false\"\n", 1}}},
        VariablesCase{"AssignmentInAPipeline",
                      {{"KUBE_EDITOR=true kubectl edit deploy kubia 2>&1 | grep -c cancelled", "1\n", 0},
                       {"kubectl edit deploy kubia", kNoVi, 1}}},
        VariablesCase{"Unset",
                      {{"export KUBE_EDITOR=true", "", 0}, {"unset KUBE_EDITOR", "", 0}, {"kubectl edit deploy kubia", kNoVi, 1}}},
        VariablesCase{"ExportMinusNUnexports",
                      {{"export KUBE_EDITOR=true", "", 0}, {"export -n KUBE_EDITOR", "", 0},
                       {"kubectl edit deploy kubia", kNoVi, 1}}},
        VariablesCase{"ExportLists",
                      {{"export B=2 A='x \"y\" $z'", "", 0}, {"export C", "", 0},
                       {"export", "declare -x A=\"x \\\"y\\\" \\$z\"\ndeclare -x B=\"2\"\ndeclare -x C\n", 0},
                       {"export -p", "declare -x A=\"x \\\"y\\\" \\$z\"\ndeclare -x B=\"2\"\ndeclare -x C\n", 0}}}),
    [](const ::testing::TestParamInfo<VariablesCase>& i) { return std::string(i.param.name); });

TEST(Shell, HistoryIsNumberedLikeBash) {
  Cluster cluster;
  Shell shell(cluster);
  shell.run("echo one");
  shell.run("");
  shell.run("kubectl version --client");
  EXPECT_EQ(shell.runText("history"), "    1  echo one\n    2  kubectl version --client\n    3  history\n");
}

TEST(Shell, SleepMovesSimulatedTime) {
  Cluster cluster;
  cluster.settle();
  Shell shell(cluster);
  Time before = cluster.now();
  int code = -1;
  shell.run("sleep 5s", &code);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(cluster.now() - before, 5000);
  shell.run("sleep 1.5");
  EXPECT_EQ(cluster.now() - before, 6500);
}

TEST(Shell, SleepWaitsUntilPolledAfterDeadline) {
  Cluster cluster;
  Shell shell(cluster);
  auto ex = shell.start("sleep 2");
  EXPECT_FALSE(ex->finished());
  EXPECT_EQ(ex->wakeAt(), cluster.now() + 2000);
  ex->poll();
  EXPECT_FALSE(ex->finished());
  cluster.advance(2000);
  EXPECT_TRUE(ex->poll());
  EXPECT_EQ(ex->exitCode(), 0);
}

TEST(Shell, InterruptStopsAWaitingCommand) {
  Cluster cluster;
  Shell shell(cluster);
  auto ex = shell.start("sleep 100");
  ex->interrupt();
  EXPECT_TRUE(ex->finished());
  EXPECT_EQ(ex->exitCode(), 130);
}

TEST(Shell, ClearRequestsClearing) {
  Cluster cluster;
  Shell shell(cluster);
  auto ex = shell.start("clear");
  EXPECT_TRUE(ex->clearsScreen());
  EXPECT_TRUE(ex->finished());
}

TEST(Shell, DashboardUsesTheFrontEnd) {
  Cluster cluster;
  ShellOptions o;
  o.dashboard = [] { return std::string("Opening the cluster view"); };
  Shell shell(cluster, o);
  EXPECT_EQ(shell.runText("minikube dashboard"), "Opening the cluster view\n");
}

TEST(Shell, KubecolorColoursOnlyWhenAsked) {
  Cluster cluster;
  ShellOptions o;
  o.color = true;
  Shell shell(cluster, o);
  std::string coloured = shell.runText("kubecolor version --client");
  EXPECT_NE(coloured.find("\x1b["), std::string::npos);
  EXPECT_EQ(shell.runText("kubecolor version --client | grep Client"), "Client Version: v1.32.4\n");
  EXPECT_EQ(shell.runText("kubectl version --client"), "Client Version: v1.32.4\nKustomize Version: v5.5.0\n");
}

// Hostile input: nothing may throw, abort or hang, and the cluster stays as it was.
TEST(ShellFuzz, SurvivesHostileLines) {
  Cluster cluster;
  cluster.settle();
  Shell shell(cluster);
  int64_t rv = cluster.store().resourceVersion();
  std::vector<std::string> lines = {
      std::string(1 << 20, 'a'),
      "kubectl get " + std::string(1 << 20, 'x'),
      "echo " + std::string(1 << 20, '"'),
      "echo x | grep -E '" + std::string(5000, '(') + "'",
      "echo " + std::string(100000, 'a') + " | grep -E 'a.*b'",
      "kubectl scale deploy kubia --replicas=99999999999999",
      "kubectl create deployment x --image=a --replicas=-99999999999999999999999",
      "kubectl wait --for=jsonpath='{.a[?(@.b==\"' pod/x",
      "kubectl get pods -o jsonpath='{range .items[*]}{.x}'",
      "kubectl get pods -o jsonpath='{{{{'",
      "kubectl logs -f",
      "kubectl delete pod x --timeout=-5s",
      "curl http://" + std::string(100000, '9') + ":8080",
      "curl 999.999.999.999:99999999",
      "kubectl -n",
      "kubectl --",
      "kubectl -- get pods",
      "kubectl get pods --",
      "k get ''",
      "kubectl get ,,,",
      "kubectl get pods//x",
      "kubectl describe pod/",
      "|||",
      "\\",
      "'",
      "\"\\",
      "kubectl \x01\x02\xff",
      "head -n 99999999999999999999999",
      "echo | tail -n +0",
      "kubectl expose deploy x --port=99999999999999999999",
      "kubectl run x --image=a --port=-1 --dry-run=client",
      "kubectl get pods -L " + std::string(10000, ','),
  };
  std::mt19937 rng(7);
  const std::string alphabet = "kubectl get pods -o=|'\"\\ #-n 0123456789/,.{}[]$()*";
  for (int i = 0; i < 300; i++) {
    std::string l;
    int n = static_cast<int>(rng() % 60);
    for (int k = 0; k < n; k++) l += alphabet[rng() % alphabet.size()];
    lines.push_back(l);
  }
  for (const auto& l : lines) {
    int code = -1;
    EXPECT_NO_THROW(shell.run(l, &code)) << l.substr(0, 80);
    EXPECT_GE(code, 0);
  }
  EXPECT_EQ(cluster.store().resourceVersion(), rv);
  // Absurd sleeps are bounded (a day of simulated time) and never hang.
  for (const char* l : {"sleep 99999999999999999999", "sleep 1e9", "sleep 0.0000001", "sleep 9999999d"}) {
    int code = -1;
    EXPECT_NO_THROW(shell.run(l, &code)) << l;
  }
}

}  // namespace
}  // namespace kp
