// Timers on the virtual clock: callbacks due at simulated times (image pulls, probes, back-offs,
// grace periods). They run in time order, ties in the order they were set, so the same
// commands give the same run. Components get a Timers& and never move the clock themselves:
// only the composition root (Cluster::advance) calls runNext.
#pragma once
#include <functional>
#include <queue>
#include <vector>

#include "core/base/clock.h"

namespace kp {

class Timers {
 public:
  explicit Timers(Clock& clock) : clock_(clock) {}
  Timers(const Timers&) = delete;
  Timers& operator=(const Timers&) = delete;

  Time now() const { return clock_.now(); }
  // Runs fn at simulated time `t` (now, if t is already past).
  void at(Time t, std::function<void()> fn);
  void after(Time delay, std::function<void()> fn) { at(now() + delay, std::move(fn)); }
  // The time of the earliest timer, or kNoTime when none is set.
  Time next() const { return queue_.empty() ? kNoTime : queue_.top().at; }
  size_t size() const { return queue_.size(); }
  // Runs the earliest timer if it is due by `until`, first moving the clock to its time.
  // Returns false (and does nothing) when no timer is due by then.
  bool runNext(Time until);

 private:
  struct Timer {
    Time at;
    uint64_t seq;
    std::function<void()> fn;
    bool operator>(const Timer& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };
  Clock& clock_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> queue_;
  uint64_t seq_ = 0;
};

}  // namespace kp
