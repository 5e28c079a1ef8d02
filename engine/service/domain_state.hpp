#pragma once
// The phase-1 domain state behind the service: the loaded Dataset plus the live parts that
// commands change — the team table (status, position, incident), incidents with their plans,
// road closures.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dispatch/dispatch_state.hpp"
#include "dispatch/road_times.hpp"
#include "model/dataset.hpp"
#include "service/state_machine.hpp"

namespace erde::service {

struct Incident {
  std::string id;
  IncidentType type = IncidentType::fire;
  Severity severity = Severity::general;
  LonLat location;
  std::string address;
  std::string description;
  bool drill = false;  // drill records stay apart from live incidents
  bool open = true;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> closed_at;
  std::string close_reason;
  std::string submitted_by;
  nlohmann::json plan;  // null until the dispatch engine fills it
  // plan as JSON text, written once when the plan is made (set_plan), so snapshot pages send
  // it without writing it out again; null: written out when needed.
  std::shared_ptr<const std::string> plan_text;
};

struct Closure {
  std::string id;
  std::string reason;
  nlohmann::json geometry;  // validated GeoJSON Point, LineString or Polygon
  std::optional<double> radius_m;  // Point only
  int64_t created_at = 0;
  std::string by;
};

struct Dispatcher;

struct DomainState {
  // The district as loaded: shelters, depots, areas, risk points, static in phase 1; its teams
  // as they were loaded, which is where every drill starts (live team state is in live.teams).
  Dataset data;
  // The one team table, by ascending team id; with roads also the ledger and the plans in force.
  DispatchState live;
  std::map<std::string, Incident> incidents;
  std::set<std::pair<int64_t, std::string>> closed_by_time;  // (closed_at, id) of closed incidents
  // Ids of the incidents archived out of the live picture: never given to a new incident, so
  // an id names one incident for good (the journal keeps the old one).
  std::set<std::string> archived_incidents;
  std::map<std::string, Closure> closures;
  uint64_t next_incident = 1;
  uint64_t next_closure = 1;
  std::shared_ptr<Dispatcher> dispatch;  // null without roads: incidents get no plan
};

DomainState make_domain_state(Dataset data);

// How many closed incidents the live picture keeps (the oldest beyond are archived).
inline constexpr size_t kClosedIncidentsKept = 500;

// The live team's row; nullptr when there is no team with this id.
const TeamNow* find_live_team(const DomainState& state, std::string_view id);
TeamNow* find_live_team(DomainState& state, std::string_view id);

nlohmann::json team_json(const TeamNow& t);
nlohmann::json incident_json(const Incident& i);
nlohmann::json closure_json(const Closure& c);
nlohmann::json shelter_json(const Shelter& s);
nlohmann::json depot_json(const Depot& d);

// Sets the incident's plan and its text (`text` null: the text is written out on demand).
void set_plan(Incident& incident, nlohmann::json plan, std::shared_ptr<const std::string> text = nullptr);
// The plan's JSON text (cached when set_plan had it), empty for an incident without a plan.
std::string plan_text(const Incident& incident);

nlohmann::json domain_snapshot(const DomainState& state);
// One page of the live state for the wire (StateMachine::snapshot_page): topics strictly
// after `after`, at most `max_bytes` of entity text (at least one entity).
SnapshotPage domain_snapshot_page(const DomainState& state, std::string_view after, size_t max_bytes);
// Restores the live parts onto a state made from the same Dataset; throws erde::Error.
void domain_restore(DomainState& state, const nlohmann::json& snapshot);

// Runs one command: parses and checks it against `state` (throws Rejected), and when `commit`
// is set applies it and returns the updates.
std::vector<Update> run_domain_command(DomainState& state, const Command& command, bool commit);
QueryResult run_domain_query(const DomainState& state, const std::string& kind,
                             const nlohmann::json& args);

// Validated GeoJSON geometry of a closure (throws Rejected).
nlohmann::json read_closure_geometry(const nlohmann::json& value, std::string_view path);

// The dispatch side of the commands (no-ops without a dispatcher); updates are appended.
void dispatch_incident(DomainState& state, Incident& incident, std::vector<Update>& updates);
void dispatch_close(DomainState& state, const Incident& incident, std::vector<Update>& updates);
// Changes the team's status (team.status, checked against the lifecycle beforehand; `incident`
// only with dispatched) and, with roads, re-plans the incidents that relied on a team gone off
// duty. Returns the team's update first, then those of the re-plans.
std::vector<Update> change_team_status(DomainState& state, const std::string& team_id, TeamStatus to,
                                       std::optional<std::string> incident, int64_t at_ms);
// Why the duty officer's pre-emption (incident.preempt) cannot be done at at_ms, in words;
// nullopt when it can. `slot` as preempt_team (dispatch/dispatch_state.hpp) takes it.
std::optional<std::string> preemption_check(const DomainState& state, const std::string& incident_id,
                                            const std::string& team_id, std::optional<Capability> slot,
                                            int64_t at_ms);
// The pre-emption, checked beforehand: the team's update, then the plans and incidents of the
// incident that took it and of the one re-planned, then the teams that re-plan sent.
std::vector<Update> preempt(DomainState& state, const std::string& incident_id, const std::string& team_id,
                            std::optional<Capability> slot, int64_t at_ms);
// event.share, checked beforehand (open live incidents with plans in force, in the order that
// breaks severity ties): their stock and shelter places are released and shared again, most
// severe first (dispatch/event_plan.hpp); each plan, its incident and the shelters that changed
// are published.
std::vector<Update> share_event_stock(DomainState& state, const std::vector<std::string>& ids, int64_t at_ms);
// Refuses (bad_value at args.geometry) a closure the roads cannot use or that touches no road.
void check_closure(const DomainState& state, const Closure& closure);
void dispatch_closure_added(DomainState& state, const Closure& closure);
// An incident farther than this from every road of the served district is refused (a failed
// geocode at 0°, 0°, swapped lon/lat, another city): out_of_range naming the distance.
inline constexpr double kDistrictReachM = 50000;
// Refuses (out_of_range at `path`) a location farther than kDistrictReachM from every road;
// nothing without dispatch (no roads to measure from).
void check_in_district(const DomainState& state, LonLat where, const std::string& path);
void dispatch_closure_removed(DomainState& state, const std::string& id);
QueryResult run_dispatch_query(const DomainState& state, const std::string& kind, const nlohmann::json& args);
nlohmann::json live_shelter_json(const DomainState& state, const Shelter& s);

// The pluggable machine over a DomainState it owns; with roads, incidents are planned.
StateMachine make_domain_state_machine(Dataset data, std::shared_ptr<const RoadIndex> roads = nullptr);

}  // namespace erde::service
