// The metrics pipeline as a learner meets it: `kubectl top` before and after `minikube addons
// enable metrics-server` (the errors, then the tables), the usage model behind the numbers
// (idle servers, busy loops up to their CPU limit, load that follows the requests served) and
// the metrics.k8s.io API itself.
#include <gtest/gtest.h>

#include <regex>

#include "core/apiserver/apiserver.h"
#include "tests/core/console_fixture.h"

namespace kp {

namespace {

class Metrics : public ConsoleFixture {
 protected:
  // Enables the addon and waits until metrics-server has two scrapes.
  void enableMetrics() {
    run("minikube addons enable metrics-server");
    cluster.advance(60000);
  }
  // The CPU column (in millicores) of `kubectl top pod NAME`.
  int podCpu(const std::string& name, const std::string& ns = "default") {
    std::string out = run("kubectl top pod " + name + " -n " + ns + " --no-headers");
    std::smatch m;
    std::regex re("^\\S+\\s+(\\d+)m\\s+(\\d+)Mi");
    EXPECT_TRUE(std::regex_search(out, m, re)) << out;
    return m.empty() ? -1 : std::stoi(m[1]);
  }
  int podMemMi(const std::string& name) {
    std::string out = run("kubectl top pod " + name + " --no-headers");
    std::smatch m;
    std::regex re("^\\S+\\s+(\\d+)m\\s+(\\d+)Mi");
    EXPECT_TRUE(std::regex_search(out, m, re)) << out;
    return m.empty() ? -1 : std::stoi(m[2]);
  }
  void applyPod(const std::string& name, const std::string& image, const std::string& script,
                const std::string& resources = "") {
    std::string yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  labels:\n    app: " + name +
                       "\nspec:\n  containers:\n  - name: main\n    image: " + image + "\n";
    if (!script.empty()) yaml += "    command: [\"/bin/sh\", \"-c\", \"" + script + "\"]\n";
    if (!resources.empty()) yaml += "    resources:\n" + resources;
    run("cat <<EOF | kubectl apply -f -\n" + yaml + "EOF");
  }
  Response raw(const std::string& path) {
    Request req;
    req.path = path;
    return cluster.api().handle(req);
  }
};

TEST_F(Metrics, TopWithoutMetricsServerSaysTheApiIsNotAvailable) {
  EXPECT_EQ(run("kubectl top node", 1), "error: Metrics API not available\n");
  EXPECT_EQ(run("kubectl top pod -A", 1), "error: Metrics API not available\n");
  EXPECT_EQ(raw("/apis/metrics.k8s.io/v1beta1/nodes").code, 404);
}

TEST_F(Metrics, EnablingTheAddonPrintsMinikubesLinesAndCreatesTheDeployment) {
  EXPECT_EQ(run("minikube addons enable metrics-server"),
            "\xF0\x9F\x92\xA1  metrics-server is an addon maintained by Kubernetes. For any concerns contact minikube on GitHub.\n"
            "You can view the list of minikube maintainers at: https://github.com/kubernetes/minikube/blob/master/OWNERS\n"
            "    \xE2\x96\xAA Using image registry.k8s.io/metrics-server/metrics-server:v0.7.2\n"
            "\xF0\x9F\x8C\x9F  The 'metrics-server' addon is enabled\n");
  cluster.advance(10000);
  std::string out = run("kubectl get deploy metrics-server -n kube-system --no-headers");
  EXPECT_NE(out.find("metrics-server   1/1"), std::string::npos) << out;
  out = run("kubectl get pods -n kube-system -l k8s-app=metrics-server --no-headers");
  EXPECT_NE(out.find("1/1   Running"), std::string::npos) << out;
}

TEST_F(Metrics, TopRightAfterEnablingWaitsForTheFirstScrapes) {
  run("minikube addons enable metrics-server");
  cluster.advance(20000);  // the pod runs; the APIService is not available yet
  EXPECT_EQ(run("kubectl top node", 1), "error: Metrics API not available\n");
  cluster.advance(20000);  // one scrape: no rates yet
  EXPECT_EQ(run("kubectl top node", 1), "error: metrics not available yet\n");
  // No pod metrics either; kube-system's pods are older than metrics' two-minute grace.
  EXPECT_TRUE(std::regex_match(run("kubectl top pod -n kube-system", 1),
                               std::regex("error: Metrics not available for pod kube-system/\\S+, age: 1h0m\\d+(\\.\\d+)?s\n")));
  cluster.advance(20000);  // two scrapes
  std::string out = run("kubectl top node");
  EXPECT_EQ(lines(out)[0], "NAME           CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ") << out;
  EXPECT_EQ(lines(out).size(), 5u) << out;
}

TEST_F(Metrics, TopNodeRowsShowUsageAgainstAllocatable) {
  enableMetrics();
  std::string out = run("kubectl top node");
  auto ls = lines(out);
  ASSERT_EQ(ls.size(), 5u) << out;
  std::regex row("^(minikube(-m0[234])?)\\s+(\\d+)m\\s+(\\d+)%\\s+(\\d+)Mi\\s+(\\d+)%\\s+$");
  for (size_t i = 1; i < ls.size(); i++) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(ls[i], m, row)) << ls[i];
    int cpu = std::stoi(m[3]), pct = std::stoi(m[4]);
    EXPECT_NEAR(pct, cpu * 100 / 2000, 1) << ls[i];  // 2 cores allocatable
    EXPECT_GT(std::stoi(m[5]), 300) << ls[i];
  }
  EXPECT_EQ(ls[1].rfind("minikube ", 0), 0u);  // by name
  // The control plane node runs the API server, etcd and the controllers: the busiest.
  out = run("kubectl top node --sort-by=cpu --no-headers");
  EXPECT_EQ(lines(out)[0].rfind("minikube ", 0), 0u) << out;
  EXPECT_EQ(run("kubectl top node minikube-m02 --no-headers").rfind("minikube-m02   ", 0), 0u);
  EXPECT_EQ(run("kubectl top node nope", 1), "Error from server (NotFound): nodemetrics.metrics.k8s.io \"nope\" not found\n");
  EXPECT_EQ(run("kubectl top node --sort-by=name", 1), "error: --sort-by accepts only cpu or memory\n");
  EXPECT_EQ(run("kubectl top node a b", 1), "error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples\n");
}

TEST_F(Metrics, TopPodAllNamespacesListsTheSystemPods) {
  enableMetrics();
  std::string out = run("kubectl top pod -A");
  auto ls = lines(out);
  EXPECT_EQ(ls[0], "NAMESPACE     NAME                               CPU(cores)   MEMORY(bytes)   ") << out;
  EXPECT_NE(out.find("kube-system   etcd-minikube "), std::string::npos) << out;
  EXPECT_NE(out.find("kube-system   metrics-server-"), std::string::npos) << out;
  // --sort-by=memory: the API server holds the most.
  out = run("kubectl top pod -A --sort-by=memory --no-headers");
  EXPECT_EQ(lines(out)[0].rfind("kube-system   kube-apiserver-minikube ", 0), 0u) << out;
  out = run("kubectl top pod -n kube-system -l k8s-app=kube-dns --containers");
  EXPECT_EQ(lines(out)[0], "POD                       NAME      CPU(cores)   MEMORY(bytes)   ") << out;
  EXPECT_NE(lines(out)[1].find("   coredns   "), std::string::npos) << out;
  // No pods in default: the message goes to stderr and the command succeeds.
  EXPECT_EQ(run("kubectl top pod"), "No resources found in default namespace.\n");
}

TEST_F(Metrics, TopPodSumAddsAColumnTotal) {
  enableMetrics();
  std::string out = run("kubectl top pod -n kube-system -l k8s-app=kindnet --sum");
  auto ls = lines(out);
  ASSERT_EQ(ls.size(), 7u) << out;
  EXPECT_EQ(ls[5].find_first_not_of(' '), ls[5].find("________")) << out;
  std::regex total("^\\s+(\\d+)m\\s+(\\d+)Mi\\s+$");
  EXPECT_TRUE(std::regex_match(ls[6], total)) << out;
}

TEST_F(Metrics, IdleNginxUsesALittleCpuAndAFewMi) {
  enableMetrics();
  run("kubectl run web --image=nginx");
  cluster.advance(60000);
  int cpu = podCpu("web");
  EXPECT_GE(cpu, 1);
  EXPECT_LE(cpu, 2);
  int mem = podMemMi("web");
  EXPECT_GE(mem, 3);
  EXPECT_LE(mem, 8);
}

TEST_F(Metrics, BusyLoopUsesACoreUpToItsLimit) {
  enableMetrics();
  applyPod("spin", "busybox", "while true; do :; done");
  applyPod("capped", "busybox", "while true; do :; done", "      limits:\n        cpu: 300m\n");
  applyPod("yes-loop", "busybox", "yes > /dev/null");
  cluster.advance(60000);
  int spin = podCpu("spin");
  EXPECT_GE(spin, 990);
  EXPECT_LE(spin, 1000);
  EXPECT_EQ(podCpu("capped"), 300);
  EXPECT_GE(podCpu("yes-loop"), 990);
  EXPECT_EQ(run("kubectl get pod yes-loop -o jsonpath={.status.phase}"), "Running");
}

TEST_F(Metrics, RequestsServedDriveAServersCpu) {
  enableMetrics();
  run("kubectl create deployment web --image=nginx");
  run("kubectl expose deployment web --port=80");
  cluster.advance(60000);
  int idle = podCpu("-l app=web");
  applyPod("load", "busybox", "while true; do wget -q -O- http://web; done");
  cluster.advance(60000);
  int busy = podCpu("-l app=web");
  EXPECT_GT(busy, idle + 20) << idle << " -> " << busy;
  // The load generator itself shows up too.
  EXPECT_GT(podCpu("load"), 5);
  // Load stops: the next windows show the idle server again.
  run("kubectl delete pod load --grace-period=0 --force");
  cluster.advance(40000);
  EXPECT_LE(podCpu("-l app=web"), idle + 1);
}

TEST_F(Metrics, TheWalkthroughsSleepingLoopSendsRealRequests) {
  enableMetrics();
  run("kubectl create deployment web --image=nginx");
  run("kubectl expose deployment web --port=80");
  cluster.advance(60000);
  int idle = podCpu("-l app=web");
  // `while sleep 0.01; do wget ...; done`: a hundred requests a second, each through the
  // service to the pod (and in its access log).
  applyPod("load", "busybox", "while sleep 0.01; do wget -q -O- http://web; done");
  cluster.advance(40000);
  EXPECT_EQ(run("kubectl get pod load -o jsonpath={.status.phase}"), "Running");
  EXPECT_GT(podCpu("-l app=web"), idle + 10);
  std::string log = run("kubectl logs deploy/web --tail=1");
  EXPECT_NE(log.find("\"GET / HTTP/1.1\" 200"), std::string::npos) << log;
}

TEST_F(Metrics, TheApiAnswersInMetricsServersShape) {
  enableMetrics();
  Response r = raw("/apis/metrics.k8s.io/v1beta1/nodes");
  ASSERT_EQ(r.code, 200);
  EXPECT_EQ(r.body["kind"], "NodeMetricsList");
  EXPECT_EQ(r.body["apiVersion"], "metrics.k8s.io/v1beta1");
  ASSERT_EQ(r.body["items"].size(), 4u);
  const Json& n = r.body["items"][0];
  EXPECT_EQ(n["metadata"]["name"], "minikube");
  EXPECT_EQ(n["window"], "15s");
  EXPECT_TRUE(std::regex_match(n["timestamp"].get<std::string>(), std::regex("2026-01-01T\\d\\d:\\d\\d:\\d\\dZ")));
  EXPECT_TRUE(std::regex_match(n["usage"]["cpu"].get<std::string>(), std::regex("\\d+n")));
  EXPECT_TRUE(std::regex_match(n["usage"]["memory"].get<std::string>(), std::regex("\\d+Ki")));
  r = raw("/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods");
  ASSERT_EQ(r.code, 200);
  EXPECT_EQ(r.body["kind"], "PodMetricsList");
  EXPECT_GT(r.body["items"].size(), 8u);
  EXPECT_EQ(r.body["items"][0]["containers"][0]["name"].get<std::string>().empty(), false);
  r = raw("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope");
  EXPECT_EQ(r.code, 404);
  EXPECT_EQ(r.body["message"], "podmetrics.metrics.k8s.io \"nope\" not found");
  // The group shows in discovery while the APIService is available.
  Request d;
  d.path = "/apis";
  d.accept = "application/json";
  bool listed = false;
  Response groups = cluster.api().handle(d);
  for (const auto& g : groups.body["groups"]) listed |= g["name"] == "metrics.k8s.io";
  EXPECT_TRUE(listed);
}

TEST_F(Metrics, DisablingTheAddonTakesTheApiAway) {
  enableMetrics();
  EXPECT_EQ(run("minikube addons disable metrics-server"), "\xF0\x9F\x8C\x91  \"The 'metrics-server' addon is disabled\"\n");
  cluster.advance(5000);
  EXPECT_EQ(run("kubectl top node", 1), "error: Metrics API not available\n");
}

TEST_F(Metrics, TopPodOfAPodTooYoungForMetrics) {
  enableMetrics();
  run("kubectl run web --image=nginx");
  cluster.advance(3000);
  EXPECT_EQ(run("kubectl top pod web", 1), "Error from server (NotFound): podmetrics.metrics.k8s.io \"web\" not found\n");
  EXPECT_EQ(run("kubectl top pod -l run=web", 1), "error: metrics not available yet\n");
  EXPECT_EQ(run("kubectl top pod web -l run=web", 1), "error: only one of NAME or selector can be provided\n");
}

}  // namespace

}  // namespace kp
