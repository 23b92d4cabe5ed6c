// The poll() loop: non-blocking sockets, one parser and one output buffer per connection.
// A connection is in one of four modes: answering requests, streaming a chunked body, upgraded
// (a session owns its bytes), or closing (output flushed, write side shut, input drained for a
// moment so the kernel does not reset what the peer has still to read).
#include "cli/net/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

namespace kp::net {

int64_t monotonicMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

struct Server::Conn {
  enum class Mode { Http, Chunked, Upgraded, Closing };
  int fd = -1;
  HttpRequestParser parser;
  std::string out;
  size_t outPos = 0;
  Mode mode = Mode::Http;
  std::unique_ptr<Session> session;
  bool keepAliveAfterBody = true;  // Chunked: whether the connection serves on afterwards
  bool noMoreRequests = false;     // a reply said close: nothing after it is parsed
  bool closeAfterFlush = false;
  bool peerEof = false;
  bool dead = false;
  int64_t lastActive = 0;
  int64_t lingerUntil = 0;

  explicit Conn(HttpLimits limits) : parser(limits) {}
  size_t pending() const { return out.size() - outPos; }
};

Server::Server(ServerOptions opts, Handler handler) : opts_(opts), handler_(std::move(handler)) {}

Server::~Server() { shutdown(); }

bool Server::listen(std::string* error) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *error = std::string("socket: ") + std::strerror(errno);
    return false;
  }
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(opts_.port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // loopback only, never other interfaces
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0) {
    *error = "listen tcp 127.0.0.1:" + std::to_string(opts_.port) + ": bind: " + std::strerror(errno);
    ::close(fd);
    return false;
  }
  if (::listen(fd, 128) < 0) {
    *error = std::string("listen: ") + std::strerror(errno);
    ::close(fd);
    return false;
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  listenFd_ = fd;
  return true;
}

size_t Server::connections() const {
  size_t n = 0;
  for (const auto& c : conns_) n += !c->dead;
  return n;
}

size_t Server::sessions() const {
  size_t n = 0;
  for (const auto& c : conns_) n += !c->dead && c->session != nullptr;
  return n;
}

void Server::shutdown() {
  for (auto& c : conns_)
    if (!c->dead) drop(*c);
  conns_.clear();
  if (listenFd_ >= 0) ::close(listenFd_);
  listenFd_ = -1;
}

void Server::drop(Conn& c) {
  if (c.dead) return;
  if (c.session && !c.session->finished()) c.session->cancel();
  c.session.reset();
  ::close(c.fd);
  c.dead = true;
}

void Server::beginClose(Conn& c) {
  c.session.reset();
  c.mode = Conn::Mode::Closing;
  if (c.peerEof) {
    drop(c);
    return;
  }
  ::shutdown(c.fd, SHUT_WR);
  c.lingerUntil = monotonicMs() + opts_.lingerMs;
}

void Server::acceptAll() {
  while (listenFd_ >= 0) {
    int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;  // EAGAIN, or an error the next turn may not have
    if (connections() >= opts_.maxConnections) {
      ::close(fd);
      continue;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // watch events are small
    auto c = std::make_unique<Conn>(opts_.limits);
    c->fd = fd;
    c->lastActive = monotonicMs();
    conns_.push_back(std::move(c));
  }
}

void Server::readFrom(Conn& c) {
  char buf[64 * 1024];
  for (int i = 0; i < 16 && !c.dead; i++) {  // at most 1 MiB a turn, so one client cannot starve others
    ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      if (errno == EINTR) continue;
      drop(c);
      return;
    }
    c.lastActive = monotonicMs();
    if (n == 0) {
      c.peerEof = true;
      // A chunked body's reader or an upgraded peer that hangs up is gone: cancel its session.
      if (c.mode == Conn::Mode::Chunked || c.mode == Conn::Mode::Upgraded || c.mode == Conn::Mode::Closing) drop(c);
      return;
    }
    std::string_view data(buf, size_t(n));
    switch (c.mode) {
      case Conn::Mode::Http:
      case Conn::Mode::Chunked:
        if (c.noMoreRequests) break;  // the connection closes after its last answer
        c.parser.feed(data);
        // Requests pipelined behind a long stream wait; a client that piles up more than a
        // request's worth of them is dropped.
        if (c.mode == Conn::Mode::Chunked &&
            c.parser.buffered() > opts_.limits.maxHeaderBytes + opts_.limits.maxBodyBytes) {
          drop(c);
          return;
        }
        break;
      case Conn::Mode::Upgraded:
        if (c.session) c.session->input(data);
        break;
      case Conn::Mode::Closing:
        break;  // drained and discarded
    }
  }
}

void Server::serveRequests(Conn& c) {
  while (!c.dead && c.mode == Conn::Mode::Http && !c.noMoreRequests && c.pending() < opts_.pumpBelow) {
    HttpRequest req;
    auto r = c.parser.next(&req);
    if (c.parser.wantsContinue()) {
      c.out += "HTTP/1.1 100 Continue\r\n\r\n";
      c.parser.continueSent();
    }
    if (r == HttpRequestParser::Result::NeedMore) break;
    if (r == HttpRequestParser::Result::Error) {
      const auto& e = c.parser.error();
      HttpResponse resp{e.status, {{"Content-Type", "application/json"}}, statusJson(e.status, e.reason, e.message)};
      c.out += writeResponse(resp, true);
      c.noMoreRequests = true;
      c.closeAfterFlush = true;
      break;
    }
    Reply reply;
    try {
      reply = handler_(req);
    } catch (const std::exception& ex) {
      reply = Reply::whole({500, {{"Content-Type", "application/json"}},
                            statusJson(500, "InternalError", std::string("Internal error occurred: ") + ex.what())});
    }
    startReply(c, std::move(reply), req.keepAlive() && !c.peerEof);
  }
  // A peer that hung up after its requests gets its answers, then the connection closes.
  if (!c.dead && c.mode == Conn::Mode::Http && c.peerEof) c.closeAfterFlush = true;
}

void Server::startReply(Conn& c, Reply reply, bool keepAlive) {
  if (reply.kind != Reply::Kind::Whole && !reply.session) {
    reply = Reply::whole({500, {{"Content-Type", "application/json"}},
                          statusJson(500, "InternalError", "Internal error occurred: no session for a streamed reply")});
  }
  switch (reply.kind) {
    case Reply::Kind::Whole: {
      bool close = !keepAlive || reply.close;
      c.out += writeResponse(reply.response, close);
      if (close) {
        c.noMoreRequests = true;
        c.closeAfterFlush = true;
      }
      return;
    }
    case Reply::Kind::Chunked:
      c.out += writeChunkedHead(reply.response, !keepAlive);
      c.mode = Conn::Mode::Chunked;
      c.keepAliveAfterBody = keepAlive;
      c.session = std::move(reply.session);
      pumpSession(c);
      return;
    case Reply::Kind::Upgrade: {
      c.out += writeHead(reply.response);
      c.mode = Conn::Mode::Upgraded;
      c.session = std::move(reply.session);
      std::string rest = c.parser.takeBuffered();
      if (!rest.empty()) c.session->input(rest);
      pumpSession(c);
      return;
    }
  }
}

void Server::pumpSession(Conn& c) {
  if (c.dead || !c.session || c.pending() >= opts_.pumpBelow) return;
  std::string data;
  bool finished = false;
  try {
    c.session->pump(data);
    finished = c.session->finished();
  } catch (const std::exception&) {
    drop(c);
    return;
  }
  if (c.mode == Conn::Mode::Chunked) {
    c.out += writeChunk(data);
    if (finished) {
      c.out += kLastChunk;
      c.session.reset();
      c.mode = Conn::Mode::Http;
      if (!c.keepAliveAfterBody) {
        c.noMoreRequests = true;
        c.closeAfterFlush = true;
      }
    }
  } else {
    c.out += data;
    if (finished) {
      c.session.reset();
      c.closeAfterFlush = true;
    }
  }
}

void Server::writeTo(Conn& c) {
  while (!c.dead && c.pending() > 0) {
    ssize_t n = ::send(c.fd, c.out.data() + c.outPos, c.pending(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      if (errno == EINTR) continue;
      drop(c);  // EPIPE, ECONNRESET: the peer is gone
      return;
    }
    c.outPos += size_t(n);
    c.lastActive = monotonicMs();
  }
  if (c.dead) return;
  if (c.pending() == 0) {
    c.out.clear();
    c.outPos = 0;
    if (c.closeAfterFlush && c.mode != Conn::Mode::Closing && !c.session) beginClose(c);
  } else if (c.pending() > opts_.maxOutput) {
    drop(c);  // a reader that does not read
  } else if (c.outPos > (1 << 20)) {
    c.out.erase(0, c.outPos);
    c.outPos = 0;
  }
}

void Server::runOnce(int timeoutMs) {
  std::vector<pollfd> fds;
  fds.reserve(conns_.size() + 1);
  if (listenFd_ >= 0) fds.push_back({listenFd_, POLLIN, 0});
  for (auto& c : conns_) fds.push_back({c->fd, short(POLLIN | (c->pending() ? POLLOUT : 0)), 0});
  int64_t now = monotonicMs();
  // Closing connections must be looked at again when their linger ends.
  for (auto& c : conns_)
    if (c->mode == Conn::Mode::Closing) timeoutMs = std::max(0, std::min<int>(timeoutMs, int(c->lingerUntil - now)));
  int n = ::poll(fds.data(), fds.size(), std::max(0, timeoutMs));
  if (beforeRequests_) beforeRequests_();
  size_t first = listenFd_ >= 0 ? 1 : 0;
  size_t known = conns_.size();
  if (n > 0) {
    for (size_t i = 0; i < known; i++) {
      short ev = fds[first + i].revents;
      if (ev & (POLLIN | POLLHUP | POLLERR)) readFrom(*conns_[i]);
    }
    if (first && (fds[0].revents & POLLIN)) acceptAll();
  }
  for (auto& c : conns_)
    if (!c->dead) serveRequests(*c);
  if (beforePump_) beforePump_();
  now = monotonicMs();
  for (auto& cp : conns_) {
    Conn& c = *cp;
    if (c.dead) continue;
    pumpSession(c);
    if (c.mode == Conn::Mode::Http) serveRequests(c);  // requests pipelined behind a finished stream
    writeTo(c);
    if (c.dead) continue;
    if (c.mode == Conn::Mode::Closing && now >= c.lingerUntil) drop(c);
    else if (c.mode == Conn::Mode::Http && c.pending() == 0 && now - c.lastActive > opts_.idleTimeoutMs) drop(c);
  }
  size_t w = 0;
  for (size_t i = 0; i < conns_.size(); i++)
    if (!conns_[i]->dead) conns_[w++] = std::move(conns_[i]);
  conns_.resize(w);
}

}  // namespace kp::net
