#pragma once
// Walking trips of an evacuation over the live roads (walking profile): times from each gather
// point to the shelters prepared once per metric, kept only as far as the least-walking
// allocation can use.
//
// The bound is exact. With P people to place in all, once the shelters a gather point reaches
// within d minutes hold at least P free places, no allocation of least total walking time sends
// anyone from that point to a shelter farther than d: with fewer than P people placed in all,
// one of those nearer shelters always has room, and moving a person there shortens the walk.
// So each gather point keeps its nearest shelters (at least one more than the fewest that could
// hold everyone, doubled as needed) until they include the shelter that completes P places and
// one strictly farther; those beyond are left kNoRoute, and the allocation is the same as with
// every time known (and smaller).
#include "dispatch/road_times.hpp"
#include "dispatch/walking.hpp"

namespace erde {

WalkingTrips walking_trips(const LiveRoads& roads, const WalkingRequest& request);

}  // namespace erde
