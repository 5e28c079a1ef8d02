#pragma once
// The plan as JSON (docs/PLAN_FORMAT.md), geometries as GeoJSON, and as text for the duty
// officer's screen. Same plan in, same bytes out.
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "dispatch/batch_assignment.hpp"
#include "dispatch/incident_plan.hpp"
#include "geo/geos_context.hpp"

namespace erde {

nlohmann::json plan_to_json(const GeosContext& geos, const IncidentPlan& plan);

// Both batch results for the concurrent incidents (same order as `incidents`).
nlohmann::json batch_to_json(std::span<const BatchIncident> incidents, const BatchResult& optimal,
                             const BatchResult& greedy);

std::string plan_to_text(const IncidentPlan& plan);
std::string batch_to_text(std::span<const BatchIncident> incidents, const BatchResult& optimal,
                          const BatchResult& greedy);

}  // namespace erde
