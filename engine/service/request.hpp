#pragma once
// The request channel's wire format (docs/PROTOCOL.md): after the ROUTER's routing frames, one
// frame holding a JSON object {"id": <echoed>, "kind": "incident.submit", "args": {...}}.
// Replies are one frame: {"id", "ok": true, "seq", "result"} or {"id", "ok": false, "error"}.
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/request_error.hpp"

namespace erde::service {

inline constexpr size_t kDefaultMaxFrameBytes = 256 * 1024;
inline constexpr int kMaxJsonDepth = 32;

struct Request {
  nlohmann::json id;  // the client's correlation id, echoed; null when absent
  std::string kind;
  nlohmann::json args;  // always an object
  std::string on_behalf_of = {};  // the person a relay client acts for; empty when none
  // Client-chosen, per command: a retry with the same key (and caller) returns the first
  // outcome instead of applying the command again. Empty when none.
  std::string idempotency_key = {};
};

inline constexpr size_t kMaxIdempotencyKeyBytes = 64;

// A request refused while decoding, with its id whenever that much was readable.
struct DecodeRefusal {
  nlohmann::json id;
  RequestError error;
};

// `frames` are the body frames, routing envelope removed. Never throws.
std::variant<Request, DecodeRefusal> decode_request(const std::vector<std::string_view>& frames,
                                                   size_t max_frame_bytes = kDefaultMaxFrameBytes);

// Nesting depth of the JSON text's arrays/objects, stopping early past `limit`.
int json_depth(std::string_view text, int limit);

std::string encode_ok(const nlohmann::json& id, uint64_t seq, const nlohmann::json& result);
std::string encode_error(const nlohmann::json& id, const RequestError& error);

}  // namespace erde::service
