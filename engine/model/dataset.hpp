#pragma once
// Everything loaded for one district: the "one network, five libraries" (一网五库).
#include <string>
#include <vector>

#include "model/admin_area.hpp"
#include "model/depot.hpp"
#include "model/responsibility_area.hpp"
#include "model/risk_point.hpp"
#include "model/shelter.hpp"
#include "model/team.hpp"

namespace erde {

struct Dataset {
  std::vector<AdminArea> areas;
  std::vector<Shelter> shelters;
  std::vector<Depot> depots;
  std::vector<Team> teams;
  std::vector<RiskPoint> risk_points;
  std::vector<ResponsibilityArea> responsibility_areas;
};

}  // namespace erde
