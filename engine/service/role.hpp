#pragma once
// Client roles, each including the one before: viewer (subscribe, query) < dispatcher
// (incidents, team status) < admin (closures, configuration).
#include <optional>
#include <string_view>

namespace erde::service {

enum class Role { viewer, dispatcher, admin };

inline std::string_view role_name(Role r) {
  switch (r) {
    case Role::viewer: return "viewer";
    case Role::dispatcher: return "dispatcher";
    case Role::admin: return "admin";
  }
  return "?";
}

inline std::optional<Role> parse_role(std::string_view s) {
  if (s == "viewer") return Role::viewer;
  if (s == "dispatcher") return Role::dispatcher;
  if (s == "admin") return Role::admin;
  return std::nullopt;
}

inline bool allows(Role held, Role needed) { return static_cast<int>(held) >= static_cast<int>(needed); }

}  // namespace erde::service
