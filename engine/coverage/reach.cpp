#include "coverage/reach.hpp"

#include <algorithm>
#include <unordered_map>

#include "route/access.hpp"
#include "route/search_space.hpp"

namespace erde {
namespace {

template <Direction kDir>
void search_to(const Network& net, SearchSpace& space, uint32_t limit_ms) {
  run_dijkstra<kDir>(net, space, [&](NodeId, uint32_t d) { return d <= limit_ms; });
}

uint64_t via(const SearchSpace& space, const Access& a) {
  const uint32_t d = space.dist(a.node);
  return d == kUnreachable ? uint64_t{kUnreachable} : uint64_t{d} + a.cost;
}

}  // namespace

TravelMatrix times_to_facilities(const Network& net, std::span<const RoutePoint> points,
                                 std::span<const RoutePoint> facilities, uint32_t limit_ms) {
  TravelMatrix out(points.size(), facilities.size());
  std::vector<Accesses> leave(points.size());
  std::unordered_map<uint32_t, std::vector<size_t>> on_segment;
  for (size_t i = 0; i < points.size(); ++i) {
    leave[i] = departures(net, points[i]);
    if (points[i].valid()) on_segment[points[i].segment].push_back(i);
  }
  SearchSpace space;
  for (size_t f = 0; f < facilities.size(); ++f) {
    if (!facilities[f].valid()) continue;
    space.start(net.graph.node_count());
    for (const Access& a : arrivals(net, facilities[f])) space.push(a.node, a.cost, kInvalidId);
    search_to<Direction::reverse>(net, space, limit_ms);
    for (size_t i = 0; i < points.size(); ++i) {
      uint64_t best = kUnreachable;
      for (const Access& a : leave[i]) best = std::min(best, via(space, a));
      if (best <= limit_ms) out.at(i, f) = static_cast<double>(best) / 1000.0;
    }
    if (auto it = on_segment.find(facilities[f].segment); it != on_segment.end())
      for (size_t i : it->second) {
        const DirectTrip t = direct_trip(net, points[i], facilities[f]);
        if (t.cost <= limit_ms && !(out.at(i, f) <= t.cost / 1000.0)) out.at(i, f) = t.cost / 1000.0;
      }
  }
  return out;
}

std::vector<uint32_t> times_from_origins(const Network& net, std::span<const RoutePoint> origins,
                                         std::span<const RoutePoint> targets, uint32_t limit_ms) {
  std::vector<uint32_t> out(targets.size(), kUnreachable);
  SearchSpace space;
  space.start(net.graph.node_count());
  std::unordered_map<uint32_t, std::vector<size_t>> on_segment;
  for (size_t o = 0; o < origins.size(); ++o) {
    for (const Access& a : departures(net, origins[o])) space.push(a.node, a.cost, kInvalidId);
    if (origins[o].valid()) on_segment[origins[o].segment].push_back(o);
  }
  search_to<Direction::forward>(net, space, limit_ms);
  for (size_t t = 0; t < targets.size(); ++t) {
    uint64_t best = kUnreachable;
    for (const Access& a : arrivals(net, targets[t])) best = std::min(best, via(space, a));
    if (targets[t].valid())
      if (auto it = on_segment.find(targets[t].segment); it != on_segment.end())
        for (size_t o : it->second) best = std::min<uint64_t>(best, direct_trip(net, origins[o], targets[t]).cost);
    if (best <= limit_ms) out[t] = static_cast<uint32_t>(best);
  }
  return out;
}

}  // namespace erde
