#include <chrono>

#include "service/service_core.hpp"
#include "util/error.hpp"

namespace erde::service {

std::string encode_journal_entry(const JournalEntry& e) {
  nlohmann::json j = {{"seq", e.seq_before},
                      {"kind", e.command.kind},
                      {"args", e.command.args},
                      {"at", e.command.at_ms},
                      {"by", e.command.by}};
  if (!e.idempotency_key.empty()) j["key"] = e.idempotency_key;
  return j.dump();
}

JournalEntry decode_journal_entry(std::string_view payload) {
  auto j = nlohmann::json::parse(payload, nullptr, false);
  try {
    if (j.is_discarded() || !j.is_object()) throw Error("journal record is not a JSON object");
    JournalEntry e;
    e.seq_before = j.at("seq").get<uint64_t>();
    e.command.kind = j.at("kind").get<std::string>();
    e.command.args = j.at("args");
    e.command.at_ms = j.at("at").get<int64_t>();
    e.command.by = j.at("by").get<std::string>();
    if (auto key = j.find("key"); key != j.end()) e.idempotency_key = key->get<std::string>();
    return e;
  } catch (const nlohmann::json::exception& ex) {
    throw Error(std::string("journal record: ") + ex.what());
  }
}

Clock system_clock_ms() {
  return [] {
    return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count());
  };
}

}  // namespace erde::service
