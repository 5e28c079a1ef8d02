#pragma once
// The dispatch engine behind the service: the roads with live closures, the response plan book,
// and the plans in force with their stock/shelter ledger. All of it follows from the loaded data
// and the journaled commands, so journal replay rebuilds it exactly.
#include <memory>
#include <optional>

#include "dispatch/dispatch_state.hpp"
#include "dispatch/response_plan.hpp"
#include "dispatch/road_times.hpp"
#include "geo/geos_context.hpp"
#include "model/dataset.hpp"
#include "route/closures.hpp"

namespace erde::service {

struct Dispatcher {
  GeosContext geos;
  ResponsePlanBook book;
  std::unique_ptr<DispatchRoads> roads;
  std::unique_ptr<Closures> closures;  // over roads->graph; its effective weights go to roads
  DispatchState live;                  // teams mirrored from DomainState before each use
  // The static data with the live teams, for planning: copied from DomainState once, then only
  // its teams are refreshed per plan.
  std::optional<erde::Dataset> planning_data;
  // Every edge usable: for how far the nearest road of any kind is (closed or not).
  std::vector<uint32_t> any_road;
};

std::shared_ptr<Dispatcher> make_dispatcher(std::unique_ptr<DispatchRoads> roads);

}  // namespace erde::service
