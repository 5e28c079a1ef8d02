// Scenario parsing: what is read, and errors that name the file, line and field.
#include <gtest/gtest.h>

#include "drill_fixture.hpp"
#include "util/error.hpp"

namespace erde::test {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ScenarioParse, ReadsEveryInjectKindAndSortsByOffset) {
  const Scenario s = parse(scenario_text(
      "  - {at: \"01:00\", kind: shelter_closed, shelter: HC-SH-01}\n"
      "  - {at: \"00:10\", kind: incident, type: 内涝, severity: 较大, location: {risk_point: HC-RP-002}, hidden: true}\n"
      "  - {at: 5, kind: road_closure, cause: 桥梁垮塌, location: [113.27, 23.11], radius_m: 40, reopen_at: \"02:00\"}\n"
      "  - {at: \"00:20:30\", kind: team_unavailable, team: HC-TM-03, until: \"03:00\"}\n"
      "  - {at: \"00:30\", kind: depot_stock_lost, depot: HC-DP-16, material: 沙包, quantity: 400}\n"
      "  - {at: \"00:40\", kind: sensor_alert, sensor: WL-1, location: {lon: 113.28, lat: 23.14}, level_m: 0.5, threshold_m: 0.3}\n"));
  ASSERT_EQ(s.injects.size(), 6u);
  EXPECT_EQ(s.injects[0].at_ms, 5 * 60'000);
  const auto& c = std::get<ClosureInject>(s.injects[0].body);
  EXPECT_EQ(c.cause, ClosureCause::bridge_collapse);
  EXPECT_EQ(c.radius_m, 40);
  EXPECT_EQ(*c.reopen_ms, 2 * 3'600'000);
  EXPECT_EQ(s.injects[1].at_ms, 10 * 60'000);
  EXPECT_TRUE(s.injects[1].hidden);
  const auto& i = std::get<IncidentInject>(s.injects[1].body);
  EXPECT_EQ(i.type, IncidentType::waterlogging);
  EXPECT_EQ(i.severity, Severity::large);
  EXPECT_EQ(i.place.by, DrillPlace::By::risk_point);
  EXPECT_EQ(i.place.name, "HC-RP-002");
  EXPECT_EQ(s.injects[2].at_ms, (20 * 60 + 30) * 1000);
  EXPECT_EQ(std::get<StockLostInject>(s.injects[3].body).material, Material::sandbag);
  EXPECT_EQ(*std::get<StockLostInject>(s.injects[3].body).quantity, 400);
  EXPECT_EQ(std::get<SensorAlertInject>(s.injects[4].body).radius_m, 150);  // default
  EXPECT_EQ(s.injects[5].at_ms, 3'600'000);
  EXPECT_EQ(s.on_scene_s[static_cast<size_t>(IncidentType::fire)], 30 * 60);
  EXPECT_EQ(s.on_scene_s[static_cast<size_t>(IncidentType::drowning)], 20 * 60);
  EXPECT_EQ(s.target_s[static_cast<size_t>(IncidentType::fire)], 10 * 60);
  EXPECT_EQ(s.data, kSource + "/geodata/demo/demo.gpkg");
}

TEST(ScenarioParse, BadSeverityNamesLineAndField) {
  // 6 header lines, "injects:" on line 7, the inject from line 8: severity is on line 11.
  const std::string text = scenario_text(
      "  - at: \"00:05\"\n"
      "    kind: incident\n"
      "    type: fire\n"
      "    severity: catastrophic\n"
      "    location: [113.27, 23.13]\n");
  const std::string e = error_of(text);
  EXPECT_NE(e.find("test.yaml:11: injects[0].severity: unknown severity 'catastrophic'"), std::string::npos) << e;
  EXPECT_NE(e.find("一般"), std::string::npos) << e;  // lists the allowed values
}

TEST(ScenarioParse, MissingFieldNamesTheInject) {
  const std::string e = error_of(scenario_text("  - {at: \"00:05\", kind: incident, type: fire, location: [113.27, 23.13]}\n"
                                               "  - {at: \"00:06\", kind: team_unavailable}\n"));
  EXPECT_NE(e.find("test.yaml:8: injects[0].severity: missing"), std::string::npos) << e;
}

TEST(ScenarioParse, ErrorsNameLineAndField) {
  struct Case {
    std::string injects, expected;
  };
  const std::vector<Case> cases = {
      {"  - {at: \"00:61\", kind: incident, type: fire, severity: general, location: [1, 2]}\n",
       "test.yaml:8: injects[0].at: '00:61' is not a valid HH:MM[:SS] offset"},
      {"  - {at: \"00:01\", kind: meteor, type: fire}\n", "test.yaml:8: injects[0].kind: unknown inject kind 'meteor'"},
      {"  - {at: \"00:01\", kind: incident, type: fire, severity: general, location: [1, 2], colour: red}\n",
       "test.yaml:8: injects[0].colour: unknown field"},
      {"  - {at: \"00:01\", kind: incident, type: fire, severity: general, location: [200, 2]}\n",
       "test.yaml:8: injects[0].location.lon: longitude outside -180..180"},
      {"  - {at: \"00:01\", kind: road_closure, location: [113, 23]}\n", "test.yaml:8: injects[0].radius_m: missing"},
      {"  - {at: \"00:01\", kind: road_closure, polygon: [[1, 2], [3, 4]]}\n",
       "test.yaml:8: injects[0].polygon: expected at least 3 [lon, lat] corners"},
      {"  - {at: \"00:10\", kind: road_closure, location: [113, 23], radius_m: 5, reopen_at: \"00:05\"}\n",
       "test.yaml:8: injects[0].reopen_at: must be after the closure's at"},
      {"  - {at: \"00:01\", kind: depot_stock_lost, depot: D, material: gold}\n",
       "test.yaml:8: injects[0].material: unknown material 'gold'"},
      {"  - {at: \"00:01\", kind: sensor_alert, sensor: S, location: [113, 23], level_m: high, threshold_m: 1}\n",
       "test.yaml:8: injects[0].level_m: 'high' is not a number"},
      {"  - {at: \"00:01\", kind: incident, type: fire, severity: general, location: [1, 2], hidden: maybe}\n",
       "test.yaml:8: injects[0].hidden: 'maybe' is not true or false"},
      {"  - {id: A, at: \"00:01\", kind: incident, type: fire, severity: general, location: [1, 2]}\n"
       "  - {id: A, at: \"00:02\", kind: incident, type: fire, severity: general, location: [1, 2]}\n",
       "test.yaml:9: injects[1].id: duplicate id 'A'"},
  };
  for (const Case& c : cases) {
    const std::string e = error_of(scenario_text(c.injects));
    EXPECT_NE(e.find(c.expected), std::string::npos) << "expected: " << c.expected << "\ngot: " << e;
  }
}

TEST(ScenarioParse, HeaderErrors) {
  EXPECT_NE(error_of("title: x\ninjects: []\n").find("test.yaml:1: (document).data: missing"), std::string::npos);
  EXPECT_NE(error_of(scenario_text("  []\n", "speed: -1\n")).find("test.yaml:7: speed: must not be negative"),
            std::string::npos);
  const std::string volcano = error_of("title: x\ndata: y\non_scene_minutes: {fire: 3, volcano: 2}\ninjects: []\n");
  EXPECT_NE(volcano.find("test.yaml:3: on_scene_minutes.volcano: unknown incident type 'volcano'"), std::string::npos)
      << volcano;
  const std::string syntax = error_of("title: x\ndata: y\ninjects: [\n  {at: 1\n");
  EXPECT_NE(syntax.find("test.yaml:"), std::string::npos) << syntax;
  EXPECT_NE(syntax.find("not valid YAML"), std::string::npos) << syntax;
}

// Found by fuzz_scenario: finite but huge numbers parsed, then overflowed: at: 1e300 became a
// negative offset (llround), turnout_minutes: 1e308 an infinite turnout, and the drill's clock
// sums and the speed's casts were undefined behaviour.
TEST(ScenarioParse, TimesAndSpeedOutOfRange) {
  auto with_at = [](const std::string& at) {
    return scenario_text("  - {at: " + at + ", kind: shelter_closed, shelter: S}\n");
  };
  EXPECT_NE(error_of(with_at("1e300")).find("test.yaml:8: injects[0].at: more than a year"), std::string::npos)
      << error_of(with_at("1e300"));
  EXPECT_NE(error_of(with_at("\"9000:00\"")).find("injects[0].at: '9000:00' is more than a year"), std::string::npos)
      << error_of(with_at("\"9000:00\""));
  EXPECT_EQ(error_of(with_at("525600")), "(no error)");
  EXPECT_NE(error_of(scenario_text("  - {at: 1, kind: team_unavailable, team: T, until: 1e300}\n"))
                .find("injects[0].until: more than a year"),
            std::string::npos);
  EXPECT_NE(error_of("title: x\ndata: y\nturnout_minutes: 1e308\ninjects: []\n").find("test.yaml:3: turnout_minutes: more than a year"),
            std::string::npos);
  EXPECT_NE(error_of("title: x\ndata: y\non_scene_minutes: {default: 1, fire: 1e300}\ninjects: []\n")
                .find("on_scene_minutes.fire: more than a year"),
            std::string::npos);
  EXPECT_NE(error_of("title: x\ndata: y\nresponse_target_minutes: 1e300\ninjects: []\n").find("more than a year"),
            std::string::npos);
  EXPECT_NE(error_of("title: x\ndata: y\nspeed: 1e300\ninjects: []\n").find("test.yaml:3: speed: must be 0"),
            std::string::npos);
  EXPECT_NE(error_of("title: x\ndata: y\nspeed: 1e-300\ninjects: []\n").find("speed: must be 0"), std::string::npos);
  EXPECT_EQ(error_of("title: x\ndata: y\nspeed: 0\ninjects: []\n"), "(no error)");
}

TEST(ScenarioParse, UnknownNamedPlaceFailsAtStartWithLine) {
  const Scenario s = parse(scenario_text(
      "  - at: \"00:05\"\n    kind: incident\n    type: fire\n    severity: general\n    location: {risk_point: 不存在}\n"));
  try {
    Drill d(s, demo().data, demo().roads, demo().book);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("test.yaml:12: location: no risk point with id or name '不存在'"), std::string::npos)
        << e.what();
  }
  const Scenario t = parse(scenario_text("  - {at: \"00:05\", kind: team_unavailable, team: HC-TM-99}\n"));
  EXPECT_THROW(Drill(t, demo().data, demo().roads, demo().book), Error);
}

}  // namespace
}  // namespace erde::test
