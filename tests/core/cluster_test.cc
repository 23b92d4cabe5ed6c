// The simulated cluster end to end through the REST handler: the default minikube cluster,
// a deployment's pods going Pending -> ContainerCreating -> Running, spreading, replacement of
// a deleted pod, load balancers, unknown images, and determinism.
#include <gtest/gtest.h>

#include "core/api/json.h"
#include "core/api/podutil.h"
#include "core/kubectl/client.h"
#include "core/sim/cluster.h"

namespace kp {
namespace {

Json deploymentJson(const std::string& name, const std::string& image, int replicas) {
  return Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":")" + name +
                     R"(","labels":{"app":")" + name + R"("}},"spec":{"replicas":)" + std::to_string(replicas) +
                     R"(,"selector":{"matchLabels":{"app":")" + name + R"("}},"template":{"metadata":{"labels":{"app":")" +
                     name + R"("}},"spec":{"containers":[{"name":")" + name.substr(0, name.find('-')) + R"(","image":")" + image +
                     R"(","ports":[{"containerPort":8080}]}]}}}})");
}

Response post(Cluster& c, const std::string& path, const Json& body) {
  Request r;
  r.method = "POST";
  r.path = path;
  r.body = body;
  Response resp = c.api().handle(r);
  c.settle();
  return resp;
}

std::vector<Ptr<Pod>> podsWithLabel(Cluster& c, const std::string& app) {
  Client client(c.api(), c.clock());
  auto r = client.list<Pod>("default", "app=" + app);
  return r.ok() ? r.value : std::vector<Ptr<Pod>>{};
}

TEST(Cluster, DefaultClusterIsMinikubeWithThreeWorkers) {
  Cluster c;
  auto nodes = c.store().list<Node>();
  ASSERT_EQ(nodes.size(), 4u);
  EXPECT_EQ(nodes[0]->metadata.name, "minikube");
  EXPECT_EQ(nodes[1]->metadata.name, "minikube-m02");
  EXPECT_EQ(nodes[3]->metadata.name, "minikube-m04");
  EXPECT_EQ(nodes[0]->spec.taints.size(), 1u);
  for (const auto& p : c.store().list<Pod>("kube-system")) {
    EXPECT_EQ(p->status.phase, "Running") << p->metadata.name;
    EXPECT_TRUE(podReady(*p)) << p->metadata.name;
  }
  EXPECT_GE(c.store().list<Pod>("kube-system").size(), 14u);
  EXPECT_EQ(c.now(), c.options().epoch);
  EXPECT_TRUE(c.store().list<Pod>("default").empty());
}

TEST(Cluster, DeploymentPodGoesFromContainerCreatingToRunning) {
  Cluster c;
  auto resp = post(c, "/apis/apps/v1/namespaces/default/deployments", deploymentJson("kubia", "hyooo/kubia", 1));
  ASSERT_EQ(resp.code, 201) << resp.body.dump();
  auto pods = podsWithLabel(c, "kubia");
  ASSERT_EQ(pods.size(), 1u);
  const auto& p = *pods[0];
  EXPECT_FALSE(p.spec.nodeName.empty());
  EXPECT_NE(p.spec.nodeName, "minikube");  // the control plane is tainted
  EXPECT_EQ(p.status.phase, "Pending");
  ASSERT_EQ(p.status.containerStatuses.size(), 1u);
  EXPECT_EQ(p.status.containerStatuses[0].state.reason, "ContainerCreating");
  // Pod names: <deployment>-<pod-template-hash>-<5 chars>
  auto rs = c.store().list<ReplicaSet>("default");
  ASSERT_EQ(rs.size(), 1u);
  std::string hash = rs[0]->metadata.labels.at("pod-template-hash");
  EXPECT_EQ(p.metadata.name.rfind("kubia-" + hash + "-", 0), 0u);
  EXPECT_EQ(p.metadata.name.size(), std::string("kubia-").size() + hash.size() + 6);
  c.advance(10000);
  pods = podsWithLabel(c, "kubia");
  ASSERT_EQ(pods.size(), 1u);
  EXPECT_EQ(pods[0]->status.phase, "Running");
  EXPECT_TRUE(podReady(*pods[0]));
  EXPECT_EQ(pods[0]->status.podIP.rfind("10.244.", 0), 0u);
  auto d = c.store().get<Deployment>("default", "kubia");
  EXPECT_EQ(d->status.availableReplicas, 1);
  EXPECT_EQ(d->status.observedGeneration, d->metadata.generation);
}

TEST(Cluster, ScaleSpreadsPodsOverWorkers) {
  Cluster c;
  post(c, "/apis/apps/v1/namespaces/default/deployments", deploymentJson("kubia", "hyooo/kubia", 1));
  c.advance(10000);
  Request scale;
  scale.method = "PATCH";
  scale.path = "/apis/apps/v1/namespaces/default/deployments/kubia/scale";
  scale.contentType = "application/merge-patch+json";
  scale.body = Json::parse(R"({"spec":{"replicas":3}})");
  Response r = c.api().handle(scale);
  ASSERT_EQ(r.code, 200) << r.body.dump();
  EXPECT_EQ(r.body["kind"], "Scale");
  c.settle();
  c.advance(10000);
  auto pods = podsWithLabel(c, "kubia");
  ASSERT_EQ(pods.size(), 3u);
  std::set<std::string> nodes;
  for (const auto& p : pods) {
    EXPECT_EQ(p->status.phase, "Running");
    nodes.insert(p->spec.nodeName);
  }
  EXPECT_EQ(nodes.size(), 3u);
}

TEST(Cluster, DeletedPodIsReplacedWithNewNameAndIp) {
  Cluster c;
  post(c, "/apis/apps/v1/namespaces/default/deployments", deploymentJson("kubia", "hyooo/kubia", 3));
  c.advance(10000);
  auto before = podsWithLabel(c, "kubia");
  ASSERT_EQ(before.size(), 3u);
  auto victim = before[0];
  EXPECT_TRUE(c.api().remove(*resourceForKind("Pod"), "default", victim->metadata.name).ok());
  c.settle();
  // Terminating for the grace period (kubia ignores SIGTERM), replacement already created.
  EXPECT_NE(c.store().get<Pod>("default", victim->metadata.name), nullptr);
  EXPECT_EQ(podsWithLabel(c, "kubia").size(), 4u);
  c.advance(31000);
  auto after = podsWithLabel(c, "kubia");
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(c.store().get<Pod>("default", victim->metadata.name), nullptr);
  for (const auto& p : after) {
    EXPECT_NE(p->metadata.name, victim->metadata.name);
    EXPECT_EQ(p->status.phase, "Running");
    if (std::none_of(before.begin(), before.end(), [&](const Ptr<Pod>& b) { return b->metadata.name == p->metadata.name; }))
      EXPECT_NE(p->status.podIP, victim->status.podIP);
  }
}

TEST(Cluster, LoadBalancerGetsAnExternalIpAndAnswers) {
  Cluster c;
  post(c, "/apis/apps/v1/namespaces/default/deployments", deploymentJson("kubia", "hyooo/kubia", 3));
  auto svc = Json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"kubia-http"},
    "spec":{"type":"LoadBalancer","selector":{"app":"kubia"},"ports":[{"port":8080,"targetPort":8080}]}})");
  auto resp = post(c, "/api/v1/namespaces/default/services", svc);
  ASSERT_EQ(resp.code, 201) << resp.body.dump();
  auto s = c.store().get<Service>("default", "kubia-http");
  EXPECT_TRUE(s->status.loadBalancerIngress.empty());
  EXPECT_GE(s->spec.ports[0].nodePort, 30000);
  c.advance(10000);
  s = c.store().get<Service>("default", "kubia-http");
  ASSERT_EQ(s->status.loadBalancerIngress.size(), 1u);
  std::string ip = s->status.loadBalancerIngress[0].ip;
  std::set<std::string> answers;
  for (int i = 0; i < 30; i++) {
    auto r = c.network().httpGet(ip + ":8080");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.body.rfind("You've hit kubia-", 0), 0u);
    answers.insert(r.body);
  }
  EXPECT_EQ(answers.size(), 3u);  // kube-proxy spreads requests at random
  auto bad = c.network().httpGet(ip + ":9999");
  EXPECT_FALSE(bad.ok);
}

TEST(Cluster, UnknownImageFailsToPullThenBacksOff) {
  Cluster c;
  post(c, "/apis/apps/v1/namespaces/default/deployments", deploymentJson("nope", "hyooo/does-not-exist", 1));
  // The waiting reasons the pod shows over time, each change recorded once.
  std::vector<std::string> reasons;
  for (int i = 0; i < 600; i++) {  // one minute in 100 ms steps
    c.advance(100);
    auto pods = podsWithLabel(c, "nope");
    ASSERT_EQ(pods.size(), 1u);
    EXPECT_EQ(pods[0]->status.phase, "Pending");
    const auto& st = pods[0]->status.containerStatuses;
    std::string r = st.empty() ? "" : st[0].state.reason;
    if (reasons.empty() || reasons.back() != r) reasons.push_back(r);
  }
  // Creating, then the pull fails, then the kubelet backs off and retries (10 s, 20 s, ...).
  ASSERT_GE(reasons.size(), 5u);
  EXPECT_EQ(reasons[0], "ContainerCreating");
  EXPECT_EQ(reasons[1], "ErrImagePull");
  EXPECT_EQ(reasons[2], "ImagePullBackOff");
  EXPECT_EQ(reasons[3], "ErrImagePull");
  EXPECT_EQ(reasons[4], "ImagePullBackOff");
  Client client(c.api(), c.clock());
  auto events = client.eventsFor(*podsWithLabel(c, "nope")[0]);
  ASSERT_TRUE(events.ok());
  bool failed = false;
  for (const auto& e : events.value)
    if (e->reason == "Failed" && e->message.find("pull access denied for hyooo/does-not-exist") != std::string::npos)
      failed = true;
  EXPECT_TRUE(failed);
}

TEST(Cluster, SameSeedSameCluster) {
  auto run = [](uint64_t seed) {
    ClusterOptions o;
    o.seed = seed;
    Cluster c(o);
    post(c, "/apis/apps/v1/namespaces/default/deployments", deploymentJson("kubia", "hyooo/kubia", 3));
    c.advance(12345);
    Json all = Json::array();
    for (const auto& p : c.store().list<Pod>()) all.push_back(p->toJson());
    return all.dump();
  };
  EXPECT_EQ(run(7), run(7));
  EXPECT_NE(run(7), run(8));
}

}  // namespace
}  // namespace kp
