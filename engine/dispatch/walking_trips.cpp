#include "dispatch/walking_trips.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "dispatch/nearest_enough.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

// The searches' routes without geometry, kept until the allocation asks for some of them.
struct Legs {
  std::vector<RoutePoint> from, to;
  std::map<std::pair<size_t, size_t>, Route> routes;
};

// Fewest shelters that can hold `people` whichever they are: the smallest first.
size_t fewest_shelters_for(std::vector<int64_t> places, int64_t people) {
  std::sort(places.begin(), places.end());
  int64_t sum = 0;
  for (size_t k = 0; k < places.size(); ++k)
    if ((sum += places[k]) >= people) return k + 1;
  return places.size();
}

}  // namespace

WalkingTrips walking_trips(const DispatchRoads& roads, const WalkingRequest& req) {
  if (req.places.size() != req.to.size()) throw Error("internal: free places do not match the shelters");
  const size_t p = roads.profile("walking");
  const Network net{roads.graph, roads.weights[p]};
  auto legs = std::make_shared<Legs>();
  WalkingTrips out;
  out.seconds = TravelMatrix(req.from.size(), req.to.size());

  std::vector<uint8_t> usable(req.to.size(), 0);
  std::vector<int64_t> usable_places;
  legs->to.resize(req.to.size());
  for (size_t j = 0; j < req.to.size(); ++j) {
    if (req.places[j] <= 0) continue;
    legs->to[j] = snap_on(roads, p, req.to[j]);
    if (!legs->to[j].valid()) continue;
    usable[j] = 1;
    usable_places.push_back(req.places[j]);
  }
  legs->from.resize(req.from.size());
  for (size_t i = 0; i < req.from.size(); ++i) legs->from[i] = snap_on(roads, p, req.from[i]);

  if (!usable_places.empty() && req.people > 0) {
    const size_t first_try = fewest_shelters_for(usable_places, req.people) + 1;
    const NeedMet places_for_everyone = [&](std::span<const uint32_t> order, std::span<const GoalHit>) {
      int64_t sum = 0;
      for (size_t n = 0; n < order.size(); ++n)
        if ((sum += req.places[order[n]]) >= req.people) return n;
      return kNotMet;
    };
    SearchSpace& space = thread_search_space();
    GoalSearch s;
    s.direction = Direction::forward;
    s.goals = legs->to;
    s.enabled = usable;
    for (size_t i = 0; i < req.from.size(); ++i) {
      if (!legs->from[i].valid()) continue;
      s.origin = legs->from[i];
      const NearestGoals found = nearest_enough(net, space, s, first_try, places_for_everyone);
      for (uint32_t g : found.order) {
        out.seconds.at(i, g) = found.hits[g].cost / 1000.0;
        legs->routes.emplace(std::make_pair(i, size_t{g}), goal_route(net, space, s, g, found.hits[g], false));
      }
    }
  }

  const RoadGraph& graph = roads.graph;
  out.route = [legs, &graph](size_t i, size_t j) {
    auto it = legs->routes.find({i, j});
    if (it == legs->routes.end()) throw Error("internal: no walking trip was searched for this pair");
    Route r = it->second;
    complete_route(graph, legs->from[i], legs->to[j], r, true);
    return WalkingRoute{std::move(r.geometry), r.distance_m, r.time_ms / 1000.0};
  };
  return out;
}

}  // namespace erde
