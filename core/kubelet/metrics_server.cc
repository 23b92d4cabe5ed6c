// metrics-server's scrape loop and storage; see metrics_server.h. A container's CPU is its
// idle cost, plus the requests it served over the window times their cost, plus a core when it
// spins, capped at its CPU limit (or the node's cores); memory is its working set, growing with
// the requests served and levelling off. A node adds its own daemons (kubelet, dockerd) to the
// sum of its pods.
#include "core/kubelet/metrics_server.h"

#include <algorithm>
#include <cmath>

#include "core/api/podutil.h"
#include "core/api/quantity.h"
#include "core/apiserver/store.h"
#include "core/kubelet/kubelet.h"

namespace kp {

namespace {

constexpr int64_t kCore = 1000000000;  // nanocores
constexpr int64_t kMi = 1024 * 1024;

bool isMetricsServerPod(const Pod& p) {
  auto it = p.metadata.labels.find("k8s-app");
  return p.metadata.namespace_ == "kube-system" && it != p.metadata.labels.end() && it->second == "metrics-server";
}

// A steady wobble of a few percent, the same for the same container and time.
double wobble(const std::string& uid, const std::string& container, Time at) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  };
  mix(uid);
  mix(container);
  mix(std::to_string(at / 1000));
  return 0.92 + static_cast<double>(h % 1000) / 1000.0 * 0.16;
}

int64_t limitOf(const Container& c, const char* resource, int64_t fallback) {
  auto it = c.resources.limits.find(resource);
  if (it == c.resources.limits.end()) return fallback;
  auto v = parseQuantityMilli(it->second);
  return v ? *v : fallback;
}

// The host of a URL: "http://php-apache:80/x" -> "php-apache".
std::string hostOf(std::string url) {
  if (auto s = url.find("://"); s != std::string::npos) url = url.substr(s + 3);
  auto end = url.find_first_of(":/");
  return end == std::string::npos ? url : url.substr(0, end);
}

}  // namespace

const ResourceMetrics& Kubelets::metricsServer() const { return *metricsServer_; }

MetricsServer::MetricsServer(const ComponentParts& parts, const UsageCounters& counters)
    : store_(parts.store), timers_(parts.timers), counters_(counters) {
  watchId_ = store_.watch([this](const WatchEvent& e) { onEvent(e); });
}

MetricsServer::~MetricsServer() { store_.unwatch(watchId_); }

bool MetricsServer::podReadyNow() const {
  for (const auto& p : store_.list<Pod>("kube-system"))
    if (isMetricsServerPod(*p) && podReady(*p) && !podTerminating(*p)) return true;
  return false;
}

// The APIService turns Available once metrics-server answers /readyz, which it does after its
// first scrape.
bool MetricsServer::available() const { return scraping_ && lastScrape_ != kNoTime && podReadyNow(); }

void MetricsServer::onEvent(const WatchEvent& e) {
  if (e.resource->kind != "Pod" || !isMetricsServerPod(static_cast<const Pod&>(*e.object))) return;
  bool up = podReadyNow();
  if (up && !scraping_) {
    // The first scrape once the server has started up (the readiness probe's initial delay
    // and a period), then one per resolution.
    scraping_ = true;
    uint64_t gen = ++generation_;
    timers_.after(kStartup, [this, gen] { scrape(gen); });
  } else if (!up && scraping_) {
    scraping_ = false;
    generation_++;
    points_.clear();
    generated_.clear();
    pods_.clear();
    podUids_.clear();
    nodes_.clear();
    lastScrape_ = kNoTime;
  }
}

void MetricsServer::addGeneratedLoad(Time dt) {
  for (const auto& p : store_.list<Pod>()) {
    if (p->status.phase != "Running") continue;
    for (const auto& c : p->spec.containers) {
      UsageProfile prof = usageProfile(c);
      if (prof.loadUrl.empty()) continue;
      bool running = false;
      for (const auto& st : p->status.containerStatuses)
        if (st.name == c.name && st.state.hasRunning) running = true;
      if (!running) continue;
      // The service the URL names, as cluster DNS resolves it from the pod's namespace.
      std::string host = hostOf(prof.loadUrl), name = host, ns = p->metadata.namespace_;
      auto dot = host.find('.');
      if (dot != std::string::npos) {
        name = host.substr(0, dot);
        std::string rest = host.substr(dot + 1);
        ns = rest.substr(0, rest.find('.'));
      }
      Ptr<Service> svc = store_.get<Service>(ns, name);
      if (!svc)
        for (const auto& s : store_.list<Service>())
          if (s->spec.clusterIP == host) svc = s;
      if (!svc) continue;
      auto ep = store_.get<Endpoints>(svc->metadata.namespace_, svc->metadata.name);
      if (!ep) continue;
      std::vector<Ptr<Pod>> targets;
      for (const auto& sub : ep->subsets)
        for (const auto& a : sub.addresses)
          if (a.targetRef && a.targetRef->kind == "Pod")
            if (auto t = store_.get<Pod>(a.targetRef->namespace_, a.targetRef->name)) targets.push_back(t);
      if (targets.empty()) continue;
      double each = static_cast<double>(UsageProfile::kLoadRate) * static_cast<double>(dt) / 1000.0 /
                    static_cast<double>(targets.size());
      for (const auto& t : targets)
        if (!t->spec.containers.empty()) generated_[t->metadata.uid][t->spec.containers[0].name] += each;
    }
  }
}

void MetricsServer::scrape(uint64_t generation) {
  if (generation != generation_) return;
  const Time now = timers_.now();
  if (lastScrape_ != kNoTime) addGeneratedLoad(now - lastScrape_);
  lastScrape_ = now;
  std::map<std::string, std::map<std::string, Point>> points;
  std::map<std::string, PodUsage> pods;
  std::map<std::string, std::string> uids;
  std::map<std::string, std::pair<int64_t, int64_t>> nodeSums;
  std::map<std::string, Time> nodeWindow;
  for (const auto& p : store_.list<Pod>()) {
    if (p->status.phase != "Running" || p->spec.nodeName.empty()) continue;
    auto node = store_.get<Node>("", p->spec.nodeName);
    if (!node) continue;
    bool nodeReady = false;
    for (const auto& c : node->status.conditions)
      if (c.type == "Ready" && c.status == "True") nodeReady = true;
    if (!nodeReady) continue;  // its kubelet does not answer the scrape
    int64_t nodeCores = kCore * 2;
    if (auto it = node->status.capacity.find("cpu"); it != node->status.capacity.end())
      if (auto v = parseQuantityMilli(it->second)) nodeCores = *v * 1000000;
    const std::string uid = p->metadata.uid;
    PodUsage usage;
    usage.ns = p->metadata.namespace_;
    usage.name = p->metadata.name;
    usage.labels = p->metadata.labels;
    usage.timestamp = now;
    bool complete = !p->spec.containers.empty();
    for (const auto& c : p->spec.containers) {
      const ContainerStatus* st = nullptr;
      for (const auto& s : p->status.containerStatuses)
        if (s.name == c.name) st = &s;
      if (!st || !st->state.hasRunning) {
        complete = false;
        continue;
      }
      UsageProfile prof = usageProfile(c);
      double served = static_cast<double>(counters_.served(uid, c.name));
      if (auto g = generated_.find(uid); g != generated_.end())
        if (auto gc = g->second.find(c.name); gc != g->second.end()) served += gc->second;
      Point pt{now, st->state.startedAt, served};
      points[uid][c.name] = pt;
      auto prevPod = points_.find(uid);
      if (prevPod == points_.end()) {
        complete = false;
        continue;
      }
      auto prev = prevPod->second.find(c.name);
      if (prev == prevPod->second.end() || prev->second.started != pt.started || now <= prev->second.at) {
        complete = false;
        continue;
      }
      Time dt = now - prev->second.at;
      double w = wobble(uid, c.name, now);
      double cpu = static_cast<double>(prof.idleNanoCores) * w;
      cpu += (served - prev->second.served) * static_cast<double>(prof.nanoCoreSecondsPerRequest) * 1000.0 /
             static_cast<double>(dt) * w;
      if (prof.busy) cpu += static_cast<double>(kCore) * (0.995 + 0.004 * w);
      int64_t cap = std::min(limitOf(c, "cpu", nodeCores / 1000000) * 1000000, nodeCores);
      int64_t cpuN = std::min(static_cast<int64_t>(cpu), cap);
      int64_t mem = prof.memoryBytes + std::min<int64_t>(prof.memoryGrowthMax, static_cast<int64_t>(served) * prof.memoryPerRequest);
      mem += static_cast<int64_t>((w - 0.92) * 0.5 * kMi) / 4096 * 4096;
      int64_t memCap = limitOf(c, "memory", INT64_C(1) << 50) / 1000;
      mem = std::min(mem, memCap * 95 / 100) / 4096 * 4096;
      usage.window = dt;
      usage.containers.push_back({c.name, cpuN, mem});
    }
    if (!complete) continue;
    std::sort(usage.containers.begin(), usage.containers.end(),
              [](const ContainerUsage& a, const ContainerUsage& b) { return a.name < b.name; });
    auto& sum = nodeSums[p->spec.nodeName];
    for (const auto& c : usage.containers) {
      sum.first += c.cpuNanoCores;
      sum.second += c.memoryBytes;
    }
    nodeWindow[p->spec.nodeName] = usage.window;
    std::string key = usage.ns + "/" + usage.name;
    uids[key] = uid;
    pods[key] = std::move(usage);
  }
  std::map<std::string, NodeUsage> nodes;
  if (!points_.empty()) {
    for (const auto& n : store_.list<Node>()) {
      bool nodeReady = false;
      for (const auto& c : n->status.conditions)
        if (c.type == "Ready" && c.status == "True") nodeReady = true;
      if (!nodeReady) continue;
      bool controlPlane = n->metadata.labels.count("node-role.kubernetes.io/control-plane") > 0;
      double w = wobble(n->metadata.uid, "", now);
      NodeUsage u;
      u.name = n->metadata.name;
      u.labels = n->metadata.labels;
      u.timestamp = now;
      u.window = nodeWindow.count(u.name) ? nodeWindow[u.name] : now - points_.begin()->second.begin()->second.at;
      // The node's own daemons: the kubelet, dockerd and cri-dockerd.
      u.cpuNanoCores = static_cast<int64_t>((controlPlane ? 95.0 : 38.0) * 1e6 * w) + nodeSums[u.name].first;
      u.memoryBytes = static_cast<int64_t>((controlPlane ? 540.0 : 360.0) * kMi * w) / 4096 * 4096 + nodeSums[u.name].second;
      nodes[u.name] = u;
    }
  }
  points_ = std::move(points);
  pods_ = std::move(pods);
  podUids_ = std::move(uids);
  nodes_ = std::move(nodes);
  timers_.after(kResolution, [this, generation] { scrape(generation); });
}

std::vector<PodUsage> MetricsServer::podMetrics(const std::string& ns) const {
  std::vector<PodUsage> out;
  if (!available()) return out;
  for (const auto& [key, u] : pods_) {
    if (!ns.empty() && u.ns != ns) continue;
    // Pods deleted since the scrape are gone from metrics-server's informer.
    auto p = store_.get<Pod>(u.ns, u.name);
    if (!p || p->metadata.uid != podUids_.at(key)) continue;
    out.push_back(u);
  }
  return out;
}

std::vector<NodeUsage> MetricsServer::nodeMetrics() const {
  std::vector<NodeUsage> out;
  if (!available()) return out;
  for (const auto& [name, u] : nodes_)
    if (store_.get<Node>("", name)) out.push_back(u);
  return out;
}

}  // namespace kp
