// minikube's node commands against the simulated machines (Cluster::stopNode and friends).
// Texts follow minikube v1.35 (cmd/minikube/cmd/node_*.go, pkg/minikube/machine): steps go to
// stdout with their emoji prefix, fatal errors to stderr as "❌  Exiting due to <ID>: ...".
#include "core/shell/minikube.h"

#include "core/api/podutil.h"
#include "core/shell/shell.h"
#include "core/sim/cluster.h"

namespace kp {

namespace {

const char* kKicVersion = "v0.0.46";
const char* kKubernetes = "v1.32.4";
const char* kDocker = "27.4.1";

// exit.Message: a blank line, the reason on stderr, a blank line; then the reason's exit code.
void exitWith(Execution& ex, const std::string& id, const std::string& msg, int code) {
  ex.out("\n");
  ex.err("\xE2\x9D\x8C  Exiting due to " + id + ": " + msg + "\n");
  ex.out("\n");
  ex.finish(code);
}

// node.Retrieve: the node's short name ("m02") or its machine name ("minikube-m02").
std::string machineName(Cluster& cluster, const std::string& arg) {
  const std::string& prefix = cluster.options().nodePrefix;
  std::string name = arg;
  if (arg.size() >= 2 && arg[0] == 'm' && arg.find_first_not_of("0123456789", 1) == std::string::npos)
    name = prefix + "-" + arg;
  return cluster.store().get<Node>("", name) ? name : "";
}

// The short node name minikube keeps in its profile ("m02"; the primary node has none).
std::string shortName(Cluster& cluster, const std::string& machine) {
  const std::string& prefix = cluster.options().nodePrefix;
  if (machine.rfind(prefix + "-", 0) == 0) return machine.substr(prefix.size() + 1);
  return machine == prefix ? "" : machine;
}

constexpr int kExProgramUsage = 14, kExGuestError = 80, kExGuestNotFound = 85;

}  // namespace

void runMinikubeNode(Cluster& cluster, const std::vector<std::string>& args, Execution& ex) {
  std::string sub = args.size() > 2 ? args[2] : "";
  std::vector<std::string> rest(args.begin() + std::min<size_t>(args.size(), 3), args.end());
  const std::string profile = cluster.options().nodePrefix;
  auto needName = [&](const std::string& verb) {
    if (!rest.empty()) return true;
    exitWith(ex, "MK_USAGE", "Usage: minikube node " + verb + " NODE_NAME", kExProgramUsage);
    return false;
  };
  if (sub == "list") {
    if (!rest.empty()) return exitWith(ex, "MK_USAGE", "Usage: minikube node list", kExProgramUsage);
    for (const auto& n : cluster.store().list<Node>()) {
      std::string ip;
      for (const auto& a : n->status.addresses)
        if (a.type == "InternalIP") ip = a.address;
      ex.out(n->metadata.name + "\t" + ip + "\n");
    }
    return ex.finish(0);
  }
  if (sub == "stop") {
    if (!needName("stop")) return;
    std::string m = machineName(cluster, rest[0]);
    if (m.empty()) return exitWith(ex, "GUEST_NODE_RETRIEVE", "retrieving node: Could not find node " + rest[0], kExGuestNotFound);
    bool wasRunning = cluster.nodeRunning(m);
    ex.out("\xE2\x9C\x8B  Stopping node \"" + m + "\"  ...\n");
    if (wasRunning) ex.out("\xF0\x9F\x9B\x91  Powering off \"" + m + "\" via SSH ...\n");
    std::string err = cluster.stopNode(m);
    if (!err.empty()) {
      ex.err("\xF0\x9F\x92\xA3  Failed to stop node " + rest[0] + ": " + err + "\n");
      return ex.finish(kExGuestError);
    }
    ex.out("\xF0\x9F\x9B\x91  Successfully stopped node " + m + "\n");
    return ex.finish(0);
  }
  if (sub == "start") {
    if (!needName("start")) return;
    std::string m = machineName(cluster, rest[0]);
    if (m.empty()) return exitWith(ex, "GUEST_NODE_RETRIEVE", "retrieving node: Could not find node " + rest[0], kExGuestNotFound);
    if (cluster.nodeRunning(m)) {
      ex.out("\xE2\x9C\x85  " + rest[0] + " is already running\n");
      return ex.finish(0);
    }
    ex.out("\xF0\x9F\x91\x8D  Starting \"" + m + "\" worker node in \"" + profile + "\" cluster\n");
    ex.out("\xF0\x9F\x9A\x9C  Pulling base image " + std::string(kKicVersion) + " ...\n");
    ex.out("\xF0\x9F\x94\x84  Restarting existing docker container for \"" + m + "\" ...\n");
    ex.out("\xF0\x9F\x90\xB3  Preparing Kubernetes " + std::string(kKubernetes) + " on Docker " + kDocker + " ...\n");
    std::string err = cluster.startNode(m);
    if (!err.empty()) return exitWith(ex, "GUEST_NODE_START", "failed to start node: " + err, kExGuestError);
    ex.out("\xF0\x9F\x98\x84  Successfully started node " + m + "!\n");
    return ex.finish(0);
  }
  if (sub == "add") {
    for (const auto& a : rest)
      if (a == "--control-plane" || a == "--control-plane=true") {
        ex.out("\xE2\x9D\x8C  Adding a control-plane node to a non-HA (non-multi-control plane) cluster is not currently "
               "supported. Please first delete the cluster and use 'minikube start --ha' to create new one.\n");
        break;
      }
    std::string name;
    // The name is known before the machine exists: minikube prints it first.
    std::string err = cluster.addNode(&name);
    if (!err.empty()) return exitWith(ex, "GUEST_NODE_ADD", "failed to add node: " + err, kExGuestError);
    std::string shortN = shortName(cluster, name);
    ex.out("\xF0\x9F\x98\x84  Adding node " + shortN + " to cluster " + profile + " as [worker]\n");
    ex.out("\xF0\x9F\x91\x8D  Starting \"" + name + "\" worker node in \"" + profile + "\" cluster\n");
    ex.out("\xF0\x9F\x9A\x9C  Pulling base image " + std::string(kKicVersion) + " ...\n");
    ex.out("\xF0\x9F\x94\xA5  Creating docker container (CPUs=2, Memory=2200MB) ...\n");
    ex.out("\xF0\x9F\x90\xB3  Preparing Kubernetes " + std::string(kKubernetes) + " on Docker " + kDocker + " ...\n");
    ex.out("\xF0\x9F\x8F\x84  Successfully added " + shortN + " to " + profile + "!\n");
    return ex.finish(0);
  }
  if (sub == "delete") {
    if (!needName("delete")) return;
    ex.out("\xF0\x9F\x94\xA5  Deleting node " + rest[0] + " from cluster " + profile + "\n");
    std::string m = machineName(cluster, rest[0]);
    if (m.empty())
      return exitWith(ex, "GUEST_NODE_DELETE", "deleting node: retrieve node: Could not find node " + rest[0], kExGuestError);
    // Teardown drains first (kubectl drain --force --grace-period=1 --disable-eviction
    // --ignore-daemonsets --delete-emptydir-data), then removes the machine and the Node.
    auto node = cluster.store().get<Node>("", m);
    if (node && node->metadata.labels.count("node-role.kubernetes.io/control-plane"))
      return exitWith(ex, "GUEST_NODE_DELETE", "deleting node: " + cluster.removeNode(m), kExGuestError);
    if (node && !node->spec.unschedulable && cluster.nodeRunning(m)) {
      auto copy = std::make_shared<Node>(*node);
      copy->spec.unschedulable = true;
      cluster.api().update(copy);
    }
    std::vector<std::string> keys(cluster.store().podsOnNode(m).begin(), cluster.store().podsOnNode(m).end());
    if (cluster.nodeRunning(m))
      for (const auto& key : keys) {
        auto [ns, name] = splitKey(key);
        auto pod = cluster.store().get<Pod>(ns, name);
        if (!pod || podTerminating(*pod)) continue;
        auto* ref = pod->metadata.controllerRef();
        if (ref && ref->kind == "DaemonSet") continue;
        DeleteOptions opts;
        opts.gracePeriodSeconds = 1;
        cluster.api().remove(*resourceForKind("Pod"), ns, name, opts);
      }
    cluster.settle();
    Cluster* c = &cluster;
    std::string shown = rest[0];
    Time deadline = cluster.now() + 2000;
    auto finishDelete = [c, m, shown](Execution& e) {
      bool running = c->nodeRunning(m);
      e.out("\xE2\x9C\x8B  Stopping node \"" + m + "\"  ...\n");
      if (running) e.out("\xF0\x9F\x9B\x91  Powering off \"" + m + "\" via SSH ...\n");
      e.out("\xF0\x9F\x94\xA5  Deleting \"" + m + "\" in docker ...\n");
      std::string err = c->removeNode(m);
      if (!err.empty()) return exitWith(e, "GUEST_NODE_DELETE", "deleting node: " + err, kExGuestError);
      e.out("\xF0\x9F\x92\x80  Node " + shown + " was successfully deleted.\n");
      e.finish(0);
    };
    ex.wait(deadline, [c, m, deadline, finishDelete](Execution& e) {
      bool left = false;
      for (const auto& key : c->store().podsOnNode(m)) {
        auto [ns, name] = splitKey(key);
        auto pod = c->store().get<Pod>(ns, name);
        auto* ref = pod ? pod->metadata.controllerRef() : nullptr;
        if (pod && !(ref && ref->kind == "DaemonSet")) left = true;
      }
      if (left && c->now() < deadline && c->nodeRunning(m)) return;
      finishDelete(e);
    });
    return;
  }
  exitWith(ex, "MK_USAGE", "Usage: minikube node [add|start|stop|delete|list]", kExProgramUsage);
}

void runMinikubeStatus(Cluster& cluster, Execution& ex) {
  int code = 0;
  auto nodes = cluster.store().list<Node>();
  for (size_t i = 0; i < nodes.size(); i++) {
    const auto& name = nodes[i]->metadata.name;
    bool cp = nodes[i]->metadata.labels.count("node-role.kubernetes.io/control-plane") > 0;
    bool running = cluster.nodeRunning(name);
    std::string state = running ? "Running" : "Stopped";
    if (!running) code |= 3;  // host and kubelet not running
    ex.out(name + "\n");
    if (cp) ex.out("type: Control Plane\nhost: " + state + "\nkubelet: " + state + "\napiserver: " + state + "\nkubeconfig: Configured\n\n");
    else ex.out("type: Worker\nhost: " + state + "\nkubelet: " + state + "\n\n");
  }
  ex.finish(code);
}

}  // namespace kp
