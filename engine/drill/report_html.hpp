#pragma once
// The after-action report as one self-contained HTML page (no network): totals, a timeline
// chart, an SVG map and the per-incident table.
#include <string>

#include <nlohmann/json.hpp>

#include "graph/road_graph.hpp"

namespace erde {

// `report` is Drill::report(); roads, when given, are drawn under the map.
std::string report_html(const nlohmann::json& report, const RoadGraph* roads);

}  // namespace erde
