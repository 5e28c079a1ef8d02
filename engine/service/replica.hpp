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
// "incidents" → "incident.<id>", "closures" → "closure.<id>", "shelters" → "shelter.<id>",
// "depots" → "depot.<id>" (no updates: only snapshots carry depots), and the "plans" object (by
// incident id) → "plan.<id>". What the pages of a `snapshot` carry, all together.
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

  // `result` is a snapshot reply's result. A page ({"seq", "entities", "next"}) is added to the
  // snapshot being assembled (the first page starts one and unsyncs the replica: read no
  // updates until the last page, let them queue); true when it was the last page: the
  // replica then holds every page's entities, is synced, and its sequence number is the FIRST
  // page's. Updates after that number, applied in order, then bring each entity to its latest
  // value (docs/PROTOCOL.md, "Keeping a replica"). A page with more to come returns false with
  // loading() true: ask for {"after": next_after()}. A malformed page, or one
  // older than the page before (the server went back: restarted from another journal), drops
  // the assembly: loading() is false, start again from the first page.
  // The whole-state form {"seq", "state"} (earlier servers, tests) loads at once.
  bool load_snapshot(const nlohmann::json& result);
  bool loading() const { return loading_; }
  const std::string& next_after() const { return next_after_; }
  // Forgets a snapshot being assembled (the next page loaded starts a new one).
  void restart_snapshot();
  // One update message. A body that is not a JSON object counts as lost (gap). A gap leaves
  // the replica unsynced until the next snapshot. A drill event ("drill.<id>.…") advances the
  // sequence number but is kept out of `entities`.
  UpdateOutcome apply(std::string_view topic, uint64_t update_seq, std::string_view body);
  // A HUGZ heartbeat carrying the server's current sequence number; ahead of the replica's
  // means updates were lost (gap).
  UpdateOutcome heartbeat(uint64_t server_seq);

 private:
  bool load_page(const nlohmann::json& result);

  bool loading_ = false;        // pages of a snapshot are being assembled
  uint64_t first_seq_ = 0;      // the first page's sequence number
  uint64_t last_seq_ = 0;       // the latest page's
  std::string next_after_;      // the cursor for the next page
  std::map<std::string, nlohmann::json> pages_;  // the entities of the pages so far
};

}  // namespace erde::service
