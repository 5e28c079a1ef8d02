#pragma once
// The dispatch engine behind the service: the live roads (closures, metrics, prepared places)
// over the shared road index, the response plan book, and the plans in force with their
// stock/shelter ledger. All of it follows from the loaded data and the journaled commands, so
// journal replay rebuilds it exactly.
#include <memory>
#include <optional>

#include "dispatch/dispatch_state.hpp"
#include "dispatch/response_plan.hpp"
#include "dispatch/road_times.hpp"
#include "geo/geos_context.hpp"
#include "model/dataset.hpp"
#include "route/live_roads.hpp"

namespace erde::service {

struct Dispatcher {
  GeosContext geos;
  ResponsePlanBook book;
  std::shared_ptr<const RoadIndex> index;  // shared with every drill the service runs
  std::unique_ptr<LiveRoads> roads;        // over `index`, with the live closures
  DispatchState live;                      // teams mirrored from DomainState before each use
  // The static data with the live teams, for planning: copied from DomainState once, then only
  // its teams are refreshed per plan.
  std::optional<erde::Dataset> planning_data;
  // Every edge usable: for how far the nearest road of any kind is (closed or not).
  std::vector<uint32_t> any_road;
};

std::shared_ptr<Dispatcher> make_dispatcher(std::shared_ptr<const RoadIndex> index);

}  // namespace erde::service
