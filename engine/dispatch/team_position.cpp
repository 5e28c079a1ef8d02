#include "dispatch/team_position.hpp"

#include "dispatch/road_times.hpp"
#include "route/trip.hpp"

namespace erde {

LonLat estimated_position(const LiveRoads& roads, const TeamNow& team, std::optional<LonLat> scene, int64_t now_ms) {
  const TeamStatus status = team.team.status;
  if (!team.position_at || now_ms <= *team.position_at) return team.position;
  LonLat to;
  if (status == TeamStatus::returning) to = team.team.base;
  else if (status == TeamStatus::dispatched && scene) to = *scene;
  else return team.position;
  const Trip trip = plan_trip(roads, roads.profile(team_profile(team.team)), team.position, to, *team.position_at);
  if (!trip.active) return team.position;
  if (now_ms >= trip.arrive_ms) return to;
  return trip_position(roads.graph(), trip, now_ms).point;
}

std::vector<TeamNow> teams_at(const LiveRoads& roads, std::span<const TeamNow> teams, int64_t now_ms,
                              const SceneOfFn& scene_of) {
  std::vector<TeamNow> out(teams.begin(), teams.end());
  for (TeamNow& t : out)
    if (t.team.status == TeamStatus::returning)
      t.position = estimated_position(roads, t, std::nullopt, now_ms);
    else if (t.team.status == TeamStatus::dispatched && scene_of)
      t.position = estimated_position(roads, t, scene_of(t.incident), now_ms);
  return out;
}

}  // namespace erde
