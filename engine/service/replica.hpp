#pragma once
// The socket-free half of the Clone pattern (docs/PROTOCOL.md, "Keeping a replica"): a copy of
// the state built from a snapshot plus numbered updates, which tells when updates were lost.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace erde::service {

// The entities of a snapshot's state keyed by their update topic: "teams" → "team.<id>",
// "incidents" → "incident.<id>", "closures" → "closure.<id>", "shelters" → "shelter.<id>", and
// the "plans" object (by incident id) → "plan.<id>".
std::map<std::string, nlohmann::json> snapshot_entities(const nlohmann::json& state);

enum class UpdateOutcome {
  applied,       // the next update in sequence: the entity changed (or was removed)
  already_seen,  // sequence ≤ the replica's: part of the snapshot, or a heartbeat in step
  gap,           // updates were lost (or the replica is not synced): take a new snapshot
};

struct Replica {
  uint64_t seq = 0;
  bool synced = false;
  std::map<std::string, nlohmann::json> entities;  // by topic

  // `result` is a snapshot reply's result: {"seq", "state"}. False (and not synced) when it
  // does not have that shape.
  bool load_snapshot(const nlohmann::json& result);
  // One update message. A body that is not a JSON object counts as lost (gap). A gap leaves
  // the replica unsynced until the next snapshot. A drill event ("drill.<id>.…") advances the
  // sequence number but is kept out of `entities`.
  UpdateOutcome apply(std::string_view topic, uint64_t update_seq, std::string_view body);
  // A HUGZ heartbeat carrying the server's current sequence number; ahead of the replica's
  // means updates were lost (gap).
  UpdateOutcome heartbeat(uint64_t server_seq);
};

}  // namespace erde::service
