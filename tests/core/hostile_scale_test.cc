// Numbers a learner can type that would make a naive simulation run to the end inside one
// command: a huge replica count, a flood of pods for the scheduler, a store filled up. Each
// case asserts that the console answers at once, that the cluster does only a bounded amount
// of work per simulated second (burst_limiter.h, the scheduler's window), and that it stays
// usable: what a real cluster shows and does.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/apiserver/apiserver.h"
#include "core/controllers/burst_limiter.h"
#include "core/scheduler/scheduler.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

using ::testing::HasSubstr;

class HostileScale : public ConsoleFixture {
 protected:
  size_t podsLabelled(const std::string& app) {
    size_t n = 0;
    for (const auto& p : cluster.store().list<Pod>("default")) {
      auto it = p->metadata.labels.find("app");
      if (it != p->metadata.labels.end() && it->second == app) n++;
    }
    return n;
  }
};

TEST_F(HostileScale, HugeReplicaCountAnswersAtOnceAndGrowsBurstByBurst) {
  EXPECT_EQ(run("kubectl create deployment probe --image=nginx --replicas=2147483647"),
            "deployment.apps/probe created\n");
  // The command ends after the first burst; the rest comes as the clock runs.
  EXPECT_EQ(podsLabelled("probe"), static_cast<size_t>(BurstLimiter::kBurst));
  EXPECT_THAT(run("kubectl get deploy probe"), HasSubstr("probe   0/2147483647   "));
  // Go's int32 arithmetic wraps replicas + maxSurge (25%) in the ReplicaSet's annotation.
  EXPECT_EQ(run("kubectl get rs -l app=probe -o jsonpath='{.items[0].metadata.annotations.deployment\\.kubernetes\\.io/max-replicas}'"),
            "-1610612737");
  run("sleep 1");
  // One burst per 100 ms window (the controllers are busy, so each window has its pass): ten
  // more in a second.
  EXPECT_EQ(podsLabelled("probe"), 11u * BurstLimiter::kBurst);
  EXPECT_THAT(run("kubectl get nodes"), HasSubstr("minikube-m02"));
  // Deleting it works, and the collector takes the pods away burst by burst too.
  EXPECT_EQ(run("kubectl delete deploy probe"), "deployment.apps \"probe\" deleted\n");
  run("sleep 45");
  EXPECT_EQ(podsLabelled("probe"), 0u);
  EXPECT_EQ(run("kubectl get rs -l app=probe", 0), "No resources found in default namespace.\n");
}

TEST_F(HostileScale, ScaleDownOfManyPodsIsBurstByBurst) {
  run("kubectl create deployment web --image=nginx --replicas=1200");
  run("sleep 2");
  ASSERT_EQ(podsLabelled("web"), 1200u);
  run("kubectl scale deploy web --replicas=0");
  // The ReplicaSet deletes at most a burst at once (unscheduled pods first; they go at once,
  // bound ones terminate gracefully).
  auto live = [&] {
    size_t n = 0;
    for (const auto& p : cluster.store().list<Pod>("default"))
      if (p->metadata.deletionTimestamp == kNoTime) n++;
    return n;
  };
  EXPECT_EQ(live(), 1200u - BurstLimiter::kBurst);
  // The next burst: after the window, at the controller manager's next pass (an idle
  // controller manager collects work for 100 ms before it runs).
  cluster.advance(BurstLimiter::kBurstWindow);
  EXPECT_EQ(live(), 1200u - BurstLimiter::kBurst);
  cluster.advance(100);
  EXPECT_EQ(live(), 1200u - 2 * BurstLimiter::kBurst);
  run("sleep 40");
  EXPECT_EQ(podsLabelled("web"), 0u);
}

TEST_F(HostileScale, SchedulerWorksOffAFloodWindowByWindow) {
  for (const char* name : {"a", "b", "c"})
    run(std::string("kubectl create deployment ") + name + " --image=nginx --replicas=500");
  // The three commands ran at the same instant: one window of scheduling attempts.
  auto attempted = [&] {
    size_t n = 0;
    for (const auto& p : cluster.store().list<Pod>("default"))
      for (const auto& c : p->status.conditions)
        if (c.type == "PodScheduled") n++;
    return n;
  };
  EXPECT_EQ(attempted(), static_cast<size_t>(Scheduler::kAttemptsPerWindow));
  run("sleep 1");
  EXPECT_EQ(attempted(), 1500u);
  // The cluster holds 4 x 110 pods; the rest wait, with upstream's message.
  EXPECT_THAT(run("kubectl get events --field-selector reason=FailedScheduling -o jsonpath='{.items[0].message}'"),
              HasSubstr("Too many pods"));
}

TEST_F(HostileScale, FullStoreRefusesCreatesAndStaysUsable) {
  ApiServer& api = cluster.api();
  const size_t quota = api.objectCount() + 30;
  api.setStorageLimits(quota, ApiServer::kMaxEvents);
  run("kubectl create deployment fill --image=nginx --replicas=100");
  EXPECT_EQ(api.objectCount(), quota);
  EXPECT_LT(podsLabelled("fill"), 30u);
  EXPECT_THAT(run("kubectl describe rs -l app=fill"),
              HasSubstr("Error creating: etcdserver: mvcc: database space exceeded"));
  EXPECT_EQ(run("kubectl create configmap c --from-literal=a=b", 1),
            "error: failed to create configmap: etcdserver: mvcc: database space exceeded\n");
  EXPECT_EQ(run("kubectl run solo --image=nginx", 1), "Error from server: etcdserver: mvcc: database space exceeded\n");
  // Reads, updates and deletes go on; once the space is freed, creates work again.
  EXPECT_THAT(run("kubectl get deploy fill"), HasSubstr("fill   0/100"));
  run("kubectl label deploy fill tier=web");
  run("kubectl delete deploy fill");
  run("sleep 45");
  EXPECT_EQ(run("kubectl create configmap c --from-literal=a=b"), "configmap/c created\n");
}

TEST_F(HostileScale, EventsAreARingOfTheNewest) {
  cluster.api().setStorageLimits(ApiServer::kObjectQuota, 60);
  run("kubectl create deployment many --image=nginx --replicas=40");
  run("sleep 30");
  EXPECT_LE(cluster.store().count(*resourceForKind("Event")), 60u);
  // The newest survive: the last pod's start is still there.
  EXPECT_THAT(run("kubectl get events --sort-by=.lastTimestamp"), HasSubstr("Started"));
}

}  // namespace
}  // namespace kp
