#pragma once
// Shelter area per resident (人均避难面积) per street and for the district, against a target.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "coverage/area_tree.hpp"
#include "geo/geos_context.hpp"
#include "model/depot.hpp"
#include "model/shelter.hpp"

namespace erde {

struct ShelterAreaRow {
  std::string area_id;  // a street, or the district ("" when the data has no district area)
  std::string area_name;
  double population = 0;
  int shelters = 0;
  double effective_area_m2 = 0;
  double m2_per_resident = 0;  // 0 when the population is 0
  double target_m2 = 0;
  double shortfall_m2 = 0;     // target x population - area, when positive
  bool meets_target = false;
};

// The street (index into tree.areas) each location belongs to: the named street_id if it is a
// street, else the street whose boundary contains the location, else kNoArea.
class StreetLocator {
 public:
  StreetLocator(const AreaTree& tree, const GeosContext& geos);
  size_t locate(const std::string& street_id, LonLat where) const;

 private:
  const AreaTree& tree_;
  const GeosContext& geos_;
  std::vector<GeosContext::GeomPtr> shapes_;  // per tree.streets entry
};

// One row per street (input order), then the district row. A shelter counts in the street it
// belongs to (StreetLocator); every shelter counts for the district.
std::vector<ShelterAreaRow> shelter_area_per_resident(const AreaTree& tree, std::span<const Shelter> shelters,
                                                      std::span<const size_t> shelter_street, double target_m2);

}  // namespace erde
