#pragma once
// The narrow interface through which the domain state plugs into the service. The service owns
// sockets, journal, sequence numbers and security; the state machine owns meaning.
//
// Contract:
//  - validate(c) never changes state; it returns the refusal, or nothing when apply(c) will
//    succeed on the current state.
//  - apply(c) runs only after validate(c) passed on the same state, and is deterministic: the
//    same commands in the same order from the same start give the same updates. All time comes
//    from Command::at_ms, so journal replay reproduces every update and sequence number.
//  - query(kind, args) is read-only.
//  - snapshot() returns the whole live state; restore(snapshot()) on a fresh machine gives an
//    equal state. It is for restore and tests: the wire takes the state in pages.
//  - snapshot_page(after, max_bytes) (may be empty: the service then pages snapshot()) returns
//    the entities of the live state keyed by update topic, in topic order, strictly after the
//    topic `after`, at most `max_bytes` of JSON text (at least one entity), without copying
//    the rest of the state. All pages in a row give snapshot_entities(snapshot())
//    (service/replica.hpp).
//  - make_drill (may be empty) builds a drill over the machine's data and roads; the drill works
//    on its own copies and never changes live state.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/request_error.hpp"
#include "service/role.hpp"

namespace erde {
class Drill;
struct Scenario;
struct DrillOptions;
}  // namespace erde

namespace erde::service {

struct Command {
  std::string kind;
  nlohmann::json args;
  int64_t at_ms = 0;  // acceptance time, stamped by the service before journaling
  std::string by;     // the client's key name ("insecure" without CURVE)
};

// One published state change: topic "incident.I-000001", body the entity's new JSON. A large
// body already written out (a plan) comes as `text` instead, with `body` left null, so it is
// serialised once.
struct Update {
  std::string topic;
  nlohmann::json body;
  std::string text = {};
};

inline std::string update_text(Update& u) {
  if (!u.text.empty()) return std::move(u.text);
  return u.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// One page of the live state (docs/PROTOCOL.md, "Keeping a replica").
struct SnapshotPage {
  std::string entities = "{}";      // a JSON object: update topic → entity, in topic order
  size_t count = 0;                 // entities on the page
  std::optional<std::string> next;  // the page's last topic when more follow; nullopt on the last
};

struct KindInfo {
  std::string kind;
  Role role = Role::viewer;
  bool mutates = false;  // a command (journaled, published) rather than a query
};

using QueryResult = std::variant<nlohmann::json, RequestError>;

struct StateMachine {
  std::vector<KindInfo> kinds;
  std::function<std::optional<RequestError>(const Command&)> validate;
  std::function<std::vector<Update>(const Command&)> apply;
  std::function<QueryResult(const std::string& kind, const nlohmann::json& args)> query;
  std::function<nlohmann::json()> snapshot;
  std::function<void(const nlohmann::json&)> restore;
  std::function<SnapshotPage(std::string_view after, size_t max_bytes)> snapshot_page;
  // Returns null when the machine has no roads to run a drill on; throws erde::Error when the
  // scenario does not fit the data (a place it names is missing).
  std::function<std::unique_ptr<Drill>(const Scenario&, const DrillOptions&)> make_drill;
};

inline const KindInfo* find_kind(const StateMachine& machine, std::string_view kind) {
  for (const auto& k : machine.kinds)
    if (k.kind == kind) return &k;
  return nullptr;
}

}  // namespace erde::service
