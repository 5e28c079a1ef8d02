#pragma once
// Concurrent incidents (a typhoon night with twenty waterlogging calls): one joint assignment of
// dispatchable teams to every incident's requirement slots, weighted by severity, against the
// one-by-one greedy a duty officer would do (worst first). Substitutes and first-due areas count
// as they do in a single plan (team_selection.hpp).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dispatch/team_selection.hpp"

namespace erde {

struct BatchIncident {
  std::string id;
  Severity severity = Severity::general;
  std::vector<TeamRequirement> requirements;
  std::vector<double> team_eta_s;  // per row of the team table given with it
  std::vector<TeamSubstitute> substitutes;  // the response plan's (empty: capabilities only)
  // Per row of the team table: the responsibility area holding the incident when the team is first
  // due there, else ""; empty when the plan has no first-due rule.
  std::vector<std::string> first_due_area;
  double faster_by_s = 0.0;  // the first-due rule's margin
};

struct BatchResult {
  std::vector<TeamSelection> selections;  // per incident, input order
  int missing_slots = 0;
  int64_t weighted_missing = 0;           // sum of severity weight per unfilled slot
  double weighted_eta_s = 0.0;            // sum of severity weight x ETA over assigned teams
};

// 一般 1, 较大 2, 重大 4, 特别重大 8.
int severity_weight(Severity s);

// Exact, lexicographically: fewest severity-weighted unfilled slots; then fewest weighted
// substitutes (a substitute of rank k counts k + 1); then least weighted total arrival, where a
// first-due team counts as arriving faster_by_s earlier than it does (arrival_key). A team serves
// at most one slot of one incident.
BatchResult assign_batch(std::span<const TeamNow> teams, std::span<const BatchIncident> incidents);

// One incident at a time, most severe first (then input order), each by select_teams() (with its
// substitutes and first-due rule) from the teams still free (on a copy of the table; `teams` is
// not changed).
BatchResult assign_greedy(std::span<const TeamNow> teams, std::span<const BatchIncident> incidents);

}  // namespace erde
