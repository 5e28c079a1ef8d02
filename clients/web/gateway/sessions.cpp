#include "gateway/sessions.hpp"

#include <sodium.h>

#include "util/error.hpp"

namespace erde::web {

using Steady = std::chrono::steady_clock;

std::string SessionStore::open(const Session& session) {
  if (sodium_init() < 0) throw Error("libsodium could not be initialised");
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  std::lock_guard lock(mutex_);
  auto now = Steady::now();
  std::erase_if(sessions_, [&](const auto& kv) { return now - kv.second.last_seen > idle_; });
  sessions_[hex] = {session, now};
  return hex;
}

std::optional<Session> SessionStore::find(const std::string& token) {
  if (token.empty()) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return std::nullopt;
  auto now = Steady::now();
  if (now - it->second.last_seen > idle_) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second.session;
}

void SessionStore::close(const std::string& token) {
  std::lock_guard lock(mutex_);
  sessions_.erase(token);
}

size_t SessionStore::size() {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

std::string cookie_value(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    size_t start = header.find_first_not_of(' ', pos);
    if (start < end) {
      size_t eq = header.find('=', start);
      if (eq < end && header.compare(start, eq - start, name) == 0 && eq - start == name.size())
        return header.substr(eq + 1, end - eq - 1);
    }
    pos = end + 1;
  }
  return "";
}

std::string session_cookie(const std::string& token) {
  std::string cookie = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (token.empty()) cookie += "; Max-Age=0";
  return cookie;
}

}  // namespace erde::web
