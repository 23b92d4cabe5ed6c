// HTTP/1.1 without I/O: an incremental request parser (fed whatever bytes arrived, it yields
// complete requests one at a time, so keep-alive and pipelining need nothing more), query
// decoding as Go's net/url does it, and response writing. Bounded: the Kubernetes API server
// refuses bodies over 3 MiB with 413, and headers are capped so no client grows a buffer at will.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kp::net {

struct HttpHeader {
  std::string name, value;
};

// Case-insensitive ASCII comparison (header names, tokens such as "Upgrade").
bool equalsIgnoreCase(std::string_view a, std::string_view b);
// True when the comma-separated header value lists `token` (case-insensitive), as
// "Connection: keep-alive, Upgrade" lists "upgrade".
bool headerHasToken(std::string_view value, std::string_view token);

struct HttpRequest {
  std::string method;   // "GET"
  std::string target;   // as sent: "/api/v1/pods?limit=500"
  std::string path;     // percent-decoded: "/api/v1/pods"
  std::string rawQuery; // undecoded, without '?': "limit=500"
  int minorVersion = 1; // HTTP/1.<minor>
  std::vector<HttpHeader> headers;
  std::string body;     // de-chunked

  // The first value of a header (case-insensitive name), or "" when absent.
  std::string header(std::string_view name) const;
  bool hasHeader(std::string_view name) const;
  // Every value of a header, in order.
  std::vector<std::string> headerValues(std::string_view name) const;
  // Whether the connection stays open after the response (HTTP/1.1 unless "Connection: close";
  // HTTP/1.0 only with "Connection: keep-alive").
  bool keepAlive() const;
};

// Decodes a query string as Go's url.ParseQuery: pairs split at '&', '+' is a space, %XX
// escapes decoded. Keys keep their order and repeats. Pairs with a bad escape or a ';' are
// dropped, as (url.URL).Query() drops them.
std::vector<std::pair<std::string, std::string>> parseQuery(std::string_view raw);
// Percent-decodes `in` (no '+' rule: for paths). False on a malformed escape.
bool percentDecode(std::string_view in, std::string* out, bool plusIsSpace = false);

struct HttpLimits {
  size_t maxHeaderBytes = 64 * 1024;       // request line + headers (and chunked trailers)
  size_t maxBodyBytes = 3 * 1024 * 1024;   // the API server's own limit
};

// Why a request could not be parsed: the status to answer with and the words for it.
struct HttpError {
  int status = 400;             // 400, 413 or 431 (header block too large), 505
  std::string reason;           // metav1.Status reason: BadRequest, RequestEntityTooLarge
  std::string message;
};

class HttpRequestParser {
 public:
  enum class Result { NeedMore, Request, Error };
  explicit HttpRequestParser(HttpLimits limits = {}) : limits_(limits) {}

  // Appends bytes that arrived from the client.
  void feed(std::string_view bytes) { buf_.append(bytes.data(), bytes.size()); }
  // Parses the next complete request out of the buffered bytes. After Error the parser stays
  // in error (the connection cannot be resynchronised) and error() says why.
  Result next(HttpRequest* out);
  const HttpError& error() const { return error_; }
  // True once the head of a request with "Expect: 100-continue" was read and its body has not
  // arrived yet; the caller sends "100 Continue" once and calls continueSent().
  bool wantsContinue() const { return wantsContinue_; }
  void continueSent() { wantsContinue_ = false; continueDone_ = true; }
  // Bytes buffered beyond the requests returned so far (an upgraded connection's first bytes).
  std::string takeBuffered();
  size_t buffered() const { return buf_.size() - pos_; }

 private:
  enum class Stage { Head, FixedBody, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Failed };
  Result fail(int status, std::string reason, std::string message);
  Result parseHead();
  Result parseChunked();
  bool readLine(std::string_view* line, size_t limit, bool* tooLong);
  void reset();

  HttpLimits limits_;
  std::string buf_;
  size_t pos_ = 0;  // start of unparsed bytes in buf_
  Stage stage_ = Stage::Head;
  HttpRequest cur_;
  size_t bodyLeft_ = 0;    // FixedBody / ChunkData: bytes still to read
  size_t trailerBytes_ = 0;
  size_t scanned_ = 0;     // Head: bytes after pos_ already searched for the end of the head
  bool wantsContinue_ = false, continueDone_ = false;
  HttpError error_;
};

// The reason phrase of a status code ("Not Found"); "Unknown" for codes it does not know.
const char* reasonPhrase(int status);

struct HttpResponse {
  int status = 200;
  std::vector<HttpHeader> headers;  // Content-Length / Transfer-Encoding are added by the writer
  std::string body;
};

// The status line and headers followed by the body with a Content-Length. `close` adds
// "Connection: close".
std::string writeResponse(const HttpResponse& r, bool close);
// The status line and headers of a chunked response (body written with writeChunk).
std::string writeChunkedHead(const HttpResponse& r, bool close);
// The status line and headers only (101 Switching Protocols), nothing added.
std::string writeHead(const HttpResponse& r);
// One chunk ("1a\r\n...\r\n"); an empty `data` writes nothing (that would end the body).
std::string writeChunk(std::string_view data);
// The last chunk that ends a chunked body.
inline const char* kLastChunk = "0\r\n\r\n";

// A metav1.Status failure body as the API server writes it, for errors the transport layer
// answers itself (malformed requests, oversized bodies).
std::string statusJson(int code, std::string_view reason, std::string_view message);
// A JSON string literal with the characters JSON requires escaped.
std::string jsonQuote(std::string_view s);

}  // namespace kp::net
