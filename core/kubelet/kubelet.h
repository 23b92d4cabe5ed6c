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
#include "core/kubelet/program.h"
#include "core/kubelet/probes.h"
#include "core/base/workqueue.h"

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
  // An HTTP request reaching a pod's container port from clientIp: the image's answer (and its
  // log line), or status 0 when nothing listens there.
  struct HttpAnswer {
    int status = 0;
    std::string body;
  };
  HttpAnswer serveHttp(const Pod& pod, int port, const std::string& path, const std::string& clientIp);
  // Whether a container of the pod listens on port (a running server).
  bool listening(const Pod& pod, int port) const;
  // The files a container's own processes created (touch) and removed (rm).
  bool fileExists(const Pod& pod, const std::string& container, const std::string& path, bool* known) const;
  // The id of the running instance of a container (changes on each restart), 0 if not running.
  int runningInstance(const Pod& pod, const std::string& container) const;
  // Puts an image on a node without pulling it (minikube's preloaded images).
  void preload(const std::string& node, const std::string& image);
  // The node's machine stopped: its kubelet does nothing (no status, no kills) until startNode.
  void stopNode(const std::string& node);
  // The machine is back: every pod bound there is set up again (new sandbox, containers
  // restarted) and the pods deleted meanwhile finish terminating.
  void startNode(const std::string& node);
  bool nodeStopped(const std::string& node) const { return stoppedNodes_.count(node) > 0; }
  // The image pull under way for one of a pod's containers (the first one pulling): when it
  // started and when it is expected to finish; both kNoTime when nothing is being pulled or
  // the end is unknown (a pull that will fail). Read-only, for the canvas's progress ring.
  struct PullProgress {
    Time started = kNoTime, ends = kNoTime;
  };
  PullProgress pullProgress(const std::string& podUid) const;

 private:
  struct ContainerRun {
    std::string image;
    bool pulled = false, pulling = false, created = false, running = false;
    int pullFailures = 0;
    Time pullStarted = kNoTime, pullEnds = kNoTime;  // the pull under way (pullProgress)
    Time backoffUntil = 0;
    int restarts = 0;
    Time startedAt = kNoTime;
    std::vector<std::string> logs, previousLogs;
    std::vector<Time> logTimes, previousLogTimes;  // when each line was written
    std::string containerId;
    std::string waitReason, waitMessage;  // why it is not running (empty: ContainerCreating)
    ContainerState lastTerminated;
    ContainerState olderTerminated;  // the termination before lastTerminated
    bool exited = false;  // terminated for good (restartPolicy Never/OnFailure)
    // The running instance: its program and where it is, the files it made, its probes.
    int instance = 0;
    Program program;
    size_t pc = 0;
    int lastStatus = 0;
    bool serving = false;
    int requests = 0;
    bool stopping = false;  // killed (liveness/startup failure), waiting for the process to end
    std::set<std::string> files, removed;
    bool ready = false, started = false;
    int liveFailures = 0, readyFailures = 0, readySuccesses = 0, startFailures = 0;
    // The kubelet's crash-loop back-off for this container (flowcontrol.Backoff entry).
    Time backoffMs = 0, backoffUpdated = kNoTime;
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
  // kubelet_kinds.cc: CreateContainerConfigError while a ConfigMap/Secret reference does not
  // resolve (retried).
  bool containerConfigReady(const std::string& uid, const std::string& container);
  // Lifecycle of a container instance (lifecycle.cc).
  void runProgram(const std::string& uid, const std::string& container, int instance);
  void containerExited(const std::string& uid, const std::string& container, int instance, int code,
                       const std::string& reason, const std::string& message = "");
  void afterExit(const std::string& uid, const std::string& container, int instance);
  void startProbes(const std::string& uid, const std::string& container, int instance);
  void probeTick(const std::string& uid, const std::string& container, int instance, ProbeKind kind);
  void killForProbe(const std::string& uid, const std::string& container, int instance, ProbeKind kind);
  void pushLog(ContainerRun& cr, const std::string& line);
  ContainerRun* findRun(const std::string& uid, const std::string& container, int instance);

  Cluster& cluster_;
  WorkQueue queue_;
  std::unordered_map<std::string, PodRun> pods_;             // by pod uid
  std::map<std::string, std::set<std::string>> nodeImages_;  // node -> image references present
  std::set<std::string> stoppedNodes_;
  // pod uid -> container -> restart count and last state to resume from when the machine is back
  std::map<std::string, std::map<std::string, std::pair<int, ContainerState>>> restartsAcrossStop_;
};

}  // namespace kp
