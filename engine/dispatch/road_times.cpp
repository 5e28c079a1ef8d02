#include "dispatch/road_times.hpp"

#include <algorithm>

#include "graph/import.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

double seconds(uint32_t ms) { return ms == kUnreachable ? kNoRoute : ms / 1000.0; }

// Times from every origin (by profile) to one place, over the origins prepared per profile.
std::vector<double> to_place(const LiveRoads& roads, std::span<const LonLat> origins,
                             std::span<const size_t> profile_of, LonLat at) {
  std::vector<double> out(origins.size(), kNoRoute);
  for (size_t p = 0; p < roads.profile_count(); ++p) {
    std::vector<size_t> which;
    std::vector<LonLat> places;
    for (size_t i = 0; i < origins.size(); ++i)
      if (profile_of[i] == p) {
        which.push_back(i);
        places.push_back(origins[i]);
      }
    if (places.empty()) continue;
    const std::vector<uint32_t> ms = roads.times_to(p, places, roads.snap(p, at, reach::kEnd));
    for (size_t k = 0; k < which.size(); ++k) out[which[k]] = seconds(ms[k]);
  }
  return out;
}

}  // namespace

std::shared_ptr<const RoadIndex> make_dispatch_index(RoadGraph graph, const std::vector<Profile>& profiles,
                                                     double max_snap_m) {
  std::vector<Profile> chosen;
  for (std::string_view name : kDispatchProfiles) {
    auto it = std::find_if(profiles.begin(), profiles.end(), [&](const Profile& p) { return p.name == name; });
    if (it == profiles.end()) throw Error("dispatch needs the road profile '" + std::string(name) + "'");
    chosen.push_back(*it);
  }
  return make_road_index(std::move(graph), std::move(chosen), max_snap_m);
}

std::shared_ptr<const RoadIndex> open_dispatch_index(const std::string& roads, const std::string& profiles_path,
                                                     double max_snap_m) {
  const std::vector<std::string> names(std::begin(kDispatchProfiles), std::end(kDispatchProfiles));
  return open_road_index(roads, profiles_path, names, max_snap_m);
}

std::string_view team_profile(const Team& team) {
  if (team.has(Capability::hazmat)) return "hazmat";
  if (team.kind == TeamKind::fire_rescue || team.kind == TeamKind::micro_fire_station) return "fire_engine";
  return "rescue_truck";
}

std::vector<double> team_travel_times(const LiveRoads& roads, std::span<const Team> teams, LonLat at) {
  std::vector<LonLat> where;
  std::vector<size_t> profile_of;
  for (const Team& t : teams) {
    where.push_back(t.base);
    profile_of.push_back(roads.profile(team_profile(t)));
  }
  return to_place(roads, where, profile_of, at);
}

std::vector<LonLat> team_route(const LiveRoads& roads, const Team& team, LonLat at) {
  const size_t p = roads.profile(team_profile(team));
  Route r = roads.route(p, roads.snap(p, team.base, reach::kStart), roads.snap(p, at, reach::kEnd));
  if (!r.reachable) return {};
  return std::move(r.geometry);
}

std::vector<double> depot_travel_times(const LiveRoads& roads, std::span<const Depot> depots, LonLat at) {
  std::vector<LonLat> where;
  for (const Depot& d : depots) where.push_back(d.location);
  std::vector<size_t> profile_of(depots.size(), roads.profile("rescue_truck"));
  return to_place(roads, where, profile_of, at);
}

TravelMatrix walking_times(const LiveRoads& roads, std::span<const LonLat> from, std::span<const LonLat> to) {
  const size_t p = roads.profile("walking");
  TravelMatrix out(from.size(), to.size());
  for (size_t i = 0; i < from.size(); ++i) {
    const std::vector<uint32_t> ms = roads.times_from(p, roads.snap(p, from[i], reach::kStart), to);
    for (size_t j = 0; j < to.size(); ++j) out.at(i, j) = seconds(ms[j]);
  }
  return out;
}

}  // namespace erde
