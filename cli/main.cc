// kubeplay's native REPL: reads console lines from stdin and prints what the console would
// (stdout to stdout, stderr to stderr). From a script, simulated time moves only through sleep
// and the waiting commands, so a script and a seed always print the same bytes; at a terminal
// it shows a `$ ` prompt and simulated time follows the wall clock.
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>

#include "cli/serve.h"
#include "core/shell/shell.h"

namespace {

volatile std::sig_atomic_t gInterrupted = 0;
void onSigint(int) { gInterrupted = 1; }

void print(const std::vector<kp::OutputChunk>& chunks) {
  for (const auto& c : chunks) {
    std::FILE* f = c.err ? stderr : stdout;
    std::fwrite(c.text.data(), 1, c.text.size(), f);
    std::fflush(f);
  }
}

const char* kUsage =
    "Usage: kubeplay [--seed N] [--color]\n"
    "       kubeplay serve [--port 6443] [--seed N] [--script FILE] [--speed X] [--clock wall|manual]\n"
    "\n"
    "A simulated Kubernetes cluster (minikube with worker nodes) and a console for it.\n"
    "Reads console lines from stdin: kubectl ..., curl ..., sleep N, help.\n"
    "\n"
    "  --seed N   seed of the cluster's random choices (default 1): the same script and seed\n"
    "             print the same bytes\n"
    "  --color    colour kubecolor output and errors (default: on at a terminal)\n"
    "  --no-color never colour\n"
    "  --help     this text\n"
    "\n"
    "From a script (stdin not a terminal) simulated time moves only through sleep and the\n"
    "commands that wait (kubectl wait, kubectl delete); at a terminal it follows the clock.\n"
    "A script cannot press Ctrl+C: a `kubectl get -w` there keeps printing while the next lines\n"
    "run and stops when the next sleep finishes. `CMD &` runs CMD in the background.\n"
    "\n"
    "`kubeplay serve` serves the cluster's API on 127.0.0.1 for the real kubectl (serve --help).\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "serve") == 0) {
    std::vector<std::string> args(argv + 2, argv + argc);
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      std::fputs(kp::kServeUsage, stdout);
      return 0;
    }
    kp::ServeOptions so;
    std::string err;
    if (!kp::parseServeArgs(args, &so, &err)) {
      std::fprintf(stderr, "kubeplay serve: %s\n%s", err.c_str(), kp::kServeUsage);
      return 2;
    }
    return kp::runServe(so);
  }
  kp::ClusterOptions copts;
  bool interactive = isatty(0) != 0;
  int colorMode = -1;  // -1: auto
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if ((a == "--seed" && i + 1 < argc) || a.rfind("--seed=", 0) == 0) {
      std::string v = a == "--seed" ? argv[++i] : a.substr(7);
      char* end = nullptr;
      unsigned long long s = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || !end || *end != '\0') {
        std::fprintf(stderr, "kubeplay: invalid seed %s\n", v.c_str());
        return 2;
      }
      copts.seed = s;
    } else if (a == "--color") {
      colorMode = 1;
    } else if (a == "--no-color") {
      colorMode = 0;
    } else {
      std::fprintf(stderr, "kubeplay: unknown argument %s\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  kp::Cluster cluster(copts);
  cluster.settle();
  kp::ShellOptions sopts;
  sopts.color = colorMode == 1 || (colorMode == -1 && interactive && isatty(1));
  sopts.dashboard = [] {
    return std::string(
        "The cluster view (the dashboard of this simulation) is in the browser build:\n"
        "run scripts/serve.sh and open http://127.0.0.1:8080\n");
  };
  kp::Shell shell(cluster, sopts);

  using Clock = std::chrono::steady_clock;
  auto last = Clock::now();
  // Moves simulated time by the wall-clock time since the last call (interactive mode).
  auto followWallClock = [&] {
    auto now = Clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - last).count();
    last = now;
    if (ms > 0) cluster.advance(ms);
    cluster.settle();
  };
  if (interactive) std::signal(SIGINT, onSigint);

  int lastCode = 0;
  std::string line;
  while (true) {
    if (interactive) {
      std::fputs("$ ", stdout);
      std::fflush(stdout);
    }
    if (!std::getline(std::cin, line)) break;
    // a here-document or an open quote continues on the next lines, behind bash's "> "
    while (shell.needsMoreInput(line)) {
      if (interactive) {
        std::fputs("> ", stdout);
        std::fflush(stdout);
      }
      std::string more;
      if (!std::getline(std::cin, more)) break;
      line += "\n" + more;
    }
    if (interactive) followWallClock();
    auto ex = shell.start(line);
    if (ex->clearsScreen() && interactive) std::fputs("\x1b[H\x1b[2J", stdout);
    print(ex->takeOutput());
    print(shell.pollBackground());
    if (!interactive) {
      if (!ex->finished() && ex->wakeAt() == kp::kNoTime) {
        // A command that waits for Ctrl+C (kubectl get -w): a script cannot press it, so the
        // command goes on while the next lines run and stops when the next sleep finishes.
        shell.continueUntilNextSleep(std::move(ex));
        print(shell.pollBackground());
        lastCode = 0;
        continue;
      }
      kp::runToCompletion(cluster, *ex, [&] {
        print(ex->takeOutput());
        print(shell.pollBackground());
      });
    } else {
      gInterrupted = 0;
      while (!ex->finished()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        followWallClock();
        if (gInterrupted) {
          ex->interrupt();
          std::fputs("^C\n", stdout);
        } else {
          ex->poll();
        }
        print(ex->takeOutput());
        print(shell.pollBackground());
      }
    }
    print(ex->takeOutput());
    print(shell.pollBackground());
    lastCode = ex->exitCode();
  }
  print(shell.pollBackground());
  if (interactive) std::fputs("\n", stdout);
  return lastCode;
}
