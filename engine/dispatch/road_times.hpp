#pragma once
// Travel times for dispatch from the road network: teams drive with the profile of their kind
// (hazmat-capable teams on the hazmat profile, fire stations as fire engines, everyone else as
// rescue trucks), materials come by rescue truck, evacuees walk. A resource that cannot be
// snapped to a road its profile may use, or cannot reach the place, gets kNoRoute.
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dispatch/travel_time.hpp"
#include "graph/profile.hpp"
#include "graph/road_graph.hpp"
#include "graph/snap.hpp"
#include "model/depot.hpp"
#include "model/team.hpp"
#include "route/network.hpp"

namespace erde {

struct DispatchRoads {
  RoadGraph graph;
  std::vector<Profile> profiles;                // fire_engine, rescue_truck, hazmat, walking
  std::vector<std::vector<uint32_t>> weights;   // per profile
  std::unique_ptr<SnapIndex> index;             // over `graph`: keep DispatchRoads in place
  double max_snap_m = 500;

  size_t profile(std::string_view name) const;  // throws erde::Error for an unknown profile
};

// Weighs a graph with the profiles named fire_engine, rescue_truck, hazmat and walking.
std::unique_ptr<DispatchRoads> make_dispatch_roads(RoadGraph graph, const std::vector<Profile>& profiles,
                                                   double max_snap_m);
// Opens the roads once and weighs them with the four dispatch profiles from profiles_path.
std::unique_ptr<DispatchRoads> open_dispatch_roads(const std::string& roads, const std::string& profiles_path,
                                                   double max_snap_m);

std::string_view team_profile(const Team& team);

// `where` on the nearest road profile p may use, within max_snap_m; invalid when there is none.
RoutePoint snap_on(const DispatchRoads& roads, size_t profile, LonLat where);

// Seconds from each team's base / each depot to `at` (kNoRoute where none).
std::vector<double> team_travel_times(const DispatchRoads& roads, std::span<const Team> teams, LonLat at);
std::vector<double> depot_travel_times(const DispatchRoads& roads, std::span<const Depot> depots, LonLat at);
// The team's road route from its base to `at` with its own profile; empty when there is none.
std::vector<LonLat> team_route(const DispatchRoads& roads, const Team& team, LonLat at);

// Walking seconds, origins x destinations.
TravelMatrix walking_times(const DispatchRoads& roads, std::span<const LonLat> from, std::span<const LonLat> to);

}  // namespace erde
