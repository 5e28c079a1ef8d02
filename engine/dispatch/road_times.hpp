#pragma once
// Travel times for dispatch over the live roads (route/live_roads.hpp): teams drive with the
// profile of their kind (hazmat-capable teams on the hazmat profile, fire stations as fire
// engines, everyone else as rescue trucks), materials come by rescue truck, evacuees walk. A
// resource that cannot be snapped to a road its profile may use, or cannot reach the place,
// gets kNoRoute. Teams are taken where team.base says: callers put a team's current position
// there.
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dispatch/travel_time.hpp"
#include "model/depot.hpp"
#include "model/team.hpp"
#include "route/live_roads.hpp"

namespace erde {

// The profiles dispatch drives and walks with.
inline constexpr std::string_view kDispatchProfiles[] = {"fire_engine", "rescue_truck", "hazmat", "walking"};
inline constexpr std::string_view kTeamProfiles[] = {"fire_engine", "rescue_truck", "hazmat"};

// Indexes `graph` for the dispatch profiles taken from `profiles` (erde::Error naming a missing one).
std::shared_ptr<const RoadIndex> make_dispatch_index(RoadGraph graph, const std::vector<Profile>& profiles,
                                                     double max_snap_m);
// Opens the roads once and indexes them for the dispatch profiles from profiles_path.
std::shared_ptr<const RoadIndex> open_dispatch_index(const std::string& roads, const std::string& profiles_path,
                                                     double max_snap_m);

std::string_view team_profile(const Team& team);

// Seconds from each team's base / each depot to `at` (kNoRoute where none).
std::vector<double> team_travel_times(const LiveRoads& roads, std::span<const Team> teams, LonLat at);
std::vector<double> depot_travel_times(const LiveRoads& roads, std::span<const Depot> depots, LonLat at);
// The team's road route from its base to `at` with its own profile; empty when there is none.
std::vector<LonLat> team_route(const LiveRoads& roads, const Team& team, LonLat at);

// Walking seconds, origins x destinations.
TravelMatrix walking_times(const LiveRoads& roads, std::span<const LonLat> from, std::span<const LonLat> to);

}  // namespace erde
