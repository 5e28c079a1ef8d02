#pragma once
// The plan as it was made before the searches were bounded: every team's, depot's and walking
// time over the whole network, and a separate route search per assigned team. The same plan as
// plan_on_roads; the reference the bounded searches are tested (tests/dispatch) and measured
// (bench_dispatch) against.
#include <span>
#include <vector>

#include "dispatch/incident_plan.hpp"
#include "dispatch/road_times.hpp"
#include "model/dataset.hpp"

namespace erde::test {

inline IncidentPlan plan_every_time(const GeosContext& geos, const Incident& incident, const ResponsePlan& response,
                                    const Dataset& data, const DispatchRoads& roads, const Reservations& ledger) {
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
  IncidentPlan plan = plan_incident(geos, incident, response, in, ledger);
  for (TeamAssignment& a : plan.teams.assigned)
    for (const Team& t : data.teams)
      if (t.id == a.team_id) a.route = team_route(roads, t, incident.location);
  return plan;
}

}  // namespace erde::test
