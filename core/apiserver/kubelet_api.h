// What the API server asks a node's kubelet for: the pod subresources that the real API server
// proxies to the kubelet's own endpoint (log, exec, attach, portforward). The kubelets
// implement it; the API server has checked that the pod exists before it asks.
#pragma once
#include "core/apiserver/rest.h"

namespace kp {

class KubeletApi {
 public:
  virtual ~KubeletApi() = default;
  // GET .../log: the text (container, tailLines, previous, timestamps), or with follow=true a
  // Log stream that ends when the container does.
  virtual Response logs(const Pod& pod, const Request& req) = 0;
  // POST|GET .../exec?command=...&container=...&stdin&stdout&stderr&tty: an Exec stream.
  virtual Response exec(const Pod& pod, const Request& req) = 0;
  // POST|GET .../attach?container=...: an Attach stream of the running container's output.
  virtual Response attach(const Pod& pod, const Request& req) = 0;
  // .../portforward: without `ports`, 200 when the pod can be forwarded to; with ports=N, a
  // PortForward stream that is one connection to port N of the pod.
  virtual Response portForward(const Pod& pod, const Request& req) = 0;
};

}  // namespace kp
