// How many pods a controller may create or delete for one owner right now: the ReplicaSet
// and Job controllers' burstReplicas (500 per sync) with the pace of a real controller manager.
//
// Upstream, a sync creates at most 500 pods and the next sync starts once the informer has
// seen them, so a huge replica count is worked off burst by burst, paced by the API client's
// rate limit. Here the watch is synchronous, so nothing would stop the next burst from running
// at the same instant, and `--replicas=2147483647` would run to the end inside one command. The
// limiter gives each owner one burst per kBurstWindow of simulated time and requeues the owner
// for the next window; a failed write (a quota, a full store) backs the owner off exponentially,
// as the controllers' rate-limited workqueue does. The work per window is bounded, so the
// clock, and with it the page, keeps moving while a large change is worked off.
#pragma once
#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>

#include "core/base/timers.h"

namespace kp {

class BurstLimiter {
 public:
  static constexpr int kBurst = 500;          // burstReplicas
  static constexpr Time kBurstWindow = 100;   // ms of simulated time per burst
  static constexpr Time kFirstBackoff = 1000, kMaxBackoff = 300000;

  // requeue(key) puts the owner back on its controller's queue.
  BurstLimiter(Timers& timers, std::function<void(const std::string&)> requeue)
      : timers_(timers), requeue_(std::move(requeue)) {}

  // How many of `want` creations (or deletions) the owner may make now; when some must wait,
  // the owner is requeued for the moment they may go.
  int allow(const std::string& key, int want) {
    if (want <= 0) return 0;
    State& s = state_[key];
    const Time now = timers_.now();
    if (now < s.notBefore) {
      wake(key, s, s.notBefore);
      return 0;
    }
    if (s.windowStart == kNoTime || now >= s.windowStart + kBurstWindow) {
      s.windowStart = now;
      s.used = 0;
    }
    int n = std::min(want, kBurst - s.used);
    s.used += n;
    if (n < want) wake(key, s, s.windowStart + kBurstWindow);
    return n;
  }
  // A write for the owner failed: its next burst waits 1 s, doubling per failure up to 5 min.
  void failed(const std::string& key) {
    State& s = state_[key];
    s.failures = std::min(s.failures + 1, 30);
    Time delay = std::min<Time>(kMaxBackoff, kFirstBackoff << std::min(s.failures - 1, 20));
    s.notBefore = timers_.now() + delay;
    wake(key, s, s.notBefore);
  }
  void succeeded(const std::string& key) {
    auto it = state_.find(key);
    if (it != state_.end()) it->second.failures = 0;
  }
  // The owner is gone (or has nothing more to do): its state goes with it.
  void forget(const std::string& key) {
    auto it = state_.find(key);
    if (it != state_.end() && it->second.wakeAt == kNoTime) state_.erase(it);
  }

 private:
  struct State {
    Time windowStart = kNoTime, notBefore = kNoTime, wakeAt = kNoTime;
    int used = 0, failures = 0;
  };
  // One pending requeue per owner: the earliest one asked for.
  void wake(const std::string& key, State& s, Time at) {
    if (s.wakeAt != kNoTime && s.wakeAt <= at) return;
    s.wakeAt = at;
    timers_.at(at, [this, key, at] {
      auto it = state_.find(key);
      if (it == state_.end() || it->second.wakeAt != at) return;
      it->second.wakeAt = kNoTime;
      requeue_(key);
    });
  }

  Timers& timers_;
  std::function<void(const std::string&)> requeue_;
  std::unordered_map<std::string, State> state_;
};

}  // namespace kp
