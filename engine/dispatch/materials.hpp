#pragma once
// Materials for an incident: each required item from the depots nearest by travel time, split
// across depots when one is short, against the free stock in the ledger.
#include <span>
#include <string>
#include <vector>

#include "dispatch/reservations.hpp"
#include "dispatch/response_plan.hpp"
#include "dispatch/travel_time.hpp"
#include "model/depot.hpp"

namespace erde {

struct MaterialPick {
  Material material = Material::sandbag;
  std::string depot_id;
  std::string depot_name;
  double quantity = 0.0;
  double eta_s = 0.0;
};

struct MaterialShortfall {
  Material material = Material::sandbag;
  double missing = 0.0;  // "500 sandbags short"
};

struct MaterialPlan {
  std::vector<MaterialPick> picks;            // by material, then ETA, then depot id
  std::vector<MaterialShortfall> shortfall;   // by material
  double ready_eta_s = 0.0;                   // last depot to arrive
  bool complete() const { return shortfall.empty(); }
};

// depot_eta_s[i]: depot i's travel time to the scene (kNoRoute: cannot reach). Pure: the ledger
// is only read; hold_materials() commits the picks.
MaterialPlan plan_materials(std::span<const Depot> depots, std::span<const double> depot_eta_s,
                            std::span<const MaterialRequirement> requirements, const Reservations& ledger);

void hold_materials(Reservations& ledger, const std::string& incident_id, const MaterialPlan& plan);

}  // namespace erde
