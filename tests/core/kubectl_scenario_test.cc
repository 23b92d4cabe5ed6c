// The walkthrough of "Kubernetes in Action" chapter 2 against a real simulated Cluster, through
// the console: create deployment, get pods, scale, delete a pod and see its replacement, expose
// as a LoadBalancer, curl it, pipes, and the waiting commands on simulated time.
#include <gtest/gtest.h>

#include <regex>

#include "core/shell/shell.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

// Pod names of `kubectl get pods -o name` without the "pod/" prefix.
std::vector<std::string> podNames(Shell& shell, const std::string& selector = "app=kubia") {
  std::vector<std::string> out;
  for (const auto& l : lines(shell.runText("kubectl get pods -l " + selector + " -o name")))
    if (l.rfind("pod/", 0) == 0) out.push_back(l.substr(4));
  return out;
}

class Walkthrough : public ConsoleFixture {};

TEST_F(Walkthrough, EmptyNamespaceSaysNoResources) {
  EXPECT_EQ(run("kubectl get pods"), "No resources found in default namespace.\n");
  EXPECT_EQ(run("kubectl get deploy,rs"), "No resources found in default namespace.\n");
}

TEST_F(Walkthrough, CreateDeploymentShowsOnePodCreating) {
  EXPECT_EQ(run("kubectl create deployment kubia --image=hyooo/kubia --port=8080"), "deployment.apps/kubia created\n");
  std::string out = run("kubectl get pods");
  auto ls = lines(out);
  ASSERT_EQ(ls.size(), 2u) << out;
  EXPECT_EQ(ls[0].rfind("NAME", 0), 0u);
  EXPECT_TRUE(std::regex_search(ls[1], std::regex("^kubia-[a-z0-9]+-[a-z0-9]{5} +0/1 +(ContainerCreating|Pending) ")))
      << ls[1];
  EXPECT_EQ(run("kubectl create deployment kubia --image=hyooo/kubia", 1),
            "error: failed to create deployment: deployments.apps \"kubia\" already exists\n");
}

TEST_F(Walkthrough, RunCreatesAPod) {
  EXPECT_EQ(run("kubectl run kubia --image=hyooo/kubia --port=8080"), "pod/kubia created\n");
  EXPECT_EQ(run("kubectl run kubia --image=hyooo/kubia --port=8080", 1),
            "Error from server (AlreadyExists): pods \"kubia\" already exists\n");
  EXPECT_EQ(run("kubectl get pods kubia -o name"), "pod/kubia\n");
  EXPECT_EQ(run("kubectl get pods -l run=kubia -o jsonpath='{.items[0].spec.containers[0].image}'"), "hyooo/kubia");
}

TEST_F(Walkthrough, ScaleToThree) {
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  EXPECT_EQ(run("kubectl scale deploy kubia --replicas=3"), "deployment.apps/kubia scaled\n");
  EXPECT_EQ(podNames(shell).size(), 3u);
  EXPECT_EQ(run("kubectl get pods | grep -c kubia"), "3\n");
  EXPECT_EQ(run("kubectl scale deploy kubia --replicas=4 --current-replicas=2", 1), "error: Expected replicas to be 2, was 3\n");
  EXPECT_EQ(run("kubectl scale deploy kubia --replicas=1 --current-replicas=3"), "deployment.apps/kubia scaled\n");
}

TEST_F(Walkthrough, DeletedPodIsReplacedUnderAnotherName) {
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  run("sleep 60");
  auto before = podNames(shell);
  ASSERT_EQ(before.size(), 1u);
  Time t0 = cluster.now();
  EXPECT_EQ(run("kubectl delete pod " + before[0]), "pod \"" + before[0] + "\" deleted\n");
  EXPECT_GT(cluster.now(), t0) << "delete waits for the pod's graceful termination";
  auto after = podNames(shell);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_NE(after[0], before[0]);
  EXPECT_EQ(run("kubectl get pod " + before[0], 1), "Error from server (NotFound): pods \"" + before[0] + "\" not found\n");
}

TEST_F(Walkthrough, DeleteWithoutWaitReturnsAtOnce) {
  run("kubectl create deployment kubia --image=hyooo/kubia");
  run("sleep 60");
  auto pods = podNames(shell);
  ASSERT_EQ(pods.size(), 1u);
  Time t0 = cluster.now();
  EXPECT_EQ(run("kubectl delete pod " + pods[0] + " --wait=false"), "pod \"" + pods[0] + "\" deleted\n");
  EXPECT_EQ(cluster.now(), t0);
}

TEST_F(Walkthrough, ExposeLoadBalancerThenCurl) {
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  EXPECT_EQ(run("kubectl expose deployment kubia --type=LoadBalancer --name kubia-http"), "service/kubia-http exposed\n");
  std::string svc = run("kubectl get svc kubia-http");
  EXPECT_NE(svc.find("<pending>"), std::string::npos) << svc;
  run("sleep 60");
  std::string ip = run("kubectl get svc kubia-http -o jsonpath='{.status.loadBalancer.ingress[0].ip}'");
  ASSERT_FALSE(ip.empty());
  std::string reply = run("curl " + ip + ":8080");
  EXPECT_EQ(reply.rfind("You've hit kubia-", 0), 0u) << reply;
  EXPECT_EQ(run("kubectl expose deployment kubia --type=LoadBalancer --name kubia-http", 1),
            "Error from server (AlreadyExists): services \"kubia-http\" already exists\n");
}

TEST_F(Walkthrough, ExposeWithoutPortFails) {
  run("kubectl create deployment web --image=nginx");
  EXPECT_EQ(run("kubectl expose deployment web", 1), "error: couldn't find port via --port flag or introspection\n");
}

TEST_F(Walkthrough, WaitForReady) {
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  auto pods = podNames(shell);
  ASSERT_EQ(pods.size(), 1u);
  EXPECT_EQ(run("kubectl wait --for=condition=Ready pod/" + pods[0] + " --timeout=120s"),
            "pod/" + pods[0] + " condition met\n");
  EXPECT_EQ(run("kubectl wait --for=condition=Available deployment/kubia"), "deployment.apps/kubia condition met\n");
  EXPECT_EQ(run("kubectl wait --for=jsonpath='{.status.phase}'=Running pod/" + pods[0]), "pod/" + pods[0] + " condition met\n");
}

TEST_F(Walkthrough, WaitTimesOut) {
  run("kubectl run stuck --image=hyooo/kubia");
  Time t0 = cluster.now();
  EXPECT_EQ(run("kubectl wait --for=condition=Nope pod/stuck --timeout=5s", 1),
            "error: timed out waiting for the condition on pods/stuck\n");
  EXPECT_EQ(cluster.now() - t0, 5000);
}

TEST_F(Walkthrough, GetSeveralKindsPrefixesNames) {
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  std::string out = run("kubectl get all");
  EXPECT_NE(out.find("pod/kubia-"), std::string::npos) << out;
  EXPECT_NE(out.find("service/kubernetes"), std::string::npos) << out;
  EXPECT_NE(out.find("deployment.apps/kubia"), std::string::npos) << out;
  EXPECT_NE(out.find("\n\nNAME"), std::string::npos) << "tables are separated by a blank line\n" << out;
}

TEST_F(Walkthrough, DescribeByNamePrefix) {
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  std::string out = run("kubectl describe pod kubia");
  EXPECT_EQ(out.rfind("Name:", 0), 0u) << out;
}

TEST_F(Walkthrough, ClusterInfo) {
  EXPECT_EQ(run("kubectl cluster-info"),
            "Kubernetes control plane is running at https://192.168.49.2:8443\n"
            "CoreDNS is running at https://192.168.49.2:8443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n"
            "\n"
            "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
}

TEST_F(Walkthrough, LogsOfTheDeploymentsPod) {
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  run("sleep 60");
  int code = -1;
  shell.runText("kubectl logs deploy/kubia", &code);
  EXPECT_EQ(code, 0);
}

TEST_F(Walkthrough, SameSeedSameBytes) {
  auto script = [](uint64_t seed) {
    ClusterOptions o;
    o.seed = seed;
    Cluster c(o);
    c.settle();
    Shell s(c);
    std::string out;
    for (const char* l : {"kubectl create deployment kubia --image=hyooo/kubia --port=8080", "kubectl scale deploy kubia --replicas=3",
                          "sleep 30", "kubectl get pods -o wide", "kubectl expose deploy kubia --type=LoadBalancer --name kubia-http",
                          "sleep 30", "kubectl get svc"})
      out += s.runText(l);
    return out;
  };
  EXPECT_EQ(script(42), script(42));
}

}  // namespace
}  // namespace kp
