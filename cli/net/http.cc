// HTTP/1.1 request parsing (RFC 9112) and response writing. The parser keeps one buffer per
// connection and an offset into it; a request is returned only when its head and whole body
// arrived, so a pipelined second request simply stays buffered for the next call.
#include "cli/net/http.h"

#include <cstdio>

namespace kp::net {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

bool isTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
    case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses a Content-Length value: digits only (a list of equal values is one value).
bool parseLength(std::string_view v, size_t* out) {
  v = trim(v);
  if (v.empty() || v.size() > 18) return false;
  size_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + size_t(c - '0');
  }
  *out = n;
  return true;
}

}  // namespace

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool headerHasToken(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    size_t comma = value.find(',');
    std::string_view item = trim(value.substr(0, comma));
    if (equalsIgnoreCase(item, token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

std::string HttpRequest::header(std::string_view name) const {
  for (const auto& h : headers)
    if (equalsIgnoreCase(h.name, name)) return h.value;
  return {};
}

bool HttpRequest::hasHeader(std::string_view name) const {
  for (const auto& h : headers)
    if (equalsIgnoreCase(h.name, name)) return true;
  return false;
}

std::vector<std::string> HttpRequest::headerValues(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& h : headers)
    if (equalsIgnoreCase(h.name, name)) out.push_back(h.value);
  return out;
}

bool HttpRequest::keepAlive() const {
  for (const auto& v : headerValues("Connection")) {
    if (headerHasToken(v, "close")) return false;
    if (minorVersion == 0 && headerHasToken(v, "keep-alive")) return true;
  }
  return minorVersion >= 1;
}

bool percentDecode(std::string_view in, std::string* out, bool plusIsSpace) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); i++) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = hexValue(in[i + 1]), lo = hexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(char(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plusIsSpace) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return true;
}

std::vector<std::pair<std::string, std::string>> parseQuery(std::string_view raw) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!raw.empty()) {
    size_t amp = raw.find('&');
    std::string_view pair = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view() : raw.substr(amp + 1);
    if (pair.empty() || pair.find(';') != std::string_view::npos) continue;
    size_t eq = pair.find('=');
    std::string key, value;
    if (!percentDecode(pair.substr(0, eq), &key, true)) continue;
    if (eq != std::string_view::npos && !percentDecode(pair.substr(eq + 1), &value, true)) continue;
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

// ------------------------------------------------------------------ parser

HttpRequestParser::Result HttpRequestParser::fail(int status, std::string reason, std::string message) {
  stage_ = Stage::Failed;
  error_ = {status, std::move(reason), std::move(message)};
  return Result::Error;
}

void HttpRequestParser::reset() {
  cur_ = HttpRequest();
  stage_ = Stage::Head;
  bodyLeft_ = 0;
  trailerBytes_ = 0;
  scanned_ = 0;
  wantsContinue_ = continueDone_ = false;
}

std::string HttpRequestParser::takeBuffered() {
  std::string rest = buf_.substr(pos_);
  buf_.clear();
  pos_ = 0;
  return rest;
}

bool HttpRequestParser::readLine(std::string_view* line, size_t limit, bool* tooLong) {
  *tooLong = false;
  size_t nl = buf_.find('\n', pos_);
  if (nl == std::string::npos) {
    *tooLong = buf_.size() - pos_ > limit;
    return false;
  }
  if (nl - pos_ > limit) {
    *tooLong = true;
    return false;
  }
  std::string_view l(buf_.data() + pos_, nl - pos_);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  *line = l;
  pos_ = nl + 1;
  return true;
}

HttpRequestParser::Result HttpRequestParser::next(HttpRequest* out) {
  if (stage_ == Stage::Failed) return Result::Error;
  // Drop what earlier requests used once it is a good part of the buffer.
  if (pos_ > 0 && (pos_ == buf_.size() || pos_ > 64 * 1024)) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  if (stage_ == Stage::Head) {
    Result r = parseHead();
    if (r != Result::Request) return r;  // NeedMore or Error; Request means "head done"
  }
  if (stage_ == Stage::FixedBody) {
    if (buf_.size() - pos_ < bodyLeft_) return Result::NeedMore;
    cur_.body.assign(buf_, pos_, bodyLeft_);
    pos_ += bodyLeft_;
    bodyLeft_ = 0;
  } else if (stage_ != Stage::Head) {
    Result r = parseChunked();
    if (r != Result::Request) return r;
  }
  *out = std::move(cur_);
  reset();
  return Result::Request;
}

// Reads the request line and headers. Returns Request when the head is complete (the stage
// then says how the body is framed), NeedMore or Error otherwise.
HttpRequestParser::Result HttpRequestParser::parseHead() {
  // The head ends at the first empty line; until it came, nothing is consumed.
  size_t start = pos_;
  // Leading empty lines before a request line are ignored (RFC 9112 section 2.2).
  while (start < buf_.size() && (buf_[start] == '\r' || buf_[start] == '\n')) start++;
  size_t end = std::string::npos, bodyStart = 0;
  // Resume where the last call stopped looking (two bytes back: "\n\r" may have been cut).
  size_t from = start + (scanned_ > 2 ? scanned_ - 2 : 0);
  for (size_t i = buf_.find('\n', from); i != std::string::npos; i = buf_.find('\n', i + 1)) {
    if (i + 1 < buf_.size() && buf_[i + 1] == '\n') {
      end = i;
      bodyStart = i + 2;
      break;
    }
    if (i + 2 < buf_.size() && buf_[i + 1] == '\r' && buf_[i + 2] == '\n') {
      end = i;
      bodyStart = i + 3;
      break;
    }
    if (i - start > limits_.maxHeaderBytes) break;
  }
  if (end == std::string::npos || end - start > limits_.maxHeaderBytes) {
    if (buf_.size() - start > limits_.maxHeaderBytes)
      return fail(431, "BadRequest", "request header fields too large: limit is " + std::to_string(limits_.maxHeaderBytes) + " bytes");
    pos_ = start;
    scanned_ = buf_.size() - start;
    return Result::NeedMore;
  }
  scanned_ = 0;
  std::string_view head(buf_.data() + start, end - start);
  pos_ = bodyStart;
  std::vector<std::string_view> lines;
  while (!head.empty()) {
    size_t nl = head.find('\n');
    std::string_view l = head.substr(0, nl);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    if (nl == std::string_view::npos) break;
    head.remove_prefix(nl + 1);
  }
  // Request line: METHOD SP request-target SP HTTP-version.
  std::string_view rl = lines.empty() ? std::string_view() : lines[0];
  size_t sp1 = rl.find(' '), sp2 = sp1 == std::string_view::npos ? sp1 : rl.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos || rl.find(' ', sp2 + 1) != std::string_view::npos)
    return fail(400, "BadRequest", "malformed HTTP request line");
  std::string_view method = rl.substr(0, sp1), target = rl.substr(sp1 + 1, sp2 - sp1 - 1), version = rl.substr(sp2 + 1);
  if (method.empty()) return fail(400, "BadRequest", "malformed HTTP request line");
  for (char c : method)
    if (!isTokenChar(c)) return fail(400, "BadRequest", "invalid method in HTTP request line");
  if (version.size() != 8 || version.substr(0, 7) != "HTTP/1." || (version[7] != '0' && version[7] != '1'))
    return fail(505, "BadRequest", "unsupported HTTP version");
  if (target.empty()) return fail(400, "BadRequest", "malformed HTTP request line");
  for (char c : target)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return fail(400, "BadRequest", "invalid request target");
  cur_.method = std::string(method);
  cur_.target = std::string(target);
  cur_.minorVersion = version[7] - '0';
  // An absolute-form target (a proxy's "http://host/path") keeps only the path and query.
  std::string_view t = target;
  if (t.substr(0, 7) == "http://" || t.substr(0, 8) == "https://") {
    size_t slash = t.find('/', t.find("//") + 2);
    t = slash == std::string_view::npos ? std::string_view("/") : t.substr(slash);
  }
  size_t q = t.find('?');
  if (q != std::string_view::npos) cur_.rawQuery = std::string(t.substr(q + 1));
  std::string_view rawPath = t.substr(0, q);
  size_t hash = cur_.rawQuery.find('#');
  if (hash != std::string::npos) cur_.rawQuery.resize(hash);
  if (!percentDecode(rawPath, &cur_.path)) return fail(400, "BadRequest", "invalid URL escape in request path");
  for (size_t i = 1; i < lines.size(); i++) {
    std::string_view l = lines[i];
    if (l.front() == ' ' || l.front() == '\t') return fail(400, "BadRequest", "obsolete header line folding is not supported");
    size_t colon = l.find(':');
    if (colon == std::string_view::npos || colon == 0) return fail(400, "BadRequest", "malformed HTTP header line");
    std::string_view name = l.substr(0, colon);
    for (char c : name)
      if (!isTokenChar(c)) return fail(400, "BadRequest", "invalid HTTP header name");
    std::string_view value = trim(l.substr(colon + 1));
    for (char c : value)
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
        return fail(400, "BadRequest", "invalid HTTP header value");
    cur_.headers.push_back({std::string(name), std::string(value)});
  }
  if (cur_.minorVersion == 1 && !cur_.hasHeader("Host")) return fail(400, "BadRequest", "missing required Host header");
  // Body framing: chunked, or a Content-Length, or none; both together is refused (a request
  // smuggling vector), as are lengths that disagree.
  auto te = cur_.headerValues("Transfer-Encoding");
  auto cl = cur_.headerValues("Content-Length");
  if (!te.empty()) {
    if (!cl.empty()) return fail(400, "BadRequest", "both Transfer-Encoding and Content-Length were sent");
    if (te.size() != 1 || !equalsIgnoreCase(trim(te[0]), "chunked"))
      return fail(400, "BadRequest", "unsupported transfer encoding: " + te[0]);
    stage_ = Stage::ChunkSize;
  } else if (!cl.empty()) {
    // "Content-Length: 5, 5" (or the header twice) is one length sent twice; differing
    // lengths are refused.
    size_t n = 0;
    bool first = true;
    for (const auto& value : cl) {
      std::string_view v = value;
      while (true) {
        size_t comma = v.find(',');
        size_t m = 0;
        if (!parseLength(v.substr(0, comma), &m) || (!first && m != n))
          return fail(400, "BadRequest", "invalid Content-Length");
        n = m;
        first = false;
        if (comma == std::string_view::npos) break;
        v.remove_prefix(comma + 1);
      }
    }
    if (n > limits_.maxBodyBytes)
      return fail(413, "RequestEntityTooLarge", "Request entity too large: limit is " + std::to_string(limits_.maxBodyBytes));
    bodyLeft_ = n;
    stage_ = Stage::FixedBody;
  } else {
    stage_ = Stage::FixedBody;
    bodyLeft_ = 0;
  }
  bool expects = headerHasToken(cur_.header("Expect"), "100-continue");
  wantsContinue_ = expects && (stage_ != Stage::FixedBody || bodyLeft_ > 0) && !continueDone_;
  return Result::Request;
}

HttpRequestParser::Result HttpRequestParser::parseChunked() {
  while (true) {
    bool tooLong = false;
    std::string_view line;
    switch (stage_) {
      case Stage::ChunkSize: {
        if (!readLine(&line, 1024, &tooLong)) {
          if (tooLong) return fail(400, "BadRequest", "malformed chunked encoding");
          return Result::NeedMore;
        }
        line = trim(line.substr(0, line.find(';')));
        if (line.empty() || line.size() > 15) return fail(400, "BadRequest", "malformed chunked encoding");
        size_t n = 0;
        for (char c : line) {
          int v = hexValue(c);
          if (v < 0) return fail(400, "BadRequest", "malformed chunked encoding");
          n = n * 16 + size_t(v);
        }
        if (cur_.body.size() + n > limits_.maxBodyBytes)
          return fail(413, "RequestEntityTooLarge", "Request entity too large: limit is " + std::to_string(limits_.maxBodyBytes));
        if (n == 0) {
          stage_ = Stage::Trailers;
        } else {
          bodyLeft_ = n;
          stage_ = Stage::ChunkData;
        }
        break;
      }
      case Stage::ChunkData: {
        size_t have = std::min(bodyLeft_, buf_.size() - pos_);
        cur_.body.append(buf_, pos_, have);
        pos_ += have;
        bodyLeft_ -= have;
        if (bodyLeft_ > 0) return Result::NeedMore;
        stage_ = Stage::ChunkDataEnd;
        break;
      }
      case Stage::ChunkDataEnd:
        if (!readLine(&line, 2, &tooLong)) {
          if (tooLong) return fail(400, "BadRequest", "malformed chunked encoding");
          return Result::NeedMore;
        }
        if (!line.empty()) return fail(400, "BadRequest", "malformed chunked encoding");
        stage_ = Stage::ChunkSize;
        break;
      case Stage::Trailers: {
        size_t before = pos_;
        if (!readLine(&line, limits_.maxHeaderBytes, &tooLong)) {
          if (tooLong) return fail(431, "BadRequest", "request trailers too large");
          return Result::NeedMore;
        }
        trailerBytes_ += pos_ - before;
        if (trailerBytes_ > limits_.maxHeaderBytes) return fail(431, "BadRequest", "request trailers too large");
        if (line.empty()) return Result::Request;  // trailers themselves are ignored
        break;
      }
      default:
        return fail(400, "BadRequest", "malformed chunked encoding");
    }
  }
}

// ------------------------------------------------------------------ responses

const char* reasonPhrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Request Entity Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

std::string writeHead(const HttpResponse& r) {
  std::string s = "HTTP/1.1 " + std::to_string(r.status) + " " + reasonPhrase(r.status) + "\r\n";
  for (const auto& h : r.headers) s += h.name + ": " + h.value + "\r\n";
  s += "\r\n";
  return s;
}

std::string writeResponse(const HttpResponse& r, bool close) {
  HttpResponse h = r;
  h.body.clear();
  // 1xx, 204 and 304 carry no body and no length (RFC 9110 section 8.6).
  bool bodyless = r.status < 200 || r.status == 204 || r.status == 304;
  if (!bodyless) h.headers.push_back({"Content-Length", std::to_string(r.body.size())});
  if (close) h.headers.push_back({"Connection", "close"});
  std::string s = writeHead(h);
  if (!bodyless) s += r.body;
  return s;
}

std::string writeChunkedHead(const HttpResponse& r, bool close) {
  HttpResponse h = r;
  h.body.clear();
  h.headers.push_back({"Transfer-Encoding", "chunked"});
  if (close) h.headers.push_back({"Connection", "close"});
  return writeHead(h);
}

std::string writeChunk(std::string_view data) {
  if (data.empty()) return {};
  char size[24];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  std::string s = size;
  s.append(data.data(), data.size());
  s += "\r\n";
  return s;
}

std::string jsonQuote(std::string_view in) {
  std::string s = "\"";
  for (char c : in) {
    switch (c) {
      case '"': s += "\\\""; break;
      case '\\': s += "\\\\"; break;
      case '\n': s += "\\n"; break;
      case '\r': s += "\\r"; break;
      case '\t': s += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          s += buf;
        } else {
          s += c;
        }
    }
  }
  return s + "\"";
}

std::string statusJson(int code, std::string_view reason, std::string_view message) {
  return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":" +
         jsonQuote(message) + ",\"reason\":" + jsonQuote(reason) + ",\"code\":" + std::to_string(code) + "}";
}

}  // namespace kp::net
