// Builds the view model from the store (see view_model.h).
#include "web/view_model.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/api/quantity.h"
#include "core/controllers/burst_limiter.h"
#include "core/kubelet/kubelet.h"

namespace kp {

const char* podLookName(PodLook look) {
  switch (look) {
    case PodLook::Pending: return "Pending";
    case PodLook::Creating: return "Creating";
    case PodLook::Running: return "Running";
    case PodLook::NotReady: return "NotReady";
    case PodLook::Terminating: return "Terminating";
    case PodLook::Error: return "Error";
    case PodLook::Succeeded: return "Succeeded";
    case PodLook::Failed: return "Failed";
  }
  return "Pending";
}

const NodeView* ViewModel::node(const std::string& name) const {
  for (auto& n : nodes)
    if (n.name == name) return &n;
  return nullptr;
}
const PodView* ViewModel::pod(const std::string& key) const {
  auto it = std::lower_bound(pods.begin(), pods.end(), key, [](const PodView& p, const std::string& k) { return p.key < k; });
  return it != pods.end() && it->key == key ? &*it : nullptr;
}
const PodView* ViewModel::podByName(const std::string& name) const {
  for (auto& p : pods)
    if (p.name == name) return &p;
  return nullptr;
}

namespace {

bool isSystemNamespace(const std::string& ns) {
  return ns.rfind("kube-", 0) == 0 || ns == "kubernetes-dashboard";
}

// 48200 -> "48,200"
std::string withCommas(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); i++) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string replicaProgress(const Store& store) {
  int64_t want = 0, have = 0, dropWant = 0, dropHave = 0;
  for (const auto& rs : store.list<ReplicaSet>()) {
    int64_t w = rs->spec.replicas.value_or(1), h = rs->status.replicas;
    if (w - h > BurstLimiter::kBurst) want += w, have += h;
    else if (h - w > BurstLimiter::kBurst) dropWant += w, dropHave += h;
  }
  if (want > 0) return "creating " + withCommas(have) + "/" + withCommas(want) + " pods";
  if (dropHave > 0) return "deleting pods: " + withCommas(dropHave) + " left, " + withCommas(dropWant) + " to keep";
  return "";
}

}  // namespace

// Mirrors printPod (k8s.io/kubernetes/pkg/printers/internalversion): the phase, overridden by
// the pod's reason, init container progress, then the last container's waiting or terminated
// reason; "Terminating" once a deletion timestamp is set.
std::string podStatusText(const Pod& pod) {
  std::string reason = pod.status.phase.empty() ? "Pending" : pod.status.phase;
  if (!pod.status.reason.empty()) reason = pod.status.reason;

  bool initializing = false;
  const auto& inits = pod.status.initContainerStatuses;
  for (size_t i = 0; i < inits.size(); ++i) {
    const ContainerState& st = inits[i].state;
    if (st.hasTerminated && st.exitCode == 0) continue;
    initializing = true;
    if (st.hasTerminated) {
      reason = "Init:" + (st.reason.empty() ? "ExitCode:" + std::to_string(st.exitCode) : st.reason);
    } else if (st.hasWaiting && !st.reason.empty() && st.reason != "PodInitializing") {
      reason = "Init:" + st.reason;
    } else {
      reason = "Init:" + std::to_string(i) + "/" + std::to_string(pod.spec.initContainers.size());
    }
    break;
  }
  if (!initializing) {
    bool hasRunning = false;
    const auto& cs = pod.status.containerStatuses;
    for (auto it = cs.rbegin(); it != cs.rend(); ++it) {
      const ContainerState& st = it->state;
      if (st.hasWaiting && !st.reason.empty()) {
        reason = st.reason;
      } else if (st.hasTerminated && !st.reason.empty()) {
        reason = st.reason;
      } else if (st.hasTerminated) {
        reason = "ExitCode:" + std::to_string(st.exitCode);
      } else if (st.hasRunning && it->ready) {
        hasRunning = true;
      }
    }
    if (reason == "Completed" && hasRunning) reason = "Running";
  }
  if (pod.metadata.deletionTimestamp != kNoTime) reason = pod.status.reason == "NodeLost" ? "Unknown" : "Terminating";
  return reason;
}

PodLook podLook(const Pod& pod, const std::string& status) {
  if (status == "Terminating") return PodLook::Terminating;
  if (status == "ContainerCreating" || status == "PodInitializing" || status.rfind("Init:", 0) == 0)
    return status.find("Err") != std::string::npos || status.find("BackOff") != std::string::npos
               ? PodLook::Error : PodLook::Creating;
  if (status == "Running") {
    bool ready = !pod.status.containerStatuses.empty();
    for (auto& c : pod.status.containerStatuses) ready = ready && c.ready;
    return ready ? PodLook::Running : PodLook::NotReady;
  }
  if (status == "Pending" || status == "Unknown") return PodLook::Pending;
  if (status == "Succeeded" || status == "Completed") return PodLook::Succeeded;
  if (status == "Failed") return PodLook::Failed;
  // ErrImagePull, ImagePullBackOff, CrashLoopBackOff, Error, OOMKilled, ExitCode:n, ...
  return PodLook::Error;
}

namespace {

uint64_t gGenerations = 0;  // every build is a new generation (the UI runs on one thread)

void copyTraces(Cluster& cluster, ViewModel& vm, Time traceWindowMs) {
  vm.traces.clear();
  const auto& traces = cluster.network().traces();
  for (auto it = traces.rbegin(); it != traces.rend(); ++it) {
    if (it->start < vm.now - traceWindowMs) break;
    if (vm.traces.size() >= 64) break;
    vm.traces.push_back(*it);
  }
  std::reverse(vm.traces.begin(), vm.traces.end());
}

}  // namespace

void updateViewModel(Cluster& cluster, ViewModel& vm, Time traceWindowMs) {
  bool pulling = false;
  for (const PodView& p : vm.pods)
    if (p.pullProgress >= 0) {
      pulling = true;
      break;
    }
  if (vm.storeVersion != cluster.store().resourceVersion() || pulling) {
    vm = buildViewModel(cluster, traceWindowMs, &vm);
    return;
  }
  vm.now = cluster.now();
  copyTraces(cluster, vm, traceWindowMs);
  const Network& net = cluster.network();
  if (net.countersVersion() == vm.countersVersion) return;  // no request since: the same counters
  vm.countersVersion = net.countersVersion();
  for (PodView& p : vm.pods)
    if (const RequestCounters* rc = net.podRequests(p.key)) {
      p.requestsOk = rc->ok;
      p.requestsFailed = rc->failed;
    }
  for (ServiceView& s : vm.services) {
    s.trafficRate = net.trafficRate(s.ns, s.name);
    if (const RequestCounters* rc = net.serviceRequests(s.key)) {
      s.requestsOk = rc->ok;
      s.requestsFailed = rc->failed;
    }
  }
}

namespace {

// One pod's view, made from its store object (counters and node sums are the caller's).
PodView makePodView(Cluster& cluster, const Ptr<Pod>& p, Time now) {
  PodView v;
  v.source = p;
  v.ns = p->metadata.namespace_;
  v.name = p->metadata.name;
  v.key = v.ns + "/" + v.name;
  v.node = p->spec.nodeName;
  v.ip = p->status.podIP;
  v.status = podStatusText(*p);
  v.look = podLook(*p, v.status);
  v.ready = v.look == PodLook::Running;
  for (auto& c : p->status.containerStatuses) v.restarts += c.restartCount;
  if (!p->spec.containers.empty()) v.image = p->spec.containers.front().image;
  if (auto* ref = p->metadata.controllerRef()) v.owner = ref->name;
  v.created = p->metadata.creationTimestamp;
  v.system = isSystemNamespace(v.ns);
  if (v.look == PodLook::Creating) {
    Kubelets::PullProgress pull = cluster.kubelets().pullProgress(p->metadata.uid);
    if (pull.started != kNoTime && pull.ends > pull.started)
      v.pullProgress = std::clamp(static_cast<float>(now - pull.started) / static_cast<float>(pull.ends - pull.started), 0.0f, 1.0f);
  }
  v.crashLooping = v.status == "CrashLoopBackOff";
  v.deletionAt = p->metadata.deletionTimestamp;
  if (p->metadata.deletionGracePeriodSeconds) v.graceMs = std::max<int64_t>(0, *p->metadata.deletionGracePeriodSeconds) * 1000;
  // What it requests of its node: the containers' sum, or the largest init container's.
  auto req = [](const StringMap& m, const char* k) -> int64_t {
    auto it = m.find(k);
    return it == m.end() ? 0 : parseQuantityMilli(it->second).value_or(0);
  };
  int64_t cpu = 0, mem = 0, initCpu = 0, initMem = 0;
  for (auto& c : p->spec.containers) {
    cpu += req(c.resources.requests, "cpu");
    mem += req(c.resources.requests, "memory") / 1000;
  }
  for (auto& c : p->spec.initContainers) {
    initCpu = std::max(initCpu, req(c.resources.requests, "cpu"));
    initMem = std::max(initMem, req(c.resources.requests, "memory") / 1000);
  }
  v.cpuRequestMilli = std::max(cpu, initCpu);
  v.memRequestBytes = std::max(mem, initMem);
  return v;
}

}  // namespace

ViewModel buildViewModel(Cluster& cluster, Time traceWindowMs, ViewModel* previous) {
  ViewModel vm;
  const Store& store = cluster.store();
  vm.storeVersion = store.resourceVersion();
  vm.generation = ++gGenerations;
  vm.now = cluster.now();
  vm.startedAt = cluster.startedAt();
  vm.countersVersion = cluster.network().countersVersion();

  for (auto& n : store.list<Node>()) {
    NodeView v;
    v.name = n->metadata.name;
    for (auto& a : n->status.addresses)
      if (a.type == "InternalIP") v.ip = a.address;
    v.podCidr = n->spec.podCIDR;
    v.controlPlane = n->metadata.labels.count("node-role.kubernetes.io/control-plane") > 0 ||
                     n->metadata.labels.count("node-role.kubernetes.io/master") > 0;
    for (auto& c : n->status.conditions)
      if (c.type == "Ready") v.ready = c.status == "True";
    {
      auto q = [&](const char* k) -> int64_t {
        auto it = n->status.allocatable.find(k);
        return it == n->status.allocatable.end() ? 0 : parseQuantityMilli(it->second).value_or(0);
      };
      v.cpuAllocatableMilli = q("cpu");
      v.memAllocatableBytes = q("memory") / 1000;
      v.podsAllocatable = static_cast<int>(std::min<int64_t>(q("pods") / 1000, 1 << 30));
    }
    vm.nodes.push_back(std::move(v));
  }
  std::stable_sort(vm.nodes.begin(), vm.nodes.end(), [](const NodeView& a, const NodeView& b) {
    return a.controlPlane != b.controlPlane ? a.controlPlane : a.name < b.name;
  });

  std::unordered_map<std::string, size_t> nodeIndex;
  for (size_t i = 0; i < vm.nodes.size(); ++i) nodeIndex[vm.nodes[i].name] = i;
  std::unordered_map<const Pod*, PodView*> unchanged;  // the previous views by their object
  if (previous) {
    unchanged.reserve(previous->pods.size());
    for (PodView& v : previous->pods)
      if (v.source && v.look != PodLook::Creating) unchanged.emplace(v.source.get(), &v);  // pulls move with the clock
  }
  const Network& net = cluster.network();
  const Store::Objects& pods = store.all(*resourceForKind(Pod::kKind));
  vm.pods.reserve(pods.size());
  for (const auto& [podKey, obj] : pods) {
    Ptr<Pod> p = std::static_pointer_cast<const Pod>(obj);
    if (auto it = unchanged.find(p.get()); it != unchanged.end()) {
      vm.pods.push_back(std::move(*it->second));
      unchanged.erase(it);
    } else {
      vm.pods.push_back(makePodView(cluster, p, vm.now));
    }
    PodView& v = vm.pods.back();
    if (const RequestCounters* rc = net.podRequests(v.key)) {
      v.requestsOk = rc->ok;
      v.requestsFailed = rc->failed;
    }
    // Requests count against the node while the pod is not terminated (describe node).
    auto ni = v.node.empty() ? nodeIndex.end() : nodeIndex.find(v.node);
    if (ni != nodeIndex.end() && p->status.phase != "Succeeded" && p->status.phase != "Failed") {
      NodeView& nv = vm.nodes[ni->second];
      ++nv.podsScheduled;
      nv.cpuRequestedMilli += v.cpuRequestMilli;
      nv.memRequestedBytes += v.memRequestBytes;
    }
    if (!v.system) {
      ++vm.podsTotal;
      if (v.look == PodLook::Running) ++vm.podsRunning;
    }
  }
  vm.progress = replicaProgress(store);
  // The store lists in key order ("namespace/name"), which is the order pod() searches.
  if (!std::is_sorted(vm.pods.begin(), vm.pods.end(), [](const PodView& a, const PodView& b) { return a.key < b.key; }))
    std::sort(vm.pods.begin(), vm.pods.end(), [](const PodView& a, const PodView& b) { return a.key < b.key; });

  for (auto& s : store.list<Service>()) {
    ServiceView v;
    v.ns = s->metadata.namespace_;
    v.name = s->metadata.name;
    v.key = v.ns + "/" + v.name;
    v.type = s->spec.type.empty() ? "ClusterIP" : s->spec.type;
    v.clusterIP = s->spec.clusterIP;
    if (v.type == "LoadBalancer") {
      v.externalIP = "<pending>";
      for (auto& in : s->status.loadBalancerIngress)
        if (!in.ip.empty()) { v.externalIP = in.ip; break; }
    }
    for (auto& port : s->spec.ports) {
      if (!v.ports.empty()) v.ports += ",";
      v.ports += std::to_string(port.port);
      if (port.nodePort && v.type != "ClusterIP") v.ports += ":" + std::to_string(port.nodePort);
      v.ports += "/" + (port.protocol.empty() ? std::string("TCP") : port.protocol);
    }
    v.system = isSystemNamespace(v.ns) || (v.ns == "default" && v.name == "kubernetes");
    v.trafficRate = cluster.network().trafficRate(v.ns, v.name);
    if (const RequestCounters* rc = cluster.network().serviceRequests(v.key)) {
      v.requestsOk = rc->ok;
      v.requestsFailed = rc->failed;
    }
    auto ep = store.get<Endpoints>(v.ns, v.name);
    ServiceView* before = nullptr;
    if (previous && ep)
      for (ServiceView& old : previous->services)
        if (old.key == v.key && old.endpointsSource == ep) before = &old;
    if (before) {  // the same Endpoints object: the same lists
      v.endpoints = std::move(before->endpoints);
      v.notReadyEndpoints = std::move(before->notReadyEndpoints);
      v.endpointsSource = ep;
    } else if (ep) {
      v.endpointsSource = ep;
      // Each pod once per list (a pod appears in one subset per port set); a hash set keeps
      // this linear for thousands of endpoints.
      std::unordered_set<std::string> seenReady, seenNotReady;
      for (auto& subset : ep->subsets) {
        auto add = [&](const std::vector<EndpointAddress>& from, std::vector<std::string>& to) {
          auto& seen = &to == &v.endpoints ? seenReady : seenNotReady;
          for (auto& a : from) {
            if (!a.targetRef || a.targetRef->kind != "Pod") continue;
            std::string key = (a.targetRef->namespace_.empty() ? v.ns : a.targetRef->namespace_) + "/" + a.targetRef->name;
            if (seen.insert(key).second) to.push_back(std::move(key));
          }
        };
        add(subset.addresses, v.endpoints);
        add(subset.notReadyAddresses, v.notReadyEndpoints);
      }
    }
    vm.services.push_back(std::move(v));
  }

  copyTraces(cluster, vm, traceWindowMs);
  return vm;
}

}  // namespace kp
