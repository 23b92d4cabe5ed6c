// The cluster network: address management (pod CIDR per node, the service CIDR, node ports,
// the load-balancer pool), kube-proxy picking an endpoint, and the HTTP requests that `curl`
// sends, recorded hop by hop so that the canvas can draw them.
#pragma once
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/apiserver/apiserver.h"
#include "core/base/timers.h"
#include "core/network/ipam.h"

namespace kp {

class Store;
class IngressRouter;
class NetworkPolicies;

// What the network needs of the node agents: the answer of whatever listens on a pod's port
// (the container's program). The kubelets implement it.
struct PodHttpAnswer {
  int status = 0;  // 0: nothing listens there
  std::string body;
};
class PodServers {
 public:
  virtual ~PodServers() = default;
  // An HTTP request reaching a pod's port from clientIp: the image's answer (and its log line).
  virtual PodHttpAnswer serveHttp(const Pod& pod, int port, const std::string& path, const std::string& clientIp) = 0;
};

std::string ipv4(uint32_t v);                          // 0x0A000001 -> "10.0.0.1"
std::optional<uint32_t> parseIpv4(const std::string& s);

// One hop of a request: where it was and when (simulated ms).
struct Hop {
  std::string kind;  // "client", "loadbalancer", "node", "service", "pod"
  std::string name;  // object or node name ("kubia-http", "minikube-m02", "kubia-7d5b-x2x7k")
  std::string ip;
  Time at = 0;
};

struct RequestTrace {
  uint64_t id = 0;
  Time start = 0, end = 0;
  std::string url;
  std::vector<Hop> hops;  // client -> ... -> pod (and back, implicitly)
  bool ok = false;
  int status = 0;         // the HTTP status when ok
  std::string error;      // curl's error text when !ok
  std::string service;    // "namespace/name" of the service it went through, "" when none
  std::string pod;        // "namespace/name" of the pod that answered (or refused), "" when none
  bool failed() const { return !ok || status >= 500; }
};

// What requests a service or a pod has seen: answered (any status below 500) or failed
// (refused, timed out, no endpoints, a 5xx answer).
struct RequestCounters {
  uint64_t ok = 0, failed = 0;
};

struct HttpResult {
  bool ok = false;        // a response arrived
  int status = 0;
  std::string body;       // "You've hit kubia-...\n"
  std::string error;      // curl's message, e.g. "Failed to connect to 10.96.0.5 port 8080 after 0 ms: Couldn't connect to server"
  int curlExit = 0;       // curl's exit code (7 = couldn't connect, 6 = couldn't resolve, 28 = timeout)
  Time durationMs = 0;    // how long the attempt takes (a connect timeout takes minutes)
  std::string host, resolvedIp;  // the URL's host and the address it resolved to
  int port = 0;
};

// What curl adds to a plain GET: a Host header (-H 'Host: foo.example.com') and addresses
// for names (--resolve foo.example.com:80:192.168.49.2).
struct HttpRequestOptions {
  std::string hostHeader;                     // "" = the URL's host
  std::map<std::string, std::string> resolve;  // "host:port" -> address
};

// A URL as curl splits it for plain HTTP: host, port (80, or 443 for https://) and path.
struct UrlParts {
  std::string host, path = "/";
  int port = 80;
};
// curl's answer when the connection fails: refused at once (exit 7), or no answer until the
// kernel's connect timeout (exit 28, 133 s).
void failConnect(HttpResult& res, const std::string& host, int port, bool timedOut);
// Splits `url`; on a port curl rejects returns false with res.curlExit and res.error set.
bool splitUrl(const std::string& url, UrlParts& out, HttpResult& res);

class Network : public ServiceAllocator, public PodIpam, public LoadBalancerIpam {
 public:
  Network(const Store& store, Timers& timers, Rng& rng);
  // The node agents that answer requests reaching pods (set once the kubelets exist).
  void setPodServers(PodServers* servers) { servers_ = servers; }

  // Addresses.
  std::string podCidrFor(int nodeIndex) const;          // "10.244.<i>.0/24" (and on past 10.244.255.0)
  std::string nodeIpFor(int nodeIndex) const;           // "192.168.49.<2+i>" (and on)
  std::string allocatePodIp(const std::string& podCidr) override;  // next free address, round-robin
  void releasePodIp(const std::string& ip) override;
  std::string allocateLoadBalancerIp() override;
  void releaseLoadBalancerIp(const std::string& ip) override;

  // ServiceAllocator
  Status allocate(Service& svc, const Service* old) override;
  void release(const Service& svc) override;

  // An HTTP GET of `url` ("10.96.12.7:8080", "http://192.168.49.100:8080/") made from outside
  // the cluster, routed as kube-proxy would (random endpoint) and recorded as a trace.
  HttpResult httpGet(const std::string& url);
  HttpResult httpGet(const std::string& url, const HttpRequestOptions& opts);

  // The ingress controller that proxies requests reaching its pods (set once it exists).
  void setIngressRouter(const IngressRouter* router) { ingress_ = router; }
  // The NetworkPolicy rules every connection to or from a pod passes (set once they exist).
  void setNetworkPolicies(const NetworkPolicies* policies) { policies_ = policies; }

  const std::deque<RequestTrace>& traces() const { return traces_; }
  // Keeps a finished request: in the trace window the canvas draws, and in the counters.
  void keep(const RequestTrace& trace);
  // Counters by "namespace/name"; nullptr when the object saw no request yet.
  const RequestCounters* podRequests(const std::string& key) const;
  const RequestCounters* serviceRequests(const std::string& key) const;
  // Moves on with every kept request and every traffic rate change: a reader that saw this
  // version has seen every counter and rate.
  uint64_t countersVersion() const { return countersVersion_; }

  // The traffic generator: steady GETs from outside the cluster to a service's external
  // address (the load balancer's IP, else the first node's IP and the node port), `perSecond`
  // of them each simulated second (0 stops it; at most kMaxTrafficRate). Returns "" or why
  // the service cannot take traffic from outside.
  static constexpr double kMaxTrafficRate = 50;
  std::string setTraffic(const std::string& ns, const std::string& service, double perSecond);
  double trafficRate(const std::string& ns, const std::string& service) const;
  // A rate as the `traffic` command writes it: "5", "0.5".
  static std::string formatRate(double perSecond);
  // The URL the generator (or a learner's curl) would use for a service, "" when none.
  std::string externalUrl(const Service& svc) const;

  // An HTTP GET made from inside pod `from` (kubectl exec ... curl/wget): the cluster DNS
  // resolves service names through the pod's search path, kube-proxy picks the endpoint.
  HttpResult httpGetFromPod(const Pod& from, const std::string& url);
  // The cluster DNS as a pod in namespace ns asks it (search path <ns>.svc.cluster.local,
  // svc.cluster.local, cluster.local; ndots:5): the address, or "" with *fqdn unset.
  std::string resolve(const std::string& ns, const std::string& name, std::string* fqdn);
  // kube-proxy's choice among a service's ready endpoint addresses for a client: random, or
  // sticky per client IP for sessionAffinity: ClientIP (timeoutSeconds, default 10800 s).
  size_t pickEndpoint(const Service& svc, const std::vector<std::string>& endpointIps, const std::string& clientIp);

 private:
  const Store& store_;
  Timers& timers_;
  Rng& rng_;
  PodServers* servers_ = nullptr;
  const IngressRouter* ingress_ = nullptr;
  const NetworkPolicies* policies_ = nullptr;
  // How a connection to a pod ends.
  enum class Delivery { Answered, Refused, TimedOut };
  // A connection from `client` (a pod, or nullptr and an address outside the pod network)
  // reaching `pod` at podIp:port: the NetworkPolicy check, then the pod's answer, or, on an
  // ingress controller's pod, the answer of the backend its rules pick. Adds the hops from
  // the pod on (at times from `at`) and fills res on an answer.
  Delivery deliver(RequestTrace& trace, const Pod* client, const std::string& clientIp, const Pod& pod,
                   const std::string& podIp, int port, const std::string& host, const std::string& path,
                   Time at, HttpResult& res);
  // An ingress controller's proxying: the rules' backend service, one of its endpoints.
  Delivery proxyIngress(RequestTrace& trace, const Pod& controller, const std::string& host,
                        const std::string& path, Time at, HttpResult& res);
  std::set<std::string> usedServiceIps_, usedLbIps_;
  std::set<int> usedNodePorts_;
  std::map<std::string, uint32_t> nextPodHost_;  // per pod CIDR: next host number to try
  std::set<std::string> usedPodIps_;
  std::deque<RequestTrace> traces_;
  uint64_t countersVersion_ = 0;
  uint64_t nextTrace_ = 1;
  uint32_t nextLbHost_ = 0;
  std::map<std::string, RequestCounters> podRequests_, serviceRequests_;
  struct Generator {
    double rate = 0;
    uint64_t generation = 0;  // bumps on every change, so a stale timer stops
  };
  std::map<std::string, Generator> generators_;  // service key -> generator
  void generatorTick(const std::string& key, uint64_t generation);
  // sessionAffinity: (service uid, client IP) -> (endpoint IP, last used)
  std::map<std::pair<std::string, std::string>, std::pair<std::string, Time>> affinity_;
};

}  // namespace kp
