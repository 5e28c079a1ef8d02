#pragma once
// What an incident gave up to others when concurrent incidents were planned as one event (a team
// it would have sent, stock, shelter places), and to whom.
#include <string>
#include <vector>

#include "model/vocabulary.hpp"

namespace erde {

struct Concession {
  enum class Kind { team, material, shelter_places };
  Kind kind = Kind::team;
  std::string team_id;                                // kind team: the team it would have had
  Capability capability = Capability::fire_fighting;  // kind team: the slot that team would have filled
  Material material = Material::sandbag;              // kind material
  double quantity = 0.0;         // material: in its unit; shelter places: people; team: 1
  std::vector<std::string> to;   // the incidents that have it instead, by id
  std::string instead;           // kind team: the team that fills that slot now; empty when none does
};

}  // namespace erde
