// The chapter-2 walkthrough through the console shell, as the REPL and the browser run it:
// what a learner sees at each step, that a deleted pod is replaced, and that the same script
// and seed give the same bytes.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/api/podutil.h"
#include "core/shell/shell.h"

namespace kp {
namespace {

std::vector<std::string> scriptLines() {
  std::ifstream in(std::string(KP_SOURCE_DIR) + "/tests/repl/walkthrough.txt");
  std::vector<std::string> lines;
  std::string l;
  while (std::getline(in, l))
    if (!l.empty() && l[0] != '#') lines.push_back(l);
  return lines;
}

struct Step {
  std::string line, out;
  int exit = 0;
};

std::vector<Step> runScript(uint64_t seed) {
  ClusterOptions o;
  o.seed = seed;
  Cluster c(o);
  Shell sh(c);
  std::vector<Step> steps;
  for (const auto& line : scriptLines()) {
    Step s{line, "", 0};
    s.out = sh.runText(line, &s.exit);
    steps.push_back(s);
  }
  return steps;
}

const Step& stepOf(const std::vector<Step>& steps, const std::string& prefix, int nth = 0) {
  for (const auto& s : steps)
    if (s.line.rfind(prefix, 0) == 0 && nth-- == 0) return s;
  static Step none;
  ADD_FAILURE() << "no step " << prefix;
  return none;
}

TEST(ChapterTwo, EveryStepShowsWhatARealClusterShows) {
  auto steps = runScript(1);
  // kubectl 1.32 no longer knows --generator.
  const Step& run = stepOf(steps, "kubectl run");
  EXPECT_EQ(run.exit, 1);
  EXPECT_EQ(run.out, "error: unknown flag: --generator\nSee 'kubectl run --help' for usage.\n");
  EXPECT_EQ(stepOf(steps, "kubectl create deployment").out, "deployment.apps/kubia created\n");
  // Right after creation the pod is being created; ten seconds later it runs.
  std::regex creating("NAME +READY +STATUS +RESTARTS +AGE\nkubia-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5} +0/1 +ContainerCreating +0 +0s\n");
  EXPECT_TRUE(std::regex_match(stepOf(steps, "kubectl get pods", 0).out, creating)) << stepOf(steps, "kubectl get pods", 0).out;
  EXPECT_NE(stepOf(steps, "kubectl get pods", 1).out.find("1/1     Running   0          10s"), std::string::npos)
      << stepOf(steps, "kubectl get pods", 1).out;
  EXPECT_EQ(stepOf(steps, "kubectl expose").out, "service/kubia-http exposed\n");
  // The load balancer's address is pending at first, then assigned.
  EXPECT_NE(stepOf(steps, "kubectl get services").out.find("<pending>"), std::string::npos);
  const std::string svc = stepOf(steps, "kubectl get svc").out;
  EXPECT_NE(svc.find("192.168.49.100   8080:"), std::string::npos) << svc;
  EXPECT_NE(stepOf(steps, "kubectl get deployments").out.find("kubia   1/1     1            1           15s"), std::string::npos)
      << stepOf(steps, "kubectl get deployments").out;
  // `get deploy` (the short name; the second line starting so) prints the same table.
  EXPECT_EQ(stepOf(steps, "kubectl get deploy", 1).line, "kubectl get deploy");
  EXPECT_EQ(stepOf(steps, "kubectl get deploy", 1).out, stepOf(steps, "kubectl get deployments").out);
  EXPECT_EQ(stepOf(steps, "kubectl scale").out, "deployment.apps/kubia scaled\n");
  const Step& wait = stepOf(steps, "kubectl wait");
  EXPECT_EQ(wait.exit, 0) << wait.out;
  EXPECT_EQ(std::count(wait.out.begin(), wait.out.end(), '\n'), 3) << wait.out;
  // Three pods, each on its own worker.
  std::string wide = stepOf(steps, "kubectl get pods -o wide").out;
  std::set<std::string> nodes;
  for (const char* n : {"minikube-m02", "minikube-m03", "minikube-m04"})
    if (wide.find(n) != std::string::npos) nodes.insert(n);
  EXPECT_EQ(nodes.size(), 3u) << wide;
  EXPECT_EQ(wide.find(" minikube "), std::string::npos) << "nothing runs on the tainted control plane";
  // Requests through the load balancer reach different pods.
  std::set<std::string> hits;
  for (const auto& s : steps)
    if (s.line.rfind("curl", 0) == 0) {
      EXPECT_EQ(s.out.rfind("You've hit kubia-", 0), 0u) << s.out;
      hits.insert(s.out);
    }
  EXPECT_GE(hits.size(), 2u);
  // minikube's cluster-info lists no dashboard: grep finds nothing and fails, as on minikube.
  EXPECT_EQ(stepOf(steps, "kubectl cluster-info | grep").out, "");
  EXPECT_EQ(stepOf(steps, "kubectl cluster-info | grep").exit, 1);
  EXPECT_EQ(stepOf(steps, "kubectl cluster-info", 1).out.rfind("Kubernetes control plane is running at https://192.168.49.2:8443", 0), 0u);
}

TEST(ChapterTwo, DeletedPodIsReplacedAndDescribeShowsIt) {
  Cluster c;
  Shell sh(c);
  sh.runText("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  sh.runText("kubectl scale deploy kubia --replicas=3");
  sh.runText("sleep 10");
  auto pods = c.store().list<Pod>("default");
  ASSERT_EQ(pods.size(), 3u);
  std::string victim = pods[0]->metadata.name, oldIp = pods[0]->status.podIP;
  int code = -1;
  std::string del = sh.runText("kubectl delete pod " + victim, &code);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(del, "pod \"" + victim + "\" deleted\n");
  // kubectl waited for the pod to go: kubia ignores SIGTERM, so the whole grace period.
  EXPECT_EQ(c.store().get<Pod>("default", victim), nullptr);
  sh.runText("sleep 5");
  pods = c.store().list<Pod>("default");
  ASSERT_EQ(pods.size(), 3u);
  for (const auto& p : pods) {
    EXPECT_NE(p->metadata.name, victim);
    EXPECT_EQ(p->status.phase, "Running");
  }
  std::string describe = sh.runText("kubectl describe pod " + pods[0]->metadata.name);
  EXPECT_NE(describe.find("Status:           Running"), std::string::npos) << describe;
  EXPECT_NE(describe.find("Controlled By:  ReplicaSet/kubia-"), std::string::npos) << describe;
  EXPECT_NE(describe.find("Successfully assigned default/" + pods[0]->metadata.name), std::string::npos) << describe;
  EXPECT_NE(describe.find("Pulling image \"hyooo/kubia\""), std::string::npos) << describe;
  EXPECT_NE(describe.find("Started container kubia"), std::string::npos) << describe;
  // kubecolor prints the same text in colour.
  ShellOptions colored;
  colored.color = true;
  Shell csh(c, colored);
  std::string kc = csh.runText("kubecolor describe pod " + pods[0]->metadata.name);
  EXPECT_NE(kc.find("\x1b["), std::string::npos);
  std::string plain = std::regex_replace(kc, std::regex("\x1b\\[[0-9;]*m"), "");
  EXPECT_EQ(plain, describe);
}

TEST(ChapterTwo, SameScriptAndSeedPrintTheSameBytes) {
  auto a = runScript(42), b = runScript(42), c = runScript(43);
  ASSERT_EQ(a.size(), b.size());
  std::string sa, sb, sc;
  for (size_t i = 0; i < a.size(); i++) {
    sa += a[i].out;
    sb += b[i].out;
    sc += c[i].out;
  }
  EXPECT_EQ(sa, sb);
  EXPECT_NE(sa, sc);  // another seed: other names, addresses and choices
}

}  // namespace
}  // namespace kp
