// kubectl: the command line as real kubectl 1.32 parses it (cobra commands, pflag flags) and
// runs it against the simulated API server through Client. Output and errors are kubectl's,
// byte for byte; commands that wait (delete, wait, logs -f) keep their Execution running.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/clock.h"
#include "core/base/memfs.h"
#include "core/kubectl/client.h"
#include "core/kubectl/execution.h"
#include "core/kubectl/flags.h"
#include "core/kubectl/local_ports.h"

namespace kp {

// One context of the kubeconfig (`kubectl config get-contexts`).
struct KubeconfigContext {
  std::string name, cluster, user, namespace_;
};

// Environment variables by name.
using Environment = std::map<std::string, std::string>;

// How an editor command (KUBE_EDITOR, EDITOR) ran on the file kubectl edit wrote.
struct EditorRun {
  // Exited: it ran and ended with exitCode. NotFound: no such program (exec's ErrNotFound).
  // Interactive: an editor for a person (vi, nano): the front end's editor stands in for it.
  enum Outcome { Exited, NotFound, Interactive } outcome = NotFound;
  int exitCode = 0;
  std::string text;      // the file afterwards
  std::string out, err;  // what the editor printed
};

// What a kubectl invocation has of its surroundings, as kubectl on a laptop does: the API
// server it talks to (only through the request handler), a clock, its own randomness, the
// kubeconfig, the local files and loopback ports. The context must outlive every Execution
// started with it (waiting commands keep a reference).
struct KubectlContext {
  KubectlContext(RequestHandler& api, const Clock& clock, uint64_t seed) : client(api, clock), clock(clock), rng(seed) {}
  Client client;
  const Clock& clock;                            // the machine's clock (the simulated one)
  Rng rng;                                       // kubectl's own random choices (edit's temp file)
  std::string namespace_ = "default";            // the current context's namespace ("default" if unset)
  // The kubeconfig minikube writes: one cluster, one user, one context named minikube.
  std::vector<KubeconfigContext> contexts = {{"minikube", "minikube", "minikube", "default"}};
  std::string currentContext = "minikube";
  std::string server = "https://192.168.49.2:8443";  // minikube's control plane URL
  Time kubeconfigWritten = 0;                    // when minikube wrote it (its last-update extension)
  std::string commandName = "kubectl";           // how usage errors name the program
  const MemFs* files = nullptr;                  // the console's files, read by -f
  MemFs* writableFiles = nullptr;                // the same files, written by `kubectl cp POD:F F`
  LocalPorts* localPorts = nullptr;              // the console machine's loopback (port-forward)
  // `kubectl edit`'s editor: shows the YAML and later calls `done` with the saved text, or with
  // nullopt when the editor was closed without saving. Unset: kubectl cannot launch one.
  std::function<void(const std::string& text, std::function<void(std::optional<std::string>)> done)> editor;
  // The environment of this invocation (the console's exported variables and the command's
  // own assignments); edit reads KUBE_EDITOR, EDITOR and SHELL from it.
  Environment env;
  // Runs `args` (an editor command, the file's path last) as exec.Command(args...).Run()
  // would, on a file holding `text` at `path`. Unset: no editor command can run.
  std::function<EditorRun(const std::vector<std::string>& args, const std::string& path, const std::string& text)> runEditor;
  Time now() const { return clock.now(); }
};

// Runs `kubectl <args...>` (args without the leading "kubectl"). On return the execution has
// either finished (exit code set) or is waiting (Execution::wait) for simulated time to pass.
void runKubectl(const std::vector<std::string>& args, KubectlContext& ctx, Execution& ex);

// For Tab completion (nothing runs, nothing is sent): the commands this simulation has, in
// kubectl's order, and the flags of `kubectl <path...>` (e.g. {"rollout", "undo"}): its own and
// the global ones, as its flag set defines them; empty when no flag set is reached.
std::vector<std::string> kubectlCommandNames();
std::vector<FlagDef> kubectlCommandFlags(const std::vector<std::string>& path, KubectlContext& ctx);

}  // namespace kp
