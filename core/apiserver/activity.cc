// The activity log's texts: one line per step, worded for someone learning what each
// component does (see activity.h for where the steps come from).
#include "core/apiserver/activity.h"

#include <algorithm>
#include <cctype>

#include "core/apiserver/store.h"
#include "core/base/clock.h"

namespace kp {

namespace {

std::string objName(const Object& o) {
  const auto& m = o.metadata;
  return m.namespace_.empty() ? m.name : m.namespace_ + "/" + m.name;
}

std::string describe(const Object& o) { return std::string(o.kind()) + " " + objName(o); }

int readyContainers(const Pod& p) {
  int n = 0;
  for (const auto& c : p.status.containerStatuses) n += c.ready ? 1 : 0;
  return n;
}

// What a status write says, in a few words.
std::string statusSummary(const Object& o) {
  std::string kind = o.kind();
  if (kind == "Pod") {
    const auto& p = static_cast<const Pod&>(o);
    std::string s = p.status.phase.empty() ? "Pending" : p.status.phase;
    for (const auto& c : p.status.containerStatuses) {
      if (c.state.hasWaiting && !c.state.reason.empty()) {
        s = c.state.reason;
        break;
      }
    }
    s += ", " + std::to_string(readyContainers(p)) + "/" + std::to_string(p.spec.containers.size()) + " ready";
    if (!p.status.podIP.empty()) s += ", IP " + p.status.podIP;
    return s;
  }
  if (kind == "ReplicaSet" || kind == "ReplicationController") {
    const auto& st = kind == "ReplicaSet" ? static_cast<const ReplicaSet&>(o).status
                                          : static_cast<const ReplicationController&>(o).status;
    return std::to_string(st.readyReplicas) + "/" + std::to_string(st.replicas) + " replicas ready";
  }
  if (kind == "Deployment") {
    const auto& st = static_cast<const Deployment&>(o).status;
    return std::to_string(st.readyReplicas) + "/" + std::to_string(st.replicas) + " replicas ready, " +
           std::to_string(st.updatedReplicas) + " up to date";
  }
  if (kind == "Service") {
    const auto& st = static_cast<const Service&>(o).status;
    if (!st.loadBalancerIngress.empty() && !st.loadBalancerIngress[0].ip.empty())
      return "load balancer ingress " + st.loadBalancerIngress[0].ip;
  }
  return "status updated";
}

std::string endpointsSummary(const Endpoints& ep) {
  size_t ready = 0, notReady = 0;
  for (const auto& s : ep.subsets) {
    ready += s.addresses.size();
    notReady += s.notReadyAddresses.size();
  }
  std::string t = std::to_string(ready) + (ready == 1 ? " ready address" : " ready addresses");
  if (notReady) t += ", " + std::to_string(notReady) + " not ready";
  return t;
}

std::string nodeOf(const Object& o) {
  if (std::string(o.kind()) == "Pod") return static_cast<const Pod&>(o).spec.nodeName;
  if (std::string(o.kind()) == "Node") return o.metadata.name;
  return "";
}

std::string actorForComponent(const std::string& component, const std::string& host) {
  if (component == "kubelet") return host.empty() ? "kubelet" : "kubelet/" + host;
  if (component == "default-scheduler") return "kube-scheduler";
  if (component == "kube-proxy") return host.empty() ? "kube-proxy" : "kube-proxy/" + host;
  return "kube-controller-manager";
}

std::string kindForReason(const std::string& type, const std::string& reason) {
  if (type == "Warning") return "warning";
  if (reason == "Pulling") return "pull";
  if (reason == "Pulled") return "pulled";
  if (reason == "Created") return "create";
  if (reason == "Started") return "start";
  if (reason == "Killing") return "kill";
  std::string k = reason;
  std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return k;
}

}  // namespace

void ActivityLog::beginCommand(const std::string& line) {
  ActivityGroup g;
  g.id = nextId_++;
  g.command = line.size() > 512 ? line.substr(0, 512) : line;
  g.start = clock_.now();
  groups_.push_back(std::move(g));
  while (groups_.size() > kMaxGroups) groups_.pop_front();
  revision_++;
}

const ActivityGroup* ActivityLog::group(uint64_t id) const {
  for (const auto& g : groups_)
    if (g.id == id) return &g;
  return nullptr;
}

void ActivityLog::record(const std::string& actor, const std::string& target, const std::string& kind,
                         const std::string& text) {
  if (groups_.empty()) return;
  auto& g = groups_.back();
  if (g.steps.size() >= kMaxSteps) {
    g.dropped++;
    return;
  }
  g.steps.push_back({clock_.now(), actor, target, kind, text.size() > 400 ? text.substr(0, 400) : text});
  revision_++;
}

ActivityLog::Scope::Scope(ActivityLog& log, std::string actor, std::string who, std::string subject) : log_(log) {
  log_.frames_.push_back({std::move(actor), std::move(who), std::move(subject), false});
}

ActivityLog::Scope::~Scope() {
  if (!log_.frames_.empty()) log_.frames_.pop_back();
}

void ActivityLog::notice(const Frame& f) {
  if (f.subject.empty() || groups_.empty()) return;
  auto& seen = groups_.back().noticed;
  if (seen.size() > 4 * kMaxSteps) return;
  if (!seen.insert(f.actor + "\x1f" + f.subject).second) return;
  record("kube-apiserver", f.actor, "watch", (f.who.empty() ? f.actor : f.who) + " notices " + f.subject);
}

size_t ActivityLog::requestBegin(const std::string& verb, const std::string& path) {
  frames_.push_back({"client", "kubectl", "", true});
  // A command that polls (wait, rollout status, get -w) repeats the same read: shown once.
  std::string text = verb + " " + path;
  if (!groups_.empty() && !groups_.back().steps.empty()) {
    const auto& last = groups_.back().steps.back();
    if (last.actor == "client" && last.kind == "request" && last.text.compare(0, text.size() + 1, text + " ") == 0)
      return 0;
  }
  if (groups_.empty()) return 0;
  size_t before = groups_.back().steps.size();
  record("client", "kube-apiserver", "request", text);
  size_t after = groups_.back().steps.size();
  return after > before ? after : 0;  // one past the step, 0 when not recorded
}

void ActivityLog::requestDone(size_t handle, int code) {
  if (!frames_.empty()) frames_.pop_back();
  if (handle == 0 || groups_.empty()) return;
  auto& steps = groups_.back().steps;
  if (handle > steps.size()) return;
  auto& s = steps[handle - 1];
  if (s.kind == "request" && s.actor == "client") s.text += " " + std::to_string(code);
}

void ActivityLog::onStore(const WatchEvent& e, const Store& store) {
  if (groups_.empty() || !e.object) return;
  const Object& o = *e.object;
  std::string kind = o.kind();
  // Events are shown through onEvent; EndpointSlices repeat what Endpoints say; a node's
  // lease renewal is the kubelet's heartbeat, not a step of anything.
  if (kind == "Event" || kind == "EndpointSlice" || kind == "Lease") return;
  if (groups_.back().steps.size() >= kMaxSteps) {  // full: only counted
    groups_.back().dropped++;
    return;
  }
  bool status = statusWrite_;
  const Frame* f = frames_.empty() ? nullptr : &frames_.back();

  // The write as the writing component's request.
  std::string verb, stepKind = "request";
  std::string what = describe(o);
  if (kind == "Endpoints" && e.type != WatchType::Deleted) {
    verb = (e.type == WatchType::Added ? "created " : "updated ") + what + ": " +
           endpointsSummary(static_cast<const Endpoints&>(o));
  } else if (e.type == WatchType::Added) {
    verb = "created " + what;
  } else if (e.type == WatchType::Deleted) {
    verb = "deleted " + what;
  } else if (kind == "Pod" && e.old && static_cast<const Pod&>(*e.old).spec.nodeName.empty() &&
             !static_cast<const Pod&>(o).spec.nodeName.empty()) {
    verb = "bound " + objName(o) + " to " + static_cast<const Pod&>(o).spec.nodeName;
    stepKind = "bind";
  } else if (e.old && e.old->metadata.deletionTimestamp == kNoTime && o.metadata.deletionTimestamp != kNoTime) {
    verb = "marked " + what + " for deletion";
    if (o.metadata.deletionGracePeriodSeconds && *o.metadata.deletionGracePeriodSeconds > 0)
      verb += " (grace period " + std::to_string(*o.metadata.deletionGracePeriodSeconds) + "s)";
  } else if (status) {
    verb = "status of " + what + ": " + statusSummary(o);
    stepKind = "status";
  } else {
    verb = "updated " + what;
  }

  if (!f || !f->rest) {
    std::string actor, who;
    if (f) {
      actor = f->actor;
      who = f->who;
      notice(*f);
    } else {
      std::string node = nodeOf(o);
      bool kubeletWrite = !node.empty() && kind == "Pod" && (status || e.type == WatchType::Deleted);
      actor = kubeletWrite ? "kubelet/" + node : "kube-controller-manager";
    }
    record(actor, "kube-apiserver", stepKind, who.empty() ? verb : who + ": " + verb);
  }
  std::string stored = e.type == WatchType::Added ? "stored " + what : e.type == WatchType::Deleted ? "removed " + what : "updated " + what;
  if (stepKind == "bind") stored += " (node " + static_cast<const Pod&>(o).spec.nodeName + ")";
  else if (verb.rfind("marked ", 0) == 0) stored += " (deletion timestamp set)";
  else if (status) stored += " (status)";
  record("kube-apiserver", "etcd", "store", stored);

  // Who the change is for: the scheduler sees new unbound pods, a node's kubelet the pods bound
  // to it, every node's kube-proxy the service's endpoints.
  if (kind == "Pod") {
    const auto& p = static_cast<const Pod&>(o);
    if (e.type == WatchType::Added && p.spec.nodeName.empty())
      record("kube-apiserver", "kube-scheduler", "watch", "scheduler notices unscheduled Pod " + objName(o));
    if (stepKind == "bind")
      record("kube-apiserver", "kubelet/" + p.spec.nodeName, "watch",
             "kubelet on " + p.spec.nodeName + " notices Pod " + objName(o) + " bound to its node");
  } else if (kind == "Endpoints") {
    const auto& ep = static_cast<const Endpoints&>(o);
    std::string rules = e.type == WatchType::Deleted ? "removes the rules of Service " + objName(o)
                                                     : "updates the rules of Service " + objName(o) + ": " +
                                                           endpointsSummary(ep);
    for (const auto& n : store.list<Node>())
      record("kube-apiserver", "kube-proxy/" + n->metadata.name, "proxy",
             "kube-proxy on " + n->metadata.name + " " + rules);
  }
}

void ActivityLog::onEvent(const Object& about, const std::string& type, const std::string& reason,
                          const std::string& message, const std::string& component, const std::string& host) {
  if (groups_.empty()) return;
  // The kubelet's own work, and warnings of any component; the controllers' and the
  // scheduler's Normal events repeat the writes already shown.
  if (component != "kubelet" && type != "Warning") return;
  std::string actor = actorForComponent(component, host);
  if (!frames_.empty() && frames_.back().actor == actor) notice(frames_.back());
  (void)about;
  record(actor, actor, kindForReason(type, reason), message);
}

}  // namespace kp
