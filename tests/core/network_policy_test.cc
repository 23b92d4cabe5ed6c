// NetworkPolicy in the simulated network: a pod selected for Ingress takes only what some
// policy's rules allow (podSelector, namespaceSelector, ipBlock, ports), one selected for
// Egress sends only what its rules allow, and a denied connection is never answered, so
// curl waits for its timeout.
#include <gtest/gtest.h>

#include "tests/core/console_fixture.h"

namespace kp {
namespace {

std::string apply(const std::string& yaml) { return "cat <<EOF | kubectl apply -f -\n" + yaml + "EOF"; }

const char* kDenyAll = R"(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
spec:
  podSelector: {}
  policyTypes:
  - Ingress
)";

const char* kAllowLabelled = R"(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-access
spec:
  podSelector:
    matchLabels:
      app: kubia
  ingress:
  - from:
    - podSelector:
        matchLabels:
          access: "true"
    ports:
    - protocol: TCP
      port: 8080
)";

class NetworkPolicyTest : public ConsoleFixture {
 protected:
  void SetUp() override {
    run("kubectl create deployment kubia --image=luksa/kubia --replicas=2 --port=8080");
    run("kubectl expose deployment kubia --type=LoadBalancer --name kubia-http --port=8080");
    run("kubectl run allowed --image=luksa/kubia --labels=access=true");
    run("kubectl run other --image=luksa/kubia");
    run("sleep 40");
    for (auto& in : cluster.store().get<Service>("default", "kubia-http")->status.loadBalancerIngress) lb = in.ip;
    ASSERT_FALSE(lb.empty());
  }
  static bool hit(const std::string& body) { return body.rfind("You've hit kubia-", 0) == 0; }
  std::string lb;
};

TEST_F(NetworkPolicyTest, WithoutPoliciesEverythingIsOpen) {
  EXPECT_TRUE(hit(run("curl -s http://" + lb + ":8080")));
  EXPECT_TRUE(hit(run("kubectl exec other -- curl -s http://kubia-http:8080")));
}

TEST_F(NetworkPolicyTest, DenyAllMakesCurlTimeOutAfterMaxTime) {
  run(apply(kDenyAll));
  Time before = cluster.now();
  EXPECT_EQ(run("curl --max-time 3 http://" + lb + ":8080", 28), "curl: (28) Connection timed out after 3001 milliseconds\n");
  EXPECT_GE(cluster.now() - before, 3000);
  EXPECT_EQ(run("curl --connect-timeout 2 http://" + lb + ":8080", 28), "curl: (28) Connection timed out after 2001 milliseconds\n");
  EXPECT_EQ(run("curl -m 5 -s http://" + lb + ":8080", 28), "");
}

TEST_F(NetworkPolicyTest, DenyAllWithoutATimeoutWaitsForTheKernel) {
  run(apply(kDenyAll));
  Time before = cluster.now();
  EXPECT_EQ(run("curl http://" + lb + ":8080", 28),
            "curl: (28) Failed to connect to " + lb + " port 8080 after 133000 ms: Couldn't connect to server\n");
  EXPECT_GE(cluster.now() - before, 133000);
}

TEST_F(NetworkPolicyTest, DenyAllStopsPodToPodTraffic) {
  run(apply(kDenyAll));
  EXPECT_EQ(run("kubectl exec other -- curl -sS -m 2 http://kubia-http:8080", 28),
            "curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n");
}

TEST_F(NetworkPolicyTest, AnAllowRuleLetsTheLabelledPodThrough) {
  run(apply(kAllowLabelled));
  EXPECT_TRUE(hit(run("kubectl exec allowed -- curl -s http://kubia-http:8080")));
  EXPECT_EQ(run("kubectl exec other -- curl -sS -m 2 http://kubia-http:8080", 28),
            "curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n");
  // Traffic from outside the pod network matches no podSelector.
  EXPECT_EQ(run("curl -m 1 http://" + lb + ":8080", 28), "curl: (28) Connection timed out after 1001 milliseconds\n");
  // Pods the policy does not select stay open.
  std::string otherIp = cluster.store().get<Pod>("default", "other")->status.podIP;
  EXPECT_EQ(run("kubectl exec allowed -- curl -s http://" + otherIp + ":8080"), "You've hit other\n");
}

TEST_F(NetworkPolicyTest, TheRulesPortMustMatch) {
  std::string wrongPort = kAllowLabelled;
  wrongPort.replace(wrongPort.find("port: 8080"), 10, "port: 9090");
  run(apply(wrongPort));
  EXPECT_EQ(run("kubectl exec allowed -- curl -sS -m 2 http://kubia-http:8080", 28),
            "curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n");
}

TEST_F(NetworkPolicyTest, ANamedPortMatchesTheContainersPort) {
  std::string named = kAllowLabelled;
  named.replace(named.find("port: 8080"), 10, "port: web");
  run(apply(named));
  // The deployment's container port has no name: the named rule matches nothing.
  EXPECT_EQ(run("kubectl exec allowed -- curl -sS -m 2 http://kubia-http:8080", 28),
            "curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n");
}

TEST_F(NetworkPolicyTest, DeletingThePolicyOpensThePodsAgain) {
  run(apply(kDenyAll));
  run("curl -m 1 http://" + lb + ":8080", 28);
  run("kubectl delete networkpolicy deny-all");
  EXPECT_TRUE(hit(run("curl -s http://" + lb + ":8080")));
}

TEST_F(NetworkPolicyTest, APolicyInAnotherNamespaceDoesNotApply) {
  run("kubectl create namespace other");
  std::string elsewhere = kDenyAll;
  elsewhere.replace(elsewhere.find("  name: deny-all\n"), 17, "  name: deny-all\n  namespace: other\n");
  run(apply(elsewhere));
  EXPECT_TRUE(hit(run("curl -s http://" + lb + ":8080")));
}

TEST_F(NetworkPolicyTest, NamespaceSelectorAdmitsPodsOfTheLabelledNamespace) {
  run("kubectl create namespace trusted");
  run("kubectl label namespace trusted team=ops");
  run("kubectl run probe -n trusted --image=luksa/kubia");
  run("sleep 30");
  run(apply(R"(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: from-ops
spec:
  podSelector:
    matchLabels:
      app: kubia
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          team: ops
)"));
  EXPECT_TRUE(hit(run("kubectl exec -n trusted probe -- curl -s http://kubia-http.default:8080")));
  // the labelled pod of the policy's own namespace is not in a team=ops namespace
  EXPECT_EQ(run("kubectl exec allowed -- curl -sS -m 2 http://kubia-http:8080", 28),
            "curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n");
}

TEST_F(NetworkPolicyTest, IpBlockAdmitsAddressesInTheRange) {
  std::string allowedIp = cluster.store().get<Pod>("default", "allowed")->status.podIP;
  run(apply(R"(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: from-block
spec:
  podSelector:
    matchLabels:
      app: kubia
  ingress:
  - from:
    - ipBlock:
        cidr: )" + allowedIp + "/32\n"));
  EXPECT_TRUE(hit(run("kubectl exec allowed -- curl -s http://kubia-http:8080")));
  EXPECT_EQ(run("kubectl exec other -- curl -sS -m 2 http://kubia-http:8080", 28),
            "curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n");
}

TEST_F(NetworkPolicyTest, EgressDenyAllStopsWhatThePodSends) {
  run(apply(R"(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: no-egress
spec:
  podSelector:
    matchLabels:
      run: other
  policyTypes:
  - Egress
)"));
  // Not even CoreDNS answers it; by address the connection goes unanswered.
  EXPECT_EQ(run("kubectl exec other -- curl -sS -m 2 http://kubia-http:8080", 6),
            "curl: (6) Could not resolve host: kubia-http\ncommand terminated with exit code 6\n");
  std::string clusterIp = cluster.store().get<Service>("default", "kubia-http")->spec.clusterIP;
  EXPECT_EQ(run("kubectl exec other -- curl -sS -m 2 http://" + clusterIp + ":8080", 28),
            "curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n");
  EXPECT_TRUE(hit(run("kubectl exec allowed -- curl -s http://kubia-http:8080")));
  // The kubia pods' ingress is untouched.
  EXPECT_TRUE(hit(run("curl -s http://" + lb + ":8080")));
}

const char* kOnlyKubia = R"(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: only-kubia
spec:
  podSelector:
    matchLabels:
      run: other
  policyTypes:
  - Egress
  egress:
  - to:
    - podSelector:
        matchLabels:
          app: kubia
    ports:
    - port: 8080
)";

TEST_F(NetworkPolicyTest, EgressAllowRuleToTheKubiaPods) {
  run(apply(kOnlyKubia));
  std::string clusterIp = cluster.store().get<Service>("default", "kubia-http")->spec.clusterIP;
  EXPECT_TRUE(hit(run("kubectl exec other -- curl -s http://" + clusterIp + ":8080")));
  std::string allowedIp = cluster.store().get<Pod>("default", "allowed")->status.podIP;
  EXPECT_EQ(run("kubectl exec other -- curl -sS -m 2 http://" + allowedIp + ":8080", 28),
            "curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n");
}

TEST_F(NetworkPolicyTest, EgressRulesMustAllowDnsForNamesToResolve) {
  run(apply(kOnlyKubia));
  EXPECT_EQ(run("kubectl exec other -- curl -sS http://kubia-http:8080", 6),
            "curl: (6) Could not resolve host: kubia-http\ncommand terminated with exit code 6\n");
  std::string withDns = kOnlyKubia;
  withDns += R"(  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
    ports:
    - protocol: UDP
      port: 53
)";
  run(apply(withDns));
  EXPECT_TRUE(hit(run("kubectl exec other -- curl -s http://kubia-http:8080")));
}

TEST_F(NetworkPolicyTest, OnlyTheIngressControllersNamespaceGetsIn) {
  run("minikube addons enable ingress");
  run(apply(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kubia
spec:
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: kubia-http
            port:
              number: 8080
)"));
  EXPECT_TRUE(hit(run("curl -s http://192.168.49.2/")));
  run(apply(R"(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: via-ingress
spec:
  podSelector:
    matchLabels:
      app: kubia
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: ingress-nginx
)"));
  EXPECT_TRUE(hit(run("curl -s http://192.168.49.2/")));
  EXPECT_EQ(run("curl -m 1 http://" + lb + ":8080", 28), "curl: (28) Connection timed out after 1001 milliseconds\n");
  // With the controller shut out as well, nginx gives up on the backend: 504.
  run(apply(kDenyAll));
  run("kubectl delete networkpolicy via-ingress");
  EXPECT_NE(run("curl -s http://192.168.49.2/").find("<title>504 Gateway Time-out</title>"), std::string::npos);
}

}  // namespace
}  // namespace kp
