// The view model: what the canvas and the status bar need from the cluster, copied out of the
// store once per frame as plain values (names, addresses, a display status per pod), so that
// panels read no API objects and tests can check what the picture is built from.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/network/network.h"
#include "core/sim/cluster.h"

namespace kp {

// How a pod is drawn; derived from the STATUS column kubectl prints.
enum class PodLook { Pending, Creating, Running, NotReady, Terminating, Error, Succeeded, Failed };
const char* podLookName(PodLook look);

struct PodView {
  std::string ns, name, key;  // key: "namespace/name"
  std::string node;           // "" while not scheduled
  std::string ip;
  std::string status;         // what `kubectl get pods` prints: Running, ContainerCreating, ...
  PodLook look = PodLook::Pending;
  bool ready = false;
  int restarts = 0;
  std::string image;
  std::string owner;          // controlling owner's name (ReplicaSet), "" when none
  Time created = kNoTime;
  bool system = false;        // kube-system and friends
  uint64_t requestsOk = 0, requestsFailed = 0;  // requests this pod answered (Network counters)
  // What the canvas shows of a pod's progress: the image pull (0..1 while the kubelet pulls,
  // -1 otherwise), a crash loop, and a graceful deletion (when its grace period ends, how long).
  float pullProgress = -1;
  bool crashLooping = false;
  Time deletionAt = kNoTime;
  Time graceMs = 0;
  // The store's object this view was made from (objects are immutable: the same pointer means
  // the same pod), and what it requests of its node (counted while it is not finished).
  std::shared_ptr<const Pod> source;
  int64_t cpuRequestMilli = 0, memRequestBytes = 0;
};

struct NodeView {
  std::string name, ip, podCidr;
  bool controlPlane = false;
  bool ready = false;
  // Allocated resources, as `kubectl describe node` sums them: the requests of the node's
  // non-terminated pods against allocatable, and those pods against the pod capacity.
  int64_t cpuAllocatableMilli = 0, cpuRequestedMilli = 0;
  int64_t memAllocatableBytes = 0, memRequestedBytes = 0;
  int podsAllocatable = 0, podsScheduled = 0;
};

struct ServiceView {
  std::string ns, name, key;
  std::string type;           // ClusterIP, NodePort, LoadBalancer
  std::string clusterIP;
  std::string externalIP;     // load balancer ingress IP, "<pending>" while none, "" for others
  std::string ports;          // as `kubectl get svc` prints them: 8080:31234/TCP
  std::vector<std::string> endpoints;         // pod keys of ready addresses
  std::vector<std::string> notReadyEndpoints; // pod keys of not-ready addresses
  bool system = false;
  double trafficRate = 0;                     // the traffic generator, requests per second
  uint64_t requestsOk = 0, requestsFailed = 0;
  std::shared_ptr<const Endpoints> endpointsSource;  // the object the endpoint lists come from
};

struct ViewModel {
  Time now = 0;
  Time startedAt = 0;
  std::vector<NodeView> nodes;        // control plane first, then by name
  std::vector<PodView> pods;          // by key
  std::vector<ServiceView> services;  // by key
  std::vector<RequestTrace> traces;   // requests started in the last few seconds, oldest first
  int podsRunning = 0, podsTotal = 0; // workload pods (not system)
  // A large change being worked off, for the status bar: "creating 48,200/100,000 pods"
  // while ReplicaSets are more than a burst short of their replicas ("" otherwise).
  std::string progress;
  // The store's resourceVersion the objects above were copied at; -1 = never built.
  int64_t storeVersion = -1;
  // Differs for every build (not for updateViewModel's cheap refresh), so panels can skip their
  // own per-object work on frames where the objects did not change.
  uint64_t generation = 0;
  uint64_t countersVersion = 0;  // the Network's counters and rates copied above

  const NodeView* node(const std::string& name) const;
  const PodView* pod(const std::string& key) const;
  const PodView* podByName(const std::string& name) const;  // any namespace
};

// Copies the cluster's state into a view model. `traceWindowMs`: how far back traces are kept.
// With `previous`, pods whose store object did not change are moved over from it instead of
// being made again (with thousands of pods, one write should not cost thousands of copies).
ViewModel buildViewModel(Cluster& cluster, Time traceWindowMs = 8000, ViewModel* previous = nullptr);
// Brings `vm` up to date for this frame: when the store has not changed since it was built and
// no pod is pulling an image (its progress moves with the clock), only the clock, the traces
// and the request counters are refreshed; otherwise it is rebuilt (a new generation). With
// thousands of pods and steady traffic most frames take the cheap path.
void updateViewModel(Cluster& cluster, ViewModel& vm, Time traceWindowMs = 8000);

// kubectl's STATUS column for a pod (printPod in kubectl's printers).
std::string podStatusText(const Pod& pod);
PodLook podLook(const Pod& pod, const std::string& status);

}  // namespace kp
