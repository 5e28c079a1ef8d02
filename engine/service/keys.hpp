#pragma once
// CURVE keys as Z85 text. A key pair is stored as two files in the ZeroMQ certificate format
// (as written by zcert and pyzmq's zmq.auth.create_certificates):
//   NAME.key         public key only, to hand out
//   NAME.key_secret  public and secret key, mode 0600, stays with its owner
// The authorised-clients file lists one client per line (docs/PROTOCOL.md):
//   <role> <name> <public key, 40 Z85 characters> [relay]   # a comment (after a blank)
// A relay (the browser gateway) may name the person it acts for in each request.
#include <filesystem>
#include <string>
#include <vector>

#include "service/role.hpp"

namespace erde::service {

struct KeyPair {
  std::string public_z85;
  std::string secret_z85;  // empty when only the public key is known
};

KeyPair generate_keypair();
// Writes NAME.key and NAME.key_secret; refuses to overwrite. Throws erde::Error.
void write_certificates(const std::filesystem::path& base, const KeyPair& keys);
// Reads either file; throws erde::Error when no valid public key is found.
KeyPair load_certificate(const std::filesystem::path& path);

bool valid_z85_key(const std::string& text);

struct ClientKey {
  std::string name;
  Role role = Role::viewer;
  std::string public_z85;
  bool relay = false;
};

std::vector<ClientKey> parse_client_keys(const std::string& text, const std::string& source);
std::vector<ClientKey> load_client_keys(const std::filesystem::path& path);

}  // namespace erde::service
