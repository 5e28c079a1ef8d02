#pragma once
// Administrative area: district (区) -> street/town (街道/镇) -> community (社区) -> grid (网格).
#include <cstdint>
#include <optional>
#include <string>

#include "model/geometry.hpp"
#include "model/vocabulary.hpp"

namespace erde {

struct AdminArea {
  std::string id;
  std::string name;
  AreaLevel level = AreaLevel::street;
  std::string parent_id;              // empty for the top level
  std::optional<int64_t> population;  // residents; the plans give none, bureaus import it
  Geometry boundary;                  // polygon or multipolygon
  LonLat centroid;
  double area_m2 = 0.0;               // computed in a local metric CRS
};

}  // namespace erde
