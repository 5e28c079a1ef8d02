#pragma once
// A snapped location (graph/snap.hpp) as a RoutePoint.
#include "graph/snap.hpp"
#include "route/network.hpp"

namespace erde {

inline RoutePoint route_point(const Snap& snap) { return {snap.segment, snap.fraction, snap.point}; }

}  // namespace erde
