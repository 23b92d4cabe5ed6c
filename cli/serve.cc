// `kubeplay serve`: translation between HTTP and the core's request handler, the manual clock's
// control endpoint, and the serving loop (cluster, clock, console script, kubeconfig).
#include "cli/serve.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/net/websocket.h"
#include "cli/serve_streams.h"
#include "core/api/json.h"
#include "core/kubectl/manifest.h"
#include "core/shell/shell.h"
#include "core/apiserver/protobuf.h"
#include "core/apiserver/rbac.h"
#include "core/base/strings.h"

namespace kp {
namespace {

constexpr const char* kV5 = "v5.channel.k8s.io";
constexpr const char* kV4 = "v4.channel.k8s.io";
constexpr const char* kPortForwardProtocol = "portforward.k8s.io";
constexpr const char* kTunneledPortForward = "SPDY/3.1+portforward.k8s.io";
constexpr size_t kMaxJsonDepth = 1000;

std::string dumpJson(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

net::HttpResponse statusResponse(int code, const std::string& reason, const std::string& message) {
  return {code, {{"Content-Type", "application/json"}, {"Cache-Control", "no-cache, private"}},
          net::statusJson(code, reason, message)};
}

net::Reply statusReply(int code, const std::string& reason, const std::string& message) {
  return net::Reply::whole(statusResponse(code, reason, message));
}

std::string mediaType(const std::string& contentType) {
  std::string m = contentType.substr(0, contentType.find(';'));
  while (!m.empty() && (m.back() == ' ' || m.back() == '\t')) m.pop_back();
  while (!m.empty() && (m.front() == ' ' || m.front() == '\t')) m.erase(0, 1);
  for (auto& c : m)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return m;
}

// Deeper nesting than any object needs is refused before a parser (or the core's decoders,
// which recurse) sees it.
bool nestingWithin(std::string_view s, size_t limit) {
  size_t depth = 0;
  bool inString = false, escaped = false;
  for (char c : s) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return false;
    } else if ((c == '}' || c == ']') && depth > 0) {
      depth--;
    }
  }
  return true;
}

// Parses JSON; on failure *why says it the way Go's encoding/json does, roughly.
bool parseJson(const std::string& body, Json* out, std::string* why) {
  try {
    *out = Json::parse(body);
    return true;
  } catch (const Json::parse_error& e) {
    if (e.byte == 0 || e.byte > body.size()) {
      *why = "unexpected end of JSON input";
    } else {
      char c = body[e.byte - 1];
      *why = std::string("invalid character '") + (static_cast<unsigned char>(c) < 0x20 ? ' ' : c) +
             "' looking for beginning of value";
    }
    return false;
  }
}

bool decodeBody(const net::HttpRequest& http, Json* out, net::HttpResponse* error) {
  std::string type = mediaType(http.header("Content-Type"));
  if (type == "application/vnd.kubernetes.protobuf") {
    std::string why;
    auto j = protobufToJson(http.body, &why);
    if (!j) {
      *error = statusResponse(400, "BadRequest", why);
      return false;
    }
    *out = std::move(*j);
    return true;
  }
  if (!nestingWithin(http.body, kMaxJsonDepth)) {
    *error = statusResponse(400, "BadRequest", "json: exceeded max depth");
    return false;
  }
  std::string why;
  if (parseJson(http.body, out, &why)) return true;
  // YAML bodies (kubectl sends JSON even as application/apply-patch+yaml; other clients may not).
  if (type.size() >= 4 && type.compare(type.size() - 4, 4, "yaml") == 0) {
    std::vector<ManifestDoc> docs;
    auto err = parseManifestText(http.body, docs);
    if (!err && docs.size() == 1) {
      *out = docs[0].obj;
      return true;
    }
    if (err) why = *err;
  }
  *error = statusResponse(400, "BadRequest", "couldn't get version/kind; json parse error: " + why);
  return false;
}

// The pod subresource a path names ("exec", "attach", "portforward", "log"), or "".
std::string podSubresource(const std::string& path) {
  // /api/v1/namespaces/<ns>/pods/<name>/<sub>
  std::vector<std::string> seg = split(path, '/');
  std::erase(seg, "");
  if (seg.size() == 7 && seg[0] == "api" && seg[1] == "v1" && seg[2] == "namespaces" && seg[4] == "pods") return seg[6];
  return {};
}

bool isSpdyUpgrade(const net::HttpRequest& http) {
  bool conn = false;
  for (const auto& v : http.headerValues("Connection")) conn |= net::headerHasToken(v, "upgrade");
  return conn && net::headerHasToken(http.header("Upgrade"), "SPDY/3.1");
}

// The items of comma-separated header values, trimmed.
std::vector<std::string> splitList(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values)
    for (const auto& item : split(v, ','))
      if (auto t = trimSpace(item); !t.empty()) out.push_back(t);
  return out;
}

}  // namespace

// ------------------------------------------------------------------ translation

std::optional<Request> toApiRequest(const net::HttpRequest& http, net::HttpResponse* error) {
  Request r;
  r.method = http.method;
  r.path = http.path;
  for (auto& [k, v] : net::parseQuery(http.rawQuery)) r.add(k, v);
  // kubectl --as / --as-group: one Impersonate-Group header per group.
  r.impersonateUser = http.header("Impersonate-User");
  r.impersonateGroups = http.headerValues("Impersonate-Group");
  r.contentType = http.header("Content-Type");
  r.accept = http.header("Accept");
  r.userAgent = http.header("User-Agent");
  if (!http.body.empty() && !decodeBody(http, &r.body, error)) return std::nullopt;
  return r;
}

net::HttpResponse toHttpResponse(const Response& resp) {
  net::HttpResponse h;
  h.status = resp.code;
  std::string type = resp.contentType;
  if (resp.isText) {
    h.body = resp.text;
    if (type.empty()) type = "text/plain";
  } else {
    if (!resp.body.is_null()) h.body = dumpJson(resp.body);
    if (type.empty()) type = "application/json";
  }
  h.headers.push_back({"Content-Type", type});
  // What the API server sends on every answer; kubectl's dispatcher re-asks /version only then.
  h.headers.push_back({"Cache-Control", "no-cache, private"});
  return h;
}

// ------------------------------------------------------------------ HttpApi

void HttpApi::track(const std::shared_ptr<Stream>& s) {
  size_t w = 0;
  for (auto& p : streams_)
    if (!p.expired()) streams_[w++] = p;
  streams_.resize(w);
  streams_.push_back(s);
}

bool HttpApi::watching() {
  for (auto& p : streams_) {
    auto s = p.lock();
    if (s && !s->ended() && s->kind() == Stream::Kind::Watch) return true;
  }
  return false;
}

Time HttpApi::nextWake() {
  Time t = kNoTime;
  for (auto& p : streams_) {
    auto s = p.lock();
    if (!s || s->ended()) continue;
    Time w = s->wakeAt();
    if (w != kNoTime && (t == kNoTime || w < t)) t = w;
  }
  return t;
}

net::Reply HttpApi::control(const net::HttpRequest& http) {
  if (http.method != "POST") return statusReply(405, "MethodNotAllowed", "the control endpoint takes POST");
  Json answer;
  if (http.path == "/kubeplay/v1/advance") {
    std::string ms;
    for (auto& [k, v] : net::parseQuery(http.rawQuery))
      if (k == "ms" && ms.empty()) ms = v;
    char* end = nullptr;
    long long n = ms.empty() ? -1 : std::strtoll(ms.c_str(), &end, 10);
    if (ms.empty() || *end != '\0' || n < 0 || n > 365LL * 24 * 3600 * 1000)
      return statusReply(400, "BadRequest", "ms must be a whole number of milliseconds between 0 and one year");
    answer = clock_->advance(Time(n));
  } else if (http.path == "/kubeplay/v1/next") {
    answer = clock_->next();
  } else {
    return statusReply(404, "NotFound", "the server could not find the requested resource");
  }
  return net::Reply::whole({200, {{"Content-Type", "application/json"}, {"Cache-Control", "no-cache, private"}}, dumpJson(answer)});
}

net::Reply HttpApi::handle(const net::HttpRequest& http) {
  answered_++;
  if (clock_ && http.path.rfind("/kubeplay/v1/", 0) == 0) return control(http);
  net::HttpResponse error;
  auto req = toApiRequest(http, &error);
  if (!req) return net::Reply::whole(error);
  if (podSubresource(req->path) == "portforward") return portForward(http, *req);
  Response resp = handler_.handle(*req);
  if (resp.stream) return streamed(http, *req, std::move(resp));
  return net::Reply::whole(toHttpResponse(resp));
}

net::Reply HttpApi::streamed(const net::HttpRequest& http, const Request& req, Response resp) {
  auto s = resp.stream;
  track(s);
  net::Reply reply;
  switch (s->kind()) {
    case Stream::Kind::Watch:
    case Stream::Kind::Log: {
      bool watch = s->kind() == Stream::Kind::Watch;
      std::string type = !resp.contentType.empty() ? resp.contentType : watch ? "application/json" : "text/plain";
      reply.kind = net::Reply::Kind::Chunked;
      reply.response = {resp.code, {{"Content-Type", type}, {"Cache-Control", "no-cache, private"}}, ""};
      reply.session = watch ? makeWatchSession(s) : makeLogSession(s, resp.text);
      return reply;
    }
    case Stream::Kind::Exec:
    case Stream::Kind::Attach: {
      auto hs = net::acceptWebSocket(http, {kV5, kV4});
      if (!hs.ok) {
        s->cancel();
        if (isSpdyUpgrade(http))
          return statusReply(400, "BadRequest", "unable to upgrade: this server streams exec and attach over WebSocket (v5.channel.k8s.io) only");
        if (!net::isWebSocketUpgrade(http)) return statusReply(400, "BadRequest", "Upgrade request required");
        return statusReply(400, "BadRequest", "unable to upgrade: " + hs.error);
      }
      reply.kind = net::Reply::Kind::Upgrade;
      reply.response = hs.response;
      reply.session = makeChannelSession(s, hs.subprotocol == kV5);
      return reply;
    }
    case Stream::Kind::PortForward:
      break;
  }
  // A port-forward stream for the upgrade request itself is not the contract: forward as usual.
  s->cancel();
  return portForward(http, req);
}

net::Reply HttpApi::portForward(const net::HttpRequest& http, const Request& req) {
  // First the pod itself: the core answers 200 without a stream, or the Status to send.
  Response first = handler_.handle(req);
  if (first.stream) first.stream->cancel();
  if (!first.ok()) return net::Reply::whole(toHttpResponse(first));
  PortOpener open = [this, req](const std::string& port) {
    Request r = req;
    r.add("ports", port);
    Response x = handler_.handle(r);
    if (x.stream) track(x.stream);
    return x;
  };
  net::Reply reply;
  reply.kind = net::Reply::Kind::Upgrade;
  if (net::isWebSocketUpgrade(http)) {
    auto hs = net::acceptWebSocket(http, {kTunneledPortForward});
    if (!hs.ok) return statusReply(400, "BadRequest", "unable to upgrade: " + hs.error);
    reply.response = hs.response;
    reply.session = makePortForwardSession(std::move(open), true);
    return reply;
  }
  if (!isSpdyUpgrade(http)) return statusReply(400, "BadRequest", "Upgrade request required");
  auto offered = splitList(http.headerValues("X-Stream-Protocol-Version"));
  if (offered.empty()) return statusReply(400, "BadRequest", "unable to upgrade: X-Stream-Protocol-Version is required");
  bool found = false;
  for (const auto& p : offered) found |= p == kPortForwardProtocol;
  if (!found) {
    std::string list;
    for (const auto& p : offered) list += (list.empty() ? "" : " ") + p;
    auto r = statusResponse(403, "Forbidden", "unable to upgrade: unable to negotiate protocol: client supports [" + list +
                                                  "], server accepts [portforward.k8s.io]");
    r.headers.push_back({"X-Accepted-Stream-Protocol-Versions", kPortForwardProtocol});
    return net::Reply::whole(r);
  }
  reply.response = {101, {{"Connection", "Upgrade"}, {"Upgrade", "SPDY/3.1"}, {"X-Stream-Protocol-Version", kPortForwardProtocol}}, ""};
  reply.session = makePortForwardSession(std::move(open), false);
  return reply;
}

// ------------------------------------------------------------------ kubeconfig, arguments

std::string kubeconfigYaml(const std::string& server) {
  return "apiVersion: v1\n"
         "kind: Config\n"
         "clusters:\n"
         "- cluster:\n"
         "    server: " + server + "\n"
         "  name: minikube\n"
         "contexts:\n"
         "- context:\n"
         "    cluster: minikube\n"
         "    namespace: default\n"
         "    user: minikube\n"
         "  name: minikube\n"
         "current-context: minikube\n"
         "preferences: {}\n"
         "users:\n"
         "- name: minikube\n"
         "  user: {}\n";
}

const char* kServeUsage =
    "Usage: kubeplay serve [--port 6443] [--seed N] [--script FILE] [--speed X]\n"
    "                      [--clock wall|manual|lockstep] [--kubeconfig PATH]\n"
    "\n"
    "Serves the simulated cluster's Kubernetes API on 127.0.0.1 for the real kubectl.\n"
    "\n"
    "  --port N         port on 127.0.0.1 (default 6443; 0 picks a free one)\n"
    "  --seed N         seed of the cluster's random choices (default 1)\n"
    "  --script FILE    console lines run before serving, as the REPL runs its input\n"
    "  --speed X        simulated seconds per wall second (default 1)\n"
    "  --clock manual   simulated time moves only through POST /kubeplay/v1/advance?ms=N and\n"
    "                   POST /kubeplay/v1/next (the next timer), served only in this mode\n"
    "  --clock lockstep as manual, and while kubectl waits on a watch (wait, rollout status,\n"
    "                   delete) and nothing else comes in, time moves timer by timer, as the\n"
    "                   console's waiting commands move it (the differential suite uses this)\n"
    "  --kubeconfig P   where to write the kubeconfig (default /tmp/kubeplay-<port>.kubeconfig)\n";

bool parseServeArgs(const std::vector<std::string>& args, ServeOptions* o, std::string* error) {
  auto bad = [&](std::string why) {
    *error = std::move(why);
    return false;
  };
  for (size_t i = 0; i < args.size(); i++) {
    std::string a = args[i], v;
    std::string name = a.substr(0, a.find('='));
    bool known = name == "--port" || name == "--seed" || name == "--script" || name == "--speed" ||
                 name == "--clock" || name == "--kubeconfig";
    if (!known) return bad("unknown argument " + a);
    if (a.find('=') != std::string::npos) {
      v = a.substr(a.find('=') + 1);
    } else if (i + 1 < args.size()) {
      v = args[++i];
    } else {
      return bad("flag needs an argument: " + a);
    }
    char* end = nullptr;
    if (name == "--port") {
      long p = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || p < 0 || p > 65535) return bad("invalid port " + v);
      o->port = uint16_t(p);
    } else if (name == "--seed") {
      unsigned long long s = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || *end || v[0] == '-') return bad("invalid seed " + v);
      o->seed = s;
    } else if (name == "--speed") {
      double x = std::strtod(v.c_str(), &end);
      if (v.empty() || *end || !(x > 0) || x > 10000) return bad("invalid speed " + v + " (a number above 0)");
      o->speed = x;
    } else if (name == "--clock") {
      if (v != "wall" && v != "manual" && v != "lockstep") return bad("invalid clock " + v + " (wall, manual or lockstep)");
      o->clock = v == "wall" ? ServeOptions::Clock::Wall : v == "manual" ? ServeOptions::Clock::Manual : ServeOptions::Clock::Lockstep;
    } else if (name == "--script") {
      o->script = v;
    } else {
      o->kubeconfig = v;
    }
  }
  return true;
}

// ------------------------------------------------------------------ the loop

namespace {

volatile std::sig_atomic_t gStop = 0;
void onStop(int) { gStop = 1; }

void print(const std::vector<OutputChunk>& chunks) {
  for (const auto& c : chunks) {
    std::FILE* f = c.err ? stderr : stdout;
    std::fwrite(c.text.data(), 1, c.text.size(), f);
    std::fflush(f);
  }
}

// Console lines as the REPL runs a script: waiting commands run to their end, a watch goes on
// in the background.
void runScript(Shell& shell, Cluster& cluster, std::istream& in) {
  std::string line;
  while (std::getline(in, line)) {
    while (shell.needsMoreInput(line)) {
      std::string more;
      if (!std::getline(in, more)) break;
      line += "\n" + more;
    }
    auto ex = shell.start(line);
    print(ex->takeOutput());
    print(shell.pollBackground());
    if (!ex->finished() && ex->wakeAt() == kNoTime) {
      shell.continueUntilNextSleep(std::move(ex));
      print(shell.pollBackground());
      continue;
    }
    runToCompletion(cluster, *ex, [&] {
      print(ex->takeOutput());
      print(shell.pollBackground());
    });
    print(ex->takeOutput());
    print(shell.pollBackground());
  }
}

// Lockstep: how long the server must have had no request before a waiting watch moves the
// clock. Long enough for kubectl's next request after an answer (a few ms), short enough that a
// wait over many timers finishes quickly.
constexpr int kLockstepQuietMs = 15;

Json clockJson(const Cluster& c) { return {{"now", c.now()}, {"time", formatTime(c.now())}}; }

}  // namespace

int runServe(const ServeOptions& o) {
  ClusterOptions copts;
  copts.seed = o.seed;
  Cluster cluster(copts);
  cluster.settle();
  Shell shell(cluster);
  if (!o.script.empty()) {
    std::ifstream in(o.script);
    if (!in) {
      std::fprintf(stderr, "kubeplay: cannot read script %s\n", o.script.c_str());
      return 1;
    }
    runScript(shell, cluster, in);
  }

  std::optional<ClockControl> control;
  HttpApi* served = nullptr;  // set below; `next` also wakes the streams it serves
  const bool manual = o.clock != ServeOptions::Clock::Wall;
  if (manual) {
    control = ClockControl{[&](Time ms) {
                             cluster.advance(ms);
                             return clockJson(cluster);
                           },
                           [&]() {
                             Time t = cluster.nextTimer();
                             Time w = served ? served->nextWake() : kNoTime;
                             if (w != kNoTime && (t == kNoTime || w < t)) t = w;
                             Json j;
                             if (t != kNoTime) cluster.advance(std::max<Time>(0, t - cluster.now()));
                             j = clockJson(cluster);
                             j["pending"] = t != kNoTime;
                             return j;
                           }};
  }
  HttpApi api(cluster.api(), control);
  served = &api;
  net::ServerOptions sopts;
  sopts.port = o.port;
  net::Server server(sopts, [&](const net::HttpRequest& r) { return api.handle(r); });
  std::string err;
  if (!server.listen(&err)) {
    std::fprintf(stderr, "kubeplay: %s\n", err.c_str());
    return 1;
  }
  std::string url = "http://127.0.0.1:" + std::to_string(server.port());
  std::string path = o.kubeconfig.empty() ? "/tmp/kubeplay-" + std::to_string(server.port()) + ".kubeconfig" : o.kubeconfig;
  {
    std::ofstream kc(path, std::ios::trunc);
    kc << kubeconfigYaml(url);
    if (!kc.flush()) {
      std::fprintf(stderr, "kubeplay: cannot write kubeconfig %s\n", path.c_str());
      return 1;
    }
  }
  char clock[96];
  if (manual)
    std::snprintf(clock, sizeof clock, "%s: POST /kubeplay/v1/advance?ms=N or /kubeplay/v1/next",
                  o.clock == ServeOptions::Clock::Lockstep ? "lockstep" : "manual");
  else std::snprintf(clock, sizeof clock, "%gx wall time", o.speed);
  std::printf("kubeplay: serving the simulated cluster at %s (seed %llu, clock %s)\n", url.c_str(),
              static_cast<unsigned long long>(o.seed), clock);
  std::printf("kubeconfig: %s\n\n  export KUBECONFIG=%s\n  kubectl get nodes\n\n", path.c_str(), path.c_str());
  std::printf("kubectl keeps discovery for 6 hours: after restarting with other options, rm -rf ~/.kube/cache\n");
  std::printf("Ctrl+C stops the server.\n");
  std::fflush(stdout);

  std::signal(SIGINT, onStop);
  std::signal(SIGTERM, onStop);
  std::signal(SIGPIPE, SIG_IGN);
  int64_t last = net::monotonicMs();
  double carry = 0;  // simulated milliseconds not yet applied (speed below 1)
  int64_t quietSince = last;  // lockstep: the last request, or the last step of the clock
  size_t answered = 0;
  server.setTurnHooks(
      [&] {
        if (o.clock == ServeOptions::Clock::Lockstep) {
          int64_t now = net::monotonicMs();
          if (answered != api.answered()) {
            answered = api.answered();
            quietSince = now;
          } else if (now - quietSince >= kLockstepQuietMs && api.watching()) {
            control->next();
            quietSince = now;
          }
        }
        if (manual) return;
        int64_t now = net::monotonicMs();
        carry += double(now - last) * o.speed;
        last = now;
        Time ms = Time(carry);
        carry -= double(ms);
        cluster.advance(ms);
      },
      [&] {
        cluster.settle();
        print(shell.pollBackground());
      });
  while (!gStop) {
    int timeout = 500;
    if (o.clock == ServeOptions::Clock::Lockstep) timeout = kLockstepQuietMs;
    if (!manual) {
      Time due = cluster.nextTimer();
      Time wake = api.nextWake();
      if (wake != kNoTime && (due == kNoTime || wake < due)) due = wake;
      if (due != kNoTime) timeout = int(std::clamp<double>(double(due - cluster.now()) / o.speed, 1.0, 500.0));
    }
    server.runOnce(timeout);
  }
  server.shutdown();
  std::printf("kubeplay: stopped\n");
  return 0;
}

}  // namespace kp
