#include "gateway/users.hpp"

#include <sodium.h>

#include <fstream>
#include <set>
#include <sstream>

#include "util/error.hpp"

namespace erde::web {
namespace {

void ensure_sodium() {
  if (sodium_init() < 0) throw Error("libsodium could not be initialised");
}

bool verify(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace

std::vector<User> parse_users(const std::string& text, const std::string& source) {
  std::vector<User> users;
  std::set<std::string> names;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::istringstream fields(line);
    std::string role, name, hash, extra;
    if (!(fields >> role) || role[0] == '#') continue;
    std::string where = source + ":" + std::to_string(number);
    if (!(fields >> name >> hash)) throw Error(where + ": expected '<role> <name> <password hash>'");
    if (fields >> extra && extra[0] != '#') throw Error(where + ": unexpected text after the hash");
    auto parsed = service::parse_role(role);
    if (!parsed) throw Error(where + ": unknown role '" + role + "'; allowed: viewer, dispatcher, admin");
    if (hash.rfind("$argon2", 0) != 0)
      throw Error(where + ": the password must be a hash from `erde-gateway hash-password`, not plain text");
    if (name.find('@') != std::string::npos || name.size() > 64)
      throw Error(where + ": a user name has at most 64 bytes and no '@' (the service records \"name@gateway-key\")");
    if (!names.insert(name).second) throw Error(where + ": user '" + name + "' is listed twice");
    users.push_back({name, *parsed, hash});
  }
  return users;
}

std::vector<User> load_users(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read users file " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return parse_users(text.str(), path.string());
}

std::string hash_password(const std::string& password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw Error("cannot hash the password (out of memory?)");
  return out;
}

std::optional<User> authenticate(const std::vector<User>& users, const std::string& name,
                                 const std::string& password) {
  ensure_sodium();
  for (const User& u : users)
    if (u.name == name) return verify(u.password_hash, password) ? std::optional<User>(u) : std::nullopt;
  static const std::string decoy = hash_password("erde-decoy-password");
  verify(decoy, password);
  return std::nullopt;
}

}  // namespace erde::web
