// The activity log: "what happened in the background" after each console command, as a chain
// of steps between the control-plane components (kubectl's REST call to the API server, the
// object stored in etcd, a controller noticing it and writing more objects, the scheduler
// binding a pod, the kubelet pulling and starting containers, the endpoints controller and
// kube-proxy following the ready pods).
//
// Sources: the API server's REST handler (client requests), its store (every write, with the
// component that made it), its event recorder (the kubelet's Pulling/Pulled/Created/Started
// and warnings) and small scopes that the components open around their work to say who writes.
// A write made outside any scope is attributed from the object (a pod's status to the kubelet
// of its node, anything else to the controller manager).
//
// Grouping is an approximation: a console command starts a group and every step recorded until
// the next command belongs to it, including background work that the command did not cause
// (a crash-looping pod's restarts, a node going NotReady). Memory is bounded: kMaxSteps steps
// per group (later ones are only counted) and the last kMaxGroups groups. Time comes only from
// the simulated clock, so the log is deterministic.
#pragma once
#include <cstdint>
#include <deque>
#include <set>
#include <string>
#include <vector>

#include "core/api/types.h"

namespace kp {

class Clock;
class Store;
struct WatchEvent;

struct ActivityStep {
  Time time = 0;
  // Component ids: "client" (kubectl), "kube-apiserver", "etcd", "kube-scheduler",
  // "kube-controller-manager", "kubelet/NODE", "kube-proxy/NODE". target == actor for work a
  // component does by itself (pulling an image, starting a container).
  std::string actor, target;
  // request, store, watch, bind, status, pull, pulled, create, start, kill, warning, ...
  std::string kind;
  std::string text;
};

struct ActivityGroup {
  uint64_t id = 0;        // 1, 2, ... in command order
  std::string command;    // the console line
  Time start = 0;         // simulated time the command started
  std::vector<ActivityStep> steps;
  size_t dropped = 0;     // steps beyond kMaxSteps, not kept
  std::set<std::string> noticed;  // actor + subject pairs already shown as a watch step
};

class ActivityLog {
 public:
  static constexpr size_t kMaxSteps = 400;
  static constexpr size_t kMaxGroups = 24;

  explicit ActivityLog(const Clock& clock) : clock_(clock) {}

  // A console command starts: the steps from now on belong to it.
  void beginCommand(const std::string& line);
  // Appends a step to the current group (nothing happens before the first command).
  void record(const std::string& actor, const std::string& target, const std::string& kind,
              const std::string& text);

  const std::deque<ActivityGroup>& groups() const { return groups_; }
  const ActivityGroup* latest() const { return groups_.empty() ? nullptr : &groups_.back(); }
  const ActivityGroup* group(uint64_t id) const;
  // Changes whenever a step or a group is added (front ends redraw on change).
  uint64_t revision() const { return revision_; }

  // Who is writing: opened by a component around its work. `who` names the part of the
  // component ("deployment controller"); `subject` the object it reacts to ("Deployment
  // default/kubia"): its first write in a group is preceded by a watch step from the API server.
  class Scope {
   public:
    Scope(ActivityLog& log, std::string actor, std::string who, std::string subject = "");
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    ActivityLog& log_;
  };

  // ---- hooks of the API server
  // A REST call starts (kubectl); returns a handle for requestDone with the response code.
  size_t requestBegin(const std::string& verb, const std::string& path);
  void requestDone(size_t handle, int code);
  // Every store change (called from the API server's own watcher, before the components').
  void onStore(const WatchEvent& e, const Store& store);
  // An Event was recorded.
  void onEvent(const Object& about, const std::string& type, const std::string& reason,
               const std::string& message, const std::string& component, const std::string& host);
  // The next store write is a status subresource write.
  void markStatusWrite(bool on) { statusWrite_ = on; }

 private:
  struct Frame {
    std::string actor, who, subject;
    bool rest = false;  // a REST call: its request step is already recorded
  };
  void notice(const Frame& f);

  const Clock& clock_;
  std::deque<ActivityGroup> groups_;
  std::vector<Frame> frames_;
  uint64_t nextId_ = 1, revision_ = 0;
  bool statusWrite_ = false;
};

}  // namespace kp
