#include "dispatch/plan_trips.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>

#include "dispatch/nearest_enough.hpp"
#include "route/route.hpp"

namespace erde {
namespace {

constexpr std::string_view kTeamProfiles[] = {"fire_engine", "rescue_truck", "hazmat"};

// Team routes without geometry, kept until the plan asks for its assigned teams' routes.
struct TeamLegs {
  std::vector<RoutePoint> base;        // per team, on its profile
  std::vector<RoutePoint> scene;       // per profile
  std::vector<size_t> profile_of;      // per team
  std::map<size_t, Route> routes;      // per team found
};

// Fewest depots that can cover every material whichever they are: for each material, the
// depots with the most free stock first.
size_t fewest_depots_for(std::span<const MaterialRequirement> needed, const std::vector<double>& free,
                         const std::vector<uint8_t>& enabled) {
  size_t most = 1;
  for (size_t m = 0; m < needed.size(); ++m) {
    std::vector<double> stock;
    for (size_t d = 0; d < enabled.size(); ++d)
      if (enabled[d]) stock.push_back(free[d * needed.size() + m]);
    std::sort(stock.begin(), stock.end(), std::greater<>());
    double sum = 0;
    size_t k = 0;
    while (k < stock.size() && sum < needed[m].quantity) sum += stock[k++];
    most = std::max(most, k);
  }
  return most;
}

}  // namespace

TeamTrips team_trips(const DispatchRoads& roads, std::span<const Team> teams, LonLat at,
                     std::span<const TeamRequirement> needed) {
  TeamTrips out;
  out.eta_s.assign(teams.size(), kNoRoute);
  auto legs = std::make_shared<TeamLegs>();
  legs->base.resize(teams.size());
  legs->scene.resize(roads.profiles.size());
  for (const Team& t : teams) legs->profile_of.push_back(roads.profile(team_profile(t)));
  int slots = 0;
  for (const TeamRequirement& r : needed) slots += r.count;

  SearchSpace& space = thread_search_space();
  for (std::string_view name : kTeamProfiles) {
    const size_t p = roads.profile(name);
    std::vector<uint8_t> enabled(teams.size(), 0);
    std::vector<int> need(needed.size(), 0);
    bool any = false;
    for (size_t i = 0; i < teams.size(); ++i) {
      const Team& t = teams[i];
      if (legs->profile_of[i] != p || t.status != TeamStatus::available) continue;
      bool useful = false;
      for (size_t r = 0; r < needed.size(); ++r)
        if (needed[r].count > 0 && t.has(needed[r].capability)) useful = true;
      if (!useful) continue;
      legs->base[i] = snap_on(roads, p, t.base);
      if (!legs->base[i].valid()) continue;
      enabled[i] = 1;
      any = true;
      for (size_t r = 0; r < needed.size(); ++r)
        if (needed[r].count > 0 && t.has(needed[r].capability)) need[r] = std::min(need[r] + 1, slots);
    }
    if (!any) continue;
    legs->scene[p] = snap_on(roads, p, at);
    if (!legs->scene[p].valid()) continue;

    const NeedMet every_slot_coverable = [&](std::span<const uint32_t> order, std::span<const GoalHit>) {
      std::vector<int> found(needed.size(), 0);
      for (size_t n = 0; n < order.size(); ++n) {
        bool all = true;
        for (size_t r = 0; r < needed.size(); ++r) {
          if (teams[order[n]].has(needed[r].capability)) ++found[r];
          all = all && found[r] >= need[r];
        }
        if (all) return n;
      }
      return kNotMet;
    };
    size_t first_try = 1;
    for (int n : need) first_try += static_cast<size_t>(n);
    const Network net{roads.graph, roads.weights[p]};
    GoalSearch s;
    s.direction = Direction::reverse;
    s.origin = legs->scene[p];
    s.goals = legs->base;
    s.enabled = enabled;
    const NearestGoals found = nearest_enough(net, space, s, first_try, every_slot_coverable);
    for (uint32_t g : found.order) {
      out.eta_s[g] = found.hits[g].cost / 1000.0;
      legs->routes.emplace(g, goal_route(net, space, s, g, found.hits[g], false));
    }
  }

  const RoadGraph& graph = roads.graph;
  out.route = [legs, &graph](size_t team) -> std::vector<LonLat> {
    auto it = legs->routes.find(team);
    if (it == legs->routes.end()) return {};
    Route r = it->second;
    complete_route(graph, legs->base[team], legs->scene[legs->profile_of[team]], r, true);
    return std::move(r.geometry);
  };
  return out;
}

std::vector<double> depot_trips(const DispatchRoads& roads, std::span<const Depot> depots, LonLat at,
                                std::span<const MaterialRequirement> needed, const Reservations& ledger) {
  std::vector<double> out(depots.size(), kNoRoute);
  const size_t p = roads.profile("rescue_truck");
  std::vector<RoutePoint> where(depots.size());
  std::vector<uint8_t> enabled(depots.size(), 0);
  // free[d * needed + m]: depot d's free stock of needed material m.
  std::vector<double> free(depots.size() * needed.size(), 0.0);
  bool any = false;
  for (size_t d = 0; d < depots.size(); ++d) {
    bool useful = false;
    for (size_t m = 0; m < needed.size(); ++m) {
      free[d * needed.size() + m] = free_stock(depots[d], needed[m].material, ledger);
      if (needed[m].quantity > 0.0 && free[d * needed.size() + m] > 0.0) useful = true;
    }
    if (!useful) continue;
    where[d] = snap_on(roads, p, depots[d].location);
    if (!where[d].valid()) continue;
    enabled[d] = 1;
    any = true;
  }
  if (!any) return out;
  const RoutePoint scene = snap_on(roads, p, at);
  if (!scene.valid()) return out;

  // Takes stock as plan_materials does (nearest first, ties by depot id) until nothing is left.
  // Sorting by time and id keeps the sequence of times, so position n is the same time in both.
  const NeedMet all_stock_found = [&](std::span<const uint32_t> order, std::span<const GoalHit> hits) {
    std::vector<uint32_t> by_time(order.begin(), order.end());
    std::sort(by_time.begin(), by_time.end(), [&](uint32_t a, uint32_t b) {
      if (hits[a].cost != hits[b].cost) return hits[a].cost < hits[b].cost;
      return depots[a].id < depots[b].id;
    });
    std::vector<double> left(needed.size());
    for (size_t m = 0; m < needed.size(); ++m) left[m] = needed[m].quantity;
    for (size_t n = 0; n < by_time.size(); ++n) {
      bool all = true;
      for (size_t m = 0; m < needed.size(); ++m) {
        if (left[m] > 0.0) left[m] -= std::min(left[m], free[by_time[n] * needed.size() + m]);
        all = all && left[m] <= 0.0;
      }
      if (all) return n;
    }
    return kNotMet;
  };
  const Network net{roads.graph, roads.weights[p]};
  GoalSearch s;
  s.direction = Direction::reverse;
  s.origin = scene;
  s.goals = where;
  s.enabled = enabled;
  const NearestGoals found = nearest_enough(net, thread_search_space(), s, fewest_depots_for(needed, free, enabled) + 1,
                                            all_stock_found);
  for (uint32_t g : found.order) out[g] = found.hits[g].cost / 1000.0;
  return out;
}

}  // namespace erde
