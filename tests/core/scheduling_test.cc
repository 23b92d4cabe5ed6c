// The scheduler's answer to a pod no node can hold, through the console: applied from a
// here-document, it stays Pending and the FailedScheduling event carries the upstream text
// (schedule_one.go's FitError with the preemption post-filter's summary).
#include <gtest/gtest.h>

#include "core/shell/shell.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

class Scheduling : public ConsoleFixture {};

constexpr const char* kHungryPod =
    "cat <<EOF | kubectl apply -f -\n"
    "apiVersion: v1\n"
    "kind: Pod\n"
    "metadata:\n"
    "  name: hungry\n"
    "spec:\n"
    "  containers:\n"
    "  - name: main\n"
    "    image: hyooo/kubia\n"
    "    resources:\n"
    "      requests:\n"
    "        cpu: \"3\"\n"
    "EOF";

TEST_F(Scheduling, MoreCpuThanAnyNodeStaysPendingWithTheUpstreamMessage) {
  EXPECT_EQ(run(kHungryPod), "pod/hungry created\n");
  cluster.advance(5000);
  EXPECT_EQ(run("kubectl get pod hungry -o jsonpath={.status.phase}"), "Pending");
  EXPECT_EQ(run("kubectl get pod hungry -o jsonpath={.spec.nodeName}"), "");
  const std::string message =
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
      "3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, "
      "3 No preemption victims found for incoming pod.";
  std::string describe = run("kubectl describe pod hungry");
  EXPECT_NE(describe.find("Warning  FailedScheduling"), std::string::npos) << describe;
  EXPECT_NE(describe.find(message), std::string::npos) << describe;
  EXPECT_NE(describe.find("PodScheduled   False"), std::string::npos) << describe;
  // A new node of the same size does not help: still Pending, now out of five nodes.
  run("minikube node add");
  cluster.advance(60000);
  EXPECT_EQ(run("kubectl get pod hungry -o jsonpath={.status.phase}"), "Pending");
  EXPECT_NE(run("kubectl describe pod hungry").find("0/5 nodes are available"), std::string::npos);
}

}  // namespace
}  // namespace kp
