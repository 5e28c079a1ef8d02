#pragma once
// Mutual-aid requests (增援请求): what a plan cannot meet from the district's own teams, depots
// and shelters, addressed to the contacts the response plans name, one request per recipient.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dispatch/evacuation.hpp"
#include "dispatch/materials.hpp"
#include "dispatch/response_plan.hpp"
#include "dispatch/team_selection.hpp"
#include "model/admin_area.hpp"

namespace erde {

struct AidNeed {
  enum class Kind { team, material, shelter_places };
  Kind kind = Kind::team;
  Capability capability = Capability::fire_fighting;  // kind team
  Material material = Material::sandbag;              // kind material
  double missing = 0.0;  // teams (slots), the material's quantity in its unit, or people to place
  std::string reason;    // why the district cannot meet it
};

struct MutualAidRequest {
  std::optional<MutualAidContact> to;  // none: the response plans name no one for these needs
  std::vector<AidNeed> needs;          // teams by capability, then materials, then shelter places
};

// Requests by recipient (in the order of their first need); empty when everything is met.
std::vector<MutualAidRequest> mutual_aid_requests(const MutualAidContacts& contacts, const TeamSelection& teams,
                                                  const MaterialPlan& materials,
                                                  const std::optional<EvacuationPlan>& evacuation);

struct AreaName {
  std::string id;
  std::string name;
  AreaLevel level = AreaLevel::street;
};

// The administrative areas that hold `at`, coarsest first ("district / street / community"), so
// a request says where in words.
std::vector<AreaName> areas_holding(std::span<const AdminArea> areas, LonLat at);

}  // namespace erde
