#pragma once
// Travel times for one incident's plan over the live roads: every available team that could fill
// a slot, and every depot with free stock of a needed material, from places prepared once per
// metric (route/live_roads.hpp), so a plan costs one search from the scene per profile.
// Resources the plan cannot use (busy teams, teams without a needed capability, depots without
// free stock) get kNoRoute.
#include <functional>
#include <span>
#include <vector>

#include "dispatch/reservations.hpp"
#include "dispatch/response_plan.hpp"
#include "dispatch/road_times.hpp"

namespace erde {

struct TeamTrips {
  std::vector<double> eta_s;  // per team; kNoRoute: cannot reach, or not needed by this plan
  // Base to scene along the roads, for a team with a time.
  std::function<std::vector<LonLat>(size_t team)> route;
};

TeamTrips team_trips(const LiveRoads& roads, std::span<const Team> teams, LonLat at,
                     std::span<const TeamRequirement> needed);

std::vector<double> depot_trips(const LiveRoads& roads, std::span<const Depot> depots, LonLat at,
                                std::span<const MaterialRequirement> needed, const Reservations& ledger);

}  // namespace erde
