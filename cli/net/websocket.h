// WebSocket (RFC 6455), the server's side, without I/O: the opening handshake (checking the
// client's upgrade request, Sec-WebSocket-Accept, the subprotocol), a frame decoder that joins
// fragments into messages and enforces what a server must (masked client frames, control frame
// rules, bounded sizes), and an encoder. Kubernetes' exec, attach and port-forward use it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cli/net/http.h"

namespace kp::net {

// Sec-WebSocket-Accept for a client's Sec-WebSocket-Key: base64(SHA-1(key + RFC 6455 GUID)).
std::string websocketAccept(std::string_view key);

// True when the request asks for a WebSocket upgrade (Upgrade: websocket, Connection: upgrade).
bool isWebSocketUpgrade(const HttpRequest& req);

// The subprotocols the client offered (Sec-WebSocket-Protocol, comma-separated, every header).
std::vector<std::string> offeredSubprotocols(const HttpRequest& req);

struct WebSocketHandshake {
  bool ok = false;
  std::string error;        // why the upgrade is refused (answered with 400)
  std::string subprotocol;  // the chosen one ("" when the client offered none)
  HttpResponse response;    // 101 Switching Protocols with the accept key and subprotocol
};

// Checks a WebSocket upgrade request and chooses the first subprotocol the client offered that
// `supported` lists (the client's order, as the API server's handshake does). A client that
// offers subprotocols none of which is supported is refused.
WebSocketHandshake acceptWebSocket(const HttpRequest& req, const std::vector<std::string>& supported);

enum class WsOpcode : uint8_t { Continuation = 0, Text = 1, Binary = 2, Close = 8, Ping = 9, Pong = 10 };

struct WsMessage {
  WsOpcode opcode = WsOpcode::Binary;  // Text, Binary, Close, Ping or Pong
  std::string payload;                 // unmasked; for Close: the 2-byte code and the reason
  // Close only: the status code (1005 when the frame carried none) and the reason.
  int closeCode = 1005;
  std::string closeReason;
};

// Close status codes (RFC 6455 section 7.4.1).
inline constexpr int kWsNormalClosure = 1000;
inline constexpr int kWsGoingAway = 1001;
inline constexpr int kWsProtocolError = 1002;
inline constexpr int kWsInvalidData = 1007;
inline constexpr int kWsMessageTooBig = 1009;

class WebSocketDecoder {
 public:
  enum class Result { NeedMore, Message, Error };
  // `maxMessage`: the largest message (after joining fragments) accepted. `requireMask`: frames
  // from a client must be masked; a client-side decoder (tests) passes false.
  explicit WebSocketDecoder(size_t maxMessage = 1 << 20, bool requireMask = true)
      : maxMessage_(maxMessage), requireMask_(requireMask) {}

  void feed(std::string_view bytes) { buf_.append(bytes.data(), bytes.size()); }
  // The next complete message (control frames come out as soon as they are whole, also
  // between the fragments of a data message). After Error the decoder stays failed; the
  // connection is closed with errorCode().
  Result next(WsMessage* out);
  int errorCode() const { return errorCode_; }
  const std::string& error() const { return error_; }

 private:
  Result fail(int code, std::string why);

  size_t maxMessage_;
  bool requireMask_;
  std::string buf_;
  size_t pos_ = 0;
  bool inMessage_ = false;   // a fragmented data message is being joined
  WsOpcode msgOpcode_ = WsOpcode::Binary;
  std::string msg_;
  bool failed_ = false;
  int errorCode_ = 0;
  std::string error_;
};

// One unmasked frame as a server sends it (FIN set unless `fin` is false).
std::string encodeWsFrame(WsOpcode op, std::string_view payload, bool fin = true);
// One masked frame as a client sends it (tests, and any client built on this).
std::string encodeWsFrameMasked(WsOpcode op, std::string_view payload, uint32_t mask, bool fin = true);
// A Close frame's payload: the code big-endian, then the reason.
std::string wsClosePayload(int code, std::string_view reason = {});
// True when `s` is valid UTF-8 (text messages and close reasons must be).
bool isValidUtf8(std::string_view s);

}  // namespace kp::net
