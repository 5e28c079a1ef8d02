#include "graph/road_class.hpp"

#include <array>

namespace erde {
namespace {

constexpr std::array<std::string_view, kRoadClassCount> kNames{
    "motorway", "trunk",       "primary", "secondary", "tertiary",
    "unclassified", "residential", "living_street", "service", "track",
    "pedestrian", "footway", "cycleway", "path", "steps"};

}  // namespace

std::optional<RoadClass> parse_road_class(std::string_view highway) {
  constexpr std::string_view kLink = "_link";
  if (highway.size() > kLink.size() && highway.substr(highway.size() - kLink.size()) == kLink) {
    std::string_view parent = highway.substr(0, highway.size() - kLink.size());
    // Only the five classes OSM defines links for.
    for (int c = 0; c <= static_cast<int>(RoadClass::tertiary); ++c)
      if (kNames[c] == parent) return static_cast<RoadClass>(c);
    return std::nullopt;
  }
  for (int c = 0; c < kRoadClassCount; ++c)
    if (kNames[c] == highway) return static_cast<RoadClass>(c);
  return std::nullopt;
}

std::string_view to_string(RoadClass c) { return kNames[static_cast<size_t>(c)]; }

}  // namespace erde
