// WebSocket handshake and framing (RFC 6455 sections 4 and 5). The decoder checks the whole
// frame header before it waits for a payload, so an oversized length is refused at once
// instead of being buffered.
#include "cli/net/websocket.h"

#include "cli/net/sha1.h"
#include "core/api/base64.h"

namespace kp::net {
namespace {

constexpr const char* kGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

bool validCloseCode(int code) {
  if (code >= 3000 && code <= 4999) return true;
  switch (code) {
    case 1000: case 1001: case 1002: case 1003: case 1007: case 1008: case 1009: case 1010: case 1011:
      return true;
    default:
      return false;
  }
}

std::string frameHeader(WsOpcode op, size_t n, bool fin, bool masked) {
  std::string h;
  h += char((fin ? 0x80 : 0) | static_cast<uint8_t>(op));
  uint8_t m = masked ? 0x80 : 0;
  if (n < 126) {
    h += char(m | n);
  } else if (n <= 0xFFFF) {
    h += char(m | 126);
    h += char(n >> 8);
    h += char(n & 0xFF);
  } else {
    h += char(m | 127);
    for (int i = 7; i >= 0; i--) h += char((uint64_t(n) >> (8 * i)) & 0xFF);
  }
  return h;
}

}  // namespace

std::string websocketAccept(std::string_view key) {
  auto d = sha1(std::string(key) + kGuid);
  return base64Encode(std::string(reinterpret_cast<const char*>(d.data()), d.size()));
}

bool isWebSocketUpgrade(const HttpRequest& req) {
  bool conn = false;
  for (const auto& v : req.headerValues("Connection")) conn |= headerHasToken(v, "upgrade");
  return conn && headerHasToken(req.header("Upgrade"), "websocket");
}

std::vector<std::string> offeredSubprotocols(const HttpRequest& req) {
  std::vector<std::string> out;
  for (const auto& v : req.headerValues("Sec-WebSocket-Protocol")) {
    std::string_view s = v;
    while (!s.empty()) {
      size_t comma = s.find(',');
      std::string_view item = s.substr(0, comma);
      while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
      while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
      if (!item.empty()) out.emplace_back(item);
      if (comma == std::string_view::npos) break;
      s.remove_prefix(comma + 1);
    }
  }
  return out;
}

WebSocketHandshake acceptWebSocket(const HttpRequest& req, const std::vector<std::string>& supported) {
  WebSocketHandshake hs;
  if (req.method != "GET") {
    hs.error = "websocket upgrade requires GET";
    return hs;
  }
  if (!isWebSocketUpgrade(req)) {
    hs.error = "missing websocket upgrade headers";
    return hs;
  }
  if (req.header("Sec-WebSocket-Version") != "13") {
    hs.error = "unsupported websocket version";
    return hs;
  }
  std::string key = req.header("Sec-WebSocket-Key");
  bool ok = false;
  std::string raw = base64Decode(key, &ok);
  if (key.empty() || !ok || raw.size() != 16) {
    hs.error = "invalid Sec-WebSocket-Key";
    return hs;
  }
  auto offered = offeredSubprotocols(req);
  if (!offered.empty()) {
    for (const auto& p : offered) {
      for (const auto& s : supported)
        if (p == s) hs.subprotocol = p;
      if (!hs.subprotocol.empty()) break;
    }
    if (hs.subprotocol.empty()) {
      std::string list;
      for (const auto& s : supported) list += (list.empty() ? "" : ", ") + s;
      hs.error = "requested protocol(s) are not supported; supports [" + list + "]";
      return hs;
    }
  }
  hs.ok = true;
  hs.response.status = 101;
  hs.response.headers = {{"Upgrade", "websocket"}, {"Connection", "Upgrade"}, {"Sec-WebSocket-Accept", websocketAccept(key)}};
  if (!hs.subprotocol.empty()) hs.response.headers.push_back({"Sec-WebSocket-Protocol", hs.subprotocol});
  return hs;
}

// ------------------------------------------------------------------ decoder

WebSocketDecoder::Result WebSocketDecoder::fail(int code, std::string why) {
  failed_ = true;
  errorCode_ = code;
  error_ = std::move(why);
  return Result::Error;
}

WebSocketDecoder::Result WebSocketDecoder::next(WsMessage* out) {
  if (failed_) return Result::Error;
  while (true) {
    if (pos_ > 0 && (pos_ == buf_.size() || pos_ > 64 * 1024)) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    size_t avail = buf_.size() - pos_;
    if (avail < 2) return Result::NeedMore;
    auto at = [&](size_t i) { return static_cast<uint8_t>(buf_[pos_ + i]); };
    uint8_t b0 = at(0), b1 = at(1);
    bool fin = b0 & 0x80;
    if (b0 & 0x70) return fail(kWsProtocolError, "reserved bits set without a negotiated extension");
    uint8_t opv = b0 & 0x0F;
    if (opv != 0 && opv != 1 && opv != 2 && opv != 8 && opv != 9 && opv != 10)
      return fail(kWsProtocolError, "unknown opcode " + std::to_string(opv));
    auto op = static_cast<WsOpcode>(opv);
    bool control = opv & 0x8;
    bool masked = b1 & 0x80;
    if (masked != requireMask_)
      return fail(kWsProtocolError, requireMask_ ? "client frame is not masked" : "server frame is masked");
    uint64_t len = b1 & 0x7F;
    size_t hdr = 2;
    if (len == 126) {
      if (avail < 4) return Result::NeedMore;
      len = uint64_t(at(2)) << 8 | at(3);
      hdr = 4;
    } else if (len == 127) {
      if (avail < 10) return Result::NeedMore;
      len = 0;
      for (int i = 0; i < 8; i++) len = len << 8 | at(2 + i);
      if (len >> 63) return fail(kWsProtocolError, "invalid payload length");
      hdr = 10;
    }
    if (control && (!fin || len > 125)) return fail(kWsProtocolError, "invalid control frame");
    if (!control) {
      if (op == WsOpcode::Continuation && !inMessage_) return fail(kWsProtocolError, "continuation without a message");
      if (op != WsOpcode::Continuation && inMessage_) return fail(kWsProtocolError, "new message inside a fragmented one");
      if (len > maxMessage_ || msg_.size() + len > maxMessage_) return fail(kWsMessageTooBig, "message too big");
    }
    size_t maskAt = hdr;
    if (masked) hdr += 4;
    if (avail < hdr + len) return Result::NeedMore;
    std::string payload = buf_.substr(pos_ + hdr, size_t(len));
    if (masked) {
      uint8_t key[4] = {at(maskAt), at(maskAt + 1), at(maskAt + 2), at(maskAt + 3)};
      for (size_t i = 0; i < payload.size(); i++) payload[i] = char(uint8_t(payload[i]) ^ key[i & 3]);
    }
    pos_ += hdr + size_t(len);
    if (control) {
      WsMessage m;
      m.opcode = op;
      if (op == WsOpcode::Close) {
        if (payload.size() == 1) return fail(kWsProtocolError, "invalid close frame");
        if (payload.size() >= 2) {
          m.closeCode = uint8_t(payload[0]) << 8 | uint8_t(payload[1]);
          m.closeReason = payload.substr(2);
          if (!validCloseCode(m.closeCode)) return fail(kWsProtocolError, "invalid close code");
          if (!isValidUtf8(m.closeReason)) return fail(kWsInvalidData, "invalid UTF-8 in close reason");
        }
      }
      m.payload = std::move(payload);
      *out = std::move(m);
      return Result::Message;
    }
    if (op != WsOpcode::Continuation) msgOpcode_ = op;
    msg_ += payload;
    inMessage_ = !fin;
    if (!fin) continue;
    WsMessage m;
    m.opcode = msgOpcode_;
    m.payload = std::move(msg_);
    msg_.clear();
    if (m.opcode == WsOpcode::Text && !isValidUtf8(m.payload)) return fail(kWsInvalidData, "invalid UTF-8 in text message");
    *out = std::move(m);
    return Result::Message;
  }
}

// ------------------------------------------------------------------ encoder

std::string encodeWsFrame(WsOpcode op, std::string_view payload, bool fin) {
  std::string f = frameHeader(op, payload.size(), fin, false);
  f.append(payload.data(), payload.size());
  return f;
}

std::string encodeWsFrameMasked(WsOpcode op, std::string_view payload, uint32_t mask, bool fin) {
  std::string f = frameHeader(op, payload.size(), fin, true);
  uint8_t key[4] = {uint8_t(mask >> 24), uint8_t(mask >> 16), uint8_t(mask >> 8), uint8_t(mask)};
  f.append(reinterpret_cast<const char*>(key), 4);
  for (size_t i = 0; i < payload.size(); i++) f += char(uint8_t(payload[i]) ^ key[i & 3]);
  return f;
}

std::string wsClosePayload(int code, std::string_view reason) {
  std::string p;
  p += char((code >> 8) & 0xFF);
  p += char(code & 0xFF);
  p.append(reason.data(), reason.size());
  return p;
}

bool isValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    uint8_t c = uint8_t(s[i]);
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      i++;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; k++) {
      uint8_t cc = uint8_t(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = cp << 6 | (cc & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

}  // namespace kp::net
