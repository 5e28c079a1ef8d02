#pragma once
// Parsers for OSM-style road attributes, shared by the OSM and OGR importers.
#include <cstdint>
#include <optional>
#include <string_view>

#include "graph/road_graph_builder.hpp"

namespace erde {

// yes/1/true -> forward, -1/reverse -> backward, no/0/false/"" -> no; nullopt when unknown.
std::optional<Oneway> parse_oneway(std::string_view value);
// "50", "50 km/h", "30 mph" -> km/h (1..254); "" and "none" -> 0; nullopt when unparseable.
std::optional<uint8_t> parse_maxspeed(std::string_view value);
// no -> kNoMotorVehicles; private/destination/delivery/customers/permit/agricultural/forestry
// -> kPrivate; anything else 0.
uint8_t access_flags(std::string_view value);
// tunnel/bridge values: anything but "", "no" and "building_passage" (tunnel) marks the segment.
bool is_tunnel(std::string_view value);
bool is_bridge(std::string_view value);

}  // namespace erde
