// `kubeplay serve`: the simulated cluster behind a local HTTP endpoint that the real kubectl
// 1.32 drives with a plain kubeconfig. HttpApi turns HTTP requests into the core's
// kp::Request and its Responses (and Streams) back into HTTP; runServe owns the cluster, the
// clock (wall time times --speed, or moved only through /kubeplay/v1/* with --clock manual)
// and the poll loop.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/net/server.h"
#include "core/apiserver/rest.h"

namespace kp {

struct ServeOptions {
  uint16_t port = 6443;      // 0: any free port
  uint64_t seed = 1;
  std::string script;        // console lines run before serving
  double speed = 1;          // simulated seconds per wall second
  // wall: simulated time follows wall time times `speed`. manual: it moves only through the
  // control endpoint. lockstep: as manual, and while a client waits on a watch (kubectl wait,
  // rollout status, delete) with the server idle, it moves to the next timer, as the console's
  // waiting commands move it: real kubectl then sees what the console sees.
  enum class Clock { Wall, Manual, Lockstep };
  Clock clock = Clock::Wall;
  std::string kubeconfig;    // where the kubeconfig goes; "" = /tmp/kubeplay-<port>.kubeconfig
};

// Parses the arguments after `serve`. False with *error set (the message to print).
bool parseServeArgs(const std::vector<std::string>& args, ServeOptions* out, std::string* error);
extern const char* kServeUsage;

// Runs until SIGINT or SIGTERM; the process's exit code.
int runServe(const ServeOptions& opts);

// A kubeconfig for `server` (http://127.0.0.1:PORT) whose cluster, user and context are all
// named minikube, as minikube's own; kubectl 1.32 uses it as it is.
std::string kubeconfigYaml(const std::string& server);

// The manual clock's control endpoint, served only with --clock manual.
struct ClockControl {
  std::function<Json(Time ms)> advance;  // POST /kubeplay/v1/advance?ms=N
  std::function<Json()> next;            // POST /kubeplay/v1/next
};

// The HTTP face of a RequestHandler.
class HttpApi {
 public:
  explicit HttpApi(RequestHandler& handler, std::optional<ClockControl> clock = std::nullopt)
      : handler_(handler), clock_(std::move(clock)) {}
  net::Reply handle(const net::HttpRequest& req);
  // The earliest wakeAt() of the streams being served, or kNoTime.
  Time nextWake();
  // A watch is being served and has not ended.
  bool watching();
  // How many requests were handled so far.
  size_t answered() const { return answered_; }

 private:
  net::Reply control(const net::HttpRequest& req);
  net::Reply streamed(const net::HttpRequest& http, const Request& req, Response resp);
  net::Reply portForward(const net::HttpRequest& http, const Request& req);
  void track(const std::shared_ptr<Stream>& s);

  RequestHandler& handler_;
  std::optional<ClockControl> clock_;
  std::vector<std::weak_ptr<Stream>> streams_;
  size_t answered_ = 0;
};

// HTTP request -> kp::Request. nullopt with *error set (a Status reply) when the body cannot be
// decoded: malformed JSON, a protobuf body while the decoder is unavailable, too deep nesting.
std::optional<Request> toApiRequest(const net::HttpRequest& http, net::HttpResponse* error);
// kp::Response (without a stream) -> HTTP.
net::HttpResponse toHttpResponse(const Response& resp);

}  // namespace kp
