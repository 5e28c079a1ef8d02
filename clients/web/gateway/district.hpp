#pragma once
// The district map drawn from the engine's own data: administrative areas and risk points from
// the loaded layers, roads from the road graph. Live layers (teams, shelters, depots,
// incidents, closures) come from the service instead.
#include <nlohmann/json.hpp>

#include "geo/geos_context.hpp"
#include "graph/road_graph.hpp"
#include "model/dataset.hpp"

namespace erde::web {

// {"areas", "roads", "risk_points"}: GeoJSON FeatureCollections; "bbox": [west, south, east, north].
// Vocabulary values are {"en", "zh"}.
nlohmann::json district_geojson(const Dataset& data, const RoadGraph& roads, GeosContext& geos);

// Every term the console shows, from the engine's bilingual vocabulary:
// {"incident_type": [{"en", "zh"}...], "severity", "team_status", "risk_level", ...}.
nlohmann::json vocabulary_json();

}  // namespace erde::web
