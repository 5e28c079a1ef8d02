// Queries that need the dispatch engine: an incident's plan, the nearest available teams by
// travel time, a route between two points (all over the roads with live closures).
#include <algorithm>
#include <cmath>

#include "dispatch/road_times.hpp"
#include "route/route.hpp"
#include "route/snapped.hpp"
#include "service/args.hpp"
#include "service/dispatcher.hpp"
#include "service/domain_state.hpp"
#include "util/error.hpp"

namespace erde::service {

using nlohmann::json;

namespace {

json query_plan(const DomainState& state, const json& args) {
  allow_only(args, {"id"}, "args");
  std::string id = read_id(required(args, "id", "args"), "args.id");
  auto it = state.incidents.find(id);
  if (it == state.incidents.end()) reject(code::unknown_id, "no incident '" + id + "'", "args.id");
  return {{"id", id}, {"plan", it->second.plan}};
}

json query_nearest(const DomainState& state, const json& args) {
  allow_only(args, {"location", "k", "capability"}, "args");
  const LonLat at = read_lonlat(required(args, "location", "args"), "args.location");
  size_t k = 5;
  if (const json* v = optional(args, "k")) k = static_cast<size_t>(read_integer(*v, "args.k", 1, 100));
  std::optional<Capability> cap;
  if (const json* v = optional(args, "capability")) cap = read_enum<Capability>(*v, "args.capability");
  std::vector<Team> teams;
  std::vector<const LiveTeam*> live;
  for (const auto& [id, t] : state.teams) {
    if (t.team.status != TeamStatus::available || (cap && !t.team.has(*cap))) continue;
    Team team = t.team;
    team.base = t.position;
    teams.push_back(std::move(team));
    live.push_back(&t);
  }
  const std::vector<double> eta = team_travel_times(*state.dispatch->roads, teams, at);
  std::vector<size_t> order;
  for (size_t i = 0; i < teams.size(); ++i)
    if (eta[i] != kNoRoute) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return eta[a] < eta[b]; });
  if (order.size() > k) order.resize(k);
  json out = json::array();
  for (size_t i : order) {
    json j = team_json(*live[i]);
    j["eta_s"] = eta[i];
    j["profile"] = std::string(team_profile(teams[i]));
    out.push_back(std::move(j));
  }
  return out;
}

json query_route(const DomainState& state, const json& args) {
  allow_only(args, {"from", "to", "profile"}, "args");
  const LonLat from = read_lonlat(required(args, "from", "args"), "args.from");
  const LonLat to = read_lonlat(required(args, "to", "args"), "args.to");
  const DispatchRoads& roads = *state.dispatch->roads;
  std::string profile = "rescue_truck";
  if (const json* v = optional(args, "profile")) profile = read_text(*v, "args.profile", 32);
  size_t p = 0;
  try {
    p = roads.profile(profile);
  } catch (const Error&) {
    reject(code::bad_value, "profile is fire_engine, rescue_truck, hazmat or walking", "args.profile");
  }
  auto snap = [&](LonLat where, const char* path) {
    try {
      return route_point(roads.index->snap(where, roads.weights[p], roads.max_snap_m));
    } catch (const Error&) {
      reject(code::out_of_range, "no usable road within " + std::to_string(static_cast<int>(roads.max_snap_m)) + " m",
             path);
    }
  };
  const RoutePoint a = snap(from, "args.from");
  const RoutePoint b = snap(to, "args.to");
  const Route r = route({roads.graph, roads.weights[p]}, a, b);
  json line = json::array();
  for (const LonLat& q : r.geometry) line.push_back({q.lon, q.lat});
  return {{"profile", profile},
          {"reachable", r.reachable},
          {"time_s", r.reachable ? json(r.time_ms / 1000.0) : json(nullptr)},
          {"distance_m", r.reachable ? json(r.distance_m) : json(nullptr)},
          {"geometry", {{"type", "LineString"}, {"coordinates", line}}}};
}

}  // namespace

QueryResult run_dispatch_query(const DomainState& state, const std::string& kind, const json& args) {
  try {
    if (kind == "query.plan") return query_plan(state, args);
    if (!state.dispatch)
      return RequestError{code::not_implemented, kind + " needs roads: start erde serve with --data", "kind"};
    if (kind == "query.nearest") return query_nearest(state, args);
    return query_route(state, args);
  } catch (const Rejected& e) {
    return e.error;
  }
}

}  // namespace erde::service
