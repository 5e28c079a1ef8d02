#pragma once
// No-go areas: polygons a profile never enters (hazmat no-go zones, flooded districts).
#include <cstdint>
#include <string>
#include <vector>

#include "graph/road_graph.hpp"
#include "model/geometry.hpp"

namespace erde {

// Per segment: 1 if its shape intersects (touches or crosses) any polygon.
std::vector<uint8_t> segments_in_areas(const RoadGraph& graph, const std::vector<Geometry>& polygons);

// Every polygon of every layer of an OGR source, transformed to WGS84 (ISO WKB).
// Throws erde::Error naming the source, layer and feature for a missing CRS or a non-polygon.
std::vector<Geometry> read_polygons(const std::string& path);

}  // namespace erde
