// Where a driving team is estimated to be (dispatch/team_position.hpp), against a plain Dijkstra
// route over the same live roads: on that route, as far along it as the time since its fix allows,
// and at the destination once the route's time has passed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "dispatch/road_times.hpp"
#include "dispatch/team_position.hpp"
#include "demo_district.hpp"
#include "fixtures.hpp"
#include "geo/local_projection.hpp"
#include "route/route.hpp"

namespace erde {
namespace {

using test::Demo;
using test::demo;

// Metres from p to the polyline, in the engine's local projection centred on p.
double metres_to_line(LonLat p, const std::vector<LonLat>& line) {
  const LocalProjection plane = local_projection(p);
  double best = 1e18;
  for (size_t k = 1; k < line.size(); ++k) {
    const XY a = project(plane, line[k - 1]), b = project(plane, line[k]);
    const double ax = a.x, ay = a.y, bx = b.x, by = b.y;
    const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0) : 0.0;
    best = std::min(best, std::hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

Route dijkstra(const LiveRoads& roads, size_t p, LonLat from, LonLat to) {
  return route(roads.network(p), roads.snap(p, from, reach::kStart), roads.snap(p, to, reach::kEnd));
}

TEST(TeamPosition, AReturningTeamIsAlongItsQuickestRouteHomeAsFarAsTheTimeAllows) {
  const Demo& d = demo();
  const std::vector<RiskPoint>& risks = d.data.risk_points;
  const int64_t fix_at = 1'000'000;
  size_t checked = 0;
  for (size_t i = 0; i < d.data.teams.size(); i += 3) {
    TeamNow row = team_table(std::span(&d.data.teams[i], 1))[0];
    row.team.status = TeamStatus::returning;
    row.position = risks[(i * 7 + 1) % risks.size()].location;
    row.position_at = fix_at;
    SCOPED_TRACE(row.team.id);
    const size_t p = d.roads->profile(team_profile(row.team));
    const Route home = dijkstra(*d.roads, p, row.position, row.team.base);
    if (!home.reachable || home.time_ms < 20'000) continue;
    ++checked;
    // Before and at its fix it is where it was seen; once the route's time is over, home.
    EXPECT_EQ(estimated_position(*d.roads, row, std::nullopt, fix_at - 5'000), row.position);
    EXPECT_EQ(estimated_position(*d.roads, row, std::nullopt, fix_at), row.position);
    const LonLat done = estimated_position(*d.roads, row, std::nullopt, fix_at + home.time_ms + 1);
    EXPECT_EQ(done, row.team.base);
    for (double share : {0.25, 0.5, 0.75}) {
      const int64_t gone = static_cast<int64_t>(share * home.time_ms);
      const LonLat at = estimated_position(*d.roads, row, std::nullopt, fix_at + gone);
      EXPECT_LE(metres_to_line(at, home.geometry), 0.5) << share;
      // From there home takes what is left of the route's time (to within the snapping).
      const Route rest = dijkstra(*d.roads, p, at, row.team.base);
      ASSERT_TRUE(rest.reachable);
      EXPECT_NEAR(static_cast<double>(rest.time_ms), static_cast<double>(home.time_ms - gone),
                  2000.0 + 0.02 * home.time_ms)
          << share;
    }
    // A dispatched team drives to the scene instead.
    TeamNow sent = row;
    sent.team.status = TeamStatus::dispatched;
    const LonLat scene = risks[(i * 11 + 4) % risks.size()].location;
    const Route to_scene = dijkstra(*d.roads, p, sent.position, scene);
    if (to_scene.reachable) {
      EXPECT_EQ(estimated_position(*d.roads, sent, scene, fix_at + to_scene.time_ms + 1), scene);
      EXPECT_LE(metres_to_line(estimated_position(*d.roads, sent, scene, fix_at + to_scene.time_ms / 2),
                               to_scene.geometry),
                0.5);
    }
    // Without a fix time, and for a team that does not drive, nothing moves.
    TeamNow unknown = row;
    unknown.position_at.reset();
    EXPECT_EQ(estimated_position(*d.roads, unknown, std::nullopt, fix_at + 60'000), row.position);
    TeamNow standing = row;
    standing.team.status = TeamStatus::on_scene;
    EXPECT_EQ(estimated_position(*d.roads, standing, scene, fix_at + 60'000), row.position);
  }
  EXPECT_GT(checked, 5u);
}

TEST(TeamPosition, APlanSeesOnlyReturningTeamsMoved) {
  const Demo& d = demo();
  std::vector<TeamNow> teams = team_table(d.data.teams);
  const LonLat far = d.data.risk_points.front().location;
  for (size_t i = 0; i < teams.size(); ++i) {
    teams[i].position = far;
    teams[i].position_at = 0;
    teams[i].team.status = i % 2 ? TeamStatus::returning : TeamStatus::dispatched;
  }
  const int64_t now = 90'000;
  const std::vector<TeamNow> seen = teams_at(*d.roads, teams, now);
  ASSERT_EQ(seen.size(), teams.size());
  size_t moved = 0;
  for (size_t i = 0; i < teams.size(); ++i) {
    if (i % 2 == 0) {
      EXPECT_EQ(seen[i].position, far);
      continue;
    }
    EXPECT_EQ(seen[i].position, estimated_position(*d.roads, teams[i], std::nullopt, now));
    if (!(seen[i].position == far)) ++moved;
  }
  EXPECT_GT(moved, teams.size() / 4);
}

}  // namespace
}  // namespace erde
