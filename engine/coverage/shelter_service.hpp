#pragma once
// Shelter service coverage (避难场所服务覆盖率): the share of residents who can walk to a shelter
// with room within a time limit. People are assigned to shelters by walking time without
// exceeding any capacity (exact min-cost max-flow, dispatch/capacitated_assignment.hpp), so a
// full shelter nearby does not count as service.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "coverage/area_tree.hpp"
#include "coverage/demand.hpp"
#include "dispatch/travel_time.hpp"

namespace erde {

struct ServiceAssignment {
  size_t demand = 0;   // index into the demand points
  size_t shelter = 0;  // index into the shelters
  int64_t people = 0;
  double walk_s = 0;
};

struct ServiceResult {
  std::vector<ServiceAssignment> assignments;  // by demand point, then shelter
  std::vector<int64_t> served;                 // per demand point
  std::vector<int64_t> shelter_load;           // per shelter; never above its capacity
  int64_t people = 0;
  int64_t served_total = 0;
  double total_walk_s = 0;                     // sum over the served of their walk
};

// walk_s: demand points x shelters, seconds, kNoRoute where above the limit or impossible.
ServiceResult shelter_service(std::span<const DemandPoint> demand, std::span<const int64_t> capacity,
                              const TravelMatrix& walk_s);

struct AreaShare {
  std::string area_id;
  std::string area_name;
  AreaLevel level = AreaLevel::street;
  int64_t people = 0;
  int64_t served = 0;
  double share() const { return people > 0 ? static_cast<double>(served) / static_cast<double>(people) : 1.0; }
};

// Served people rolled up to every street and community (input order), then the district.
// `served` is per demand point (as ServiceResult::served or a response-time flag x people).
std::vector<AreaShare> roll_up(const AreaTree& tree, std::span<const DemandPoint> demand,
                               std::span<const int64_t> served);

}  // namespace erde
