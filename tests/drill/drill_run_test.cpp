// The simulator: team timing against the route engine, rerouting, every inject kind's effect,
// determinism, and the shipped scenarios.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "drill/compare.hpp"
#include "drill_fixture.hpp"
#include "geo/geos_context.hpp"
#include "route/closures.hpp"
#include "route/route.hpp"
#include "route/snapped.hpp"

namespace erde::test {
namespace {

using json = nlohmann::json;

const Team& team_by_id(const std::string& id) {
  for (const Team& t : demo().data.teams)
    if (t.id == id) return t;
  throw std::runtime_error("no team " + id);
}

RoutePoint snap(LonLat p, size_t profile) {
  const RoadIndex& r = *demo().roads;
  return route_point(r.snap->snap(p, r.base_weights[profile], r.max_snap_m));
}

Route base_route(const Team& t, LonLat to) {
  const RoadIndex& r = *demo().roads;
  const size_t p = r.profile(team_profile(t));
  return route({r.graph, r.base_weights[p]}, snap(t.base, p), snap(to, p));
}

LonLat lon_lat(const json& a) { return {a[0].get<double>(), a[1].get<double>()}; }

std::string hms(int64_t ms) { return format_offset(ms); }

const std::string kFireFar =
    "  - {id: F1, at: \"00:00\", kind: incident, type: fire, severity: general, location: [113.3150, 23.1080]}\n";

TEST(DrillRun, TeamTimesFollowTheRouteEngine) {
  const DrillRunResult r = run(parse(scenario_text(
      kFireFar + "  - {id: W1, at: \"00:30\", kind: incident, type: waterlogging, severity: large, location: {risk_point: HC-RP-004}}\n")));
  size_t checked = 0;
  for (const char* id : {"F1", "W1"}) {
    const json& inc = incident(r.report, id);
    ASSERT_FALSE(inc["teams"].empty()) << id;
    const int64_t on_scene_ms = std::string(id) == "F1" ? 30 * 60'000 : 20 * 60'000;
    for (const json& v : inc["teams"]) {
      const Team& t = team_by_id(v["team_id"]);
      const Route expected = base_route(t, lon_lat(inc["location"]));
      ASSERT_TRUE(expected.reachable);
      EXPECT_EQ(v["dispatched_ms"].get<int64_t>(), inc["reported_ms"].get<int64_t>());
      EXPECT_EQ(v["departed_ms"].get<int64_t>(), v["dispatched_ms"].get<int64_t>() + 60'000);  // turnout 1 min
      EXPECT_EQ(v["arrived_ms"].get<int64_t>(), v["departed_ms"].get<int64_t>() + expected.time_ms) << t.id;
      EXPECT_EQ(v["cleared_ms"].get<int64_t>(), v["arrived_ms"].get<int64_t>() + on_scene_ms);
      const Route back = base_route(t, lon_lat(inc["location"]));  // same roads, reversed ends below
      const RoadIndex& roads = *demo().roads;
      const size_t p = roads.profile(team_profile(t));
      const Route home = route({roads.graph, roads.base_weights[p]}, snap(lon_lat(inc["location"]), p), snap(t.base, p));
      EXPECT_EQ(v["home_ms"].get<int64_t>(), v["cleared_ms"].get<int64_t>() + home.time_ms);
      EXPECT_NEAR(v["planned_eta_s"].get<double>() * 1000, back.time_ms, 50);  // the plan saw the same time (0.1 s)
      ++checked;
    }
    const int64_t first = inc["first_arrival_ms"].get<int64_t>();
    EXPECT_DOUBLE_EQ(inc["response_s"].get<double>(), static_cast<double>(first - inc["reported_ms"].get<int64_t>()) / 1000);
    EXPECT_EQ(inc["within_target"].get<bool>(), inc["response_s"].get<double>() <= 600);
  }
  EXPECT_GE(checked, 3u);
}

// Where a team is `elapsed_ms` after leaving on route r (weights w): walks the edge pieces.
RoutePoint position_on(const Route& r, std::span<const uint32_t> w, int64_t elapsed_ms) {
  const RoadGraph& g = demo().roads->graph;
  int64_t t = 0;
  for (size_t i = 0; i < r.edges.size(); ++i) {
    const double a = i == 0 ? r.first_from : 0.0, b = i + 1 == r.edges.size() ? r.last_to : 1.0;
    const uint32_t we = w[r.edges[i]];
    const int64_t piece = static_cast<int64_t>(edge_offset_ms(we, b)) - static_cast<int64_t>(edge_offset_ms(we, a));
    if (t + piece > elapsed_ms) {
      const double f = a + (b - a) * static_cast<double>(elapsed_ms - t) / static_cast<double>(piece);
      const EdgeId e = r.edges[i];
      return segment_point(g, g.segment[e], g.forward[e] ? f : 1 - f);
    }
    t += piece;
  }
  throw std::runtime_error("past the end of the route");
}

TEST(DrillRun, ClosureOnTheRouteReroutesFromWhereTheTeamIs) {
  const DrillRunResult before = run(parse(scenario_text(kFireFar)));
  const json& v0 = incident(before.report, "F1")["teams"][0];
  const Team& t = team_by_id(v0["team_id"]);
  const LonLat fire{113.3150, 23.1080};
  const Route r = base_route(t, fire);
  ASSERT_GT(r.time_ms, 150'000u) << "the test needs a long enough trip";
  // Close a small square around the route's shape point at 70 % of the way, a third into the trip.
  const LonLat c = r.geometry[r.geometry.size() * 7 / 10];
  const double d = 0.0002;
  char polygon[256];
  std::snprintf(polygon, sizeof polygon, "[[%.7f, %.7f], [%.7f, %.7f], [%.7f, %.7f], [%.7f, %.7f]]", c.lon - d, c.lat - d,
                c.lon + d, c.lat - d, c.lon + d, c.lat + d, c.lon - d, c.lat + d);
  const int64_t departed = v0["departed_ms"].get<int64_t>();
  const int64_t closed_at = (departed + r.time_ms / 3) / 1000 * 1000;
  const DrillRunResult after = run(parse(scenario_text(kFireFar + "  - {id: X, at: \"" + hms(closed_at) +
                                            "\", kind: road_closure, polygon: " + polygon + "}\n")));
  const auto rerouted = of_kind(after.events, "rerouted");
  ASSERT_EQ(rerouted.size(), 1u);
  EXPECT_EQ(rerouted[0].subject_id, t.id);
  EXPECT_EQ(rerouted[0].t_ms, closed_at);
  const json& v1 = incident(after.report, "F1")["teams"][0];
  ASSERT_EQ(v1["team_id"], t.id);
  EXPECT_EQ(v1["reroutes"], 1);
  const int64_t arrived = v1["arrived_ms"].get<int64_t>();
  EXPECT_GT(arrived, v0["arrived_ms"].get<int64_t>());

  // Independently: the position after (closed_at - departed) ms, and a fresh route from there
  // with the same square closed in our own Closures.
  const RoadIndex& roads = *demo().roads;
  const size_t p = roads.profile(team_profile(t));
  const RoutePoint here = position_on(r, roads.base_weights[p], closed_at - departed);
  Closures closures(roads.graph);
  for (size_t k = 0; k < roads.profiles.size(); ++k) closures.add_profile(roads.profiles[k].name, roads.base_weights[k]);
  GeosContext geos;
  char wkt[320];
  std::snprintf(wkt, sizeof wkt, "POLYGON((%.7f %.7f,%.7f %.7f,%.7f %.7f,%.7f %.7f,%.7f %.7f))", c.lon - d, c.lat - d,
                c.lon + d, c.lat - d, c.lon + d, c.lat + d, c.lon - d, c.lat + d, c.lon - d, c.lat - d);
  ASSERT_GT(closures.add(closed_area("X", Geometry{geos.to_wkb(geos.from_wkt(wkt).get())})), 0u);
  const Route fresh = route(closures.network(p), here, snap(fire, p));
  ASSERT_TRUE(fresh.reachable);
  EXPECT_NEAR(static_cast<double>(arrived), static_cast<double>(closed_at + fresh.time_ms), 2.0);
  EXPECT_NEAR(lon_lat(rerouted[0].data["at"]).lon, here.point.lon, 1e-9);
}

// A second fire where the first one was, a minute after a team cleared it: that team, on its way
// home, is the nearest and is re-tasked from where its trip has taken it, leaving at once (no
// turnout). Oracle: its position along its plain-Dijkstra route home and a fresh route from there.
TEST(DrillRun, AClearedTeamOnItsWayHomeIsReTaskedFromTheRoad) {
  const DrillRunResult first = run(parse(scenario_text(kFireFar)));
  const json& v0 = incident(first.report, "F1")["teams"][0];
  const Team& t = team_by_id(v0["team_id"]);
  const LonLat fire{113.3150, 23.1080};
  const int64_t cleared = v0["cleared_ms"].get<int64_t>();
  const int64_t called = (cleared + 61'000) / 1000 * 1000;
  ASSERT_LT(called, v0["home_ms"].get<int64_t>());
  const DrillRunResult r = run(parse(scenario_text(
      kFireFar + "  - {id: F2, at: \"" + hms(called) +
      "\", kind: incident, type: fire, severity: general, location: [113.3150, 23.1080]}\n")));

  const RoadIndex& roads = *demo().roads;
  const size_t p = roads.profile(team_profile(t));
  const Route home = route({roads.graph, roads.base_weights[p]}, snap(fire, p), snap(t.base, p));
  const RoutePoint here = position_on(home, roads.base_weights[p], called - cleared);
  const Route on = route({roads.graph, roads.base_weights[p]}, snap(here.point, p), snap(fire, p));
  ASSERT_TRUE(on.reachable);

  const json* visit = nullptr;
  for (const json& v : incident(r.report, "F2")["teams"]) {
    if (v["team_id"] == t.id) visit = &v;
    if (v["re_tasked"].get<bool>()) {  // only teams that served F1 can be on their way home
      bool served_f1 = false;
      for (const json& w : incident(r.report, "F1")["teams"]) served_f1 = served_f1 || w["team_id"] == v["team_id"];
      EXPECT_TRUE(served_f1) << v["team_id"];
    }
  }
  ASSERT_NE(visit, nullptr) << incident(r.report, "F2").dump();
  EXPECT_TRUE((*visit)["re_tasked"].get<bool>());
  EXPECT_EQ((*visit)["dispatched_ms"].get<int64_t>(), called);
  EXPECT_EQ((*visit)["departed_ms"].get<int64_t>(), called);
  EXPECT_NEAR(static_cast<double>((*visit)["arrived_ms"].get<int64_t>()), static_cast<double>(called + on.time_ms), 2.0);
  EXPECT_NEAR((*visit)["planned_eta_s"].get<double>() * 1000, on.time_ms, 50);
  // The dispatch event says which incident it was coming back from.
  bool said = false;
  for (const DrillEvent& e : of_kind(r.events, "dispatched"))
    if (e.subject_id == t.id && e.t_ms == called) said = e.data.value("re_tasked_from", json()) == "F1";
  EXPECT_TRUE(said);
}

TEST(DrillRun, TeamUnavailableIsNotSentAndComesBack) {
  const DrillRunResult normal = run(parse(scenario_text(kFireFar)));
  const std::string first = incident(normal.report, "F1")["teams"][0]["team_id"];
  const DrillRunResult lost = run(parse(scenario_text("  - {at: \"00:00\", kind: team_unavailable, team: " + first +
                                           ", until: \"00:30\"}\n" +
                                           "  - {id: F1, at: \"00:01\", kind: incident, type: fire, severity: general, "
                                           "location: [113.3150, 23.1080]}\n")));
  for (const json& v : incident(lost.report, "F1")["teams"]) EXPECT_NE(v["team_id"], first);
  EXPECT_FALSE(incident(lost.report, "F1")["teams"].empty());
  const auto back = of_kind(lost.events, "back_on_duty");
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].subject_id, first);
  EXPECT_EQ(back[0].t_ms, 30 * 60'000);
}

TEST(DrillRun, TeamLostOnTheWayIsReplaced) {
  const DrillRunResult normal = run(parse(scenario_text(kFireFar)));
  const json& v0 = incident(normal.report, "F1")["teams"][0];
  const int64_t mid = (v0["departed_ms"].get<int64_t>() + v0["arrived_ms"].get<int64_t>()) / 2 / 1000 * 1000;
  const DrillRunResult lost = run(parse(scenario_text(kFireFar + "  - {at: \"" + hms(mid) + "\", kind: team_unavailable, team: " +
                                           v0["team_id"].get<std::string>() + "}\n")));
  const json& teams = incident(lost.report, "F1")["teams"];
  ASSERT_EQ(teams.size(), 2u);
  EXPECT_EQ(teams[0]["outcome"], "withdrawn");
  EXPECT_TRUE(teams[0]["arrived_ms"].is_null());
  EXPECT_EQ(teams[1]["dispatched_ms"].get<int64_t>(), mid);
  EXPECT_EQ(teams[1]["outcome"], "cleared");
  EXPECT_EQ(of_kind(lost.events, "replanned").size(), 1u);
}

const std::string kFlood =
    "  - {id: W1, at: \"00:01\", kind: incident, type: waterlogging, severity: general, location: {risk_point: HC-RP-003}}\n";

TEST(DrillRun, DepotStockLostIsNotPicked) {
  const DrillRunResult normal = run(parse(scenario_text(kFlood)));
  std::string depot;
  for (const json& p : incident(normal.report, "W1")["plan"]["materials"])
    if (p["material"] == "sandbag") depot = p["depot_id"];
  ASSERT_FALSE(depot.empty()) << "the plan should take sandbags";
  double stock = 0;
  for (const Depot& d : demo().data.depots)
    if (d.id == depot)
      for (const StockItem& s : d.stock) stock += s.material == Material::sandbag ? s.quantity : 0;
  const DrillRunResult lost = run(parse(scenario_text("  - {at: \"00:00\", kind: depot_stock_lost, depot: " + depot +
                                           ", material: sandbag}\n" + kFlood)));
  const auto ev = of_kind(lost.events, "stock_lost");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_DOUBLE_EQ(ev[0].data["lost"].get<double>(), stock);
  EXPECT_DOUBLE_EQ(ev[0].data["free_now"].get<double>(), 0.0);
  for (const json& p : incident(lost.report, "W1")["plan"]["materials"])
    if (p["material"] == "sandbag") {
      EXPECT_NE(p["depot_id"], depot);
    }
}

const std::string kLeak =
    "  - {id: H1, at: \"00:01\", kind: incident, type: hazchem_leak, severity: large, location: {risk_point: HC-RP-012}}\n";

TEST(DrillRun, ClosedShelterTakesNobody) {
  const DrillRunResult normal = run(parse(scenario_text(kLeak)));
  ASSERT_FALSE(normal.report["shelters_used"].empty());
  const std::string used = normal.report["shelters_used"][0]["shelter_id"];
  const DrillRunResult closed = run(parse(scenario_text("  - {at: \"00:00\", kind: shelter_closed, shelter: " + used + "}\n" + kLeak)));
  EXPECT_FALSE(closed.report["shelters_used"].empty());
  for (const json& s : closed.report["shelters_used"]) EXPECT_NE(s["shelter_id"], used);
  // Everyone is still placed elsewhere or reported unplaced: the totals agree.
  const json& e0 = incident(normal.report, "H1")["plan"]["evacuation"];
  const json& e1 = incident(closed.report, "H1")["plan"]["evacuation"];
  EXPECT_EQ(e0["people"], e1["people"]);
  EXPECT_EQ(e1["placed"].get<int64_t>() + e1["unplaced"].get<int64_t>(), e1["people"].get<int64_t>());
}

TEST(DrillRun, SensorOverThresholdClosesRoadsBelowDoesNot) {
  auto sensor = [](double level) {
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "  - {at: \"00:00\", kind: sensor_alert, sensor: WL-1, location: {risk_point: HC-RP-002}, "
                  "level_m: %.2f, threshold_m: 0.30, radius_m: 150}\n",
                  level);
    return std::string(buf);
  };
  const DrillRunResult low = run(parse(scenario_text(sensor(0.25))));
  EXPECT_EQ(of_kind(low.events, "reading").size(), 1u);
  EXPECT_TRUE(of_kind(low.events, "closed").empty());
  const DrillRunResult high = run(parse(scenario_text(sensor(0.45) + sensor(0.60))));
  const auto closed = of_kind(high.events, "closed");
  ASSERT_EQ(closed.size(), 1u);  // the second reading keeps the one closure
  EXPECT_EQ(closed[0].subject_id, "sensor-WL-1");
  EXPECT_GT(closed[0].data["edges_closed"].get<size_t>(), 0u);
  EXPECT_EQ(closed[0].topic, "drill.drill.road");
}

TEST(DrillRun, ClosureReopens) {
  const DrillRunResult r = run(parse(scenario_text(
      "  - {id: C1, at: \"00:10\", kind: road_closure, cause: 内涝, location: {risk_point: HC-RP-003}, radius_m: 80, "
      "reopen_at: \"01:00\"}\n")));
  const auto closed = of_kind(r.events, "closed");
  const auto reopened = of_kind(r.events, "reopened");
  ASSERT_EQ(closed.size(), 1u);
  ASSERT_EQ(reopened.size(), 1u);
  EXPECT_EQ(closed[0].data["cause"], "waterlogging");
  EXPECT_EQ(closed[0].t_ms, 600'000);
  EXPECT_EQ(reopened[0].t_ms, 3'600'000);
}

TEST(DrillRun, HiddenInjectsStayOutOfTheBriefing) {
  const Scenario s = parse(scenario_text(
      "  - {id: A, at: \"00:01\", kind: incident, type: fire, severity: general, location: [113.30, 23.12]}\n"
      "  - {id: B, at: \"00:02\", kind: incident, type: fire, severity: general, location: [113.27, 23.14], hidden: true}\n"));
  Drill d(s, demo().data, demo().roads, demo().book, {"x1", {}});
  const auto brief = d.briefing();
  ASSERT_EQ(brief.size(), 1u);
  EXPECT_EQ(brief[0].subject_id, "A");
  EXPECT_EQ(brief[0].topic, "drill.x1.briefing");
  EXPECT_TRUE(d.advance_to(60'000 - 1).empty());  // nothing before the first inject
  const auto events = d.run_to_end();
  for (const DrillEvent& e : events) {
    EXPECT_EQ(e.topic.rfind("drill.x1.", 0), 0u) << e.topic;
    if (e.topic == "drill.x1.incident") {
      EXPECT_EQ(e.hidden, e.subject_id == "B") << e.kind;
    }
  }
}

std::string scenario_path(const std::string& name) { return kSource + "/scenarios/" + name; }

TEST(DrillRun, SameSeedSameReport) {
  const Scenario s = load_scenario(scenario_path("typhoon_night.yaml"));
  ASSERT_GT(s.on_scene_jitter, 0);  // the seed matters in this scenario
  const DrillRunResult a = run(s), b = run(s);
  EXPECT_EQ(a.report.dump(2), b.report.dump(2));
  ASSERT_EQ(a.events.size(), b.events.size());
  for (size_t k = 0; k < a.events.size(); ++k) EXPECT_EQ(a.events[k].data.dump(), b.events[k].data.dump());
  const DrillRunResult c = run(s, {"drill", uint64_t{12345}});
  EXPECT_NE(a.report.dump(), c.report.dump());
  EXPECT_EQ(c.report["seed"], 12345);
}

TEST(DrillRun, ShippedScenariosRun) {
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSource + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    ++count;
    SCOPED_TRACE(entry.path().string());
    const Scenario s = load_scenario(entry.path().string());
    const DrillRunResult r = run(s);
    size_t incidents = 0;
    for (const Inject& in : s.injects) incidents += std::holds_alternative<IncidentInject>(in.body);
    ASSERT_EQ(r.report["incidents"].size(), incidents);
    size_t within = 0;
    for (const json& i : r.report["incidents"]) {
      EXPECT_EQ(i["planned_ms"], i["reported_ms"]);
      EXPECT_FALSE(i["first_arrival_ms"].is_null()) << i["id"];
      EXPECT_FALSE(i["closed_ms"].is_null()) << i["id"];
      within += i["within_target"].get<bool>();
    }
    EXPECT_EQ(r.report["totals"]["within_target"], within);
    for (const json& t : r.report["teams"]) {
      EXPECT_GE(t["utilisation"].get<double>(), 0.0);
      EXPECT_LE(t["utilisation"].get<double>(), 1.0);
    }
  }
  EXPECT_GE(count, 4u);
}

TEST(DrillCompare, RowsComeFromBothReports) {
  const Scenario s = load_scenario(scenario_path("estate_collapse.yaml"));
  const DrillRunResult a = run(s);
  Scenario fewer = s;
  fewer.injects.erase(std::remove_if(fewer.injects.begin(), fewer.injects.end(),
                                     [](const Inject& in) { return std::holds_alternative<TeamUnavailableInject>(in.body); }),
                      fewer.injects.end());
  const DrillRunResult b = run(fewer);
  const auto rows = compare_reports(a.report, b.report, "a.json", "b.json");
  ASSERT_GE(rows.size(), 8u);
  EXPECT_EQ(rows[0].label, "incidents");
  EXPECT_EQ(rows[0].a.get<double>(), a.report["incidents"].size());
  EXPECT_DOUBLE_EQ(rows[1].b.get<double>(), b.report["totals"]["share_within_target"].get<double>() * 100);
  bool per_incident = false;
  for (const auto& row : rows)
    if (row.label == "BC-01 response (min)") {
      per_incident = true;
      EXPECT_DOUBLE_EQ(row.a.get<double>(), incident(a.report, "BC-01")["response_s"].get<double>() / 60);
    }
  EXPECT_TRUE(per_incident);
  EXPECT_THROW(compare_reports(json::object(), b.report, "x.json", "b.json"), Error);
  EXPECT_NE(comparison_text(a.report, b.report, "a.json", "b.json").find("within target (%)"), std::string::npos);
}

}  // namespace
}  // namespace erde::test
