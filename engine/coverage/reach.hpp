#pragma once
// Bounded travel times between places on the road network, for coverage questions where only
// "within the limit or not" and the time below it matter.
#include <cstdint>
#include <span>
#include <vector>

#include "dispatch/travel_time.hpp"
#include "route/network.hpp"

namespace erde {

// Seconds from every point (rows) to every facility (columns), kNoRoute where above limit_ms or
// impossible: one reverse search per facility, stopped at the limit.
TravelMatrix times_to_facilities(const Network& net, std::span<const RoutePoint> points,
                                 std::span<const RoutePoint> facilities, uint32_t limit_ms);

// Milliseconds from the nearest of the origins to each target (kUnreachable above limit_ms):
// one forward search from all origins at once.
std::vector<uint32_t> times_from_origins(const Network& net, std::span<const RoutePoint> origins,
                                         std::span<const RoutePoint> targets, uint32_t limit_ms);

}  // namespace erde
