#pragma once
// Cutting segment shapes at length fractions, and GeoJSON text for lines.
#include <span>
#include <string>
#include <vector>

#include "graph/road_graph.hpp"
#include "model/geometry.hpp"

namespace erde {

// The location at `fraction` of segment s's length.
LonLat point_on_segment(const RoadGraph& graph, uint32_t segment, double fraction);

// Appends the part of edge e between fractions `from` <= `to` (along e's direction); a point
// equal to the last one in `out` is not repeated.
void append_edge_piece(const RoadGraph& graph, EdgeId e, double from, double to, std::vector<LonLat>& out);

// {"type":"LineString","coordinates":[...]} (a single point is written twice).
std::string geojson_linestring(std::span<const LonLat> line);
// Escapes a string for a JSON string literal (quotes included).
std::string json_string(const std::string& text);

}  // namespace erde
