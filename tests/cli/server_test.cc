// The poll loop over real loopback sockets: whole answers with keep-alive and pipelining,
// refused requests, chunked bodies whose chunks arrive as they are produced, upgrades, and
// clients that go away mid-stream while another client is served on.
#include <gtest/gtest.h>

#include "tests/cli/loopback.h"

namespace kp::net {
namespace {

using kp::testing::Client;
using kp::testing::httpBody;

// A session the test drives: queued text goes out on the next pump.
struct Script {
  std::string next;
  bool finished = false, cancelled = false;
  std::string input;
};

class ScriptedSession : public Session {
 public:
  explicit ScriptedSession(std::shared_ptr<Script> s) : s_(std::move(s)) {}
  void input(std::string_view b) override { s_->input.append(b.data(), b.size()); }
  void pump(std::string& out) override {
    out += s_->next;
    s_->next.clear();
  }
  bool finished() const override { return s_->finished; }
  void cancel() override { s_->cancelled = true; }

 private:
  std::shared_ptr<Script> s_;
};

class ServerLoop : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions o;
    o.port = 0;
    o.maxConnections = 4;
    o.limits.maxBodyBytes = 1024;
    server = std::make_unique<Server>(o, [this](const HttpRequest& r) { return answer(r); });
    std::string err;
    ASSERT_TRUE(server->listen(&err)) << err;
    ASSERT_NE(server->port(), 0);
  }

  Reply answer(const HttpRequest& r) {
    paths.push_back(r.path);
    if (r.path == "/stream") {
      Reply x;
      x.kind = Reply::Kind::Chunked;
      x.response = {200, {{"Content-Type", "application/json"}}, ""};
      x.session = std::make_unique<ScriptedSession>(script);
      return x;
    }
    if (r.path == "/upgrade") {
      Reply x;
      x.kind = Reply::Kind::Upgrade;
      x.response = {101, {{"Connection", "Upgrade"}, {"Upgrade", "test"}}, ""};
      x.session = std::make_unique<ScriptedSession>(script);
      return x;
    }
    if (r.path == "/throw") throw std::runtime_error("boom");
    return Reply::whole({200, {{"Content-Type", "text/plain"}}, "hello " + r.path + " " + r.body});
  }

  std::unique_ptr<Server> server;
  std::shared_ptr<Script> script = std::make_shared<Script>();
  std::vector<std::string> paths;
};

std::string get(const std::string& path, const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

TEST_F(ServerLoop, AnswersAndKeepsTheConnection) {
  Client c(server->port());
  ASSERT_TRUE(c.connected());
  c.send(get("/a"));
  EXPECT_EQ(c.readUntilContains(*server, "hello /a"), "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nhello /a ");
  c.received().clear();
  c.send("POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody");
  EXPECT_EQ(httpBody(c.readUntilContains(*server, "hello /b body")), "hello /b body");
  EXPECT_FALSE(c.eof());
}

TEST_F(ServerLoop, PipelinedRequestsAreAnsweredInOrder) {
  Client c(server->port());
  c.send(get("/1") + get("/2") + get("/3"));
  const std::string& in = c.readUntilContains(*server, "hello /3");
  EXPECT_LT(in.find("hello /1"), in.find("hello /2"));
  EXPECT_LT(in.find("hello /2"), in.find("hello /3"));
}

struct RefusalCase {
  const char* name;
  std::string request;
  const char* statusLine;
  const char* body;
};

class ServerRefusal : public ServerLoop, public ::testing::WithParamInterface<RefusalCase> {};

TEST_P(ServerRefusal, AnswersAStatusAndCloses) {
  Client c(server->port());
  c.send(GetParam().request);
  const std::string& in = c.readToEof(*server);
  EXPECT_EQ(in.substr(0, in.find("\r\n")), GetParam().statusLine);
  EXPECT_NE(in.find("Connection: close"), std::string::npos);
  EXPECT_EQ(httpBody(in), GetParam().body);
  EXPECT_TRUE(c.eof());
  EXPECT_TRUE(paths.empty()) << "a refused request reached the handler";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ServerRefusal,
    ::testing::Values(
        RefusalCase{"Garbage", "\x16\x03\x01\x02 tls\r\n\r\n", "HTTP/1.1 400 Bad Request",
                    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"malformed HTTP request "
                    "line\",\"reason\":\"BadRequest\",\"code\":400}"},
        RefusalCase{"BodyTooLarge", "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 2000\r\n\r\n", "HTTP/1.1 413 Request Entity Too Large",
                    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"Request entity too "
                    "large: limit is 1024\",\"reason\":\"RequestEntityTooLarge\",\"code\":413}"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(ServerLoop, HandlerExceptionBecomesAnInternalErrorStatus) {
  Client c(server->port());
  c.send(get("/throw"));
  const std::string& in = c.readUntilContains(*server, "}");
  EXPECT_EQ(in.substr(0, in.find("\r\n")), "HTTP/1.1 500 Internal Server Error");
  EXPECT_NE(httpBody(in).find("Internal error occurred: boom"), std::string::npos);
}

TEST_F(ServerLoop, ChunksArriveAsTheyAreProducedAndTheConnectionServesOn) {
  Client c(server->port());
  c.send(get("/stream"));
  script->next = "{\"type\":\"ADDED\"}\n";
  const std::string& first = c.readUntilContains(*server, "ADDED");
  EXPECT_NE(first.find("Transfer-Encoding: chunked"), std::string::npos);
  EXPECT_NE(first.find("11\r\n{\"type\":\"ADDED\"}\n\r\n"), std::string::npos);
  EXPECT_EQ(first.find("0\r\n\r\n"), std::string::npos) << "the body ended early";
  script->next = "{\"type\":\"MODIFIED\"}\n";
  c.readUntilContains(*server, "MODIFIED");
  script->finished = true;
  c.readUntilContains(*server, "\r\n0\r\n\r\n");
  EXPECT_FALSE(script->cancelled);
  c.received().clear();
  c.send(get("/after"));
  EXPECT_EQ(httpBody(c.readUntilContains(*server, "hello /after")), "hello /after ");
}

TEST_F(ServerLoop, ClientGoneMidStreamIsDroppedAndOthersAreServed) {
  {
    Client watcher(server->port());
    watcher.send(get("/stream"));
    script->next = "x";
    watcher.readUntilContains(*server, "\r\nx\r\n");
    EXPECT_EQ(server->sessions(), 1u);
  }  // the watcher hangs up without a word
  Client other(server->port());
  other.send(get("/still"));
  EXPECT_EQ(httpBody(other.readUntilContains(*server, "hello /still")), "hello /still ");
  for (int i = 0; i < 20 && !script->cancelled; i++) server->runOnce(5);
  EXPECT_TRUE(script->cancelled);
  EXPECT_EQ(server->sessions(), 0u);
  EXPECT_EQ(server->connections(), 1u);
}

TEST_F(ServerLoop, UpgradeHandsTheRawBytesToTheSession) {
  Client c(server->port());
  c.send(get("/upgrade") + "early bytes");
  c.readUntilContains(*server, "\r\n\r\n");
  EXPECT_EQ(c.received(), "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\n");
  for (int i = 0; i < 5; i++) server->runOnce(1);
  EXPECT_EQ(script->input, "early bytes");
  c.send("GET / HTTP/1.1\r\n\r\n");  // no longer HTTP: just bytes
  for (int i = 0; i < 20 && script->input.size() < 29; i++) server->runOnce(5);
  EXPECT_EQ(script->input, "early bytesGET / HTTP/1.1\r\n\r\n");
  script->next = "bye";
  script->finished = true;
  EXPECT_EQ(c.readToEof(*server).substr(c.received().size() - 3), "bye");
  EXPECT_TRUE(c.eof());
  EXPECT_FALSE(script->cancelled);
}

TEST_F(ServerLoop, ConnectionsBeyondTheLimitAreClosed) {
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < 4; i++) {
    clients.push_back(std::make_unique<Client>(server->port()));
    clients.back()->send(get("/k" + std::to_string(i)));
    clients.back()->readUntilContains(*server, "hello");
  }
  Client extra(server->port());
  extra.readToEof(*server, 500);
  EXPECT_TRUE(extra.eof());
  EXPECT_EQ(extra.received(), "");
  EXPECT_EQ(server->connections(), 4u);
}

TEST_F(ServerLoop, ListensOnLoopbackOnly) {
  // The kernel's socket table: the listener's local address is 127.0.0.1 (0100007F).
  FILE* f = std::fopen("/proc/net/tcp", "r");
  ASSERT_NE(f, nullptr);
  char line[512];
  char port[8];
  std::snprintf(port, sizeof port, ":%04X", server->port());
  std::string found;
  while (std::fgets(line, sizeof line, f)) {
    std::string l = line;
    if (l.find(std::string(port) + " ") != std::string::npos && l.find(" 0A ") != std::string::npos)
      found = l.substr(l.find(':') + 2, 8);
  }
  std::fclose(f);
  EXPECT_EQ(found, "0100007F");
}

TEST_F(ServerLoop, BindFailureNamesTheAddress) {
  Server second(ServerOptions{server->port()}, [](const HttpRequest&) { return Reply(); });
  std::string err;
  EXPECT_FALSE(second.listen(&err));
  EXPECT_NE(err.find("127.0.0.1:" + std::to_string(server->port())), std::string::npos) << err;
}

}  // namespace
}  // namespace kp::net
