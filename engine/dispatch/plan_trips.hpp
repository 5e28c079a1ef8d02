#pragma once
// Travel times for one incident's plan over the live roads: every dispatchable team that could
// fill a slot, and every depot with free stock of a needed material, from places prepared once
// per metric (route/live_roads.hpp), so a plan costs one search from the scene per profile.
// Resources the plan cannot use (busy teams, teams without a needed capability, depots without
// free stock) get kNoRoute.
#include <functional>
#include <span>
#include <vector>

#include "dispatch/reservations.hpp"
#include "dispatch/response_plan.hpp"
#include "dispatch/road_times.hpp"
#include "dispatch/team_status.hpp"

namespace erde {

struct TeamTrips {
  std::vector<double> eta_s;  // per team; kNoRoute: cannot reach, or not needed by this plan
  // From where the team is to the scene along the roads, for a team with a time.
  std::function<std::vector<LonLat>(size_t team)> route;
};

// Each row's trip starts where it is now (TeamNow.position). The places of every team of a
// profile are prepared together, keyed by the places themselves; a team that is not free stands
// in that set at its home base, so the set stays the same while busy teams move and only a free
// team's move prepares it anew. A returning team is re-tasked from where it is: its time is one
// query of its own, and so is that of a row marked in `also_from_position` (a dispatched team
// the plan may pre-empt, whatever its capabilities).
TeamTrips team_trips(const LiveRoads& roads, std::span<const TeamNow> teams, LonLat at,
                     std::span<const TeamRequirement> needed, std::span<const uint8_t> also_from_position = {});

// The capabilities whose teams need a travel time for `response`: its slots', and those of the
// substitutes for them (a substitute needs a time to be chosen).
std::vector<TeamRequirement> capabilities_to_time(const ResponsePlan& response);

std::vector<double> depot_trips(const LiveRoads& roads, std::span<const Depot> depots, LonLat at,
                                std::span<const MaterialRequirement> needed, const Reservations& ledger);

}  // namespace erde
