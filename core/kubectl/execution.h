// A running command: the console line's process. Output arrives in chunks (stdout/stderr);
// most commands finish at once, while those that wait (sleep, kubectl wait/delete/get -w/logs
// -f, port-forward) keep a step that the front end polls after it moved the simulated clock,
// and Ctrl+C interrupts them. kubectl's commands and the shell's built-ins both run as one.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/clock.h"

namespace kp {

struct OutputChunk {
  bool err = false;  // written to stderr
  std::string text;
};

class Execution {
 public:
  bool finished() const { return done_; }
  int exitCode() const { return exit_; }
  // Moves the command on after the clock moved. Returns finished().
  bool poll();
  // Output produced since the last call, in order.
  std::vector<OutputChunk> takeOutput();
  // Ctrl+C: stops a waiting command (exit code 130).
  void interrupt();
  // The simulated time by which the command must be polled again (its deadline), or kNoTime.
  Time wakeAt() const { return wakeAt_; }
  bool clearsScreen() const { return clear_; }

  // ---- for the commands
  void out(const std::string& s);
  void err(const std::string& s);
  void finish(int code);
  // Keeps the command running: `step` is called on each poll until it calls finish().
  void wait(Time deadline, std::function<void(Execution&)> step);
  void requestClear() { clear_ = true; }
  // Runs fn once when the command finishes (also by interrupt): watches unregister here.
  void onFinish(std::function<void()> fn) { onFinish_.push_back(std::move(fn)); }
  // Text filters of a pipeline (`| grep x | head -3`), applied to stdout when the command ends.
  std::vector<std::function<std::string(const std::string&, int&)>> filters;
  // Standard input of the command: a here-document, `< file` or the output of `cat ... |`;
  // unset when the command reads the (empty) console.
  std::optional<std::string> input;

 private:
  std::vector<OutputChunk> pending_;
  std::string stdout_;  // held back while filters are set
  bool done_ = false, clear_ = false;
  int exit_ = 0;
  Time wakeAt_ = kNoTime;
  std::function<void(Execution&)> step_;
  std::vector<std::function<void()>> onFinish_;
  // Redirections and colouring of the console line (set by Shell::start).
  friend class Shell;
  bool mergeErr_ = false, dropErr_ = false, dropOut_ = false;
  std::function<std::string(const std::string&)> paintOut_, paintErr_;
  std::function<void(const std::string&)> outSink_, errSink_;  // `> file`, `2> file`
};

}  // namespace kp
