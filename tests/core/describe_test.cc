// `kubectl describe` (core/kubectl/describe.cc) against golden output captured from real
// kubectl 1.32 over the same fixture objects (see tests/golden/README.md).
#include "core/kubectl/describe.h"

#include <gtest/gtest.h>

#include "core/apiserver/apiserver.h"
#include "core/kubectl/client.h"
#include "core/base/clock.h"
#include "tests/core/golden_util.h"

namespace kp {
namespace {

using testing::golden;
using testing::loadFixture;

struct DescribeCase {
  const char* golden;
  const char* resource;
  const char* ns;
  const char* name;
};

class DescribeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fx_ = loadFixture("cluster.json");
    ASSERT_TRUE(fx_.error.empty()) << fx_.error;
    clock_ = std::make_unique<Clock>(fx_.now);
    rng_ = std::make_unique<Rng>(1);
    api_ = std::make_unique<ApiServer>(*clock_, *rng_);
    api_->restore({fx_.objects.begin(), fx_.objects.end()});
    clock_->set(fx_.now);
  }
  testing::Fixture fx_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<Rng> rng_;
  std::unique_ptr<ApiServer> api_;
};

TEST_F(DescribeTest, MatchesRealKubectl) {
  const DescribeCase cases[] = {
      {"describe_pod_running_restarts.txt", "pods", "default", "kubia-5b4c7d8f9-x2x7k"},
      {"describe_pod_image_pull_backoff.txt", "pods", "default", "kubia-5b4c7d8f9-pullb"},
      {"describe_pod_terminating.txt", "pods", "default", "kubia-5b4c7d8f9-termn"},
      {"describe_pod_resources_env_probe.txt", "pods", "default", "kubia-manual"},
      {"describe_pod_unscheduled.txt", "pods", "default", "unscheduled"},
      {"describe_pod_completed.txt", "pods", "default", "batch-done"},
      {"describe_deployment.txt", "deployments", "default", "kubia"},
      {"describe_replicaset.txt", "replicasets", "default", "kubia-5b4c7d8f9"},
      {"describe_replicationcontroller.txt", "replicationcontrollers", "default", "kubia-rc"},
      {"describe_service_loadbalancer_pending.txt", "services", "default", "kubia-http"},
      {"describe_service_loadbalancer_ingress.txt", "services", "default", "kubia-lb"},
      {"describe_service_clusterip.txt", "services", "default", "kubernetes"},
      {"describe_service_nodeport.txt", "services", "default", "kubia-nodeport"},
      {"describe_node_control_plane.txt", "nodes", "", "node-1"},
      {"describe_node_scheduling_disabled.txt", "nodes", "", "node-2"},
      {"describe_node_not_ready.txt", "nodes", "", "node-3"},
      {"describe_endpoints.txt", "endpoints", "default", "kubia-http"},
      {"describe_namespace.txt", "namespaces", "", "default"},
  };
  Client client(*api_, *clock_);
  for (const auto& c : cases) {
    auto out = describe(client, *findResource(c.resource), c.ns, c.name);
    ASSERT_TRUE(out.ok()) << c.golden << ": " << out.status.message;
    EXPECT_EQ(out.value, golden(c.golden)) << c.golden;
  }
}

TEST_F(DescribeTest, NotFoundIsAnError) {
  Client client(*api_, *clock_);
  auto out = describe(client, *findResource("pods"), "default", "nope");
  EXPECT_FALSE(out.ok());
  EXPECT_EQ(out.status.reason, "NotFound");
}

TEST_F(DescribeTest, EmptyObjectsNeverCrash) {
  auto pod = std::make_shared<Pod>();
  pod->metadata.name = "bare";
  pod->metadata.namespace_ = "default";
  pod->metadata.deletionTimestamp = fx_.now;  // Terminating without a grace period
  pod->spec.containers.push_back(Container{});
  pod->spec.volumes = Json::array({Json::object(), {{"name", "v"}, {"projected", {{"sources", 3}}}}});
  pod->spec.containers[0].volumeMounts = Json("not a list");
  pod->spec.containers[0].livenessProbe = Json::object();
  auto dep = std::make_shared<Deployment>();
  dep->metadata.name = "bare";
  dep->metadata.namespace_ = "default";
  auto node = std::make_shared<Node>();
  node->metadata.name = "bare-node";
  api_->restore({pod, dep, node});
  Client client(*api_, *clock_);
  EXPECT_TRUE(describe(client, *findResource("pods"), "default", "bare").ok());
  EXPECT_TRUE(describe(client, *findResource("deployments"), "default", "bare").ok());
  EXPECT_TRUE(describe(client, *findResource("nodes"), "", "bare-node").ok());
}

}  // namespace
}  // namespace kp
