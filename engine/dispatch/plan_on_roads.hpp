#pragma once
// One incident planned against a loaded district and its road network: travel times from the
// roads, everything else from the data. Used by `erde dispatch`, `erde demo` and the service.
#include "dispatch/incident_plan.hpp"
#include "dispatch/reservations.hpp"
#include "dispatch/response_plan.hpp"
#include "dispatch/road_times.hpp"
#include "geo/geos_context.hpp"
#include "model/dataset.hpp"

namespace erde {

IncidentPlan plan_on_roads(const GeosContext& geos, const Incident& incident,
                           const ResponsePlanBook& book, const Dataset& data,
                           const LiveRoads& roads, const Reservations& ledger);

}  // namespace erde
