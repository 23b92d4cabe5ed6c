// Helpers for the loopback tests: a client socket on 127.0.0.1 and a reader that turns the
// server's loop while it waits, so server and client share one thread (no races, no sleeps
// longer than a poll turn), and fake Streams the tests feed by hand.
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "cli/net/server.h"
#include "core/apiserver/rest.h"

namespace kp::testing {

// A TCP connection to 127.0.0.1:port (blocking connect, then reads without blocking).
class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~Client() { close(); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }
  void send(const std::string& s) {
    size_t off = 0;
    while (off < s.size()) {
      ssize_t n = ::send(fd_, s.data() + off, s.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return;
      off += size_t(n);
    }
  }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  // Turns the server's loop and reads until `done(received)` or the time is up. Returns what
  // arrived (and keeps it: later calls see everything received so far).
  const std::string& readUntil(net::Server& server, const std::function<bool(const std::string&)>& done,
                               int timeoutMs = 3000) {
    int64_t until = net::monotonicMs() + timeoutMs;
    while (!done(in_) && net::monotonicMs() < until && !eof_) {
      server.runOnce(5);
      char buf[65536];
      while (true) {
        ssize_t n = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
        if (n > 0) {
          in_.append(buf, size_t(n));
          continue;
        }
        if (n == 0) eof_ = true;
        break;
      }
    }
    return in_;
  }
  const std::string& readUntilContains(net::Server& s, const std::string& needle, int timeoutMs = 3000) {
    return readUntil(s, [&](const std::string& in) { return in.find(needle) != std::string::npos; }, timeoutMs);
  }
  // Reads until the server closes the connection.
  const std::string& readToEof(net::Server& s, int timeoutMs = 3000) {
    return readUntil(s, [](const std::string&) { return false; }, timeoutMs);
  }
  bool eof() const { return eof_; }
  std::string& received() { return in_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool eof_ = false;
  std::string in_;
};

// A Stream the test feeds: push() queues chunks, end() ends it; what the server passed in is
// recorded.
class FakeStream : public Stream {
 public:
  explicit FakeStream(Kind k) : kind_(k) {}
  Kind kind() const override { return kind_; }
  std::vector<StreamChunk> take() override { return std::exchange(queue_, {}); }
  void write(int channel, const std::string& data) override { written += data; }
  void closeInput() override { inputClosed = true; }
  void resize(int cols, int rows) override { sizes.emplace_back(cols, rows); }
  bool ended() const override { return ended_ || cancelled; }
  void cancel() override { cancelled = true; }
  Time wakeAt() const override { return wake; }

  void push(int channel, std::string data) { queue_.push_back({channel, std::move(data), nullptr}); }
  void pushEvent(Json e) { queue_.push_back({1, "", std::move(e)}); }
  void end() { ended_ = true; }

  std::string written;
  bool inputClosed = false, cancelled = false;
  std::vector<std::pair<int, int>> sizes;
  Time wake = kNoTime;

 private:
  Kind kind_;
  bool ended_ = false;
  std::vector<StreamChunk> queue_;
};

// A request handler that records every Request and answers with `answer(req)`.
class FakeHandler : public RequestHandler {
 public:
  std::function<Response(const Request&)> answer = [](const Request&) { return Response{200, Json::object(), "", false}; };
  std::vector<Request> seen;
  Response handle(const Request& req) override {
    seen.push_back(req);
    return answer(req);
  }
};

// The body of an HTTP response with Content-Length, or of a chunked one (chunks joined).
inline std::string httpBody(const std::string& resp) {
  size_t h = resp.find("\r\n\r\n");
  if (h == std::string::npos) return {};
  std::string head = resp.substr(0, h), rest = resp.substr(h + 4);
  if (head.find("Transfer-Encoding: chunked") == std::string::npos) return rest;
  std::string body;
  size_t at = 0;
  while (true) {
    size_t nl = rest.find("\r\n", at);
    if (nl == std::string::npos) break;
    size_t n = std::stoul(rest.substr(at, nl - at), nullptr, 16);
    if (n == 0) break;
    body += rest.substr(nl + 2, n);
    at = nl + 2 + n + 2;
  }
  return body;
}

}  // namespace kp::testing
