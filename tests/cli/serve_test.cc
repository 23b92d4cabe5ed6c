// The serve glue: HTTP requests as the core sees them, its answers as kubectl sees them, and
// every kind of Stream over loopback with a fake request handler: watch lines, followed logs,
// exec over WebSocket (v5 channels, resize, stdin close), port-forward over tunneled and plain
// SPDY, and the manual clock's control endpoint.
#include <gtest/gtest.h>

#include "cli/net/spdy.h"
#include "cli/net/websocket.h"
#include "cli/serve.h"
#include "tests/cli/loopback.h"

namespace kp {
namespace {

using kp::testing::Client;
using kp::testing::FakeHandler;
using kp::testing::FakeStream;
using kp::testing::httpBody;

net::HttpRequest httpRequest(std::string method, std::string target, std::vector<net::HttpHeader> headers,
                             std::string body = "") {
  net::HttpRequestParser p;
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (auto& h : headers) raw += h.name + ": " + h.value + "\r\n";
  if (!body.empty()) raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  p.feed(raw + "\r\n" + body);
  net::HttpRequest r;
  EXPECT_EQ(p.next(&r), net::HttpRequestParser::Result::Request);
  return r;
}

struct ToApiCase {
  const char* name;
  net::HttpRequest http;
  // What the core must see, or the error answer's status and message.
  std::string method, path;
  std::vector<std::pair<std::string, std::string>> queryAll;
  std::string body;  // the decoded body as JSON text ("null" when none)
  int errorCode = 0;
  std::string errorMessage;
};

class ServeToApi : public ::testing::TestWithParam<ToApiCase> {};

TEST_P(ServeToApi, TranslatesTheRequest) {
  const auto& c = GetParam();
  net::HttpResponse err;
  auto r = toApiRequest(c.http, &err);
  if (c.errorCode) {
    ASSERT_FALSE(r);
    EXPECT_EQ(err.status, c.errorCode);
    Json j = Json::parse(err.body);
    EXPECT_EQ(j["kind"], "Status");
    if (!c.errorMessage.empty()) EXPECT_EQ(j["message"], c.errorMessage);
    EXPECT_FALSE(j["message"].get<std::string>().empty());
    return;
  }
  ASSERT_TRUE(r) << err.body;
  EXPECT_EQ(r->method, c.method);
  EXPECT_EQ(r->path, c.path);
  EXPECT_EQ(r->queryAll, c.queryAll);
  for (const auto& [k, v] : c.queryAll) EXPECT_EQ(r->values(k).front(), r->param(k));
  EXPECT_EQ(r->body.dump(), c.body);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ServeToApi,
    ::testing::Values(
        ToApiCase{"ListWithSelectors",
                  httpRequest("GET", "/api/v1/namespaces/default/pods?labelSelector=app%3Dkubia&limit=500", {}),
                  "GET", "/api/v1/namespaces/default/pods", {{"labelSelector", "app=kubia"}, {"limit", "500"}}, "null"},
        ToApiCase{"ExecCommandRepeats",
                  httpRequest("GET", "/api/v1/namespaces/default/pods/w/exec?command=sh&command=-c&command=echo+hi&stdout=true", {}),
                  "GET", "/api/v1/namespaces/default/pods/w/exec",
                  {{"command", "sh"}, {"command", "-c"}, {"command", "echo hi"}, {"stdout", "true"}}, "null"},
        ToApiCase{"JsonBody", httpRequest("POST", "/api/v1/namespaces/default/pods?fieldManager=kubectl-run",
                                          {{"Content-Type", "application/json"}}, "{\"kind\":\"Pod\"}"),
                  "POST", "/api/v1/namespaces/default/pods", {{"fieldManager", "kubectl-run"}}, "{\"kind\":\"Pod\"}"},
        ToApiCase{"ApplyPatchYamlCarriesJson",
                  httpRequest("PATCH", "/apis/apps/v1/namespaces/default/deployments/h?force=false",
                              {{"Content-Type", "application/apply-patch+yaml"}}, "{\"spec\":{\"replicas\":2}}"),
                  "PATCH", "/apis/apps/v1/namespaces/default/deployments/h", {{"force", "false"}}, "{\"spec\":{\"replicas\":2}}"},
        ToApiCase{"YamlBody", httpRequest("POST", "/api/v1/namespaces", {{"Content-Type", "application/yaml"}},
                                          "kind: Namespace\nmetadata:\n  name: x\n"),
                  "POST", "/api/v1/namespaces", {}, "{\"kind\":\"Namespace\",\"metadata\":{\"name\":\"x\"}}"},
        ToApiCase{"MalformedJson", httpRequest("POST", "/api/v1/namespaces/default/pods", {{"Content-Type", "application/json"}}, "{bad"),
                  "", "", {}, "", 400, "couldn't get version/kind; json parse error: invalid character 'b' looking for beginning of value"},
        ToApiCase{"TruncatedJson", httpRequest("POST", "/api/v1/namespaces/default/pods", {{"Content-Type", "application/json"}}, "{\"a\":"),
                  "", "", {}, "", 400, "couldn't get version/kind; json parse error: unexpected end of JSON input"},
        ToApiCase{"TooDeep", httpRequest("POST", "/api/v1/namespaces/default/pods", {}, std::string(5000, '[') + std::string(5000, ']')),
                  "", "", {}, "", 400, "json: exceeded max depth"}
        ,
        ToApiCase{"ProtobufMalformed", httpRequest("POST", "/apis/apps/v1/namespaces/default/deployments",
                                                   {{"Content-Type", "application/vnd.kubernetes.protobuf"}}, "not protobuf"),
                  "", "", {}, "", 400, ""}
        ),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ServeToApi, HeadersReachTheCore) {
  net::HttpResponse err;
  auto r = toApiRequest(httpRequest("GET", "/api/v1/pods", {{"accept", "application/json;as=Table;v=v1;g=meta.k8s.io"},
                                                           {"User-Agent", "kubectl/v1.32.5 (linux/amd64)"},
                                                           {"Content-Type", "application/merge-patch+json"}}),
                        &err);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->accept, "application/json;as=Table;v=v1;g=meta.k8s.io");
  EXPECT_EQ(r->userAgent, "kubectl/v1.32.5 (linux/amd64)");
  EXPECT_EQ(r->contentType, "application/merge-patch+json");
}

struct ToHttpCase {
  const char* name;
  Response resp;
  int status;
  const char* contentType;
  const char* body;
};

class ServeToHttp : public ::testing::TestWithParam<ToHttpCase> {};

TEST_P(ServeToHttp, WritesTheAnswer) {
  const auto& c = GetParam();
  auto h = toHttpResponse(c.resp);
  EXPECT_EQ(h.status, c.status);
  std::string head = net::writeHead(h);
  EXPECT_NE(head.find(std::string("Content-Type: ") + c.contentType + "\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("Cache-Control: no-cache, private\r\n"), std::string::npos) << head;
  EXPECT_EQ(h.body, c.body);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ServeToHttp,
    ::testing::Values(ToHttpCase{"Json", Response{200, {{"minor", "32"}}, "", false}, 200, "application/json", "{\"minor\":\"32\"}"},
                      ToHttpCase{"Text", Response{200, nullptr, "line 1\n", true}, 200, "text/plain", "line 1\n"},
                      ToHttpCase{"DiscoveryType", [] {
                                   Response r{200, Json::object(), "", false};
                                   r.contentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
                                   return r;
                                 }(), 200, "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", "{}"},
                      ToHttpCase{"NotFoundStatus", Response{404, {{"kind", "Status"}, {"code", 404}}, "", false}, 404, "application/json",
                                 "{\"code\":404,\"kind\":\"Status\"}"},
                      ToHttpCase{"InvalidUtf8Replaced", Response{200, {{"m", "a\xff"}}, "", false}, 200, "application/json",
                                 "{\"m\":\"a\xEF\xBF\xBD\"}"}),
    [](const auto& info) { return std::string(info.param.name); });

// ------------------------------------------------------------------ over loopback

class ServeLoopback : public ::testing::Test {
 protected:
  void start(std::optional<ClockControl> clock = std::nullopt) {
    api = std::make_unique<HttpApi>(handler, clock);
    net::ServerOptions o;
    o.port = 0;
    server = std::make_unique<net::Server>(o, [this](const net::HttpRequest& r) { return api->handle(r); });
    std::string err;
    ASSERT_TRUE(server->listen(&err)) << err;
  }
  void TearDown() override { server.reset(); }

  FakeHandler handler;
  std::unique_ptr<HttpApi> api;
  std::unique_ptr<net::Server> server;
};

std::string get(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

TEST_F(ServeLoopback, WatchEventsArriveAsLinesWhileTheyHappen) {
  auto watch = std::make_shared<FakeStream>(Stream::Kind::Watch);
  handler.answer = [&](const Request&) { return Response{200, nullptr, "", false, watch}; };
  start();
  Client c(server->port());
  c.send(get("/api/v1/namespaces/default/pods?watch=true&resourceVersion=5"));
  watch->pushEvent({{"type", "ADDED"}, {"object", {{"kind", "Pod"}}}});
  const std::string& in = c.readUntilContains(*server, "ADDED");
  EXPECT_NE(in.find("Transfer-Encoding: chunked"), std::string::npos);
  EXPECT_EQ(httpBody(in), "{\"object\":{\"kind\":\"Pod\"},\"type\":\"ADDED\"}\n");
  EXPECT_EQ(handler.seen.at(0).param("watch"), "true");
  watch->pushEvent({{"type", "DELETED"}, {"object", {{"kind", "Pod"}}}});
  watch->end();
  c.readUntilContains(*server, "\r\n0\r\n\r\n");
  EXPECT_EQ(httpBody(c.received()), "{\"object\":{\"kind\":\"Pod\"},\"type\":\"ADDED\"}\n{\"object\":{\"kind\":\"Pod\"},\"type\":\"DELETED\"}\n");
  EXPECT_FALSE(watch->cancelled);
}

TEST_F(ServeLoopback, WatcherThatHangsUpCancelsItsStream) {
  auto watch = std::make_shared<FakeStream>(Stream::Kind::Watch);
  handler.answer = [&](const Request&) { return Response{200, nullptr, "", false, watch}; };
  start();
  {
    Client c(server->port());
    c.send(get("/api/v1/pods?watch=true"));
    c.readUntilContains(*server, "chunked");
  }
  for (int i = 0; i < 50 && !watch->cancelled; i++) server->runOnce(5);
  EXPECT_TRUE(watch->cancelled);
}

TEST_F(ServeLoopback, FollowedLogIsChunkedText) {
  auto log = std::make_shared<FakeStream>(Stream::Kind::Log);
  handler.answer = [&](const Request&) { return Response{200, nullptr, "", true, log}; };
  start();
  Client c(server->port());
  c.send(get("/api/v1/namespaces/default/pods/kubia/log?follow=true"));
  log->push(1, "Kubia server starting...\n");
  const std::string& in = c.readUntilContains(*server, "starting");
  EXPECT_NE(in.find("Content-Type: text/plain\r\n"), std::string::npos);
  log->push(1, "Received request from ::ffff:10.244.1.1\n");
  log->end();
  c.readUntilContains(*server, "\r\n0\r\n\r\n");
  EXPECT_EQ(httpBody(c.received()), "Kubia server starting...\nReceived request from ::ffff:10.244.1.1\n");
}

std::string wsUpgrade(const std::string& target, const std::string& protocol) {
  return get(target, "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: " + protocol + "\r\n");
}

std::string clientFrame(net::WsOpcode op, const std::string& payload) { return net::encodeWsFrameMasked(op, payload, 0xa1b2c3d4); }

// The server's WebSocket messages after the 101 head, as "channel:data" (close as "close:<code>").
std::vector<std::string> wsMessages(const std::string& in) {
  std::vector<std::string> out;
  size_t h = in.find("\r\n\r\n");
  if (h == std::string::npos) return out;
  net::WebSocketDecoder d(1 << 20, false);
  d.feed(in.substr(h + 4));
  net::WsMessage m;
  while (d.next(&m) == net::WebSocketDecoder::Result::Message) {
    if (m.opcode == net::WsOpcode::Close) out.push_back("close:" + std::to_string(m.closeCode));
    else if (m.opcode == net::WsOpcode::Binary && !m.payload.empty()) out.push_back(std::to_string(uint8_t(m.payload[0])) + ":" + m.payload.substr(1));
  }
  return out;
}

TEST_F(ServeLoopback, ExecOverWebSocketV5) {
  auto exec = std::make_shared<FakeStream>(Stream::Kind::Exec);
  handler.answer = [&](const Request&) { return Response{200, nullptr, "", false, exec}; };
  start();
  Client c(server->port());
  c.send(wsUpgrade("/api/v1/namespaces/default/pods/web/exec?command=cat&stdin=true&stdout=true&tty=true", "v5.channel.k8s.io"));
  const std::string& head = c.readUntilContains(*server, "\r\n\r\n");
  EXPECT_NE(head.find("HTTP/1.1 101 Switching Protocols\r\n"), std::string::npos);
  EXPECT_NE(head.find("Sec-WebSocket-Protocol: v5.channel.k8s.io\r\n"), std::string::npos);
  EXPECT_NE(head.find("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), std::string::npos);
  c.send(clientFrame(net::WsOpcode::Binary, std::string("\0hello\n", 7)) +
         clientFrame(net::WsOpcode::Binary, "\x04{\"Width\":120,\"Height\":40}\n") + clientFrame(net::WsOpcode::Ping, "hb") +
         clientFrame(net::WsOpcode::Binary, std::string("\xff\x00", 2)));
  for (int i = 0; i < 50 && !exec->inputClosed; i++) server->runOnce(5);
  EXPECT_EQ(exec->written, "hello\n");
  EXPECT_EQ(exec->sizes, (std::vector<std::pair<int, int>>{{120, 40}}));
  EXPECT_TRUE(exec->inputClosed);
  exec->push(1, "hello\n");
  exec->push(3, "{\"metadata\":{},\"status\":\"Success\"}");
  exec->end();
  c.readToEof(*server);
  EXPECT_EQ(wsMessages(c.received()),
            (std::vector<std::string>{"1:hello\n", "3:{\"metadata\":{},\"status\":\"Success\"}", "close:1000"}));
  // The pong to the heartbeat came before the output.
  size_t h = c.received().find("\r\n\r\n");
  EXPECT_EQ(c.received().substr(h + 4, 4), std::string("\x8a\x02hb", 4));
}

TEST_F(ServeLoopback, ExecErrorIsAnsweredWithoutUpgrading) {
  handler.answer = [&](const Request&) {
    return Response{404, {{"kind", "Status"}, {"reason", "NotFound"}, {"message", "pods \"nope\" not found"}, {"code", 404}}, "", false};
  };
  start();
  Client c(server->port());
  c.send(wsUpgrade("/api/v1/namespaces/default/pods/nope/exec?command=ls", "v5.channel.k8s.io"));
  const std::string& in = c.readUntilContains(*server, "}");
  EXPECT_EQ(in.substr(0, in.find("\r\n")), "HTTP/1.1 404 Not Found");
  EXPECT_NE(httpBody(in).find("pods \\\"nope\\\" not found"), std::string::npos);
}

TEST_F(ServeLoopback, ExecWithoutWebSocketIsRefusedAndTheStreamCancelled) {
  auto exec = std::make_shared<FakeStream>(Stream::Kind::Exec);
  handler.answer = [&](const Request&) { return Response{200, nullptr, "", false, exec}; };
  start();
  Client c(server->port());
  c.send("POST /api/v1/namespaces/default/pods/web/exec?command=ls HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
  const std::string& in = c.readUntilContains(*server, "}");
  EXPECT_EQ(in.substr(0, in.find("\r\n")), "HTTP/1.1 400 Bad Request");
  EXPECT_NE(httpBody(in).find("Upgrade request required"), std::string::npos);
  EXPECT_TRUE(exec->cancelled);
}

// Port-forward: kubectl's client side of SPDY, written with the same codec.
class PortForwardTest : public ServeLoopback {
 protected:
  void SetUp() override {
    handler.answer = [&](const Request& r) {
      if (r.param("ports").empty()) {
        if (r.path.find("/nope/") != std::string::npos)
          return Response{404, {{"kind", "Status"}, {"message", "pods \"nope\" not found"}, {"code", 404}}, "", false};
        return Response{200, Json::object(), "", false};
      }
      if (r.param("ports") == "9999")
        return Response{500, {{"kind", "Status"}, {"message", "error forwarding port 9999 to pod web: connection refused"}}, "", false};
      return Response{200, nullptr, "", false, forwarded};
    };
    start();
  }

  // Frames the server sent, decoded (after the 101 head; tunneled: inside WebSocket messages).
  std::vector<net::SpdyFrame> serverFrames(const std::string& in, bool tunneled) {
    size_t h = in.find("\r\n\r\n");
    std::string spdy = in.substr(h + 4);
    if (tunneled) {
      net::WebSocketDecoder d(1 << 20, false);
      d.feed(spdy);
      spdy.clear();
      net::WsMessage m;
      while (d.next(&m) == net::WebSocketDecoder::Result::Message)
        if (m.opcode == net::WsOpcode::Binary) spdy += m.payload;
    }
    // A fresh decoder each time: the server's header zlib stream starts with the first frame.
    net::SpdyDecoder d;
    std::vector<net::SpdyFrame> out;
    d.feed(spdy);
    net::SpdyFrame f;
    while (d.next(&f) == net::SpdyDecoder::Result::Frame) out.push_back(f);
    return out;
  }

  void run(bool tunneled, const std::string& port) {
    Client c(server->port());
    std::string target = "/api/v1/namespaces/default/pods/web/portforward";
    if (tunneled) c.send(wsUpgrade(target, "SPDY/3.1+portforward.k8s.io"));
    else c.send("POST " + target + " HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
                "X-Stream-Protocol-Version: portforward.k8s.io\r\nContent-Length: 0\r\n\r\n");
    const std::string& head = c.readUntilContains(*server, "\r\n\r\n");
    ASSERT_NE(head.find("HTTP/1.1 101 Switching Protocols\r\n"), std::string::npos) << head;
    if (!tunneled) EXPECT_NE(head.find("X-Stream-Protocol-Version: portforward.k8s.io\r\n"), std::string::npos);
    auto wrap = [&](const std::string& s) { return tunneled ? clientFrame(net::WsOpcode::Binary, s) : s; };
    net::SpdyHeaders eh{{"streamtype", "error"}, {"port", port}, {"requestid", "0"}};
    net::SpdyHeaders dh{{"streamtype", "data"}, {"port", port}, {"requestid", "0"}};
    c.send(wrap(clientEncoder.synStream(1, eh) + clientEncoder.data(1, "", true)));
    c.send(wrap(clientEncoder.synStream(3, dh) + clientEncoder.data(3, "GET / HTTP/1.1\r\n\r\n") + clientEncoder.ping(1)));
    if (port == "8080") {
      for (int i = 0; i < 50 && forwarded->written.empty(); i++) server->runOnce(5);
      EXPECT_EQ(forwarded->written, "GET / HTTP/1.1\r\n\r\n");
      forwarded->push(1, "You've hit web\n");
      forwarded->end();
    }
    c.readUntil(*server, [&](const std::string& in) {
      int fins = 0;
      for (auto& f : serverFrames(in, tunneled)) fins += f.type == net::SpdyType::Data && f.fin();
      return fins == 2;
    });
    frames = serverFrames(c.received(), tunneled);
    EXPECT_EQ(handler.seen.size(), 2u);
    EXPECT_EQ(handler.seen.back().values("ports"), std::vector<std::string>{port});
  }

  std::vector<std::string> describe() {
    std::vector<std::string> out;
    for (auto& f : frames) {
      switch (f.type) {
        case net::SpdyType::SynReply: out.push_back("SYN_REPLY " + std::to_string(f.streamId)); break;
        case net::SpdyType::Ping: out.push_back("PING " + std::to_string(f.value)); break;
        case net::SpdyType::Data: out.push_back("DATA " + std::to_string(f.streamId) + " " + f.data + (f.fin() ? " FIN" : "")); break;
        default: out.push_back("other");
      }
    }
    return out;
  }

  std::shared_ptr<FakeStream> forwarded = std::make_shared<FakeStream>(Stream::Kind::PortForward);
  net::SpdyEncoder clientEncoder;
  std::vector<net::SpdyFrame> frames;
};

TEST_F(PortForwardTest, TunneledInWebSocket) {
  run(true, "8080");
  EXPECT_EQ(describe(), (std::vector<std::string>{"SYN_REPLY 1", "SYN_REPLY 3", "PING 1", "DATA 3 You've hit web\n", "DATA 3  FIN",
                                                  "DATA 1  FIN"}));
}

TEST_F(PortForwardTest, PlainSpdyUpgrade) {
  run(false, "8080");
  EXPECT_EQ(describe(), (std::vector<std::string>{"SYN_REPLY 1", "SYN_REPLY 3", "PING 1", "DATA 3 You've hit web\n", "DATA 3  FIN",
                                                  "DATA 1  FIN"}));
}

TEST_F(PortForwardTest, RefusedConnectionWritesTheErrorStream) {
  run(true, "9999");
  EXPECT_EQ(describe(), (std::vector<std::string>{"SYN_REPLY 1", "SYN_REPLY 3", "DATA 1 error forwarding port 9999 to pod web: connection refused",
                                                  "PING 1", "DATA 3  FIN", "DATA 1  FIN"}));
}

TEST_F(PortForwardTest, MissingPodIsAnsweredBeforeUpgrading) {
  Client c(server->port());
  c.send(wsUpgrade("/api/v1/namespaces/default/pods/nope/portforward", "SPDY/3.1+portforward.k8s.io"));
  const std::string& in = c.readUntilContains(*server, "}");
  EXPECT_EQ(in.substr(0, in.find("\r\n")), "HTTP/1.1 404 Not Found");
  EXPECT_NE(httpBody(in).find("pods \\\"nope\\\" not found"), std::string::npos);
}

TEST_F(PortForwardTest, SpdyWithoutTheProtocolIsRefused) {
  Client c(server->port());
  c.send("POST /api/v1/namespaces/default/pods/web/portforward HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
         "X-Stream-Protocol-Version: v4.channel.k8s.io\r\nContent-Length: 0\r\n\r\n");
  const std::string& in = c.readUntilContains(*server, "}");
  EXPECT_EQ(in.substr(0, in.find("\r\n")), "HTTP/1.1 403 Forbidden");
  EXPECT_NE(in.find("X-Accepted-Stream-Protocol-Versions: portforward.k8s.io"), std::string::npos);
}

TEST_F(ServeLoopback, ManualClockEndpoint) {
  std::vector<Time> advanced;
  int nexts = 0;
  start(ClockControl{[&](Time ms) {
                       advanced.push_back(ms);
                       return Json{{"now", 1000 + ms}};
                     },
                     [&] {
                       nexts++;
                       return Json{{"now", 5000}, {"pending", true}};
                     }});
  struct Call {
    std::string request;
    std::string statusLine, body;
  } calls[] = {
      {"POST /kubeplay/v1/advance?ms=1500 HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 200 OK", "{\"now\":2500}"},
      {"POST /kubeplay/v1/next HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 200 OK", "{\"now\":5000,\"pending\":true}"},
      {"POST /kubeplay/v1/advance?ms=-3 HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 400 Bad Request", ""},
      {"GET /kubeplay/v1/next HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 405 Method Not Allowed", ""},
  };
  for (const auto& call : calls) {
    Client c(server->port());
    c.send(call.request);
    const std::string& in = c.readUntilContains(*server, "}");
    EXPECT_EQ(in.substr(0, in.find("\r\n")), call.statusLine) << call.request;
    if (!call.body.empty()) EXPECT_EQ(httpBody(in), call.body);
  }
  EXPECT_EQ(advanced, std::vector<Time>{1500});
  EXPECT_EQ(nexts, 1);
  EXPECT_TRUE(handler.seen.empty());
}

TEST_F(ServeLoopback, ControlEndpointIsNotServedWithTheWallClock) {
  start();
  Client c(server->port());
  c.send("POST /kubeplay/v1/next HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
  c.readUntilContains(*server, "}");
  ASSERT_EQ(handler.seen.size(), 1u);
  EXPECT_EQ(handler.seen[0].path, "/kubeplay/v1/next");
}

TEST_F(ServeLoopback, StreamWakeTimesAreReported) {
  auto watch = std::make_shared<FakeStream>(Stream::Kind::Watch);
  watch->wake = 123456;
  handler.answer = [&](const Request&) { return Response{200, nullptr, "", false, watch}; };
  start();
  Client c(server->port());
  c.send(get("/api/v1/pods?watch=true&timeoutSeconds=5"));
  c.readUntilContains(*server, "chunked");
  EXPECT_EQ(api->nextWake(), 123456);
}

TEST(ServeArgs, ParsesAndRefuses) {
  ServeOptions o;
  std::string err;
  ASSERT_TRUE(parseServeArgs({"--port", "0", "--seed=42", "--speed", "2.5", "--clock", "manual", "--kubeconfig", "/tmp/k"}, &o, &err)) << err;
  EXPECT_EQ(o.port, 0);
  EXPECT_EQ(o.seed, 42u);
  EXPECT_EQ(o.speed, 2.5);
  EXPECT_EQ(o.clock, ServeOptions::Clock::Manual);
  EXPECT_EQ(o.kubeconfig, "/tmp/k");
  struct Bad {
    std::vector<std::string> args;
    const char* error;
  } bad[] = {{{"--port", "70000"}, "invalid port 70000"},
             {{"--speed", "0"}, "invalid speed 0 (a number above 0)"},
             {{"--clock", "fast"}, "invalid clock fast (wall, manual or lockstep)"},
             {{"--seed"}, "flag needs an argument: --seed"},
             {{"--bind", "0.0.0.0"}, "unknown argument --bind"}};
  for (const auto& b : bad) {
    ServeOptions x;
    EXPECT_FALSE(parseServeArgs(b.args, &x, &err));
    EXPECT_EQ(err, b.error);
  }
}

TEST(ServeKubeconfig, NamesEverythingMinikube) {
  EXPECT_EQ(kubeconfigYaml("http://127.0.0.1:6443"),
            "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: http://127.0.0.1:6443\n  name: minikube\n"
            "contexts:\n- context:\n    cluster: minikube\n    namespace: default\n    user: minikube\n  name: minikube\n"
            "current-context: minikube\npreferences: {}\nusers:\n- name: minikube\n  user: {}\n");
}

}  // namespace
}  // namespace kp
