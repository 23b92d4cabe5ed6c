// The console machine's loopback (127.0.0.1 / localhost): `kubectl port-forward` listens on
// ports here and the console's curl connects to them, as they would on a learner's laptop.
// A connection is one request and its answer, handled at once on the simulated clock.
#pragma once
#include <functional>
#include <map>
#include <string>

namespace kp {

class LocalPorts {
 public:
  struct Answer {
    bool connected = false;  // false: nothing listens (curl: "Couldn't connect to server")
    std::string bytes;       // what came back before the connection closed
    bool reset = false;      // the forwarder failed the connection (curl: "Empty reply from server")
  };
  using Handler = std::function<Answer(const std::string& request)>;

  // Starts listening; false when the port is taken.
  bool listen(int port, Handler handler) { return ports_.emplace(port, std::move(handler)).second; }
  void close(int port) { ports_.erase(port); }
  bool listening(int port) const { return ports_.count(port) > 0; }
  // Connects to a port and sends one request.
  Answer connect(int port, const std::string& request) {
    auto it = ports_.find(port);
    if (it == ports_.end()) return {};
    Handler h = it->second;  // the handler may close the port
    return h(request);
  }

 private:
  std::map<int, Handler> ports_;
};

}  // namespace kp
