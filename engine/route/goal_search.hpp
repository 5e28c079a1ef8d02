#pragma once
// The search behind route, nearest and matrix: from one origin point to a set of goal points
// (forward), or from goal points to the origin (reverse, on the reverse graph from the origin).
// Goals are finalized in order of travel time; the search stops once `stop_after` are final.
#include <cstdint>
#include <span>
#include <vector>

#include "route/network.hpp"
#include "route/route.hpp"
#include "route/search_space.hpp"

namespace erde {

struct GoalHit {
  uint32_t cost = kUnreachable;
  NodeId node = kInvalidId;  // node the goal was reached through; kInvalidId for a direct trip
  uint8_t access = 0;        // which of the goal's accesses
  bool final = false;
};

struct GoalSearch {
  Direction direction = Direction::forward;
  RoutePoint origin;
  std::span<const RoutePoint> goals;
  std::span<const uint8_t> enabled;  // empty = every goal; else goals with 0 are ignored
  size_t stop_after = SIZE_MAX;
  uint32_t limit_ms = kUnreachable;  // goals costing more are not reported
};

// Fills hits (one per goal) and returns the finalized goals in order of cost.
std::vector<uint32_t> search_goals(const Network& net, SearchSpace& space, const GoalSearch& search,
                                   std::vector<GoalHit>& hits);

// The route to (forward) or from (reverse) a finalized goal, read from the search space.
Route goal_route(const Network& net, const SearchSpace& space, const GoalSearch& search, uint32_t goal,
                 const GoalHit& hit, bool with_geometry = true);

}  // namespace erde
