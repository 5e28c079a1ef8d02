#include "dispatch/reservations.hpp"

#include <algorithm>

namespace erde {

double Reservations::held(const std::string& depot_id, Material m) const {
  auto it = held_total.find({depot_id, m});
  return it == held_total.end() ? 0.0 : it->second;
}

int64_t Reservations::placed(const std::string& shelter_id) const {
  auto it = placed_total.find(shelter_id);
  return it == placed_total.end() ? 0 : it->second;
}

void Reservations::hold_material(const std::string& incident_id, const std::string& depot_id, Material m,
                                 double quantity) {
  if (!(quantity > 0.0)) return;
  materials[incident_id][{depot_id, m}] += quantity;
  held_total[{depot_id, m}] += quantity;
}

void Reservations::hold_places(const std::string& incident_id, const std::string& shelter_id, int64_t people) {
  if (people <= 0) return;
  shelter_places[incident_id][shelter_id] += people;
  placed_total[shelter_id] += people;
}

bool Reservations::release(const std::string& incident_id) {
  bool any = false;
  if (auto it = materials.find(incident_id); it != materials.end()) {
    for (const auto& [key, quantity] : it->second) {
      auto total = held_total.find(key);
      // Sums of doubles do not always subtract back to exactly zero.
      if ((total->second -= quantity) <= 1e-9 * std::max(1.0, quantity)) held_total.erase(total);
    }
    materials.erase(it);
    any = true;
  }
  if (auto it = shelter_places.find(incident_id); it != shelter_places.end()) {
    for (const auto& [shelter, people] : it->second)
      if (auto total = placed_total.find(shelter); (total->second -= people) == 0) placed_total.erase(total);
    shelter_places.erase(it);
    any = true;
  }
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
