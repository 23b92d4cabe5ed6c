// Sessions that carry core Streams to kubectl. Each pump takes what the stream produced since
// the last turn; a stream seen ended() before its last take() is finished after it, so its
// final output (an exec's exit Status, a watch's last event) is always sent.
#include "cli/serve_streams.h"

#include <map>
#include <utility>

#include "cli/net/spdy.h"
#include "cli/net/websocket.h"

namespace kp {
namespace {

std::string dumpJson(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Watches and followed logs: chunks of a chunked body.
class BodySession : public net::Session {
 public:
  BodySession(std::shared_ptr<Stream> s, bool events, std::string first = "")
      : s_(std::move(s)), events_(events), first_(std::move(first)) {}
  void pump(std::string& out) override {
    out += std::exchange(first_, {});
    if (done_) return;
    bool end = s_->ended();
    for (auto& c : s_->take()) {
      if (events_ && !c.event.is_null()) {
        out += dumpJson(c.event);
        out += '\n';
      } else if (!events_ && c.channel != 3) {
        out += c.data;
      }
    }
    done_ = end;
  }
  bool finished() const override { return done_; }
  void cancel() override {
    done_ = true;
    s_->cancel();
  }

 private:
  std::shared_ptr<Stream> s_;
  bool events_;
  std::string first_;  // what the response carried before the stream (the log so far)
  bool done_ = false;
};

// ------------------------------------------------------------------ exec / attach

constexpr uint8_t kStreamClose = 255;  // v5: {255, channel} half-closes a channel

class ChannelSession : public net::Session {
 public:
  ChannelSession(std::shared_ptr<Stream> s, bool v5) : s_(std::move(s)), v5_(v5) {}

  void input(std::string_view bytes) override {
    dec_.feed(bytes);
    net::WsMessage m;
    while (!closing_) {
      auto r = dec_.next(&m);
      if (r == net::WebSocketDecoder::Result::NeedMore) break;
      if (r == net::WebSocketDecoder::Result::Error) {
        close(dec_.errorCode(), dec_.error());
        break;
      }
      switch (m.opcode) {
        case net::WsOpcode::Ping:
          pending_ += net::encodeWsFrame(net::WsOpcode::Pong, m.payload);
          break;
        case net::WsOpcode::Close:
          // The client ends the session: answer its close and let the command go.
          close(m.closeCode == 1005 ? net::kWsNormalClosure : m.closeCode, "");
          break;
        case net::WsOpcode::Binary:
          onMessage(m.payload);
          break;
        default:
          break;  // text and pong messages carry nothing for these protocols
      }
    }
  }

  void pump(std::string& out) override {
    out += pending_;
    pending_.clear();
    if (closing_) return;
    bool end = s_->ended();
    for (auto& c : s_->take()) {
      if (c.channel < 0 || c.channel > 254) continue;
      std::string msg(1, char(c.channel));
      msg += c.data;
      out += net::encodeWsFrame(net::WsOpcode::Binary, msg);
    }
    if (end) {
      out += net::encodeWsFrame(net::WsOpcode::Close, net::wsClosePayload(net::kWsNormalClosure));
      closing_ = true;
    }
  }

  bool finished() const override { return closing_ && pending_.empty(); }
  void cancel() override {
    if (!s_->ended()) s_->cancel();
    closing_ = true;
  }

 private:
  void close(int code, const std::string& why) {
    pending_ += net::encodeWsFrame(net::WsOpcode::Close, net::wsClosePayload(code, why.substr(0, 120)));
    closing_ = true;
    if (!s_->ended()) s_->cancel();
  }

  void onMessage(const std::string& p) {
    if (p.empty()) return;
    auto ch = uint8_t(p[0]);
    if (v5_ && ch == kStreamClose) {
      if (p.size() == 2 && p[1] == 0) s_->closeInput();
      return;
    }
    if (ch == 0) {
      if (p.size() > 1) s_->write(0, p.substr(1));
    } else if (ch == 4) {
      resize(p.substr(1));
    }
  }

  // Channel 4: TerminalSize objects as JSON ({"Width":80,"Height":24}), one or more per message.
  void resize(std::string_view text) {
    resizeBuf_ += text;
    if (resizeBuf_.size() > 4096) resizeBuf_.clear();
    size_t nl;
    while ((nl = resizeBuf_.find('\n')) != std::string::npos || !resizeBuf_.empty()) {
      std::string one = nl == std::string::npos ? resizeBuf_ : resizeBuf_.substr(0, nl);
      Json j = Json::parse(one, nullptr, false);
      if (j.is_discarded()) {
        if (nl == std::string::npos) return;  // perhaps the rest comes in the next message
      } else if (j.is_object()) {
        auto dim = [&](const char* k) { return j.contains(k) && j[k].is_number_integer() ? j[k].get<int>() : 0; };
        s_->resize(dim("Width"), dim("Height"));
      }
      resizeBuf_.erase(0, nl == std::string::npos ? resizeBuf_.size() : nl + 1);
    }
  }

  std::shared_ptr<Stream> s_;
  bool v5_;
  net::WebSocketDecoder dec_{1 << 20, true};
  std::string pending_;  // frames produced by input (pongs, close) waiting for the next pump
  std::string resizeBuf_;
  bool closing_ = false;
};

// ------------------------------------------------------------------ port-forward

class PortForwardSession : public net::Session {
 public:
  PortForwardSession(PortOpener open, bool tunneled) : open_(std::move(open)), tunneled_(tunneled) {}

  void input(std::string_view bytes) override {
    if (!tunneled_) {
      spdyInput(bytes);
      return;
    }
    ws_.feed(bytes);
    net::WsMessage m;
    while (!done_) {
      auto r = ws_.next(&m);
      if (r == net::WebSocketDecoder::Result::NeedMore) break;
      if (r == net::WebSocketDecoder::Result::Error) {
        wsOut_ += net::encodeWsFrame(net::WsOpcode::Close, net::wsClosePayload(ws_.errorCode()));
        stop();
        break;
      }
      if (m.opcode == net::WsOpcode::Binary) spdyInput(m.payload);
      else if (m.opcode == net::WsOpcode::Ping) wsOut_ += net::encodeWsFrame(net::WsOpcode::Pong, m.payload);
      else if (m.opcode == net::WsOpcode::Close) {
        wsOut_ += net::encodeWsFrame(net::WsOpcode::Close, net::wsClosePayload(net::kWsNormalClosure));
        stop();
      }
    }
  }

  void pump(std::string& out) override {
    for (auto it = pairs_.begin(); it != pairs_.end();) {
      Pair& p = it->second;
      if (p.stream) {
        bool end = p.stream->ended();
        for (auto& c : p.stream->take()) {
          if (c.data.empty()) continue;
          if (c.channel == 1) spdyOut_ += enc_.data(p.dataId, c.data);
          else if (c.channel == 2) spdyOut_ += enc_.data(p.errorId, c.data);
        }
        if (end) p.finished = true;
      }
      if (p.finished && p.dataId && p.errorId) {
        // The forwarded connection is over: FIN both streams (kubectl waits for the error
        // stream's end before it closes its local connection).
        spdyOut_ += enc_.data(p.dataId, "", true);
        spdyOut_ += enc_.data(p.errorId, "", true);
        forget(p);
        it = pairs_.erase(it);
      } else {
        ++it;
      }
    }
    if (tunneled_) {
      if (!spdyOut_.empty()) out += net::encodeWsFrame(net::WsOpcode::Binary, spdyOut_);
      out += wsOut_;
      wsOut_.clear();
    } else {
      out += spdyOut_;
    }
    spdyOut_.clear();
  }

  bool finished() const override { return done_; }
  void cancel() override { stop(); }

 private:
  struct Pair {
    uint32_t errorId = 0, dataId = 0;
    std::string port;
    std::shared_ptr<Stream> stream;
    bool finished = false;  // the stream ended (or was refused): FIN both streams
  };

  void stop() {
    for (auto& [k, p] : pairs_)
      if (p.stream && !p.stream->ended()) p.stream->cancel();
    pairs_.clear();
    streams_.clear();
    done_ = true;
  }

  void forget(const Pair& p) {
    streams_.erase(p.dataId);
    streams_.erase(p.errorId);
  }

  void spdyInput(std::string_view bytes) {
    if (done_) return;
    spdy_.feed(bytes);
    net::SpdyFrame f;
    while (!done_) {
      auto r = spdy_.next(&f);
      if (r == net::SpdyDecoder::Result::NeedMore) break;
      if (r == net::SpdyDecoder::Result::Error) {
        spdyOut_ += enc_.goAway(lastStream_, 1);  // PROTOCOL_ERROR
        stop();
        break;
      }
      onFrame(f);
    }
  }

  void onFrame(net::SpdyFrame& f) {
    switch (f.type) {
      case net::SpdyType::SynStream:
        onSynStream(f);
        break;
      case net::SpdyType::Data: {
        auto it = streams_.find(f.streamId);
        if (it == streams_.end()) break;
        auto pit = pairs_.find(it->second);
        if (pit == pairs_.end()) break;
        Pair& p = pit->second;
        if (f.streamId != p.dataId || !p.stream) break;  // the error stream carries nothing in
        if (!f.data.empty()) p.stream->write(0, f.data);
        if (f.fin()) p.stream->closeInput();
        break;
      }
      case net::SpdyType::RstStream: {
        // kubectl resets its data stream when the local connection is done with it.
        auto it = streams_.find(f.streamId);
        if (it == streams_.end()) break;
        auto pit = pairs_.find(it->second);
        if (pit != pairs_.end()) {
          if (pit->second.stream && !pit->second.stream->ended()) pit->second.stream->cancel();
          forget(pit->second);
          pairs_.erase(pit);
        }
        break;
      }
      case net::SpdyType::Ping:
        spdyOut_ += enc_.ping(f.value);
        break;
      case net::SpdyType::GoAway:
        stop();
        break;
      default:
        break;  // SETTINGS, WINDOW_UPDATE (spdystream has no flow control), HEADERS
    }
  }

  void onSynStream(const net::SpdyFrame& f) {
    std::string type = net::spdyHeader(f.headers, "streamtype");
    std::string port = net::spdyHeader(f.headers, "port");
    std::string id = net::spdyHeader(f.headers, "requestid");
    lastStream_ = std::max(lastStream_, f.streamId);
    if ((type != "error" && type != "data") || port.empty() || streams_.count(f.streamId) || pairs_.size() >= 256) {
      spdyOut_ += enc_.rstStream(f.streamId, streams_.count(f.streamId) ? net::kSpdyProtocolError : net::kSpdyRefusedStream);
      return;
    }
    // Clients before request ids paired an error stream with the data stream after it.
    if (id.empty()) id = "stream-" + std::to_string(type == "error" ? f.streamId : f.streamId - 2);
    Pair& p = pairs_[id];
    if ((type == "error" && p.errorId) || (type == "data" && p.dataId)) {
      spdyOut_ += enc_.rstStream(f.streamId, net::kSpdyProtocolError);
      return;
    }
    (type == "error" ? p.errorId : p.dataId) = f.streamId;
    p.port = port;
    streams_[f.streamId] = id;
    spdyOut_ += enc_.synReply(f.streamId, {});
    if (!p.errorId || !p.dataId) return;
    Response r = open_(port);
    if (r.stream) {
      p.stream = r.stream;
      return;
    }
    std::string msg = r.isText ? r.text : (r.body.is_object() ? r.body.value("message", "") : std::string());
    if (msg.empty()) msg = "error forwarding port " + port;
    spdyOut_ += enc_.data(p.errorId, msg);
    p.finished = true;
  }

  PortOpener open_;
  bool tunneled_;
  net::WebSocketDecoder ws_{1 << 20, true};
  net::SpdyDecoder spdy_;
  net::SpdyEncoder enc_;
  std::map<std::string, Pair> pairs_;        // by request id
  std::map<uint32_t, std::string> streams_;  // SPDY stream id -> request id
  std::string spdyOut_, wsOut_;
  uint32_t lastStream_ = 0;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<net::Session> makeWatchSession(std::shared_ptr<Stream> stream) {
  return std::make_unique<BodySession>(std::move(stream), true);
}

std::unique_ptr<net::Session> makeLogSession(std::shared_ptr<Stream> stream, std::string sofar) {
  return std::make_unique<BodySession>(std::move(stream), false, std::move(sofar));
}

std::unique_ptr<net::Session> makeChannelSession(std::shared_ptr<Stream> stream, bool v5) {
  return std::make_unique<ChannelSession>(std::move(stream), v5);
}

std::unique_ptr<net::Session> makePortForwardSession(PortOpener open, bool tunneled) {
  return std::make_unique<PortForwardSession>(std::move(open), tunneled);
}

}  // namespace kp
