#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "dispatch/incident_plan.hpp"
#include "dispatch/plan_json.hpp"
#include "fixtures.hpp"

namespace erde {
namespace {

using test::area;
using test::depot;
using test::shelter;
using test::team;
using C = Capability;

RiskPoint risk(std::string id, RiskKind kind, RiskLevel level, LonLat at) {
  RiskPoint r;
  r.id = id;
  r.name = "risk " + id;
  r.kind = kind;
  r.level = level;
  r.location = at;
  return r;
}

// A hand-made district around an incident at (113.27, 23.13): community C1 = [113.26, 113.28] x
// [23.12, 23.14] with 20000 people, hazard zone = its east half.
struct Scene {
  GeosContext geos;
  std::vector<TeamNow> teams = test::table({team("F1", {C::fire_fighting}), team("F2", {C::fire_fighting}),
                                           team("H1", {C::hazmat}), team("M1", {C::medical})});
  std::vector<double> team_eta = {400, 300, 900, 600};
  std::vector<Depot> depots = {depot("DA", {{Material::absorbent, 300, "kg"}}),
                               depot("DB", {{Material::absorbent, 1000, "kg"}, {Material::protective_suit, 4, ""}})};
  std::vector<double> depot_eta = {500, 1500};
  std::vector<AdminArea> areas;
  std::vector<Shelter> shelters = {shelter("SH_in", 50000, {113.275, 23.13}), shelter("SH_a", 3000, {113.255, 23.13}),
                                   shelter("SH_b", 4000, {113.25, 23.15}), shelter("SH_c", 100000, {113.20, 23.13})};
  std::vector<RiskPoint> risks = {risk("R_blue", RiskKind::crowded_place, RiskLevel::blue, {113.271, 23.131}),
                                  risk("R_red", RiskKind::hazchem_enterprise, RiskLevel::red, {113.272, 23.13}),
                                  risk("R_far", RiskKind::petrol_station, RiskLevel::yellow, {113.40, 23.13}),
                                  risk("R_orange", RiskKind::lpg_station, RiskLevel::orange, {113.268, 23.129})};
  Incident incident;
  ResponsePlan response;
  Reservations ledger;

  Scene() {
    areas = {area(geos, "C1", AreaLevel::community, "S1", 20000, 113.26, 23.12, 113.28, 23.14),
             area(geos, "S1", AreaLevel::street, "", std::nullopt, 113.20, 23.10, 113.30, 23.16),
             area(geos, "C9", AreaLevel::community, "S9", 500, 113.50, 23.50, 113.51, 23.51)};
    incident.id = "INC-1";
    incident.type = IncidentType::hazchem_leak;
    incident.severity = Severity::large;
    incident.location = {113.27, 23.13};
    incident.hazard_zone.wkb = test::box_wkb(geos, 113.27, 23.12, 113.28, 23.14);
    response.type = incident.type;
    response.severity = incident.severity;
    response.teams = {{C::fire_fighting, 2}, {C::hazmat, 1}, {C::medical, 1}};
    response.materials = {{Material::protective_suit, 10}, {Material::absorbent, 500}};
    response.evacuation_radius_m = 500;
    response.warning_radius_m = 1000;
    // Another incident already holds 1000 places at SH_a.
    ledger.hold_places("OTHER", "SH_a", 1000);
  }

  PlanInputs inputs() const {
    PlanInputs in;
    in.teams = teams;
    in.team_eta_s = team_eta;
    in.depots = depots;
    in.depot_eta_s = depot_eta;
    in.areas = areas;
    in.shelters = shelters;
    in.risk_points = risks;
    in.walking_s = [](std::span<const LonLat> from, std::span<const LonLat> to) {
      TravelMatrix m = test::straight_walk(from, to);
      for (size_t j = 0; j < to.size(); ++j)
        if (to[j].lon < 113.21)  // SH_c is across a river with no footbridge
          for (size_t i = 0; i < from.size(); ++i) m.at(i, j) = kNoRoute;
      return m;
    };
    return in;
  }
};

TEST(IncidentPlan, EvacuatesIntoFreePlacesOnlyAndListsTheRest) {
  Scene s;
  IncidentPlan p = plan_incident(s.geos, s.incident, s.response, s.inputs(), s.ledger);
  ASSERT_TRUE(p.evacuation.has_value());
  const EvacuationPlan& e = *p.evacuation;
  EXPECT_EQ(e.people, 10000);
  // SH_in lies in the zone; SH_c is unreachable on foot; SH_a has 2000 free, SH_b 4000.
  EXPECT_EQ(e.shelters_in_zone, (std::vector<std::string>{"SH_in"}));
  EXPECT_EQ(e.placed, 6000);
  EXPECT_EQ(e.unplaced_total, 4000);
  ASSERT_EQ(e.unplaced.size(), 1u);
  EXPECT_EQ(e.unplaced[0].area_id, "C1");
  int64_t to_a = 0, to_b = 0;
  for (const auto& a : e.allocations) {
    if (a.shelter_id == "SH_a") to_a += a.people;
    if (a.shelter_id == "SH_b") to_b += a.people;
    EXPECT_NE(a.shelter_id, "SH_in");
    EXPECT_NE(a.shelter_id, "SH_c");
  }
  EXPECT_EQ(to_a, 2000);
  EXPECT_EQ(to_b, 4000);
  EXPECT_FALSE(p.complete());
}

TEST(IncidentPlan, TeamsMaterialsAndWarningsTogether) {
  Scene s;
  IncidentPlan p = plan_incident(s.geos, s.incident, s.response, s.inputs(), s.ledger);
  EXPECT_TRUE(p.teams.complete());
  EXPECT_EQ(p.teams.staffed_eta_s, 900);
  ASSERT_EQ(p.materials.shortfall.size(), 1u);
  EXPECT_EQ(p.materials.shortfall[0].material, Material::protective_suit);
  EXPECT_EQ(p.materials.shortfall[0].missing, 6);
  // Warnings: red before orange before blue; the far petrol station is outside.
  ASSERT_EQ(p.warnings.risk_points.size(), 3u);
  EXPECT_EQ(p.warnings.risk_points[0].id, "R_red");
  EXPECT_EQ(p.warnings.risk_points[1].id, "R_orange");
  EXPECT_EQ(p.warnings.risk_points[2].id, "R_blue");
  ASSERT_EQ(p.warnings.areas.size(), 2u);
  EXPECT_EQ(p.warnings.areas[0].id, "S1");
  EXPECT_EQ(p.warnings.areas[1].id, "C1");
  std::vector<std::string> warned;
  for (const auto& w : p.warnings.shelters) warned.push_back(w.id);
  // 1000 m around the incident: SH_in (500 m east) and SH_a (~1.5 km west: outside) -> only SH_in.
  EXPECT_EQ(warned, (std::vector<std::string>{"SH_in"}));
}

TEST(IncidentPlan, NoEvacuationWhenThePlanHasNone) {
  Scene s;
  s.incident.hazard_zone = {};
  s.response.evacuation_radius_m.reset();
  IncidentPlan p = plan_incident(s.geos, s.incident, s.response, s.inputs(), s.ledger);
  EXPECT_FALSE(p.evacuation.has_value());
  EXPECT_TRUE(p.evacuation_zone.empty());
  EXPECT_FALSE(p.warning_zone.empty());
  auto j = plan_to_json(s.geos, p);
  EXPECT_TRUE(j["evacuation"].is_null());
  EXPECT_EQ(j["warnings"]["zone"]["type"], "Polygon");
}

TEST(IncidentPlan, SameInputInAnyOrderGivesTheSameBytes) {
  Scene s;
  std::string first = plan_to_json(s.geos, plan_incident(s.geos, s.incident, s.response, s.inputs(), s.ledger)).dump();
  std::mt19937 rng(3);
  for (int round = 0; round < 5; ++round) {
    Scene t;
    // Shuffle every input list (keeping ETAs with their teams and depots).
    std::vector<size_t> ti(t.teams.size());
    std::iota(ti.begin(), ti.end(), 0);
    std::shuffle(ti.begin(), ti.end(), rng);
    std::vector<TeamNow> teams;
    std::vector<double> eta;
    for (size_t i : ti) {
      teams.push_back(t.teams[i]);
      eta.push_back(t.team_eta[i]);
    }
    t.teams = teams;
    t.team_eta = eta;
    std::reverse(t.depots.begin(), t.depots.end());
    std::reverse(t.depot_eta.begin(), t.depot_eta.end());
    std::shuffle(t.shelters.begin(), t.shelters.end(), rng);
    std::shuffle(t.risks.begin(), t.risks.end(), rng);
    std::shuffle(t.areas.begin(), t.areas.end(), rng);
    std::string again = plan_to_json(t.geos, plan_incident(t.geos, t.incident, t.response, t.inputs(), t.ledger)).dump();
    EXPECT_EQ(again, first) << "round " << round;
  }
}

TEST(IncidentPlan, JsonCarriesTheDocumentedFields) {
  Scene s;
  IncidentPlan p = plan_incident(s.geos, s.incident, s.response, s.inputs(), s.ledger);
  auto j = plan_to_json(s.geos, p);
  EXPECT_EQ(j["format"], "erde.plan/1");
  EXPECT_EQ(j["incident"]["type"]["en"], "hazchem_leak");
  EXPECT_EQ(j["incident"]["severity"]["zh"], "较大");
  EXPECT_EQ(j["incident"]["location"]["type"], "Point");
  EXPECT_EQ(j["incident"]["location"]["coordinates"][0], 113.27);
  EXPECT_EQ(j["teams"]["assigned"].size(), 4u);
  EXPECT_EQ(j["teams"]["assigned"][0]["team_id"], "F2");
  EXPECT_EQ(j["teams"]["staffed_eta_s"], 900.0);
  EXPECT_EQ(j["materials"]["shortfall"][0]["missing"], 6.0);
  EXPECT_EQ(j["materials"]["shortfall"][0]["unit"], "piece");
  EXPECT_EQ(j["evacuation"]["zone"]["type"], "Polygon");
  EXPECT_EQ(j["evacuation"]["people"], 10000);
  EXPECT_EQ(j["evacuation"]["unplaced_total"], 4000);
  EXPECT_EQ(j["warnings"]["risk_points"][0]["level"]["en"], "red");
  EXPECT_EQ(j["complete"], false);
  std::string text = plan_to_text(p);
  EXPECT_NE(text.find("SHORT 6 piece protective_suit (防护服)"), std::string::npos) << text;
  EXPECT_NE(text.find("UNPLACED 4000 people"), std::string::npos) << text;
  EXPECT_NE(text.find("scene fully staffed in 15.0 min"), std::string::npos) << text;
}

}  // namespace
}  // namespace erde
