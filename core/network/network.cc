// Address management and request routing. Service IPs come at random from 10.96.0.0/12 and
// node ports from 30000-32767, as the API server's allocators hand them out; pod IPs come in
// order from each node's /24 (host-local IPAM); load balancers get addresses from a pool on the
// node network. A request is routed as kube-proxy's iptables rules do: a random ready endpoint.
#include "core/network/network.h"
#include "core/apiserver/store.h"
#include "core/api/podutil.h"
#include "core/network/ingress_controller.h"
#include "core/network/network_policy.h"

#include <algorithm>
#include <cstdio>


namespace kp {

std::string ipv4(uint32_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", v >> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255);
  return buf;
}

std::optional<uint32_t> parseIpv4(const std::string& s) {
  unsigned a, b, c, d;
  char extra;
  if (std::sscanf(s.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &extra) != 4) return std::nullopt;
  if (a > 255 || b > 255 || c > 255 || d > 255) return std::nullopt;
  return (a << 24) | (b << 16) | (c << 8) | d;
}

namespace {

const uint32_t kServiceBase = (10u << 24) | (96u << 16);  // 10.96.0.0/12
const uint32_t kServiceSize = 1u << 20;
const uint32_t kLbBase = (192u << 24) | (168u << 16) | (49u << 8) | 100u;  // from 192.168.49.100

}  // namespace

Network::Network(const Store& store, Timers& timers, Rng& rng) : store_(store), timers_(timers), rng_(rng) {}

std::string Network::podCidrFor(int nodeIndex) const {
  return ipv4((10u << 24) | (244u << 16) | (static_cast<uint32_t>(nodeIndex) << 8)) + "/24";
}

std::string Network::nodeIpFor(int nodeIndex) const {
  return ipv4(((192u << 24) | (168u << 16) | (49u << 8) | 2u) + static_cast<uint32_t>(nodeIndex));
}

std::string Network::allocatePodIp(const std::string& podCidr) {
  auto base = parseIpv4(podCidr.substr(0, podCidr.find('/')));
  if (!base) return "";
  uint32_t& next = nextPodHost_[podCidr];
  if (next < 2) next = 2;
  for (int tries = 0; tries < 253; tries++) {
    std::string ip = ipv4(*base + next);
    next = next >= 254 ? 2 : next + 1;
    if (usedPodIps_.insert(ip).second) return ip;
  }
  return "";
}

void Network::releasePodIp(const std::string& ip) { usedPodIps_.erase(ip); }

std::string Network::allocateLoadBalancerIp() {
  // The pool shares the node network: skip addresses that nodes hold (large clusters).
  std::set<std::string> nodeIps;
  for (const auto& n : store_.list<Node>())
    for (const auto& a : n->status.addresses) nodeIps.insert(a.address);
  for (uint32_t i = 0; i < 4096; i++) {
    std::string ip = ipv4(kLbBase + (nextLbHost_ + i) % 4096);
    if (!nodeIps.count(ip) && usedLbIps_.insert(ip).second) {
      nextLbHost_ = (nextLbHost_ + i + 1) % 4096;
      return ip;
    }
  }
  return "";
}

void Network::releaseLoadBalancerIp(const std::string& ip) { usedLbIps_.erase(ip); }

Status Network::allocate(Service& svc, const Service* old) {
  auto& s = svc.spec;
  const ResourceInfo& r = *resourceForKind("Service");
  auto invalid = [&](const std::string& field, const std::string& value, const std::string& msg) {
    return Status::invalid(r, svc.metadata.name, {{"FieldValueInvalid", "Invalid value: " + value + ": " + msg, field}});
  };
  if (old) {
    if (s.clusterIP.empty()) s.clusterIP = old->spec.clusterIP;
  } else if (s.clusterIP.empty() && s.type != "ExternalName") {
    for (int tries = 0; tries < 64; tries++) {
      // The lowest /28-ish band is kept for static addresses (10.96.0.1, 10.96.0.10).
      std::string ip = ipv4(kServiceBase + 16 + static_cast<uint32_t>(rng_.below(kServiceSize - 17)));
      if (!usedServiceIps_.count(ip)) {
        s.clusterIP = ip;
        break;
      }
    }
    usedServiceIps_.insert(s.clusterIP);
  } else if (s.clusterIP != "None" && !s.clusterIP.empty()) {
    auto ip = parseIpv4(s.clusterIP);
    if (!ip || *ip < kServiceBase || *ip >= kServiceBase + kServiceSize)
      return invalid("spec.clusterIPs", "[]string{\"" + s.clusterIP + "\"}",
                     "failed to allocate IP " + s.clusterIP + ": the provided IP (" + s.clusterIP +
                         ") is not in the valid range. The range of valid IPs is 10.96.0.0/12");
    if (!usedServiceIps_.insert(s.clusterIP).second)
      return invalid("spec.clusterIPs", "[]string{\"" + s.clusterIP + "\"}",
                     "failed to allocate IP " + s.clusterIP + ": provided IP is already allocated");
  }
  if (!s.clusterIP.empty()) s.clusterIPs = {s.clusterIP};
  bool wantsNodePorts = s.type == "NodePort" || (s.type == "LoadBalancer" && s.allocateLoadBalancerNodePorts.value_or(true));
  std::set<int> keep;
  for (size_t i = 0; i < s.ports.size(); i++) {
    auto& p = s.ports[i];
    if (!wantsNodePorts) {
      p.nodePort = 0;
      continue;
    }
    int previous = 0;
    if (old)
      for (const auto& op : old->spec.ports)
        if (op.port == p.port && op.protocol == p.protocol) previous = op.nodePort;
    if (p.nodePort == 0 && previous) p.nodePort = previous;
    if (p.nodePort != 0) {
      if (p.nodePort < 30000 || p.nodePort > 32767)
        return invalid("spec.ports[" + std::to_string(i) + "].nodePort", std::to_string(p.nodePort),
                       "provided port is not in the valid range. The range of valid ports is 30000-32767");
      if (p.nodePort != previous && usedNodePorts_.count(p.nodePort))
        return invalid("spec.ports[" + std::to_string(i) + "].nodePort", std::to_string(p.nodePort),
                       "provided port is already allocated");
    } else {
      for (int tries = 0; tries < 4096; tries++) {
        int port = 30000 + static_cast<int>(rng_.below(2768));
        if (!usedNodePorts_.count(port) && !keep.count(port)) {
          p.nodePort = port;
          break;
        }
      }
    }
    keep.insert(p.nodePort);
  }
  if (old)
    for (const auto& op : old->spec.ports)
      if (op.nodePort && !keep.count(op.nodePort)) usedNodePorts_.erase(op.nodePort);
  usedNodePorts_.insert(keep.begin(), keep.end());
  return Status::success();
}

void Network::release(const Service& svc) {
  if (!svc.spec.clusterIP.empty() && svc.spec.clusterIP != "None") usedServiceIps_.erase(svc.spec.clusterIP);
  for (const auto& p : svc.spec.ports)
    if (p.nodePort) usedNodePorts_.erase(p.nodePort);
}

void failConnect(HttpResult& res, const std::string& host, int port, bool timedOut) {
  res.curlExit = timedOut ? 28 : 7;
  if (timedOut) res.durationMs = 133000;
  res.error = "Failed to connect to " + host + " port " + std::to_string(port) + " after " +
              (timedOut ? "133000" : "0") + " ms: Couldn't connect to server";
}

bool splitUrl(const std::string& urlIn, UrlParts& out, HttpResult& res) {
  std::string url = urlIn;
  if (url.rfind("http://", 0) == 0) url = url.substr(7);
  else if (url.rfind("https://", 0) == 0) {
    url = url.substr(8);
    out.port = 443;
  }
  if (auto slash = url.find('/'); slash != std::string::npos) {
    out.path = url.substr(slash);
    url = url.substr(0, slash);
  }
  out.host = url;
  if (auto colon = url.rfind(':'); colon != std::string::npos) {
    out.host = url.substr(0, colon);
    std::string p = url.substr(colon + 1);
    if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos || std::stoi(p) > 65535) {
      res.curlExit = 3;
      res.error = "URL rejected: Port number was not a decimal number between 0 and 65535";
      return false;
    }
    out.port = std::stoi(p);
  }
  return true;
}

HttpResult Network::httpGet(const std::string& urlIn) { return httpGet(urlIn, HttpRequestOptions{}); }

HttpResult Network::httpGet(const std::string& urlIn, const HttpRequestOptions& opts) {
  HttpResult res;
  RequestTrace trace;
  trace.id = nextTrace_++;
  trace.start = timers_.now();
  trace.url = urlIn;
  UrlParts parts;
  if (!splitUrl(urlIn, parts, res)) return res;
  const std::string host = parts.host, path = parts.path;
  const int port = parts.port;
  // --resolve: the address to connect to; the Host header keeps the URL's name.
  std::string addr = host;
  if (auto r = opts.resolve.find(host + ":" + std::to_string(port)); r != opts.resolve.end()) addr = r->second;
  const std::string hostHeader = opts.hostHeader.empty() ? host : opts.hostHeader;
  auto record = [&](bool ok) {
    trace.ok = ok;
    trace.error = res.error;
    trace.status = res.status;
    trace.end = timers_.now() + (ok ? 8 : 2);
    keep(trace);
  };
  const std::string clientIp = "192.168.49.1";
  trace.hops.push_back({"client", "you", clientIp, timers_.now()});
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
  auto ip = parseIpv4(addr);
  if (!ip) {
    if (addr == "localhost") return refused();
    res.curlExit = 6;
    res.error = "Could not resolve host: " + host;
    record(false);
    return res;
  }
  auto& store = store_;
  Ptr<Service> svc;
  const ServicePort* sport = nullptr;
  std::string entryNode;
  // An external load balancer address?
  for (const auto& s : store.list<Service>()) {
    for (const auto& in : s->status.loadBalancerIngress)
      if (in.ip == addr) svc = s;
    if (svc) break;
  }
  std::vector<Ptr<Node>> nodes = store.list<Node>();
  if (svc) {
    for (const auto& p : svc->spec.ports)
      if (p.port == port) sport = &p;
    trace.service = svc->metadata.namespace_ + "/" + svc->metadata.name;
    if (!sport) return timeout();
    trace.hops.push_back({"loadbalancer", svc->metadata.name, addr, timers_.now() + 1});
    // The cloud load balancer spreads connections over the nodes that take external traffic.
    std::vector<Ptr<Node>> targets;
    for (const auto& n : nodes)
      if (!n->metadata.labels.count("node.kubernetes.io/exclude-from-external-load-balancers")) targets.push_back(n);
    if (targets.empty()) return timeout();
    entryNode = targets[rng_.below(targets.size())]->metadata.name;
  } else {
    // A node address with a node port?
    Ptr<Node> node;
    for (const auto& n : nodes)
      for (const auto& a : n->status.addresses)
        if (a.type == "InternalIP" && a.address == addr) node = n;
    if (!node) return timeout();  // cluster and pod IPs are not routable from outside
    entryNode = node->metadata.name;
    // A container's hostPort on that node (the ingress controller's 80 and 443): the node
    // forwards the port straight to the pod.
    for (const auto& key : store.podsOnNode(entryNode)) {
      auto [pns, pname] = splitKey(key);
      auto p = store.get<Pod>(pns, pname);
      if (!p || p->status.podIP.empty() || podTerminating(*p) || p->status.phase != "Running") continue;
      for (const auto& c : p->spec.containers)
        for (const auto& cp : c.ports)
          if (cp.hostPort == port && (cp.protocol.empty() || cp.protocol == "TCP")) {
            trace.hops.push_back({"node", entryNode, addr, timers_.now() + 1});
            Delivery d = deliver(trace, nullptr, addr, *p, p->status.podIP, cp.containerPort, hostHeader, path,
                                 timers_.now() + 2, res);
            if (d == Delivery::Refused) return refused();
            if (d == Delivery::TimedOut) return timeout();
            record(true);
            return res;
          }
    }
    for (const auto& s : store.list<Service>())
      for (const auto& p : s->spec.ports)
        if (p.nodePort == port && p.nodePort != 0) {
          svc = s;
          sport = &p;
        }
    if (!svc) return refused();
    trace.service = svc->metadata.namespace_ + "/" + svc->metadata.name;
  }
  std::string entryIp;
  for (const auto& n : nodes)
    if (n->metadata.name == entryNode)
      for (const auto& a : n->status.addresses)
        if (a.type == "InternalIP") entryIp = a.address;
  trace.hops.push_back({"node", entryNode, entryIp, timers_.now() + 2});
  // kube-proxy: a random ready endpoint (iptables mode's statistic match).
  auto ep = store.get<Endpoints>(svc->metadata.namespace_, svc->metadata.name);
  std::vector<const EndpointAddress*> ready;
  int targetPort = 0;
  if (ep)
    for (const auto& sub : ep->subsets) {
      int portHere = 0;
      for (const auto& p : sub.ports)
        if (p.name == sport->name) portHere = p.port;
      if (!portHere) continue;
      for (const auto& a : sub.addresses) {
        ready.push_back(&a);
        targetPort = portHere;
      }
    }
  if (ready.empty()) return refused();  // no endpoints: kube-proxy rejects the connection
  std::vector<std::string> readyIps;
  for (const auto* a : ready) readyIps.push_back(a->ip);
  const EndpointAddress* chosen = ready[pickEndpoint(*svc, readyIps, clientIp)];
  trace.hops.push_back({"service", svc->metadata.name, svc->spec.clusterIP, timers_.now() + 3});
  std::string podName = chosen->targetRef ? chosen->targetRef->name : "";
  auto pod = store.get<Pod>(svc->metadata.namespace_, podName);
  if (!pod) {
    trace.hops.push_back({"pod", podName, chosen->ip, timers_.now() + 4});
    trace.pod = svc->metadata.namespace_ + "/" + podName;
    return refused();
  }
  // The pod sees the node's bridge address (kube-proxy SNATs external traffic).
  std::string seen = chosen->ip.substr(0, chosen->ip.rfind('.')) + ".1";
  Delivery d = deliver(trace, nullptr, seen, *pod, chosen->ip, targetPort, hostHeader, path, timers_.now() + 4, res);
  if (d == Delivery::Refused) return refused();
  if (d == Delivery::TimedOut) return timeout();
  record(true);
  return res;
}

Network::Delivery Network::deliver(RequestTrace& trace, const Pod* client, const std::string& clientIp, const Pod& pod,
                                   const std::string& podIp, int port, const std::string& host,
                                   const std::string& path, Time at, HttpResult& res) {
  trace.hops.push_back({"pod", pod.metadata.name, podIp, at});
  trace.pod = pod.metadata.namespace_ + "/" + pod.metadata.name;
  // NetworkPolicy: a connection no policy allows is dropped, so the client waits. A pod can
  // always reach itself.
  bool self = client && client->metadata.namespace_ == pod.metadata.namespace_ && client->metadata.name == pod.metadata.name;
  if (policies_ && !self && !policies_->allows(PolicyPeer{client, clientIp}, pod, port, "TCP")) return Delivery::TimedOut;
  if (ingress_ && ingress_->isControllerPod(pod) && (port == 80 || port == 443))
    return proxyIngress(trace, pod, host, path, at + 1, res);
  auto answer = servers_->serveHttp(pod, port, path, clientIp);
  if (answer.status == 0) return Delivery::Refused;
  res.ok = true;
  res.status = answer.status;
  res.body = answer.body;
  return Delivery::Answered;
}

Network::Delivery Network::proxyIngress(RequestTrace& trace, const Pod& controller, const std::string& host,
                                        const std::string& path, Time at, HttpResult& res) {
  auto answer = [&](int status, const std::string& body) {
    res.ok = true;
    res.status = status;
    res.body = body;
    return Delivery::Answered;
  };
  IngressRoute route = ingress_->route(host, path);
  if (!route.found) return answer(404, nginxErrorPage(404));
  const IngressBackend& b = route.backend;
  auto svc = store_.get<Service>(b.ns, b.service);
  if (!svc) return answer(503, nginxErrorPage(503));
  const ServicePort* sport = nullptr;
  for (const auto& p : svc->spec.ports)
    if ((b.port != 0 && p.port == b.port) || (!b.portName.empty() && p.name == b.portName)) sport = &p;
  if (!sport) return answer(503, nginxErrorPage(503));
  trace.service = svc->metadata.namespace_ + "/" + svc->metadata.name;
  trace.hops.push_back({"service", svc->metadata.name, svc->spec.clusterIP, at});
  // nginx balances over the service's endpoints itself, as kube-proxy would pick one.
  std::vector<std::string> ips, names;
  std::vector<int> ports;
  if (auto ep = store_.get<Endpoints>(svc->metadata.namespace_, svc->metadata.name))
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
  if (ips.empty()) return answer(503, nginxErrorPage(503));
  size_t i = pickEndpoint(*svc, ips, controller.status.podIP);
  auto target = store_.get<Pod>(svc->metadata.namespace_, names[i]);
  if (!target) return answer(502, nginxErrorPage(502));
  HttpResult backend;
  Delivery d = deliver(trace, &controller, controller.status.podIP, *target, ips[i], ports[i], host, path, at + 1, backend);
  // nginx answers for a backend that does not: 502 when refused, 504 when the connection
  // times out (proxy_connect_timeout, 5 s).
  if (d == Delivery::Refused) return answer(502, nginxErrorPage(502));
  if (d == Delivery::TimedOut) return answer(504, nginxErrorPage(504));
  return answer(backend.status, backend.body);
}

}  // namespace kp
