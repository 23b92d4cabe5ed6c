// The components are built from narrow parts (ComponentParts: a store to read, the API
// writer, timers, the RNG; named peers by interface), so each is tested here against an API
// server restored from the golden fixture, with no Cluster around it.
#include <gtest/gtest.h>

#include "core/apiserver/apiserver.h"
#include "core/apiserver/store.h"
#include "core/base/clock.h"
#include "core/base/timers.h"
#include "core/controllers/controllers.h"
#include "core/network/ipam.h"
#include "core/scheduler/scheduler.h"
#include "tests/core/golden_util.h"

namespace kp {
namespace {

// Hands out addresses from a fixed list, as the fixture's LoadBalancer had them.
class ListIpam : public LoadBalancerIpam {
 public:
  std::string allocateLoadBalancerIp() override { return "192.168.49.10" + std::to_string(next_++); }
  void releaseLoadBalancerIp(const std::string&) override {}

 private:
  int next_ = 0;
};

class ComponentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fx_ = testing::loadFixture("cluster.json");
    ASSERT_TRUE(fx_.error.empty()) << fx_.error;
    clock_ = std::make_unique<Clock>(fx_.now);
    api_ = std::make_unique<ApiServer>(*clock_, rng_);
    api_->restore({fx_.objects.begin(), fx_.objects.end()});
    timers_ = std::make_unique<Timers>(*clock_);
  }
  ComponentParts parts() { return {api_->store(), *api_, *timers_, rng_}; }
  std::shared_ptr<Pod> podNamed(const std::string& name) {
    auto pod = std::make_shared<Pod>();
    pod->metadata.name = name;
    pod->metadata.namespace_ = "default";
    Container c;
    c.name = "app";
    c.image = "nginx";
    pod->spec.containers.push_back(c);
    return pod;
  }

  testing::Fixture fx_;
  std::unique_ptr<Clock> clock_;
  Rng rng_{7};
  std::unique_ptr<ApiServer> api_;
  std::unique_ptr<Timers> timers_;
};

TEST_F(ComponentsTest, SchedulerBindsANewPodToTheOnlyReadySchedulableNode) {
  // The fixture's node-2 is cordoned and node-3 NotReady (tainted): node-1 is the only choice.
  Scheduler scheduler(parts());
  ASSERT_TRUE(api_->create(podNamed("fresh")).ok());
  scheduler.scheduleAll();
  auto pod = api_->store().get<Pod>("default", "fresh");
  ASSERT_NE(pod, nullptr);
  EXPECT_EQ(pod->spec.nodeName, "node-1");
  bool scheduled = false;
  for (const auto& e : api_->store().list<Event>("default"))
    if (e->involvedObject.name == "fresh" && e->reason == "Scheduled") {
      scheduled = true;
      EXPECT_EQ(e->message, "Successfully assigned default/fresh to node-1");
    }
  EXPECT_TRUE(scheduled);
}

TEST_F(ComponentsTest, SchedulerLeavesAPodPendingWhenNoNodeFits) {
  Scheduler scheduler(parts());
  auto pod = podNamed("huge");
  pod->spec.nodeSelector["disk"] = "ssd";  // no node has the label
  ASSERT_TRUE(api_->create(pod).ok());
  scheduler.scheduleAll();
  auto got = api_->store().get<Pod>("default", "huge");
  ASSERT_NE(got, nullptr);
  EXPECT_EQ(got->spec.nodeName, "");
  bool failed = false;
  for (const auto& e : api_->store().list<Event>("default"))
    if (e->involvedObject.name == "huge" && e->reason == "FailedScheduling") failed = true;
  EXPECT_TRUE(failed);
}

TEST_F(ComponentsTest, ReplicationControllerGetsTheMissingPods) {
  ListIpam ipam;
  Controllers controllers(parts(), ipam);
  auto rc = std::make_shared<ReplicationController>();
  rc->metadata.name = "web";
  rc->metadata.namespace_ = "default";
  rc->spec.replicas = 2;
  rc->spec.selector = {{"app", "web"}};
  PodTemplateSpec tmpl;
  tmpl.metadata.labels = {{"app", "web"}};
  Container c;
  c.name = "web";
  c.image = "nginx";
  tmpl.spec.containers.push_back(c);
  rc->spec.template_ = tmpl;
  ASSERT_TRUE(api_->create(rc).ok());
  for (int i = 0; i < 10 && controllers.processAll(); i++) {
  }
  std::vector<Ptr<Pod>> pods;
  for (const auto& p : api_->store().list<Pod>("default"))
    if (p->metadata.labels.count("app") && p->metadata.labels.at("app") == "web") pods.push_back(p);
  ASSERT_EQ(pods.size(), 2u);
  for (const auto& p : pods) {
    EXPECT_EQ(p->metadata.generateName, "web-");
    ASSERT_EQ(p->metadata.ownerReferences.size(), 1u);
    EXPECT_EQ(p->metadata.ownerReferences[0].name, "web");
  }
}

}  // namespace
}  // namespace kp
