#pragma once
// The plan as JSON (docs/PLAN_FORMAT.md), geometries as GeoJSON, and as text for the duty
// officer's screen. Same plan in, same bytes out.
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "dispatch/batch_assignment.hpp"
#include "dispatch/event_plan.hpp"
#include "dispatch/incident_plan.hpp"
#include "geo/geos_context.hpp"

namespace erde {

nlohmann::json plan_to_json(const GeosContext& geos, const IncidentPlan& plan);

// The whole-event plan (erde.batch/1): every incident's plan with what it gave up, the priority
// order, and both team assignments (joint and one-by-one greedy) for comparison.
nlohmann::json event_to_json(const GeosContext& geos, const EventPlan& event);

std::string plan_to_text(const IncidentPlan& plan);
std::string event_to_text(const EventPlan& event);

}  // namespace erde
