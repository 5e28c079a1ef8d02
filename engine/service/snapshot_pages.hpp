#pragma once
// The `snapshot` request: the live state in pages, so that neither a large state nor a slow
// client holds up the service loop (docs/PROTOCOL.md, "Keeping a replica"). A page is a bounded
// run of entities keyed by update topic, in topic order, taken at the current sequence number;
// `next` names where the following page starts.
#include <cstddef>
#include <cstdint>
#include <string>

#include "service/request.hpp"
#include "service/state_machine.hpp"

namespace erde::service {

inline constexpr size_t kDefaultSnapshotPageBytes = 1 << 20;  // 1 MiB of entities
inline constexpr size_t kMinSnapshotPageBytes = 4096;
inline constexpr size_t kMaxSnapshotPageBytes = 4 << 20;

// The page of `machine` at `seq` that `request` (kind snapshot, args {"after", "max_bytes"},
// both optional) asks for, as the whole reply frame:
// {"id", "ok": true, "seq", "result": {"entities": {topic: entity}, "next": topic|null, "seq"}}.
// A refusal (bad args) comes back as an error reply.
std::string snapshot_reply(const StateMachine& machine, const Request& request, uint64_t seq);

// Pages the entities of a whole snapshot() (for a machine without snapshot_page).
SnapshotPage page_of_snapshot(const nlohmann::json& state, std::string_view after, size_t max_bytes);

}  // namespace erde::service
