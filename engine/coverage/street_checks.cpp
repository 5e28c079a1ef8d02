#include "coverage/street_checks.hpp"

namespace erde {

std::vector<StreetCheck> street_checks(const AreaTree& tree, std::span<const Shelter> shelters,
                                       std::span<const size_t> shelter_street, std::span<const Depot> depots,
                                       std::span<const size_t> depot_street) {
  std::vector<StreetCheck> out;
  for (size_t s : tree.streets) {
    StreetCheck c{tree.areas[s].id, tree.areas[s].name};
    for (size_t i = 0; i < shelters.size(); ++i) {
      if (shelter_street[i] != s) continue;
      if (shelters[i].setting == ShelterSetting::indoor) ++c.indoor;
      if (shelters[i].setting == ShelterSetting::outdoor && shelters[i].type == ShelterType::fixed) ++c.outdoor_fixed;
    }
    for (size_t i = 0; i < depots.size(); ++i)
      if (depot_street[i] == s && depots[i].kind == DepotKind::street_reserve) ++c.reserve_points;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace erde
