// The view model's pod status (kubectl's STATUS column) and helpers (web/view_model.h,
// web/status_bar.h): table-driven, one name per case.
#include "web/view_model.h"

#include <gtest/gtest.h>

#include "tests/core/console_fixture.h"
#include "web/status_bar.h"

namespace kp {
namespace {

Pod podWith(const std::string& phase, const std::string& waiting, const std::string& terminated, bool running,
            bool ready, bool deleting) {
  Pod p;
  p.metadata.name = "kubia-abc";
  p.status.phase = phase;
  p.spec.containers.push_back(Container{});
  ContainerStatus cs;
  if (!waiting.empty()) {
    cs.state.hasWaiting = true;
    cs.state.reason = waiting;
  } else if (!terminated.empty()) {
    cs.state.hasTerminated = true;
    cs.state.reason = terminated;
  } else if (running) {
    cs.state.hasRunning = true;
  }
  cs.ready = ready;
  if (waiting.empty() && terminated.empty() && !running) {
    // no status yet
  } else {
    p.status.containerStatuses.push_back(cs);
  }
  if (deleting) p.metadata.deletionTimestamp = 1;
  return p;
}

struct StatusCase {
  const char* name;
  Pod pod;
  std::string status;
  PodLook look;
};

class PodStatus : public testing::TestWithParam<StatusCase> {};

TEST_P(PodStatus, MatchesKubectl) {
  std::string s = podStatusText(GetParam().pod);
  EXPECT_EQ(s, GetParam().status);
  EXPECT_EQ(podLook(GetParam().pod, s), GetParam().look);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PodStatus,
    testing::Values(
        StatusCase{"pending_unscheduled", podWith("Pending", "", "", false, false, false), "Pending", PodLook::Pending},
        StatusCase{"container_creating", podWith("Pending", "ContainerCreating", "", false, false, false),
                   "ContainerCreating", PodLook::Creating},
        StatusCase{"err_image_pull", podWith("Pending", "ErrImagePull", "", false, false, false), "ErrImagePull",
                   PodLook::Error},
        StatusCase{"image_pull_backoff", podWith("Pending", "ImagePullBackOff", "", false, false, false),
                   "ImagePullBackOff", PodLook::Error},
        StatusCase{"running_ready", podWith("Running", "", "", true, true, false), "Running", PodLook::Running},
        StatusCase{"running_not_ready", podWith("Running", "", "", true, false, false), "Running",
                   PodLook::NotReady},
        StatusCase{"crash_loop", podWith("Running", "CrashLoopBackOff", "", false, false, false), "CrashLoopBackOff",
                   PodLook::Error},
        StatusCase{"completed", podWith("Succeeded", "", "Completed", false, false, false), "Completed",
                   PodLook::Succeeded},
        StatusCase{"terminating", podWith("Running", "", "", true, true, true), "Terminating",
                   PodLook::Terminating}),
    [](const testing::TestParamInfo<StatusCase>& i) { return std::string(i.param.name); });

TEST(StatusBar, FormatsTheSimulatedClock) {
  EXPECT_EQ(formatClock(1767225600000), "2026-01-01 00:00:00");
  EXPECT_EQ(formatClock(1767225600000 + 3723000), "2026-01-01 01:02:03");
  EXPECT_EQ(formatClock(951782400000), "2000-02-29 00:00:00");
  EXPECT_EQ(formatClock(0), "1970-01-01 00:00:00");
}

}  // namespace
}  // namespace kp

namespace kp {
namespace {

// A rebuild after a write reuses the views of pods whose store object did not change and
// makes the changed pod's again; the picture (statuses, node sums, endpoints) is the same as
// a build from scratch.
class ViewModelRebuild : public ConsoleFixture {};

TEST_F(ViewModelRebuild, ReusesUnchangedPodsAndMatchesAFreshBuild) {
  run("kubectl apply -f - <<EOF\n"
      "apiVersion: apps/v1\n"
      "kind: Deployment\n"
      "metadata:\n"
      "  name: kubia\n"
      "spec:\n"
      "  replicas: 3\n"
      "  selector:\n"
      "    matchLabels:\n"
      "      app: kubia\n"
      "  template:\n"
      "    metadata:\n"
      "      labels:\n"
      "        app: kubia\n"
      "    spec:\n"
      "      containers:\n"
      "      - name: kubia\n"
      "        image: hyooo/kubia\n"
      "        ports:\n"
      "        - containerPort: 8080\n"
      "        resources:\n"
      "          requests:\n"
      "            cpu: 100m\n"
      "            memory: 64Mi\n"
      "EOF");
  run("kubectl expose deployment kubia --port=8080");
  cluster.advance(120000);
  ViewModel vm = buildViewModel(cluster);
  std::vector<const PodView*> kubia;
  for (auto& p : vm.pods)
    if (p.owner.rfind("kubia-", 0) == 0 && p.look == PodLook::Running) kubia.push_back(&p);
  ASSERT_EQ(kubia.size(), 3u);
  const std::string changed = kubia[0]->name, same = kubia[1]->name;
  const Pod* sameObject = kubia[1]->source.get();
  const char* sameKeyBuffer = kubia[1]->key.data();  // a long key lives on the heap; a move keeps it
  run("kubectl label pod " + changed + " tier=web");
  ASSERT_NE(vm.storeVersion, cluster.store().resourceVersion());

  updateViewModel(cluster, vm);
  ViewModel fresh = buildViewModel(cluster);
  EXPECT_EQ(vm.podByName(same)->source.get(), sameObject);
  EXPECT_EQ(vm.podByName(same)->key.data(), sameKeyBuffer);  // moved over, not made again
  EXPECT_NE(vm.podByName(changed)->source.get(), nullptr);
  EXPECT_EQ(vm.podByName(changed)->source, cluster.store().get<Pod>("default", changed));
  ASSERT_EQ(vm.pods.size(), fresh.pods.size());
  for (size_t i = 0; i < vm.pods.size(); i++) {
    EXPECT_EQ(vm.pods[i].key, fresh.pods[i].key);
    EXPECT_EQ(vm.pods[i].status, fresh.pods[i].status) << vm.pods[i].key;
    EXPECT_EQ(vm.pods[i].node, fresh.pods[i].node) << vm.pods[i].key;
    EXPECT_EQ(vm.pods[i].ip, fresh.pods[i].ip) << vm.pods[i].key;
  }
  ASSERT_EQ(vm.nodes.size(), fresh.nodes.size());
  int64_t cpu = 0;
  for (size_t i = 0; i < vm.nodes.size(); i++) {
    EXPECT_EQ(vm.nodes[i].cpuRequestedMilli, fresh.nodes[i].cpuRequestedMilli) << vm.nodes[i].name;
    EXPECT_EQ(vm.nodes[i].memRequestedBytes, fresh.nodes[i].memRequestedBytes) << vm.nodes[i].name;
    EXPECT_EQ(vm.nodes[i].podsScheduled, fresh.nodes[i].podsScheduled) << vm.nodes[i].name;
    cpu += vm.nodes[i].cpuRequestedMilli;
  }
  EXPECT_GE(cpu, 300);  // the three kubia pods' requests are counted on their nodes
  EXPECT_EQ(vm.podsRunning, fresh.podsRunning);
  ASSERT_EQ(vm.services.size(), fresh.services.size());
  for (size_t i = 0; i < vm.services.size(); i++) {
    EXPECT_EQ(vm.services[i].endpoints, fresh.services[i].endpoints) << vm.services[i].key;
    EXPECT_EQ(vm.services[i].notReadyEndpoints, fresh.services[i].notReadyEndpoints) << vm.services[i].key;
  }
  const ServiceView* svc = nullptr;
  for (auto& s : vm.services)
    if (s.name == "kubia") svc = &s;
  ASSERT_NE(svc, nullptr);
  EXPECT_EQ(svc->endpoints.size(), 3u);
}

}  // namespace
}  // namespace kp
