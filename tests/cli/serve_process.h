// For the tests that drive `kubeplay serve` with the real kubectl: run a process with its
// output captured (and killed after a deadline), start the server on an ephemeral port, and
// call its control endpoint. Everything stays on 127.0.0.1.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace kp::testing {

struct ProcessResult {
  int exitCode = -1;  // -1: killed at the deadline or did not start
  std::string out, err;
};

struct ProcessOptions {
  std::string input;                        // its stdin
  std::string cwd;                          // "" = ours
  std::map<std::string, std::string> env;   // set on top of ours ("" unsets)
  int timeoutMs = 60000;
};

// Runs argv[0] (a path) with argv; its stdout, stderr and exit code.
ProcessResult runProcess(const std::vector<std::string>& argv, const ProcessOptions& opts = {});

// `kubeplay serve --port 0 --kubeconfig <kubeconfig> <args...>` in the background.
class ServeProcess {
 public:
  ServeProcess() = default;
  ~ServeProcess() { stop(); }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Starts the server and waits for its first line; false with *error set when it did not
  // come up within 30 s.
  bool start(const std::string& binary, const std::string& kubeconfig, const std::vector<std::string>& args,
             std::string* error);
  void stop();
  int port() const { return port_; }
  // POST to the control endpoint (/kubeplay/v1/advance?ms=N, /kubeplay/v1/next); the body of
  // the answer, or "" when the request failed.
  std::string post(const std::string& pathAndQuery) const;

 private:
  int pid_ = -1, outFd_ = -1, port_ = 0;
};

}  // namespace kp::testing
