#include "coverage/shelter_service.hpp"

#include "dispatch/capacitated_assignment.hpp"

namespace erde {

ServiceResult shelter_service(std::span<const DemandPoint> demand, std::span<const int64_t> capacity,
                              const TravelMatrix& walk_s) {
  CapacitatedProblem problem;
  for (const DemandPoint& d : demand) problem.supply.push_back(d.people);
  problem.capacity.assign(capacity.begin(), capacity.end());
  problem.cost = walk_s;
  const CapacitatedResult flow = solve_capacitated_assignment(problem);
  ServiceResult out;
  out.served.assign(demand.size(), 0);
  out.shelter_load.assign(capacity.size(), 0);
  for (const CapacitatedFlow& f : flow.flows) {
    out.assignments.push_back({f.source, f.sink, f.amount, f.cost});
    out.served[f.source] += f.amount;
    out.shelter_load[f.sink] += f.amount;
    out.total_walk_s += static_cast<double>(f.amount) * f.cost;
  }
  for (const DemandPoint& d : demand) out.people += d.people;
  out.served_total = flow.placed;
  return out;
}

std::vector<AreaShare> roll_up(const AreaTree& tree, std::span<const DemandPoint> demand,
                               std::span<const int64_t> served) {
  const size_t n = tree.areas.size();
  std::vector<int64_t> people(n, 0), got(n, 0);
  int64_t all = 0, all_got = 0;
  for (size_t i = 0; i < demand.size(); ++i) {
    all += demand[i].people;
    all_got += served[i];
    // Credit the leaf area and every ancestor once.
    size_t a = demand[i].area;
    for (size_t steps = 0; a != kNoArea && steps <= n; ++steps, a = tree.parent[a]) {
      people[a] += demand[i].people;
      got[a] += served[i];
    }
  }
  std::vector<AreaShare> out;
  for (size_t s : tree.streets)
    out.push_back({tree.areas[s].id, tree.areas[s].name, AreaLevel::street, people[s], got[s]});
  for (size_t c : tree.communities)
    out.push_back({tree.areas[c].id, tree.areas[c].name, AreaLevel::community, people[c], got[c]});
  const size_t d = tree.district();
  out.push_back({d == kNoArea ? std::string() : tree.areas[d].id,
                 d == kNoArea ? std::string("district") : tree.areas[d].name, AreaLevel::district, all, all_got});
  return out;
}

}  // namespace erde
