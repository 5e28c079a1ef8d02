#include "dispatch/reservations.hpp"

#include <algorithm>

namespace erde {

double Reservations::held(const std::string& depot_id, Material m) const {
  double total = 0.0;
  for (const auto& [incident, holds] : materials)
    if (auto it = holds.find({depot_id, m}); it != holds.end()) total += it->second;
  return total;
}

int64_t Reservations::placed(const std::string& shelter_id) const {
  int64_t total = 0;
  for (const auto& [incident, holds] : shelter_places)
    if (auto it = holds.find(shelter_id); it != holds.end()) total += it->second;
  return total;
}

void Reservations::hold_material(const std::string& incident_id, const std::string& depot_id, Material m,
                                 double quantity) {
  if (quantity > 0.0) materials[incident_id][{depot_id, m}] += quantity;
}

void Reservations::hold_places(const std::string& incident_id, const std::string& shelter_id, int64_t people) {
  if (people > 0) shelter_places[incident_id][shelter_id] += people;
}

bool Reservations::release(const std::string& incident_id) {
  bool any = materials.erase(incident_id) > 0;
  any = shelter_places.erase(incident_id) > 0 || any;
  return any;
}

double free_stock(const Depot& depot, Material m, const Reservations& ledger) {
  double stock = 0.0;
  for (const auto& item : depot.stock)
    if (item.material == m) stock += item.quantity;
  return std::max(0.0, stock - ledger.held(depot.id, m));
}

int64_t free_places(const Shelter& shelter, const Reservations& ledger) {
  return std::max<int64_t>(0, shelter.capacity - ledger.placed(shelter.id));
}

}  // namespace erde
