#include "dispatch/plan_on_roads.hpp"

#include <algorithm>

#include "dispatch/plan_trips.hpp"
#include "dispatch/walking_trips.hpp"

namespace erde {

namespace {

// The rows as road_times.hpp takes teams (it starts a team's trip at team.base): each team with
// its live status and team.base set to where it is now.
std::vector<Team> teams_where_they_are(std::span<const TeamNow> teams) {
  std::vector<Team> out;
  out.reserve(teams.size());
  for (const TeamNow& t : teams) {
    out.push_back(t.team);
    out.back().base = t.position;
  }
  return out;
}

}  // namespace

std::vector<double> team_times_now(const LiveRoads& roads, std::span<const TeamNow> teams, LonLat at) {
  return team_travel_times(roads, teams_where_they_are(teams), at);
}

std::vector<LonLat> team_route_now(const LiveRoads& roads, const TeamNow& team, LonLat at) {
  return team_route(roads, teams_where_they_are({&team, 1}).front(), at);
}


IncidentPlan plan_on_roads(const GeosContext& geos, const Incident& incident, const ResponsePlanBook& book,
                           const Dataset& data, std::span<const TeamNow> teams, const LiveRoads& roads,
                           const Reservations& ledger, std::span<const IncidentInForce> in_force) {
  const ResponsePlan& response = book.at(incident.type, incident.severity);
  const std::vector<uint8_t> preemptible = preemptible_teams(teams, response, incident.id, in_force);
  const TeamTrips trips = team_trips(roads, teams, incident.location, capabilities_to_time(response), preemptible);
  const std::vector<double> depot_eta = depot_trips(roads, data.depots, incident.location, response.materials, ledger);
  PlanInputs in;
  in.teams = teams;
  in.team_eta_s = trips.eta_s;
  in.depots = data.depots;
  in.depot_eta_s = depot_eta;
  in.areas = data.areas;
  in.shelters = data.shelters;
  in.risk_points = data.risk_points;
  in.responsibility_areas = data.responsibility_areas;
  in.in_force = in_force;
  in.walking = [&roads](const WalkingRequest& request) { return walking_trips(roads, request); };
  IncidentPlan plan = plan_incident(geos, incident, response, in, ledger);
  for (TeamAssignment& a : plan.teams.assigned)
    for (size_t i = 0; i < teams.size(); ++i)
      if (teams[i].team.id == a.team_id) a.route = trips.route(i);
  return plan;
}

}  // namespace erde
