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

struct EventPlan {
  std::vector<IncidentPlan> plans;    // input order, each with its share and what it gave up
  std::vector<std::string> priority;  // incident ids in the order stock was shared
  std::vector<BatchIncident> teams_problem;      // the joint team assignment's input
  BatchResult joint;                             // its result (the plans' teams)
  BatchResult greedy;                            // one incident at a time, worst first, to compare
};

// Incident indexes in the order an event shares stock and shelter places: most severe first,
// then the order given.
std::vector<size_t> event_priority(std::span<const IncidentPlan> plans);

// Each plan's materials, evacuation and warnings made anew in event_priority order against
// `ledger`, which receives each plan's holds before the next is made; its teams stay. Every plan's
// gave_up gains the stock and shelter places it would have had against `ledger` as it was, with
// the incidents that hold them instead; mutual-aid requests follow. Returns the priority order.
std::vector<size_t> share_stock(const GeosContext& geos, std::span<IncidentPlan> plans, const Dataset& data,
                                const LiveRoads& roads, Reservations& ledger);

// `teams`: the team table as it is (every row's status and position); `ledger`: what incidents
// outside the event hold already. Neither is changed. Incident ids must differ.
EventPlan plan_event(const GeosContext& geos, std::span<const Incident> incidents, const ResponsePlanBook& book,
                     const Dataset& data, std::span<const TeamNow> teams, const LiveRoads& roads,
                     const Reservations& ledger);

}  // namespace erde
