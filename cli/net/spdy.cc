// SPDY/3 frames (draft 3.1 sections 2.2 to 2.6) over zlib. Every length is checked against the
// frame it sits in before it is used, and inflated header blocks are capped, so hostile input
// ends in an error value, never a read past the buffer or an unbounded allocation.
#include "cli/net/spdy.h"

#include <zlib.h>

#include <cstring>

namespace kp::net {
namespace {

uint32_t be32(std::string_view p, size_t at) {
  return uint32_t(uint8_t(p[at])) << 24 | uint32_t(uint8_t(p[at + 1])) << 16 | uint32_t(uint8_t(p[at + 2])) << 8 |
         uint32_t(uint8_t(p[at + 3]));
}

void put32(std::string& s, uint32_t v) {
  s += char(v >> 24);
  s += char((v >> 16) & 0xFF);
  s += char((v >> 8) & 0xFF);
  s += char(v & 0xFF);
}

std::string controlHeader(SpdyType type, uint8_t flags, size_t length) {
  std::string s;
  s += char(0x80);
  s += char(3);  // version 3
  s += char(0);
  s += char(static_cast<uint16_t>(type));
  put32(s, uint32_t(flags) << 24 | uint32_t(length & 0xFFFFFF));
  return s;
}

std::string lowerAscii(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

}  // namespace

std::string spdyHeader(const SpdyHeaders& h, std::string_view name) {
  for (const auto& [k, v] : h)
    if (k == name) return v;
  return {};
}

const std::string& spdyDictionary() {
  // Length-prefixed header names and values, then the status lines, dates and media types of
  // the spec's dictionary, byte for byte (a zlib stream names its dictionary by checksum).
  static const std::string dict = [] {
    static const char* words[] = {
        "options", "head", "post", "put", "delete", "trace", "accept", "accept-charset", "accept-encoding",
        "accept-language", "accept-ranges", "age", "allow", "authorization", "cache-control", "connection",
        "content-base", "content-encoding", "content-language", "content-length", "content-location",
        "content-md5", "content-range", "content-type", "date", "etag", "expect", "expires", "from", "host",
        "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "last-modified",
        "location", "max-forwards", "pragma", "proxy-authenticate", "proxy-authorization", "range", "referer",
        "retry-after", "server", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "vary", "via",
        "warning", "www-authenticate", "method", "get", "status", "200 OK", "version", "HTTP/1.1", "url",
        "public", "set-cookie", "keep-alive", "origin"};
    std::string d;
    for (const char* w : words) {
      put32(d, uint32_t(std::strlen(w)));
      d += w;
    }
    d += "100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505"
         "203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request"
         "401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented"
         "503 Service Unavailable"
         "Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT"
         "chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,"
         "text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.";
    return d;
  }();
  return dict;
}

// ------------------------------------------------------------------ decoder

struct SpdyDecoder::Inflater {
  z_stream z{};
  bool ok = false;
  Inflater() { ok = inflateInit(&z) == Z_OK; }
  ~Inflater() {
    if (ok) inflateEnd(&z);
  }
};

SpdyDecoder::SpdyDecoder(size_t maxFrame, size_t maxHeaderBlock)
    : z_(std::make_unique<Inflater>()), maxFrame_(maxFrame), maxHeaderBlock_(maxHeaderBlock) {}
SpdyDecoder::~SpdyDecoder() = default;

SpdyDecoder::Result SpdyDecoder::fail(std::string why) {
  failed_ = true;
  error_ = std::move(why);
  return Result::Error;
}

SpdyDecoder::Result SpdyDecoder::next(SpdyFrame* out) {
  if (failed_) return Result::Error;
  while (true) {
    if (pos_ > 0 && (pos_ == buf_.size() || pos_ > 64 * 1024)) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    if (buf_.size() - pos_ < 8) return Result::NeedMore;
    std::string_view b(buf_.data() + pos_, buf_.size() - pos_);
    uint32_t w0 = be32(b, 0), w1 = be32(b, 4);
    uint8_t flags = uint8_t(w1 >> 24);
    size_t len = w1 & 0xFFFFFF;
    if (len > maxFrame_) return fail("frame too large (" + std::to_string(len) + " bytes)");
    if (b.size() < 8 + len) return Result::NeedMore;
    std::string_view payload = b.substr(8, len);
    pos_ += 8 + len;
    SpdyFrame f;
    f.flags = flags;
    if (w0 & 0x80000000u) {
      uint16_t version = uint16_t((w0 >> 16) & 0x7FFF), type = uint16_t(w0 & 0xFFFF);
      if (version != 3) return fail("unsupported SPDY version " + std::to_string(version));
      if (type == 5 || type == 0 || type > 9) continue;  // unknown (or retired NOOP) frames are ignored
      if (!parseControl(type, flags, payload, &f)) return Result::Error;
    } else {
      f.type = SpdyType::Data;
      f.streamId = w0 & 0x7FFFFFFF;
      if (f.streamId == 0) return fail("data frame on stream 0");
      f.data = std::string(payload);
    }
    *out = std::move(f);
    return Result::Frame;
  }
}

bool SpdyDecoder::parseControl(uint16_t type, uint8_t flags, std::string_view p, SpdyFrame* f) {
  f->type = static_cast<SpdyType>(type);
  auto bad = [&](const char* what) {
    fail(std::string("invalid ") + what + " frame");
    return false;
  };
  switch (f->type) {
    case SpdyType::SynStream:
      if (p.size() < 10) return bad("SYN_STREAM");
      f->streamId = be32(p, 0) & 0x7FFFFFFF;
      f->associatedTo = be32(p, 4) & 0x7FFFFFFF;
      f->priority = uint8_t(uint8_t(p[8]) >> 5);
      if (f->streamId == 0) return bad("SYN_STREAM");
      return inflateBlock(p.substr(10), &f->headers);
    case SpdyType::SynReply:
    case SpdyType::Headers:
      if (p.size() < 4) return bad(f->type == SpdyType::SynReply ? "SYN_REPLY" : "HEADERS");
      f->streamId = be32(p, 0) & 0x7FFFFFFF;
      if (f->streamId == 0) return bad(f->type == SpdyType::SynReply ? "SYN_REPLY" : "HEADERS");
      return inflateBlock(p.substr(4), &f->headers);
    case SpdyType::RstStream:
      if (p.size() != 8) return bad("RST_STREAM");
      f->streamId = be32(p, 0) & 0x7FFFFFFF;
      f->value = be32(p, 4);
      if (f->streamId == 0 || f->value == 0) return bad("RST_STREAM");
      return true;
    case SpdyType::Settings: {
      if (p.size() < 4) return bad("SETTINGS");
      uint32_t n = be32(p, 0);
      if (uint64_t(n) * 8 != p.size() - 4) return bad("SETTINGS");
      for (uint32_t i = 0; i < n; i++) f->settings.emplace_back(be32(p, 4 + 8 * i), be32(p, 8 + 8 * i));
      return true;
    }
    case SpdyType::Ping:
      if (p.size() != 4 || flags != 0) return bad("PING");
      f->value = be32(p, 0);
      return true;
    case SpdyType::GoAway:
      if (p.size() != 8 || flags != 0) return bad("GOAWAY");
      f->streamId = be32(p, 0) & 0x7FFFFFFF;
      f->value = be32(p, 4);
      return true;
    case SpdyType::WindowUpdate:
      if (p.size() != 8 || flags != 0) return bad("WINDOW_UPDATE");
      f->streamId = be32(p, 0) & 0x7FFFFFFF;
      f->value = be32(p, 4) & 0x7FFFFFFF;
      return true;
    default:
      return bad("control");
  }
}

// Inflates one header block (continuing the connection's zlib stream) and parses it:
// a count, then length-prefixed names and values.
bool SpdyDecoder::inflateBlock(std::string_view in, SpdyHeaders* out) {
  if (!z_->ok) {
    fail("zlib is unavailable");
    return false;
  }
  z_stream& z = z_->z;
  std::string block;
  char chunk[4096];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = uInt(in.size());
  while (true) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    int rc = inflate(&z, Z_SYNC_FLUSH);
    if (rc == Z_NEED_DICT) {
      const auto& d = spdyDictionary();
      if (inflateSetDictionary(&z, reinterpret_cast<const Bytef*>(d.data()), uInt(d.size())) != Z_OK) {
        fail("header block names an unknown zlib dictionary");
        return false;
      }
      continue;
    }
    block.append(chunk, sizeof chunk - z.avail_out);
    if (block.size() > maxHeaderBlock_) {
      fail("header block too large");
      return false;
    }
    if (rc == Z_STREAM_END) {
      if (z.avail_in > 0) {
        fail("data after the end of the header stream");
        return false;
      }
      break;
    }
    if (rc == Z_BUF_ERROR) break;  // no progress possible: the input is used up
    if (rc != Z_OK) {
      fail("bad compressed header block");
      return false;
    }
    if (z.avail_in == 0 && z.avail_out != 0) break;  // all input read, all output out
  }
  std::string_view b = block;
  if (b.size() < 4) {
    fail("truncated header block");
    return false;
  }
  uint32_t n = be32(b, 0);
  size_t at = 4;
  if (n > b.size() / 8) {
    fail("header block count exceeds its size");
    return false;
  }
  for (uint32_t i = 0; i < n; i++) {
    std::string_view parts[2];
    for (auto& part : parts) {
      if (b.size() - at < 4) {
        fail("truncated header block");
        return false;
      }
      uint32_t len = be32(b, at);
      at += 4;
      if (len > b.size() - at) {
        fail("truncated header block");
        return false;
      }
      part = b.substr(at, len);
      at += len;
    }
    if (parts[0].empty()) {
      fail("empty header name");
      return false;
    }
    std::string name = lowerAscii(std::string(parts[0]));
    std::string_view v = parts[1];
    while (true) {
      size_t nul = v.find('\0');
      out->emplace_back(name, std::string(v.substr(0, nul)));
      if (nul == std::string_view::npos) break;
      v.remove_prefix(nul + 1);
    }
  }
  return true;
}

// ------------------------------------------------------------------ encoder

struct SpdyEncoder::Deflater {
  z_stream z{};
  bool ok = false;
  Deflater() {
    ok = deflateInit(&z, Z_BEST_COMPRESSION) == Z_OK;
    if (ok) {
      const auto& d = spdyDictionary();
      ok = deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(d.data()), uInt(d.size())) == Z_OK;
    }
  }
  ~Deflater() { deflateEnd(&z); }
};

SpdyEncoder::SpdyEncoder() : z_(std::make_unique<Deflater>()) {}
SpdyEncoder::~SpdyEncoder() = default;

std::string SpdyEncoder::compress(const SpdyHeaders& h) {
  // Values of one name travel together, NUL-separated (a repeated name is a protocol error).
  std::vector<std::pair<std::string, std::string>> grouped;
  for (const auto& [k, v] : h) {
    std::string name = lowerAscii(k);
    bool found = false;
    for (auto& g : grouped)
      if (g.first == name) {
        g.second += '\0';
        g.second += v;
        found = true;
      }
    if (!found) grouped.emplace_back(name, v);
  }
  std::string raw;
  put32(raw, uint32_t(grouped.size()));
  for (const auto& [k, v] : grouped) {
    put32(raw, uint32_t(k.size()));
    raw += k;
    put32(raw, uint32_t(v.size()));
    raw += v;
  }
  std::string out;
  if (!z_->ok) return out;
  z_stream& z = z_->z;
  z.next_in = reinterpret_cast<Bytef*>(raw.data());
  z.avail_in = uInt(raw.size());
  char chunk[4096];
  do {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    if (deflate(&z, Z_SYNC_FLUSH) == Z_STREAM_ERROR) return {};
    out.append(chunk, sizeof chunk - z.avail_out);
  } while (z.avail_out == 0);
  return out;
}

std::string SpdyEncoder::synStream(uint32_t id, const SpdyHeaders& h, bool fin, uint32_t associatedTo, uint8_t priority) {
  std::string block = compress(h);
  std::string s = controlHeader(SpdyType::SynStream, fin ? kSpdyFlagFin : 0, 10 + block.size());
  put32(s, id & 0x7FFFFFFF);
  put32(s, associatedTo & 0x7FFFFFFF);
  s += char(uint8_t(priority << 5));
  s += char(0);
  return s + block;
}

std::string SpdyEncoder::synReply(uint32_t id, const SpdyHeaders& h, bool fin) {
  std::string block = compress(h);
  std::string s = controlHeader(SpdyType::SynReply, fin ? kSpdyFlagFin : 0, 4 + block.size());
  put32(s, id & 0x7FFFFFFF);
  return s + block;
}

std::string SpdyEncoder::headers(uint32_t id, const SpdyHeaders& h, bool fin) {
  std::string block = compress(h);
  std::string s = controlHeader(SpdyType::Headers, fin ? kSpdyFlagFin : 0, 4 + block.size());
  put32(s, id & 0x7FFFFFFF);
  return s + block;
}

std::string SpdyEncoder::data(uint32_t id, std::string_view d, bool fin) {
  constexpr size_t kMax = 64 * 1024;
  std::string s;
  do {
    size_t n = std::min(d.size(), kMax);
    bool last = n == d.size();
    put32(s, id & 0x7FFFFFFF);
    put32(s, uint32_t((last && fin) ? kSpdyFlagFin : 0) << 24 | uint32_t(n));
    s.append(d.data(), n);
    d.remove_prefix(n);
  } while (!d.empty());
  return s;
}

std::string SpdyEncoder::rstStream(uint32_t id, uint32_t status) {
  std::string s = controlHeader(SpdyType::RstStream, 0, 8);
  put32(s, id & 0x7FFFFFFF);
  put32(s, status);
  return s;
}

std::string SpdyEncoder::settings(const std::vector<std::pair<uint32_t, uint32_t>>& values) {
  std::string s = controlHeader(SpdyType::Settings, 0, 4 + 8 * values.size());
  put32(s, uint32_t(values.size()));
  for (const auto& [id, v] : values) {
    put32(s, id);
    put32(s, v);
  }
  return s;
}

std::string SpdyEncoder::ping(uint32_t id) {
  std::string s = controlHeader(SpdyType::Ping, 0, 4);
  put32(s, id);
  return s;
}

std::string SpdyEncoder::goAway(uint32_t lastGoodStream, uint32_t status) {
  std::string s = controlHeader(SpdyType::GoAway, 0, 8);
  put32(s, lastGoodStream & 0x7FFFFFFF);
  put32(s, status);
  return s;
}

std::string SpdyEncoder::windowUpdate(uint32_t id, uint32_t delta) {
  std::string s = controlHeader(SpdyType::WindowUpdate, 0, 8);
  put32(s, id & 0x7FFFFFFF);
  put32(s, delta & 0x7FFFFFFF);
  return s;
}

}  // namespace kp::net
