// The kubelet's own API, which the API server proxies the pod subresources to: container
// logs (and following them), exec, attach and port-forward. Streams are answered on the
// simulated clock: a follower sees each line as the program writes it; an exec runs the
// command in the container's world (or, for an interactive shell, each line it is sent);
// a forwarded connection carries one HTTP exchange with the program on that port.
#include <algorithm>
#include <cstdio>
#include <utility>

#include "core/api/json.h"
#include "core/apiserver/store.h"
#include "core/base/strings.h"
#include "core/kubelet/images.h"
#include "core/kubelet/kubelet.h"

namespace kp {

namespace {

Response badRequest(const std::string& msg) {
  Status s = Status::badRequest(msg);
  return Response{400, s.toJson(), "", false, nullptr, ""};
}
// The kubelet answers a stream for a container it does not run in plain text, which the API
// server passes on; kubectl prints "unable to upgrade connection: <text>".
Response notRunning(const std::string& container) {
  return Response{404, nullptr, "container not found (" + goQuote(container) + ")", true, nullptr, ""};
}

std::string container(const Pod& pod, const Request& req) {
  std::string c = req.param("container");
  if (c.empty() && !pod.spec.containers.empty()) c = pod.spec.containers[0].name;
  return c;
}

bool flag(const Request& req, const char* key) {
  std::string v = req.param(key);
  return v == "true" || v == "1";
}

// A terminal turns each "\n" into "\r\n" (the pty's onlcr).
std::string onTerminal(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// The runtime's RFC 3339 timestamp (nanoseconds; ours are whole milliseconds).
std::string logStamp(Time t) {
  std::string iso = formatTime(t / 1000 * 1000);
  char frac[24];
  std::snprintf(frac, sizeof frac, ".%03lld000000Z", static_cast<long long>(t % 1000));
  if (!iso.empty() && iso.back() == 'Z') iso.pop_back();
  return iso + frac + " ";
}

// The final message of an exec or attach: metav1.Status, as the error channel carries it.
std::string exitStatus(int code, const std::vector<std::string>& argv) {
  if (code == 0) return R"({"metadata":{},"status":"Success"})";
  std::string cmd = "[" + join(argv, " ") + "]";
  Json s = {{"metadata", Json::object()},
            {"status", "Failure"},
            {"message", "command terminated with non-zero exit code: error executing command " + cmd + ", exit code " +
                            std::to_string(code)},
            {"reason", "NonZeroExitCode"},
            {"details", {{"causes", Json::array({{{"reason", "ExitCode"}, {"message", std::to_string(code)}}})}}}};
  return s.dump();
}

// Follows one container instance's log (logs -f) or its output (attach).
class FollowStream : public Stream {
 public:
  FollowStream(Kind kind, const Kubelets& k, std::weak_ptr<int> alive, std::string uid, std::string container,
               int instance, uint64_t from, bool stamps, bool tty)
      : kind_(kind), k_(k), alive_(std::move(alive)), uid_(std::move(uid)), container_(std::move(container)),
        instance_(instance), next_(from), stamps_(stamps), tty_(tty) {}
  Kind kind() const override { return kind_; }
  bool ended() const override { return ended_; }
  void cancel() override { ended_ = true; }
  std::vector<StreamChunk> take() override {
    std::vector<StreamChunk> out;
    if (ended_) return out;
    if (alive_.expired()) {
      ended_ = true;
      return out;
    }
    auto tail = k_.logSince(uid_, container_, instance_, next_);
    next_ = tail.next;
    std::string text;
    for (size_t i = 0; i < tail.lines.size(); i++) text += (stamps_ ? logStamp(tail.times[i]) : "") + tail.lines[i] + "\n";
    if (!text.empty()) out.push_back({1, tty_ ? onTerminal(text) : text, nullptr});
    if (!tail.running) {
      ended_ = true;
      if (kind_ == Kind::Attach) out.push_back({3, exitStatus(0, {}), nullptr});
    }
    return out;
  }

 private:
  Kind kind_;
  const Kubelets& k_;
  std::weak_ptr<int> alive_;
  std::string uid_, container_;
  int instance_;
  uint64_t next_;
  bool stamps_, tty_, ended_ = false;
};

// A stream whose output is queued in out_ until taken; it has ended once done_ is set and
// everything queued was taken. Cancelling drops what was not taken yet.
class BufferedStream : public Stream {
 public:
  bool ended() const override { return done_ && out_.empty(); }
  void cancel() override {
    done_ = true;
    out_.clear();
  }
  std::vector<StreamChunk> take() override { return std::exchange(out_, {}); }

 protected:
  std::vector<StreamChunk> out_;
  bool done_ = false;
};

// An exec session: the command runs at once, or (with stdin) when its input is complete; a
// shell given a terminal or stdin runs each line it is sent, until `exit` or end of input.
class ExecStream : public BufferedStream {
 public:
  ExecStream(ContainerWorld world, std::weak_ptr<int> alive, Ptr<Pod> pod, std::string container,
             std::vector<std::string> argv, bool stdinOpen, bool tty, bool interactiveShell, std::string prompt)
      : world_(world), alive_(std::move(alive)), pod_(std::move(pod)), container_(std::move(container)),
        argv_(std::move(argv)), stdin_(stdinOpen), tty_(tty), shell_(interactiveShell), prompt_(std::move(prompt)) {
    if (shell_) emit(1, prompt_);
    else if (!stdin_) runOnce();
  }
  Kind kind() const override { return Kind::Exec; }
  void write(int channel, const std::string& data) override {
    if (done_ || channel != 0 || alive_.expired()) return;
    if (!shell_) {
      if (input_.size() < (1u << 20)) input_ += data;
      return;
    }
    for (char c : data) {
      if (done_) return;
      if (tty_) emit(1, c == '\r' ? std::string("\r\n") : std::string(1, c));
      if (c == '\r' || c == '\n') {
        runLine(line_);
        line_.clear();
      } else if (c == 0x7f || c == 0x08) {
        if (!line_.empty()) line_.pop_back();
      } else if (c == 0x04 && line_.empty()) {  // Ctrl+D
        finish(0);
      } else if (line_.size() < 4096) {
        line_ += c;
      }
    }
  }
  void closeInput() override {
    if (done_) return;
    if (shell_) finish(0);
    else runOnce();
  }

 private:
  void emit(int channel, const std::string& s) {
    if (!s.empty()) out_.push_back({tty_ ? 1 : channel, tty_ ? onTerminal(s) : s, nullptr});
  }
  void finish(int code) {
    out_.push_back({3, exitStatus(code, argv_), nullptr});
    done_ = true;
  }
  void runOnce() {
    if (alive_.expired()) return finish(1);
    // `cat` with stdin copies its input, as the image's cat would.
    if (argv_.size() == 1 && argv_[0] == "cat" && stdin_) {
      emit(1, input_);
      return finish(0);
    }
    ExecResult r = execInContainer(world_, *pod_, container_, argv_, stdin_ ? &input_ : nullptr);
    if (!r.error.empty()) {
      // The runtime could not start the command: OCI's text on stdout, exit code 126/127.
      emit(1, r.error + "\n");
      return finish(r.exitCode);
    }
    emit(1, r.out);
    emit(2, r.errOut);
    finish(r.exitCode);
  }
  void runLine(const std::string& line) {
    std::string cmd = trimSpace(line);
    if (cmd == "exit" || startsWith(cmd, "exit ")) {
      int code = cmd.size() > 5 ? std::atoi(cmd.c_str() + 5) : 0;
      return finish(code);
    }
    if (!cmd.empty() && !alive_.expired()) {
      ExecResult r = execInContainer(world_, *pod_, container_, {"sh", "-c", cmd});
      emit(1, r.error.empty() ? r.out : r.error + "\n");
      emit(2, r.errOut);
    }
    emit(1, prompt_);
  }

  ContainerWorld world_;
  std::weak_ptr<int> alive_;
  Ptr<Pod> pod_;
  std::string container_;
  std::vector<std::string> argv_;
  bool stdin_, tty_, shell_;
  std::string prompt_, input_, line_;
};

// One forwarded connection to a pod's port: the bytes of one HTTP request in, the program's
// answer out, then the connection closes (the images' servers answer with Connection: close).
class PortForwardStream : public BufferedStream {
 public:
  PortForwardStream(Kubelets& k, std::weak_ptr<int> alive, Ptr<Pod> pod, int port, std::string refused)
      : k_(k), alive_(std::move(alive)), pod_(std::move(pod)), port_(port), refused_(std::move(refused)) {}
  Kind kind() const override { return Kind::PortForward; }
  void write(int channel, const std::string& data) override {
    if (done_ || alive_.expired()) return;
    if (request_.size() < (1u << 16)) request_ += data;
    size_t end = request_.find("\r\n\r\n");
    if (end == std::string::npos) end = request_.find("\n\n");
    if (end == std::string::npos) return;
    answer();
  }
  void closeInput() override {
    if (!done_) answer();
  }

 private:
  void answer() {
    done_ = true;
    std::string path = "/";
    auto sp = request_.find(' ');
    if (sp != std::string::npos) {
      auto sp2 = request_.find(' ', sp + 1);
      path = request_.substr(sp + 1, sp2 == std::string::npos ? std::string::npos : sp2 - sp - 1);
    }
    PodHttpAnswer a = k_.serveHttp(*pod_, port_, path, "127.0.0.1");
    if (a.status == 0) {
      out_.push_back({2, refused_, nullptr});
      return;
    }
    std::string reason = a.status == 200 ? "OK" : a.status == 404 ? "Not Found" : a.status >= 500 ? "Internal Server Error" : "OK";
    std::string head = "HTTP/1.1 " + std::to_string(a.status) + " " + reason + "\r\nContent-Type: text/plain\r\n" +
                       "Content-Length: " + std::to_string(a.body.size()) + "\r\nConnection: close\r\n\r\n";
    out_.push_back({1, head + a.body, nullptr});
  }

  Kubelets& k_;
  std::weak_ptr<int> alive_;
  Ptr<Pod> pod_;
  int port_;
  std::string refused_, request_;
};

}  // namespace

Response Kubelets::logs(const Pod& pod, const Request& req) {
  std::string cname = req.param("container");
  if (cname.empty()) {
    if (pod.spec.containers.size() != 1) {
      std::vector<std::string> names;
      for (const auto& c : pod.spec.containers) names.push_back(c.name);
      return badRequest("a container name must be specified for pod " + pod.metadata.name + ", choose one of: [" + join(names, " ") + "]");
    }
    cname = pod.spec.containers[0].name;
  }
  bool known = false;
  for (const auto& c : pod.spec.containers) known |= c.name == cname;
  if (!known) return badRequest("container " + cname + " is not valid for pod " + pod.metadata.name);
  auto it = pods_.find(pod.metadata.uid);
  const ContainerRun* cr = nullptr;
  if (it != pods_.end()) {
    auto c = it->second.containers.find(cname);
    if (c != it->second.containers.end()) cr = &c->second;
  }
  const bool previous = flag(req, "previous");
  if (previous) {
    if (!cr || cr->restarts == 0)
      return badRequest("previous terminated container \"" + cname + "\" in pod \"" + pod.metadata.name + "\" not found");
  } else if (!cr || !cr->created) {
    std::string why = "ContainerCreating";
    if (cr && (cr->waitReason == "ErrImagePull" || cr->waitReason == "ImagePullBackOff")) why = "trying and failing to pull image";
    else if (cr && !cr->waitReason.empty()) why = cr->waitReason;
    return badRequest("container \"" + cname + "\" in pod \"" + pod.metadata.name + "\" is waiting to start: " + why);
  }
  const auto& lines = previous ? cr->previousLogs : cr->logs;
  const auto& times = previous ? cr->previousLogTimes : cr->logTimes;
  const bool stamps = flag(req, "timestamps");
  size_t from = 0;
  if (!req.param("tailLines").empty()) {
    long long n = std::atoll(req.param("tailLines").c_str());
    if (n >= 0 && static_cast<size_t>(n) < lines.size()) from = lines.size() - static_cast<size_t>(n);
  }
  std::string text;
  for (size_t i = from; i < lines.size(); i++) text += (stamps ? logStamp(i < times.size() ? times[i] : 0) : "") + lines[i] + "\n";
  if (!flag(req, "follow") || previous || !cr->running) return Response{200, nullptr, text, true, nullptr, ""};
  // Following: what is there now, then each new line until the instance ends.
  auto stream = std::make_shared<FollowStream>(Stream::Kind::Log, *this, alive_, pod.metadata.uid, cname, cr->instance,
                                               cr->logTotal, stamps, false);
  Response resp{200, nullptr, text, true, stream, ""};
  return resp;
}

Response Kubelets::exec(const Pod& pod, const Request& req) {
  std::string cname = container(pod, req);
  if (runningInstance(pod, cname) == 0) return notRunning(cname);
  std::vector<std::string> argv = req.values("command");
  bool tty = flag(req, "tty"), in = flag(req, "stdin");
  auto current = store_.get<Pod>(pod.metadata.namespace_, pod.metadata.name);
  const Container* spec = nullptr;
  for (const auto& c : pod.spec.containers)
    if (c.name == cname) spec = &c;
  auto image = findImage(spec ? spec->image : "");
  static const std::vector<std::string> shells = {"sh", "bash", "ash", "/bin/sh", "/bin/bash", "/bin/ash"};
  bool shell = (in || tty) && argv.size() == 1 && std::find(shells.begin(), shells.end(), argv[0]) != shells.end();
  // A shell the image does not have (bash in alpine, sh in pause) fails to start like any
  // other missing executable.
  if (shell && current && !execInContainer(world(), *current, cname, {argv[0], "-c", "true"}).error.empty()) shell = false;
  // A shell prompts only when its stdin is a terminal (sh -i aside): `exec -i` without -t
  // reads commands silently, as a script.
  std::string prompt = !tty ? "" : image && image->shell == "busybox" ? "/ # " : "# ";
  auto stream = std::make_shared<ExecStream>(world(), alive_, current ? current : std::make_shared<Pod>(pod), cname,
                                             argv, in, tty, shell, prompt);
  return Response{200, nullptr, "", false, stream, ""};
}

Response Kubelets::attach(const Pod& pod, const Request& req) {
  std::string cname = container(pod, req);
  int instance = runningInstance(pod, cname);
  if (instance == 0) return notRunning(cname);
  // A container started with stdin open (kubectl run -i) holds its output for the first
  // attacher; any other is attached from now on.
  bool held = false;
  for (const auto& c : pod.spec.containers)
    if (c.name == cname) held = c.stdin_;
  uint64_t from = held ? 0 : logSince(pod.metadata.uid, cname, instance, 0).next;
  auto stream = std::make_shared<FollowStream>(Stream::Kind::Attach, *this, alive_, pod.metadata.uid, cname, instance,
                                               from, false, flag(req, "tty"));
  return Response{200, nullptr, "", false, stream, ""};
}

Response Kubelets::portForward(const Pod& pod, const Request& req) {
  std::string ports = req.param("ports");
  if (ports.empty()) return Response{200, nullptr, "", true, nullptr, ""};
  char* end = nullptr;
  long port = std::strtol(ports.c_str(), &end, 10);
  if (end == ports.c_str() || *end != '\0' || port < 1 || port > 65535) return badRequest("invalid port " + ports);
  // What the runtime's port forwarder (socat in the pod's network namespace) reports when
  // nothing listens on the port.
  char stamp[32];
  Time t = timers_.now() / 1000;
  std::string iso = formatTime(t * 1000);  // 2026-01-01T00:00:00Z
  std::snprintf(stamp, sizeof stamp, "%s/%s/%s %s", iso.substr(0, 4).c_str(), iso.substr(5, 2).c_str(),
                iso.substr(8, 2).c_str(), iso.substr(11, 8).c_str());
  std::string sandbox = pod.metadata.uid;
  sandbox.erase(std::remove(sandbox.begin(), sandbox.end(), '-'), sandbox.end());
  std::string refused = "error forwarding port " + ports + " to pod " + sandbox + ", uid : exit status 1: " + stamp +
                        " socat[" + std::to_string(1000 + t % 9000) + "] E connect(5, AF=2 127.0.0.1:" + ports +
                        ", 16): Connection refused\n";
  auto current = store_.get<Pod>(pod.metadata.namespace_, pod.metadata.name);
  auto stream = std::make_shared<PortForwardStream>(*this, alive_, current ? current : std::make_shared<Pod>(pod),
                                                    static_cast<int>(port), refused);
  return Response{200, nullptr, "", false, stream, ""};
}

}  // namespace kp
