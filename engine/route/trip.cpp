#include "route/trip.hpp"

#include <algorithm>

namespace erde {
namespace {

size_t edge_at(const Trip& trip, int64_t t_ms) {
  const int64_t elapsed = t_ms - trip.depart_ms;
  return static_cast<size_t>(std::upper_bound(trip.edge_end_ms.begin(), trip.edge_end_ms.end(), elapsed) -
                             trip.edge_end_ms.begin());
}

}  // namespace

Trip plan_trip_from(const LiveRoads& roads, size_t p, const RoutePoint& from, const RoutePoint& to,
                    int64_t depart_ms) {
  Trip trip;
  if (!from.valid() || !to.valid()) return trip;
  const Route r = roads.route(p, from, to, false);
  if (!r.reachable) return trip;
  trip.active = true;
  trip.edges = r.edges;
  trip.first_from = r.first_from;
  trip.last_to = r.last_to;
  trip.depart_ms = depart_ms;
  trip.arrive_ms = depart_ms + r.time_ms;
  trip.profile = p;
  trip.to = to;
  int64_t sum = 0;
  for (size_t i = 0; i < r.edges.size(); ++i) {
    const uint32_t w = roads.weights(p)[r.edges[i]];
    const double a = i == 0 ? r.first_from : 0.0, b = i + 1 == r.edges.size() ? r.last_to : 1.0;
    sum += static_cast<int64_t>(edge_offset_ms(w, b)) - static_cast<int64_t>(edge_offset_ms(w, a));
    trip.edge_end_ms.push_back(sum);
  }
  if (!trip.edge_end_ms.empty()) trip.edge_end_ms.back() = r.time_ms;
  return trip;
}

Trip plan_trip(const LiveRoads& roads, size_t p, LonLat from, LonLat to, int64_t depart_ms) {
  return plan_trip_from(roads, p, roads.snap(p, from, reach::kStart), roads.snap(p, to, reach::kEnd), depart_ms);
}

RoutePoint trip_position(const RoadGraph& graph, const Trip& trip, int64_t t_ms) {
  if (trip.edges.empty() || t_ms >= trip.arrive_ms) return trip.to;
  const size_t i = std::min(edge_at(trip, t_ms), trip.edges.size() - 1);
  const int64_t begin = i == 0 ? 0 : trip.edge_end_ms[i - 1];
  const int64_t end = trip.edge_end_ms[i];
  const double a = i == 0 ? trip.first_from : 0.0, b = i + 1 == trip.edges.size() ? trip.last_to : 1.0;
  const int64_t elapsed = std::max<int64_t>(t_ms - trip.depart_ms, begin);
  const double share = end > begin ? static_cast<double>(elapsed - begin) / static_cast<double>(end - begin) : 0.0;
  const EdgeId e = trip.edges[i];
  return segment_point(graph, graph.segment[e], fraction_on_edge(graph, e, a + (b - a) * share));
}

bool remaining_route_uses(const Trip& trip, int64_t t_ms, std::span<const EdgeId> edges) {
  for (size_t i = std::min(edge_at(trip, t_ms), trip.edges.size()); i < trip.edges.size(); ++i)
    if (std::binary_search(edges.begin(), edges.end(), trip.edges[i])) return true;
  return false;
}

}  // namespace erde
