#include "gateway/login_throttle.hpp"

#include <algorithm>

namespace erde::web {

using std::chrono::seconds;

seconds LoginThrottle::wait_of(Table& table, const std::string& key, const ThrottleRule& rule,
                               Clock::time_point now) {
  auto it = table.find(key);
  if (it == table.end()) return seconds(0);
  if (now - it->second.last > kForgetAfter) {
    table.erase(it);
    return seconds(0);
  }
  const int over = it->second.count - rule.free_failures;
  if (over < 0) return seconds(0);
  const seconds step = std::min(rule.longest_wait, seconds(int64_t{1} << std::min(over, 20)));
  const auto until = it->second.last + step;
  if (until <= now) return seconds(0);
  return std::chrono::ceil<seconds>(until - now);
}

void LoginThrottle::add_failure(Table& table, const std::string& key, Clock::time_point now) {
  if (table.size() >= kMaxTracked && !table.contains(key)) {
    auto stalest = std::min_element(table.begin(), table.end(),
                                    [](const auto& a, const auto& b) { return a.second.last < b.second.last; });
    table.erase(stalest);
  }
  Failures& f = table[key];
  if (f.count > 0 && now - f.last > kForgetAfter) f.count = 0;
  ++f.count;
  f.last = now;
}

seconds LoginThrottle::wait(const std::string& address, const std::string& name, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  return std::max(wait_of(addresses_, address, per_address_, now), wait_of(names_, name, per_name_, now));
}

void LoginThrottle::failed(const std::string& address, const std::string& name, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  add_failure(addresses_, address, now);
  add_failure(names_, name, now);
}

void LoginThrottle::succeeded(const std::string& address, const std::string& name) {
  std::lock_guard lock(mutex_);
  addresses_.erase(address);
  names_.erase(name);
}

}  // namespace erde::web
