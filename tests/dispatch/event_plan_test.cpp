// The whole-event plan of concurrent incidents on the demo district: stock and shelter places go
// to the most severe incidents first, and each incident is told what it gave up. Oracle: the
// same incidents planned one by one in priority order with plain-Dijkstra times, each holding what
// it got before the next (plan_every_time.hpp), and alone against the ledger as it was.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "demo_district.hpp"
#include "dispatch/event_plan.hpp"
#include "dispatch/plan_json.hpp"
#include "fixtures.hpp"
#include "plan_every_time.hpp"

namespace erde {
namespace {

using nlohmann::json;
using test::Demo;
using test::demo;

// Most of the stock of every depot and nearly all the places of every shelter held by another incident,
// so the event's incidents compete for what is left.
Reservations scarce(const Dataset& data) {
  Reservations ledger;
  for (const Depot& d : data.depots)
    for (const StockItem& s : d.stock) ledger.hold_material("OTHER", d.id, s.material, s.quantity * 0.9);
  for (const Shelter& s : data.shelters) ledger.hold_places("OTHER", s.id, s.capacity * 49 / 50);
  return ledger;
}

// Eight incidents close together: chemical leaks (evacuation), waterlogging (sandbags), a fire.
std::vector<Incident> night(const Dataset& data) {
  const std::pair<IncidentType, Severity> kinds[] = {
      {IncidentType::waterlogging, Severity::general},  {IncidentType::hazchem_leak, Severity::large},
      {IncidentType::waterlogging, Severity::major},    {IncidentType::fire, Severity::general},
      {IncidentType::hazchem_leak, Severity::major},    {IncidentType::waterlogging, Severity::large},
      {IncidentType::hazchem_leak, Severity::general},  {IncidentType::waterlogging, Severity::general}};
  std::vector<Incident> out;
  for (size_t i = 0; i < 8; ++i)
    out.push_back({test::numbered("E", i), kinds[i].first, kinds[i].second,
                   data.risk_points[(i * 3 + 1) % data.risk_points.size()].location, {}});
  return out;
}

std::map<std::pair<std::string, Material>, double> picks_of(const MaterialPlan& m) {
  std::map<std::pair<std::string, Material>, double> out;
  for (const MaterialPick& p : m.picks) out[{p.depot_id, p.material}] += p.quantity;
  return out;
}

std::map<Material, double> totals(const MaterialPlan& m) {
  std::map<Material, double> out;
  for (const MaterialPick& p : m.picks) out[p.material] += p.quantity;
  return out;
}

std::map<std::pair<std::string, std::string>, int64_t> placed_of(const std::optional<EvacuationPlan>& e) {
  std::map<std::pair<std::string, std::string>, int64_t> out;
  if (e)
    for (const ShelterAllocation& a : e->allocations) out[{a.area_id, a.shelter_id}] += a.people;
  return out;
}

std::vector<size_t> by_priority(const std::vector<Incident>& incidents) {
  std::vector<size_t> order(incidents.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return incidents[a].severity > incidents[b].severity; });
  return order;
}

TEST(EventPlan, StockAndShelterPlacesGoToTheMostSevereFirst) {
  const Demo& d = demo();
  const Reservations ledger = scarce(d.data);
  const std::vector<Incident> incidents = night(d.data);
  const EventPlan event = plan_event(d.geos, incidents, d.book, d.data, d.teams, *d.roads, ledger);
  ASSERT_EQ(event.plans.size(), incidents.size());

  Reservations running = ledger;
  std::vector<std::string> order;
  for (size_t i : by_priority(incidents)) {
    SCOPED_TRACE(incidents[i].id);
    order.push_back(incidents[i].id);
    const Incident& inc = incidents[i];
    const IncidentPlan reference = test::plan_every_time(d.geos, inc, d.book.at(inc.type, inc.severity), d.data,
                                                         d.teams, *d.roads, running);
    const IncidentPlan& got = event.plans[i];
    EXPECT_EQ(got.incident.id, inc.id);
    EXPECT_EQ(picks_of(got.materials), picks_of(reference.materials));
    EXPECT_EQ(got.evacuation.has_value(), reference.evacuation.has_value());
    EXPECT_EQ(placed_of(got.evacuation), placed_of(reference.evacuation));
    if (got.evacuation && reference.evacuation) {
      EXPECT_EQ(got.evacuation->unplaced_total, reference.evacuation->unplaced_total);
    }
    hold_materials(running, inc.id, reference.materials);
    if (reference.evacuation) hold_shelters(running, inc.id, *reference.evacuation);
  }
  EXPECT_EQ(event.priority, order);
}

TEST(EventPlan, EachIncidentIsToldWhatItGaveUpAndToWhom) {
  const Demo& d = demo();
  const Reservations ledger = scarce(d.data);
  const std::vector<Incident> incidents = night(d.data);
  const EventPlan event = plan_event(d.geos, incidents, d.book, d.data, d.teams, *d.roads, ledger);
  std::set<std::string> earlier;
  size_t materials_given = 0, places_given = 0, teams_given = 0;
  for (size_t i : by_priority(incidents)) {
    const Incident& inc = incidents[i];
    SCOPED_TRACE(inc.id);
    const IncidentPlan alone = test::plan_every_time(d.geos, inc, d.book.at(inc.type, inc.severity), d.data, d.teams,
                                                     *d.roads, ledger);
    const IncidentPlan& got = event.plans[i];
    std::map<Material, double> want;
    const std::map<Material, double> had = totals(got.materials);
    for (const auto& [m, q] : totals(alone.materials))
      if (q - (had.contains(m) ? had.at(m) : 0.0) > 1e-9) want[m] = q - (had.contains(m) ? had.at(m) : 0.0);
    std::map<Material, double> said;
    int64_t places = 0;
    for (const Concession& c : event.plans[i].gave_up) {
      for (const std::string& to : c.to) {
        if (c.kind == Concession::Kind::team) {
          EXPECT_NE(to, inc.id);
        } else {
          EXPECT_TRUE(earlier.contains(to)) << to;  // stock and places only go to those planned first
        }
      }
      if (c.kind == Concession::Kind::material) said[c.material] += c.quantity, ++materials_given;
      if (c.kind == Concession::Kind::shelter_places) places += static_cast<int64_t>(c.quantity), ++places_given;
      if (c.kind == Concession::Kind::team) {
        ++teams_given;
        ASSERT_EQ(c.to.size(), 1u);
        const size_t j = static_cast<size_t>(std::find_if(incidents.begin(), incidents.end(), [&](const Incident& x) {
                                               return x.id == c.to[0];
                                             }) - incidents.begin());
        ASSERT_LT(j, incidents.size());
        const auto& there = event.plans[j].teams.assigned;
        EXPECT_TRUE(std::any_of(there.begin(), there.end(), [&](const TeamAssignment& a) { return a.team_id == c.team_id; }));
        if (!c.instead.empty()) {  // it has another team for that slot, one it would not have had alone
          EXPECT_TRUE(std::any_of(got.teams.assigned.begin(), got.teams.assigned.end(), [&](const TeamAssignment& a) {
            return a.team_id == c.instead && a.capability == c.capability;
          })) << c.instead;
        }
      }
    }
    EXPECT_EQ(said.size(), want.size());
    for (const auto& [m, q] : want) EXPECT_NEAR(said[m], q, 1e-6) << to_string(m);
    const int64_t alone_placed = alone.evacuation ? alone.evacuation->placed : 0;
    const int64_t got_placed = got.evacuation ? got.evacuation->placed : 0;
    EXPECT_EQ(places, std::max<int64_t>(0, alone_placed - got_placed));
    if (earlier.empty()) {
      EXPECT_TRUE(said.empty());
      EXPECT_EQ(places, 0);
    }
    earlier.insert(inc.id);
  }
  // The night does make incidents give way.
  EXPECT_GT(materials_given, 0u);
  EXPECT_GT(places_given, 0u);

  const json js = event_to_json(d.geos, event);
  EXPECT_EQ(js["format"], "erde.batch/1");
  ASSERT_EQ(js["plans"].size(), incidents.size());
  size_t listed = 0;
  for (const json& p : js["plans"]) listed += p["gave_up"].size();
  EXPECT_EQ(listed, materials_given + places_given + teams_given);
  const std::string text = event_to_text(event);
  EXPECT_NE(text.find("Gave up 让出: "), std::string::npos);
}

// The joint team assignment is the exact one over plain-Dijkstra times, with the response plans'
// substitutes and first-due areas.
TEST(EventPlan, TeamsAreTheJointAssignmentOverDijkstraTimes) {
  const Demo& d = demo();
  const std::vector<Incident> incidents = night(d.data);
  const EventPlan event = plan_event(d.geos, incidents, d.book, d.data, d.teams, *d.roads, Reservations{});
  std::vector<BatchIncident> oracle;
  for (const Incident& inc : incidents) {
    const ResponsePlan& r = d.book.at(inc.type, inc.severity);
    BatchIncident b{inc.id, inc.severity, r.teams, test::dijkstra_team_times(*d.roads, d.teams, inc.location), r.substitutes,
                    {}, 0.0};
    const std::vector<int> area_of = first_due_areas(d.teams, d.data.responsibility_areas, inc.location);
    if (r.first_due) {
      b.faster_by_s = r.first_due->faster_by_s;
      for (int k : area_of) b.first_due_area.push_back(k >= 0 ? d.data.responsibility_areas[static_cast<size_t>(k)].id : "");
    }
    oracle.push_back(std::move(b));
  }
  const BatchResult want = assign_batch(d.teams, oracle);
  EXPECT_EQ(event.joint.weighted_missing, want.weighted_missing);
  EXPECT_EQ(event.joint.weighted_eta_s, want.weighted_eta_s);
  size_t substitutes = 0, first_due = 0;
  for (size_t i = 0; i < incidents.size(); ++i) {
    const auto& got = event.plans[i].teams.assigned;
    const auto& exp = want.selections[i].assigned;
    ASSERT_EQ(got.size(), exp.size()) << incidents[i].id;
    for (size_t k = 0; k < got.size(); ++k) {
      EXPECT_EQ(got[k].team_id, exp[k].team_id);
      EXPECT_EQ(got[k].filled_by, exp[k].filled_by);
      EXPECT_EQ(got[k].first_due_area_id, exp[k].first_due_area_id);
      EXPECT_GE(got[k].route.size(), 2u);
      substitutes += got[k].filled_by == FilledBy::substitute;
      first_due += got[k].filled_by == FilledBy::first_due;
    }
  }
  EXPECT_GT(substitutes + first_due, 0u);
}

TEST(EventPlan, AnIdGivenTwiceIsAnError) {
  const Demo& d = demo();
  std::vector<Incident> incidents = night(d.data);
  incidents[3].id = incidents[1].id;
  EXPECT_THROW(plan_event(d.geos, incidents, d.book, d.data, d.teams, *d.roads, Reservations{}), Error);
}

}  // namespace
}  // namespace erde
