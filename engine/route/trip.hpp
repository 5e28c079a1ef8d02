#pragma once
// A vehicle on the road in time: a trip is a road route started at a given moment; where the
// vehicle is at any later moment follows from the edge travel times at the start. Drills move
// their teams with it; the service estimates where a driving team is with it.
#include <cstdint>
#include <span>
#include <vector>

#include "route/live_roads.hpp"

namespace erde {

// The route's edges with the offset (ms after departure) at which each ends.
struct Trip {
  bool active = false;
  std::vector<EdgeId> edges;
  std::vector<int64_t> edge_end_ms;
  double first_from = 0, last_to = 1;
  int64_t depart_ms = 0, arrive_ms = 0;
  size_t profile = 0;
  RoutePoint to;
};

// From a place to a place with profile p under the current weights; inactive when either end
// cannot be snapped or no road leads there.
Trip plan_trip(const LiveRoads& roads, size_t p, LonLat from, LonLat to, int64_t depart_ms);
Trip plan_trip_from(const LiveRoads& roads, size_t p, const RoutePoint& from, const RoutePoint& to,
                    int64_t depart_ms);

// Where on the road the vehicle is at time t (the trip's start before it, its end after).
RoutePoint trip_position(const RoadGraph& graph, const Trip& trip, int64_t t_ms);

// Whether the part of the route still ahead at time t uses any of `edges` (ascending).
bool remaining_route_uses(const Trip& trip, int64_t t_ms, std::span<const EdgeId> edges);

}  // namespace erde
