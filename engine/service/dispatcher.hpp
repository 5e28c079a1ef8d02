#pragma once
// The dispatch engine behind the service: the live roads (closures, metrics, prepared places)
// over the shared road index and the response plan book. The team table, the stock/shelter
// ledger and the plans in force are in DomainState::live. All of it follows from the loaded
// data and the journaled commands, so journal replay rebuilds it exactly.
#include <memory>
#include <vector>

#include "dispatch/response_plan.hpp"
#include "dispatch/road_times.hpp"
#include "geo/geos_context.hpp"
#include "route/live_roads.hpp"

namespace erde::service {

struct Dispatcher {
  GeosContext geos;
  ResponsePlanBook book;
  std::shared_ptr<const RoadIndex> index;  // shared with every drill the service runs
  std::unique_ptr<LiveRoads> roads;        // over `index`, with the live closures
  // Every edge usable: for how far the nearest road of any kind is (closed or not).
  std::vector<uint32_t> any_road;
};

std::shared_ptr<Dispatcher> make_dispatcher(std::shared_ptr<const RoadIndex> index);

}  // namespace erde::service
