#pragma once
// Slows password guessing at the login: after a few failures from one address, or against one
// user name, further attempts must wait, twice as long after each new failure. The wait for a
// name is capped low, so someone hammering a duty officer's name cannot keep the officer out
// for long; the wait for an address goes up to minutes. A success clears both.
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace erde::web {

struct ThrottleRule {
  int free_failures = 5;                   // failures allowed before any wait
  std::chrono::seconds longest_wait{300};  // cap of the doubling wait
};

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::minutes kForgetAfter{15};  // quiet this long: failures forgotten
  static constexpr size_t kMaxTracked = 10000;             // keys kept; the stalest go first

  LoginThrottle(ThrottleRule per_address = {5, std::chrono::seconds(300)},
                ThrottleRule per_name = {10, std::chrono::seconds(30)})
      : per_address_(per_address), per_name_(per_name) {}

  // How long `name` from `address` must wait before its next attempt (zero: may try now).
  std::chrono::seconds wait(const std::string& address, const std::string& name, Clock::time_point now);
  void failed(const std::string& address, const std::string& name, Clock::time_point now);
  void succeeded(const std::string& address, const std::string& name);

 private:
  struct Failures {
    int count = 0;
    Clock::time_point last;
  };
  using Table = std::map<std::string, Failures>;
  static std::chrono::seconds wait_of(Table& table, const std::string& key, const ThrottleRule& rule,
                                      Clock::time_point now);
  static void add_failure(Table& table, const std::string& key, Clock::time_point now);

  ThrottleRule per_address_, per_name_;
  std::mutex mutex_;
  Table addresses_, names_;
};

}  // namespace erde::web
