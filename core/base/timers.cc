#include "core/base/timers.h"

#include <algorithm>

namespace kp {

void Timers::at(Time t, std::function<void()> fn) { queue_.push({std::max(t, now()), seq_++, std::move(fn)}); }

bool Timers::runNext(Time until) {
  if (queue_.empty() || queue_.top().at > until) return false;
  Timer t = queue_.top();
  queue_.pop();
  if (t.at > now()) clock_.set(t.at);
  t.fn();
  return true;
}

}  // namespace kp
