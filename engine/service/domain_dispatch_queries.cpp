// Queries that need the dispatch engine: an incident's plan, the nearest dispatchable teams by
// travel time, a route between two points (all over the roads with live closures).
#include <algorithm>
#include <cmath>

#include "dispatch/road_times.hpp"
#include "dispatch/team_position.hpp"
#include "service/args.hpp"
#include "service/dispatcher.hpp"
#include "service/service_core.hpp"
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
  allow_only(args, {"location", "k", "capability", "at"}, "args");
  const LonLat at = read_lonlat(required(args, "location", "args"), "args.location");
  size_t k = 5;
  if (const json* v = optional(args, "k")) k = static_cast<size_t>(read_integer(*v, "args.k", 1, 100));
  std::optional<Capability> cap;
  if (const json* v = optional(args, "capability")) cap = read_enum<Capability>(*v, "args.capability");
  int64_t now_ms = system_clock_ms()();  // as the journal stamps commands
  if (const json* v = optional(args, "at")) now_ms = read_integer(*v, "args.at", 0, int64_t{1} << 50);
  // Per profile, the k nearest of its free teams (every team placed at its last fix, the free
  // ones enabled, so the prepared places stay the same while statuses change), and each useful
  // returning team by its own search from where it is estimated to be; then the k nearest.
  const LiveRoads& roads = *state.dispatch->roads;
  struct Found {
    uint32_t eta_ms;
    const TeamNow* team;
    std::string_view profile;
    std::optional<LonLat> re_tasked_from;  // a returning team's estimated position
  };
  std::vector<Found> found;
  for (std::string_view name : kTeamProfiles) {
    const size_t p = roads.profile(name);
    std::vector<LonLat> places;
    std::vector<const TeamNow*> of;
    std::vector<uint8_t> free;
    const RoutePoint scene = roads.snap(p, at, reach::kEnd);
    for (const TeamNow& t : state.live.teams) {  // by ascending id
      if (team_profile(t.team) != name) continue;
      places.push_back(t.position);
      of.push_back(&t);
      const bool useful = !cap || t.team.has(*cap);
      free.push_back(t.team.status == TeamStatus::available && useful);
      if (t.team.status != TeamStatus::returning || !useful || !scene.valid()) continue;
      const LonLat here = estimated_position(roads, t, std::nullopt, now_ms);
      const RoutePoint from = roads.snap(p, here, reach::kStart);
      const Route r = from.valid() ? roads.route(p, from, scene, false) : Route{};
      if (r.reachable) found.push_back({r.time_ms, &t, name, here});
    }
    NearestOptions o;
    o.k = k;
    o.mask = free;
    o.with_geometry = false;
    for (const NearestResource& n : roads.nearest(p, places, scene, o))
      found.push_back({n.eta_ms, of[n.resource], name, std::nullopt});
  }
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.eta_ms != b.eta_ms ? a.eta_ms < b.eta_ms : a.team->team.id < b.team->team.id;
  });
  if (found.size() > k) found.resize(k);
  json out = json::array();
  for (const Found& f : found) {
    json j = team_json(*f.team);
    j["eta_s"] = f.eta_ms / 1000.0;
    j["profile"] = std::string(f.profile);
    j["re_tasked"] = f.re_tasked_from.has_value();
    if (f.re_tasked_from) j["re_tasked_at"] = lonlat_json(*f.re_tasked_from);
    out.push_back(std::move(j));
  }
  return out;
}

json query_route(const DomainState& state, const json& args) {
  allow_only(args, {"from", "to", "profile"}, "args");
  const LonLat from = read_lonlat(required(args, "from", "args"), "args.from");
  const LonLat to = read_lonlat(required(args, "to", "args"), "args.to");
  const LiveRoads& roads = *state.dispatch->roads;
  std::string profile = "rescue_truck";
  if (const json* v = optional(args, "profile")) profile = read_text(*v, "args.profile", 32);
  size_t p = 0;
  try {
    p = roads.profile(profile);
  } catch (const Error&) {
    reject(code::bad_value, "profile is fire_engine, rescue_truck, hazmat or walking", "args.profile");
  }
  auto snap = [&](LonLat where, const char* path) {
    const RoutePoint rp = roads.snap(p, where);
    if (!rp.valid())
      reject(code::out_of_range,
             "no usable road within " + std::to_string(static_cast<int>(roads.max_snap_m())) + " m", path);
    return rp;
  };
  const RoutePoint a = snap(from, "args.from");
  const RoutePoint b = snap(to, "args.to");
  const Route r = roads.route(p, a, b);
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
