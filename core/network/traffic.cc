// Request bookkeeping and the traffic generator (see network.h): every finished request is
// kept for the canvas (the last 512) and counted per service and per answering pod; a
// generator sends a GET to a service's external address every 1/rate simulated seconds, on
// the cluster's timers, so it runs, pauses and speeds up with the simulated clock.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/network/network.h"
#include "core/apiserver/store.h"

namespace kp {

std::string Network::formatRate(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, r == std::floor(r) ? "%.0f" : "%.1f", r);
  return buf;
}

void Network::keep(const RequestTrace& trace) {
  ++countersVersion_;
  traces_.push_back(trace);
  while (traces_.size() > 512) traces_.pop_front();
  bool failed = trace.failed();
  if (!trace.service.empty()) (failed ? serviceRequests_[trace.service].failed : serviceRequests_[trace.service].ok)++;
  if (!trace.pod.empty()) (failed ? podRequests_[trace.pod].failed : podRequests_[trace.pod].ok)++;
}

const RequestCounters* Network::podRequests(const std::string& key) const {
  auto it = podRequests_.find(key);
  return it == podRequests_.end() ? nullptr : &it->second;
}

const RequestCounters* Network::serviceRequests(const std::string& key) const {
  auto it = serviceRequests_.find(key);
  return it == serviceRequests_.end() ? nullptr : &it->second;
}

std::string Network::externalUrl(const Service& svc) const {
  if (svc.spec.ports.empty()) return "";
  const ServicePort& port = svc.spec.ports.front();
  for (const auto& in : svc.status.loadBalancerIngress)
    if (!in.ip.empty()) return "http://" + in.ip + ":" + std::to_string(port.port) + "/";
  if (port.nodePort == 0) return "";
  for (const auto& n : store_.list<Node>())
    for (const auto& a : n->status.addresses)
      if (a.type == "InternalIP") return "http://" + a.address + ":" + std::to_string(port.nodePort) + "/";
  return "";
}

std::string Network::setTraffic(const std::string& ns, const std::string& name, double perSecond) {
  const std::string key = ns + "/" + name;
  if (!std::isfinite(perSecond) || perSecond < 0) return "the rate must be a number of requests per second, 0 or more";
  perSecond = std::min(perSecond, kMaxTrafficRate);
  ++countersVersion_;
  if (perSecond == 0) {
    generators_.erase(key);
    return "";
  }
  auto svc = store_.get<Service>(ns, name);
  if (!svc) return "services \"" + name + "\" not found";
  if (externalUrl(*svc).empty())
    return "service " + name + " has no address outside the cluster (type " +
           (svc->spec.type.empty() ? std::string("ClusterIP") : svc->spec.type) +
           "); expose it with --type=NodePort or --type=LoadBalancer";
  Generator& g = generators_[key];
  bool wasRunning = g.rate > 0;
  g.rate = perSecond;
  ++g.generation;
  // A new generator sends its first request at once; a changed rate takes effect from the next.
  uint64_t gen = g.generation;
  Time delay = wasRunning ? static_cast<Time>(std::llround(1000.0 / perSecond)) : 0;
  timers_.after(delay, [this, key, gen] { generatorTick(key, gen); });
  return "";
}

double Network::trafficRate(const std::string& ns, const std::string& name) const {
  auto it = generators_.find(ns + "/" + name);
  return it == generators_.end() ? 0 : it->second.rate;
}

void Network::generatorTick(const std::string& key, uint64_t generation) {
  auto it = generators_.find(key);
  if (it == generators_.end() || it->second.generation != generation) return;
  size_t slash = key.find('/');
  auto svc = store_.get<Service>(key.substr(0, slash), key.substr(slash + 1));
  std::string url = svc ? externalUrl(*svc) : "";
  if (url.empty()) {  // the service went away or lost its outside address: the generator stops
    generators_.erase(it);
    ++countersVersion_;
    return;
  }
  Time interval = std::max<Time>(1, static_cast<Time>(std::llround(1000.0 / it->second.rate)));
  httpGet(url);
  timers_.after(interval, [this, key, generation] { generatorTick(key, generation); });
}

}  // namespace kp
