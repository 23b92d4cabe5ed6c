#include "tests/cli/serve_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>

namespace kp::testing {

namespace {

void writeAll(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(fd, s.data() + off, s.size() - off);
    if (n <= 0) return;
    off += size_t(n);
  }
}

// In the child: stdin from `in`, stdout and stderr to the pipes, then exec.
[[noreturn]] void execChild(const std::vector<std::string>& argv, const ProcessOptions& o, int in, int out, int err) {
  dup2(in, 0);
  dup2(out, 1);
  dup2(err, 2);
  for (const auto& [k, v] : o.env) {
    if (v.empty()) unsetenv(k.c_str());
    else setenv(k.c_str(), v.c_str(), 1);
  }
  if (!o.cwd.empty() && chdir(o.cwd.c_str()) != 0) _exit(126);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  _exit(127);
}

}  // namespace

ProcessResult runProcess(const std::vector<std::string>& argv, const ProcessOptions& o) {
  ProcessResult r;
  int inPipe[2], outPipe[2], errPipe[2];
  if (pipe(inPipe) != 0 || pipe(outPipe) != 0 || pipe(errPipe) != 0) return r;
  pid_t pid = fork();
  if (pid == 0) {
    close(inPipe[1]);
    close(outPipe[0]);
    close(errPipe[0]);
    execChild(argv, o, inPipe[0], outPipe[1], errPipe[1]);
  }
  close(inPipe[0]);
  close(outPipe[1]);
  close(errPipe[1]);
  signal(SIGPIPE, SIG_IGN);
  writeAll(inPipe[1], o.input);  // inputs are small: they fit the pipe
  close(inPipe[1]);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(o.timeoutMs);
  pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
  int open = 2;
  while (open > 0 && std::chrono::steady_clock::now() < deadline) {
    if (poll(fds, 2, 100) <= 0) continue;
    for (int i = 0; i < 2; i++) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      char buf[4096];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        (i == 0 ? r.out : r.err).append(buf, size_t(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        open--;
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
  if (open > 0) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exitCode = open == 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

bool ServeProcess::start(const std::string& binary, const std::string& kubeconfig, const std::vector<std::string>& args,
                         std::string* error) {
  int outPipe[2];
  if (pipe(outPipe) != 0) return false;
  std::vector<std::string> argv = {binary, "serve", "--port", "0", "--kubeconfig", kubeconfig};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_ = fork();
  if (pid_ == 0) {
    close(outPipe[0]);
    int devnull = open("/dev/null", O_RDONLY);
    execChild(argv, {}, devnull, outPipe[1], 2);
  }
  close(outPipe[1]);
  outFd_ = outPipe[0];
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  pollfd p{outFd_, POLLIN, 0};
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    if (poll(&p, 1, 100) <= 0) continue;
    char c;
    if (read(outFd_, &c, 1) != 1) break;
    line += c;
  }
  const std::string at = "http://127.0.0.1:";
  size_t i = line.find(at);
  if (i != std::string::npos) port_ = std::atoi(line.c_str() + i + at.size());
  // The rest of what it prints is not needed; it must not block on a full pipe.
  fcntl(outFd_, F_SETFL, O_NONBLOCK);
  if (port_ <= 0) *error = "kubeplay serve did not start: " + line;
  return port_ > 0;
}

void ServeProcess::stop() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  if (outFd_ >= 0) close(outFd_);
  outFd_ = -1;
}

std::string ServeProcess::post(const std::string& pathAndQuery) const {
  // Drain what the server printed meanwhile, so that it never blocks on its stdout.
  char sink[4096];
  while (outFd_ >= 0 && read(outFd_, sink, sizeof sink) > 0) {
  }
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(uint16_t(port_));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string got;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
    writeAll(fd, "POST " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) got.append(buf, size_t(n));
  }
  ::close(fd);
  size_t body = got.find("\r\n\r\n");
  return body == std::string::npos ? "" : got.substr(body + 4);
}

}  // namespace kp::testing
