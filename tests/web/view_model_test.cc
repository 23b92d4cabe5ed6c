// The view model's pod status (kubectl's STATUS column) and helpers (web/view_model.h,
// web/status_bar.h): table-driven, one name per case.
#include "web/view_model.h"

#include <gtest/gtest.h>

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
