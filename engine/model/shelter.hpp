#pragma once
// Emergency shelter (应急避难场所): indoor/outdoor, fixed/emergency, with effective area and capacity.
#include <cstdint>
#include <string>

#include "model/geometry.hpp"
#include "model/vocabulary.hpp"

namespace erde {

struct Shelter {
  std::string id;
  std::string name;
  ShelterSetting setting = ShelterSetting::outdoor;
  ShelterType type = ShelterType::fixed;
  AreaLevel level = AreaLevel::street;
  double effective_area_m2 = 0.0;
  int64_t capacity = 0;      // people
  std::string street_id;     // the street (街道) it serves; may be empty
  LonLat location;           // entrance, or a point on the footprint
  Geometry footprint;        // optional polygon
};

}  // namespace erde
