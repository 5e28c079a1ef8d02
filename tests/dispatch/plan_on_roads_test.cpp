// plan_on_roads searches only as far as the plan can use. Its plans must be exactly the plans
// made with every travel time over the whole network (the reference below: every team's, every
// depot's and every walking time, a separate route search per team), and its team and walking
// routes must run from the resource's road position to the scene / shelter.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>

#include "dispatch/plan_json.hpp"
#include "dispatch/plan_on_roads.hpp"
#include "fixtures.hpp"
#include "plan_every_time.hpp"
#include "demo_district.hpp"
#include "geo/load.hpp"
#include "geo/local_projection.hpp"
#include "graph/import.hpp"

namespace erde {
namespace {

using nlohmann::json;

const std::string kSource = ERDE_SOURCE_DIR;

json without_routes(json plan) {
  for (json& a : plan["teams"]["assigned"]) a.erase("route");
  if (!plan["evacuation"].is_null())
    for (json& a : plan["evacuation"]["allocations"]) {
      a.erase("route");
      a.erase("walk_m");
    }
  return plan;
}

// Equal plans apart from the routes; on a difference, the JSON patch from the reference.
void expect_same_plan(const json& plan, const json& reference) {
  const json a = without_routes(plan), b = without_routes(reference);
  EXPECT_TRUE(a == b) << json::diff(b, a).dump(1);
}

using test::Demo;
using test::demo;

// A busy night: every third team out, most of the stock of every other depot and the places of
// every fourth shelter held by other incidents, so plans split stock and skip teams and shelters.
Reservations busy(const Dataset& data, std::vector<TeamNow>& teams) {
  Reservations ledger;
  for (size_t i = 0; i < teams.size(); i += 3)
    if (teams[i].team.status == TeamStatus::available) change_status(teams[i], TeamStatus::dispatched, "OTHER");
  for (size_t d = 0; d < data.depots.size(); d += 2)
    for (const StockItem& s : data.depots[d].stock) ledger.hold_material("OTHER", data.depots[d].id, s.material, s.quantity * 0.8);
  for (size_t s = 0; s < data.shelters.size(); s += 4)
    ledger.hold_places("OTHER", data.shelters[s].id, data.shelters[s].capacity);
  return ledger;
}

// Team routes run from where the team is now (its row of `teams`).
void expect_routes_join_the_places(const IncidentPlan& plan, const Dataset& data, std::span<const TeamNow> teams,
                                   double snap_m) {
  for (const TeamAssignment& a : plan.teams.assigned) {
    SCOPED_TRACE(a.team_id);
    ASSERT_GE(a.route.size(), 2u);
    for (const TeamNow& t : teams)
      if (t.team.id == a.team_id) {
        EXPECT_LE(test::haversine_m(a.route.front(), t.position), snap_m);
      }
    EXPECT_LE(test::haversine_m(a.route.back(), plan.incident.location), snap_m);
  }
  if (!plan.evacuation) return;
  for (const ShelterAllocation& a : plan.evacuation->allocations) {
    SCOPED_TRACE(a.area_id + " -> " + a.shelter_id);
    ASSERT_GE(a.route.size(), 2u);
    for (const AreaExposure& e : plan.evacuation->population.areas)
      if (e.area_id == a.area_id && e.remainder == a.remainder) {
        EXPECT_LE(test::haversine_m(a.route.front(), e.gather_point), snap_m);
      }
    for (const Shelter& s : data.shelters)
      if (s.id == a.shelter_id) {
        EXPECT_LE(test::haversine_m(a.route.back(), s.location), snap_m);
      }
    double along = 0;
    for (size_t k = 1; k < a.route.size(); ++k) along += test::haversine_m(a.route[k - 1], a.route[k]);
    EXPECT_NEAR(a.walk_m, along, 0.001 * along + 0.5);
    // On foot at no more than 4.5 km/h.
    EXPECT_GE(a.walk_s + 0.01, a.walk_m / (4.5 / 3.6));
  }
}

void compare_on_demo(bool busy_night) {
  const Demo& d = demo();
  const Dataset& data = d.data;
  std::vector<TeamNow> teams = d.teams;
  const Reservations ledger = busy_night ? busy(data, teams) : Reservations{};
  size_t plans = 0, evacuations = 0, split = 0;
  for (const auto& entry : EnumTable<IncidentType>::entries)
    for (Severity severity : {Severity::general, Severity::large, Severity::major})
      for (size_t k = 0; k < 5; ++k) {
        const IncidentType type = entry.value;
        const RiskPoint& at = data.risk_points[(k * 29 + static_cast<size_t>(type) * 7) % data.risk_points.size()];
        const Incident incident{test::numbered("I", plans), type, severity, at.location, {}};
        SCOPED_TRACE(std::string(to_string(type)) + " " + std::string(to_string(severity)) + " at " + at.id);
        const IncidentPlan bounded = plan_on_roads(d.geos, incident, d.book, data, teams, *d.roads, ledger);
        const IncidentPlan reference =
            test::plan_every_time(d.geos, incident, d.book.at(type, severity), data, teams, *d.roads, ledger);
        expect_same_plan(plan_to_json(d.geos, bounded), plan_to_json(d.geos, reference));
        expect_routes_join_the_places(bounded, data, teams, d.roads->max_snap_m());
        // A request for mutual aid exactly when something is unmet.
        EXPECT_EQ(bounded.complete(), bounded.mutual_aid.empty());
        ++plans;
        if (bounded.evacuation && !bounded.evacuation->allocations.empty()) ++evacuations;
        if (bounded.materials.picks.size() > bounded.response.materials.size()) ++split;
      }
  // The comparison covered plans that evacuate and plans that split stock across depots.
  EXPECT_GT(evacuations, 20u);
  if (busy_night) {
    EXPECT_GT(split, 5u);
  }
}

TEST(PlanOnRoads, SamePlanAsWithEveryTravelTimeOnTheDemoDistrict) { compare_on_demo(false); }
TEST(PlanOnRoads, SamePlanAsWithEveryTravelTimeOnABusyNight) { compare_on_demo(true); }

// Waves of road closures near the scenes (floods 150-500 m across, up to four standing at once,
// lifted in random order): every plan made through the re-customised index and re-prepared
// places equals the plan made by plain Dijkstra over the same closed roads, and once every
// closure is lifted each plan is again exactly what it was before the first, routes included.
TEST(PlanOnRoads, SamePlanAsWithEveryTravelTimeThroughWavesOfClosures) {
  const Demo& d = demo();
  const Dataset& data = d.data;
  std::vector<TeamNow> teams = d.teams;
  const Reservations ledger = busy(data, teams);
  LiveRoads roads(d.index);
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> offset(-0.006, 0.006), radius(150, 500);
  std::vector<Incident> incidents;
  std::vector<json> open_plans;  // each incident's plan with no closure, routes included
  for (const auto& entry : EnumTable<IncidentType>::entries)
    for (Severity severity : {Severity::general, Severity::major}) {
      const RiskPoint& at = data.risk_points[(incidents.size() * 17 + 3) % data.risk_points.size()];
      incidents.push_back({test::numbered("I", incidents.size()), entry.value, severity, at.location, {}});
      open_plans.push_back(plan_to_json(d.geos, plan_on_roads(d.geos, incidents.back(), d.book, data, teams, roads, ledger)));
    }
  std::vector<std::string> standing;
  size_t closures = 0, refused = 0, compared = 0, moved = 0;
  for (int wave = 0; wave < 12; ++wave) {
    const Incident& near = incidents[rng() % incidents.size()];
    const std::string id = "flood-" + std::to_string(wave);
    try {
      const LonLat c{near.location.lon + offset(rng), near.location.lat + offset(rng)};
      roads.close(closed_area(id, circle_polygon(c, radius(rng))));
      standing.push_back(id);
      ++closures;
    } catch (const Error&) {  // on no road: refused, nothing changed
      ++refused;
    }
    if (standing.size() > 3 || (wave % 4 == 3 && !standing.empty())) {
      const size_t k = rng() % standing.size();
      ASSERT_TRUE(roads.reopen(standing[k]));
      standing.erase(standing.begin() + static_cast<std::ptrdiff_t>(k));
    }
    for (size_t i = 0; i < incidents.size(); ++i) {
      SCOPED_TRACE("wave " + std::to_string(wave) + ", " + incidents[i].id);
      const IncidentPlan bounded = plan_on_roads(d.geos, incidents[i], d.book, data, teams, roads, ledger);
      const IncidentPlan reference = test::plan_every_time(
          d.geos, incidents[i], d.book.at(incidents[i].type, incidents[i].severity), data, teams, roads, ledger);
      const json plan = plan_to_json(d.geos, bounded);
      expect_same_plan(plan, plan_to_json(d.geos, reference));
      ++compared;
      if (without_routes(plan) != without_routes(open_plans[i])) ++moved;
    }
  }
  for (const std::string& id : standing) ASSERT_TRUE(roads.reopen(id));
  for (size_t i = 0; i < incidents.size(); ++i) {
    SCOPED_TRACE(incidents[i].id + " after every closure was lifted");
    EXPECT_EQ(plan_to_json(d.geos, plan_on_roads(d.geos, incidents[i], d.book, data, teams, roads, ledger)),
              open_plans[i]);
  }
  // The closures were real ones and changed plans: times, choices or both.
  EXPECT_GE(closures, 8u);
  EXPECT_GT(moved, compared / 10);
  std::printf("[ closures ] %zu closures (%zu refused: no road), %zu plans compared, %zu changed by them\n", closures,
              refused, compared, moved);
}

// Heidelberg (one-way streets, hazmat no-go rules): teams and depots at random points, some
// teams out and some stock held; every incident type at random places.
TEST(PlanOnRoads, SamePlanAsWithEveryTravelTimeOnHeidelberg) {
  const std::string pbf = std::string(ERDE_SHARED_GEODATA) + "/heidelberg.osm.pbf";
  if (!std::filesystem::exists(pbf)) GTEST_SKIP() << pbf << " not found";
  const GeosContext geos;
  const auto roads = std::make_unique<LiveRoads>(
      make_dispatch_index(import_osm_pbf(pbf), load_profiles(kSource + "/geodata/profiles.json"), 500));
  const ResponsePlanBook book = load_response_plans(kSource + "/geodata/response_plans.json");
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> lon(8.64, 8.72), lat(49.38, 49.42);
  Dataset data;
  const auto& caps = EnumTable<Capability>::entries;
  for (size_t i = 0; i < 40; ++i) {
    Team t = test::team(test::numbered("T", 100 + i), {caps[i % caps.size()].value, caps[(i * 7 + 3) % caps.size()].value});
    t.kind = i % 4 == 0 ? TeamKind::fire_rescue : TeamKind::professional;
    t.base = {lon(rng), lat(rng)};
    if (i % 5 == 0) t.status = TeamStatus::on_scene;
    data.teams.push_back(t);
  }
  const std::vector<TeamNow> teams = team_table(data.teams);
  Reservations ledger;
  for (size_t d = 0; d < 20; ++d) {
    std::vector<StockItem> stock;
    for (const auto& m : EnumTable<Material>::entries)
      stock.push_back({m.value, static_cast<double>(50 + 37 * ((d * 13 + static_cast<size_t>(m.value)) % 11)),
                       std::string(default_unit(m.value))});
    data.depots.push_back(test::depot(test::numbered("D", 100 + d), stock));
    data.depots.back().location = {lon(rng), lat(rng)};
    if (d % 3 == 0) ledger.hold_material("OTHER", data.depots.back().id, Material::sandbag, 100);
  }
  size_t plans = 0, split = 0, changed = 0;
  for (const auto& entry : EnumTable<IncidentType>::entries)
    for (Severity severity : {Severity::general, Severity::large, Severity::major})
      for (int k = 0; k < 3; ++k) {
        const Incident incident{test::numbered("I", plans++), entry.value, severity, {lon(rng), lat(rng)}, {}};
        SCOPED_TRACE(incident.id);
        const IncidentPlan bounded = plan_on_roads(geos, incident, book, data, teams, *roads, ledger);
        const IncidentPlan reference =
            test::plan_every_time(geos, incident, book.at(entry.value, severity), data, teams, *roads, ledger);
        expect_same_plan(plan_to_json(geos, bounded), plan_to_json(geos, reference));
        expect_routes_join_the_places(bounded, data, teams, roads->max_snap_m());
        // Every team time that reach-aware snapping changed against the old cut to the largest
        // strongly connected component: the base or the scene lies on a road where trips may
        // only start or only end, which the cut had moved onto another road.
        const std::vector<double> now = test::dijkstra_team_times(*roads, teams, incident.location);
        const std::vector<double> cut = test::dijkstra_team_times(*roads, teams, incident.location, false);
        for (size_t i = 0; i < data.teams.size(); ++i) {
          if (now[i] == cut[i]) continue;
          ++changed;
          const size_t p = roads->profile(team_profile(data.teams[i]));
          const bool base_moved = roads->snap(p, data.teams[i].base, reach::kStart).segment !=
                                  roads->snap(p, data.teams[i].base).segment;
          const bool scene_moved = roads->snap(p, incident.location, reach::kEnd).segment !=
                                   roads->snap(p, incident.location).segment;
          EXPECT_TRUE(base_moved || scene_moved) << data.teams[i].id;
        }
        if (bounded.materials.picks.size() > bounded.response.materials.size()) ++split;
      }
  EXPECT_GT(split, 3u);
  std::printf("[ heidelberg ] %zu team times changed by reach-aware snapping, each explained\n", changed);
}

// The team table, not the data set, says where a team is: teams moved away from their bases (as
// team.position reports move them) get their times, plans and routes from where they are now;
// where a busy team is changes nothing. Oracle: plain Dijkstra from the new places
// (plan_every_time.hpp).
TEST(PlanOnRoads, TeamsStartWhereTheTableSaysTheyAre) {
  const Demo& d = demo();
  const std::vector<RiskPoint>& risks = d.data.risk_points;
  std::vector<TeamNow> teams = d.teams;
  for (size_t i = 0; i < teams.size(); i += 2) teams[i].position = risks[(i * 13 + 1) % risks.size()].location;
  for (size_t i = 0; i < teams.size(); i += 6)  // moved and busy
    if (teams[i].team.status == TeamStatus::available) change_status(teams[i], TeamStatus::dispatched, "OTHER");
  const IncidentType types[] = {IncidentType::fire, IncidentType::waterlogging, IncidentType::building_collapse,
                                IncidentType::hazchem_leak};
  size_t times_moved = 0, moved_sent = 0;
  for (size_t k = 0; k < 16; ++k) {
    const IncidentType type = types[k % 4];
    const Incident incident{test::numbered("M", k), type, Severity::large, risks[(k * 31 + 5) % risks.size()].location,
                            {}};
    SCOPED_TRACE(incident.id);
    const std::vector<double> now = team_times_now(*d.roads, teams, incident.location);
    const std::vector<double> oracle = test::dijkstra_team_times(*d.roads, teams, incident.location);
    const std::vector<double> from_base = test::dijkstra_team_times(*d.roads, d.teams, incident.location);
    ASSERT_EQ(now.size(), teams.size());
    for (size_t i = 0; i < teams.size(); ++i) {
      EXPECT_EQ(now[i], oracle[i]) << teams[i].team.id;
      if (oracle[i] != from_base[i]) ++times_moved;
    }
    const IncidentPlan plan = plan_on_roads(d.geos, incident, d.book, d.data, teams, *d.roads, Reservations{});
    const IncidentPlan reference =
        test::plan_every_time(d.geos, incident, d.book.at(type, Severity::large), d.data, teams, *d.roads, Reservations{});
    expect_same_plan(plan_to_json(d.geos, plan), plan_to_json(d.geos, reference));
    expect_routes_join_the_places(plan, d.data, teams, d.roads->max_snap_m());
    for (const TeamAssignment& a : plan.teams.assigned)
      for (size_t i = 0; i < teams.size(); ++i)
        if (teams[i].team.id == a.team_id && i % 2 == 0) {
          EXPECT_EQ(teams[i].team.status, TeamStatus::available);
          ++moved_sent;
          EXPECT_EQ(a.eta_s, oracle[i]) << a.team_id;
          const std::vector<LonLat> route = team_route_now(*d.roads, teams[i], incident.location);
          ASSERT_FALSE(route.empty() || a.route.empty());
          EXPECT_EQ(route.front().lon, a.route.front().lon);
          EXPECT_EQ(route.front().lat, a.route.front().lat);
        }
  }
  EXPECT_GT(times_moved, 20u);  // the moves do change times
  EXPECT_GT(moved_sent, 5u);    // and moved teams are sent
}

// Teams driving home (returning, somewhere on the way) are dispatchable from where they are:
// their times, plans and routes start there, and the plan says they are re-tasked and from which
// incident. Oracle: plain Dijkstra from those places (plan_every_time.hpp).
TEST(PlanOnRoads, ReturningTeamsAreReTaskedFromWhereTheyAre) {
  const Demo& d = demo();
  const std::vector<RiskPoint>& risks = d.data.risk_points;
  std::vector<TeamNow> teams = d.teams;
  std::vector<uint8_t> on_the_way(teams.size(), 0);
  for (size_t i = 0; i < teams.size(); i += 2) {
    if (teams[i].team.status != TeamStatus::available) continue;
    change_status(teams[i], TeamStatus::dispatched, "EARLIER");
    change_status(teams[i], TeamStatus::on_scene);
    change_status(teams[i], TeamStatus::returning);
    teams[i].position = risks[(i * 17 + 3) % risks.size()].location;
    on_the_way[i] = 1;
  }
  const IncidentType types[] = {IncidentType::fire, IncidentType::waterlogging, IncidentType::building_collapse,
                                IncidentType::hazchem_leak};
  size_t re_tasked = 0;
  for (size_t k = 0; k < 16; ++k) {
    const IncidentType type = types[k % 4];
    const Incident incident{test::numbered("R", k), type, Severity::large, risks[(k * 37 + 2) % risks.size()].location,
                            {}};
    SCOPED_TRACE(incident.id);
    const std::vector<double> oracle = test::dijkstra_team_times(*d.roads, teams, incident.location);
    const IncidentPlan plan = plan_on_roads(d.geos, incident, d.book, d.data, teams, *d.roads, Reservations{});
    const IncidentPlan reference =
        test::plan_every_time(d.geos, incident, d.book.at(type, Severity::large), d.data, teams, *d.roads, Reservations{});
    expect_same_plan(plan_to_json(d.geos, plan), plan_to_json(d.geos, reference));
    expect_routes_join_the_places(plan, d.data, teams, d.roads->max_snap_m());
    const json js = plan_to_json(d.geos, plan);
    for (size_t n = 0; n < plan.teams.assigned.size(); ++n) {
      const TeamAssignment& a = plan.teams.assigned[n];
      const size_t i = static_cast<size_t>(std::find_if(teams.begin(), teams.end(), [&](const TeamNow& t) {
                                             return t.team.id == a.team_id;
                                           }) - teams.begin());
      ASSERT_LT(i, teams.size());
      EXPECT_EQ(a.re_tasked, on_the_way[i] == 1) << a.team_id;
      EXPECT_EQ(js["teams"]["assigned"][n]["re_tasked"], a.re_tasked);
      if (!a.re_tasked) continue;
      ++re_tasked;
      EXPECT_EQ(a.re_tasked_from, "EARLIER");
      EXPECT_EQ(js["teams"]["assigned"][n]["re_tasked_from"], "EARLIER");
      EXPECT_EQ(a.eta_s, oracle[i]) << a.team_id;
    }
  }
  EXPECT_GT(re_tasked, 5u);  // the test did send teams on from the road
}

// A major incident on a night when every team is out on general or large incidents: the plan
// proposes the dispatched teams of the general ones it may take (the response plans), timed from
// where they are. Oracle: the plan made with plain-Dijkstra times for every row, and the proposals
// brute-forced from those times.
TEST(PlanOnRoads, AMajorIncidentShortOfTeamsProposesTeamsOfGeneralIncidentsFromWhereTheyAre) {
  const Demo& d = demo();
  const std::vector<RiskPoint>& risks = d.data.risk_points;
  std::vector<TeamNow> teams = d.teams;
  const std::vector<IncidentInForce> in_force = {{"G1", Severity::general}, {"G2", Severity::general},
                                                 {"L1", Severity::large}};
  for (size_t i = 0; i < teams.size(); ++i) {
    if (teams[i].team.status != TeamStatus::available) continue;
    change_status(teams[i], TeamStatus::dispatched, in_force[i % 3].id);
    teams[i].position = risks[(i * 13 + 5) % risks.size()].location;  // somewhere on its way
  }
  size_t proposed = 0;
  for (const IncidentType type : {IncidentType::fire, IncidentType::building_collapse, IncidentType::traffic_accident}) {
    const Incident incident{"M", type, Severity::major, risks[(static_cast<size_t>(type) * 41 + 7) % risks.size()].location, {}};
    SCOPED_TRACE(std::string(to_string(type)));
    const ResponsePlan& response = d.book.at(type, Severity::major);
    const IncidentPlan plan = plan_on_roads(d.geos, incident, d.book, d.data, teams, *d.roads, Reservations{}, in_force);
    const IncidentPlan reference =
        test::plan_every_time(d.geos, incident, response, d.data, teams, *d.roads, Reservations{}, in_force);
    expect_same_plan(plan_to_json(d.geos, plan), plan_to_json(d.geos, reference));
    EXPECT_TRUE(plan.teams.assigned.empty());  // nobody is free

    const std::vector<double> oracle = test::dijkstra_team_times(*d.roads, teams, incident.location);
    for (const TeamShortfall& gap : plan.teams.shortfall) {
      struct Want {
        bool substitute;
        double eta;
        std::string id;
        std::string from;
        auto operator<=>(const Want&) const = default;
      };
      std::vector<Want> want;
      for (size_t i = 0; i < teams.size(); ++i) {
        const TeamNow& t = teams[i];
        if (t.team.status != TeamStatus::dispatched || t.incident == "L1" || !reachable(oracle[i])) continue;
        const bool own = t.team.has(gap.capability);
        const bool sub = std::any_of(response.substitutes.begin(), response.substitutes.end(), [&](const TeamSubstitute& s) {
          return s.slot == gap.capability && t.team.has(s.by);
        });
        if (own || sub) want.push_back({!own, oracle[i], t.team.id, t.incident});
      }
      std::sort(want.begin(), want.end());
      if (want.size() > kPreemptionOptionsPerSlot) want.resize(kPreemptionOptionsPerSlot);
      std::vector<Want> got;
      for (const PreemptionOption& o : plan.preemption)
        if (o.capability == gap.capability) got.push_back({o.substitute_by.has_value(), o.eta_s, o.team_id, o.from_incident});
      EXPECT_TRUE(got == want) << to_string(gap.capability);
      proposed += got.size();
    }
    // Without the right to take, nothing is proposed.
    const std::vector<IncidentInForce> only_large = {{"L1", Severity::large}};
    EXPECT_TRUE(plan_on_roads(d.geos, incident, d.book, d.data, teams, *d.roads, Reservations{}, only_large).preemption.empty());
  }
  EXPECT_GT(proposed, 8u);
}

TEST(PlanOnRoads, JsonCarriesTheWalkingRoutes) {
  const Demo& d = demo();
  const Incident incident{"GAS", IncidentType::gas_explosion, Severity::large, d.data.risk_points[3].location, {}};
  const IncidentPlan plan = plan_on_roads(d.geos, incident, d.book, d.data, d.teams, *d.roads, Reservations{});
  ASSERT_TRUE(plan.evacuation);
  ASSERT_FALSE(plan.evacuation->allocations.empty());
  const json j = plan_to_json(d.geos, plan);
  const json& allocations = j["evacuation"]["allocations"];
  ASSERT_EQ(allocations.size(), plan.evacuation->allocations.size());
  for (size_t k = 0; k < allocations.size(); ++k) {
    const ShelterAllocation& a = plan.evacuation->allocations[k];
    EXPECT_EQ(allocations[k]["route"]["type"], "LineString");
    EXPECT_EQ(allocations[k]["route"]["coordinates"].size(), a.route.size());
    EXPECT_NEAR(allocations[k]["route"]["coordinates"][0][0].get<double>(), a.route.front().lon, 0.6e-7);  // written to 1e-7 degree
    EXPECT_NEAR(allocations[k]["route"]["coordinates"][0][1].get<double>(), a.route.front().lat, 0.6e-7);
    EXPECT_EQ(allocations[k]["walk_m"].get<double>(), a.walk_m);
  }
}

// Numbers within the plan's 1e-7 degree, everything else equal.
void expect_same_geojson(const json& ours, const json& oracle, const std::string& where) {
  if (oracle.is_number()) {
    ASSERT_TRUE(ours.is_number()) << where;
    EXPECT_NEAR(ours.get<double>(), oracle.get<double>(), 0.6e-7) << where;
    return;
  }
  ASSERT_EQ(ours.type(), oracle.type()) << where << ": " << ours.dump().substr(0, 80);
  ASSERT_EQ(ours.size(), oracle.size()) << where;
  if (oracle.is_array())
    for (size_t k = 0; k < oracle.size(); ++k) expect_same_geojson(ours[k], oracle[k], where + "/" + std::to_string(k));
  else if (oracle.is_object())
    for (const auto& [key, value] : oracle.items()) {
      ASSERT_TRUE(ours.contains(key)) << where << "/" << key;
      expect_same_geojson(ours[key], value, where + "/" + key);
    }
  else
    EXPECT_EQ(ours, oracle) << where;
}

json geos_geojson(const GeosContext& geos, const Geometry& g) {
  auto geom = geos.from_wkb(g.wkb);
  GEOSGeoJSONWriter* writer = GEOSGeoJSONWriter_create_r(geos.handle());
  char* text = GEOSGeoJSONWriter_writeGeometry_r(geos.handle(), writer, geom.get(), -1);
  GEOSGeoJSONWriter_destroy_r(geos.handle(), writer);
  json out = json::parse(text);
  GEOSFree_r(geos.handle(), text);
  return out;
}

TEST(PlanOnRoads, JsonZonesAreGeosOwnGeoJson) {
  const Demo& d = demo();
  const GeosContext& geos = d.geos;
  const Incident leak{"LEAK", IncidentType::hazchem_leak, Severity::major, d.data.risk_points[3].location, {}};
  const IncidentPlan plan = plan_on_roads(geos, leak, d.book, d.data, d.teams, *d.roads, Reservations{});
  ASSERT_FALSE(plan.evacuation_zone.empty());
  ASSERT_FALSE(plan.warning_zone.empty());
  const json j = plan_to_json(geos, plan);
  expect_same_geojson(j["evacuation"]["zone"], geos_geojson(geos, plan.evacuation_zone), "evacuation");
  expect_same_geojson(j["warnings"]["zone"], geos_geojson(geos, plan.warning_zone), "warnings");
  // A given hazard zone with a hole, as a multipolygon.
  Incident flood{"FLOOD", IncidentType::waterlogging, Severity::large, d.data.risk_points[5].location, {}};
  const LonLat c = flood.location;
  char wkt[512];
  std::snprintf(wkt, sizeof wkt,
                "MULTIPOLYGON(((%.7f %.7f,%.7f %.7f,%.7f %.7f,%.7f %.7f,%.7f %.7f),(%.7f %.7f,%.7f %.7f,%.7f %.7f,%.7f %.7f)))",
                c.lon - 0.004, c.lat - 0.003, c.lon + 0.004, c.lat - 0.003, c.lon + 0.004, c.lat + 0.003,
                c.lon - 0.004, c.lat + 0.003, c.lon - 0.004, c.lat - 0.003, c.lon + 0.001, c.lat + 0.001,
                c.lon + 0.002, c.lat + 0.001, c.lon + 0.002, c.lat + 0.002, c.lon + 0.001, c.lat + 0.001);
  flood.hazard_zone = Geometry{geos.to_wkb(geos.from_wkt(wkt).get())};
  const json f = plan_to_json(geos, plan_on_roads(geos, flood, d.book, d.data, d.teams, *d.roads, Reservations{}));
  EXPECT_EQ(f["incident"]["hazard_zone"]["type"], "MultiPolygon");
  expect_same_geojson(f["incident"]["hazard_zone"], geos_geojson(geos, flood.hazard_zone), "hazard");
}

TEST(PlanOnRoads, WhatTheDistrictCannotMeetBecomesAMutualAidRequestSayingWhere) {
  const Demo& d = demo();
  std::vector<TeamNow> teams = d.teams;
  for (TeamNow& t : teams)
    if (t.team.has(Capability::water_rescue) || t.team.has(Capability::drainage))
      change_status(t, TeamStatus::dispatched, "OTHER");
  const RiskPoint& at = d.data.risk_points[8];
  const Incident incident{"FLOOD-1", IncidentType::waterlogging, Severity::especially_major, at.location, {}};
  const IncidentPlan plan = plan_on_roads(d.geos, incident, d.book, d.data, teams, *d.roads, Reservations{});
  ASSERT_FALSE(plan.teams.shortfall.empty());
  // Every team shortfall is asked for once, with its count, of the contact the shipped plans name.
  for (const TeamShortfall& s : plan.teams.shortfall) {
    int asked = 0;
    for (const MutualAidRequest& r : plan.mutual_aid)
      for (const AidNeed& n : r.needs)
        if (n.kind == AidNeed::Kind::team && n.capability == s.capability) {
          asked += static_cast<int>(n.missing);
          EXPECT_TRUE(r.to) << "the shipped plans have a default contact";
        }
    EXPECT_EQ(asked, s.missing) << to_string(s.capability);
  }
  const json doc = plan_to_json(d.geos, plan);
  ASSERT_FALSE(doc["mutual_aid"].empty());
  const json& request = doc["mutual_aid"][0];
  EXPECT_EQ(request["format"], "erde.mutual_aid/1");
  EXPECT_EQ(request["incident"]["id"], "FLOOD-1");
  ASSERT_GE(request["incident"]["areas"].size(), 2u);
  EXPECT_EQ(request["incident"]["areas"][1]["id"], at.street_id) << request.dump(1);
  const std::string text = plan_to_text(plan);
  EXPECT_NE(text.find("Mutual aid 增援请求 to "), std::string::npos) << text;
  EXPECT_NE(text.find("for incident FLOOD-1 in "), std::string::npos) << text;
}

}  // namespace
}  // namespace erde
