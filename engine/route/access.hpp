#pragma once
// How a RoutePoint joins the graph: the nodes it departs to or arrives from, with the cost of
// the edge piece in between, and the direct trip between two points on the same segment.
#include <array>
#include <cstdint>

#include "route/network.hpp"

namespace erde {

struct Access {
  NodeId node = kInvalidId;
  uint32_t cost = 0;          // ms between the point and the node
  EdgeId edge = kInvalidId;   // the partially used edge; kInvalidId when the point is the node
  double fraction = 0;        // the point's fraction along `edge`
};

struct Accesses {
  std::array<Access, 2> items;
  uint32_t count = 0;
  const Access* begin() const { return items.data(); }
  const Access* end() const { return items.data() + count; }
};

// Point -> node (leaving the point along a usable edge of its segment).
Accesses departures(const Network& net, const RoutePoint& p);
// Node -> point (arriving at the point along a usable edge of its segment).
Accesses arrivals(const Network& net, const RoutePoint& p);

// From a to b along their shared segment without passing a node; cost kUnreachable if they are
// on different segments or the segment cannot be used that way.
struct DirectTrip {
  uint32_t cost = kUnreachable;
  EdgeId edge = kInvalidId;  // kInvalidId for a zero-length trip (a and b coincide)
  double from = 0, to = 0;   // fractions along edge
};
DirectTrip direct_trip(const Network& net, const RoutePoint& a, const RoutePoint& b);

}  // namespace erde
