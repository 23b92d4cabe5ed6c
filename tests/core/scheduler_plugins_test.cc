// The scheduler's plugins as a user meets them in the console, on the default minikube cluster
// (a tainted control plane and three 2-CPU workers): where pods land (`kubectl get pods -o wide`,
// NODE and NOMINATED NODE) and, for a pod that stays Pending, the FailedScheduling message of
// `kubectl describe pod` in upstream's words. One case per behaviour: pod affinity, pod
// anti-affinity spreading replicas, topology spread skew, volume binding, host ports, priority
// admission, preemption.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "core/shell/shell.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

constexpr const char* kTaint = "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }";

class SchedulerPlugins : public ConsoleFixture {
 protected:
  void priorityClass(const std::string& name, int value, const std::string& policy = "") {
    apply("apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: " + name + "\nvalue: " +
          std::to_string(value) + "\n" + (policy.empty() ? "" : "preemptionPolicy: " + policy + "\n"));
  }
  void apply(const std::string& yaml) { run("cat <<EOF | kubectl apply -f -\n" + yaml + "EOF"); }
  // The columns of `kubectl get pods -o wide` for the pods whose name starts with `prefix`:
  // name -> {NODE, NOMINATED NODE}.
  std::map<std::string, std::pair<std::string, std::string>> wide(const std::string& prefix) {
    std::map<std::string, std::pair<std::string, std::string>> out;
    auto ls = lines(run("kubectl get pods -o wide"));
    for (size_t i = 1; i < ls.size(); i++) {
      std::istringstream in(ls[i]);
      std::string name, ready, status, restarts;
      in >> name >> ready >> status >> restarts;
      // RESTARTS may read "1 (5s ago)": the columns are counted from the end.
      std::string word;
      std::vector<std::string> rest;
      while (in >> word) rest.push_back(word);
      if (rest.size() < 5 || name.rfind(prefix, 0) != 0) continue;
      size_t n = rest.size();
      out[name] = {rest[n - 3], rest[n - 2]};  // ... NODE NOMINATED-NODE READINESS-GATES
    }
    return out;
  }
  std::string nodeOf(const std::string& pod) { return wide(pod)[pod].first; }
  std::string describe(const std::string& pod) { return run("kubectl describe pod " + pod); }
  std::string pendingOne(const std::string& prefix) {
    for (const auto& [name, cols] : wide(prefix))
      if (cols.first == "<none>") return name;
    return "";
  }
};

std::string pod(const std::string& name, const std::string& labels, const std::string& specExtra,
                const std::string& containerExtra = "") {
  return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  labels: {" + labels + "}\nspec:\n" + specExtra +
         "  containers:\n  - name: main\n    image: hyooo/kubia\n" + containerExtra;
}

std::string deployment(const std::string& name, int replicas, const std::string& specExtra,
                       const std::string& containerExtra = "") {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\nspec:\n  replicas: " +
         std::to_string(replicas) + "\n  selector:\n    matchLabels: {app: " + name + "}\n  template:\n    metadata:\n" +
         "      labels: {app: " + name + "}\n    spec:\n" + specExtra +
         "      containers:\n      - name: main\n        image: hyooo/kubia\n" + containerExtra;
}

std::string failure(const std::string& reasons, const std::string& preemption) {
  return "0/4 nodes are available: " + reasons + ". preemption: " + preemption;
}

// ---- InterPodAffinity ----

TEST_F(SchedulerPlugins, PodAffinityPutsEveryReplicaOnTheNodeOfTheSelectedPod) {
  apply(pod("db", "app: db", ""));
  run("sleep 5");
  std::string dbNode = nodeOf("db");
  ASSERT_EQ(dbNode.rfind("minikube-m0", 0), 0u) << dbNode;
  apply(deployment("web", 3,
                   "      affinity:\n        podAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n"
                   "          - labelSelector: {matchLabels: {app: db}}\n            topologyKey: kubernetes.io/hostname\n"));
  run("sleep 30");
  auto pods = wide("web-");
  ASSERT_EQ(pods.size(), 3u);
  for (const auto& [name, cols] : pods) EXPECT_EQ(cols.first, dbNode) << name;
}

TEST_F(SchedulerPlugins, PodAffinityToNoPodLeavesThePodPending) {
  apply(pod("lonely", "app: lonely", 
            "  affinity:\n    podAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n"
            "      - labelSelector: {matchLabels: {app: nobody}}\n        topologyKey: kubernetes.io/hostname\n"));
  run("sleep 5");
  EXPECT_EQ(nodeOf("lonely"), "<none>");
  std::string d = describe("lonely");
  EXPECT_NE(d.find(failure(std::string(kTaint) + ", 3 node(s) didn't match pod affinity rules",
                           "0/4 nodes are available: 4 Preemption is not helpful for scheduling.")),
            std::string::npos)
      << d;
}

TEST_F(SchedulerPlugins, PodAntiAffinitySpreadsReplicasOverNodesAndKeepsTheFourthPending) {
  apply(deployment("spread", 4,
                   "      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n"
                   "          - labelSelector: {matchLabels: {app: spread}}\n            topologyKey: kubernetes.io/hostname\n"));
  run("sleep 30");
  auto pods = wide("spread-");
  ASSERT_EQ(pods.size(), 4u);
  std::set<std::string> nodes;
  int pending = 0;
  for (const auto& [name, cols] : pods) {
    if (cols.first == "<none>") pending++;
    else nodes.insert(cols.first);
  }
  EXPECT_EQ(nodes, (std::set<std::string>{"minikube-m02", "minikube-m03", "minikube-m04"}));
  EXPECT_EQ(pending, 1);
  std::string d = describe(pendingOne("spread-"));
  EXPECT_NE(d.find("Warning  FailedScheduling"), std::string::npos) << d;
  EXPECT_NE(d.find(failure(std::string(kTaint) + ", 3 node(s) didn't match pod anti-affinity rules",
                           "0/4 nodes are available: 1 Preemption is not helpful for scheduling, "
                           "3 No preemption victims found for incoming pod.")),
            std::string::npos)
      << d;
}

TEST_F(SchedulerPlugins, ExistingPodsAntiAffinityKeepsAMatchingPodAway) {
  // A guard on each worker that refuses pods labelled role=noisy next to it.
  for (const char* n : {"m02", "m03", "m04"})
    apply(pod(std::string("guard-") + n, "app: guard",
              std::string("  nodeName: minikube-") + n +
                  "\n  affinity:\n    podAntiAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n"
                  "      - labelSelector: {matchLabels: {role: noisy}}\n        topologyKey: kubernetes.io/hostname\n"));
  apply(pod("noisy", "role: noisy", ""));
  run("sleep 5");
  EXPECT_EQ(nodeOf("noisy"), "<none>");
  std::string d = describe("noisy");
  EXPECT_NE(d.find(std::string(kTaint) + ", 3 node(s) didn't satisfy existing pods anti-affinity rules."), std::string::npos)
      << d;
}

// ---- PodTopologySpread ----

TEST_F(SchedulerPlugins, TopologySpreadKeepsReplicasOffTheNodeThatAlreadyHasTwo) {
  for (const char* p : {"pre-1", "pre-2"}) apply(pod(p, "app: skew", "  nodeName: minikube-m02\n"));
  apply(deployment("skew", 2,
                   "      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n"
                   "        whenUnsatisfiable: DoNotSchedule\n        nodeTaintsPolicy: Honor\n"
                   "        labelSelector: {matchLabels: {app: skew}}\n"));
  run("sleep 30");
  auto pods = wide("skew-");
  ASSERT_EQ(pods.size(), 2u);
  std::set<std::string> nodes;
  for (const auto& [name, cols] : pods) nodes.insert(cols.first);
  EXPECT_EQ(nodes, (std::set<std::string>{"minikube-m03", "minikube-m04"}));
}

TEST_F(SchedulerPlugins, TopologySpreadCountsTheTaintedControlPlaneAsAnEmptyDomain) {
  // nodeTaintsPolicy defaults to Ignore: the control plane is a domain with no matching pod,
  // so with one matching pod on every worker any placement would make the skew 2.
  for (const char* n : {"m02", "m03", "m04"})
    apply(pod(std::string("pre-") + n, "app: even", std::string("  nodeName: minikube-") + n + "\n"));
  apply(pod("extra", "app: even",
            "  topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: kubernetes.io/hostname\n"
            "    whenUnsatisfiable: DoNotSchedule\n    labelSelector: {matchLabels: {app: even}}\n"));
  run("sleep 5");
  EXPECT_EQ(nodeOf("extra"), "<none>");
  std::string d = describe("extra");
  EXPECT_NE(d.find(failure(std::string(kTaint) + ", 3 node(s) didn't match pod topology spread constraints",
                           "0/4 nodes are available: 1 Preemption is not helpful for scheduling, "
                           "3 No preemption victims found for incoming pod.")),
            std::string::npos)
      << d;
  // The constraints round-trip in the pod's own field (and no affinity appears).
  EXPECT_EQ(run("kubectl get pod extra -o jsonpath={.spec.topologySpreadConstraints[0].maxSkew}"), "1");
  EXPECT_EQ(run("kubectl get pod extra -o jsonpath={.spec.affinity}"), "");
  // ScheduleAnyway only scores: the same pod is placed.
  apply(pod("relaxed", "app: even",
            "  topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: kubernetes.io/hostname\n"
            "    whenUnsatisfiable: ScheduleAnyway\n    labelSelector: {matchLabels: {app: even}}\n"));
  run("sleep 5");
  EXPECT_EQ(nodeOf("relaxed").rfind("minikube-m0", 0), 0u);
}

// ---- VolumeBinding ----

TEST_F(SchedulerPlugins, MissingThenUnboundClaimKeepsThePodPendingUntilTheClaimIsBound) {
  apply(pod("db", "app: db", "  volumes:\n  - name: data\n    persistentVolumeClaim: {claimName: data}\n"));
  run("sleep 5");
  EXPECT_EQ(nodeOf("db"), "<none>");
  const std::string notHelpful = "0/4 nodes are available: 4 Preemption is not helpful for scheduling.";
  std::string d = describe("db");
  EXPECT_NE(d.find("0/4 nodes are available: persistentvolumeclaim \"data\" not found. preemption: " + notHelpful),
            std::string::npos)
      << d;
  // The claim appears but nothing binds it (class "": no provisioner, and no volume fits yet):
  // the pod is retried at once, with the new reason.
  const std::string claim =
      "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: \"\"\n"
      "  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n";
  apply(claim);
  run("sleep 1");
  d = describe("db");
  EXPECT_NE(d.find("0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: " + notHelpful),
            std::string::npos)
      << d;
  // A volume that fits appears: the volume controller binds the claim, whose change requeues the pod.
  apply("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-data\nspec:\n  capacity:\n    storage: 2Gi\n"
        "  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /data/db\n");
  run("sleep 5");
  EXPECT_EQ(nodeOf("db").rfind("minikube-m0", 0), 0u) << run("kubectl get pvc data -o yaml");
}

// ---- NodePorts ----

TEST_F(SchedulerPlugins, HostPortTakesOnePodPerNode) {
  apply(deployment("hp", 4, "", "        ports:\n        - containerPort: 8080\n          hostPort: 8080\n"));
  run("sleep 30");
  auto pods = wide("hp-");
  ASSERT_EQ(pods.size(), 4u);
  std::set<std::string> nodes;
  for (const auto& [name, cols] : pods)
    if (cols.first != "<none>") nodes.insert(cols.first);
  EXPECT_EQ(nodes.size(), 3u);
  std::string d = describe(pendingOne("hp-"));
  EXPECT_NE(d.find(failure(std::string(kTaint) + ", 3 node(s) didn't have free ports for the requested pod ports",
                           "0/4 nodes are available: 1 Preemption is not helpful for scheduling, "
                           "3 No preemption victims found for incoming pod.")),
            std::string::npos)
      << d;
}

// ---- Priority and preemption ----

TEST_F(SchedulerPlugins, UnknownPriorityClassIsRejectedByAdmission) {
  std::string out = shell.runText("cat <<EOF | kubectl apply -f -\n" + pod("x", "app: x", "  priorityClassName: foo\n") + "EOF");
  EXPECT_NE(out.find("pods \"x\" is forbidden: no PriorityClass with name foo was found"), std::string::npos) << out;
}

TEST_F(SchedulerPlugins, PriorityClassSetsThePodPriority) {
  priorityClass("high", 1000);
  apply(pod("important", "app: important", "  priorityClassName: high\n"));
  EXPECT_EQ(run("kubectl get pod important -o jsonpath={.spec.priority}"), "1000");
  std::string d = describe("important");
  EXPECT_NE(d.find("Priority Class Name:  high\n"), std::string::npos) << d;
}

TEST_F(SchedulerPlugins, HigherPriorityPodPreemptsALowerOneAndTakesItsNode) {
  const std::string cpu = "        resources:\n          requests: {cpu: 1500m}\n";
  apply(deployment("filler", 3, "", cpu));
  run("sleep 30");
  ASSERT_EQ(pendingOne("filler-"), "");
  priorityClass("high", 1000);
  apply(pod("urgent", "app: urgent", "  priorityClassName: high\n", "    resources:\n      requests: {cpu: 1500m}\n"));
  run("sleep 1");
  // Nominated while its victim terminates.
  auto cols = wide("urgent")["urgent"];
  EXPECT_EQ(cols.first, "<none>");
  std::string nominated = cols.second;
  ASSERT_EQ(nominated.rfind("minikube-m0", 0), 0u) << run("kubectl get pods -o wide");
  std::string d = describe("urgent");
  EXPECT_NE(d.find("0/4 nodes are available: " + std::string(kTaint) + ", 3 Insufficient cpu.\n"), std::string::npos) << d;
  std::string uid = run("kubectl get pod urgent -o jsonpath={.metadata.uid}");
  std::string events = run("kubectl get events");
  EXPECT_NE(events.find("Preempted by pod " + uid + " on node " + nominated), std::string::npos) << events;
  run("sleep 60");
  EXPECT_EQ(nodeOf("urgent"), nominated) << run("kubectl get pods -o wide");
  d = describe("urgent");
  EXPECT_NE(d.find("Successfully assigned default/urgent to " + nominated), std::string::npos) << d;
  // The victim's replacement has nowhere to go and lower priority than everyone there.
  std::string pending = pendingOne("filler-");
  ASSERT_NE(pending, "");
  EXPECT_NE(describe(pending).find(std::string(kTaint) + ", 3 Insufficient cpu. preemption: "), std::string::npos);
}

TEST_F(SchedulerPlugins, PreemptionPolicyNeverWaitsInsteadOfEvicting) {
  const std::string cpu = "        resources:\n          requests: {cpu: 1500m}\n";
  apply(deployment("filler", 3, "", cpu));
  run("sleep 30");
  priorityClass("polite", 1000, "Never");
  apply(pod("polite", "app: polite", "  priorityClassName: polite\n", "    resources:\n      requests: {cpu: 1500m}\n"));
  run("sleep 5");
  EXPECT_EQ(nodeOf("polite"), "<none>");
  EXPECT_EQ(pendingOne("filler-"), "");
  std::string d = describe("polite");
  EXPECT_NE(d.find("0/4 nodes are available: " + std::string(kTaint) +
                   ", 3 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never."),
            std::string::npos)
      << d;
}

}  // namespace
}  // namespace kp
