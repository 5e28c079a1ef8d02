#pragma once
// Where a team is now when nobody has said: from its last fix (TeamNow.position, true at
// TeamNow.position_at) a driving team has gone as far along the quickest route of its profile,
// under the roads as they are, as the time since allows. The service plans a returning team from
// there; drills move their teams themselves (route/trip.hpp).
#include <cstdint>
#include <functional>
#include <string>
#include <optional>
#include <span>
#include <vector>

#include "dispatch/team_status.hpp"
#include "route/live_roads.hpp"

namespace erde {

// A dispatched team drives to `scene`, a returning one home to its base; once there it is at that
// place exactly. Any other team, one without a fix time, and one no road takes there stay at the
// fix; so does a team before its fix time.
LonLat estimated_position(const LiveRoads& roads, const TeamNow& team, std::optional<LonLat> scene, int64_t now_ms);

// Where a dispatched team's incident is; nullopt when unknown.
using SceneOfFn = std::function<std::optional<LonLat>(const std::string& incident)>;

// The team table as a plan at now_ms sees it: each returning team where it is estimated to be
// (re-tasked from there), and with `scene_of` each dispatched team on its way there (a plan that
// may pre-empt it times it from there); every other row as it is.
std::vector<TeamNow> teams_at(const LiveRoads& roads, std::span<const TeamNow> teams, int64_t now_ms,
                              const SceneOfFn& scene_of = {});

}  // namespace erde
