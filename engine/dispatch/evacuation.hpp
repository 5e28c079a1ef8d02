#pragma once
// Evacuation: the affected people of each area sent to shelters with free places by walking
// time, as a capacitated assignment — no shelter overfilled; whoever cannot be placed is listed.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "dispatch/population.hpp"
#include "dispatch/reservations.hpp"
#include "dispatch/travel_time.hpp"
#include "dispatch/walking.hpp"
#include "model/shelter.hpp"

namespace erde {

struct ShelterAllocation {
  std::string area_id;
  std::string area_name;
  bool remainder = false;  // from the area's part outside its populated sub-areas
  std::string shelter_id;
  std::string shelter_name;
  int64_t people = 0;
  double walk_s = 0.0;
  // Along the roads from the gather point's road position to the shelter's, and its length;
  // empty and 0 when the plan was made from walking times alone.
  std::vector<LonLat> route;
  double walk_m = 0.0;
};

struct UnplacedPeople {
  std::string area_id;
  std::string area_name;
  bool remainder = false;
  int64_t people = 0;
};

struct EvacuationPlan {
  PopulationEstimate population;
  int64_t people = 0;                        // whole people to move
  std::vector<ShelterAllocation> allocations;  // by area, then walking time, then shelter id
  std::vector<UnplacedPeople> unplaced;      // by area
  int64_t placed = 0;
  int64_t unplaced_total = 0;
  double last_arrival_s = 0.0;               // longest walk of anyone placed
  std::vector<std::string> shelters_in_zone; // not used: inside the hazard zone
};

// walk_s: one row per population.areas entry (from its gather_point), one column per shelter.
// free_places[j]: places shelter j may still take (0: do not use). route (optional): the walking
// route of an area-shelter pair, asked for each allocation.
EvacuationPlan allocate_shelters(const PopulationEstimate& population, std::span<const Shelter> shelters,
                                 std::span<const int64_t> free_places, const TravelMatrix& walk_s,
                                 const std::function<WalkingRoute(size_t area, size_t shelter)>& route = {});

void hold_shelters(Reservations& ledger, const std::string& incident_id, const EvacuationPlan& plan);

}  // namespace erde
