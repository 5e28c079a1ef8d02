// First-due areas (辖区): a team whose responsibility area holds the incident goes first unless
// another arrives more than the rule's margin sooner. Hand-checked cases, then brute force over
// every assignment with the margin applied as the rule words it.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "dispatch/first_due.hpp"
#include "dispatch/team_selection.hpp"
#include "fixtures.hpp"

namespace erde {
namespace {

using test::team;
using C = Capability;

const TeamAssignment* assigned(const TeamSelection& s, const std::string& id) {
  for (const TeamAssignment& a : s.assigned)
    if (a.team_id == id) return &a;
  return nullptr;
}

TEST(FirstDue, TheStationOfTheAreaGoesUnlessAnotherIsClearlyFaster) {
  const std::vector<TeamNow> teams = test::table({team("A", {C::fire_fighting}), team("OWN", {C::fire_fighting})});
  const std::vector<uint8_t> own = {0, 1};
  const std::vector<TeamRequirement> one = {{C::fire_fighting, 1}};
  // 60 s slower than A, margin 90 s: the first-due station goes.
  TeamSelection s = select_teams(teams, std::vector<double>{300, 360}, one, {}, {own, 90});
  ASSERT_NE(assigned(s, "OWN"), nullptr);
  EXPECT_EQ(assigned(s, "OWN")->filled_by, FilledBy::first_due);
  EXPECT_EQ(s.staffed_eta_s, 360);  // the real time, not the preferred one
  // Exactly 90 s slower: A is not "more than 90 s sooner", the station still goes.
  s = select_teams(teams, std::vector<double>{300, 390}, one, {}, {own, 90});
  EXPECT_NE(assigned(s, "OWN"), nullptr);
  // 91 s slower: A goes, as nearest.
  s = select_teams(teams, std::vector<double>{300, 391}, one, {}, {own, 90});
  ASSERT_NE(assigned(s, "A"), nullptr);
  EXPECT_EQ(assigned(s, "A")->filled_by, FilledBy::nearest);
  // With a zero margin the station wins a tie only.
  s = select_teams(teams, std::vector<double>{300, 300}, one, {}, {own, 0});
  EXPECT_NE(assigned(s, "OWN"), nullptr);
  s = select_teams(teams, std::vector<double>{300, 301}, one, {}, {own, 0});
  EXPECT_NE(assigned(s, "A"), nullptr);
  // Without the rule the nearest goes.
  s = select_teams(teams, std::vector<double>{300, 360}, one);
  EXPECT_NE(assigned(s, "A"), nullptr);
}

TEST(FirstDue, ABusyOrUnreachableStationIsPassedOver) {
  std::vector<TeamNow> teams = test::table({team("A", {C::fire_fighting}), team("OWN", {C::fire_fighting})});
  const std::vector<uint8_t> own = {0, 1};
  const std::vector<TeamRequirement> one = {{C::fire_fighting, 1}};
  TeamSelection s = select_teams(teams, std::vector<double>{300, kNoRoute}, one, {}, {own, 90});
  EXPECT_NE(assigned(s, "A"), nullptr);
  change_status(teams[1], TeamStatus::dispatched, "I0");
  s = select_teams(teams, std::vector<double>{300, 200}, one, {}, {own, 90});
  EXPECT_NE(assigned(s, "A"), nullptr);
}

TEST(FirstDue, TheStationTakesOneSlotAndTheOthersGoByTime) {
  // Three fire slots; the first-due station is the slowest of four but within the margin of the
  // third: it goes with the two nearest.
  const std::vector<TeamNow> teams = test::table({team("F1", {C::fire_fighting}), team("F2", {C::fire_fighting}),
                                                  team("F3", {C::fire_fighting}), team("OWN", {C::fire_fighting})});
  const std::vector<uint8_t> own = {0, 0, 0, 1};
  const TeamSelection s =
      select_teams(teams, std::vector<double>{100, 200, 300, 350}, std::vector<TeamRequirement>{{C::fire_fighting, 3}},
                   {}, {own, 90});
  std::vector<std::string> ids;
  for (const auto& a : s.assigned) ids.push_back(a.team_id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"F1", "F2", "OWN"}));
  EXPECT_EQ(s.staffed_eta_s, 350);
}

TEST(FirstDue, NeverCostsASlot) {
  // OWN is first due and could fill fire or hazmat; it is the only hazmat team, so it fills
  // hazmat and the fire slot goes to F even though OWN is nearer for it.
  const std::vector<TeamNow> teams = test::table({team("F", {C::fire_fighting}), team("OWN", {C::fire_fighting, C::hazmat})});
  const std::vector<uint8_t> own = {0, 1};
  const TeamSelection s = select_teams(teams, std::vector<double>{600, 100},
                                       std::vector<TeamRequirement>{{C::fire_fighting, 1}, {C::hazmat, 1}}, {}, {own, 90});
  EXPECT_TRUE(s.complete());
  ASSERT_NE(assigned(s, "OWN"), nullptr);
  EXPECT_EQ(assigned(s, "OWN")->capability, C::hazmat);
}

TEST(FirstDue, ASubstituteIsMarkedAsSuchEvenFromItsOwnArea) {
  const std::vector<TeamNow> teams = test::table({team("OWN", {C::fire_fighting})});
  const std::vector<TeamSubstitute> subs = {{C::traffic, C::fire_fighting, "extrication"}};
  const TeamSelection s = select_teams(teams, std::vector<double>{100}, std::vector<TeamRequirement>{{C::traffic, 1}},
                                       subs, {std::vector<uint8_t>{1}, 90});
  ASSERT_EQ(s.assigned.size(), 1u);
  EXPECT_EQ(s.assigned[0].filled_by, FilledBy::substitute);
}

// Brute force: every way to give each slot a distinct capable team or nothing; best by most
// filled, then least bottleneck, then least total, where a first-due team's time counts as
// (ETA - margin) and it wins ties: in half-milliseconds, 2 (ms - margin) - 1, never below 0.
struct Score {
  int filled = 0;
  int64_t bottleneck = 0, total = 0;
};
bool better(const Score& a, const Score& b) {
  if (a.filled != b.filled) return a.filled > b.filled;
  if (a.bottleneck != b.bottleneck) return a.bottleneck < b.bottleneck;
  return a.total < b.total;
}

void brute(const std::vector<TeamNow>& teams, const std::vector<int64_t>& key, const std::vector<C>& slots, size_t k,
           std::vector<bool>& used, Score cur, Score& best) {
  if (k == slots.size()) {
    if (better(cur, best)) best = cur;
    return;
  }
  brute(teams, key, slots, k + 1, used, cur, best);
  for (size_t t = 0; t < teams.size(); ++t) {
    if (used[t] || key[t] < 0 || !teams[t].team.has(slots[k])) continue;
    used[t] = true;
    brute(teams, key, slots, k + 1, used, {cur.filled + 1, std::max(cur.bottleneck, key[t]), cur.total + key[t]}, best);
    used[t] = false;
  }
}

TEST(FirstDue, MatchesBruteForceOnRandomSmallInstances) {
  std::mt19937 rng(20261202);
  const std::vector<C> caps = {C::fire_fighting, C::search_rescue, C::medical};
  size_t first_due_sent = 0, first_due_passed = 0;
  for (int round = 0; round < 400; ++round) {
    const int nteams = 2 + static_cast<int>(rng() % 5);
    const double margin = static_cast<double>(rng() % 4) * 30;
    std::vector<TeamNow> teams;
    std::vector<double> eta;
    std::vector<uint8_t> own;
    for (int t = 0; t < nteams; ++t) {
      std::vector<C> mine;
      for (C c : caps)
        if (rng() % 2) mine.push_back(c);
      if (mine.empty()) mine.push_back(caps[rng() % 3]);
      teams.push_back(test::row(team(test::numbered("T", static_cast<size_t>(t)), mine,
                                     rng() % 6 == 0 ? TeamStatus::on_scene : TeamStatus::available)));
      eta.push_back(rng() % 8 == 0 ? kNoRoute : static_cast<double>(1 + rng() % 20) * 30);
      own.push_back(rng() % 3 == 0 ? 1 : 0);
    }
    std::vector<int64_t> key(teams.size(), -1);
    for (size_t t = 0; t < teams.size(); ++t) {
      if (teams[t].team.status != TeamStatus::available || !reachable(eta[t])) continue;
      const int64_t ms = to_millis(eta[t]);
      key[t] = own[t] ? std::max<int64_t>(0, 2 * (ms - to_millis(margin)) - 1) : 2 * ms;
    }
    std::vector<TeamRequirement> req;
    std::vector<C> slots;
    for (C c : caps) {
      const int n = static_cast<int>(rng() % 3);
      if (n) req.push_back({c, n});
      for (int k = 0; k < n; ++k) slots.push_back(c);
    }
    Score best{-1, 0, 0};
    std::vector<bool> used(teams.size(), false);
    brute(teams, key, slots, 0, used, Score{}, best);
    const TeamSelection s = select_teams(teams, eta, req, {}, {own, margin});
    ASSERT_EQ(static_cast<int>(s.assigned.size()), best.filled) << "round " << round;
    Score got{static_cast<int>(s.assigned.size()), 0, 0};
    for (const TeamAssignment& a : s.assigned) {
      const auto row = static_cast<size_t>(std::find_if(teams.begin(), teams.end(), [&](const TeamNow& t) {
                                             return t.team.id == a.team_id;
                                           }) - teams.begin());
      ASSERT_LT(row, teams.size());
      EXPECT_TRUE(teams[row].team.has(a.capability));
      EXPECT_EQ(a.filled_by, own[row] ? FilledBy::first_due : FilledBy::nearest);
      got.bottleneck = std::max(got.bottleneck, key[row]);
      got.total += key[row];
    }
    EXPECT_EQ(got.bottleneck, best.bottleneck) << "round " << round;
    EXPECT_EQ(got.total, best.total) << "round " << round;
    for (size_t t = 0; t < teams.size(); ++t)
      if (own[t] && key[t] >= 0) (assigned(s, teams[t].team.id) ? first_due_sent : first_due_passed) += 1;
  }
  // The instances exercised both outcomes of the rule.
  EXPECT_GT(first_due_sent, 50u);
  EXPECT_GT(first_due_passed, 20u);
}

ResponsibilityArea square(std::string id, std::string team_id, double x0, double y0, double side) {
  GeosContext geos;
  const std::string wkt = "POLYGON ((" + std::to_string(x0) + " " + std::to_string(y0) + ", " +
                          std::to_string(x0 + side) + " " + std::to_string(y0) + ", " + std::to_string(x0 + side) +
                          " " + std::to_string(y0 + side) + ", " + std::to_string(x0) + " " +
                          std::to_string(y0 + side) + ", " + std::to_string(x0) + " " + std::to_string(y0) + "))";
  return {id, "area " + id, std::move(team_id), Geometry{geos.to_wkb(geos.from_wkt(wkt).get())}};
}

TEST(FirstDue, AreasAndTheReportOfWhoWasNotSent) {
  std::vector<TeamNow> teams = test::table({team("ST", {C::drainage, C::search_rescue}), team("FS", {C::fire_fighting}),
                                            team("FAR", {C::fire_fighting}), team("X", {C::fire_fighting})});
  // The street's area inside the station's; FAR's area elsewhere; X has none.
  const std::vector<ResponsibilityArea> areas = {square("R1", "FS", 0, 0, 10), square("R2", "ST", 2, 2, 3),
                                                 square("R3", "FAR", 20, 20, 5), square("R4", "FS", 1, 1, 1)};
  const std::vector<int> at = first_due_areas(teams, areas, {3, 3});
  EXPECT_EQ(at, (std::vector<int>{1, 0, -1, -1}));
  EXPECT_EQ(first_due_areas(teams, areas, {1.5, 1.5}), (std::vector<int>{-1, 0, -1, -1}));  // R1 comes first
  EXPECT_EQ(first_due_areas(teams, areas, {50, 50}), (std::vector<int>(4, -1)));

  ResponsePlan plan;
  plan.teams = {{C::fire_fighting, 1}};
  plan.first_due = FirstDueRule{90};
  const std::vector<double> eta = {60, 400, 100, 200};
  std::vector<uint8_t> own;
  for (int k : at) own.push_back(k >= 0 ? 1 : 0);
  TeamSelection s = select_teams(teams, eta, plan.teams, {}, {own, 90});
  ASSERT_NE(assigned(s, "FAR"), nullptr);  // FS is 300 s slower than FAR
  std::vector<FirstDueTeam> report = first_due_report(teams, eta, areas, at, plan, s);
  ASSERT_EQ(report.size(), 2u);
  EXPECT_EQ(report[0].team_id, "FS");
  EXPECT_EQ(report[0].area_id, "R1");
  EXPECT_FALSE(report[0].sent);
  EXPECT_NE(report[0].note.find("more than 90 s sooner"), std::string::npos) << report[0].note;
  EXPECT_EQ(report[1].team_id, "ST");
  EXPECT_NE(report[1].note.find("none of the capabilities"), std::string::npos) << report[1].note;

  change_status(teams[2], TeamStatus::dispatched, "I8");
  change_status(teams[3], TeamStatus::dispatched, "I9");
  s = select_teams(teams, eta, plan.teams, {}, {own, 90});
  ASSERT_NE(assigned(s, "FS"), nullptr);  // the only fire team left
  report = first_due_report(teams, eta, areas, at, plan, s);
  EXPECT_TRUE(report[0].sent);
  EXPECT_TRUE(report[0].note.empty());
  change_status(teams[1], TeamStatus::dispatched, "I7");
  report = first_due_report(teams, eta, areas, at, plan, select_teams(teams, eta, plan.teams, {}, {own, 90}));
  EXPECT_EQ(report[0].note, "not available: dispatched at I7");
}

}  // namespace
}  // namespace erde
