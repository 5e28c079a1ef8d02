#pragma once
// Browser users of the console: a users file, one per line,
//   <role> <name> <password hash from `erde-gateway hash-password`>
// with roles viewer < dispatcher < admin (the service's roles) and `#` comments. Passwords are
// stored only as libsodium crypto_pwhash_str hashes (Argon2id).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "service/role.hpp"

namespace erde::web {

struct User {
  std::string name;
  service::Role role = service::Role::viewer;
  std::string password_hash;
};

// Throws erde::Error naming `source` and the line for a malformed line or a repeated name.
std::vector<User> parse_users(const std::string& text, const std::string& source);
std::vector<User> load_users(const std::filesystem::path& path);

// An Argon2id hash string (interactive limits). Throws erde::Error when libsodium fails.
std::string hash_password(const std::string& password);

// The user whose name and password match; nullopt otherwise. Takes as long for an unknown
// name as for a wrong password, so names cannot be probed by timing.
std::optional<User> authenticate(const std::vector<User>& users, const std::string& name,
                                 const std::string& password);

}  // namespace erde::web
