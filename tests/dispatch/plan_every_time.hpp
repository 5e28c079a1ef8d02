#pragma once
// The plan as it was made before the live road index: every team's (from where the team table
// says it is now), depot's and walking time by plain Dijkstra (route/matrix.hpp) over the live
// roads' effective weights, from and to the same road positions (trip starts and ends snapped
// reach-aware), and a plain route search per assigned team. The independent reference
// plan_on_roads (CCH, prepared places, bounded walking allocation) is tested (tests/dispatch) and
// measured (bench_dispatch) against.
#include <span>
#include <vector>

#include "dispatch/incident_plan.hpp"
#include "dispatch/road_times.hpp"
#include "dispatch/team_status.hpp"
#include "model/dataset.hpp"
#include "route/matrix.hpp"
#include "route/route.hpp"

namespace erde::test {

inline double dijkstra_seconds(uint32_t ms) { return ms == kUnreachable ? kNoRoute : ms / 1000.0; }

// Plain-Dijkstra times from each origin (with its own profile) to `at`.
// reach_aware = false snaps both ends to roads where trips may start and end, as the cut to the
// largest strongly connected component did before.
inline std::vector<double> dijkstra_times_to(const LiveRoads& roads, std::span<const LonLat> from,
                                             std::span<const size_t> profile_of, LonLat at, bool reach_aware = true) {
  std::vector<double> out(from.size(), kNoRoute);
  for (size_t i = 0; i < from.size(); ++i) {
    const size_t p = profile_of[i];
    const RoutePoint a = roads.snap(p, from[i], reach_aware ? reach::kStart : reach::kBoth);
    const RoutePoint b = roads.snap(p, at, reach_aware ? reach::kEnd : reach::kBoth);
    if (!a.valid() || !b.valid()) continue;
    const Route r = route(roads.network(p), a, b);
    if (r.reachable) out[i] = r.time_ms / 1000.0;
  }
  return out;
}

// From each team's position in the table, with the team's own profile.
inline std::vector<double> dijkstra_team_times(const LiveRoads& roads, std::span<const TeamNow> teams, LonLat at,
                                               bool reach_aware = true) {
  std::vector<LonLat> from;
  std::vector<size_t> profile_of;
  for (const TeamNow& t : teams) {
    from.push_back(t.position);
    profile_of.push_back(roads.profile(team_profile(t.team)));
  }
  return dijkstra_times_to(roads, from, profile_of, at, reach_aware);
}

inline std::vector<double> dijkstra_depot_times(const LiveRoads& roads, std::span<const Depot> depots, LonLat at) {
  std::vector<LonLat> from;
  for (const Depot& d : depots) from.push_back(d.location);
  const std::vector<size_t> profile_of(depots.size(), roads.profile("rescue_truck"));
  return dijkstra_times_to(roads, from, profile_of, at);
}

inline TravelMatrix dijkstra_walking(const LiveRoads& roads, std::span<const LonLat> from, std::span<const LonLat> to) {
  const size_t p = roads.profile("walking");
  std::vector<RoutePoint> a, b;
  for (LonLat x : from) a.push_back(roads.snap(p, x, reach::kStart));
  for (LonLat x : to) b.push_back(roads.snap(p, x, reach::kEnd));
  const TimeMatrix m = matrix(roads.network(p), a, b);
  TravelMatrix out(from.size(), to.size());
  for (size_t i = 0; i < from.size(); ++i)
    for (size_t j = 0; j < to.size(); ++j) out.at(i, j) = dijkstra_seconds(m.time(i, j));
  return out;
}

// `data` for everything but the teams, which come from the team table `teams`.
inline IncidentPlan plan_every_time(const GeosContext& geos, const Incident& incident, const ResponsePlan& response,
                                    const Dataset& data, std::span<const TeamNow> teams, const LiveRoads& roads,
                                    const Reservations& ledger, std::span<const IncidentInForce> in_force = {}) {
  const std::vector<double> team_eta = dijkstra_team_times(roads, teams, incident.location);
  const std::vector<double> depot_eta = dijkstra_depot_times(roads, data.depots, incident.location);
  PlanInputs in;
  in.teams = teams;
  in.team_eta_s = team_eta;
  in.depots = data.depots;
  in.depot_eta_s = depot_eta;
  in.areas = data.areas;
  in.shelters = data.shelters;
  in.risk_points = data.risk_points;
  in.responsibility_areas = data.responsibility_areas;
  in.in_force = in_force;
  in.walking_s = [&roads](std::span<const LonLat> from, std::span<const LonLat> to) {
    return dijkstra_walking(roads, from, to);
  };
  IncidentPlan plan = plan_incident(geos, incident, response, in, ledger);
  for (TeamAssignment& a : plan.teams.assigned)
    for (const TeamNow& t : teams)
      if (t.team.id == a.team_id) {
        const size_t p = roads.profile(team_profile(t.team));
        Route r = route(roads.network(p), roads.snap(p, t.position, reach::kStart),
                        roads.snap(p, incident.location, reach::kEnd));
        if (r.reachable) a.route = std::move(r.geometry);
      }
  return plan;
}

}  // namespace erde::test
