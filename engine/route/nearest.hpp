#pragma once
// nearest(incident, resources, k): the k resources with the least travel time TO the incident,
// found by one search on the reverse graph from the incident that stops once k are settled.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "route/network.hpp"
#include "route/route.hpp"

namespace erde {

struct NearestOptions {
  size_t k = 5;
  std::function<bool(uint32_t)> filter;  // resource index -> may be sent; empty = all
  std::span<const uint8_t> mask;         // or/and: 1 per resource that may be sent; empty = all
  uint32_t max_eta_ms = kUnreachable;    // ignore resources slower than this
  bool with_geometry = true;             // route geometry (edges and distance always come)
};

struct NearestResource {
  uint32_t resource = 0;  // index into `resources`
  uint32_t eta_ms = 0;
  Route route;            // from the resource to the incident
};

// In order of ETA (ties by resource index); fewer than k when fewer can reach the incident.
// Resources with an invalid RoutePoint are never reached.
std::vector<NearestResource> nearest(const Network& net, const RoutePoint& incident,
                                     std::span<const RoutePoint> resources, const NearestOptions& options = {});

}  // namespace erde
