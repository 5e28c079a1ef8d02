#pragma once
// Travel times for one incident's plan, searched only as far as the plan can use
// (dispatch/nearest_enough.hpp). Teams: on each profile, until for every required capability
// as many available teams as the plan has slots (or all of them) have been found; a team
// farther than those can always be swapped for a free nearer one, so no least-time selection
// picks it. Depots: until their free stock, nearest first, covers every material. Resources
// beyond get kNoRoute; the plan is the same as with every time known.
#include <functional>
#include <span>
#include <vector>

#include "dispatch/reservations.hpp"
#include "dispatch/response_plan.hpp"
#include "dispatch/road_times.hpp"

namespace erde {

struct TeamTrips {
  std::vector<double> eta_s;  // per team; kNoRoute: cannot reach, or not needed by this plan
  // Base to scene along the roads, for a team with a time (from the same search).
  std::function<std::vector<LonLat>(size_t team)> route;
};

TeamTrips team_trips(const DispatchRoads& roads, std::span<const Team> teams, LonLat at,
                     std::span<const TeamRequirement> needed);

std::vector<double> depot_trips(const DispatchRoads& roads, std::span<const Depot> depots, LonLat at,
                                std::span<const MaterialRequirement> needed, const Reservations& ledger);

}  // namespace erde
