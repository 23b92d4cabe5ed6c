// WebSocket: SHA-1 against published vectors (and the padding edges), the handshake as
// kubectl's gorilla client sends it, and the frame decoder on well-formed and hostile input
// (unmasked, reserved bits, oversized lengths, broken fragmentation, bad UTF-8).
#include <gtest/gtest.h>

#include "cli/net/sha1.h"
#include "cli/net/websocket.h"

namespace kp::net {
namespace {

struct ShaCase {
  const char* name;
  std::string input;
  const char* hex;
};

class Sha1 : public ::testing::TestWithParam<ShaCase> {};

TEST_P(Sha1, MatchesTheVector) { EXPECT_EQ(sha1Hex(GetParam().input), GetParam().hex); }

INSTANTIATE_TEST_SUITE_P(
    Vectors, Sha1,
    ::testing::Values(ShaCase{"Empty", "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
                      ShaCase{"Abc", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
                      ShaCase{"TwoBlocks", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                              "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
                      ShaCase{"Pad55", std::string(55, 'a'), "c1c8bbdc22796e28c0e15163d20899b65621d65a"},
                      ShaCase{"Pad56", std::string(56, 'a'), "c2db330f6083854c99d4b5bfb6e8f29f201be699"},
                      ShaCase{"Pad63", std::string(63, 'a'), "03f09f5b158a7a8cdad920bddc29b81c18a551f5"},
                      ShaCase{"Pad64", std::string(64, 'a'), "0098ba824b5c16427bd7a1122a5a442a25ec644d"},
                      ShaCase{"Pad119", std::string(119, 'a'), "ee971065aaa017e0632a8ca6c77bb3bf8b1dfc56"},
                      ShaCase{"MillionA", std::string(1000000, 'a'), "34aa973cd4c4daa4f61eeb2bdbad27316534016f"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(WebSocketHandshake, AcceptKeyOfTheRfcExample) {
  EXPECT_EQ(websocketAccept("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

HttpRequest upgrade(std::vector<HttpHeader> extra, std::string method = "GET") {
  HttpRequest r;
  r.method = method;
  r.path = "/api/v1/namespaces/default/pods/web/exec";
  r.headers = {{"Host", "127.0.0.1"}, {"Connection", "Upgrade"}, {"Upgrade", "websocket"},
               {"Sec-WebSocket-Version", "13"}, {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}};
  for (auto& h : extra) r.headers.push_back(h);
  return r;
}

struct HandshakeCase {
  const char* name;
  HttpRequest req;
  bool ok;
  const char* subprotocolOrError;
};

class WebSocketAccept : public ::testing::TestWithParam<HandshakeCase> {};

TEST_P(WebSocketAccept, ChoosesOrRefuses) {
  const auto& c = GetParam();
  auto hs = acceptWebSocket(c.req, {"v5.channel.k8s.io", "v4.channel.k8s.io"});
  EXPECT_EQ(hs.ok, c.ok);
  if (c.ok) {
    EXPECT_EQ(hs.subprotocol, c.subprotocolOrError);
    EXPECT_EQ(hs.response.status, 101);
    std::string head = writeHead(hs.response);
    EXPECT_NE(head.find("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), std::string::npos) << head;
  } else {
    EXPECT_NE(hs.error.find(c.subprotocolOrError), std::string::npos) << hs.error;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, WebSocketAccept,
    ::testing::Values(
        HandshakeCase{"KubectlOffersV5", upgrade({{"Sec-WebSocket-Protocol", "v5.channel.k8s.io"}}), true, "v5.channel.k8s.io"},
        HandshakeCase{"ClientOrderWins", upgrade({{"Sec-WebSocket-Protocol", "v4.channel.k8s.io, v5.channel.k8s.io"}}), true,
                      "v4.channel.k8s.io"},
        HandshakeCase{"ProtocolsOverTwoHeaders",
                      upgrade({{"Sec-WebSocket-Protocol", "x"}, {"Sec-WebSocket-Protocol", "v5.channel.k8s.io"}}), true,
                      "v5.channel.k8s.io"},
        HandshakeCase{"NoProtocolOffered", upgrade({}), true, ""},
        HandshakeCase{"ConnectionListsUpgrade", [] {
                        auto r = upgrade({});
                        r.headers[1].value = "keep-alive, Upgrade";
                        return r;
                      }(), true, ""},
        HandshakeCase{"UnsupportedProtocol", upgrade({{"Sec-WebSocket-Protocol", "base64.channel.k8s.io"}}), false,
                      "requested protocol(s) are not supported"},
        HandshakeCase{"NotGet", upgrade({}, "POST"), false, "requires GET"},
        HandshakeCase{"OldVersion", [] {
                        auto r = upgrade({});
                        r.headers[3].value = "8";
                        return r;
                      }(), false, "unsupported websocket version"},
        HandshakeCase{"ShortKey", [] {
                        auto r = upgrade({});
                        r.headers[4].value = "YWJj";
                        return r;
                      }(), false, "invalid Sec-WebSocket-Key"},
        HandshakeCase{"NoUpgradeHeader", [] {
                        auto r = upgrade({});
                        r.headers[2].value = "h2c";
                        return r;
                      }(), false, "missing websocket upgrade headers"}),
    [](const auto& info) { return std::string(info.param.name); });

// ------------------------------------------------------------------ frames

std::string masked(WsOpcode op, std::string_view p, bool fin = true) { return encodeWsFrameMasked(op, p, 0x37fa213d, fin); }

struct FrameCase {
  const char* name;
  std::string bytes;
  std::vector<std::string> want;  // "opcode:payload" per message (close: "8:<code>:<reason>")
  int errorCode = 0;              // 0: no error; else the close code the decoder fails with
};

std::string describe(const WsMessage& m) {
  if (m.opcode == WsOpcode::Close) return "8:" + std::to_string(m.closeCode) + ":" + m.closeReason;
  return std::to_string(int(m.opcode)) + ":" + m.payload;
}

class WebSocketFrames : public ::testing::TestWithParam<FrameCase> {};

TEST_P(WebSocketFrames, DecodeWholeAndByteByByte) {
  const auto& c = GetParam();
  for (size_t piece : {c.bytes.size() ? c.bytes.size() : 1, size_t(1)}) {
    SCOPED_TRACE("piece size " + std::to_string(piece));
    WebSocketDecoder d(70000);
    std::vector<std::string> got;
    bool failed = false;
    for (size_t i = 0; i < c.bytes.size() && !failed; i += piece) {
      d.feed(std::string_view(c.bytes).substr(i, piece));
      WsMessage m;
      while (true) {
        auto r = d.next(&m);
        if (r == WebSocketDecoder::Result::NeedMore) break;
        if (r == WebSocketDecoder::Result::Error) {
          failed = true;
          break;
        }
        got.push_back(describe(m));
      }
    }
    EXPECT_EQ(got, c.want);
    EXPECT_EQ(failed, c.errorCode != 0);
    if (c.errorCode) EXPECT_EQ(d.errorCode(), c.errorCode) << d.error();
  }
}

std::string raw(std::initializer_list<int> bytes) {
  std::string s;
  for (int b : bytes) s += char(b);
  return s;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, WebSocketFrames,
    ::testing::Values(
        FrameCase{"StdinOnChannelZero", masked(WsOpcode::Binary, std::string("\0ls\n", 4)), {std::string("2:\0ls\n", 6)}},
        FrameCase{"SixteenBitLength", masked(WsOpcode::Binary, std::string(300, 'x')), {"2:" + std::string(300, 'x')}},
        FrameCase{"SixtyFourBitLength", masked(WsOpcode::Binary, std::string(66000, 'y')), {"2:" + std::string(66000, 'y')}},
        FrameCase{"FragmentsJoinedAroundAPing",
                  masked(WsOpcode::Text, "he", false) + masked(WsOpcode::Ping, "p") + masked(WsOpcode::Continuation, "ll", false) +
                      masked(WsOpcode::Continuation, "o"),
                  {"9:p", "1:hello"}},
        FrameCase{"CloseWithCodeAndReason", masked(WsOpcode::Close, wsClosePayload(1000, "bye")), {"8:1000:bye"}},
        FrameCase{"CloseWithoutCode", masked(WsOpcode::Close, ""), {"8:1005:"}},
        FrameCase{"TruncatedFrameWaits", masked(WsOpcode::Binary, "abcdef").substr(0, 7), {}},
        FrameCase{"UnmaskedClientFrame", encodeWsFrame(WsOpcode::Binary, "x"), {}, kWsProtocolError},
        FrameCase{"ReservedBitSet", raw({0xC2, 0x80, 0, 0, 0, 0}), {}, kWsProtocolError},
        FrameCase{"UnknownOpcode", raw({0x83, 0x80, 0, 0, 0, 0}), {}, kWsProtocolError},
        FrameCase{"FragmentedPing", masked(WsOpcode::Ping, "p", false), {}, kWsProtocolError},
        FrameCase{"ControlFrameTooLong", masked(WsOpcode::Ping, std::string(126, 'p')), {}, kWsProtocolError},
        FrameCase{"ContinuationWithoutStart", masked(WsOpcode::Continuation, "x"), {}, kWsProtocolError},
        FrameCase{"NewMessageInsideFragmented", masked(WsOpcode::Binary, "a", false) + masked(WsOpcode::Binary, "b"), {},
                  kWsProtocolError},
        FrameCase{"OversizedLengthRefusedBeforePayload", raw({0x82, 0xFF, 0, 0, 0, 0x10, 0, 0, 0, 0}), {}, kWsMessageTooBig},
        FrameCase{"LengthWithTopBitSet", raw({0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 1}), {}, kWsProtocolError},
        FrameCase{"FragmentsTogetherTooBig", masked(WsOpcode::Binary, std::string(40000, 'a'), false) +
                                                 masked(WsOpcode::Continuation, std::string(40000, 'a')),
                  {}, kWsMessageTooBig},
        FrameCase{"TextNotUtf8", masked(WsOpcode::Text, "\xC3\x28"), {}, kWsInvalidData},
        FrameCase{"OneByteClosePayload", masked(WsOpcode::Close, "x"), {}, kWsProtocolError},
        FrameCase{"ReservedCloseCode", masked(WsOpcode::Close, wsClosePayload(1005)), {}, kWsProtocolError}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(WebSocketFrames, ServerFramesRoundTripThroughAClientDecoder) {
  for (size_t n : {size_t(0), size_t(125), size_t(126), size_t(65535), size_t(65536)}) {
    WebSocketDecoder client(1 << 20, false);
    client.feed(encodeWsFrame(WsOpcode::Binary, std::string(n, 'z')));
    WsMessage m;
    ASSERT_EQ(client.next(&m), WebSocketDecoder::Result::Message) << n;
    EXPECT_EQ(m.payload.size(), n);
  }
}

struct Utf8Case {
  const char* name;
  std::string text;
  bool valid;
};

class Utf8 : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(Utf8, Validates) { EXPECT_EQ(isValidUtf8(GetParam().text), GetParam().valid); }

INSTANTIATE_TEST_SUITE_P(Cases, Utf8,
                         ::testing::Values(Utf8Case{"Ascii", "kubectl", true}, Utf8Case{"Hangul", "\xED\x95\x9C", true},
                                           Utf8Case{"Emoji", "\xF0\x9F\x98\x84", true},
                                           Utf8Case{"Overlong", "\xC0\xAF", false},
                                           Utf8Case{"Surrogate", "\xED\xA0\x80", false},
                                           Utf8Case{"Truncated", "\xE2\x82", false},
                                           Utf8Case{"BeyondUnicode", "\xF4\x90\x80\x80", false}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace kp::net
