// The streaming protocols against the real kubectl 1.32: exec over WebSocket v5 (stdin, stdout,
// the exit Status), port-forward tunneled in WebSocket and over plain SPDY, and followed logs.
// The cluster is real; only the Streams behind exec, logs and forwarded ports are scripted here,
// so these tests pin the wire protocols while the core's own streams are written and changed.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "cli/serve.h"
#include "core/sim/cluster.h"

namespace kp {
namespace {

constexpr const char* kKubectl = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";

// Exec: `cat` echoes stdin until it closes; `fail` exits 3 at once.
class ScriptedExec : public Stream {
 public:
  explicit ScriptedExec(std::string command) : command_(std::move(command)) {
    if (command_ == "fail") {
      out_.push_back({2, "failing\n", nullptr});
      finish(3);
    }
  }
  Kind kind() const override { return Kind::Exec; }
  std::vector<StreamChunk> take() override { return std::exchange(out_, {}); }
  void write(int channel, const std::string& data) override {
    if (channel == 0 && !ended_) out_.push_back({1, data, nullptr});
  }
  void closeInput() override {
    if (!ended_) finish(0);
  }
  bool ended() const override { return ended_; }
  void cancel() override { ended_ = true; }

 private:
  void finish(int code) {
    Json status = {{"metadata", Json::object()}, {"status", code == 0 ? "Success" : "Failure"}};
    if (code != 0) {
      status["reason"] = "NonZeroExitCode";
      status["message"] = "command terminated with non-zero exit code";
      status["details"] = {{"causes", {{{"reason", "ExitCode"}, {"message", std::to_string(code)}}}}};
    }
    out_.push_back({3, status.dump(), nullptr});
    ended_ = true;
  }
  std::string command_;
  std::vector<StreamChunk> out_;
  bool ended_ = false;
};

// A forwarded connection: answers each write with "pong:<bytes>", ends when the client closes.
class ScriptedForward : public Stream {
 public:
  Kind kind() const override { return Kind::PortForward; }
  std::vector<StreamChunk> take() override { return std::exchange(out_, {}); }
  void write(int, const std::string& data) override { out_.push_back({1, "pong:" + data, nullptr}); }
  void closeInput() override { ended_ = true; }
  bool ended() const override { return ended_; }
  void cancel() override { ended_ = true; }

 private:
  std::vector<StreamChunk> out_;
  bool ended_ = false;
};

// A followed log: two lines over two takes, then the end.
class ScriptedLog : public Stream {
 public:
  Kind kind() const override { return Kind::Log; }
  std::vector<StreamChunk> take() override {
    std::vector<StreamChunk> out;
    if (step_ == 0) out.push_back({1, "first line\n", nullptr});
    if (step_ == 1) {
      out.push_back({1, "second line\n", nullptr});
      ended_ = true;
    }
    step_++;
    return out;
  }
  bool ended() const override { return ended_; }
  void cancel() override { ended_ = true; }

 private:
  int step_ = 0;
  bool ended_ = false;
};

// A watch: the events it was given on the first take, then the end.
class ScriptedWatch : public Stream {
 public:
  explicit ScriptedWatch(std::vector<Json> events) : events_(std::move(events)) {}
  Kind kind() const override { return Kind::Watch; }
  std::vector<StreamChunk> take() override {
    std::vector<StreamChunk> out;
    for (auto& e : events_) out.push_back({1, "", e});
    events_.clear();
    ended_ = ++takes_ > 1;
    return out;
  }
  bool ended() const override { return ended_; }
  void cancel() override { ended_ = true; }

 private:
  std::vector<Json> events_;
  int takes_ = 0;
  bool ended_ = false;
};

class ScriptedStreams : public RequestHandler {
 public:
  explicit ScriptedStreams(RequestHandler& real) : real_(real) {}
  Response handle(const Request& r) override {
    auto ends = [&](const std::string& s) { return r.path.size() > s.size() && r.path.compare(r.path.size() - s.size(), s.size(), s) == 0; };
    if (ends("/exec")) return Response{200, nullptr, "", false, std::make_shared<ScriptedExec>(r.param("command"))};
    if (ends("/portforward")) {
      if (r.param("ports").empty()) return Response{200, Json::object(), "", false};
      return Response{200, nullptr, "", false, std::make_shared<ScriptedForward>()};
    }
    if (ends("/log") && r.param("follow") == "true") return Response{200, nullptr, "", true, std::make_shared<ScriptedLog>()};
    if (r.param("watch") == "true") {
      // The same list without watch (a Table when kubectl asked for one) as one MODIFIED event.
      Request list = r;
      for (const char* k : {"watch", "resourceVersion", "allowWatchBookmarks", "timeoutSeconds"}) {
        list.query.erase(k);
        std::erase_if(list.queryAll, [&](const auto& kv) { return kv.first == k; });
      }
      Response now = real_.handle(list);
      Json object = now.body;
      if (object.value("kind", "") != "Table" && object.contains("items") && !object["items"].empty()) {
        // List items carry no kind (as the API server lists them); a watch event's object does.
        std::string kind = object.value("kind", "");
        object = object["items"][0];
        object["kind"] = kind.substr(0, kind.size() - 4);  // "ServiceList" -> "Service"
        object["apiVersion"] = now.body.value("apiVersion", "v1");
      }
      return Response{200, nullptr, "", false, std::make_shared<ScriptedWatch>(std::vector<Json>{{{"type", "MODIFIED"}, {"object", object}}})};
    }
    return real_.handle(r);
  }

 private:
  RequestHandler& real_;
};

class KubectlStreams : public ::testing::Test {
 protected:
  void SetUp() override {
    if (access(kKubectl, X_OK) != 0) GTEST_SKIP() << kKubectl << " is not installed: this test needs kubectl 1.32";
    dir_ = std::filesystem::temp_directory_path() / ("kubeplay-streams-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    cluster_.settle();
    api_ = std::make_unique<HttpApi>(scripted_);
    net::ServerOptions o;
    o.port = 0;
    server_ = std::make_unique<net::Server>(o, [this](const net::HttpRequest& r) { return api_->handle(r); });
    std::string err;
    ASSERT_TRUE(server_->listen(&err)) << err;
    std::ofstream(dir_ / "kubeconfig") << kubeconfigYaml("http://127.0.0.1:" + std::to_string(server_->port()));
    loop_ = std::thread([this] {
      while (!stop_) server_->runOnce(5);
    });
  }
  void TearDown() override {
    stop_ = true;
    if (loop_.joinable()) loop_.join();
    server_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // Runs kubectl with `input` on stdin; its stdout, stderr and exit code.
  struct Run {
    int code = -1;
    std::string out, err;
  };
  Run kubectl(const std::vector<std::string>& args, const std::string& input = "", const std::vector<std::string>& env = {}) {
    std::string in = (dir_ / "stdin").string(), out = (dir_ / "stdout").string(), errf = (dir_ / "stderr").string();
    std::ofstream(in) << input;
    pid_t pid = fork();
    if (pid == 0) {
      freopen(in.c_str(), "r", stdin);
      freopen(out.c_str(), "w", stdout);
      freopen(errf.c_str(), "w", stderr);
      for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
      std::vector<std::string> argv = {kKubectl, "--kubeconfig=" + (dir_ / "kubeconfig").string(),
                                       "--cache-dir=" + (dir_ / "cache").string()};
      argv.insert(argv.end(), args.begin(), args.end());
      std::vector<char*> a;
      for (auto& s : argv) a.push_back(s.data());
      a.push_back(nullptr);
      execv(a[0], a.data());
      _exit(127);
    }
    int status = 0;
    for (int i = 0; i < 600 && waitpid(pid, &status, WNOHANG) == 0; i++) usleep(100000);
    if (waitpid(pid, &status, WNOHANG) == 0) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
    Run r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream o(out), e(errf);
    r.out.assign(std::istreambuf_iterator<char>(o), {});
    r.err.assign(std::istreambuf_iterator<char>(e), {});
    return r;
  }

  // Starts `kubectl port-forward`, connects to the local port it prints, sends "ping" and
  // returns what came back.
  std::string forwardOnce(const std::vector<std::string>& env) {
    std::string out = (dir_ / "pf.out").string();
    pid_t pid = fork();
    if (pid == 0) {
      freopen(out.c_str(), "w", stdout);
      freopen((dir_ / "pf.err").string().c_str(), "w", stderr);
      for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
      std::string kc = "--kubeconfig=" + (dir_ / "kubeconfig").string(), cache = "--cache-dir=" + (dir_ / "cache").string();
      execl(kKubectl, kKubectl, kc.c_str(), cache.c_str(), "port-forward", "-n", "kube-system", "pod/etcd-minikube",
            "0:2379", static_cast<char*>(nullptr));
      _exit(127);
    }
    int port = 0;
    for (int i = 0; i < 300 && port == 0; i++) {
      usleep(100000);
      std::ifstream f(out);
      std::string text((std::istreambuf_iterator<char>(f)), {});
      size_t at = text.find("Forwarding from 127.0.0.1:");
      if (at != std::string::npos) port = std::atoi(text.c_str() + at + 26);
    }
    std::string got;
    if (port > 0) {
      int fd = socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_port = htons(uint16_t(port));
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
        timeval tv{10, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        send(fd, "ping", 4, 0);
        shutdown(fd, SHUT_WR);  // the forwarded connection's write side ends: the stream ends
        char buf[256];
        ssize_t n;
        while ((n = recv(fd, buf, sizeof buf, 0)) > 0) got.append(buf, size_t(n));
      }
      close(fd);
    }
    kill(pid, SIGINT);
    int status = 0;
    waitpid(pid, &status, 0);
    return got;
  }

  Cluster cluster_;
  ScriptedStreams scripted_{cluster_.api()};
  std::unique_ptr<HttpApi> api_;
  std::unique_ptr<net::Server> server_;
  std::thread loop_;
  std::atomic<bool> stop_{false};
  std::filesystem::path dir_;
};

TEST_F(KubectlStreams, ExecCopiesStdinToStdoutAndExitsWithTheCommand) {
  auto r = kubectl({"exec", "-i", "-n", "kube-system", "etcd-minikube", "--", "cat"}, "hello from stdin\n");
  EXPECT_EQ(r.out, "hello from stdin\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.code, 0);
}

TEST_F(KubectlStreams, ExecNonZeroExitCodeReachesKubectl) {
  auto r = kubectl({"exec", "-n", "kube-system", "etcd-minikube", "--", "fail"});
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "failing\ncommand terminated with exit code 3\n");
  EXPECT_EQ(r.code, 3);
}

TEST_F(KubectlStreams, ExecOnAMissingPodPrintsTheServersError) {
  auto r = kubectl({"exec", "nope", "--", "ls"});
  EXPECT_EQ(r.err, "Error from server (NotFound): pods \"nope\" not found\n");
  EXPECT_EQ(r.code, 1);
}

TEST_F(KubectlStreams, PortForwardTunneledInWebSocket) { EXPECT_EQ(forwardOnce({}), "pong:ping"); }

TEST_F(KubectlStreams, PortForwardOverPlainSpdy) {
  EXPECT_EQ(forwardOnce({"KUBECTL_PORT_FORWARD_WEBSOCKETS=false"}), "pong:ping");
}

TEST_F(KubectlStreams, WatchEventsArePrintedAsTheyCome) {
  auto r = kubectl({"get", "svc", "-w"});
  EXPECT_EQ(r.out, "NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n"
                   "kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   60m\n"
                   "kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   60m\n");
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(KubectlStreams, WatchAsNames) {
  auto r = kubectl({"get", "svc", "-w", "-o", "name"});
  EXPECT_EQ(r.out, "service/kubernetes\nservice/kubernetes\n");
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(KubectlStreams, FollowedLogsPrintUntilTheStreamEnds) {
  auto r = kubectl({"logs", "-f", "-n", "kube-system", "etcd-minikube"});
  EXPECT_EQ(r.out, "first line\nsecond line\n");
  EXPECT_EQ(r.code, 0) << r.err;
}

}  // namespace
}  // namespace kp
