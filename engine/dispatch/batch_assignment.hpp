#pragma once
// Concurrent incidents (a typhoon night with twenty waterlogging calls): one joint assignment of
// available teams to every incident's requirement slots, least total arrival time weighted by
// severity, against the one-by-one greedy a duty officer would do (worst first).
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
};

struct BatchResult {
  std::vector<TeamSelection> selections;  // per incident, input order
  int missing_slots = 0;
  int64_t weighted_missing = 0;           // sum of severity weight per unfilled slot
  double weighted_eta_s = 0.0;            // sum of severity weight x ETA over assigned teams
};

// 一般 1, 较大 2, 重大 4, 特别重大 8.
int severity_weight(Severity s);

// Exact: fewest severity-weighted unfilled slots, then least weighted total ETA (whole ms);
// remaining ties go to the lower team id. A team serves at most one slot of one incident.
BatchResult assign_batch(std::span<const TeamNow> teams, std::span<const BatchIncident> incidents);

// One incident at a time, most severe first (then input order), each by select_teams() from the
// teams still free (on a copy of the table; `teams` is not changed).
BatchResult assign_greedy(std::span<const TeamNow> teams, std::span<const BatchIncident> incidents);

}  // namespace erde
