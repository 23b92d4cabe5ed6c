// The node agents: one kubelet per node, simulated together. A pod bound to a node goes
// through sandbox creation (its IP), image pulls (Pulling/Pulled, ErrImagePull and
// ImagePullBackOff with the real back-off), container create/start, restarts with
// CrashLoopBackOff, and graceful termination; the container logs live here.
#pragma once
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/apiserver/apiserver.h"
#include "core/sim/workqueue.h"

namespace kp {

class Cluster;
struct WatchEvent;

// Go's time.Duration.String() for a whole number of milliseconds: "512ms", "3.812s", "1m2.5s".
std::string goDuration(Time millis);

class Kubelets {
 public:
  explicit Kubelets(Cluster& cluster);
  bool syncAll();
  // GET .../pods/<name>/log (container, tailLines, previous).
  Response logs(const Pod& pod, const Request& req);
  // Appends a line to a running container's log (the image logging a request).
  void appendLog(const std::string& podUid, const std::string& container, const std::string& line);
  // Marks a pod created at bootstrap as already running (static and system pods).
  void adoptRunning(const Pod& pod);
  bool imagePresent(const std::string& node, const std::string& image) const;
  // Puts an image on a node without pulling it (minikube's preloaded images).
  void preload(const std::string& node, const std::string& image);
  // The node's machine stopped: its kubelet does nothing (no status, no kills) until startNode.
  void stopNode(const std::string& node);
  // The machine is back: every pod bound there is set up again (new sandbox, containers
  // restarted) and the pods deleted meanwhile finish terminating.
  void startNode(const std::string& node);
  bool nodeStopped(const std::string& node) const { return stoppedNodes_.count(node) > 0; }

 private:
  struct ContainerRun {
    std::string image;
    bool pulled = false, pulling = false, created = false, running = false;
    int pullFailures = 0;
    Time backoffUntil = 0;
    int restarts = 0;
    Time startedAt = kNoTime;
    std::vector<std::string> logs, previousLogs;
    std::string containerId;
    std::string waitReason, waitMessage;  // why it is not running (empty: ContainerCreating)
    ContainerState lastTerminated;
    bool exited = false;  // terminated for good (restartPolicy Never/OnFailure)
  };
  struct PodRun {
    std::string key, node, ip;
    bool sandboxReady = false, sandboxPending = false, killing = false, hostNetwork = false;
    std::map<std::string, ContainerRun> containers;
  };
  void onEvent(const WatchEvent& e);
  void syncPod(const std::string& key);
  void startPull(const std::string& uid, const std::string& container);
  void startContainer(const std::string& uid, const std::string& container);
  void updateStatus(const std::string& uid);
  void kill(const std::string& uid);

  Cluster& cluster_;
  WorkQueue queue_;
  std::unordered_map<std::string, PodRun> pods_;             // by pod uid
  std::map<std::string, std::set<std::string>> nodeImages_;  // node -> image references present
  std::set<std::string> stoppedNodes_;
  // pod uid -> container -> restart count and last state to resume from when the machine is back
  std::map<std::string, std::map<std::string, std::pair<int, ContainerState>>> restartsAcrossStop_;
};

}  // namespace kp
