// Builds the default cluster (minikube with one control-plane node and three workers, its
// system pods and services) and drives time: timers fire in order and every component runs
// until quiet after each, so the same seed and commands always give the same cluster.
#include "core/sim/cluster.h"

#include "core/api/json.h"
#include "core/controllers/controllers.h"
#include "core/controllers/namespace_controller.h"
#include "core/controllers/nodelifecycle.h"
#include "core/apiserver/metrics_api.h"
#include "core/kubelet/kubelet.h"
#include "core/network/ingress_controller.h"
#include "core/network/network_policy.h"
#include "core/scheduler/scheduler.h"
#include "core/sim/system_objects.h"

namespace kp {

namespace {

const char* kVersion = "v1.32.4";

std::shared_ptr<Node> makeNode(const std::string& name, const std::string& ip, bool controlPlane, Rng& rng,
                               const std::string& podCidr, Time created) {
  auto n = std::make_shared<Node>();
  n->metadata.name = name;
  n->metadata.labels = {{"beta.kubernetes.io/arch", "amd64"},
                        {"beta.kubernetes.io/os", "linux"},
                        {"kubernetes.io/arch", "amd64"},
                        {"kubernetes.io/hostname", name},
                        {"kubernetes.io/os", "linux"},
                        {"minikube.k8s.io/commit", "dd5d320e41b5451cdf3c01891bc4e13d189586ed"},
                        {"minikube.k8s.io/name", "minikube"},
                        {"minikube.k8s.io/primary", controlPlane ? "true" : "false"},
                        {"minikube.k8s.io/updated_at", formatTime(created).substr(0, 19)},
                        {"minikube.k8s.io/version", "v1.35.0"}};
  // The timestamp label holds no colons in minikube: 2026_01_01T00_00_00_0700.
  std::string stamp = formatTime(created);
  for (char& c : stamp)
    if (c == '-' || c == ':') c = '_';
  n->metadata.labels["minikube.k8s.io/updated_at"] = stamp.substr(0, 19) + "_0700";
  if (controlPlane) {
    n->metadata.labels["node-role.kubernetes.io/control-plane"] = "";
    n->metadata.labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
    n->spec.taints.push_back({"node-role.kubernetes.io/control-plane", "", "NoSchedule", kNoTime});
  }
  n->metadata.annotations = {{"kubeadm.alpha.kubernetes.io/cri-socket", "unix:///var/run/cri-dockerd.sock"},
                             {"node.alpha.kubernetes.io/ttl", "0"},
                             {"volumes.kubernetes.io/controller-managed-attach-detach", "true"}};
  n->spec.podCIDR = podCidr;
  n->spec.podCIDRs = {podCidr};
  StringMap cap = {{"cpu", "2"}, {"ephemeral-storage", "102625208Ki"}, {"hugepages-1Gi", "0"},
                   {"hugepages-2Mi", "0"}, {"memory", "4010048Ki"}, {"pods", "110"}};
  n->status.capacity = cap;
  n->status.allocatable = cap;
  n->status.conditions = {
      {"MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", created, created},
      {"DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", created, created},
      {"PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", created, created},
      {"Ready", "True", "KubeletReady", "kubelet is posting ready status", created, created}};
  n->status.addresses = {{"InternalIP", ip}, {"Hostname", name}};
  auto& i = n->status.nodeInfo;
  i.machineID = rng.hex(32);
  i.systemUUID = rng.uuid();
  i.bootID = rng.uuid();
  i.kernelVersion = "6.1.0-31-amd64";
  i.osImage = "Ubuntu 22.04.5 LTS";
  i.containerRuntimeVersion = "docker://27.4.1";
  i.kubeletVersion = kVersion;
  i.kubeProxyVersion = kVersion;
  i.operatingSystem = "linux";
  i.architecture = "amd64";
  return n;
}

Container systemContainer(const std::string& name, const std::string& image, const char* cpu, const char* mem) {
  Container c;
  c.name = name;
  c.image = image;
  c.imagePullPolicy = "IfNotPresent";
  if (cpu) c.resources.requests["cpu"] = cpu;
  if (mem) c.resources.requests["memory"] = mem;
  return c;
}

}  // namespace

// A worker node as minikube registers it (used by Cluster::addNode).
std::shared_ptr<Node> makeWorkerNode(const std::string& name, const std::string& ip, Rng& rng,
                                     const std::string& podCidr, Time created) {
  return makeNode(name, ip, false, rng, podCidr, created);
}

Cluster::Cluster(ClusterOptions opts)
    : opts_(std::move(opts)), clock_(opts_.epoch - opts_.clusterAge), rng_(opts_.seed) {
  api_ = std::make_unique<ApiServer>(clock_, rng_);
  network_ = std::make_unique<Network>(api_->store(), timers_, rng_);
  api_->setServiceAllocator(network_.get());
  const ComponentParts parts{api_->store(), *api_, timers_, rng_};
  controllers_ = std::make_unique<Controllers>(parts, *network_);
  namespaces_ = std::make_unique<NamespaceController>(parts);
  scheduler_ = std::make_unique<Scheduler>(parts);
  kubelets_ = std::make_unique<Kubelets>(parts, *network_);
  nodeLifecycle_ = std::make_unique<NodeLifecycle>(parts);
  // metrics-server (run by the addon) behind metrics.k8s.io, and the HPA controller reading it.
  setResourceMetrics(api_.get(), &kubelets_->metricsServer());
  controllers_->startAutoscaler(kubelets_->metricsServer());
  network_->setPodServers(kubelets_.get());
  ingress_ = std::make_unique<IngressController>(parts);
  network_->setIngressRouter(ingress_.get());
  policies_ = std::make_unique<NetworkPolicies>(api_->store());
  network_->setNetworkPolicies(policies_.get());
  api_->setKubeletApi(kubelets_.get());
  bootstrap();
  advance(opts_.epoch - now());
}

Cluster::~Cluster() {
  // The components go first (they hold the store and watch it), then the API server.
  network_->setIngressRouter(nullptr);
  network_->setNetworkPolicies(nullptr);
  policies_.reset();
  ingress_.reset();
  setResourceMetrics(api_.get(), nullptr);
  nodeLifecycle_.reset();
  kubelets_.reset();
  scheduler_.reset();
  namespaces_.reset();
  controllers_.reset();
  network_.reset();
}

std::vector<std::string> Cluster::nodeNames() const {
  std::vector<std::string> out;
  for (const auto& n : store().list<Node>()) out.push_back(n->metadata.name);
  return out;
}

void Cluster::at(Time t, std::function<void()> fn) { timers_.at(t, std::move(fn)); }

Time Cluster::nextTimer() const { return timers_.next(); }

// The controller manager's workers drain their queues every kControllerBatch ms while the
// clock runs: many pod updates for one ReplicaSet collapse into one sync, as a busy controller's
// workqueue collapses them. After a command (settle) everything runs at once.
static constexpr Time kControllerBatch = 100;

// The namespace controller is one of the controller manager's too: while a namespace of many
// pods terminates, its pods' removals come one timer at a time, and a rescan of the namespace
// after each would cost the square of its size.
void Cluster::step() {
  for (int i = 0; i < 100000; i++) {
    bool did = scheduler_->scheduleAll();
    did |= kubelets_->syncAll();
    did |= nodeLifecycle_->processAll();
    if (controllers_->hasWork() || namespaces_->hasWork()) {
      if (controllersDue_ == kNoTime) {
        controllersDue_ = now() + kControllerBatch;
        at(controllersDue_, [] {});
      }
      if (now() >= controllersDue_) {
        controllersDue_ = kNoTime;
        did |= controllers_->processAll();
        did |= namespaces_->processAll();
      }
    }
    if (!did) break;
  }
}

void Cluster::settle() {
  controllersDue_ = kNoTime;
  for (int i = 0; i < 100000; i++) {
    bool did = controllers_->processAll();
    did |= namespaces_->processAll();
    did |= scheduler_->scheduleAll();
    did |= kubelets_->syncAll();
    did |= nodeLifecycle_->processAll();
    if (!did) break;
  }
}

void Cluster::advance(Time ms) {
  Time target = now() + std::max<Time>(ms, 0);
  settle();
  while (timers_.runNext(target)) step();
  clock_.set(target);
  step();
}

void Cluster::bootstrap() {
  auto& api = *api_;
  for (const char* ns : {"default", "kube-node-lease", "kube-public", "kube-system"}) {
    auto n = std::make_shared<Namespace>();
    n->metadata.name = ns;
    api.create(n);
  }
  std::vector<std::string> nodes;
  for (int i = 0; i <= opts_.workers; i++) {
    std::string name = opts_.nodePrefix;
    if (i > 0) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "-m%02d", i + 1);
      name += buf;
    }
    nodes.push_back(name);
    api.create(makeNode(name, network_->nodeIpFor(i), i == 0, rng_, network_->podCidrFor(i), now()));
  }
  const std::vector<std::string> preloaded = {
      "registry.k8s.io/etcd:3.5.16-0", "registry.k8s.io/kube-apiserver:v1.32.4",
      "registry.k8s.io/kube-controller-manager:v1.32.4", "registry.k8s.io/kube-scheduler:v1.32.4",
      "registry.k8s.io/kube-proxy:v1.32.4", "registry.k8s.io/coredns/coredns:v1.11.3",
      "kindest/kindnetd:v20241108-5c6d2daf", "gcr.io/k8s-minikube/storage-provisioner:v5"};
  for (const auto& n : nodes)
    for (const auto& img : preloaded) kubelets_->preload(n, img);

  auto systemPod = [&](const std::string& name, const std::string& node, std::vector<Container> cs,
                       StringMap labels, const std::string& ownerKind, const std::string& ownerName,
                       bool hostNetwork) {
    auto p = std::make_shared<Pod>();
    p->metadata.namespace_ = "kube-system";
    p->metadata.name = name;
    p->metadata.labels = std::move(labels);
    if (!ownerKind.empty()) {
      std::string uid = ownerKind == "Node" ? "" : rng_.uuid();
      if (ownerKind == "Node")
        if (auto n = store().get<Node>("", node)) uid = n->metadata.uid;
      p->metadata.ownerReferences.push_back({ownerKind == "Node" ? "v1" : "apps/v1", ownerKind, ownerName, uid, true, true});
    }
    p->spec.containers = std::move(cs);
    p->spec.nodeName = node;
    p->spec.priorityClassName = ownerKind == "Node" ? "system-node-critical" : "system-node-critical";
    p->spec.priority = 2000001000;
    p->spec.tolerations.push_back({"", "Exists", "", "NoExecute", std::nullopt});
    p->spec.tolerations.push_back({"", "Exists", "", "NoSchedule", std::nullopt});
    p->spec.hostNetwork = hostNetwork;
    api.create(p);
  };
  const std::string cp = nodes[0];
  systemPod("etcd-" + cp, cp, {systemContainer("etcd", "registry.k8s.io/etcd:3.5.16-0", "100m", "100Mi")},
            {{"component", "etcd"}, {"tier", "control-plane"}}, "Node", cp, true);
  systemPod("kube-apiserver-" + cp, cp, {systemContainer("kube-apiserver", "registry.k8s.io/kube-apiserver:v1.32.4", "250m", nullptr)},
            {{"component", "kube-apiserver"}, {"tier", "control-plane"}}, "Node", cp, true);
  systemPod("kube-controller-manager-" + cp, cp,
            {systemContainer("kube-controller-manager", "registry.k8s.io/kube-controller-manager:v1.32.4", "200m", nullptr)},
            {{"component", "kube-controller-manager"}, {"tier", "control-plane"}}, "Node", cp, true);
  systemPod("kube-scheduler-" + cp, cp, {systemContainer("kube-scheduler", "registry.k8s.io/kube-scheduler:v1.32.4", "100m", nullptr)},
            {{"component", "kube-scheduler"}, {"tier", "control-plane"}}, "Node", cp, true);
  systemPod("storage-provisioner", cp,
            {systemContainer("storage-provisioner", "gcr.io/k8s-minikube/storage-provisioner:v5", nullptr, nullptr)},
            {{"addonmanager.kubernetes.io/mode", "Reconcile"}, {"integration-test", "storage-provisioner"}}, "", "", true);
  for (const auto& n : nodes) {
    systemPod("kube-proxy-" + rng_.nameSuffix(5), n, {systemContainer("kube-proxy", "registry.k8s.io/kube-proxy:v1.32.4", nullptr, nullptr)},
              {{"controller-revision-hash", "7bb84c4984"}, {"k8s-app", "kube-proxy"}, {"pod-template-generation", "1"}},
              "DaemonSet", "kube-proxy", true);
    systemPod("kindnet-" + rng_.nameSuffix(5), n, {systemContainer("kindnet-cni", "kindest/kindnetd:v20241108-5c6d2daf", "100m", "50Mi")},
              {{"app", "kindnet"}, {"controller-revision-hash", "6c85cbdd4"}, {"k8s-app", "kindnet"}, {"pod-template-generation", "1"}, {"tier", "node"}},
              "DaemonSet", "kindnet", true);
  }
  adoptSystemDaemonPods(api);
  // CoreDNS runs as a Deployment: its ReplicaSet and pod come from the controllers.
  auto dns = std::make_shared<Deployment>();
  dns->metadata.namespace_ = "kube-system";
  dns->metadata.name = "coredns";
  dns->metadata.labels = {{"k8s-app", "kube-dns"}};
  dns->spec.replicas = 1;
  dns->spec.selector.matchLabels = {{"k8s-app", "kube-dns"}};
  dns->spec.template_.metadata.labels = {{"k8s-app", "kube-dns"}};
  Container core = systemContainer("coredns", "registry.k8s.io/coredns/coredns:v1.11.3", "100m", "70Mi");
  core.resources.limits["memory"] = "170Mi";
  core.ports = {{"dns", 53, 0, "UDP"}, {"dns-tcp", 53, 0, "TCP"}, {"metrics", 9153, 0, "TCP"}};
  dns->spec.template_.spec.containers = {core};
  dns->spec.template_.spec.priorityClassName = "system-cluster-critical";
  dns->spec.template_.spec.priority = 2000000000;
  dns->spec.template_.spec.tolerations = {{"CriticalAddonsOnly", "Exists", "", "", std::nullopt},
                                          {"node-role.kubernetes.io/control-plane", "", "", "NoSchedule", std::nullopt}};
  dns->spec.template_.spec.nodeSelector = {{"kubernetes.io/os", "linux"}};
  api.create(dns);

  auto kubernetes = std::make_shared<Service>();
  kubernetes->metadata.namespace_ = "default";
  kubernetes->metadata.name = "kubernetes";
  kubernetes->metadata.labels = {{"component", "apiserver"}, {"provider", "kubernetes"}};
  kubernetes->spec.clusterIP = "10.96.0.1";
  kubernetes->spec.ports = {{"https", "TCP", 443, IntOrString::ofInt(8443), 0}};
  api.create(kubernetes);
  auto ep = std::make_shared<Endpoints>();
  ep->metadata.namespace_ = "default";
  ep->metadata.name = "kubernetes";
  ep->metadata.labels = {{"endpointslice.kubernetes.io/skip-mirror", "true"}};
  ep->subsets = {{{{"192.168.49.2", "", "", std::nullopt}}, {}, {{"https", "TCP", 8443}}}};
  api.create(ep);
  createKubernetesEndpointSlice(api);
  createStorageAndPriorityClasses(api);

  auto kubeDns = std::make_shared<Service>();
  kubeDns->metadata.namespace_ = "kube-system";
  kubeDns->metadata.name = "kube-dns";
  kubeDns->metadata.labels = {{"k8s-app", "kube-dns"}, {"kubernetes.io/cluster-service", "true"}, {"kubernetes.io/name", "CoreDNS"}};
  kubeDns->metadata.annotations = {{"prometheus.io/port", "9153"}, {"prometheus.io/scrape", "true"}};
  kubeDns->spec.clusterIP = "10.96.0.10";
  kubeDns->spec.selector = {{"k8s-app", "kube-dns"}};
  kubeDns->spec.ports = {{"dns", "UDP", 53, IntOrString::ofInt(53), 0},
                         {"dns-tcp", "TCP", 53, IntOrString::ofInt(53), 0},
                         {"metrics", "TCP", 9153, IntOrString::ofInt(9153), 0}};
  api.create(kubeDns);
  createBootstrapRbac(api);
}

}  // namespace kp
