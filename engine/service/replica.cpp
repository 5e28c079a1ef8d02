#include "service/replica.hpp"

namespace erde::service {

using nlohmann::json;

std::map<std::string, json> snapshot_entities(const json& state) {
  static const std::pair<const char*, const char*> collections[] = {
      {"teams", "team."}, {"incidents", "incident."}, {"closures", "closure."}, {"shelters", "shelter."}};
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

bool Replica::load_snapshot(const json& result) {
  synced = false;
  if (!result.is_object() || !result.contains("seq") || !result["seq"].is_number_integer() ||
      result["seq"].get<int64_t>() < 0 || !result.contains("state") || !result["state"].is_object())
    return false;
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
