// kubectl: the command line as real kubectl 1.32 parses it (cobra commands, pflag flags) and
// runs it against the simulated API server through Client. Output and errors are kubectl's,
// byte for byte; commands that wait (delete, wait, logs -f) keep their Execution running.
#pragma once
#include <string>
#include <vector>

#include "core/kubectl/client.h"
#include "core/kubectl/flags.h"
#include "core/shell/shell.h"

namespace kp {

class MemFs;

// What a kubectl invocation needs from its surroundings: the cluster (for its API server and
// clock), the namespace of the current context, and where the API server listens. The context
// must outlive every Execution started with it (waiting commands keep a reference).
// One context of the kubeconfig (`kubectl config get-contexts`).
struct KubeconfigContext {
  std::string name, cluster, user, namespace_;
};

struct KubectlContext {
  explicit KubectlContext(Cluster& c) : cluster(c), client(c.api()) {}
  Cluster& cluster;
  Client client;
  std::string namespace_ = "default";            // the current context's namespace ("default" if unset)
  // The kubeconfig minikube writes: one cluster, one user, one context named minikube.
  std::vector<KubeconfigContext> contexts = {{"minikube", "minikube", "minikube", "default"}};
  std::string currentContext = "minikube";
  std::string server = "https://192.168.49.2:8443";  // minikube's control plane URL
  std::string commandName = "kubectl";           // how usage errors name the program
  MemFs* files = nullptr;                        // the console's files, read by -f
  const ShellOptions* shellOptions = nullptr;    // the front end's hooks (kubectl edit's editor)
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
