// SPDY/3.1: the dictionary byte for byte, header blocks compressed by another zlib (the bytes
// below came from an independent implementation, two blocks sharing one stream as spdystream
// sends them), frames round-tripped through encoder and decoder, and hostile input: bad
// lengths, truncated and corrupt zlib, a decompression bomb, an unknown dictionary.
#include <gtest/gtest.h>
#include <zlib.h>

#include "cli/net/spdy.h"

namespace kp::net {
namespace {

std::string unhex(const std::string& h) {
  std::string s;
  for (size_t i = 0; i + 1 < h.size(); i += 2) s += char(std::stoi(h.substr(i, 2), nullptr, 16));
  return s;
}

std::vector<SpdyFrame> decodeAll(const std::string& bytes, std::string* error = nullptr, size_t piece = 0) {
  SpdyDecoder d;
  std::vector<SpdyFrame> out;
  if (piece == 0) piece = bytes.size() ? bytes.size() : 1;
  for (size_t i = 0; i < bytes.size(); i += piece) {
    d.feed(std::string_view(bytes).substr(i, piece));
    SpdyFrame f;
    while (true) {
      auto r = d.next(&f);
      if (r == SpdyDecoder::Result::NeedMore) break;
      if (r == SpdyDecoder::Result::Error) {
        if (error) *error = d.error();
        return out;
      }
      out.push_back(f);
    }
  }
  return out;
}

TEST(SpdyDictionary, IsTheSpecsDictionary) {
  const auto& d = spdyDictionary();
  EXPECT_EQ(d.size(), 1423u);
  EXPECT_EQ(adler32(1, reinterpret_cast<const Bytef*>(d.data()), uInt(d.size())), 0xe3c6a7c2u);
}

TEST(SpdyDecoder, ReadsHeaderBlocksOfAnotherZlibSharingOneStream) {
  std::string bytes = unhex(
      "800300010000003d0000000100000000000078f9e3c6a7c202253a48f95b044eea16061606409ab308125f99a074cc68004e89"
      "2545a989b9d0c2863515141500000000ffff800300010000001600000003000000000000225333a8a44a04000000ffff");
  for (size_t piece : {size_t(0), size_t(1), size_t(7)}) {
    std::string err;
    auto frames = decodeAll(bytes, &err, piece);
    ASSERT_EQ(frames.size(), 2u) << err;
    EXPECT_EQ(frames[0].type, SpdyType::SynStream);
    EXPECT_EQ(frames[0].streamId, 1u);
    EXPECT_EQ(frames[0].headers, (SpdyHeaders{{"port", "8080"}, {"requestid", "0"}, {"streamtype", "error"}}));
    EXPECT_EQ(frames[1].streamId, 3u);
    EXPECT_EQ(spdyHeader(frames[1].headers, "streamtype"), "data");
  }
}

TEST(SpdyDecoder, RefusesAHeaderBlockWithAnotherDictionary) {
  std::string err;
  auto frames = decodeAll(unhex("800300010000001f0000000100000000000078f9442d07486260606004e144109104000000ffff"), &err);
  EXPECT_TRUE(frames.empty());
  EXPECT_EQ(err, "header block names an unknown zlib dictionary");
}

TEST(SpdyRoundTrip, EveryFrameTheServerSends) {
  SpdyEncoder enc;
  // One statement per frame: header blocks share a zlib stream, so their order matters.
  std::string bytes = enc.synStream(5, {{"streamtype", "data"}, {"port", "80"}}, false, 0, 3);
  bytes += enc.synReply(5, {});
  bytes += enc.headers(5, {{"x", "1"}, {"x", "2"}}, true);
  bytes += enc.data(5, "hello", true);
  bytes += enc.rstStream(5, kSpdyCancel);
  bytes += enc.settings({{7, 65536}});
  bytes += enc.ping(2);
  bytes += enc.goAway(5, 0);
  bytes += enc.windowUpdate(5, 1024);
  std::string err;
  auto f = decodeAll(bytes, &err);
  ASSERT_EQ(f.size(), 9u) << err << " after " << f.size() << " frames";
  EXPECT_EQ(f[0].type, SpdyType::SynStream);
  EXPECT_EQ(f[0].priority, 3);
  EXPECT_EQ(spdyHeader(f[0].headers, "port"), "80");
  EXPECT_EQ(f[1].type, SpdyType::SynReply);
  EXPECT_TRUE(f[1].headers.empty());
  EXPECT_EQ(f[2].headers, (SpdyHeaders{{"x", "1"}, {"x", "2"}}));  // one name, NUL-joined values
  EXPECT_TRUE(f[2].fin());
  EXPECT_EQ(f[3].data, "hello");
  EXPECT_TRUE(f[3].fin());
  EXPECT_EQ(f[4].value, kSpdyCancel);
  EXPECT_EQ(f[5].settings, (std::vector<std::pair<uint32_t, uint32_t>>{{7, 65536}}));
  EXPECT_EQ(f[6].value, 2u);
  EXPECT_EQ(f[7].type, SpdyType::GoAway);
  EXPECT_EQ(f[7].streamId, 5u);
  EXPECT_EQ(f[8].value, 1024u);
}

TEST(SpdyRoundTrip, LargeDataIsSplitIntoFramesWithFinOnTheLast) {
  SpdyEncoder enc;
  auto f = decodeAll(enc.data(1, std::string(150000, 'd'), true));
  ASSERT_EQ(f.size(), 3u);
  EXPECT_FALSE(f[0].fin());
  EXPECT_TRUE(f[2].fin());
  EXPECT_EQ(f[0].data.size() + f[1].data.size() + f[2].data.size(), 150000u);
}

std::string control(int version, int type, int flags, const std::string& payload) {
  std::string s;
  s += char(0x80 | (version >> 8));
  s += char(version & 0xFF);
  s += char(type >> 8);
  s += char(type & 0xFF);
  s += char(flags);
  s += char((payload.size() >> 16) & 0xFF);
  s += char((payload.size() >> 8) & 0xFF);
  s += char(payload.size() & 0xFF);
  return s + payload;
}

std::string be32(uint32_t v) { return std::string{char(v >> 24), char((v >> 16) & 0xFF), char((v >> 8) & 0xFF), char(v & 0xFF)}; }

// A SYN_STREAM whose header block is `block` compressed with the SPDY dictionary.
std::string synWithBlock(const std::string& block) {
  z_stream z{};
  deflateInit(&z, 9);
  const auto& d = spdyDictionary();
  deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(d.data()), uInt(d.size()));
  std::string out(block.size() + 1024, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(block.data()));
  z.avail_in = uInt(block.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = uInt(out.size());
  deflate(&z, Z_SYNC_FLUSH);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return control(3, 1, 0, be32(1) + be32(0) + std::string(2, '\0') + out);
}

struct BadCase {
  const char* name;
  std::string bytes;
  const char* error;  // "" when the input must only wait for more (NeedMore, no frame)
};

class SpdyHostile : public ::testing::TestWithParam<BadCase> {};

TEST_P(SpdyHostile, EndsInAnErrorValue) {
  std::string err;
  auto frames = decodeAll(GetParam().bytes, &err);
  EXPECT_TRUE(frames.empty());
  EXPECT_EQ(err, GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SpdyHostile,
    ::testing::Values(
        BadCase{"TruncatedFrameWaits", control(3, 6, 0, be32(1)).substr(0, 10), ""},
        BadCase{"LengthOverTheLimitRefusedAtOnce", std::string("\x00\x00\x00\x01\x00\xff\xff\xff", 8), "frame too large (16777215 bytes)"},
        BadCase{"Version2", control(2, 6, 0, be32(1)), "unsupported SPDY version 2"},
        BadCase{"DataOnStreamZero", std::string(8, '\0'), "data frame on stream 0"},
        BadCase{"SynStreamTooShort", control(3, 1, 0, "abc"), "invalid SYN_STREAM frame"},
        BadCase{"SynStreamOnStreamZero", control(3, 1, 0, std::string(10, '\0')), "invalid SYN_STREAM frame"},
        BadCase{"RstWithStatusZero", control(3, 3, 0, be32(1) + be32(0)), "invalid RST_STREAM frame"},
        BadCase{"SettingsCountMismatch", control(3, 4, 0, be32(5) + be32(1) + be32(1)), "invalid SETTINGS frame"},
        BadCase{"PingWrongLength", control(3, 6, 0, "abcdef"), "invalid PING frame"},
        BadCase{"GoAwayWithFlags", control(3, 7, 1, be32(1) + be32(0)), "invalid GOAWAY frame"},
        BadCase{"CorruptZlib", control(3, 1, 0, be32(1) + be32(0) + std::string(2, '\0') + "\x78\xf9garbage!"), "header block names an unknown zlib dictionary"},
        BadCase{"NotZlibAtAll", control(3, 1, 0, be32(1) + be32(0) + std::string(2, '\0') + "\x01\x02\x03\x04"), "bad compressed header block"},
        BadCase{"HeaderCountBeyondBlock", synWithBlock(be32(1000)), "header block count exceeds its size"},
        BadCase{"HeaderLengthBeyondBlock", synWithBlock(be32(1) + be32(100) + "ab"), "truncated header block"},
        BadCase{"EmptyHeaderName", synWithBlock(be32(1) + be32(0) + be32(1) + "v"), "empty header name"},
        BadCase{"DecompressionBomb", synWithBlock(be32(1) + be32(1) + "a" + be32(200000) + std::string(200000, 'x')),
                "header block too large"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(SpdyDecoder, SkipsUnknownControlFramesAndKeepsGoing) {
  SpdyEncoder enc;
  auto f = decodeAll(control(3, 42, 0, "whatever") + enc.ping(1));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].type, SpdyType::Ping);
}

TEST(SpdyDecoder, UpperCaseHeaderNamesComeOutLowerCase) {
  auto f = decodeAll(synWithBlock(be32(1) + be32(4) + "Port" + be32(2) + "80"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(spdyHeader(f[0].headers, "port"), "80");
}

}  // namespace
}  // namespace kp::net
