// The node agents: one kubelet per node, simulated together. A pod bound to a node goes
// through sandbox creation (its IP), image pulls (Pulling/Pulled, ErrImagePull and
// ImagePullBackOff with the real back-off), container create/start, restarts with
// CrashLoopBackOff, and graceful termination; the container logs live here.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/api/format.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/kubelet_api.h"
#include "core/kubelet/container_fs.h"
#include "core/kubelet/exec.h"
#include "core/network/network.h"
#include "core/kubelet/program.h"
#include "core/kubelet/probes.h"
#include "core/kubelet/usage.h"
#include "core/base/workqueue.h"

namespace kp {

struct WatchEvent;
class MetricsServer;
class ResourceMetrics;


class Kubelets : public KubeletApi, public PodServers {
 public:
  Kubelets(const ComponentParts& parts, Network& network);
  ~Kubelets() override;
  bool syncAll();
  // KubeletApi (kubelet_api.cc): the pods' log, exec, attach and portforward subresources.
  Response logs(const Pod& pod, const Request& req) override;
  Response exec(const Pod& pod, const Request& req) override;
  Response attach(const Pod& pod, const Request& req) override;
  Response portForward(const Pod& pod, const Request& req) override;
  // What commands run in this node's containers can reach (exec, probes).
  ContainerWorld world() const { return {store_, net_, *this}; }
  // Appends a line to a running container's log (the image logging a request).
  void appendLog(const std::string& podUid, const std::string& container, const std::string& line);
  // Marks a pod created at bootstrap as already running (static and system pods).
  void adoptRunning(const Pod& pod);
  bool imagePresent(const std::string& node, const std::string& image) const;
  // PodServers: an HTTP request reaching a pod's container port from clientIp: the image's
  // answer (and its log line), or status 0 when nothing listens there.
  PodHttpAnswer serveHttp(const Pod& pod, int port, const std::string& path, const std::string& clientIp) override;
  // Whether a container of the pod listens on port (a running server).
  bool listening(const Pod& pod, int port) const;
  // The files a container's own processes created (touch) and removed (rm).
  bool fileExists(const Pod& pod, const std::string& container, const std::string& path, bool* known) const;
  // The container instance's written files (kubectl cp, tar), or nullptr for an unknown container.
  // Commands exec'd in the container change them through a const kubelet view of the pod.
  ContainerFs* containerFs(const Pod& pod, const std::string& container) const;
  // The id of the running instance of a container (changes on each restart), 0 if not running.
  int runningInstance(const Pod& pod, const std::string& container) const;
  // What a follower of a container instance's log has not seen yet: the lines from the
  // `from`-th the instance logged on, with their times; `next` is what to ask for next time.
  // `running` turns false when the instance ended (or restarted: the follower is done).
  struct LogTail {
    std::vector<std::string> lines;
    std::vector<Time> times;
    uint64_t next = 0;
    bool running = false;
  };
  LogTail logSince(const std::string& podUid, const std::string& container, int instance, uint64_t from) const;
  // Puts an image on a node without pulling it (minikube's preloaded images).
  void preload(const std::string& node, const std::string& image);
  // The kubelet renews its node's lease (kube-node-lease/<node>) every kLeaseRenewInterval,
  // a quarter of the lease's duration, as the kubelet's node lease controller does.
  static constexpr Time kLeaseRenewInterval = 10000;
  static constexpr int kLeaseDurationSeconds = 40;
  // The node's machine stopped: its kubelet does nothing (no lease, no status, no kills) until
  // startNode.
  void stopNode(const std::string& node);
  // The machine is back: the kubelet starts, posts Ready, renews its lease, and every pod bound
  // there is set up again (new sandbox, containers restarted); the pods deleted meanwhile
  // finish terminating.
  void startNode(const std::string& node);
  bool nodeStopped(const std::string& node) const { return stoppedNodes_.count(node) > 0; }
  // The image pull under way for one of a pod's containers (the first one pulling): when it
  // started and when it is expected to finish; both kNoTime when nothing is being pulled or
  // the end is unknown (a pull that will fail). Read-only, for the canvas's progress ring.
  struct PullProgress {
    Time started = kNoTime, ends = kNoTime;
  };
  PullProgress pullProgress(const std::string& podUid) const;
  // The simulated clock, for what commands run in containers print (dig's WHEN).
  Time now() const { return timers_.now(); }
  // The requests each container served, for the usage model (metrics-server reads it).
  const UsageCounters& usage() const { return usage_; }
  // The metrics-server addon that scrapes the kubelets' resource metrics (idle until enabled).
  const ResourceMetrics& metricsServer() const;

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
    uint64_t logTotal = 0;  // lines this instance logged (logs keeps the last kMaxLogLines)
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
    mutable ContainerFs fs;  // see containerFs()
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
  // node_agent.cc: the node's lease and status.
  void onNodeEvent(const WatchEvent& e);
  void renewLease(const std::string& node, uint64_t generation);
  void postReady(const Node& node);
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

  const Store& store_;
  ApiWriter& api_;
  Timers& timers_;
  Rng& rng_;
  Network& net_;
  WorkQueue queue_;
  UsageCounters usage_;
  std::unique_ptr<MetricsServer> metricsServer_;
  std::unordered_map<std::string, PodRun> pods_;             // by pod uid
  // volumes.cc: what volumes hold, by "emptyDir:<pod uid>/<volume>", "hostPath:<node>:<path>"
  // or "pv:<PersistentVolume>", for as long as the volume lasts.
  std::map<std::string, std::shared_ptr<ContainerFs>> volumeData_;
  void mountVolumes(const Pod& pod, const Container& c, ContainerFs& fs);
  std::shared_ptr<ContainerFs> volumeFor(const Pod& pod, const Json& volume);
  void forgetPodVolumes(const std::string& podUid);
  std::map<std::string, std::set<std::string>> nodeImages_;  // node -> image references present
  std::set<std::string> stoppedNodes_;
  std::map<std::string, uint64_t> leaseLoops_;  // node -> generation of its renewal loop
  // Streams handed out (followed logs, exec, attach, port-forward) may outlive the kubelets.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  int watchId_ = 0;
  // pod uid -> container -> restart count and last state to resume from when the machine is back
  std::map<std::string, std::map<std::string, std::pair<int, ContainerState>>> restartsAcrossStop_;
};

}  // namespace kp
