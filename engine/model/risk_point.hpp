#pragma once
// Risk point / hazard source (风险点/危险源) with its four-colour level (四色分级) and dossier.
#include <string>

#include "model/geometry.hpp"
#include "model/vocabulary.hpp"

namespace erde {

struct RiskPoint {
  std::string id;
  std::string name;
  RiskKind kind = RiskKind::crowded_place;
  RiskLevel level = RiskLevel::blue;
  std::string street_id;
  std::string responsible_unit;
  std::string hazard_factors;
  std::string surroundings_effect;
  std::string control_measures;
  LonLat location;  // the point, or a point on the shape
  Geometry shape;   // optional line or polygon (a pipeline, a foundation pit)
};

}  // namespace erde
