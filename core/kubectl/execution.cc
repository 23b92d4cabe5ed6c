#include "core/kubectl/execution.h"

namespace kp {

bool Execution::poll() {
  if (done_) return true;
  if (step_) {
    auto step = step_;  // the step may replace itself via wait()
    step(*this);
  }
  return done_;
}

std::vector<OutputChunk> Execution::takeOutput() {
  std::vector<OutputChunk> out;
  out.swap(pending_);
  return out;
}

void Execution::interrupt() {
  if (done_) return;
  finish(130);
}

void Execution::out(const std::string& text) {
  if (text.empty() || done_ || dropOut_) return;
  const std::string& s = paintOut_ ? paintOut_(text) : text;
  if (outSink_ && filters.empty()) {
    outSink_(s);
    return;
  }
  if (!filters.empty()) {
    stdout_ += s;
    return;
  }
  if (!pending_.empty() && !pending_.back().err) pending_.back().text += s;
  else pending_.push_back({false, s});
}

void Execution::err(const std::string& text) {
  if (text.empty() || done_ || dropErr_) return;
  if (mergeErr_) {
    out(text);
    return;
  }
  if (errSink_) {
    errSink_(text);
    return;
  }
  const std::string& s = paintErr_ ? paintErr_(text) : text;
  if (!pending_.empty() && pending_.back().err) pending_.back().text += s;
  else pending_.push_back({true, s});
}

void Execution::finish(int code) {
  if (done_) return;
  exit_ = code;
  if (!filters.empty()) {
    std::string text = stdout_;
    stdout_.clear();
    for (auto& f : filters) {
      int c = exit_;
      text = f(text, c);
      exit_ = c;
    }
    filters.clear();
    if (!text.empty() && outSink_) outSink_(text);
    else if (!text.empty()) pending_.push_back({false, text});
  }
  done_ = true;
  step_ = nullptr;
  wakeAt_ = kNoTime;
  std::vector<std::function<void()>> hooks;
  hooks.swap(onFinish_);
  for (auto& h : hooks) h();
}

void Execution::wait(Time deadline, std::function<void(Execution&)> step) {
  if (done_) return;
  wakeAt_ = deadline;
  step_ = std::move(step);
}

}  // namespace kp
