#pragma once
// Vehicle profiles are data (geodata/profiles.json, format in geodata/PROFILES.md): per-class
// speeds and rules. A profile turns the graph into per-edge travel times in milliseconds;
// kUnreachable marks edges it may not use.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "graph/road_graph.hpp"
#include "model/geometry.hpp"

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

  std::string description;
  double max_speed_kmh = 0;                  // overall cap on any edge; 0 = none
  std::vector<Geometry> no_go_areas;         // WGS84 polygons; load_profile fills them from no_go_files
  std::vector<int64_t> restricted_road_ids;  // segment_source_id values the profile never uses
};

// What the rules of a profile removed; each edge is counted under the first rule that removed it.
struct ProfileReport {
  std::string profile;
  uint32_t usable_edges = 0;        // finally usable (inside the largest SCC)
  uint32_t class_closed_edges = 0;  // class speed 0
  uint32_t oneway_edges = 0;        // against a one-way
  uint32_t tunnel_edges = 0;
  uint32_t no_motor_edges = 0;
  uint32_t private_edges = 0;
  uint32_t restricted_edges = 0;    // restricted_road_ids
  uint32_t no_go_edges = 0;         // intersecting a no-go polygon
  // Largest strongly connected component of the usable edges; the rest is cut off.
  uint32_t scc_nodes = 0;
  uint32_t cut_nodes = 0;           // nodes with a usable edge but outside the largest SCC
  uint32_t cut_edges = 0;
  double cut_km = 0;                // length of segments that lost their last usable edge
};

// Per-edge travel time in ms for this profile (kUnreachable where not allowed), restricted to
// the largest strongly connected component of what the profile may use.
std::vector<uint32_t> edge_weights(const RoadGraph& graph, const Profile& profile,
                                   ProfileReport* report = nullptr);

// The two steps of edge_weights: the profile's rules alone, then the cut to the largest strongly
// connected component (fills the SCC fields of the report).
std::vector<uint32_t> rule_weights(const RoadGraph& graph, const Profile& profile,
                                   ProfileReport* report = nullptr);
void keep_largest_component(const RoadGraph& graph, std::vector<uint32_t>& weights,
                            ProfileReport* report = nullptr);

// Profiles from a JSON file; no-go files are resolved relative to it and loaded.
// Throws erde::Error naming the file and the key on an unknown profile, class or bad value.
Profile load_profile(const std::string& path, const std::string& name);
std::vector<Profile> load_profiles(const std::string& path);
// Parses profiles from JSON text; `source` names it in errors, `base_dir` resolves no_go_files.
std::vector<Profile> parse_profiles(const std::string& json_text, const std::string& source,
                                    const std::string& base_dir);

}  // namespace erde
