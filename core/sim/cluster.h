// The composition root of the simulated cluster: it owns the clock, the timers and the seeded
// RNG, builds the API server, the network, the controllers, the scheduler and the kubelets from
// narrow parts (see ComponentParts in core/apiserver/api_writer.h) and wires the peers that are
// real (IPAM, the kubelets' API, the pod servers). `advance(ms)` runs every component in a fixed
// order; nothing reads the wall clock, a file or the network. Front ends (web, the REPL, the
// native endpoint) and the console's shell hold a Cluster; kubectl never does: it reaches the
// cluster only through the API server's request handler.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include "core/apiserver/apiserver.h"
#include "core/network/network.h"
#include "core/base/clock.h"
#include "core/base/timers.h"

namespace kp {

class Controllers;
class NamespaceController;
class Scheduler;
class Kubelets;
class NodeLifecycle;
class IngressController;
class NetworkPolicies;

struct ClusterOptions {
  uint64_t seed = 1;
  // The simulated wall time at start: 2026-01-01T00:00:00Z unless a front end passes its own.
  Time epoch = 1767225600000;
  int workers = 3;                       // worker nodes besides the control plane
  std::string nodePrefix = "minikube";   // nodes: minikube, minikube-m02, minikube-m03, ...
  Time clusterAge = 3600 * 1000;         // how long ago the cluster was created
};

class Cluster {
 public:
  explicit Cluster(ClusterOptions opts = {});
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  ApiServer& api() { return *api_; }
  const Clock& clock() const { return clock_; }
  const Store& store() const { return api_->store(); }
  Network& network() { return *network_; }
  Rng& rng() { return rng_; }
  Time now() const { return clock_.now(); }
  Time startedAt() const { return opts_.epoch; }
  const ClusterOptions& options() const { return opts_; }

  // Moves simulated time forward by ms, running every timer and controller due on the way.
  void advance(Time ms);
  // Runs all work due now (watch-triggered reconciles, scheduling) until the cluster is quiet.
  void settle();
  // The time of the next scheduled timer, or kNoTime when nothing is pending.
  Time nextTimer() const;

  // Runs fn at simulated time `at` (components use this for image pulls, probes, back-offs).
  void at(Time at, std::function<void()> fn);
  void after(Time delay, std::function<void()> fn) { at(now() + delay, std::move(fn)); }

  // Nodes: index of a node by name (0 = control plane), for CIDRs and layout.
  std::vector<std::string> nodeNames() const;

  Kubelets& kubelets() { return *kubelets_; }

  // The machines under the nodes, as minikube's `node stop|start|add|delete` drive them (the
  // UI issues those console commands). Each returns an empty string on success, else why not.
  // No component is told: the kubelet stops renewing its lease, and the node lifecycle
  // controller notices, as in a real cluster.
  std::string stopNode(const std::string& name);   // the kubelet stops; the node goes NotReady
  std::string startNode(const std::string& name);  // the kubelet posts Ready again
  // Registers a new worker (the next minikube-mNN name, node IP and free pod CIDR); *name is set.
  std::string addNode(std::string* name);
  // Deletes the Node object and its machine; pod GC removes the pods left on it.
  std::string removeNode(const std::string& name);
  bool nodeRunning(const std::string& name) const;

 private:
  void bootstrap();
  // After a timer: scheduler and kubelets react at once, controllers in batches.
  void step();

  ClusterOptions opts_;
  Clock clock_;
  Timers timers_{clock_};
  Rng rng_;
  std::unique_ptr<ApiServer> api_;
  std::unique_ptr<Network> network_;
  std::unique_ptr<Controllers> controllers_;
  std::unique_ptr<NamespaceController> namespaces_;
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<Kubelets> kubelets_;
  std::unique_ptr<NodeLifecycle> nodeLifecycle_;
  std::unique_ptr<IngressController> ingress_;  // ingress-nginx's logic, active while its pod runs
  std::unique_ptr<NetworkPolicies> policies_;
  Time controllersDue_ = kNoTime;  // when queued controller work runs (see step())
};

}  // namespace kp
