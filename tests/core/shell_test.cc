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
        LineCase{"ClusterInfoGrepDashboard", "kubectl cluster-info | grep dashboard", "", 1}),
    [](const ::testing::TestParamInfo<LineCase>& i) { return std::string(i.param.name); });

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
