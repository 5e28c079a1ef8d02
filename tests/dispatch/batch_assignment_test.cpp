#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

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
  std::vector<BatchIncident> inc = {{"GEN", Severity::general, {{C::drainage, 1}}, {100, 5000}, {}, {}, 0.0},
                                    {"MAJ", Severity::major, {{C::drainage, 1}}, {100, 120}, {}, {}, 0.0}};
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
  std::vector<BatchIncident> inc = {{"GEN", Severity::general, {{C::water_rescue, 1}}, {60}, {}, {}, 0.0},
                                    {"BIG", Severity::especially_major, {{C::water_rescue, 1}}, {3000}, {}, {}, 0.0}};
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

// With substitutes and first-due areas: brute force over every assignment, ranked as
// assign_batch documents (weighted empty slots, then weighted substitute ranks, then weighted
// arrival keys).
struct Ranked {
  int64_t empty = INT64_MAX, subs = INT64_MAX, arrival = INT64_MAX;
  bool operator<(const Ranked& o) const {
    return std::tie(empty, subs, arrival) < std::tie(o.empty, o.subs, o.arrival);
  }
};

void brute_ranked(const std::vector<TeamNow>& teams, const std::vector<BatchIncident>& inc,
                  const std::vector<std::pair<size_t, C>>& slots, size_t k, std::vector<bool>& used, Ranked now,
                  Ranked& best) {
  if (k == slots.size()) {
    if (now < best) best = now;
    return;
  }
  auto [i, cap] = slots[k];
  const int64_t w = severity_weight(inc[i].severity);
  Ranked skip = now;
  skip.empty += w;
  brute_ranked(teams, inc, slots, k + 1, used, skip, best);
  for (size_t t = 0; t < teams.size(); ++t) {
    const double e = inc[i].team_eta_s[t];
    if (used[t] || !dispatchable(teams[t].team.status) || !reachable(e)) continue;
    int rank = -1;  // the place among the slot's substitutes of the first one the team has
    if (!teams[t].team.has(cap)) {
      int seen = 0;
      for (const TeamSubstitute& s : inc[i].substitutes) {
        if (s.slot != cap) continue;
        if (teams[t].team.has(s.by)) {
          rank = seen;
          break;
        }
        ++seen;
      }
      if (rank < 0) continue;
    }
    const bool first = !inc[i].first_due_area.empty() && !inc[i].first_due_area[t].empty();
    const int64_t ms = static_cast<int64_t>(e * 1000);
    const int64_t key = first ? std::max<int64_t>(0, 2 * (ms - static_cast<int64_t>(inc[i].faster_by_s * 1000)) - 1) : 2 * ms;
    Ranked take = now;
    take.subs += rank < 0 ? 0 : w * (rank + 1);
    take.arrival += w * key;
    used[t] = true;
    brute_ranked(teams, inc, slots, k + 1, used, take, best);
    used[t] = false;
  }
}

TEST(BatchAssignment, SubstitutesAndFirstDueMatchBruteForce) {
  std::mt19937 rng(17);
  const std::vector<C> caps = {C::fire_fighting, C::medical, C::traffic};
  const std::vector<TeamSubstitute> subs = {{C::medical, C::fire_fighting, "first aid"},
                                            {C::medical, C::traffic, ""},
                                            {C::traffic, C::fire_fighting, "scene safety"}};
  size_t substituted = 0, first_due = 0;
  for (int round = 0; round < 200; ++round) {
    std::vector<TeamNow> teams;
    const size_t nteams = 2 + rng() % 4;
    for (size_t t = 0; t < nteams; ++t)
      teams.push_back(test::row(team(test::numbered("T", t), {caps[rng() % 3]},
                                     rng() % 6 == 0 ? TeamStatus::returning : TeamStatus::available)));
    std::vector<BatchIncident> inc;
    std::vector<std::pair<size_t, C>> slots;
    const size_t ninc = 1 + rng() % 3;
    for (size_t i = 0; i < ninc; ++i) {
      BatchIncident b;
      b.id = test::numbered("I", i);
      b.severity = static_cast<Severity>(rng() % 4);
      for (C c : caps) {
        const int n = static_cast<int>(rng() % 2);
        if (n) b.requirements.push_back({c, n});
        for (int k = 0; k < n; ++k) slots.push_back({i, c});
      }
      for (size_t t = 0; t < nteams; ++t) b.team_eta_s.push_back(rng() % 9 == 0 ? kNoRoute : double(30 * (1 + rng() % 40)));
      if (rng() % 2) b.substitutes = subs;
      if (rng() % 2) {
        b.faster_by_s = double(30 * (rng() % 5));
        for (size_t t = 0; t < nteams; ++t) b.first_due_area.push_back(rng() % 3 == 0 ? "A" + std::to_string(i) : "");
      }
      inc.push_back(b);
    }
    if (slots.size() > 6) continue;
    Ranked best;
    std::vector<bool> used(nteams, false);
    brute_ranked(teams, inc, slots, 0, used, {0, 0, 0}, best);
    const BatchResult opt = assign_batch(teams, inc);
    Ranked got{0, 0, 0};
    for (size_t i = 0; i < inc.size(); ++i) {
      const int64_t w = severity_weight(inc[i].severity);
      for (const TeamShortfall& s : opt.selections[i].shortfall) got.empty += w * s.missing;
      for (const TeamAssignment& a : opt.selections[i].assigned) {
        const size_t t = static_cast<size_t>(std::find_if(teams.begin(), teams.end(), [&](const TeamNow& x) {
                                               return x.team.id == a.team_id;
                                             }) - teams.begin());
        const bool first = !inc[i].first_due_area.empty() && !inc[i].first_due_area[t].empty();
        if (a.substitute_by) {
          got.subs += w * (substitute_rank(inc[i].substitutes, a.capability, teams[t].team) + 1);
          EXPECT_EQ(a.filled_by, FilledBy::substitute);
          ++substituted;
        } else {
          EXPECT_TRUE(teams[t].team.has(a.capability));
          EXPECT_EQ(a.filled_by, first ? FilledBy::first_due : FilledBy::nearest) << "round " << round;
          if (first) {
            EXPECT_EQ(a.first_due_area_id, inc[i].first_due_area[t]);
            ++first_due;
          }
        }
        const int64_t ms = static_cast<int64_t>(a.eta_s * 1000);
        got.arrival += w * (first ? std::max<int64_t>(0, 2 * (ms - static_cast<int64_t>(inc[i].faster_by_s * 1000)) - 1) : 2 * ms);
      }
    }
    EXPECT_EQ(got.empty, best.empty) << "round " << round;
    EXPECT_EQ(got.subs, best.subs) << "round " << round;
    EXPECT_EQ(got.arrival, best.arrival) << "round " << round;
    const BatchResult greedy = assign_greedy(teams, inc);
    EXPECT_LE(opt.weighted_missing, greedy.weighted_missing) << "round " << round;
  }
  EXPECT_GT(substituted, 10u);
  EXPECT_GT(first_due, 10u);
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
  BatchResult opt = assign_batch(teams, inc);
  BatchResult greedy = assign_greedy(teams, inc);
  EXPECT_EQ(opt.missing_slots, 0);
  EXPECT_LE(opt.weighted_eta_s, greedy.weighted_eta_s);
}

}  // namespace
}  // namespace erde
