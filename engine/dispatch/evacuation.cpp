#include "dispatch/evacuation.hpp"

#include <algorithm>
#include <numeric>

#include "dispatch/capacitated_assignment.hpp"
#include "util/error.hpp"

namespace erde {

EvacuationPlan allocate_shelters(const PopulationEstimate& population, std::span<const Shelter> shelters,
                                 std::span<const int64_t> free_places, const TravelMatrix& walk_s,
                                 const std::function<WalkingRoute(size_t area, size_t shelter)>& route) {
  if (free_places.size() != shelters.size()) throw Error("internal: free places do not match the shelters");
  if (walk_s.rows != population.areas.size() || walk_s.cols != shelters.size())
    throw Error("internal: walking times are not areas x shelters");
  EvacuationPlan plan;
  plan.population = population;
  // Shelters in id order, so equally good allocations resolve the same way whatever the input order.
  std::vector<size_t> order(shelters.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return shelters[a].id < shelters[b].id; });
  CapacitatedProblem problem;
  problem.supply = whole_people(population);
  problem.cost = TravelMatrix(walk_s.rows, walk_s.cols);
  for (size_t k = 0; k < order.size(); ++k) {
    problem.capacity.push_back(std::max<int64_t>(0, free_places[order[k]]));
    for (size_t i = 0; i < walk_s.rows; ++i) problem.cost.at(i, k) = walk_s.at(i, order[k]);
  }
  CapacitatedResult r = solve_capacitated_assignment(problem);

  for (int64_t p : problem.supply) plan.people += p;
  for (const auto& f : r.flows) {
    const AreaExposure& a = population.areas[f.source];
    const Shelter& s = shelters[order[f.sink]];
    ShelterAllocation& alloc = plan.allocations.emplace_back(
        ShelterAllocation{a.area_id, a.area_name, a.remainder, s.id, s.name, f.amount, f.cost, {}, 0.0});
    if (route) {
      WalkingRoute walk = route(f.source, order[f.sink]);
      alloc.route = std::move(walk.geometry);
      alloc.walk_m = walk.metres;
    }
    plan.last_arrival_s = std::max(plan.last_arrival_s, f.cost);
  }
  std::sort(plan.allocations.begin(), plan.allocations.end(), [](const ShelterAllocation& x, const ShelterAllocation& y) {
    if (x.area_id != y.area_id) return x.area_id < y.area_id;
    if (x.remainder != y.remainder) return x.remainder < y.remainder;
    if (x.walk_s != y.walk_s) return x.walk_s < y.walk_s;
    return x.shelter_id < y.shelter_id;
  });
  for (size_t i = 0; i < r.unplaced.size(); ++i)
    if (r.unplaced[i] > 0) {
      plan.unplaced.push_back({population.areas[i].area_id, population.areas[i].area_name, population.areas[i].remainder,
                               r.unplaced[i]});
      plan.unplaced_total += r.unplaced[i];
    }
  plan.placed = r.placed;
  return plan;
}

void hold_shelters(Reservations& ledger, const std::string& incident_id, const EvacuationPlan& plan) {
  for (const auto& a : plan.allocations) ledger.hold_places(incident_id, a.shelter_id, a.people);
}

}  // namespace erde
