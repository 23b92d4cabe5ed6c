// NetworkPolicy semantics (networking/v1): policies are additive allow-lists. A pod no policy
// selects for a direction is open in that direction; one that some policy selects accepts a
// connection when any rule of any selecting policy matches both the peer (podSelector in the
// policy's namespace, namespaceSelector, both together, or ipBlock with its exceptions) and the
// port (number, named container port, or range with endPort; protocol defaults to TCP). An
// empty `from`/`to` matches every peer and an empty `ports` every port.
#include "core/network/network_policy.h"

#include "core/apiserver/store.h"
#include "core/network/network.h"

namespace kp {

namespace {

const Json& child(const Json& j, const char* key) {
  static const Json empty;
  if (!j.is_object()) return empty;
  auto it = j.find(key);
  return it == j.end() ? empty : *it;
}

// A LabelSelector in wire form; an empty one matches everything.
Selector selectorOf(const Json& j) {
  LabelSelector ls;
  if (child(j, "matchLabels").is_object())
    for (const auto& [k, v] : child(j, "matchLabels").items())
      if (v.is_string()) ls.matchLabels[k] = v.get<std::string>();
  for (const auto& e : child(j, "matchExpressions")) {
    LabelSelectorRequirement r;
    if (child(e, "key").is_string()) r.key = child(e, "key").get<std::string>();
    if (child(e, "operator").is_string()) r.op = child(e, "operator").get<std::string>();
    for (const auto& v : child(e, "values"))
      if (v.is_string()) r.values.push_back(v.get<std::string>());
    ls.matchExpressions.push_back(r);
  }
  std::string error;
  auto s = Selector::fromLabelSelector(ls, &error);
  return s ? *s : Selector::nothing();
}

bool parseCidr(const std::string& cidr, uint32_t& net, uint32_t& mask) {
  auto slash = cidr.find('/');
  auto ip = parseIpv4(cidr.substr(0, slash));
  if (!ip) return false;
  int bits = 32;
  if (slash != std::string::npos) {
    std::string b = cidr.substr(slash + 1);
    if (b.empty() || b.size() > 2 || b.find_first_not_of("0123456789") != std::string::npos) return false;
    bits = std::stoi(b);
    if (bits > 32) return false;
  }
  mask = bits == 0 ? 0 : ~0u << (32 - bits);
  net = *ip & mask;
  return true;
}

}  // namespace

NetworkPolicies::NetworkPolicies(const Store& store) : store_(store) {
  watch_ = store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
}

NetworkPolicies::~NetworkPolicies() { store_.unwatch(watch_); }

size_t NetworkPolicies::size() const {
  size_t n = 0;
  for (const auto& [ns, m] : byNamespace_) n += m.size();
  return n;
}

void NetworkPolicies::onEvent(const WatchEvent& e) {
  if (e.resource->kind != "NetworkPolicy") return;
  const auto& m = e.object->metadata;
  if (e.type == WatchType::Deleted) {
    auto it = byNamespace_.find(m.namespace_);
    if (it == byNamespace_.end()) return;
    it->second.erase(m.name);
    if (it->second.empty()) byNamespace_.erase(it);
    return;
  }
  auto* np = dynamic_cast<const JsonObject*>(e.object.get());
  if (np) byNamespace_[m.namespace_][m.name] = compile(*np);
}

NetworkPolicies::Policy NetworkPolicies::compile(const JsonObject& np) {
  Policy p;
  const Json& spec = child(np.body, "spec");
  p.podSelector = selectorOf(child(spec, "podSelector"));
  const Json& types = child(spec, "policyTypes");
  if (types.is_array() && !types.empty()) {
    for (const auto& t : types) {
      if (t == "Ingress") p.ingress = true;
      if (t == "Egress") p.egress = true;
    }
  } else {
    // The API server's default: Ingress always, Egress when the policy has egress rules.
    p.ingress = true;
    p.egress = child(spec, "egress").is_array() && !child(spec, "egress").empty();
  }
  auto rules = [](const Json& list, const char* peersKey) {
    std::vector<Rule> out;
    for (const auto& r : list) {
      Rule rule;
      for (const auto& peer : child(r, peersKey)) {
        Peer pe;
        if (child(peer, "podSelector").is_object()) {
          pe.hasPodSelector = true;
          pe.pods = selectorOf(child(peer, "podSelector"));
        }
        if (child(peer, "namespaceSelector").is_object()) {
          pe.hasNamespaceSelector = true;
          pe.namespaces = selectorOf(child(peer, "namespaceSelector"));
        }
        const Json& block = child(peer, "ipBlock");
        if (block.is_object() && child(block, "cidr").is_string()) {
          pe.hasIpBlock = parseCidr(child(block, "cidr").get<std::string>(), pe.net, pe.mask);
          for (const auto& ex : child(block, "except")) {
            uint32_t n = 0, m = 0;
            if (ex.is_string() && parseCidr(ex.get<std::string>(), n, m)) pe.except.push_back({n, m});
          }
          if (!pe.hasIpBlock) continue;  // an unparsable block matches nothing
        }
        if (pe.hasPodSelector || pe.hasNamespaceSelector || pe.hasIpBlock) rule.peers.push_back(pe);
      }
      // A rule whose peers were all unusable must not turn into "every peer".
      if (rule.peers.empty() && child(r, peersKey).is_array() && !child(r, peersKey).empty()) continue;
      for (const auto& port : child(r, "ports")) {
        Port po;
        if (child(port, "protocol").is_string()) po.protocol = child(port, "protocol").get<std::string>();
        const Json& pv = child(port, "port");
        if (pv.is_number_integer()) po.port = pv.get<int>();
        else if (pv.is_string()) {
          std::string s = pv.get<std::string>();
          if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() < 6) po.port = std::stoi(s);
          else po.name = s;
        }
        if (child(port, "endPort").is_number_integer()) po.endPort = child(port, "endPort").get<int>();
        rule.ports.push_back(po);
      }
      out.push_back(rule);
    }
    return out;
  };
  p.ingressRules = rules(child(spec, "ingress"), "from");
  p.egressRules = rules(child(spec, "egress"), "to");
  return p;
}

StringMap NetworkPolicies::namespaceLabels(const std::string& ns) const {
  StringMap labels;
  if (auto n = store_.get<Namespace>("", ns)) labels = n->metadata.labels;
  // The API server labels every namespace with its name (NamespaceDefaultLabelName).
  labels["kubernetes.io/metadata.name"] = ns;
  return labels;
}

bool NetworkPolicies::peerMatches(const Peer& p, const std::string& policyNs, const PolicyPeer& other) const {
  if (p.hasIpBlock) {
    auto ip = parseIpv4(other.ip);
    if (!ip || (*ip & p.mask) != p.net) return false;
    for (const auto& [n, m] : p.except)
      if ((*ip & m) == n) return false;
    return true;
  }
  if (!other.pod) return false;  // selectors name pods; an outside address is no pod
  const std::string& ns = other.pod->metadata.namespace_;
  if (p.hasNamespaceSelector) {
    if (!p.namespaces.matches(namespaceLabels(ns))) return false;
  } else if (ns != policyNs) {
    return false;  // a podSelector alone selects in the policy's own namespace
  }
  return !p.hasPodSelector || p.pods.matches(other.pod->metadata.labels);
}

bool NetworkPolicies::portMatches(const Rule& r, const Pod& dest, int port, const std::string& protocol) {
  if (r.ports.empty()) return true;
  for (const auto& p : r.ports) {
    if (p.protocol != protocol) continue;
    if (p.port == 0 && p.name.empty()) return true;
    if (!p.name.empty()) {
      for (const auto& c : dest.spec.containers)
        for (const auto& cp : c.ports)
          if (cp.name == p.name && cp.containerPort == port && (cp.protocol.empty() ? "TCP" : cp.protocol) == protocol)
            return true;
      continue;
    }
    if (port == p.port || (p.endPort >= p.port && port >= p.port && port <= p.endPort)) return true;
  }
  return false;
}

bool NetworkPolicies::allows(const PolicyPeer& from, const Pod& to, int port, const std::string& protocol) const {
  if (byNamespace_.empty()) return true;
  // The source's egress.
  if (from.pod) {
    auto it = byNamespace_.find(from.pod->metadata.namespace_);
    if (it != byNamespace_.end()) {
      bool selected = false, allowed = false;
      PolicyPeer dest{&to, to.status.podIP};
      for (const auto& [name, p] : it->second) {
        if (!p.egress || !p.podSelector.matches(from.pod->metadata.labels)) continue;
        selected = true;
        for (const auto& r : p.egressRules) {
          if (!portMatches(r, to, port, protocol)) continue;
          bool peerOk = r.peers.empty();
          for (const auto& pe : r.peers) peerOk = peerOk || peerMatches(pe, it->first, dest);
          if (peerOk) allowed = true;
        }
      }
      if (selected && !allowed) return false;
    }
  }
  // The destination's ingress.
  auto it = byNamespace_.find(to.metadata.namespace_);
  if (it == byNamespace_.end()) return true;
  bool selected = false;
  for (const auto& [name, p] : it->second) {
    if (!p.ingress || !p.podSelector.matches(to.metadata.labels)) continue;
    selected = true;
    for (const auto& r : p.ingressRules) {
      if (!portMatches(r, to, port, protocol)) continue;
      if (r.peers.empty()) return true;
      for (const auto& pe : r.peers)
        if (peerMatches(pe, it->first, from)) return true;
    }
  }
  return !selected;
}

}  // namespace kp
