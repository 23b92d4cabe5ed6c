// The HPA walkthrough (kubernetes.io's HorizontalPodAutoscaler walkthrough on minikube): a
// php-apache Deployment with CPU requests, an autoscaling/v2 HPA at 50%, a load generator that
// drives the utilisation up and the replicas with it, and the scale-down that waits out the
// five-minute stabilisation window once the load stops; plus the conditions of an HPA that
// cannot work (no requests, no metrics API) and of one held at its maximum.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "core/apiserver/apiserver.h"
#include "tests/core/console_fixture.h"

namespace kp {

namespace {

const char* kPhpApache = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    run: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache
)";

std::string hpaManifest(const std::string& target, int maxReplicas) {
  return "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: " + target +
         "\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: " + target +
         "\n  minReplicas: 1\n  maxReplicas: " + std::to_string(maxReplicas) +
         "\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n"
         "        averageUtilization: 50\n";
}

class Hpa : public ConsoleFixture {
 protected:
  void apply(const std::string& yaml) { run("cat <<EOF | kubectl apply -f -\n" + yaml + "EOF"); }
  Json status(const std::string& name) {
    auto o = cluster.store().get(*resourceForKind("HorizontalPodAutoscaler"), "default", name);
    if (!o) return Json();
    return static_cast<const JsonObject&>(*o).field("status");
  }
  Json condition(const std::string& name, const std::string& type) {
    Json s = status(name);
    if (s.contains("conditions"))
      for (const auto& c : s["conditions"])
        if (c["type"] == type) return c;
    return Json();
  }
  int utilization(const std::string& name) {
    Json s = status(name);
    if (!s.contains("currentMetrics") || s["currentMetrics"].empty() ||
        !s["currentMetrics"][0].contains("resource"))
      return -1;
    return s["currentMetrics"][0]["resource"]["current"].value("averageUtilization", -1);
  }
  int deploymentReplicas(const std::string& name) {
    return std::stoi(run("kubectl get deploy " + name + " -o jsonpath={.spec.replicas}"));
  }
  void startWalkthrough(int maxReplicas = 10) {
    run("minikube addons enable metrics-server");
    apply(kPhpApache);
    cluster.advance(60000);
    apply(hpaManifest("php-apache", maxReplicas));
    cluster.advance(30000);
  }
  void startLoad() {
    run("kubectl run load-generator --image=busybox -- /bin/sh -c \"while true; do wget -q -O- http://php-apache; done\"");
  }
};

TEST_F(Hpa, IdleTargetSitsAtMinReplicasWithValidMetrics) {
  startWalkthrough();
  EXPECT_GE(utilization("php-apache"), 0);
  EXPECT_LE(utilization("php-apache"), 2);
  Json s = status("php-apache");
  EXPECT_EQ(s["currentReplicas"], 1);
  EXPECT_EQ(s["desiredReplicas"], 1);
  EXPECT_EQ(s["currentMetrics"][0]["type"], "Resource");
  EXPECT_EQ(condition("php-apache", "ScalingActive")["reason"], "ValidMetricFound");
  EXPECT_EQ(condition("php-apache", "ScalingActive")["message"],
            "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)");
  // A fresh HPA starts its scale-down window at the current size.
  EXPECT_EQ(condition("php-apache", "AbleToScale")["reason"], "ScaleDownStabilized");
  EXPECT_EQ(condition("php-apache", "ScalingLimited")["reason"], "DesiredWithinRange");
  EXPECT_EQ(condition("php-apache", "ScalingLimited")["status"], "False");
  EXPECT_EQ(run("kubectl get hpa php-apache -o jsonpath={.status.currentReplicas}"), "1");
  // Five minutes on, the recommendation (0) is held at minReplicas.
  cluster.advance(300000);
  EXPECT_EQ(condition("php-apache", "AbleToScale")["reason"], "ReadyForNewScale");
  EXPECT_EQ(condition("php-apache", "AbleToScale")["message"], "recommended size matches current size");
  Json limited = condition("php-apache", "ScalingLimited");
  EXPECT_EQ(limited["status"], "True");
  EXPECT_EQ(limited["reason"], "TooFewReplicas");
  EXPECT_EQ(limited["message"], "the desired replica count is less than the minimum replica count");
  EXPECT_EQ(deploymentReplicas("php-apache"), 1);
}

TEST_F(Hpa, LoadScalesUpAndTheWindowHoldsTheScaleDown) {
  startWalkthrough();
  startLoad();
  // One pod at its 500m limit against a 200m request: 250%, and the replicas follow.
  int peak = 0;
  for (int i = 0; i < 12 && deploymentReplicas("php-apache") == 1; i++) {
    cluster.advance(5000);
    peak = std::max(peak, utilization("php-apache"));
  }
  EXPECT_GE(peak, 200);
  int up = deploymentReplicas("php-apache");
  EXPECT_EQ(up, 5);  // ceil(1 * 250 / 50), within the first period's max(4 pods, 100%)
  std::string events = run("kubectl get events --field-selector involvedObject.kind=HorizontalPodAutoscaler");
  EXPECT_NE(events.find("New size: 5; reason: cpu resource utilization (percentage of request) above target"),
            std::string::npos) << events;
  EXPECT_EQ(condition("php-apache", "AbleToScale")["reason"], "SucceededRescale");
  EXPECT_EQ(condition("php-apache", "AbleToScale")["message"], "the HPA controller was able to update the target scale to 5");
  cluster.advance(120000);
  // Spread over the replicas, the load sits near the target.
  int settled = deploymentReplicas("php-apache");
  EXPECT_GE(settled, up);
  EXPECT_LE(utilization("php-apache"), 80);
  EXPECT_GE(utilization("php-apache"), 30);
  EXPECT_EQ(run("kubectl get hpa php-apache -o jsonpath={.status.currentReplicas}"), std::to_string(settled));

  run("kubectl delete pod load-generator --grace-period=0 --force");
  cluster.advance(120000);
  // The load is gone but the highest recommendation of the last five minutes wins.
  EXPECT_LE(utilization("php-apache"), 2);
  EXPECT_EQ(deploymentReplicas("php-apache"), settled);
  EXPECT_EQ(condition("php-apache", "AbleToScale")["reason"], "ScaleDownStabilized");
  EXPECT_EQ(condition("php-apache", "AbleToScale")["message"],
            "recent recommendations were higher than current one, applying the highest recent recommendation");
  cluster.advance(240000);
  EXPECT_EQ(deploymentReplicas("php-apache"), 1);
  events = run("kubectl get events --field-selector involvedObject.kind=HorizontalPodAutoscaler");
  EXPECT_NE(events.find("New size: 1; reason: All metrics below target"), std::string::npos) << events;
  EXPECT_FALSE(status("php-apache")["lastScaleTime"].is_null());
}

TEST_F(Hpa, ScaleUpIsLimitedToFourPodsOrDoubleEachPeriod) {
  startWalkthrough(20);
  // Three generators: 1.5 cores wanted; the first step is still max(1 + 4, 1 * 2) = 5, the
  // next at most max(5 + 4, 5 * 2) = 10.
  for (const char* n : {"a", "b", "c"})
    run(std::string("kubectl run load-") + n +
        " --image=busybox -- /bin/sh -c \"while true; do wget -q -O- http://php-apache; done\"");
  std::vector<int> sizes = {1};
  for (int i = 0; i < 60; i++) {
    cluster.advance(5000);
    int n = deploymentReplicas("php-apache");
    if (n != sizes.back()) sizes.push_back(n);
  }
  ASSERT_GE(sizes.size(), 3u);
  EXPECT_EQ(sizes[1], 5);
  EXPECT_LE(sizes[2], 10);
  EXPECT_GT(sizes[2], 5);
  for (size_t i = 1; i < sizes.size(); i++) EXPECT_LE(sizes[i], std::max(sizes[i - 1] + 4, sizes[i - 1] * 2));
}

TEST_F(Hpa, MaxReplicasHoldsTheTargetAndSaysSo) {
  startWalkthrough(2);
  startLoad();
  cluster.advance(120000);
  EXPECT_EQ(deploymentReplicas("php-apache"), 2);
  Json limited = condition("php-apache", "ScalingLimited");
  EXPECT_EQ(limited["status"], "True");
  EXPECT_EQ(limited["reason"], "TooManyReplicas");
  EXPECT_EQ(limited["message"], "the desired replica count is more than the maximum replica count");
}

TEST_F(Hpa, PodsWithoutRequestsMakeTheMetricUnavailable) {
  run("minikube addons enable metrics-server");
  run("kubectl create deployment web --image=nginx");
  cluster.advance(60000);
  apply(hpaManifest("web", 5));
  cluster.advance(20000);
  Json active = condition("web", "ScalingActive");
  std::string pod = run("kubectl get pods -l app=web -o jsonpath={.items[0].metadata.name}");
  EXPECT_EQ(active["status"], "False");
  EXPECT_EQ(active["reason"], "FailedGetResourceMetric");
  EXPECT_EQ(active["message"], "the HPA was unable to compute the replica count: failed to get cpu utilization: "
                               "missing request for cpu in container nginx of Pod " + pod);
  EXPECT_EQ(status("web")["currentMetrics"][0]["type"], "");
  EXPECT_EQ(condition("web", "AbleToScale")["reason"], "SucceededGetScale");
  std::string events = run("kubectl get events --field-selector involvedObject.kind=HorizontalPodAutoscaler");
  EXPECT_NE(events.find("FailedGetResourceMetric"), std::string::npos) << events;
  EXPECT_NE(events.find("failed to get cpu utilization: missing request for cpu in container nginx of Pod " + pod),
            std::string::npos) << events;
  EXPECT_EQ(deploymentReplicas("web"), 1);
}

TEST_F(Hpa, WithoutTheMetricsApiTheHpaCannotCompute) {
  apply(kPhpApache);
  cluster.advance(30000);
  apply(hpaManifest("php-apache", 10));
  cluster.advance(20000);
  Json active = condition("php-apache", "ScalingActive");
  EXPECT_EQ(active["reason"], "FailedGetResourceMetric");
  EXPECT_EQ(active["message"],
            "the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for "
            "resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested "
            "resource (get pods.metrics.k8s.io)");
}

TEST_F(Hpa, AMissingTargetFailsToGetTheScale) {
  apply(hpaManifest("ghost", 3));
  cluster.advance(1000);
  Json able = condition("ghost", "AbleToScale");
  EXPECT_EQ(able["status"], "False");
  EXPECT_EQ(able["reason"], "FailedGetScale");
  EXPECT_EQ(able["message"],
            "the HPA controller was unable to get the target's current scale: deployments.apps \"ghost\" not found");
}

}  // namespace

}  // namespace kp
