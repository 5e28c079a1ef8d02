#pragma once
// A plan as map layers for QGIS: incident, team routes, material pick-ups, evacuation and warning
// zones, evacuation flows (area → shelter) and warned risk points, in one GeoPackage (WGS84).
#include <filesystem>

#include "dispatch/incident_plan.hpp"
#include "model/dataset.hpp"

namespace erde {

// `data` supplies the locations the plan names by id (depots, shelters, areas, risk points).
void write_plan_gpkg(const IncidentPlan& plan, const Dataset& data,
                     const std::filesystem::path& file);

}  // namespace erde
