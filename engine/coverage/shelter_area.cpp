#include "coverage/shelter_area.hpp"

#include <algorithm>

namespace erde {

StreetLocator::StreetLocator(const AreaTree& tree, const GeosContext& geos) : tree_(tree), geos_(geos) {
  for (size_t s : tree.streets)
    shapes_.push_back(tree.areas[s].boundary.empty() ? GeosContext::GeomPtr(nullptr, {geos.handle()})
                                                     : geos.from_wkb(tree.areas[s].boundary.wkb));
}

size_t StreetLocator::locate(const std::string& street_id, LonLat where) const {
  if (!street_id.empty()) {
    const size_t a = tree_.find(street_id);
    if (a != kNoArea && tree_.areas[a].level == AreaLevel::street) return a;
  }
  const GEOSContextHandle_t h = geos_.handle();
  auto pt = geos_.own(GEOSGeom_createPointFromXY_r(h, where.lon, where.lat));
  for (size_t i = 0; i < shapes_.size(); ++i)
    if (shapes_[i] && GEOSIntersects_r(h, shapes_[i].get(), pt.get()) == 1) return tree_.streets[i];
  return kNoArea;
}

namespace {

ShelterAreaRow make_row(std::string id, std::string name, double population, int count, double area, double target) {
  ShelterAreaRow r{std::move(id), std::move(name), population, count, area, 0, target, 0, false};
  r.m2_per_resident = population > 0 ? area / population : 0;
  r.shortfall_m2 = std::max(0.0, target * population - area);
  r.meets_target = population <= 0 || area >= target * population;
  return r;
}

}  // namespace

std::vector<ShelterAreaRow> shelter_area_per_resident(const AreaTree& tree, std::span<const Shelter> shelters,
                                                      std::span<const size_t> shelter_street, double target_m2) {
  std::vector<ShelterAreaRow> rows;
  double total = 0;
  for (size_t s : tree.streets) {
    int count = 0;
    double area = 0;
    for (size_t i = 0; i < shelters.size(); ++i)
      if (shelter_street[i] == s) ++count, area += shelters[i].effective_area_m2;
    rows.push_back(make_row(tree.areas[s].id, tree.areas[s].name, tree.population(s).value_or(0.0), count, area,
                            target_m2));
  }
  for (const Shelter& sh : shelters) total += sh.effective_area_m2;
  const size_t d = tree.district();
  rows.push_back(make_row(d == kNoArea ? std::string() : tree.areas[d].id,
                          d == kNoArea ? std::string("district") : tree.areas[d].name, tree.district_population(),
                          static_cast<int>(shelters.size()), total, target_m2));
  return rows;
}

}  // namespace erde
