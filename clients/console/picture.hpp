#pragma once
// The console's live picture: a Clone replica of the service state (service/replica.hpp) plus
// what a screen needs around it — a feed of recent changes in words, and when the server was
// last heard. No sockets, no terminal: times are passed in (steady-clock milliseconds).
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/replica.hpp"

namespace erde::console {

struct FeedLine {
  uint64_t seq = 0;  // 0: not an update (a snapshot, a message of the console itself)
  std::string text;
};

inline constexpr int64_t kSilenceLimitMs = 3000;  // three missed heartbeats (docs/PROTOCOL.md)

struct Picture {
  service::Replica replica;
  std::deque<FeedLine> feed;  // oldest first, at most feed_limit
  size_t feed_limit = 200;
  uint64_t feed_added = 0;  // feed lines ever added (the feed keeps the last feed_limit)
  int resyncs = 0;
  int64_t last_heard_ms = -1;  // -1: never heard
};

enum class Received { applied, ignored, resync_needed };

// A snapshot reply's result: a page ({"seq", "entities", "next"}; true on the last page, false
// with picture.replica.loading() while more follow) or a whole state ({"seq", "state"}); false
// when malformed (the picture stays unsynced). See service::Replica::load_snapshot.
bool load_snapshot(Picture& picture, const nlohmann::json& result, int64_t now_ms);
// One update [topic, seq, body]; "HUGZ" is the heartbeat. Applied updates add a feed line.
Received receive_update(Picture& picture, std::string_view topic, uint64_t seq,
                        std::string_view body, int64_t now_ms);
void add_note(Picture& picture, std::string text);

bool server_silent(const Picture& picture, int64_t now_ms);

// Views for rendering.
std::vector<const nlohmann::json*> incidents_of(const Picture& picture, bool open);
std::vector<const nlohmann::json*> teams_of(const Picture& picture);
std::vector<const nlohmann::json*> closures_of(const Picture& picture);
// The plan in force for an incident: the latest plan.<id> update, else the incident's own
// `plan` (a snapshot carries plans only there); null when it has none.
const nlohmann::json* plan_of(const Picture& picture, const std::string& incident_id);

// One update in words, given the entity before (null when new): "team T-03 消防一中队:
// available 待命 → dispatched 出动 (I-000001)".
std::string describe_update(std::string_view topic, const nlohmann::json* before,
                            const nlohmann::json& after);

// "fire 火灾" for a value of a bilingual vocabulary (unknown values as they are).
std::string incident_type_label(const std::string& value);
std::string severity_label(const std::string& value);
std::string team_status_label(const std::string& value);
std::string team_kind_label(const std::string& value);
// A plan's term object {"en", "zh"} as "en zh".
std::string term_label(const nlohmann::json& term);
// 252.4 → "4m12s"; 40 → "40s".
std::string format_duration(double seconds);
// An entity's text field for display, or "" when it is missing or not a string: through
// printable_text (util/text.hpp), so control, invisible and bidi characters show as escapes
// and never reach the terminal.
std::string text_of(const nlohmann::json& entity, const char* field);
// The same field as sent, for looking entities up by id; never print it as it is.
std::string raw_text_of(const nlohmann::json& entity, const char* field);

}  // namespace erde::console
