#pragma once
// The gateway's copy of the service's live state (zguide Clone pattern, docs/PROTOCOL.md):
// a snapshot plus the numbered updates after it. Pure: the ZeroMQ loop feeds it.
#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace erde::web {

struct Replica {
  bool synced = false;
  uint64_t seq = 0;
  std::map<std::string, nlohmann::json> entities;  // by update topic: "team.T-1", "plan.I-000001"
  nlohmann::json depots = nlohmann::json::array();  // in the snapshot only; no update topic
};

enum class Applied {
  applied,     // the next update: the replica moved on
  stale,       // already in the snapshot
  gap,         // updates were lost: take a new snapshot
  not_synced,  // no snapshot yet
};

// From the `result` of a `snapshot` reply: {"seq", "state"}, or a single last page {"seq",
// "entities", "next": null}. Throws erde::Error when malformed.
void load_snapshot(Replica& replica, const nlohmann::json& result);
// From a whole paged snapshot (service::Replica assembled it, docs/PROTOCOL.md): the entities
// by topic at `seq`; the `depot.<id>` entities become `depots`.
void load_entities(Replica& replica, uint64_t seq, std::map<std::string, nlohmann::json> entities);
Applied apply_update(Replica& replica, const std::string& topic, uint64_t seq, const nlohmann::json& body);
// A HUGZ carrying the server's current sequence number.
Applied apply_heartbeat(Replica& replica, uint64_t seq);

// Drill traffic (演练) must never pass for live: topics `drill.*`, bodies marked `"drill": true`
// or carrying a `drill_id`, plans of drill incidents, and teams sent to drill incidents.
bool is_drill(const Replica& replica, const std::string& topic, const nlohmann::json& body);

// {"seq", "synced", "entities": {topic: body}, "depots"}: what a browser starts from.
nlohmann::json replica_json(const Replica& replica);

}  // namespace erde::web
