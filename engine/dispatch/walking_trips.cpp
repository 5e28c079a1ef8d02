#include "dispatch/walking_trips.hpp"

#include <algorithm>
#include <memory>
#include <numeric>

#include "util/error.hpp"

namespace erde {

namespace {

// Fewest shelters that can hold `people` whichever they are: the smallest first.
size_t fewest_shelters_for(std::vector<int64_t> places, int64_t people) {
  std::sort(places.begin(), places.end());
  int64_t sum = 0;
  for (size_t k = 0; k < places.size(); ++k)
    if ((sum += places[k]) >= people) return k + 1;
  return places.size();
}

// How many of the shelters in `order` (by walking time) one gather point keeps: the nearest
// first_try, doubled until they hold a shelter completing the places and one strictly farther
// than it (so every shelter as near as the completing one is kept), or all of them.
size_t shelters_kept(std::span<const uint32_t> order, std::span<const uint32_t> ms, std::span<const int64_t> places,
                     int64_t people, size_t first_try) {
  for (size_t k = std::max<size_t>(first_try, 1);; k *= 2) {
    if (k >= order.size()) return order.size();
    int64_t sum = 0;
    size_t completing = k;
    for (size_t n = 0; n < k && completing == k; ++n)
      if ((sum += places[order[n]]) >= people) completing = n;
    if (completing + 1 < k && ms[order[k - 1]] > ms[order[completing]]) return k;
  }
}

}  // namespace

WalkingTrips walking_trips(const LiveRoads& roads, const WalkingRequest& req) {
  if (req.places.size() != req.to.size()) throw Error("internal: free places do not match the shelters");
  const size_t p = roads.profile("walking");
  WalkingTrips out;
  out.seconds = TravelMatrix(req.from.size(), req.to.size());
  auto from = std::make_shared<std::vector<RoutePoint>>();
  for (LonLat where : req.from) from->push_back(roads.snap(p, where, reach::kStart));
  std::shared_ptr<const PreparedPlaces> shelters;
  if (req.people > 0 && !req.to.empty()) {
    shelters = roads.prepared(p, req.to, false);
    std::vector<uint32_t> ms(req.to.size());
    std::vector<uint32_t> order(req.to.size());
    std::vector<int64_t> usable_places;
    for (int64_t n : req.places)
      if (n > 0) usable_places.push_back(n);
    const size_t first_try = fewest_shelters_for(usable_places, req.people) + 1;
    for (size_t i = 0; i < req.from.size(); ++i) {
      if (!(*from)[i].valid()) continue;
      cch_times_from(roads.cch(p), (*from)[i], shelters->buckets, ms);
      order.resize(req.to.size());
      std::iota(order.begin(), order.end(), 0u);
      std::erase_if(order, [&](uint32_t j) { return ms[j] == kUnreachable || req.places[j] <= 0; });
      std::sort(order.begin(), order.end(),
                [&](uint32_t a, uint32_t b) { return ms[a] < ms[b] || (ms[a] == ms[b] && a < b); });
      const size_t kept = shelters_kept(order, ms, req.places, req.people, first_try);
      for (size_t n = 0; n < kept; ++n) out.seconds.at(i, order[n]) = ms[order[n]] / 1000.0;
    }
  }
  out.route = [from, shelters, &roads, p](size_t i, size_t j) {
    if (!shelters || i >= from->size() || j >= shelters->places.size())
      throw Error("internal: no walking trip was searched for this pair");
    const Route r = roads.route(p, (*from)[i], shelters->point(j));
    if (!r.reachable) throw Error("internal: no walking trip was searched for this pair");
    return WalkingRoute{r.geometry, r.distance_m, r.time_ms / 1000.0};
  };
  return out;
}

}  // namespace erde
