#pragma once
// Teams on the road in simulated time: a trip is a road route started at a given offset; where
// the team is at any later offset follows from the edge travel times at the start.
#include <span>

#include "dispatch/road_times.hpp"
#include "drill/drill_state.hpp"

namespace erde {

// From a place to a place with profile p under the current weights; inactive when either end
// cannot be snapped or no road leads there.
Trip plan_trip(const LiveRoads& roads, size_t p, LonLat from, LonLat to, int64_t depart_ms);
Trip plan_trip_from(const LiveRoads& roads, size_t p, const RoutePoint& from, const RoutePoint& to,
                    int64_t depart_ms);

// Where on the road the team is at offset t (the trip's start before it, its end after).
RoutePoint trip_position(const RoadGraph& graph, const Trip& trip, int64_t t_ms);

// Whether the part of the route still ahead at offset t uses any of `edges` (ascending).
bool remaining_route_uses(const Trip& trip, int64_t t_ms, std::span<const EdgeId> edges);

}  // namespace erde
