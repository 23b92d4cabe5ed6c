// The console's small shell around kubectl: quoting, pipes into grep/head/tail/wc/sed, curl,
// sleep, clear, history, help, aliases (k, kubecolor), minikube, and variables (NAME=VALUE
// before a command, export, unset) that form kubectl's environment. A line starts an
// Execution; most finish at once, while sleep, kubectl wait and kubectl delete wait on
// simulated time and are moved on by the front end after it advances the clock.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/memfs.h"
#include "core/kubectl/execution.h"
#include "core/kubectl/kubectl.h"
#include "core/sim/cluster.h"

namespace kp {

struct ShellOptions {
  bool color = false;  // kubecolor output and coloured errors as ANSI SGR sequences
  // Called by `minikube dashboard`; the browser focuses the cluster view. Returns the text to
  // print (natively: where the view is).
  std::function<std::string()> dashboard;
  // Called by `kubectl edit` with the YAML to edit. The front end shows it in an editor and
  // later calls `done` with the saved text, or with nullopt when the editor was closed without
  // saving. Unset (natively), kubectl reports that it cannot launch its editor.
  std::function<void(const std::string& text, std::function<void(std::optional<std::string>)> done)> edit;
};

struct ShellState;
struct KubectlContext;

class Shell {
 public:
  Shell(Cluster& cluster, ShellOptions opts = {});
  ~Shell();

  // Starts a console input: one command line, optionally followed by the lines of its
  // here-documents (`cat <<EOF > f` ... `EOF`).
  std::unique_ptr<Execution> start(const std::string& line);
  // True when `text` (the lines typed so far, joined by newlines) is not a complete input yet:
  // an open quote, a trailing `|` or backslash, or a here-document whose delimiter line has not
  // come. Front ends then show bash's continuation prompt "> " and append the next line.
  bool needsMoreInput(const std::string& text) const;
  // Runs a line to the end, advancing simulated time as far as it waits (scripts, tests).
  std::vector<OutputChunk> run(const std::string& line, int* exitCode = nullptr);
  // Convenience for tests: stdout and stderr of run(), concatenated.
  std::string runText(const std::string& line, int* exitCode = nullptr);

  // Background jobs (`cmd &`, bash's job control in small): their output since the last call,
  // in job order, followed by bash-style notices of jobs that ended ("[1]+  Done  ...").
  std::vector<OutputChunk> pollBackground();
  bool hasBackground() const { return !jobs_.empty(); }
  // Lets a command that waits for Ctrl+C (kubectl get -w) go on in the background while the
  // next lines run; it is stopped when the next `sleep` finishes (the native REPL's rule for
  // scripts, which cannot press Ctrl+C). Its output comes from pollBackground().
  void continueUntilNextSleep(std::unique_ptr<Execution> ex);

  const std::vector<std::string>& history() const { return history_; }
  // Lines of an earlier session (the browser's stored history), put before this session's.
  void loadHistory(const std::vector<std::string>& lines);
  // kubectl's context (namespace, kubeconfig contexts), read by Tab completion.
  KubectlContext& kubectlContext();
  std::string currentNamespace() const;
  Cluster& cluster() { return cluster_; }
  const ShellOptions& options() const { return opts_; }
  // The console's home directory (files written by redirections, read by cat and kubectl -f).
  MemFs& files();

 private:
  struct Job {
    int id = 0;          // %1, %2, ... (0: a foreground watch kept until the next sleep)
    int pid = 0;
    std::string line;    // as typed, without the `&`
    std::unique_ptr<Execution> ex;
    bool killed = false;
  };
  std::unique_ptr<Execution> startBackground(const std::string& original, const std::string& command);
  void runJobsBuiltin(const std::vector<std::string>& words, Execution& ex);
  void runKill(const std::vector<std::string>& words, Execution& ex);
  void runFg(const std::vector<std::string>& words, Execution& ex);
  Job* findJob(const std::string& spec);
  void endSleepJobs();

  Cluster& cluster_;
  ShellOptions opts_;
  std::vector<std::string> history_;
  std::vector<Job> jobs_;
  int nextPid_ = 4100;  // the console's own process ids, counted from here
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // lets finished sleeps reach the shell safely
  std::unique_ptr<ShellState> state_;  // kubectl's context; waiting commands point into it
  // Runs one command (words after redirections were taken out) on `target`, with the
  // command's own NAME=VALUE assignments added to the exported environment.
  void runBuiltin(const std::vector<std::string>& words, Execution& target, const Environment& assignments);
  // export and unset over the shell's variables.
  void runVariableBuiltin(const std::vector<std::string>& words, Execution& ex);
};

// Moves `ex` to its end by advancing `cluster` to each next event or deadline; `between` runs
// after each step (front ends print background output there).
void runToCompletion(Cluster& cluster, Execution& ex, const std::function<void()>& between = {});

}  // namespace kp
