#pragma once
// Responsibility area (辖区) of a team: where it is first due. A fire station's area, a street
// team's street; a team may have several areas, and areas of different teams may overlap.
#include <string>

#include "model/geometry.hpp"

namespace erde {

struct ResponsibilityArea {
  std::string id;
  std::string name;
  std::string team_id;  // the team that is first due here
  Geometry boundary;    // polygon or multipolygon, WGS84
};

}  // namespace erde
