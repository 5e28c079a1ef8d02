#pragma once
// Inside a Drill: the simulated world, the event queue and what the report needs. Internal to
// engine/drill.
#include <queue>
#include <string>
#include <vector>

#include "dispatch/dispatch_state.hpp"
#include "drill/drill.hpp"
#include "geo/geos_context.hpp"
#include "route/live_roads.hpp"
#include "route/route.hpp"
#include "route/trip.hpp"

namespace erde {

inline constexpr size_t kNone = static_cast<size_t>(-1);

// One team sent to one incident, for the report.
struct Visit {
  std::string incident_id;
  size_t team = 0;
  Capability capability = Capability::fire_fighting;
  double planned_eta_s = 0;
  bool refill = false;  // sent later to a slot the plan could not fill at first
  bool re_tasked = false;  // sent on its way home from an earlier visit
  int64_t dispatched_ms = -1, departed_ms = -1, arrived_ms = -1, cleared_ms = -1, home_ms = -1;
  int reroutes = 0;
  std::string outcome = "open";  // cleared, withdrawn, unreachable
};

struct IncidentRecord {
  std::string id;
  IncidentType type = IncidentType::fire;
  Severity severity = Severity::general;
  LonLat at;
  bool hidden = false;
  int64_t reported_ms = 0, planned_ms = -1, first_arrival_ms = -1, closed_ms = -1;
  double target_s = 0;
  std::vector<size_t> visits;
  nlohmann::json planned;  // teams asked for, shortfall, materials, evacuation at planning time
  std::vector<std::pair<Capability, int>> unmet_at_close;
};

// What the simulation keeps of one team beyond its state (status, position and incident are in
// its row of the team table): its trip, its queued events' generation, its visit, its busy time.
struct TeamRun {
  Trip trip;
  uint64_t gen = 0;              // bumps cancel the team's queued events
  size_t visit = kNone;          // its current (or, driving home, last) visit
  int64_t busy_since = -1, busy_ms = 0;
};

enum class Ev : uint8_t { inject, depart, arrive, clear, reopen, back_on_duty };

struct QueueItem {
  int64_t t = 0;
  uint64_t seq = 0;
  Ev ev = Ev::inject;
  size_t a = 0;     // inject index or team index
  uint64_t gen = 0; // the team's gen when queued
  bool operator>(const QueueItem& o) const { return t != o.t ? t > o.t : seq > o.seq; }
};

struct Drill::State {
  std::string id;
  Scenario scenario;
  uint64_t seed = 1;
  const ResponsePlanBook* book = nullptr;
  GeosContext geos;
  Dataset world;                          // the drill's copy of the district; its teams are in ds.teams
  std::unique_ptr<LiveRoads> roads;       // the drill's own closures and metrics
  // The one team table (data set order; a team's row index is its handle in events, visits and
  // runs), the ledger and the plans in force. A team's position is where it stands, where it set
  // off from while driving to an incident, or where it was last looked at while driving home.
  DispatchState ds;
  std::vector<LonLat> inject_at;          // resolved place per inject (incidents, closures, sensors)
  std::vector<TeamRun> runs;              // runs[i]: the simulation's side of ds.teams[i]
  std::vector<Visit> visits;
  std::vector<IncidentRecord> incidents;
  std::map<std::string, size_t> incident_index;
  std::map<std::string, nlohmann::json> closure_shapes;  // id -> GeoJSON geometry, for the map
  std::vector<std::pair<int64_t, int64_t>> occupancy;    // (t, people in shelters)
  std::map<std::string, int64_t> shelter_peak;
  std::map<std::string, double> materials_used;          // material -> quantity
  std::priority_queue<QueueItem, std::vector<QueueItem>, std::greater<>> queue;
  uint64_t seq = 0;
  int64_t now = 0;
  std::vector<DrillEvent> log;
};

}  // namespace erde
