// A single-threaded HTTP/1.1 server on 127.0.0.1 around one poll() loop. Each complete request
// goes to a callback that answers at once, streams a chunked body over time (a Session pumped
// every turn: watches, followed logs), or takes the connection over after a 101 upgrade (a
// Session fed the raw bytes: WebSocket, SPDY). One thread, no locks: the simulated cluster it
// serves is single-threaded too. A client that goes away is noticed and its session cancelled.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/net/http.h"

namespace kp::net {

// A long-lived exchange on one connection.
class Session {
 public:
  virtual ~Session() = default;
  // Upgraded connections: bytes the client sent (the first call may carry bytes that came
  // right behind the upgrade request).
  virtual void input(std::string_view bytes) {}
  // Called every loop turn (and after input): append what is to be sent to `out`. Chunked
  // bodies: the bytes appended in one call go out as one chunk.
  virtual void pump(std::string& out) = 0;
  // Nothing more will be sent: a chunked body is ended (and the connection kept for the next
  // request), an upgraded connection is closed once its output is flushed.
  virtual bool finished() const = 0;
  // The connection broke or the server shuts down before finished(); let go of what is held.
  virtual void cancel() {}
};

// What the callback answers a request with.
struct Reply {
  enum class Kind { Whole, Chunked, Upgrade };
  Kind kind = Kind::Whole;
  HttpResponse response;             // Whole: status, headers, body; Chunked/Upgrade: the head
  std::unique_ptr<Session> session;  // Chunked and Upgrade
  bool close = false;                // close the connection after a Whole reply

  static Reply whole(HttpResponse r) {
    Reply x;
    x.response = std::move(r);
    return x;
  }
};

struct ServerOptions {
  uint16_t port = 6443;            // 0: an ephemeral port (port() says which)
  size_t maxConnections = 128;     // more are accepted and closed at once
  HttpLimits limits;
  size_t maxOutput = 16 << 20;     // a connection whose unsent output grows past this is dropped
  size_t pumpBelow = 1 << 20;      // sessions are pumped only while less than this is unsent
  int idleTimeoutMs = 5 * 60 * 1000;  // idle keep-alive connections are closed after this
  int lingerMs = 2000;             // how long a closing connection is drained before close()
};

class Server {
 public:
  using Handler = std::function<Reply(const HttpRequest&)>;
  Server(ServerOptions opts, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds 127.0.0.1:port and listens. False with *error set when that fails.
  bool listen(std::string* error);
  uint16_t port() const { return port_; }

  // Called every turn: `beforeRequests` after the wait and before complete requests are
  // answered (the simulated clock moves here), `beforePump` after they were answered and before
  // sessions are pumped (the work the requests caused runs here, so streams show it at once).
  void setTurnHooks(std::function<void()> beforeRequests, std::function<void()> beforePump) {
    beforeRequests_ = std::move(beforeRequests);
    beforePump_ = std::move(beforePump);
  }

  // One turn: waits up to timeoutMs for sockets, accepts, reads, answers complete requests,
  // pumps every session and writes what can be written.
  void runOnce(int timeoutMs);

  size_t connections() const;
  size_t sessions() const;
  // Cancels every session and closes every connection (and the listener).
  void shutdown();

 private:
  struct Conn;
  void acceptAll();
  void readFrom(Conn& c);
  void serveRequests(Conn& c);
  void startReply(Conn& c, Reply reply, bool keepAlive);
  void pumpSession(Conn& c);
  void writeTo(Conn& c);
  void drop(Conn& c);
  void beginClose(Conn& c);

  ServerOptions opts_;
  Handler handler_;
  std::function<void()> beforeRequests_, beforePump_;
  int listenFd_ = -1;
  uint16_t port_ = 0;
  std::vector<std::unique_ptr<Conn>> conns_;
};

// Milliseconds of a monotonic clock (the loop's idle and linger timers).
int64_t monotonicMs();

}  // namespace kp::net
