// End to end: `kubeplay serve` on an ephemeral port with the manual clock, driven by the real
// kubectl 1.32 through the kubeconfig it writes. Each command must print what the console's own
// kubectl prints for the same seed (the clock stands still, so even ages agree). Skipped where
// kubectl 1.32 is not installed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/shell/shell.h"
#include "tests/cli/serve_process.h"

namespace kp {
namespace {

constexpr const char* kKubectl = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";

using testing::ProcessResult;

class KubectlEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (access(kKubectl, X_OK) != 0) return;
    dir_ = std::filesystem::temp_directory_path() / ("kubeplay-e2e-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    kubeconfig_ = (dir_ / "kubeconfig").string();
    int outPipe[2];
    if (pipe(outPipe) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(outPipe[1], 1);
      close(outPipe[0]);
      std::string kc = kubeconfig_;
      execl(KP_KUBEPLAY_BIN, KP_KUBEPLAY_BIN, "serve", "--port", "0", "--seed", "7", "--clock", "manual", "--kubeconfig",
            kc.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(outPipe[1]);
    // The first line says where it listens.
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    pollfd p{outPipe[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      if (poll(&p, 1, 100) <= 0) continue;
      char c;
      if (read(outPipe[0], &c, 1) != 1) break;
      line += c;
    }
    serverLine_ = line;
    // Keep reading the server's output in the background of the pipe (it prints little).
    fcntl(outPipe[0], F_SETFL, O_NONBLOCK);
    outFd_ = outPipe[0];
  }

  static void TearDownTestSuite() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    if (outFd_ >= 0) close(outFd_);
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  void SetUp() override {
    if (access(kKubectl, X_OK) != 0) GTEST_SKIP() << kKubectl << " is not installed: the end-to-end test needs kubectl 1.32";
    ASSERT_NE(serverLine_.find("serving the simulated cluster at http://127.0.0.1:"), std::string::npos) << serverLine_;
  }

  static ProcessResult kubectl(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {kKubectl, "--kubeconfig=" + kubeconfig_, "--cache-dir=" + (dir_ / "cache").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::runProcess(argv);
  }

  static inline std::filesystem::path dir_;
  static inline std::string kubeconfig_, serverLine_;
  static inline pid_t pid_ = -1;
  static inline int outFd_ = -1;
};

TEST_F(KubectlEndToEnd, VersionNamesTheServer) {
  auto r = kubectl({"version"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("Client Version: v1.32."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Server Version: v1.32.4\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
}

TEST_F(KubectlEndToEnd, KubeconfigNamesMinikube) {
  auto r = kubectl({"config", "get-contexts"});
  EXPECT_EQ(r.out, "CURRENT   NAME       CLUSTER    AUTHINFO   NAMESPACE\n*         minikube   minikube   minikube   default\n");
}

struct E2eCase {
  const char* name;
  const char* line;  // the kubectl command line, as the console takes it
};

class KubectlMatchesConsole : public KubectlEndToEnd, public ::testing::WithParamInterface<E2eCase> {};

TEST_P(KubectlMatchesConsole, PrintsWhatTheConsolePrints) {
  std::string line = GetParam().line;
  std::vector<std::string> args;
  for (size_t i = line.find(' ') + 1, j; i <= line.size(); i = j + 1) {
    j = line.find(' ', i);
    if (j == std::string::npos) j = line.size();
    args.push_back(line.substr(i, j - i));
  }
  auto real = kubectl(args);
  // The console on an identical cluster: same seed, settled, the clock not moved.
  ClusterOptions o;
  o.seed = 7;
  Cluster cluster(o);
  cluster.settle();
  Shell shell(cluster);
  int code = -1;
  std::string out, err;
  for (const auto& c : shell.run(line, &code)) (c.err ? err : out) += c.text;
  EXPECT_EQ(real.out, out);
  EXPECT_EQ(real.err, err);
  EXPECT_EQ(real.exitCode, code);
  EXPECT_FALSE(real.out.empty());
}

INSTANTIATE_TEST_SUITE_P(Commands, KubectlMatchesConsole,
                         ::testing::Values(E2eCase{"GetNodes", "kubectl get nodes"}, E2eCase{"GetPodsAllNamespaces", "kubectl get pods -A"},
                                           E2eCase{"GetServices", "kubectl get svc"}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace kp
