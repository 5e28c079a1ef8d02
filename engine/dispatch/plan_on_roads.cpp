#include "dispatch/plan_on_roads.hpp"

namespace erde {

IncidentPlan plan_on_roads(const GeosContext& geos, const Incident& incident,
                           const ResponsePlanBook& book, const Dataset& data,
                           const DispatchRoads& roads, const Reservations& ledger) {
  const std::vector<double> team_eta = team_travel_times(roads, data.teams, incident.location);
  const std::vector<double> depot_eta = depot_travel_times(roads, data.depots, incident.location);
  PlanInputs in;
  in.teams = data.teams;
  in.team_eta_s = team_eta;
  in.depots = data.depots;
  in.depot_eta_s = depot_eta;
  in.areas = data.areas;
  in.shelters = data.shelters;
  in.risk_points = data.risk_points;
  in.walking_s = [&roads](std::span<const LonLat> from, std::span<const LonLat> to) {
    return walking_times(roads, from, to);
  };
  IncidentPlan plan = plan_incident(geos, incident, book.at(incident.type, incident.severity), in, ledger);
  for (TeamAssignment& a : plan.teams.assigned)
    for (const Team& t : data.teams)
      if (t.id == a.team_id) a.route = team_route(roads, t, incident.location);
  return plan;
}

}  // namespace erde
