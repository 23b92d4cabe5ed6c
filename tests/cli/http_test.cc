// The HTTP/1.1 codec: every case is fed whole, in 3-byte pieces and byte by byte, and must come
// out the same (the parser is incremental); malformed and oversized requests end in the status
// kubectl would be answered with, never a crash.
#include <gtest/gtest.h>

#include "cli/net/http.h"

namespace kp::net {
namespace {

struct Parsed {
  std::vector<HttpRequest> requests;
  bool failed = false;
  HttpError error;
};

Parsed parseAll(const std::string& input, size_t piece, HttpLimits limits = {}) {
  HttpRequestParser p(limits);
  Parsed out;
  for (size_t i = 0; i < input.size() && !out.failed; i += piece) {
    p.feed(std::string_view(input).substr(i, piece));
    while (true) {
      HttpRequest r;
      auto res = p.next(&r);
      if (res == HttpRequestParser::Result::NeedMore) break;
      if (res == HttpRequestParser::Result::Error) {
        out.failed = true;
        out.error = p.error();
        break;
      }
      out.requests.push_back(std::move(r));
    }
  }
  return out;
}

struct ParseCase {
  const char* name;
  std::string input;
  // Each request as "METHOD path ?rawQuery [body]".
  std::vector<std::string> want;
  int errorStatus = 0;  // 0: no error expected after the requests
  const char* errorMessage = "";
};

std::string describe(const HttpRequest& r) {
  return r.method + " " + r.path + " ?" + r.rawQuery + " [" + r.body + "]";
}

class HttpParse : public ::testing::TestWithParam<ParseCase> {};

TEST_P(HttpParse, SameResultForEveryPieceSize) {
  const auto& c = GetParam();
  for (size_t piece : {c.input.size(), size_t(3), size_t(1)}) {
    SCOPED_TRACE("piece size " + std::to_string(piece));
    Parsed got = parseAll(c.input, piece);
    std::vector<std::string> seen;
    for (const auto& r : got.requests) seen.push_back(describe(r));
    EXPECT_EQ(seen, c.want);
    EXPECT_EQ(got.failed, c.errorStatus != 0);
    if (c.errorStatus) {
      EXPECT_EQ(got.error.status, c.errorStatus);
      EXPECT_NE(got.error.message.find(c.errorMessage), std::string::npos) << got.error.message;
    }
  }
}

const std::string kHost = "Host: 127.0.0.1:6443\r\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, HttpParse,
    ::testing::Values(
        ParseCase{"KubectlGet", "GET /api/v1/namespaces/default/pods?limit=500 HTTP/1.1\r\n" + kHost +
                                    "User-Agent: kubectl/v1.32.4\r\nAccept: application/json\r\n\r\n",
                  {"GET /api/v1/namespaces/default/pods ?limit=500 []"}},
        ParseCase{"ContentLengthBody", "POST /api/v1/namespaces/default/pods HTTP/1.1\r\n" + kHost +
                                           "content-length: 7\r\n\r\n{\"a\":1}",
                  {"POST /api/v1/namespaces/default/pods ? [{\"a\":1}]"}},
        ParseCase{"ChunkedBodyWithExtensionAndTrailer",
                  "PATCH /x HTTP/1.1\r\n" + kHost + "Transfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{\"a\"\r\nA\r\n:123456789\r\n0\r\nX-T: y\r\n\r\n",
                  {"PATCH /x ? [{\"a\":123456789]"}},
        ParseCase{"PipelinedRequestsInOrder",
                  "GET /a HTTP/1.1\r\n" + kHost + "\r\nPOST /b HTTP/1.1\r\n" + kHost + "Content-Length: 2\r\n\r\nhiGET /c HTTP/1.1\r\n" + kHost + "\r\n",
                  {"GET /a ? []", "POST /b ? [hi]", "GET /c ? []"}},
        ParseCase{"BareLineFeedsAndLeadingEmptyLine", "\r\nGET /version HTTP/1.1\nHost: x\n\n", {"GET /version ? []"}},
        ParseCase{"PercentDecodedPathRawQueryKept", "GET /api/v1/namespaces/a%2Db/pods?fieldSelector=metadata.name%3Dweb HTTP/1.1\r\n" + kHost + "\r\n",
                  {"GET /api/v1/namespaces/a-b/pods ?fieldSelector=metadata.name%3Dweb []"}},
        ParseCase{"AbsoluteFormTarget", "GET http://127.0.0.1:6443/version?x=1 HTTP/1.1\r\n" + kHost + "\r\n", {"GET /version ?x=1 []"}},
        ParseCase{"Http10WithoutHost", "GET /version HTTP/1.0\r\n\r\n", {"GET /version ? []"}},
        ParseCase{"MalformedRequestLine", "GARBAGE\r\n\r\n", {}, 400, "malformed HTTP request line"},
        ParseCase{"ExtraSpaceInRequestLine", "GET  /x HTTP/1.1\r\n" + kHost + "\r\n", {}, 400, "malformed HTTP request line"},
        ParseCase{"UnsupportedVersion", "GET / HTTP/2.0\r\n\r\n", {}, 505, "unsupported HTTP version"},
        ParseCase{"MissingHost", "GET / HTTP/1.1\r\n\r\n", {}, 400, "missing required Host header"},
        ParseCase{"ObsoleteLineFolding", "GET / HTTP/1.1\r\n" + kHost + "X: a\r\n  b\r\n\r\n", {}, 400, "folding"},
        ParseCase{"HeaderWithoutColon", "GET / HTTP/1.1\r\n" + kHost + "NoColon\r\n\r\n", {}, 400, "malformed HTTP header line"},
        ParseCase{"HeaderNameWithSpace", "GET / HTTP/1.1\r\n" + kHost + "Bad Name: x\r\n\r\n", {}, 400, "invalid HTTP header name"},
        ParseCase{"ControlCharacterInValue", "GET / HTTP/1.1\r\n" + kHost + "X: a\x01" "b\r\n\r\n", {}, 400, "invalid HTTP header value"},
        ParseCase{"ChunkedAndContentLength", "POST / HTTP/1.1\r\n" + kHost + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", {}, 400,
                  "both Transfer-Encoding and Content-Length"},
        ParseCase{"UnknownTransferEncoding", "POST / HTTP/1.1\r\n" + kHost + "Transfer-Encoding: gzip\r\n\r\n", {}, 400, "unsupported transfer encoding"},
        ParseCase{"NegativeContentLength", "POST / HTTP/1.1\r\n" + kHost + "Content-Length: -1\r\n\r\n", {}, 400, "invalid Content-Length"},
        ParseCase{"DisagreeingContentLengths", "POST / HTTP/1.1\r\n" + kHost + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab", {}, 400,
                  "invalid Content-Length"},
        ParseCase{"RepeatedEqualContentLength", "POST / HTTP/1.1\r\n" + kHost + "Content-Length: 2, 2\r\n\r\nab", {"POST / ? [ab]"}},
        ParseCase{"BodyOverThreeMiB", "POST / HTTP/1.1\r\n" + kHost + "Content-Length: 3145729\r\n\r\n", {}, 413,
                  "Request entity too large: limit is 3145728"},
        ParseCase{"BadChunkSize", "POST / HTTP/1.1\r\n" + kHost + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", {}, 400, "malformed chunked encoding"},
        ParseCase{"HugeChunkSize", "POST / HTTP/1.1\r\n" + kHost + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n", {}, 400,
                  "malformed chunked encoding"},
        ParseCase{"ChunkDataNotFollowedByCrlf", "POST / HTTP/1.1\r\n" + kHost + "Transfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", {}, 400,
                  "malformed chunked encoding"},
        ParseCase{"BadPathEscape", "GET /a%zz HTTP/1.1\r\n" + kHost + "\r\n", {}, 400, "invalid URL escape"},
        ParseCase{"ErrorAfterAGoodRequest", "GET /a HTTP/1.1\r\n" + kHost + "\r\nBROKEN\r\n\r\n", {"GET /a ? []"}, 400, "malformed"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(HttpParse, HeadersOverTheLimitAreRefusedWithoutWaitingForTheEnd) {
  std::string big = "GET / HTTP/1.1\r\n" + kHost + "X-Big: " + std::string(70 * 1024, 'a');
  Parsed got = parseAll(big, 4096);
  EXPECT_TRUE(got.failed);
  EXPECT_EQ(got.error.status, 431);
}

TEST(HttpParse, ChunkedBodyOverTheLimitIsRefused) {
  HttpLimits small{64 * 1024, 10};
  Parsed got = parseAll("POST / HTTP/1.1\r\n" + kHost + "Transfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n", 5, small);
  EXPECT_TRUE(got.failed);
  EXPECT_EQ(got.error.status, 413);
  EXPECT_EQ(got.error.reason, "RequestEntityTooLarge");
}

TEST(HttpParse, HeaderLookupIsCaseInsensitiveAndKeepsRepeats) {
  Parsed got = parseAll("GET / HTTP/1.1\r\nhOsT: h\r\nX-A: 1\r\nx-a: 2\r\n\r\n", 1000);
  ASSERT_EQ(got.requests.size(), 1u);
  EXPECT_EQ(got.requests[0].header("HOST"), "h");
  EXPECT_EQ(got.requests[0].headerValues("X-a"), (std::vector<std::string>{"1", "2"}));
  EXPECT_FALSE(got.requests[0].hasHeader("Content-Type"));
}

struct KeepAliveCase {
  const char* name;
  std::string head;
  bool keepAlive;
};

class HttpKeepAlive : public ::testing::TestWithParam<KeepAliveCase> {};

TEST_P(HttpKeepAlive, FollowsVersionAndConnectionHeader) {
  Parsed got = parseAll(GetParam().head + "\r\n", 1000);
  ASSERT_EQ(got.requests.size(), 1u);
  EXPECT_EQ(got.requests[0].keepAlive(), GetParam().keepAlive);
}

INSTANTIATE_TEST_SUITE_P(Cases, HttpKeepAlive,
                         ::testing::Values(KeepAliveCase{"Http11Default", "GET / HTTP/1.1\r\nHost: h\r\n", true},
                                           KeepAliveCase{"Http11Close", "GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n", false},
                                           KeepAliveCase{"Http10Default", "GET / HTTP/1.0\r\n", false},
                                           KeepAliveCase{"Http10KeepAlive", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n", true}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(HttpParse, ExpectContinueIsAskedForOnceBeforeTheBody) {
  HttpRequestParser p;
  p.feed("PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
  HttpRequest r;
  EXPECT_EQ(p.next(&r), HttpRequestParser::Result::NeedMore);
  EXPECT_TRUE(p.wantsContinue());
  p.continueSent();
  p.feed("ok");
  EXPECT_EQ(p.next(&r), HttpRequestParser::Result::Request);
  EXPECT_EQ(r.body, "ok");
  EXPECT_FALSE(p.wantsContinue());
}

TEST(HttpParse, BytesAfterAnUpgradeRequestStayBuffered) {
  HttpRequestParser p;
  p.feed("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n\r\n\x82\x80" "abcd");
  HttpRequest r;
  ASSERT_EQ(p.next(&r), HttpRequestParser::Result::Request);
  EXPECT_EQ(p.takeBuffered(), "\x82\x80" "abcd");
  EXPECT_EQ(p.buffered(), 0u);
}

struct QueryCase {
  const char* name;
  const char* raw;
  std::vector<std::pair<std::string, std::string>> want;
};

class HttpQuery : public ::testing::TestWithParam<QueryCase> {};

TEST_P(HttpQuery, DecodesAsGo) { EXPECT_EQ(parseQuery(GetParam().raw), GetParam().want); }

INSTANTIATE_TEST_SUITE_P(
    Cases, HttpQuery,
    ::testing::Values(
        QueryCase{"Empty", "", {}},
        QueryCase{"PercentAndPlus", "labelSelector=app%3Dweb%2Ctier+in+%28a%29&limit=500",
                  {{"labelSelector", "app=web,tier in (a)"}, {"limit", "500"}}},
        QueryCase{"RepeatedKeysKeepOrder", "command=sh&command=-c&command=echo+hi",
                  {{"command", "sh"}, {"command", "-c"}, {"command", "echo hi"}}},
        QueryCase{"KeyWithoutValue", "watch&x=", {{"watch", ""}, {"x", ""}}},
        QueryCase{"BadEscapeDropsOnlyThatPair", "a=%zz&b=2&c%4=1", {{"b", "2"}}},
        QueryCase{"SemicolonPairsDropped", "a=1;b=2&c=3", {{"c", "3"}}},
        QueryCase{"EmptyPairsSkipped", "&&a=1&", {{"a", "1"}}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(HttpWrite, WholeResponseCarriesItsLength) {
  HttpResponse r{404, {{"Content-Type", "application/json"}}, "{}"};
  EXPECT_EQ(writeResponse(r, false), "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_EQ(writeResponse(HttpResponse{204, {}, "x"}, true), "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
}

TEST(HttpWrite, ChunkedBody) {
  HttpResponse r{200, {{"Content-Type", "application/json"}}, ""};
  EXPECT_EQ(writeChunkedHead(r, false), "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
  EXPECT_EQ(writeChunk(std::string(26, 'x')), "1a\r\n" + std::string(26, 'x') + "\r\n");
  EXPECT_EQ(writeChunk(""), "");
  EXPECT_STREQ(kLastChunk, "0\r\n\r\n");
}

TEST(HttpWrite, StatusBodyIsMetav1Status) {
  EXPECT_EQ(statusJson(413, "RequestEntityTooLarge", "too \"big\"\n"),
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"too \\\"big\\\"\\n\","
            "\"reason\":\"RequestEntityTooLarge\",\"code\":413}");
}

}  // namespace
}  // namespace kp::net
