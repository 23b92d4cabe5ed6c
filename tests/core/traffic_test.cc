// The traffic generator and the request counters: steady requests to a service from outside,
// counted per service and per answering pod, failures (no endpoints, 5xx) counted as such,
// the `traffic` console command and its errors.
#include <gtest/gtest.h>

#include "core/network/network.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

class TrafficTest : public ConsoleFixture {
 protected:
  void walkthrough() {
    run("kubectl create deployment kubia --image=hyooo/kubia --replicas=3 --port=8080");
    run("kubectl expose deployment kubia --type=LoadBalancer --name kubia-http --port=8080");
    run("sleep 40");
  }
  uint64_t podTotal() {
    uint64_t n = 0;
    for (auto& p : cluster.store().list<Pod>())
      if (auto* c = cluster.network().podRequests(p->metadata.namespace_ + "/" + p->metadata.name)) n += c->ok + c->failed;
    return n;
  }
};

TEST_F(TrafficTest, SpreadsRequestsOverTheReadyPodsAtTheGivenRate) {
  walkthrough();
  std::string lb;
  for (auto& in : cluster.store().get<Service>("default", "kubia-http")->status.loadBalancerIngress) lb = in.ip;
  ASSERT_FALSE(lb.empty());
  EXPECT_EQ(run("traffic kubia-http 10"), "traffic to service/kubia-http (http://" + lb + ":8080/): 10 requests/s\n");
  EXPECT_EQ(cluster.network().trafficRate("default", "kubia-http"), 10);
  run("sleep 10");
  const RequestCounters* svc = cluster.network().serviceRequests("default/kubia-http");
  ASSERT_NE(svc, nullptr);
  // One at once, then one every 100 ms: 101 in ten seconds (the last one lands at +10 s).
  EXPECT_GE(svc->ok, 100u);
  EXPECT_LE(svc->ok, 101u);
  EXPECT_EQ(svc->failed, 0u);
  EXPECT_EQ(podTotal(), svc->ok);
  // kube-proxy picks at random: every one of the three pods answered some.
  int answering = 0;
  for (auto& p : cluster.store().list<Pod>("default"))
    if (auto* c = cluster.network().podRequests("default/" + p->metadata.name); c && c->ok > 10) ++answering;
  EXPECT_EQ(answering, 3);
  // The generator's requests are traces the canvas draws, from the client through the LB.
  const RequestTrace& t = cluster.network().traces().back();
  EXPECT_EQ(t.service, "default/kubia-http");
  EXPECT_EQ(t.hops.front().kind, "client");
  EXPECT_EQ(t.hops[1].kind, "loadbalancer");
  EXPECT_EQ(t.status, 200);

  EXPECT_EQ(run("traffic kubia-http stop"), "traffic to service/kubia-http stopped\n");
  uint64_t before = svc->ok;
  run("sleep 5");
  EXPECT_EQ(cluster.network().serviceRequests("default/kubia-http")->ok, before);
  EXPECT_EQ(run("traffic"),
            "NAMESPACE   SERVICE      RATE   OK    FAILED\n"
            "default     kubia-http   -      " + std::to_string(before) + std::string(before >= 100 ? "   " : "    ") + "0\n");
}

TEST_F(TrafficTest, RequestsWithoutEndpointsFailAndAreCountedAsFailed) {
  walkthrough();
  run("traffic kubia-http 2");
  run("kubectl scale deploy kubia --replicas=0");
  run("sleep 40");  // the pods terminate (30 s grace); then connections are refused
  uint64_t failedBefore = cluster.network().serviceRequests("default/kubia-http")->failed;
  run("sleep 5");
  const RequestCounters* svc = cluster.network().serviceRequests("default/kubia-http");
  EXPECT_EQ(svc->failed - failedBefore, 10u);  // 2/s for 5 s, all refused
  EXPECT_FALSE(cluster.network().traces().back().ok);
  EXPECT_EQ(cluster.network().traces().back().error.find("Failed to connect"), 0u);
}

TEST_F(TrafficTest, ListsRatesAndRefusesBadInputWithoutChangingAnything) {
  run("kubectl create deployment web --image=nginx --port=80");
  run("kubectl expose deployment web --port=80");  // ClusterIP: no way in from outside
  EXPECT_EQ(run("traffic web 5", 1),
            "traffic: service web has no address outside the cluster (type ClusterIP); expose it with "
            "--type=NodePort or --type=LoadBalancer\n");
  EXPECT_EQ(run("traffic nope 5", 1), "traffic: services \"nope\" not found\n");
  for (const char* bad : {"traffic web -1", "traffic web 51", "traffic web fast", "traffic web 1e999", "traffic web 0.01"})
    EXPECT_NE(run(bad, 2).find("traffic: invalid rate"), std::string::npos) << bad;
  EXPECT_NE(run("traffic web", 2).find("usage: traffic"), std::string::npos);
  EXPECT_NE(run("traffic -n", 2).find("needs a namespace"), std::string::npos);
  EXPECT_EQ(run("traffic"), "No requests yet. Start some with: traffic SERVICE 5\n");

  run("kubectl expose deployment web --type=NodePort --name web-np --port=80");
  run("sleep 30");
  run("traffic web-np 0.5");
  auto np = cluster.store().get<Service>("default", "web-np");
  std::string port = std::to_string(np->spec.ports[0].nodePort);
  EXPECT_EQ(cluster.network().externalUrl(*np), "http://192.168.49.2:" + port + "/");
  run("sleep 4");
  EXPECT_EQ(run("traffic"),
            "NAMESPACE   SERVICE   RATE    OK   FAILED\n"
            "default     web-np    0.5/s   3    0\n");
  // Deleting the service stops its generator.
  run("kubectl delete svc web-np");
  run("sleep 3");
  EXPECT_EQ(cluster.network().trafficRate("default", "web-np"), 0);
  // Another namespace.
  run("kubectl create namespace lab");
  EXPECT_EQ(run("traffic -n lab web 1", 1), "traffic: services \"web\" not found\n");
}

}  // namespace
}  // namespace kp
