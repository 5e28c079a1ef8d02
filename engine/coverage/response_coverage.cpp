#include "coverage/response_coverage.hpp"

#include <algorithm>

#include "coverage/reach.hpp"

namespace erde {

ResponseCoverage response_coverage(const Network& net, std::span<const RoutePoint> bases,
                                   std::span<const DemandPoint> demand, std::span<const RoutePoint> demand_at,
                                   std::span<const RiskPoint> risks, std::span<const RoutePoint> risk_at,
                                   uint32_t limit_ms) {
  ResponseCoverage r;
  r.bases = bases.size();
  r.limit_ms = limit_ms;
  r.demand_ms = times_from_origins(net, bases, demand_at, limit_ms);
  r.risk_ms = times_from_origins(net, bases, risk_at, limit_ms);
  for (size_t i = 0; i < demand.size(); ++i) {
    const bool in = r.demand_ms[i] <= limit_ms;
    r.area_m2 += demand[i].area_m2;
    r.people += demand[i].people;
    if (in) r.area_reached_m2 += demand[i].area_m2, r.people_reached += demand[i].people;
  }
  for (size_t i = 0; i < risks.size(); ++i) {
    const auto level = static_cast<size_t>(risks[i].level);
    ++r.risks[level];
    if (r.risk_ms[i] <= limit_ms)
      ++r.risks_reached[level];
    else
      r.risks_outside.push_back(i);
  }
  std::stable_sort(r.risks_outside.begin(), r.risks_outside.end(), [&](size_t a, size_t b) {
    if (risks[a].level != risks[b].level) return risks[a].level < risks[b].level;
    return risks[a].id < risks[b].id;
  });
  return r;
}

}  // namespace erde
