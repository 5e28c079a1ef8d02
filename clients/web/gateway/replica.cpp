#include "gateway/replica.hpp"

#include "service/client.hpp"
#include "util/error.hpp"

namespace erde::web {

using nlohmann::json;

void load_entities(Replica& replica, uint64_t seq, std::map<std::string, json> entities) {
  replica.depots = json::array();
  for (auto it = entities.begin(); it != entities.end();) {
    if (it->first.rfind("depot.", 0) == 0) {
      replica.depots.push_back(std::move(it->second));
      it = entities.erase(it);
    } else {
      ++it;
    }
  }
  replica.entities = std::move(entities);
  replica.seq = seq;
  replica.synced = true;
}

void load_snapshot(Replica& replica, const json& result) {
  service::Replica assembly;
  if (!assembly.load_snapshot(result)) throw Error("snapshot reply without seq and state (or not a last page)");
  load_entities(replica, assembly.seq, std::move(assembly.entities));
}

Applied apply_update(Replica& replica, const std::string& topic, uint64_t seq, const json& body) {
  if (!replica.synced) return Applied::not_synced;
  if (seq <= replica.seq) return Applied::stale;
  if (seq != replica.seq + 1) {
    replica.synced = false;
    return Applied::gap;
  }
  if (body.is_object() && body.value("removed", false)) replica.entities.erase(topic);
  else replica.entities[topic] = body;
  replica.seq = seq;
  return Applied::applied;
}

Applied apply_heartbeat(Replica& replica, uint64_t seq) {
  if (!replica.synced) return Applied::not_synced;
  if (seq > replica.seq) {
    replica.synced = false;
    return Applied::gap;
  }
  return Applied::stale;
}

namespace {

bool marked_drill(const json& body) {
  if (!body.is_object()) return false;
  auto drill = body.find("drill");
  if (drill != body.end() && drill->is_boolean() && drill->get<bool>()) return true;
  auto id = body.find("drill_id");
  return id != body.end() && !id->is_null();
}

bool incident_is_drill(const Replica& replica, const json& id) {
  if (!id.is_string()) return false;
  auto it = replica.entities.find("incident." + id.get<std::string>());
  return it != replica.entities.end() && marked_drill(it->second);
}

}  // namespace

bool is_drill(const Replica& replica, const std::string& topic, const json& body) {
  if (topic.rfind("drill.", 0) == 0 || marked_drill(body)) return true;
  if (topic.rfind("plan.", 0) == 0) return incident_is_drill(replica, json(topic.substr(5)));
  if (topic.rfind("team.", 0) == 0 && body.is_object() && body.contains("incident"))
    return incident_is_drill(replica, body["incident"]);
  return false;
}

json replica_json(const Replica& replica) {
  json entities = json::object();
  for (const auto& [topic, body] : replica.entities) {
    json entry = body;
    if (is_drill(replica, topic, body) && entry.is_object()) entry["_drill"] = true;
    entities[topic] = std::move(entry);
  }
  return {{"seq", replica.seq}, {"synced", replica.synced}, {"entities", std::move(entities)},
          {"depots", replica.depots}};
}

}  // namespace erde::web
