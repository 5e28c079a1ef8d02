// The login throttle on a clock the test moves: free failures, then waits doubling to their cap,
// per address and per name, forgotten after a quiet spell, cleared by a success.
#include <gtest/gtest.h>

#include "gateway/login_throttle.hpp"

namespace erde::web {
namespace {

using std::chrono::seconds;
using Clock = LoginThrottle::Clock;

TEST(LoginThrottle, AddressWaitsDoubleAfterTheFreeFailuresUpToTheCap) {
  LoginThrottle t({3, seconds(10)}, {100, seconds(10)});
  Clock::time_point now{};
  for (int k = 0; k < 2; ++k) {
    t.failed("10.0.0.7", "duty", now);
    EXPECT_EQ(t.wait("10.0.0.7", "duty", now), seconds(0)) << k;
  }
  // Third failure: 1 s; then 2, 4, 8, and 10 (the cap), each counted from the last failure.
  const seconds expected[] = {seconds(1), seconds(2), seconds(4), seconds(8), seconds(10), seconds(10)};
  for (seconds want : expected) {
    t.failed("10.0.0.7", "duty", now);
    EXPECT_EQ(t.wait("10.0.0.7", "duty", now), want);
    EXPECT_EQ(t.wait("10.0.0.7", "someone-else", now), want) << "the address is held back whatever the name";
    EXPECT_EQ(t.wait("10.0.0.8", "duty", now), seconds(0)) << "another address is not";
    now += want;
    EXPECT_EQ(t.wait("10.0.0.7", "duty", now), seconds(0));
  }
}

TEST(LoginThrottle, ANameGuessedFromManyAddressesWaitsButOnlyBriefly) {
  LoginThrottle t({100, seconds(300)}, {4, seconds(30)});
  Clock::time_point now{};
  for (int k = 0; k < 4; ++k) t.failed("10.0.1." + std::to_string(k), "duty", now);
  EXPECT_EQ(t.wait("10.9.9.9", "duty", now), seconds(1));
  for (int k = 0; k < 20; ++k) t.failed("10.0.2." + std::to_string(k), "duty", now);
  EXPECT_EQ(t.wait("10.9.9.9", "duty", now), seconds(30)) << "capped, so the officer is never kept out long";
  EXPECT_EQ(t.wait("10.9.9.9", "ops", now), seconds(0));
}

TEST(LoginThrottle, QuietSpellsForgetAndSuccessClears) {
  LoginThrottle t({2, seconds(300)}, {2, seconds(300)});
  Clock::time_point now{};
  for (int k = 0; k < 5; ++k) t.failed("a", "n", now);
  EXPECT_GT(t.wait("a", "n", now), seconds(0));
  now += LoginThrottle::kForgetAfter + seconds(1);
  EXPECT_EQ(t.wait("a", "n", now), seconds(0));
  t.failed("a", "n", now);
  EXPECT_EQ(t.wait("a", "n", now), seconds(0)) << "counting starts again after the quiet spell";
  t.failed("a", "n", now);
  EXPECT_EQ(t.wait("a", "n", now), seconds(1));
  t.succeeded("a", "n");
  EXPECT_EQ(t.wait("a", "n", now), seconds(0));
}

TEST(LoginThrottle, KeepsAtMostItsLimitOfKeysDroppingTheStalest) {
  LoginThrottle t({1, seconds(300)}, {1000000, seconds(1)});
  Clock::time_point now{};
  t.failed("first", "x", now);
  EXPECT_EQ(t.wait("first", "y", now), seconds(1));
  for (size_t k = 0; k < LoginThrottle::kMaxTracked; ++k) t.failed("addr" + std::to_string(k), "x", now + seconds(1));
  EXPECT_EQ(t.wait("first", "y", now), seconds(0)) << "the stalest address made room";
  EXPECT_EQ(t.wait("addr7", "y", now + seconds(1)), seconds(1));
}

}  // namespace
}  // namespace erde::web
