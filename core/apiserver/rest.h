// A REST call and its answer, as the API server's one request handler takes and gives them:
// kubectl in the console, the UI, lessons and the native HTTP endpoint all speak this. It holds
// no store and no component, so a client (core/kubectl) includes this and nothing else of the
// API server. Long-lived answers (watches, followed logs, exec, attach, port-forward) carry a
// Stream that the caller polls after the clock moved, as an HTTP client reads a chunked body.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/api/status.h"
#include "core/api/types.h"

namespace kp {

struct Request {
  std::string method = "GET";  // GET POST PUT PATCH DELETE
  std::string path;            // "/api/v1/namespaces/default/pods"
  // Query parameters: the first value of each key. Keys that repeat (exec's `command`,
  // port-forward's `ports`) keep every value, in order, in queryAll.
  std::map<std::string, std::string> query;
  std::vector<std::pair<std::string, std::string>> queryAll;
  Json body;                   // decoded JSON body (null when none)
  std::string contentType;     // for PATCH: application/merge-patch+json, ...
  std::string accept;          // "application/json;as=Table;v=v1;g=meta.k8s.io,..." for tables
  std::string userAgent = "kubectl/v1.32.4";
  // The Impersonate-User and Impersonate-Group headers (kubectl --as / --as-group).
  std::string impersonateUser;
  std::vector<std::string> impersonateGroups;

  // Adds a parameter (to query when it is the key's first value, and always to queryAll).
  void add(const std::string& key, const std::string& value) {
    query.emplace(key, value);
    queryAll.emplace_back(key, value);
  }
  // Every value of a key, in order (query's value when it was set directly).
  std::vector<std::string> values(const std::string& key) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : queryAll)
      if (k == key) out.push_back(v);
    if (out.empty()) {
      auto it = query.find(key);
      if (it != query.end()) out.push_back(it->second);
    }
    return out;
  }
  std::string param(const std::string& key) const {
    auto it = query.find(key);
    return it == query.end() ? std::string() : it->second;
  }
};

// What a stream produced: a watch event, or bytes on a channel.
struct StreamChunk {
  // Channels as the Kubernetes stream protocols number them. exec/attach: 1 stdout, 2 stderr,
  // 3 the final metav1.Status (JSON text); logs: 1; port-forward: 1 data, 2 error text.
  int channel = 1;
  std::string data;
  Json event;  // watch: {"type": "ADDED|MODIFIED|DELETED|BOOKMARK|ERROR", "object": {...}}
};

// The server side of a long-lived response. Single-threaded like the rest of the core: the
// caller polls take() whenever the clock moved (or input arrived) and stops when ended().
class Stream {
 public:
  enum class Kind { Watch, Log, Exec, Attach, PortForward };
  virtual ~Stream() = default;
  virtual Kind kind() const = 0;
  // What the stream produced since the last call, in order.
  virtual std::vector<StreamChunk> take() = 0;
  // Input from the client: stdin (channel 0) of exec/attach, bytes for a forwarded port.
  virtual void write(int channel, const std::string& data) {}
  // The client closed its input (stdin EOF, the forwarded connection's write side).
  virtual void closeInput() {}
  // A terminal's size changed (exec/attach with a tty).
  virtual void resize(int cols, int rows) {}
  // True when the server side ended; take() then holds the last output.
  virtual bool ended() const = 0;
  // The client went away: the stream lets go of what it holds. ended() is true afterwards.
  virtual void cancel() = 0;
  // The simulated time by which take() must be called again (a watch's timeout), or kNoTime.
  virtual Time wakeAt() const { return kNoTime; }
};

struct Response {
  int code = 200;
  Json body;          // JSON body (object, list, Table or Status)
  std::string text;   // plain-text body (pod logs)
  bool isText = false;
  std::shared_ptr<Stream> stream;  // set for watches, followed logs, exec/attach/port-forward
  // The Content-Type an HTTP front end sends; empty means application/json (text/plain for
  // text). Aggregated discovery needs its own: clients pick the format from it.
  std::string contentType;
  bool ok() const { return code < 400; }
};

// The one way into the cluster.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual Response handle(const Request& req) = 0;
};

}  // namespace kp
