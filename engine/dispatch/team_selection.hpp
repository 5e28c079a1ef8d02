#pragma once
// Which available teams to send: every required capability slot filled by a distinct team, the
// scene fully staffed as early as possible (the slowest needed team decides), then the least
// total arrival time. Slots no available, reachable team can fill are reported as shortfall.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dispatch/response_plan.hpp"
#include "dispatch/travel_time.hpp"
#include "model/geometry.hpp"
#include "dispatch/team_status.hpp"

namespace erde {

// How a slot was filled: by the team arriving soonest that fits (nearest), by a team whose
// responsibility area holds the incident (first_due), by a substitute, or by a team taken from a
// less severe incident on the duty officer's confirmation (preempted, dispatch/preemption.hpp).
enum class FilledBy { nearest, first_due, substitute, preempted };
std::string_view to_string(FilledBy how);

struct TeamAssignment {
  Capability capability = Capability::fire_fighting;  // the requirement slot this team fills
  std::string team_id;
  std::string team_name;
  double eta_s = 0.0;
  std::vector<LonLat> route;  // base to scene along the roads, when the plan was made on roads
  // Filled by a substitute (no team with the slot's capability was free and reachable): the
  // capability it was chosen for, and the plan's note on what it can do there.
  std::optional<Capability> substitute_by;
  std::string substitute_note;
  FilledBy filled_by = FilledBy::nearest;
  std::string first_due_area_id;  // with filled_by first_due: the area that holds the incident
  // Re-tasked: a team on its way home sent on from where it is now (its ETA and route start
  // there), and the incident it was returning from (empty when none is known).
  bool re_tasked = false;
  std::string re_tasked_from;
  std::string preempted_from;  // with filled_by preempted: the incident it was taken from
};

struct TeamShortfall {
  Capability capability = Capability::fire_fighting;
  int missing = 0;
  std::string reason;  // why no team could be found, for the duty officer
};

struct TeamSelection {
  std::vector<TeamAssignment> assigned;  // by capability, then ETA, then team id
  std::vector<TeamShortfall> shortfall;  // by capability
  double staffed_eta_s = 0.0;            // slowest assigned team (0 when none assigned)
  double total_eta_s = 0.0;
  bool complete() const { return shortfall.empty(); }
};

// Teams first due at the scene: team[i] != 0 for the rows of the team table whose responsibility
// area holds the incident (empty: none), and how much earlier another team must arrive to go
// before one of them.
struct FirstDuePreference {
  std::span<const uint8_t> team;
  double faster_by_s = 0.0;
};

// eta_s[i] is the travel time of teams[i] (a row of the team table) to the scene from where it
// is now (kNoRoute: cannot reach). Only dispatchable teams are considered: available ones, and
// returning ones, which are re-tasked from where they are. Exact, in this order: most
// slots filled by teams with the slot's capability; then most slots filled at all, by the
// substitutes (a team with a capability `substitutes` lists for the slot's); then substitutes
// as early in their slot's list as possible; then the least bottleneck (the slowest needed
// team); then the least total; remaining ties go to the lower team id. Without substitutes:
// most slots filled, least bottleneck, least total. In the bottleneck and the total a first-due
// team counts as arriving `faster_by_s` earlier than it does (and wins a tie), so another team
// takes its place only when it arrives more than `faster_by_s` sooner.
TeamSelection select_teams(std::span<const TeamNow> teams, std::span<const double> eta_s,
                           std::span<const TeamRequirement> requirements,
                           std::span<const TeamSubstitute> substitutes = {}, const FirstDuePreference& first_due = {});

// `row` sent to a slot of capability `cap`, arriving in eta_s: filled as nearest, and marked
// re-tasked when the team is on its way home.
TeamAssignment assignment_of(const TeamNow& row, Capability cap, double eta_s);

// Why slots of this capability stay empty, in words for the duty officer; with `substitutes`,
// naming those for the slot that were tried too.
std::string shortfall_reason(std::span<const TeamNow> teams, std::span<const double> eta_s, Capability cap);
std::string shortfall_reason(std::span<const TeamNow> teams, std::span<const double> eta_s, Capability cap,
                             std::span<const TeamSubstitute> substitutes);

// The selection in which slot r (capability slots[r]) gets row picks[r] of `teams` (-1: none),
// as select_teams reports one: a row without the slot's capability fills it as the first of the
// slot's substitutes it has, a first-due row is marked first_due, empty slots are the shortfall.
TeamSelection selection_from_picks(std::span<const TeamNow> teams, std::span<const double> eta_s,
                                   const std::vector<Capability>& slots, const std::vector<int>& picks,
                                   std::span<const TeamSubstitute> substitutes = {},
                                   const FirstDuePreference& first_due = {});

// Travel times are compared in whole milliseconds (exact integer optimisation).
int64_t to_millis(double seconds);

// What the optimisers compare for a team arriving in eta_s: twice its ETA in ms, and for a
// first-due team twice (ETA - faster_by_s) less one, so it wins ties (never below 0).
int64_t arrival_key(double eta_s, bool first_due, double faster_by_s);

// Rank of `team` among the substitutes for `slot` (0 = first choice, by the first of them it
// has); -1 when it is none of them.
int substitute_rank(std::span<const TeamSubstitute> subs, Capability slot, const Team& team);
// The substitute of that rank for `slot`; nullptr when there is none.
const TeamSubstitute* substitute_of(std::span<const TeamSubstitute> subs, Capability slot, int rank);

}  // namespace erde
