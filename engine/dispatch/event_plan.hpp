#pragma once
// A whole-event plan for concurrent incidents (a typhoon night): the teams jointly
// (batch_assignment.hpp), then materials and shelter places shared by priority, most severe
// first and then in the order given, each incident planned against what those before it hold.
// Every incident is told what it gave up to the others: the teams, stock and shelter places it
// would have had on its own.
#include <span>
#include <string>
#include <vector>

#include "dispatch/batch_assignment.hpp"
#include "dispatch/incident_plan.hpp"
#include "dispatch/reservations.hpp"
#include "dispatch/road_times.hpp"
#include "geo/geos_context.hpp"
#include "model/dataset.hpp"

namespace erde {

struct Concession {
  enum class Kind { team, material, shelter_places };
  Kind kind = Kind::team;
  std::string team_id;                                // kind team: the team it would have had
  Capability capability = Capability::fire_fighting;  // kind team: the slot that team would have filled
  Material material = Material::sandbag;              // kind material
  double quantity = 0.0;         // material: in its unit; shelter places: people; team: 1
  std::vector<std::string> to;   // the incidents that have it instead, by id
};

struct EventPlan {
  std::vector<IncidentPlan> plans;               // input order, each with its share
  std::vector<std::vector<Concession>> gave_up;  // per incident, input order
  std::vector<std::string> priority;             // incident ids in the order stock was shared
  std::vector<BatchIncident> teams_problem;      // the joint team assignment's input
  BatchResult joint;                             // its result (the plans' teams)
  BatchResult greedy;                            // one incident at a time, worst first, to compare
};

// `teams`: the team table as it is (every row's status and position); `ledger`: what incidents
// outside the event hold already. Neither is changed. Incident ids must differ.
EventPlan plan_event(const GeosContext& geos, std::span<const Incident> incidents, const ResponsePlanBook& book,
                     const Dataset& data, std::span<const TeamNow> teams, const LiveRoads& roads,
                     const Reservations& ledger);

}  // namespace erde
