// Node lifecycle end to end through the console: a stopped minikube node turns NotReady after
// the node monitor grace period, gets the unreachable taints, its pods are marked not ready and
// evicted after their 300 s toleration while their ReplicaSet replaces them elsewhere; minikube's
// node commands; kubectl cordon/uncordon/taint/drain with kubectl 1.32's texts.
#include <gtest/gtest.h>

#include <regex>

#include "core/api/podutil.h"
#include "core/shell/shell.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

class NodesTest : public ConsoleFixture {
 protected:
  // The STATUS column of `kubectl get node NAME`.
  std::string nodeStatus(const std::string& node) {
    auto ls = lines(run("kubectl get node " + node + " --no-headers"));
    if (ls.empty()) return "";
    std::istringstream in(ls[0]);
    std::string name, status;
    in >> name >> status;
    return status;
  }
  std::vector<Ptr<Pod>> podsOn(const std::string& node, const std::string& ns = "default") {
    std::vector<Ptr<Pod>> out;
    for (const auto& p : cluster.store().list<Pod>(ns))
      if (p->spec.nodeName == node) out.push_back(p);
    return out;
  }
  void deployKubia(int replicas) {
    run("kubectl create deployment kubia --image=hyooo/kubia --replicas=" + std::to_string(replicas));
    run("sleep 60");
  }
};

TEST_F(NodesTest, StoppedNodeGoesNotReadyAfterGracePeriodAndItsPodsAreReplacedAfterToleration) {
  deployKubia(3);
  auto victims = podsOn("minikube-m02");
  ASSERT_FALSE(victims.empty());
  EXPECT_EQ(run("minikube node stop m02"),
            "\xE2\x9C\x8B  Stopping node \"minikube-m02\"  ...\n"
            "\xF0\x9F\x9B\x91  Powering off \"minikube-m02\" via SSH ...\n"
            "\xF0\x9F\x9B\x91  Successfully stopped node minikube-m02\n");
  // node-monitor-grace-period is 50 s, counted from the last lease renewal (every 10 s):
  // still Ready 40 s after the stop, NotReady 55 s after it.
  run("sleep 40");
  EXPECT_EQ(nodeStatus("minikube-m02"), "Ready");
  run("sleep 15");
  EXPECT_EQ(nodeStatus("minikube-m02"), "NotReady");
  std::string describe = run("kubectl describe node minikube-m02");
  EXPECT_NE(describe.find("Taints:             node.kubernetes.io/unreachable:NoExecute\n"
                          "                    node.kubernetes.io/unreachable:NoSchedule\n"
                          "Unschedulable:      false\n"),
            std::string::npos)
      << describe;
  EXPECT_TRUE(std::regex_search(describe, std::regex("\n  Ready +Unknown .* NodeStatusUnknown +Kubelet stopped posting node status\\.\n")))
      << describe;
  EXPECT_TRUE(std::regex_search(describe, std::regex("\n  MemoryPressure +Unknown .* NodeStatusUnknown +Kubelet stopped posting node status\\.\n")))
      << describe;
  EXPECT_TRUE(std::regex_search(describe, std::regex("Normal +NodeNotReady +[0-9]+s +node-controller +Node minikube-m02 status is now: NodeNotReady\n")))
      << describe;
  // The pods keep running as far as the API knows (READY counts the container statuses the
  // kubelet last posted), but their Ready condition is False.
  const std::string victim = victims[0]->metadata.name;
  std::string pod = run("kubectl get pod " + victim + " --no-headers");
  EXPECT_TRUE(std::regex_search(pod, std::regex("^" + victim + " +1/1 +Running ")))  << pod;
  EXPECT_EQ(run("kubectl get pod " + victim + " -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}'"), "False");
  std::string podDescribe = run("kubectl describe pod " + victim);
  EXPECT_TRUE(std::regex_search(podDescribe, std::regex("Warning +NodeNotReady +[0-9]+s +node-controller +Node is not ready\n")))
      << podDescribe;
  // 300 s of tolerationSeconds later the taint eviction controller deletes them; the kubelet is
  // gone, so they stay Terminating while the ReplicaSet runs replacements elsewhere.
  run("sleep 290");
  pod = run("kubectl get pod " + victim + " --no-headers");
  EXPECT_TRUE(std::regex_search(pod, std::regex("^" + victim + " +1/1 +Running "))) << pod;
  run("sleep 20");
  pod = run("kubectl get pod " + victim + " --no-headers");
  EXPECT_TRUE(std::regex_search(pod, std::regex("^" + victim + " +1/1 +Terminating "))) << pod;
  podDescribe = run("kubectl describe pod " + victim);
  EXPECT_TRUE(std::regex_search(podDescribe, std::regex("Normal +TaintManagerEviction +[0-9]+s +taint-eviction-controller +Marking for deletion Pod default/" + victim + "\n")))
      << podDescribe;
  int running = 0;
  for (const auto& p : cluster.store().list<Pod>("default")) {
    if (podTerminating(*p)) {
      EXPECT_EQ(p->spec.nodeName, "minikube-m02");
      continue;
    }
    EXPECT_NE(p->spec.nodeName, "minikube-m02");
    if (podReady(*p)) running++;
  }
  EXPECT_EQ(running, 3);
  EXPECT_TRUE(std::regex_search(run("kubectl get deploy kubia --no-headers"), std::regex("^kubia +3/3 +3 +3 ")));
  // Back up: Ready again, the taints go, the kubelet finishes the deleted pods.
  EXPECT_EQ(run("minikube node start m02"),
            "\xF0\x9F\x91\x8D  Starting \"minikube-m02\" worker node in \"minikube\" cluster\n"
            "\xF0\x9F\x9A\x9C  Pulling base image v0.0.46 ...\n"
            "\xF0\x9F\x94\x84  Restarting existing docker container for \"minikube-m02\" ...\n"
            "\xF0\x9F\x90\xB3  Preparing Kubernetes v1.32.4 on Docker 27.4.1 ...\n"
            "\xF0\x9F\x98\x84  Successfully started node minikube-m02!\n");
  EXPECT_EQ(nodeStatus("minikube-m02"), "Ready");
  run("sleep 10");
  EXPECT_EQ(run("kubectl get pod " + victim, 1), "Error from server (NotFound): pods \"" + victim + "\" not found\n");
  describe = run("kubectl describe node minikube-m02");
  EXPECT_NE(describe.find("Taints:             <none>\n"), std::string::npos) << describe;
  EXPECT_TRUE(std::regex_search(describe, std::regex("\n  Ready +True .* KubeletReady +kubelet is posting ready status\n"))) << describe;
  EXPECT_TRUE(std::regex_search(describe, std::regex("Normal +NodeReady +[0-9]+s +kubelet +Node minikube-m02 status is now: NodeReady\n")))
      << describe;
}

TEST_F(NodesTest, NodeStartedBeforeTheTolerationRunsOutKeepsItsPods) {
  deployKubia(3);
  auto victims = podsOn("minikube-m03");
  ASSERT_FALSE(victims.empty());
  run("minikube node stop minikube-m03");
  run("sleep 60");
  EXPECT_EQ(nodeStatus("minikube-m03"), "NotReady");
  run("minikube node start m03");
  run("sleep 10");
  EXPECT_EQ(nodeStatus("minikube-m03"), "Ready");
  auto p = cluster.store().get<Pod>("default", victims[0]->metadata.name);
  ASSERT_TRUE(p);
  EXPECT_FALSE(podTerminating(*p));
  EXPECT_TRUE(podReady(*p));
  // The containers died with the machine: one restart each.
  ASSERT_EQ(p->status.containerStatuses.size(), 1u);
  EXPECT_EQ(p->status.containerStatuses[0].restartCount, 1);
  std::string describe = run("kubectl describe pod " + victims[0]->metadata.name);
  EXPECT_TRUE(std::regex_search(describe, std::regex("Cancelling deletion of Pod default/" + victims[0]->metadata.name + "\n")))
      << describe;
  // Nothing is evicted later.
  run("sleep 400");
  p = cluster.store().get<Pod>("default", victims[0]->metadata.name);
  ASSERT_TRUE(p);
  EXPECT_FALSE(podTerminating(*p));
}

TEST_F(NodesTest, MinikubeNodeListAddDelete) {
  EXPECT_EQ(run("minikube node list"),
            "minikube\t192.168.49.2\nminikube-m02\t192.168.49.3\nminikube-m03\t192.168.49.4\nminikube-m04\t192.168.49.5\n");
  EXPECT_EQ(run("minikube node add"),
            "\xF0\x9F\x98\x84  Adding node m05 to cluster minikube as [worker]\n"
            "\xF0\x9F\x91\x8D  Starting \"minikube-m05\" worker node in \"minikube\" cluster\n"
            "\xF0\x9F\x9A\x9C  Pulling base image v0.0.46 ...\n"
            "\xF0\x9F\x94\xA5  Creating docker container (CPUs=2, Memory=2200MB) ...\n"
            "\xF0\x9F\x90\xB3  Preparing Kubernetes v1.32.4 on Docker 27.4.1 ...\n"
            "\xF0\x9F\x8F\x84  Successfully added m05 to minikube!\n");
  run("sleep 5");
  auto node = cluster.store().get<Node>("", "minikube-m05");
  ASSERT_TRUE(node);
  EXPECT_EQ(node->spec.podCIDR, "10.244.4.0/24");
  EXPECT_EQ(nodeStatus("minikube-m05"), "Ready");
  // kube-proxy and kindnet run there too.
  int system = 0;
  for (const auto& p : cluster.store().list<Pod>("kube-system"))
    if (p->spec.nodeName == "minikube-m05" && podReady(*p)) system++;
  EXPECT_EQ(system, 2);

  deployKubia(6);
  ASSERT_FALSE(podsOn("minikube-m03").empty());
  std::string out = run("minikube node delete m03");
  EXPECT_EQ(out,
            "\xF0\x9F\x94\xA5  Deleting node m03 from cluster minikube\n"
            "\xE2\x9C\x8B  Stopping node \"minikube-m03\"  ...\n"
            "\xF0\x9F\x9B\x91  Powering off \"minikube-m03\" via SSH ...\n"
            "\xF0\x9F\x94\xA5  Deleting \"minikube-m03\" in docker ...\n"
            "\xF0\x9F\x92\x80  Node m03 was successfully deleted.\n");
  EXPECT_EQ(run("kubectl get node minikube-m03", 1), "Error from server (NotFound): nodes \"minikube-m03\" not found\n");
  EXPECT_TRUE(podsOn("minikube-m03").empty());
  // Its DaemonSet pods are orphans until pod GC removes them (40 s quarantine, 20 s period).
  EXPECT_EQ(podsOn("minikube-m03", "kube-system").size(), 2u);
  run("sleep 60");
  EXPECT_TRUE(podsOn("minikube-m03", "kube-system").empty());
  run("sleep 30");
  EXPECT_TRUE(std::regex_search(run("kubectl get deploy kubia --no-headers"), std::regex("^kubia +6/6 +6 +6 ")));
  // The next node takes the freed CIDR.
  run("minikube node add");
  node = cluster.store().get<Node>("", "minikube-m06");
  ASSERT_TRUE(node);
  EXPECT_EQ(node->spec.podCIDR, "10.244.2.0/24");
  EXPECT_EQ(run("minikube node list"),
            "minikube\t192.168.49.2\nminikube-m02\t192.168.49.3\nminikube-m04\t192.168.49.5\nminikube-m05\t192.168.49.6\n"
            "minikube-m06\t192.168.49.7\n");
}

TEST_F(NodesTest, MinikubeNodeErrorsAndStatus) {
  EXPECT_EQ(run("minikube node stop", 14), "\n\xE2\x9D\x8C  Exiting due to MK_USAGE: Usage: minikube node stop NODE_NAME\n\n");
  EXPECT_EQ(run("minikube node", 14), "\n\xE2\x9D\x8C  Exiting due to MK_USAGE: Usage: minikube node [add|start|stop|delete|list]\n\n");
  EXPECT_EQ(run("minikube node start m09", 85),
            "\n\xE2\x9D\x8C  Exiting due to GUEST_NODE_RETRIEVE: retrieving node: Could not find node m09\n\n");
  EXPECT_EQ(run("minikube node start m02"), "\xE2\x9C\x85  m02 is already running\n");
  // The control plane stays: nothing is drained or deleted.
  run("minikube node delete minikube", 80);
  EXPECT_TRUE(cluster.store().get<Node>("", "minikube"));
  EXPECT_FALSE(cluster.store().get<Node>("", "minikube")->spec.unschedulable);
  EXPECT_TRUE(cluster.store().get<Pod>("kube-system", "etcd-minikube"));
  run("minikube node stop m04");
  EXPECT_EQ(run("minikube node stop m04"),
            "\xE2\x9C\x8B  Stopping node \"minikube-m04\"  ...\n\xF0\x9F\x9B\x91  Successfully stopped node minikube-m04\n");
  std::string status = run("minikube status", 3);
  EXPECT_NE(status.find("minikube-m04\ntype: Worker\nhost: Stopped\nkubelet: Stopped\n\n"), std::string::npos) << status;
  EXPECT_NE(status.find("minikube-m03\ntype: Worker\nhost: Running\nkubelet: Running\n\n"), std::string::npos) << status;
}

TEST_F(NodesTest, CordonUncordon) {
  EXPECT_EQ(run("kubectl cordon minikube-m02"), "node/minikube-m02 cordoned\n");
  EXPECT_EQ(run("kubectl cordon minikube-m02"), "node/minikube-m02 already cordoned\n");
  EXPECT_EQ(nodeStatus("minikube-m02"), "Ready,SchedulingDisabled");
  EXPECT_EQ(run("kubectl cordon", 1), "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n");
  EXPECT_EQ(run("kubectl cordon nope", 1), "Error from server (NotFound): nodes \"nope\" not found\n");
  // New pods avoid the cordoned node.
  deployKubia(6);
  EXPECT_TRUE(podsOn("minikube-m02").empty());
  EXPECT_EQ(run("kubectl uncordon minikube-m02"), "node/minikube-m02 uncordoned\n");
  EXPECT_EQ(run("kubectl uncordon minikube-m02"), "node/minikube-m02 already uncordoned\n");
  EXPECT_EQ(nodeStatus("minikube-m02"), "Ready");
}

TEST_F(NodesTest, TaintAddRemoveAndErrors) {
  EXPECT_EQ(run("kubectl taint nodes minikube-m02 dedicated=gpu:NoSchedule"), "node/minikube-m02 tainted\n");
  EXPECT_EQ(run("kubectl taint nodes minikube-m02 dedicated=cpu:NoSchedule", 1),
            "error: node minikube-m02 already has dedicated taint(s) with same effect(s) and --overwrite is false\n");
  EXPECT_EQ(run("kubectl taint nodes minikube-m02 dedicated=cpu:NoSchedule --overwrite"), "node/minikube-m02 modified\n");
  EXPECT_EQ(run("kubectl taint node minikube-m02 team=a:PreferNoSchedule"), "node/minikube-m02 tainted\n");
  std::string describe = run("kubectl describe node minikube-m02");
  // describe sorts taints by effect, then key (the spec has team=a first).
  EXPECT_NE(describe.find("Taints:             dedicated=cpu:NoSchedule\n"
                          "                    team=a:PreferNoSchedule\n"),
            std::string::npos)
      << describe;
  // reorganizeTaints puts the newly added taint first.
  EXPECT_EQ(run("kubectl get node minikube-m02 -o jsonpath={.spec.taints[*].key}"), "team dedicated");
  EXPECT_EQ(run("kubectl taint nodes minikube-m02 dedicated:NoSchedule-"), "node/minikube-m02 untainted\n");
  EXPECT_EQ(run("kubectl taint nodes minikube-m02 team-"), "node/minikube-m02 untainted\n");
  EXPECT_EQ(run("kubectl taint nodes minikube-m02 team-", 1), "error: taint \"team\" not found\n");
  EXPECT_EQ(run("kubectl taint nodes minikube-m02 a=b:Sometimes", 1),
            "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
  EXPECT_EQ(run("kubectl taint nodes minikube-m02", 1), "error: at least one taint update is required\n");
  // validation.IsQualifiedName reports an empty name part twice over (empty, and not matching).
  EXPECT_EQ(run("kubectl taint nodes minikube-m02 =v:NoSchedule", 1),
            "error: invalid taint spec: =v:NoSchedule, name part must be non-empty; name part must consist of alphanumeric "
            "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
            "'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n"
            "See 'kubectl taint -h' for help and examples\n");
  EXPECT_EQ(run("kubectl taint pods x a=b:NoSchedule", 1), "error: invalid resource type pods, only node types are supported\n");
  EXPECT_EQ(run("kubectl taint nodes a=b:NoSchedule", 1),
            "error: at least one resource name must be specified since 'all' parameter is not set\n");
  EXPECT_EQ(run("kubectl taint nodes minikube-m02 a=b:NoSchedule x", 1),
            "error: all resources must be specified before taint changes: x\n");
  EXPECT_EQ(run("kubectl taint nodes minikube-m02 a=b:NoSchedule a:NoSchedule-", 1),
            "error: can not both modify and remove the following taint(s) in the same command: a=NoSchedule\n");
  EXPECT_EQ(run("kubectl taint nodes nope a=b:NoSchedule", 1), "Error from server (NotFound): nodes \"nope\" not found\n");
  describe = run("kubectl describe node minikube-m02");
  EXPECT_NE(describe.find("Taints:             <none>\n"), std::string::npos) << describe;
}

TEST_F(NodesTest, NoExecuteTaintEvictsUntoleratingPodsAtOnce) {
  deployKubia(3);
  auto victims = podsOn("minikube-m04");
  ASSERT_FALSE(victims.empty());
  EXPECT_EQ(run("kubectl taint nodes minikube-m04 maintenance=now:NoExecute"), "node/minikube-m04 tainted\n");
  auto p = cluster.store().get<Pod>("default", victims[0]->metadata.name);
  ASSERT_TRUE(p);
  EXPECT_TRUE(podTerminating(*p));
  run("sleep 30");
  EXPECT_TRUE(podsOn("minikube-m04").empty());
  // DaemonSet pods tolerate everything and stay.
  EXPECT_EQ(podsOn("minikube-m04", "kube-system").size(), 2u);
  EXPECT_TRUE(std::regex_search(run("kubectl get deploy kubia --no-headers"), std::regex("^kubia +3/3 +3 +3 ")));
}

TEST_F(NodesTest, DrainEvictsAndReportsDaemonSetsAndUnmanagedPods) {
  deployKubia(3);
  // An unmanaged pod on the node to drain.
  run("kubectl cordon minikube-m03");
  run("kubectl cordon minikube-m04");
  run("kubectl run solo --image=nginx");
  run("kubectl uncordon minikube-m03");
  run("kubectl uncordon minikube-m04");
  run("sleep 30");
  auto onM02 = podsOn("minikube-m02");
  ASSERT_EQ(cluster.store().get<Pod>("default", "solo")->spec.nodeName, "minikube-m02");
  std::string ds;
  for (const auto& p : podsOn("minikube-m02", "kube-system")) ds += (ds.empty() ? "" : ", ") + std::string("kube-system/") + p->metadata.name;
  std::string dsErr = "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): " + ds;
  std::string soloErr = "cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo";
  EXPECT_EQ(run("kubectl drain minikube-m02", 1),
            "node/minikube-m02 cordoned\n"
            "error: unable to drain node \"minikube-m02\" due to error: [" + dsErr + ", " + soloErr + "], continuing command...\n"
            "There are pending nodes to be drained:\n minikube-m02\n" + dsErr + "\n" + soloErr + "\n");
  EXPECT_EQ(run("kubectl drain minikube-m02 --force", 1),
            "node/minikube-m02 already cordoned\n"
            "error: unable to drain node \"minikube-m02\" due to error: " + dsErr + ", continuing command...\n"
            "There are pending nodes to be drained:\n minikube-m02\n" + dsErr + "\n");
  std::string out;
  run("kubectl uncordon minikube-m02");
  out = run("kubectl drain minikube-m02 --ignore-daemonsets --force");
  auto ls = lines(out);
  ASSERT_GE(ls.size(), 3u) << out;
  EXPECT_EQ(ls[0], "node/minikube-m02 cordoned");
  EXPECT_EQ(ls[1], "Warning: deleting Pods that declare no controller: default/solo; ignoring DaemonSet-managed Pods: " + ds) << out;
  EXPECT_EQ(ls.back(), "node/minikube-m02 drained");
  for (const auto& p : onM02) {
    EXPECT_NE(out.find("evicting pod default/" + p->metadata.name + "\n"), std::string::npos) << out;
    EXPECT_NE(out.find("pod/" + p->metadata.name + " evicted\n"), std::string::npos) << out;
  }
  EXPECT_TRUE(podsOn("minikube-m02").empty());
  EXPECT_EQ(nodeStatus("minikube-m02"), "Ready,SchedulingDisabled");
}

TEST_F(NodesTest, DrainUsageErrors) {
  EXPECT_EQ(run("kubectl drain", 1), "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
  EXPECT_EQ(run("kubectl drain nope", 1), "Error from server (NotFound): nodes \"nope\" not found\n");
  EXPECT_EQ(run("kubectl drain minikube-m02 -l a=b", 1),
            "error: cannot specify both a node name and a --selector option\nSee 'kubectl drain -h' for help and examples\n");
}

TEST_F(NodesTest, PendingPodScheduledWhenNodeUncordoned) {
  for (const char* n : {"minikube-m02", "minikube-m03", "minikube-m04"}) run(std::string("kubectl cordon ") + n);
  run("kubectl run solo --image=nginx");
  std::string pod = run("kubectl get pod solo --no-headers");
  EXPECT_TRUE(std::regex_search(pod, std::regex("^solo +0/1 +Pending "))) << pod;
  run("kubectl uncordon minikube-m03");
  run("sleep 20");
  auto p = cluster.store().get<Pod>("default", "solo");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->spec.nodeName, "minikube-m03");
}

TEST_F(NodesTest, SameSeedSameBytes) {
  auto script = [](uint64_t seed) {
    ClusterOptions o;
    o.seed = seed;
    Cluster c(o);
    Shell s(c);
    std::string all;
    for (const char* l : {"kubectl create deployment kubia --image=hyooo/kubia --replicas=3", "sleep 30",
                          "minikube node stop m02", "sleep 400", "kubectl get pods -o wide", "minikube node start m02",
                          "sleep 20", "kubectl get pods -o wide", "kubectl get events -A", "minikube node add",
                          "kubectl drain minikube-m03 --ignore-daemonsets", "kubectl get nodes"})
      all += s.runText(l);
    return all;
  };
  EXPECT_EQ(script(7), script(7));
}

}  // namespace
}  // namespace kp
