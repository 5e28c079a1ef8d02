#include "dispatch/mutual_aid.hpp"

#include <algorithm>

#include "geo/wkb_bounds.hpp"

namespace erde {
namespace {

template <typename E>
std::optional<MutualAidContact> contact_for(const std::vector<std::pair<E, MutualAidContact>>& by, E key,
                                            const MutualAidContacts& contacts) {
  for (const auto& [k, c] : by)
    if (k == key) return c;
  return contacts.fallback;
}

bool same(const std::optional<MutualAidContact>& a, const std::optional<MutualAidContact>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->to == b->to && a->contact == b->contact);
}

void add(std::vector<MutualAidRequest>& out, const std::optional<MutualAidContact>& to, AidNeed need) {
  for (MutualAidRequest& r : out)
    if (same(r.to, to)) {
      r.needs.push_back(std::move(need));
      return;
    }
  out.push_back({to, {std::move(need)}});
}

}  // namespace

std::vector<MutualAidRequest> mutual_aid_requests(const MutualAidContacts& contacts, const TeamSelection& teams,
                                                  const MaterialPlan& materials,
                                                  const std::optional<EvacuationPlan>& evacuation) {
  std::vector<MutualAidRequest> out;
  for (const TeamShortfall& s : teams.shortfall) {
    AidNeed need;
    need.kind = AidNeed::Kind::team;
    need.capability = s.capability;
    need.missing = s.missing;
    need.reason = s.reason;
    add(out, contact_for(contacts.teams, s.capability, contacts), std::move(need));
  }
  for (const MaterialShortfall& s : materials.shortfall) {
    AidNeed need;
    need.kind = AidNeed::Kind::material;
    need.material = s.material;
    need.missing = s.missing;
    need.reason = "the district's reachable depots hold no more free stock";
    add(out, contact_for(contacts.materials, s.material, contacts), std::move(need));
  }
  if (evacuation && evacuation->unplaced_total > 0) {
    AidNeed need;
    need.kind = AidNeed::Kind::shelter_places;
    need.missing = static_cast<double>(evacuation->unplaced_total);
    need.reason = "no free shelter place outside the zone for them";
    add(out, contacts.shelter ? contacts.shelter : contacts.fallback, std::move(need));
  }
  return out;
}

std::vector<AreaName> areas_holding(std::span<const AdminArea> areas, LonLat at) {
  std::vector<AreaName> out;
  for (const AdminArea& a : areas)
    if (wkb_holds_point(a.boundary.wkb, at).value_or(false)) out.push_back({a.id, a.name, a.level});
  std::sort(out.begin(), out.end(), [](const AreaName& a, const AreaName& b) {
    return a.level != b.level ? a.level < b.level : a.id < b.id;
  });
  return out;
}

}  // namespace erde
