// The controllers' burst limiter (core/controllers/burst_limiter.h): one burst of at most 500
// per owner per window of simulated time, a requeue for the rest, and exponential backoff
// after a failed write.
#include "core/controllers/burst_limiter.h"

#include <gtest/gtest.h>

#include <vector>

namespace kp {
namespace {

class BurstLimiterTest : public ::testing::Test {
 protected:
  Clock clock{1000000};
  Timers timers{clock};
  std::vector<std::pair<Time, std::string>> requeued;
  BurstLimiter limiter{timers, [this](const std::string& k) { requeued.emplace_back(timers.now(), k); }};
  void runUntil(Time t) {
    while (timers.runNext(t)) {
    }
    clock.set(t);
  }
};

TEST_F(BurstLimiterTest, SmallWantsPassWhole) {
  EXPECT_EQ(limiter.allow("rs", 3), 3);
  EXPECT_EQ(limiter.allow("rs", 0), 0);
  EXPECT_EQ(limiter.allow("other", 499), 499);
  runUntil(clock.now() + 1000);
  EXPECT_TRUE(requeued.empty());  // nothing had to wait
}

TEST_F(BurstLimiterTest, OneBurstPerWindowThenRequeue) {
  const Time start = clock.now();
  EXPECT_EQ(limiter.allow("rs", 2147483647), BurstLimiter::kBurst);
  // The same instant (the informer saw the creations at once): nothing more.
  EXPECT_EQ(limiter.allow("rs", 2147483647), 0);
  EXPECT_EQ(limiter.allow("rs", 1), 0);
  // Another owner has its own budget.
  EXPECT_EQ(limiter.allow("rs2", 600), BurstLimiter::kBurst);
  runUntil(start + BurstLimiter::kBurstWindow - 1);
  EXPECT_TRUE(requeued.empty());
  runUntil(start + BurstLimiter::kBurstWindow);
  ASSERT_EQ(requeued.size(), 2u);  // once each, however often they asked
  EXPECT_EQ(requeued[0], std::make_pair(start + BurstLimiter::kBurstWindow, std::string("rs")));
  EXPECT_EQ(requeued[1].second, "rs2");
  EXPECT_EQ(limiter.allow("rs", 2147483647), BurstLimiter::kBurst);
}

TEST_F(BurstLimiterTest, FailuresBackOffExponentially) {
  const Time start = clock.now();
  EXPECT_EQ(limiter.allow("rs", 10), 10);
  limiter.failed("rs");
  EXPECT_EQ(limiter.allow("rs", 10), 0);  // backing off for 1 s
  runUntil(start + 999);
  EXPECT_EQ(limiter.allow("rs", 10), 0);
  runUntil(start + 1000);
  ASSERT_EQ(requeued.size(), 1u);
  EXPECT_EQ(requeued[0].first, start + 1000);
  EXPECT_EQ(limiter.allow("rs", 10), 10);
  limiter.failed("rs");  // the second failure in a row: 2 s
  runUntil(start + 2999);
  EXPECT_EQ(requeued.size(), 1u);
  runUntil(start + 3000);
  EXPECT_EQ(requeued.size(), 2u);
  // A success resets the backoff.
  limiter.succeeded("rs");
  EXPECT_EQ(limiter.allow("rs", 10), 10);
  limiter.failed("rs");
  runUntil(start + 4000);
  EXPECT_EQ(requeued.size(), 3u);
}

TEST_F(BurstLimiterTest, BackoffIsCappedAtFiveMinutes) {
  const Time start = clock.now();
  for (int i = 0; i < 40; i++) limiter.failed("rs");
  runUntil(start + BurstLimiter::kMaxBackoff - 1);
  EXPECT_EQ(limiter.allow("rs", 10), 0);
  runUntil(start + BurstLimiter::kMaxBackoff);
  EXPECT_EQ(limiter.allow("rs", 10), 10);
  ASSERT_FALSE(requeued.empty());
  EXPECT_EQ(requeued.back().first, start + BurstLimiter::kMaxBackoff);
}

}  // namespace
}  // namespace kp
