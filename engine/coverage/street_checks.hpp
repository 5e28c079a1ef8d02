#pragma once
// Per-street checks from the plans: >= 1 outdoor fixed shelter, >= 1 indoor shelter,
// >= 1 street material reserve point (街道储备点).
#include <span>
#include <string>
#include <vector>

#include "coverage/area_tree.hpp"
#include "model/depot.hpp"
#include "model/shelter.hpp"

namespace erde {

struct StreetCheck {
  std::string street_id;
  std::string street_name;
  int outdoor_fixed = 0;
  int indoor = 0;
  int reserve_points = 0;  // depots of kind street_reserve
  bool passes() const { return outdoor_fixed >= 1 && indoor >= 1 && reserve_points >= 1; }
};

// shelter_street / depot_street: street (index into tree.areas) of each facility, or kNoArea.
std::vector<StreetCheck> street_checks(const AreaTree& tree, std::span<const Shelter> shelters,
                                       std::span<const size_t> shelter_street, std::span<const Depot> depots,
                                       std::span<const size_t> depot_street);

}  // namespace erde
