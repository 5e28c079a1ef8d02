#pragma once
// Logged-in browser sessions: a random token in an HttpOnly cookie maps to a user and role.
// Sessions end on logout or after `idle` without a request.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "service/role.hpp"

namespace erde::web {

inline constexpr const char* kSessionCookie = "erde_session";

struct Session {
  std::string user;
  service::Role role = service::Role::viewer;
};

class SessionStore {
 public:
  explicit SessionStore(std::chrono::seconds idle = std::chrono::hours(12)) : idle_(idle) {}
  std::string open(const Session& session);  // returns the new token
  std::optional<Session> find(const std::string& token);  // refreshes the idle timer
  void close(const std::string& token);
  size_t size();

 private:
  struct Entry {
    Session session;
    std::chrono::steady_clock::time_point last_seen;
  };
  std::chrono::seconds idle_;
  std::mutex mutex_;
  std::map<std::string, Entry> sessions_;
};

// The value of cookie `name` in a Cookie header ("a=1; erde_session=abc"), or "".
std::string cookie_value(const std::string& header, const std::string& name);
// The Set-Cookie value for a session token ("" logs out).
std::string session_cookie(const std::string& token);

}  // namespace erde::web
