#include "dispatch/plan_on_roads.hpp"

#include "dispatch/plan_trips.hpp"
#include "dispatch/walking_trips.hpp"

namespace erde {

IncidentPlan plan_on_roads(const GeosContext& geos, const Incident& incident,
                           const ResponsePlanBook& book, const Dataset& data,
                           const LiveRoads& roads, const Reservations& ledger) {
  const ResponsePlan& response = book.at(incident.type, incident.severity);
  const TeamTrips teams = team_trips(roads, data.teams, incident.location, response.teams);
  const std::vector<double> depot_eta = depot_trips(roads, data.depots, incident.location, response.materials, ledger);
  PlanInputs in;
  in.teams = data.teams;
  in.team_eta_s = teams.eta_s;
  in.depots = data.depots;
  in.depot_eta_s = depot_eta;
  in.areas = data.areas;
  in.shelters = data.shelters;
  in.risk_points = data.risk_points;
  in.walking = [&roads](const WalkingRequest& request) { return walking_trips(roads, request); };
  IncidentPlan plan = plan_incident(geos, incident, response, in, ledger);
  for (TeamAssignment& a : plan.teams.assigned)
    for (size_t i = 0; i < data.teams.size(); ++i)
      if (data.teams[i].id == a.team_id) a.route = teams.route(i);
  return plan;
}

}  // namespace erde
