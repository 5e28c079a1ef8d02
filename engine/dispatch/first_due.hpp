#pragma once
// First-due teams (辖区): whose responsibility area holds an incident, and what became of them
// in a plan, so the officer sees why a station was or was not sent into its own area.
#include <span>
#include <string>
#include <vector>

#include "dispatch/response_plan.hpp"
#include "dispatch/team_selection.hpp"
#include "dispatch/team_status.hpp"
#include "model/responsibility_area.hpp"

namespace erde {

// Per row of `teams`: the index of the first area (in `areas` order) of that team that holds
// `at`, or -1. Unreadable area geometry holds nothing (the loader rejects it).
std::vector<int> first_due_areas(std::span<const TeamNow> teams, std::span<const ResponsibilityArea> areas, LonLat at);

struct FirstDueTeam {
  std::string team_id;
  std::string team_name;
  std::string area_id;
  std::string area_name;
  bool sent = false;
  std::string note;  // when not sent: why, for the duty officer
};

// One entry per first-due team (by team id): whether the selection sent it and, if not, why.
std::vector<FirstDueTeam> first_due_report(std::span<const TeamNow> teams, std::span<const double> eta_s,
                                           std::span<const ResponsibilityArea> areas, const std::vector<int>& area_of,
                                           const ResponsePlan& response, const TeamSelection& selection);

}  // namespace erde
