#include "service/replica.hpp"

namespace erde::service {

using nlohmann::json;

std::map<std::string, json> snapshot_entities(const json& state) {
  static const std::pair<const char*, const char*> collections[] = {
      {"teams", "team."},       {"incidents", "incident."}, {"closures", "closure."},
      {"shelters", "shelter."}, {"depots", "depot."}};
  std::map<std::string, json> out;
  if (!state.is_object()) return out;
  for (const auto& [name, prefix] : collections) {
    auto it = state.find(name);
    if (it == state.end() || !it->is_array()) continue;
    for (const auto& e : *it)
      if (e.is_object() && e.contains("id") && e["id"].is_string())
        out[prefix + e["id"].get<std::string>()] = e;
  }
  if (auto plans = state.find("plans"); plans != state.end() && plans->is_object())
    for (const auto& [incident_id, plan] : plans->items()) out["plan." + incident_id] = plan;
  return out;
}

void Replica::restart_snapshot() {
  loading_ = false;
  pages_.clear();
  next_after_.clear();
}

bool Replica::load_page(const json& result) {
  const json& next = result["next"];
  if (!result["entities"].is_object() || !(next.is_null() || next.is_string()) ||
      (loading_ && result["seq"].get<uint64_t>() < last_seq_)) {
    restart_snapshot();
    return false;
  }
  uint64_t page_seq = result["seq"].get<uint64_t>();
  if (!loading_) {  // the first page: the replica is being replaced, updates must wait
    restart_snapshot();
    synced = false;
    loading_ = true;
    first_seq_ = page_seq;
  }
  last_seq_ = page_seq;
  for (const auto& [topic, value] : result["entities"].items()) pages_[topic] = value;
  if (next.is_string()) {
    next_after_ = next.get<std::string>();
    return false;
  }
  // The last page: every entity is at least as new as the first page; the updates after it
  // bring each to its latest value.
  entities = std::move(pages_);
  seq = first_seq_;
  synced = true;
  restart_snapshot();
  return true;
}

bool Replica::load_snapshot(const json& result) {
  if (!result.is_object() || !result.contains("seq") || !result["seq"].is_number_integer() ||
      result["seq"].get<int64_t>() < 0) {
    restart_snapshot();
    return false;
  }
  if (result.contains("entities")) {
    if (!result.contains("next")) {
      restart_snapshot();
      return false;
    }
    return load_page(result);
  }
  restart_snapshot();
  synced = false;
  if (!result.contains("state") || !result["state"].is_object()) return false;
  seq = result["seq"].get<uint64_t>();
  entities = snapshot_entities(result["state"]);
  synced = true;
  return true;
}

UpdateOutcome Replica::apply(std::string_view topic, uint64_t update_seq, std::string_view body) {
  if (!synced) return UpdateOutcome::gap;
  if (update_seq <= seq) return UpdateOutcome::already_seen;
  json value = update_seq == seq + 1 ? json::parse(body, nullptr, false) : json();
  if (!value.is_object()) {
    synced = false;
    return UpdateOutcome::gap;
  }
  std::string key(topic);
  bool live = key.rfind("drill.", 0) != 0;  // drill events share the numbering, not the state
  if (live && value.value("removed", false)) entities.erase(key);
  else if (live) entities[key] = std::move(value);
  seq = update_seq;
  return UpdateOutcome::applied;
}

UpdateOutcome Replica::heartbeat(uint64_t server_seq) {
  // Behind the server: updates were lost. (Ahead is normal: a heartbeat queued before the
  // snapshot was taken.)
  if (!synced || server_seq > seq) {
    synced = false;
    return UpdateOutcome::gap;
  }
  return UpdateOutcome::already_seen;
}

}  // namespace erde::service
