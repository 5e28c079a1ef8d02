#pragma once
// OSM highway classes the engine routes on; *_link roads fold into their parent class.
#include <cstdint>
#include <optional>
#include <string_view>

namespace erde {

enum class RoadClass : uint8_t {
  motorway, trunk, primary, secondary, tertiary, unclassified, residential, living_street,
  service, track, pedestrian, footway, cycleway, path, steps
};
inline constexpr int kRoadClassCount = 15;

std::optional<RoadClass> parse_road_class(std::string_view highway);  // "primary_link" -> primary
std::string_view to_string(RoadClass c);

}  // namespace erde
