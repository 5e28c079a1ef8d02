#include "dispatch/plan_trips.hpp"

#include <algorithm>
#include <memory>

namespace erde {
namespace {

// Where each team joins the roads on its profile and where the scene does, for the routes the
// plan asks for afterwards.
struct TeamLegs {
  std::vector<size_t> profile_of;                                 // per team
  std::vector<size_t> slot;                                       // per team: its place in its profile's set
  std::vector<std::shared_ptr<const PreparedPlaces>> bases;       // per profile (null: none searched)
  std::vector<RoutePoint> scene;                                  // per profile
  std::vector<RoutePoint> moving_from;                            // per team: a returning one's start
};

bool useful(const Team& t, std::span<const TeamRequirement> needed) {
  if (!dispatchable(t.status)) return false;
  for (const TeamRequirement& r : needed)
    if (r.count > 0 && t.has(r.capability)) return true;
  return false;
}

}  // namespace

TeamTrips team_trips(const LiveRoads& roads, std::span<const TeamNow> teams, LonLat at,
                     std::span<const TeamRequirement> needed, std::span<const uint8_t> also_from_position) {
  auto extra = [&](size_t i) { return i < also_from_position.size() && also_from_position[i] != 0; };
  TeamTrips out;
  out.eta_s.assign(teams.size(), kNoRoute);
  auto legs = std::make_shared<TeamLegs>();
  legs->bases.resize(roads.profile_count());
  legs->scene.resize(roads.profile_count());
  legs->slot.resize(teams.size());
  legs->moving_from.resize(teams.size());
  for (const TeamNow& t : teams) legs->profile_of.push_back(roads.profile(team_profile(t.team)));

  for (std::string_view name : kTeamProfiles) {
    const size_t p = roads.profile(name);
    // Every team of the profile, whatever its status, so the prepared set outlives dispatches.
    std::vector<LonLat> places;
    std::vector<size_t> team_at;
    bool any = false;
    for (size_t i = 0; i < teams.size(); ++i) {
      if (legs->profile_of[i] != p) continue;
      const Team& t = teams[i].team;
      legs->slot[i] = places.size();
      places.push_back(t.status == TeamStatus::available ? teams[i].position : t.base);
      team_at.push_back(i);
      any = any || useful(t, needed) || extra(i);
    }
    if (!any) continue;
    legs->scene[p] = roads.snap(p, at, reach::kEnd);
    if (!legs->scene[p].valid()) continue;
    legs->bases[p] = roads.prepared(p, places, true);
    std::vector<uint32_t> ms(places.size());
    cch_times_to(roads.cch(p), legs->bases[p]->buckets, legs->scene[p], ms);
    for (size_t k = 0; k < places.size(); ++k) {
      const TeamNow& row = teams[team_at[k]];
      const bool moving = extra(team_at[k]);
      if (!moving && !useful(row.team, needed)) continue;
      if (moving || row.team.status == TeamStatus::returning) {
        RoutePoint& from = legs->moving_from[team_at[k]];
        from = roads.snap(p, row.position, reach::kStart);
        const Route r = from.valid() ? roads.route(p, from, legs->scene[p], false) : Route{};
        ms[k] = r.reachable ? r.time_ms : kUnreachable;
      }
      if (ms[k] != kUnreachable) out.eta_s[team_at[k]] = ms[k] / 1000.0;
    }
  }

  out.route = [legs, &roads, eta = out.eta_s](size_t team) -> std::vector<LonLat> {
    if (team >= eta.size() || !reachable(eta[team])) return {};
    const size_t p = legs->profile_of[team];
    const RoutePoint& from =
        legs->moving_from[team].valid() ? legs->moving_from[team] : legs->bases[p]->point(legs->slot[team]);
    Route r = roads.route(p, from, legs->scene[p]);
    return std::move(r.geometry);
  };
  return out;
}

std::vector<TeamRequirement> capabilities_to_time(const ResponsePlan& response) {
  std::vector<TeamRequirement> out = response.teams;
  for (const TeamSubstitute& sub : response.substitutes)
    if (std::any_of(response.teams.begin(), response.teams.end(),
                    [&](const TeamRequirement& r) { return r.capability == sub.slot; }))
      out.push_back({sub.by, 1});
  return out;
}

std::vector<double> depot_trips(const LiveRoads& roads, std::span<const Depot> depots, LonLat at,
                                std::span<const MaterialRequirement> needed, const Reservations& ledger) {
  std::vector<double> out(depots.size(), kNoRoute);
  std::vector<uint8_t> has_stock(depots.size(), 0);
  bool any = false;
  std::vector<LonLat> places;
  for (size_t d = 0; d < depots.size(); ++d) {
    places.push_back(depots[d].location);
    for (const MaterialRequirement& m : needed)
      if (m.quantity > 0.0 && free_stock(depots[d], m.material, ledger) > 0.0) has_stock[d] = 1;
    any = any || has_stock[d];
  }
  if (!any) return out;
  const size_t p = roads.profile("rescue_truck");
  const std::vector<uint32_t> ms = roads.times_to(p, places, roads.snap(p, at, reach::kEnd));
  for (size_t d = 0; d < depots.size(); ++d)
    if (has_stock[d] && ms[d] != kUnreachable) out[d] = ms[d] / 1000.0;
  return out;
}

}  // namespace erde
