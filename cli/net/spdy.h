// SPDY/3.1 framing as moby/spdystream (client-go's port-forward and exec transport) speaks it,
// without I/O: a decoder of the frames a client sends and an encoder of the server's. Header
// blocks are one zlib stream per direction and connection, primed with SPDY/3's dictionary and
// flushed (Z_SYNC_FLUSH) after every block, so decoder and encoder each keep their z_stream.
// spdystream does no flow control; WINDOW_UPDATE and SETTINGS are decoded and may be ignored.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kp::net {

enum class SpdyType : uint16_t {
  Data = 0,
  SynStream = 1,
  SynReply = 2,
  RstStream = 3,
  Settings = 4,
  Ping = 6,
  GoAway = 7,
  Headers = 8,
  WindowUpdate = 9,
};

inline constexpr uint8_t kSpdyFlagFin = 0x01;
// RST_STREAM status codes (SPDY/3 section 2.4.2).
inline constexpr uint32_t kSpdyProtocolError = 1;
inline constexpr uint32_t kSpdyInvalidStream = 2;
inline constexpr uint32_t kSpdyRefusedStream = 3;
inline constexpr uint32_t kSpdyCancel = 5;
inline constexpr uint32_t kSpdyInternalError = 6;

// Header names are lower case; a value holding NUL-separated parts comes out as one pair each.
using SpdyHeaders = std::vector<std::pair<std::string, std::string>>;
// The first value of a header, or "".
std::string spdyHeader(const SpdyHeaders& h, std::string_view name);

struct SpdyFrame {
  SpdyType type = SpdyType::Data;
  uint8_t flags = 0;
  // Data, SYN_STREAM, SYN_REPLY, RST_STREAM, HEADERS, WINDOW_UPDATE: the stream;
  // GOAWAY: the last stream the sender accepted.
  uint32_t streamId = 0;
  uint32_t associatedTo = 0;  // SYN_STREAM
  uint8_t priority = 0;       // SYN_STREAM (3 bits)
  // RST_STREAM and GOAWAY: the status; PING: the id; WINDOW_UPDATE: the delta.
  uint32_t value = 0;
  SpdyHeaders headers;        // SYN_STREAM, SYN_REPLY, HEADERS
  std::vector<std::pair<uint32_t, uint32_t>> settings;  // (flags << 24 | id, value)
  std::string data;           // Data
  bool fin() const { return flags & kSpdyFlagFin; }
};

// The zlib dictionary of SPDY/3 header blocks (section 2.6.10.1).
const std::string& spdyDictionary();

class SpdyDecoder {
 public:
  enum class Result { NeedMore, Frame, Error };
  // `maxFrame` bounds a frame's length field, `maxHeaderBlock` a header block once inflated.
  explicit SpdyDecoder(size_t maxFrame = 1 << 20, size_t maxHeaderBlock = 64 * 1024);
  ~SpdyDecoder();
  SpdyDecoder(const SpdyDecoder&) = delete;
  SpdyDecoder& operator=(const SpdyDecoder&) = delete;

  void feed(std::string_view bytes) { buf_.append(bytes.data(), bytes.size()); }
  // The next complete frame. Control frames of unknown types are skipped (SPDY/3 asks
  // receivers to ignore them). After Error the decoder stays failed; error() says why.
  Result next(SpdyFrame* out);
  const std::string& error() const { return error_; }

 private:
  Result fail(std::string why);
  bool parseControl(uint16_t type, uint8_t flags, std::string_view p, SpdyFrame* out);
  bool inflateBlock(std::string_view in, SpdyHeaders* out);

  struct Inflater;
  std::unique_ptr<Inflater> z_;
  size_t maxFrame_, maxHeaderBlock_;
  std::string buf_;
  size_t pos_ = 0;
  bool failed_ = false;
  std::string error_;
};

class SpdyEncoder {
 public:
  SpdyEncoder();
  ~SpdyEncoder();
  SpdyEncoder(const SpdyEncoder&) = delete;
  SpdyEncoder& operator=(const SpdyEncoder&) = delete;

  std::string synStream(uint32_t id, const SpdyHeaders& h, bool fin = false, uint32_t associatedTo = 0, uint8_t priority = 0);
  std::string synReply(uint32_t id, const SpdyHeaders& h, bool fin = false);
  std::string headers(uint32_t id, const SpdyHeaders& h, bool fin = false);
  // DATA frames for `data` (split so none exceeds 64 KiB); FIN on the last one when `fin`.
  std::string data(uint32_t id, std::string_view data, bool fin = false);
  std::string rstStream(uint32_t id, uint32_t status);
  std::string settings(const std::vector<std::pair<uint32_t, uint32_t>>& values);
  std::string ping(uint32_t id);
  std::string goAway(uint32_t lastGoodStream, uint32_t status = 0);
  std::string windowUpdate(uint32_t id, uint32_t delta);

 private:
  std::string compress(const SpdyHeaders& h);
  struct Deflater;
  std::unique_ptr<Deflater> z_;
};

}  // namespace kp::net
