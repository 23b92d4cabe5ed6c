// Adding, removing, stopping and starting the machines under the nodes, as minikube's node
// commands do: the Cluster API the console's `minikube node ...` (and so the UI) calls.
#include <cstdio>
#include <set>

#include "core/api/podutil.h"
#include "core/kubelet/kubelet.h"
#include "core/sim/cluster.h"

namespace kp {

std::shared_ptr<Node> makeWorkerNode(const std::string& name, const std::string& ip, Rng& rng,
                                     const std::string& podCidr, Time created);

namespace {

bool isControlPlane(const Node& n) { return n.metadata.labels.count("node-role.kubernetes.io/control-plane") > 0; }

// minikube's node ID: the primary node is 1, "<profile>-m05" is 5; 0 when the name has no ID.
int nodeId(const std::string& name, const std::string& prefix) {
  if (name == prefix) return 1;
  std::string tail = prefix + "-m";
  if (name.rfind(tail, 0) != 0 || name.size() == tail.size() || name.size() > tail.size() + 6) return 0;
  int id = 0;
  for (size_t i = tail.size(); i < name.size(); i++) {
    if (name[i] < '0' || name[i] > '9') return 0;
    id = id * 10 + (name[i] - '0');
  }
  return id;
}

}  // namespace

bool Cluster::nodeRunning(const std::string& name) const {
  return store().get<Node>("", name) && !kubelets_->nodeStopped(name);
}

std::string Cluster::stopNode(const std::string& name) {
  auto node = store().get<Node>("", name);
  if (!node) return "Could not find node " + name;
  if (isControlPlane(*node)) return "stopping the control-plane node is not supported in this simulated cluster";
  kubelets_->stopNode(name);
  settle();
  return "";
}

std::string Cluster::startNode(const std::string& name) {
  if (!store().get<Node>("", name)) return "Could not find node " + name;
  kubelets_->startNode(name);
  settle();
  return "";
}

std::string Cluster::addNode(std::string* nameOut) {
  auto nodes = store().list<Node>();
  int lastId = 1;
  std::set<std::string> cidrs;
  for (const auto& n : nodes) {
    lastId = std::max(lastId, nodeId(n->metadata.name, opts_.nodePrefix));
    cidrs.insert(n->spec.podCIDR);
  }
  if (lastId >= 250) return "this simulated cluster has no room for another node";
  char buf[16];
  std::snprintf(buf, sizeof buf, "-m%02d", lastId + 1);
  std::string name = opts_.nodePrefix + buf;
  // The node IPAM controller hands out the first free /24 of the cluster CIDR.
  std::string cidr;
  for (int i = 0; i < 256 && cidr.empty(); i++)
    if (!cidrs.count(network_->podCidrFor(i))) cidr = network_->podCidrFor(i);
  if (cidr.empty()) return "no free pod CIDR left for a new node";
  Time created = now() / 1000 * 1000;
  auto node = makeWorkerNode(name, network_->nodeIpFor(lastId), rng_, cidr, created);
  auto made = api_->create(node);
  if (!made.ok()) return made.status.message;
  for (const char* img : {"registry.k8s.io/kube-proxy:v1.32.4", "kindest/kindnetd:v20241108-5c6d2daf",
                          "gcr.io/k8s-minikube/storage-provisioner:v5"})
    kubelets_->preload(name, img);
  const Node& registered = static_cast<const Node&>(*made.value);
  api_->event(registered, "Normal", "Starting", "Starting kubelet.", "kubelet", name);
  for (const char* s : {"NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID"})
    api_->event(registered, "Normal", s, "Node " + name + " status is now: " + s, "kubelet", name);
  api_->event(registered, "Normal", "NodeAllocatableEnforced", "Updated Node Allocatable limit across pods", "kubelet", name);
  api_->event(registered, "Normal", "RegisteredNode", "Node " + name + " event: Registered Node " + name + " in Controller",
              "node-controller");
  api_->event(registered, "Normal", "NodeReady", "Node " + name + " status is now: NodeReady", "kubelet", name);
  // The node's DaemonSet pods (kube-proxy, kindnet) as copies of an existing node's, unless a
  // DaemonSet controller owns them.
  const ResourceInfo* dsResource = resourceForKind("DaemonSet");
  for (const char* app : {"kube-proxy", "kindnet"}) {
    if (dsResource && store().get(*dsResource, "kube-system", app)) continue;
    for (const auto& p : store().list<Pod>("kube-system")) {
      auto* ref = p->metadata.controllerRef();
      if (!ref || ref->kind != "DaemonSet" || ref->name != app) continue;
      auto pod = std::make_shared<Pod>();
      pod->metadata.namespace_ = "kube-system";
      pod->metadata.name = std::string(app) + "-" + rng_.nameSuffix(5);
      pod->metadata.labels = p->metadata.labels;
      pod->metadata.annotations = p->metadata.annotations;
      pod->metadata.ownerReferences = p->metadata.ownerReferences;
      pod->spec = p->spec;
      pod->spec.nodeName = name;
      api_->create(pod);
      break;
    }
  }
  if (nameOut) *nameOut = name;
  settle();
  return "";
}

std::string Cluster::removeNode(const std::string& name) {
  auto node = store().get<Node>("", name);
  if (!node) return "Could not find node " + name;
  if (isControlPlane(*node)) return "deleting the control-plane node is not supported in this simulated cluster";
  kubelets_->stopNode(name);
  api_->remove(*resourceForKind("Node"), "", name);
  settle();
  return "";
}

}  // namespace kp
