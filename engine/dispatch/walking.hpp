#pragma once
// Walking trips of an evacuation as the dispatch core consumes them: times from each area's
// gather point to each shelter, and on request the road route of a trip. Filled from the roads
// (dispatch/walking_trips.hpp) or by a test.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "dispatch/travel_time.hpp"
#include "model/geometry.hpp"

namespace erde {

struct WalkingRoute {
  std::vector<LonLat> geometry;  // along the roads, from the gather point's road position to the shelter's
  double metres = 0.0;
  double seconds = 0.0;
};

struct WalkingRequest {
  std::span<const LonLat> from;     // gather points
  std::span<const LonLat> to;       // shelters
  std::span<const int64_t> places;  // per shelter: free places; 0 = not to be used
  int64_t people = 0;               // everyone to be placed, all origins together
};

struct WalkingTrips {
  // from x to. kNoRoute: no trip, a shelter with no places, or a shelter that no least-walking
  // allocation can use (see walking_trips).
  TravelMatrix seconds;
  // The route of a trip with a finite time; empty when only times are known.
  std::function<WalkingRoute(size_t from, size_t to)> route;
};

using WalkingTripsFn = std::function<WalkingTrips(const WalkingRequest&)>;

}  // namespace erde
