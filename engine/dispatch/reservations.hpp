#pragma once
// The stock and shelter ledger shared by concurrent incidents: what each incident holds, so a
// second incident cannot be promised the same sandbags or shelter places. Released on close.
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "model/depot.hpp"
#include "model/shelter.hpp"

namespace erde {

// Change it only through its functions: they keep the per-depot and per-shelter totals that
// make held() and placed() independent of how many incidents are open.
struct Reservations {
  // incident id -> (depot id, material) -> quantity held
  std::map<std::string, std::map<std::pair<std::string, Material>, double>> materials;
  // incident id -> shelter id -> people placed
  std::map<std::string, std::map<std::string, int64_t>> shelter_places;
  // the same summed over incidents
  std::map<std::pair<std::string, Material>, double> held_total;
  std::map<std::string, int64_t> placed_total;

  double held(const std::string& depot_id, Material m) const;
  int64_t placed(const std::string& shelter_id) const;
  void hold_material(const std::string& incident_id, const std::string& depot_id, Material m, double quantity);
  void hold_places(const std::string& incident_id, const std::string& shelter_id, int64_t people);
  // Returns false when the incident held nothing.
  bool release(const std::string& incident_id);
};

// Depot stock of a material (all stock lines summed) minus what incidents hold; never negative.
double free_stock(const Depot& depot, Material m, const Reservations& ledger);
// Shelter capacity minus the places incidents hold; never negative.
int64_t free_places(const Shelter& shelter, const Reservations& ledger);

}  // namespace erde
