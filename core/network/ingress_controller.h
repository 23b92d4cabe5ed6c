// The ingress-nginx controller as the simulated network needs it: it publishes the address of
// the node its pod runs on in status.loadBalancer of the Ingresses of its class (what the
// ADDRESS column of `kubectl get ingress` shows), and it picks the backend of an HTTP request
// that reaches its pod by the Ingress rules (host, then path), as nginx's server and location
// blocks that the controller writes would. Its pod is any pod running the controller image.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/apiserver/api_writer.h"
#include "core/api/types.h"

namespace kp {

class Store;
struct WatchEvent;

// Where an Ingress sends a request: a service port in the Ingress's namespace.
struct IngressBackend {
  std::string ns, service;
  int port = 0;          // spec...service.port.number, 0 when named
  std::string portName;  // spec...service.port.name
};

struct IngressRoute {
  bool found = false;    // false: nginx's own 404
  IngressBackend backend;
  std::string ingress;   // "namespace/name" of the Ingress whose rule (or default backend) matched
};

// What the network asks of the ingress controller (narrow, so Network knows no Ingress JSON).
class IngressRouter {
 public:
  virtual ~IngressRouter() = default;
  // Whether the pod runs the controller (its image), so that its HTTP port proxies.
  virtual bool isControllerPod(const Pod& pod) const = 0;
  // The backend for a request with this Host header (no port) and path (no query).
  virtual IngressRoute route(const std::string& host, const std::string& path) const = 0;
};

// nginx's answers when the controller has no backend to give (ingress-nginx keeps
// server_tokens off, so the version is not shown).
std::string nginxErrorPage(int status);

// Ingress path matching as the API defines it (networking/v1 HTTPIngressPath): Exact, and
// Prefix element by element ("/foo" matches "/foo", "/foo/" and "/foo/bar", not "/foobar").
// ImplementationSpecific is Prefix in ingress-nginx without the use-regex annotation.
bool ingressPathMatches(const std::string& pathType, const std::string& rulePath, const std::string& requestPath);
// A rule's host against a request's: exact (case-insensitive), or "*.foo.com" for exactly one
// more label in front.
bool ingressHostMatches(const std::string& ruleHost, const std::string& host);

class IngressController : public IngressRouter {
 public:
  static constexpr const char* kControllerImage = "registry.k8s.io/ingress-nginx/controller";
  static constexpr const char* kControllerClass = "k8s.io/ingress-nginx";
  // The status sync runs this long after a change it cares about (the real one batches its
  // updates on a sync queue and a periodic loop).
  static constexpr Time kStatusDelayMs = 5000;

  explicit IngressController(const ComponentParts& parts);
  ~IngressController() override;
  IngressController(const IngressController&) = delete;
  IngressController& operator=(const IngressController&) = delete;

  bool isControllerPod(const Pod& pod) const override;
  IngressRoute route(const std::string& host, const std::string& path) const override;

  // Whether an Ingress is served by this controller: its class is one whose spec.controller is
  // k8s.io/ingress-nginx, or it names none and such a class is the default.
  bool serves(const JsonObject& ingress) const;

 private:
  void onEvent(const WatchEvent& e);
  void scheduleSync();
  void syncStatus();
  // The InternalIP of the node of a running, ready controller pod; "" when none runs.
  std::string controllerAddress() const;

  const Store& store_;
  ApiWriter& api_;
  Timers& timers_;
  int watch_ = 0;
  bool syncPending_ = false;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kp
