#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "dispatch/batch_assignment.hpp"
#include "fixtures.hpp"

namespace erde {
namespace {

using test::team;
using C = Capability;

TEST(BatchAssignment, JointAssignmentBeatsWorstFirstGreedy) {
  // D1 is 100 s from both incidents; D2 is 120 s from the major one, 5000 s from the general one.
  // Greedy serves the major incident first with D1: 4*100 + 1*5000 = 5400 weighted seconds.
  // Jointly: D2 to the major (4*120), D1 to the general (100) = 580.
  std::vector<TeamNow> teams = test::table({team("D1", {C::drainage}), team("D2", {C::drainage})});
  std::vector<BatchIncident> inc = {{"GEN", Severity::general, {{C::drainage, 1}}, {100, 5000}},
                                    {"MAJ", Severity::major, {{C::drainage, 1}}, {100, 120}}};
  BatchResult opt = assign_batch(teams, inc);
  BatchResult greedy = assign_greedy(teams, inc);
  EXPECT_EQ(opt.weighted_eta_s, 580);
  EXPECT_EQ(greedy.weighted_eta_s, 5400);
  EXPECT_EQ(opt.selections[0].assigned[0].team_id, "D1");
  EXPECT_EQ(opt.selections[1].assigned[0].team_id, "D2");
  EXPECT_EQ(greedy.selections[1].assigned[0].team_id, "D1");
}

TEST(BatchAssignment, ScarceTeamsGoToTheMoreSevereIncident) {
  std::vector<TeamNow> teams = test::table({team("W1", {C::water_rescue})});
  std::vector<BatchIncident> inc = {{"GEN", Severity::general, {{C::water_rescue, 1}}, {60}},
                                    {"BIG", Severity::especially_major, {{C::water_rescue, 1}}, {3000}}};
  BatchResult opt = assign_batch(teams, inc);
  EXPECT_TRUE(opt.selections[0].assigned.empty());
  ASSERT_EQ(opt.selections[1].assigned.size(), 1u);
  EXPECT_EQ(opt.missing_slots, 1);
  EXPECT_EQ(opt.weighted_missing, 1);
  ASSERT_EQ(opt.selections[0].shortfall.size(), 1u);
  EXPECT_EQ(opt.selections[0].shortfall[0].missing, 1);
}

// Brute force over every assignment of slots to distinct teams (or none).
struct Best {
  int64_t missing = INT64_MAX;
  int64_t eta_s = INT64_MAX;
};

void brute(const std::vector<TeamNow>& teams, const std::vector<BatchIncident>& inc,
           const std::vector<std::pair<size_t, C>>& slots, size_t k, std::vector<bool>& used, int64_t missing,
           int64_t eta_s, Best& best) {
  if (k == slots.size()) {
    if (missing < best.missing || (missing == best.missing && eta_s < best.eta_s)) best = {missing, eta_s};
    return;
  }
  auto [i, cap] = slots[k];
  int64_t w = severity_weight(inc[i].severity);
  brute(teams, inc, slots, k + 1, used, missing + w, eta_s, best);
  for (size_t t = 0; t < teams.size(); ++t) {
    double e = inc[i].team_eta_s[t];
    if (used[t] || teams[t].team.status != TeamStatus::available || !teams[t].team.has(cap) || !reachable(e)) continue;
    used[t] = true;
    brute(teams, inc, slots, k + 1, used, missing, eta_s + w * static_cast<int64_t>(e), best);
    used[t] = false;
  }
}

TEST(BatchAssignment, MatchesBruteForceAndNeverLosesToGreedy) {
  std::mt19937 rng(99);
  const std::vector<C> caps = {C::drainage, C::water_rescue};
  int greedy_worse = 0;
  for (int round = 0; round < 150; ++round) {
    std::vector<TeamNow> teams;
    size_t nteams = 2 + rng() % 4;
    for (size_t t = 0; t < nteams; ++t) {
      std::vector<C> own = {caps[rng() % 2]};
      if (rng() % 3 == 0) own = caps;
      teams.push_back(test::row(team(test::numbered("T", static_cast<size_t>(t)), own, rng() % 7 == 0 ? TeamStatus::off_duty : TeamStatus::available)));
    }
    std::vector<BatchIncident> inc;
    std::vector<std::pair<size_t, C>> slots;
    size_t ninc = 1 + rng() % 3;
    for (size_t i = 0; i < ninc; ++i) {
      BatchIncident b;
      b.id = test::numbered("I", static_cast<size_t>(i));
      b.severity = static_cast<Severity>(rng() % 4);
      for (C c : caps) {
        int n = static_cast<int>(rng() % 2);
        if (n) b.requirements.push_back({c, n});
        for (int k = 0; k < n; ++k) slots.push_back({i, c});
      }
      for (size_t t = 0; t < nteams; ++t) b.team_eta_s.push_back(rng() % 9 == 0 ? kNoRoute : double(60 * (1 + rng() % 30)));
      inc.push_back(b);
    }
    if (slots.size() > 6) continue;
    Best best;
    std::vector<bool> used(nteams, false);
    brute(teams, inc, slots, 0, used, 0, 0, best);
    BatchResult opt = assign_batch(teams, inc);
    BatchResult greedy = assign_greedy(teams, inc);
    EXPECT_EQ(opt.weighted_missing, best.missing) << "round " << round;
    EXPECT_EQ(opt.weighted_eta_s, static_cast<double>(best.eta_s)) << "round " << round;
    bool greedy_better = greedy.weighted_missing < opt.weighted_missing ||
                         (greedy.weighted_missing == opt.weighted_missing && greedy.weighted_eta_s < opt.weighted_eta_s);
    EXPECT_FALSE(greedy_better) << "round " << round;
    if (greedy.weighted_missing > opt.weighted_missing || greedy.weighted_eta_s > opt.weighted_eta_s) ++greedy_worse;
    // No team twice across the batch.
    std::vector<std::string> seen;
    for (const auto& sel : opt.selections)
      for (const auto& a : sel.assigned) {
        EXPECT_EQ(std::count(seen.begin(), seen.end(), a.team_id), 0) << "round " << round;
        seen.push_back(a.team_id);
      }
  }
  EXPECT_GT(greedy_worse, 0);  // the instances do exercise the difference
}

TEST(BatchAssignment, TyphoonNightOfTwentyWaterloggingCalls) {
  std::mt19937 rng(5);
  std::vector<TeamNow> teams;
  for (int t = 0; t < 30; ++t)
    teams.push_back(test::row(team(test::numbered("T", static_cast<size_t>(100 + t)), {t % 3 ? C::drainage : C::water_rescue})));
  std::vector<BatchIncident> inc;
  for (int i = 0; i < 20; ++i) {
    BatchIncident b;
    b.id = test::numbered("W", static_cast<size_t>(i));
    b.severity = i % 5 == 0 ? Severity::large : Severity::general;
    b.requirements = {{C::drainage, 1}};
    if (b.severity == Severity::large) b.requirements.push_back({C::water_rescue, 1});
    for (size_t t = 0; t < teams.size(); ++t) b.team_eta_s.push_back(double(60 + rng() % 1800));
    inc.push_back(b);
  }
  auto start = std::chrono::steady_clock::now();
  BatchResult opt = assign_batch(teams, inc);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  BatchResult greedy = assign_greedy(teams, inc);
  EXPECT_EQ(opt.missing_slots, 0);
  EXPECT_LE(opt.weighted_eta_s, greedy.weighted_eta_s);
  EXPECT_LT(ms, 1000.0);
}

}  // namespace
}  // namespace erde
