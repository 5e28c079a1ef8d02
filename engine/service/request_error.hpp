#pragma once
// A structured refusal sent back to a client: a stable code, a one-line message and the
// offending field as a path into the request ("args.location.lat"), empty when none.
#include <stdexcept>
#include <string>

namespace erde::service {

// Codes; docs/PROTOCOL.md lists when each is used.
namespace code {
inline constexpr const char* bad_frames = "bad_frames";
inline constexpr const char* too_large = "too_large";
inline constexpr const char* bad_json = "bad_json";
inline constexpr const char* bad_request = "bad_request";  // missing field or wrong type
inline constexpr const char* unknown_kind = "unknown_kind";
inline constexpr const char* bad_value = "bad_value";
inline constexpr const char* out_of_range = "out_of_range";
inline constexpr const char* unknown_id = "unknown_id";
inline constexpr const char* conflict = "conflict";  // exists already, illegal transition
inline constexpr const char* forbidden = "forbidden";
inline constexpr const char* not_implemented = "not_implemented";
inline constexpr const char* unavailable = "unavailable";  // needs what this server was not given
inline constexpr const char* journal_failure = "journal_failure";
inline constexpr const char* internal = "internal";
// Sent by the server on its own (id null): the client left so many replies unread that its
// later requests were not processed; see docs/PROTOCOL.md.
inline constexpr const char* disconnected = "disconnected";
// A command that would let a drill incident touch live state (a live team sent to it) or turn
// an incident from drill to live or back.
inline constexpr const char* drill_live_mix = "drill_live_mix";
}  // namespace code

struct RequestError {
  std::string code;
  std::string message;
  std::string field;
};

// Thrown inside argument parsing and validation; turned into a RequestError at the boundary.
struct Rejected : std::runtime_error {
  RequestError error;
  explicit Rejected(RequestError e) : std::runtime_error(e.message), error(std::move(e)) {}
};

[[noreturn]] inline void reject(std::string c, std::string message, std::string field = {}) {
  throw Rejected(RequestError{std::move(c), std::move(message), std::move(field)});
}

}  // namespace erde::service
