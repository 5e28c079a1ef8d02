// Read-only queries over the domain state; the dispatch ones are in domain_dispatch_queries.cpp.
#include "service/args.hpp"
#include "service/domain_state.hpp"

namespace erde::service {

using nlohmann::json;

namespace {

json list_teams(const DomainState& state, const json& args) {
  allow_only(args, {"status"}, "args");
  std::optional<TeamStatus> status;
  if (const json* s = optional(args, "status")) status = read_enum<TeamStatus>(*s, "args.status");
  json out = json::array();
  for (const TeamNow& t : state.live.teams)
    if (!status || t.team.status == *status) out.push_back(team_json(t));
  return out;
}

json list_incidents(const DomainState& state, const json& args) {
  allow_only(args, {"status", "drill"}, "args");
  std::string status = "all";
  if (const json* s = optional(args, "status")) {
    status = read_text(*s, "args.status", 16);
    if (status != "open" && status != "closed" && status != "all")
      reject(code::bad_value, "status is open, closed or all", "args.status");
  }
  std::optional<bool> drill;
  if (const json* d = optional(args, "drill")) drill = read_bool(*d, "args.drill");
  json out = json::array();
  for (const auto& [id, i] : state.incidents) {
    if (status != "all" && i.open != (status == "open")) continue;
    if (drill && i.drill != *drill) continue;
    out.push_back(incident_json(i));
  }
  return out;
}

json list_shelters(const DomainState& state) {
  json out = json::array();
  for (const auto& s : state.data.shelters) out.push_back(live_shelter_json(state, s));
  return out;
}

json list_depots(const DomainState& state) {
  json out = json::array();
  for (const auto& d : state.data.depots) out.push_back(depot_json(d));
  return out;
}

json list_closures(const DomainState& state) {
  json out = json::array();
  for (const auto& [id, c] : state.closures) out.push_back(closure_json(c));
  return out;
}

template <typename Map, typename ToJson>
json one(const Map& map, const json& args, const char* what, ToJson to_json) {
  allow_only(args, {"id"}, "args");
  std::string id = read_id(required(args, "id", "args"), "args.id");
  auto it = map.find(id);
  if (it == map.end()) reject(code::unknown_id, std::string("no ") + what + " '" + id + "'", "args.id");
  return to_json(it->second);
}

json one_team(const DomainState& state, const json& args) {
  allow_only(args, {"id"}, "args");
  std::string id = read_id(required(args, "id", "args"), "args.id");
  if (const TeamNow* t = find_live_team(state, id)) return team_json(*t);
  reject(code::unknown_id, "no team '" + id + "'", "args.id");
}

json one_shelter(const DomainState& state, const json& args) {
  allow_only(args, {"id"}, "args");
  std::string id = read_id(required(args, "id", "args"), "args.id");
  for (const auto& s : state.data.shelters)
    if (s.id == id) return live_shelter_json(state, s);
  reject(code::unknown_id, "no shelter '" + id + "'", "args.id");
}

json no_args(const json& args, json result) {
  allow_only(args, {}, "args");
  return result;
}

}  // namespace

QueryResult run_domain_query(const DomainState& state, const std::string& kind, const json& args) {
  try {
    if (kind == "query.incident") return one(state.incidents, args, "incident", incident_json);
    if (kind == "query.incidents") return list_incidents(state, args);
    if (kind == "query.team") return one_team(state, args);
    if (kind == "query.teams") return list_teams(state, args);
    if (kind == "query.shelter") return one_shelter(state, args);
    if (kind == "query.shelters") return no_args(args, list_shelters(state));
    if (kind == "query.depots") return no_args(args, list_depots(state));
    if (kind == "query.closures") return no_args(args, list_closures(state));
    if (kind == "query.resources")
      return no_args(args, json{{"teams", list_teams(state, json::object())},
                                {"depots", list_depots(state)},
                                {"shelters", list_shelters(state)}});
    if (kind == "query.plan" || kind == "query.nearest" || kind == "query.route")
      return run_dispatch_query(state, kind, args);
    return RequestError{code::unknown_kind, "unknown query '" + kind + "'", "kind"};
  } catch (const Rejected& e) {
    return e.error;
  }
}

}  // namespace erde::service
