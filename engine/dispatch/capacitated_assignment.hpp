#pragma once
// Capacitated assignment (transportation problem): sources with a supply (people of an area),
// sinks with a capacity (shelter places), a cost per source-sink pair or none. Places as many
// units as possible, then at least total cost, never above a sink's capacity. Exact min-cost
// max-flow: successive shortest paths with Dijkstra over the smaller side only (built for many
// sources and few sinks, e.g. 10,000 grid cells and 100 shelters). Reused by evacuation, coverage
// and site selection.
#include <cstdint>
#include <vector>

#include "dispatch/travel_time.hpp"

namespace erde {

struct CapacitatedProblem {
  std::vector<int64_t> supply;    // per source, >= 0
  std::vector<int64_t> capacity;  // per sink, >= 0
  TravelMatrix cost;              // sources x sinks, seconds; kNoRoute: pair not allowed
};

struct CapacitatedFlow {
  size_t source = 0;
  size_t sink = 0;
  int64_t amount = 0;
  double cost = 0.0;  // per unit
};

struct CapacitatedResult {
  std::vector<CapacitatedFlow> flows;  // by source, then sink
  std::vector<int64_t> unplaced;       // per source
  int64_t placed = 0;
  double total_cost = 0.0;             // sum of amount x cost
};

// Costs are optimised in whole milliseconds. Throws erde::Error on negative supply/capacity/cost
// or a matrix of the wrong shape.
CapacitatedResult solve_capacitated_assignment(const CapacitatedProblem& problem);

}  // namespace erde
