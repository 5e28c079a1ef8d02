#include "dispatch/materials.hpp"

#include <algorithm>
#include <numeric>

#include "util/error.hpp"

namespace erde {

MaterialPlan plan_materials(std::span<const Depot> depots, std::span<const double> depot_eta_s,
                            std::span<const MaterialRequirement> requirements, const Reservations& ledger) {
  if (depot_eta_s.size() != depots.size()) throw Error("internal: depot ETAs do not match the depots");
  std::vector<size_t> order;
  for (size_t i = 0; i < depots.size(); ++i)
    if (reachable(depot_eta_s[i])) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (depot_eta_s[a] != depot_eta_s[b]) return depot_eta_s[a] < depot_eta_s[b];
    return depots[a].id < depots[b].id;
  });

  MaterialPlan plan;
  for (const auto& need : requirements) {
    double left = need.quantity;
    for (size_t i : order) {
      if (left <= 0.0) break;
      double take = std::min(left, free_stock(depots[i], need.material, ledger));
      if (take <= 0.0) continue;
      plan.picks.push_back({need.material, depots[i].id, depots[i].name, take, depot_eta_s[i]});
      plan.ready_eta_s = std::max(plan.ready_eta_s, depot_eta_s[i]);
      left -= take;
    }
    if (left > 0.0) plan.shortfall.push_back({need.material, left});
  }
  return plan;
}

void hold_materials(Reservations& ledger, const std::string& incident_id, const MaterialPlan& plan) {
  for (const auto& p : plan.picks) ledger.hold_material(incident_id, p.depot_id, p.material, p.quantity);
}

}  // namespace erde
