// Requests made from inside a pod: CoreDNS answers <svc>.<ns>.svc.cluster.local with the
// service's cluster IP (a headless service with its ready pod IPs), a pod's resolv.conf search
// path expands short names, and kube-proxy forwards cluster-IP traffic to an endpoint: random
// in iptables mode, or the same one per client IP under sessionAffinity: ClientIP.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/network/network.h"
#include "core/apiserver/store.h"
#include "core/network/network_policy.h"

namespace kp {

size_t Network::pickEndpoint(const Service& svc, const std::vector<std::string>& ips, const std::string& clientIp) {
  if (ips.empty()) return 0;
  if (svc.spec.sessionAffinity != "ClientIP") return static_cast<size_t>(rng_.below(ips.size()));
  Time timeout = 10800;
  const Json& cfg = svc.spec.sessionAffinityConfig;
  if (cfg.is_object() && cfg.contains("clientIP") && cfg["clientIP"].is_object() &&
      cfg["clientIP"].contains("timeoutSeconds") && cfg["clientIP"]["timeoutSeconds"].is_number_integer())
    timeout = std::clamp<Time>(cfg["clientIP"]["timeoutSeconds"].get<long long>(), 1, 86400);
  auto key = std::make_pair(svc.metadata.uid, clientIp);
  auto it = affinity_.find(key);
  if (it != affinity_.end() && timers_.now() - it->second.second <= timeout * 1000) {
    auto found = std::find(ips.begin(), ips.end(), it->second.first);
    if (found != ips.end()) {
      it->second.second = timers_.now();
      return static_cast<size_t>(found - ips.begin());
    }
  }
  size_t pick = static_cast<size_t>(rng_.below(ips.size()));
  affinity_[key] = {ips[pick], timers_.now()};
  return pick;
}

std::string Network::resolve(const std::string& ns, const std::string& nameIn, std::string* fqdn) {
  if (nameIn.empty()) return "";
  if (parseIpv4(nameIn)) {
    if (fqdn) *fqdn = nameIn;
    return nameIn;
  }
  std::string name = nameIn;
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool absolute = name.back() == '.';
  if (absolute) name.pop_back();
  std::vector<std::string> candidates;
  if (absolute || std::count(name.begin(), name.end(), '.') >= 5) {
    candidates = {name};
  } else {
    candidates = {name + "." + ns + ".svc.cluster.local", name + ".svc.cluster.local", name + ".cluster.local", name};
  }
  auto& store = store_;
  const std::string suffix = ".svc.cluster.local";
  for (const auto& cand : candidates) {
    if (cand.size() <= suffix.size() || cand.compare(cand.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    std::string rest = cand.substr(0, cand.size() - suffix.size());
    auto dot = rest.find('.');
    if (dot == std::string::npos) continue;
    if (rest.find('.', dot + 1) != std::string::npos) {
      // <hostname>.<headless service>.<ns>: the pod the service's Endpoints name with that hostname.
      std::string host = rest.substr(0, dot), svcAndNs = rest.substr(dot + 1);
      auto dot2 = svcAndNs.find('.');
      if (dot2 == std::string::npos || svcAndNs.find('.', dot2 + 1) != std::string::npos) continue;
      auto ep = store.get<Endpoints>(svcAndNs.substr(dot2 + 1), svcAndNs.substr(0, dot2));
      std::string ip;
      for (const auto& sub : ep ? ep->subsets : std::vector<EndpointSubset>{})
        for (const auto& a : sub.addresses)
          if (a.hostname == host && ip.empty()) ip = a.ip;
      if (ip.empty()) continue;
      if (fqdn) *fqdn = cand;
      return ip;
    }
    auto svc = store.get<Service>(rest.substr(dot + 1), rest.substr(0, dot));
    if (!svc) continue;
    std::string ip;
    if (svc->spec.clusterIP == "None") {
      if (auto ep = store.get<Endpoints>(svc->metadata.namespace_, svc->metadata.name))
        for (const auto& sub : ep->subsets)
          if (!sub.addresses.empty() && ip.empty()) ip = sub.addresses[0].ip;
    } else {
      ip = svc->spec.clusterIP;
    }
    if (ip.empty()) continue;
    if (fqdn) *fqdn = cand;
    return ip;
  }
  return "";
}

HttpResult Network::httpGetFromPod(const Pod& from, const std::string& urlIn) {
  HttpResult res;
  UrlParts parts;
  if (!splitUrl(urlIn, parts, res)) return res;
  const std::string host = parts.host, path = parts.path;
  const int port = parts.port;
  res.host = host;
  res.port = port;
  RequestTrace trace;
  trace.id = nextTrace_++;
  trace.start = timers_.now();
  trace.url = urlIn;
  const std::string clientIp = from.status.podIP;
  trace.hops.push_back({"client", from.metadata.name, clientIp, timers_.now()});
  auto record = [&](bool ok) {
    trace.ok = ok;
    trace.error = res.error;
    trace.status = res.status;
    trace.end = timers_.now() + (ok ? 6 : 2);
    keep(trace);
  };
  // The name goes to CoreDNS first (UDP 53 to a kube-dns pod): a pod whose egress policies
  // do not allow that gets no answer, and curl gives up on the name.
  bool dnsDenied = false;
  if (policies_ && host != "localhost" && !parseIpv4(host))
    if (auto dns = store_.get<Endpoints>("kube-system", "kube-dns"))
      for (const auto& sub : dns->subsets)
        for (const auto& a : sub.addresses)
          if (a.targetRef && !dnsDenied)
            if (auto dnsPod = store_.get<Pod>("kube-system", a.targetRef->name))
              dnsDenied = !policies_->allows(PolicyPeer{&from, from.status.podIP}, *dnsPod, 53, "UDP");
  std::string ip = host == "localhost" ? "127.0.0.1" : dnsDenied ? "" : resolve(from.metadata.namespace_, host, nullptr);
  if (ip.empty()) {
    res.curlExit = 6;
    res.error = "Could not resolve host: " + host;
    record(false);
    return res;
  }
  res.resolvedIp = ip;
  auto refused = [&] {
    failConnect(res, host, port, false);
    record(false);
    return res;
  };
  auto timeout = [&] {
    failConnect(res, host, port, true);
    record(false);
    return res;
  };
  auto& store = store_;
  auto deliver = [&](const Pod& target, const std::string& targetIp, int targetPort) {
    Delivery d = this->deliver(trace, &from, clientIp, target, targetIp, targetPort, host, path, timers_.now() + 3, res);
    if (d == Delivery::Refused) return refused();
    if (d == Delivery::TimedOut) return timeout();
    record(true);
    return res;
  };
  if (ip == "127.0.0.1" || ip == clientIp) return deliver(from, clientIp, port);
  // A cluster IP: kube-proxy's rules on the client's node.
  for (const auto& svc : store.list<Service>()) {
    if (svc->spec.clusterIP != ip) continue;
    const ServicePort* sport = nullptr;
    for (const auto& p : svc->spec.ports)
      if (p.port == port) sport = &p;
    if (!sport) return timeout();  // no rule matches: the packet goes nowhere
    trace.hops.push_back({"service", svc->metadata.name, ip, timers_.now() + 1});
    trace.service = svc->metadata.namespace_ + "/" + svc->metadata.name;
    std::vector<std::string> ips;
    std::vector<std::string> names;
    std::vector<int> ports;
    if (auto ep = store.get<Endpoints>(svc->metadata.namespace_, svc->metadata.name))
      for (const auto& sub : ep->subsets) {
        int portHere = 0;
        for (const auto& p : sub.ports)
          if (p.name == sport->name) portHere = p.port;
        if (!portHere) continue;
        for (const auto& a : sub.addresses) {
          ips.push_back(a.ip);
          names.push_back(a.targetRef ? a.targetRef->name : "");
          ports.push_back(portHere);
        }
      }
    if (ips.empty()) return refused();
    size_t i = pickEndpoint(*svc, ips, clientIp);
    auto target = store.get<Pod>(svc->metadata.namespace_, names[i]);
    if (!target) return refused();
    return deliver(*target, ips[i], ports[i]);
  }
  // A pod IP: straight over the pod network.
  for (const auto& p : store.list<Pod>())
    if (p->status.podIP == ip && !p->spec.hostNetwork) return deliver(*p, ip, port);
  return timeout();
}

}  // namespace kp
