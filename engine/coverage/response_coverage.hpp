#pragma once
// Response-time coverage: what a team reaches within a time limit, travelling FROM its base TO the
// place (one forward search from all bases at once). Shares of area and residents come from the
// demand points (each carries its area and people); risk points are counted by colour.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "coverage/demand.hpp"
#include "model/risk_point.hpp"
#include "route/network.hpp"

namespace erde {

struct ResponseCoverage {
  std::string profile;
  std::string teams;                 // which teams, for the report
  size_t bases = 0;
  uint32_t limit_ms = 0;
  std::vector<uint32_t> demand_ms;   // per demand point; kUnreachable beyond the limit
  std::vector<uint32_t> risk_ms;     // per risk point
  double area_m2 = 0, area_reached_m2 = 0;
  int64_t people = 0, people_reached = 0;
  std::array<int, 4> risks{}, risks_reached{};  // by RiskLevel (red, orange, yellow, blue)
  std::vector<size_t> risks_outside;  // red first, then orange ...; within a colour by id
  double area_share() const { return area_m2 > 0 ? area_reached_m2 / area_m2 : 1.0; }
  double people_share() const {
    return people > 0 ? static_cast<double>(people_reached) / static_cast<double>(people) : 1.0;
  }
};

ResponseCoverage response_coverage(const Network& net, std::span<const RoutePoint> bases,
                                   std::span<const DemandPoint> demand, std::span<const RoutePoint> demand_at,
                                   std::span<const RiskPoint> risks, std::span<const RoutePoint> risk_at,
                                   uint32_t limit_ms);

}  // namespace erde
