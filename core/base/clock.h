// The virtual clock and the seeded random source: the only sources of time and chance in the
// core. Same seed + same commands = same cluster, byte for byte. The bottom layer: it uses
// nothing of the project.
#pragma once
#include <cstdint>
#include <random>
#include <string>

namespace kp {

using Time = int64_t;  // Unix milliseconds; kNoTime when unset
inline constexpr Time kNoTime = -1;

class Clock {
 public:
  explicit Clock(Time epoch) : now_(epoch) {}
  Time now() const { return now_; }
  void set(Time t) { now_ = t; }

 private:
  Time now_;
};

class Rng {
 public:
  explicit Rng(uint64_t seed) : gen_(seed) {}
  uint64_t next() { return gen_(); }
  // Uniform in [0, n).
  uint64_t below(uint64_t n) { return n == 0 ? 0 : gen_() % n; }
  // Uniform in [lo, hi].
  int64_t range(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1))); }
  // n characters from Kubernetes' name alphabet (utilrand.String: no vowels, no confusables).
  std::string nameSuffix(int n = 5);
  // A random RFC 4122 version-4 UUID.
  std::string uuid();
  std::string hex(int n);

 private:
  std::mt19937_64 gen_;
};

}  // namespace kp
