#include "gateway/actions.hpp"

#include <initializer_list>

namespace erde::web {

using nlohmann::json;
using service::Role;

namespace {

void only(const json& body, std::initializer_list<const char*> allowed) {
  if (!body.is_object()) throw BadPayload{"", "the body must be a JSON object"};
  for (const auto& [key, value] : body.items()) {
    bool known = false;
    for (const char* name : allowed) known = known || key == name;
    if (!known) throw BadPayload{key, "unknown field '" + key + "'"};
  }
}

void copy_text(const json& body, json& args, const char* name, bool required, size_t max_bytes) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) throw BadPayload{name, std::string(name) + " is required"};
    return;
  }
  if (!it->is_string()) throw BadPayload{name, std::string(name) + " must be text"};
  const auto& text = it->get_ref<const std::string&>();
  if (required && text.empty()) throw BadPayload{name, std::string(name) + " is required"};
  if (text.size() > max_bytes)
    throw BadPayload{name, std::string(name) + " is longer than " + std::to_string(max_bytes) + " bytes"};
  if (!text.empty()) args[name] = text;
}

json lon_lat(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_object()) throw BadPayload{name, std::string(name) + " {lon, lat} is required"};
  const json& p = *it;
  for (const char* axis : {"lon", "lat"})
    if (!p.contains(axis) || !p[axis].is_number())
      throw BadPayload{std::string(name) + "." + axis, std::string(axis) + " must be a number"};
  if (p.size() != 2) throw BadPayload{name, std::string(name) + " takes only lon and lat"};
  return {{"lon", p["lon"]}, {"lat", p["lat"]}};
}

}  // namespace

Action incident_action(const json& body) {
  only(body, {"type", "severity", "location", "address", "description", "drill"});
  json args = json::object();
  copy_text(body, args, "type", true, 100);
  copy_text(body, args, "severity", false, 100);
  args["location"] = lon_lat(body, "location");
  copy_text(body, args, "address", false, 500);
  copy_text(body, args, "description", false, 4000);
  if (auto d = body.find("drill"); d != body.end() && !d->is_null()) {
    if (!d->is_boolean()) throw BadPayload{"drill", "drill must be true or false"};
    args["drill"] = *d;
  }
  return {"incident.submit", args, Role::dispatcher};
}

Action incident_close_action(const std::string& id, const json& body) {
  only(body, {"reason"});
  json args = {{"id", id}};
  copy_text(body, args, "reason", false, 500);
  return {"incident.close", args, Role::dispatcher};
}

Action incident_preempt_action(const std::string& id, const json& body) {
  only(body, {"team", "capability"});
  json args = {{"incident", id}};
  copy_text(body, args, "team", true, 100);
  copy_text(body, args, "capability", false, 100);
  return {"incident.preempt", args, Role::dispatcher};
}

Action event_share_action(const json& body) {
  only(body, {"incidents"});
  json args = json::object();
  if (auto it = body.find("incidents"); it != body.end() && !it->is_null()) {
    if (!it->is_array() || it->size() > 500) throw BadPayload{"incidents", "incidents must be a list of at most 500 ids"};
    for (const json& id : *it)
      if (!id.is_string() || id.get_ref<const std::string&>().empty() || id.get_ref<const std::string&>().size() > 100)
        throw BadPayload{"incidents", "every incident id must be text of 1 to 100 bytes"};
    args["incidents"] = *it;
  }
  return {"event.share", args, Role::dispatcher};
}

Action team_status_action(const std::string& team, const json& body) {
  only(body, {"status", "incident"});
  json args = {{"team", team}};
  copy_text(body, args, "status", true, 100);
  copy_text(body, args, "incident", false, 100);
  return {"team.status", args, Role::dispatcher};
}

Action closure_action(const json& body) {
  only(body, {"reason", "geometry", "radius_m"});
  json args = json::object();
  copy_text(body, args, "reason", true, 500);
  auto g = body.find("geometry");
  if (g == body.end() || !g->is_object() || !g->contains("type") || !(*g)["type"].is_string())
    throw BadPayload{"geometry", "geometry must be a GeoJSON Polygon, LineString or Point"};
  args["geometry"] = *g;
  if (auto r = body.find("radius_m"); r != body.end() && !r->is_null()) {
    if (!r->is_number()) throw BadPayload{"radius_m", "radius_m must be a number"};
    args["radius_m"] = *r;
  }
  return {"closure.add", args, Role::admin};
}

Action closure_remove_action(const std::string& id) {
  return {"closure.remove", {{"id", id}}, Role::admin};
}

int http_status(const json& reply) {
  if (reply.value("ok", false)) return 200;
  std::string code;
  if (reply.contains("error") && reply["error"].is_object()) code = reply["error"].value("code", "");
  if (code == "bad_request" || code == "bad_value" || code == "out_of_range" || code == "bad_json" ||
      code == "too_large" || code == "bad_frames")
    return 400;
  if (code == "forbidden") return 403;
  if (code == "unknown_id") return 404;
  if (code == "conflict") return 409;
  if (code == "not_implemented") return 501;
  return 502;
}

}  // namespace erde::web
