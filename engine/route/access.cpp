#include "route/access.hpp"

namespace erde {
namespace {

void add(Accesses& out, Access a) { out.items[out.count++] = a; }

}  // namespace

Accesses departures(const Network& net, const RoutePoint& p) {
  Accesses out;
  if (!p.valid()) return out;
  const RoadGraph& g = net.graph;
  const EdgeId along = g.segment_edge[2 * p.segment], against = g.segment_edge[2 * p.segment + 1];
  if (p.fraction <= 0) {
    add(out, {g.tail[along], 0, kInvalidId, 0});
  } else if (p.fraction >= 1) {
    add(out, {g.head[along], 0, kInvalidId, 0});
  } else {
    for (EdgeId e : {along, against}) {
      const uint32_t w = net.weights[e];
      if (w == kUnreachable) continue;
      const double f = fraction_on_edge(g, e, p.fraction);
      add(out, {g.head[e], w - edge_offset_ms(w, f), e, f});
    }
  }
  return out;
}

Accesses arrivals(const Network& net, const RoutePoint& p) {
  Accesses out;
  if (!p.valid()) return out;
  const RoadGraph& g = net.graph;
  const EdgeId along = g.segment_edge[2 * p.segment], against = g.segment_edge[2 * p.segment + 1];
  if (p.fraction <= 0) {
    add(out, {g.tail[along], 0, kInvalidId, 0});
  } else if (p.fraction >= 1) {
    add(out, {g.head[along], 0, kInvalidId, 0});
  } else {
    for (EdgeId e : {along, against}) {
      const uint32_t w = net.weights[e];
      if (w == kUnreachable) continue;
      const double f = fraction_on_edge(g, e, p.fraction);
      add(out, {g.tail[e], edge_offset_ms(w, f), e, f});
    }
  }
  return out;
}

DirectTrip direct_trip(const Network& net, const RoutePoint& a, const RoutePoint& b) {
  DirectTrip best;
  if (!a.valid() || a.segment != b.segment) return best;
  if (a.fraction == b.fraction) {
    best.cost = 0;
    return best;
  }
  const RoadGraph& g = net.graph;
  for (EdgeId e : {g.segment_edge[2 * a.segment], g.segment_edge[2 * a.segment + 1]}) {
    const uint32_t w = net.weights[e];
    const double from = fraction_on_edge(g, e, a.fraction), to = fraction_on_edge(g, e, b.fraction);
    if (w == kUnreachable || to < from) continue;
    const uint32_t cost = edge_offset_ms(w, to) - edge_offset_ms(w, from);
    if (cost < best.cost) best = {cost, e, from, to};
  }
  return best;
}

}  // namespace erde
