#pragma once
// Vehicle profiles are data (geodata/profiles.json): per-class speeds and rules. A profile turns
// the graph into per-edge travel times in milliseconds; kUnreachable marks edges it may not use.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "graph/road_graph.hpp"

namespace erde {

inline constexpr uint32_t kUnreachable = UINT32_MAX;

struct Profile {
  std::string name;                                  // fire_engine, rescue_truck, hazmat, walking
  std::array<double, kRoadClassCount> speed_kmh{};   // 0 = class not allowed
  bool use_maxspeed = true;        // cap the class speed by the road's maxspeed tag
  bool obey_oneway = true;         // false for walking
  bool avoid_tunnels = false;      // hazmat vehicles
  bool allow_no_motor = false;     // may use kNoMotorVehicles edges (walking)
  bool allow_private = false;
  std::vector<std::string> no_go_files;  // polygon layers (any OGR source) the profile never enters
};

// Per-edge travel time in ms for this profile (kUnreachable where not allowed).
std::vector<uint32_t> edge_weights(const RoadGraph& graph, const Profile& profile);

}  // namespace erde
