// NetworkPolicy enforcement, as a CNI plugin that implements it (Calico, Cilium) does for the
// simulated network: a pod selected by a policy with policyTypes Ingress takes only the
// connections some such policy's ingress rules allow; one selected for Egress sends only what
// some egress rule allows. Policies are compiled when they change and kept by namespace, so a
// connection costs the policies of the two namespaces involved, not all of them.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/api/selector.h"
#include "core/api/types.h"

namespace kp {

class Store;
struct WatchEvent;

// One side of a connection: a pod, or (pod == nullptr) an address outside the pod network.
struct PolicyPeer {
  const Pod* pod = nullptr;
  std::string ip;
};

class NetworkPolicies {
 public:
  explicit NetworkPolicies(const Store& store);
  ~NetworkPolicies();
  NetworkPolicies(const NetworkPolicies&) = delete;
  NetworkPolicies& operator=(const NetworkPolicies&) = delete;

  // Whether a connection from `from` to pod `to` on its container port `port` passes both the
  // source's egress and the destination's ingress policies.
  bool allows(const PolicyPeer& from, const Pod& to, int port, const std::string& protocol) const;
  // How many policies are in force (tests, the inspector).
  size_t size() const;

 private:
  struct Peer {
    bool hasPodSelector = false, hasNamespaceSelector = false, hasIpBlock = false;
    Selector pods, namespaces;
    uint32_t net = 0, mask = 0;
    std::vector<std::pair<uint32_t, uint32_t>> except;  // (net, mask)
  };
  struct Port {
    std::string protocol = "TCP";
    int port = 0;          // 0 with name empty: every port
    std::string name;      // a named container port of the destination pod
    int endPort = 0;
  };
  struct Rule {
    std::vector<Peer> peers;  // empty: every peer
    std::vector<Port> ports;  // empty: every port
  };
  struct Policy {
    Selector podSelector;
    bool ingress = false, egress = false;
    std::vector<Rule> ingressRules, egressRules;
  };
  void onEvent(const WatchEvent& e);
  static Policy compile(const JsonObject& np);
  // Whether `peer` (the other side, seen from a policy in namespace policyNs) matches.
  bool peerMatches(const Peer& p, const std::string& policyNs, const PolicyPeer& other) const;
  static bool portMatches(const Rule& r, const Pod& dest, int port, const std::string& protocol);
  StringMap namespaceLabels(const std::string& ns) const;

  const Store& store_;
  int watch_ = 0;
  std::map<std::string, std::map<std::string, Policy>> byNamespace_;  // ns -> name -> policy
};

}  // namespace kp
