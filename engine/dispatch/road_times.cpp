#include "dispatch/road_times.hpp"

#include <algorithm>
#include <optional>

#include "graph/import.hpp"
#include "route/matrix.hpp"
#include "route/route.hpp"
#include "route/snapped.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

constexpr std::string_view kProfiles[] = {"fire_engine", "rescue_truck", "hazmat", "walking"};

double seconds(uint32_t ms) { return ms == kUnreachable ? kNoRoute : ms / 1000.0; }

// Times from every origin (by profile) to one place.
std::vector<double> to_place(const DispatchRoads& roads, std::span<const LonLat> origins,
                             std::span<const size_t> profile_of, LonLat at) {
  std::vector<double> out(origins.size(), kNoRoute);
  for (size_t p = 0; p < roads.profiles.size(); ++p) {
    std::vector<size_t> which;
    std::vector<RoutePoint> sources;
    for (size_t i = 0; i < origins.size(); ++i)
      if (profile_of[i] == p) {
        RoutePoint rp = snap_on(roads, p, origins[i]);
        if (!rp.valid()) continue;
        which.push_back(i);
        sources.push_back(rp);
      }
    if (sources.empty()) continue;
    RoutePoint target = snap_on(roads, p, at);
    if (!target.valid()) continue;
    TimeMatrix m = matrix({roads.graph, roads.weights[p]}, sources, std::span<const RoutePoint>(&target, 1));
    for (size_t k = 0; k < which.size(); ++k) out[which[k]] = seconds(m.time(k, 0));
  }
  return out;
}

}  // namespace

size_t DispatchRoads::profile(std::string_view name) const {
  for (size_t p = 0; p < profiles.size(); ++p)
    if (profiles[p].name == name) return p;
  throw Error("dispatch needs the road profile '" + std::string(name) + "'");
}

std::unique_ptr<DispatchRoads> make_dispatch_roads(RoadGraph graph, const std::vector<Profile>& profiles,
                                                   double max_snap_m) {
  if (!(max_snap_m > 0)) throw Error("snap distance must be positive metres");
  auto r = std::make_unique<DispatchRoads>();
  r->graph = std::move(graph);
  for (std::string_view name : kProfiles) {
    auto it = std::find_if(profiles.begin(), profiles.end(), [&](const Profile& p) { return p.name == name; });
    if (it == profiles.end()) throw Error("dispatch needs the road profile '" + std::string(name) + "'");
    r->profiles.push_back(*it);
    r->weights.push_back(edge_weights(r->graph, r->profiles.back()));
  }
  r->index = std::make_unique<SnapIndex>(r->graph);
  r->max_snap_m = max_snap_m;
  return r;
}

std::unique_ptr<DispatchRoads> open_dispatch_roads(const std::string& roads, const std::string& profiles_path,
                                                   double max_snap_m) {
  if (!(max_snap_m > 0)) throw Error("snap distance must be positive metres");
  std::vector<Profile> profiles;
  for (std::string_view name : kProfiles) profiles.push_back(load_profile(profiles_path, std::string(name)));
  return make_dispatch_roads(open_roads(roads), profiles, max_snap_m);
}

RoutePoint snap_on(const DispatchRoads& roads, size_t p, LonLat where) {
  try {
    return route_point(roads.index->snap(where, roads.weights[p], roads.max_snap_m));
  } catch (const Error&) {
    return RoutePoint{};
  }
}

std::string_view team_profile(const Team& team) {
  if (team.has(Capability::hazmat)) return "hazmat";
  if (team.kind == TeamKind::fire_rescue || team.kind == TeamKind::micro_fire_station) return "fire_engine";
  return "rescue_truck";
}

std::vector<double> team_travel_times(const DispatchRoads& roads, std::span<const Team> teams, LonLat at) {
  std::vector<LonLat> where;
  std::vector<size_t> profile_of;
  for (const Team& t : teams) {
    where.push_back(t.base);
    profile_of.push_back(roads.profile(team_profile(t)));
  }
  return to_place(roads, where, profile_of, at);
}

std::vector<LonLat> team_route(const DispatchRoads& roads, const Team& team, LonLat at) {
  const size_t p = roads.profile(team_profile(team));
  const RoutePoint from = snap_on(roads, p, team.base);
  const RoutePoint to = snap_on(roads, p, at);
  if (!from.valid() || !to.valid()) return {};
  Route r = route({roads.graph, roads.weights[p]}, from, to);
  if (!r.reachable) return {};
  return std::move(r.geometry);
}

std::vector<double> depot_travel_times(const DispatchRoads& roads, std::span<const Depot> depots, LonLat at) {
  std::vector<LonLat> where;
  for (const Depot& d : depots) where.push_back(d.location);
  std::vector<size_t> profile_of(depots.size(), roads.profile("rescue_truck"));
  return to_place(roads, where, profile_of, at);
}

TravelMatrix walking_times(const DispatchRoads& roads, std::span<const LonLat> from, std::span<const LonLat> to) {
  const size_t p = roads.profile("walking");
  TravelMatrix out(from.size(), to.size());
  std::vector<size_t> rows, cols;
  std::vector<RoutePoint> sources, targets;
  for (size_t i = 0; i < from.size(); ++i) {
    RoutePoint rp = snap_on(roads, p, from[i]);
    if (rp.valid()) {
      rows.push_back(i);
      sources.push_back(rp);
    }
  }
  for (size_t j = 0; j < to.size(); ++j) {
    RoutePoint rp = snap_on(roads, p, to[j]);
    if (rp.valid()) {
      cols.push_back(j);
      targets.push_back(rp);
    }
  }
  if (sources.empty() || targets.empty()) return out;
  TimeMatrix m = matrix({roads.graph, roads.weights[p]}, sources, targets);
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < cols.size(); ++c) out.at(rows[r], cols[c]) = seconds(m.time(r, c));
  return out;
}

}  // namespace erde
