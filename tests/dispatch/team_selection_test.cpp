#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

#include "dispatch/team_selection.hpp"
#include "fixtures.hpp"

namespace erde {
namespace {

using test::team;
using C = Capability;

std::vector<std::string> ids(const TeamSelection& s) {
  std::vector<std::string> out;
  for (const auto& a : s.assigned) out.push_back(a.team_id);
  return out;
}

TEST(TeamSelection, CoversEveryCapabilityWithTheNearestTeams) {
  std::vector<TeamNow> teams = test::table({team("F1", {C::fire_fighting}), team("F2", {C::fire_fighting}),
                             team("F3", {C::fire_fighting}), team("H1", {C::hazmat}), team("M1", {C::medical})});
  std::vector<double> eta = {300, 100, 200, 400, 500};
  std::vector<TeamRequirement> req = {{C::fire_fighting, 2}, {C::hazmat, 1}, {C::medical, 1}};
  TeamSelection s = select_teams(teams, eta, req);
  EXPECT_TRUE(s.complete());
  EXPECT_EQ(ids(s), (std::vector<std::string>{"F2", "F3", "H1", "M1"}));
  EXPECT_EQ(s.staffed_eta_s, 500);
  EXPECT_EQ(s.total_eta_s, 100 + 200 + 400 + 500);
}

TEST(TeamSelection, ATeamFillsOneSlotOnly) {
  // One team can both fight fire and give first aid, but counts once.
  std::vector<TeamNow> teams = test::table({team("X", {C::fire_fighting, C::medical}), team("M", {C::medical})});
  std::vector<double> eta = {60, 600};
  TeamSelection s = select_teams(teams, eta, std::vector<TeamRequirement>{{C::fire_fighting, 1}, {C::medical, 1}});
  ASSERT_EQ(s.assigned.size(), 2u);
  EXPECT_EQ(s.assigned[0].team_id, "X");
  EXPECT_EQ(s.assigned[0].capability, C::fire_fighting);
  EXPECT_EQ(s.assigned[1].team_id, "M");
  EXPECT_EQ(s.assigned[1].capability, C::medical);
}

TEST(TeamSelection, MultiSkilledTeamGoesWhereItIsScarce) {
  // A (fire + hazmat) is nearest. Filling "fire" first with the nearest team (A) would leave
  // hazmat to H at 1000 s; sending B for fire and A for hazmat staffs the scene at 150 s.
  std::vector<TeamNow> teams = test::table({team("A", {C::fire_fighting, C::hazmat}), team("B", {C::fire_fighting}),
                             team("H", {C::hazmat})});
  std::vector<double> eta = {100, 150, 1000};
  TeamSelection s = select_teams(teams, eta, std::vector<TeamRequirement>{{C::fire_fighting, 1}, {C::hazmat, 1}});
  ASSERT_EQ(s.assigned.size(), 2u);
  EXPECT_EQ(s.assigned[0].capability, C::fire_fighting);
  EXPECT_EQ(s.assigned[0].team_id, "B");
  EXPECT_EQ(s.assigned[1].capability, C::hazmat);
  EXPECT_EQ(s.assigned[1].team_id, "A");
  EXPECT_EQ(s.staffed_eta_s, 150);
  EXPECT_EQ(s.total_eta_s, 250);
}

TEST(TeamSelection, TheSlowestNeededTeamDecidesWhenTheSceneIsStaffed) {
  // Two drainage + one water rescue; the only water-rescue team is 20 minutes out.
  std::vector<TeamNow> teams = test::table({team("D1", {C::drainage}), team("D2", {C::drainage}), team("D3", {C::drainage}),
                             team("W1", {C::water_rescue})});
  std::vector<double> eta = {240, 180, 600, 1200};
  TeamSelection s = select_teams(teams, eta, std::vector<TeamRequirement>{{C::drainage, 2}, {C::water_rescue, 1}});
  EXPECT_EQ(ids(s), (std::vector<std::string>{"W1", "D2", "D1"}));  // capability order, then ETA
  EXPECT_EQ(s.staffed_eta_s, 1200);
  EXPECT_EQ(s.total_eta_s, 1620);
}

TEST(TeamSelection, ReportsShortfallWithTheReason) {
  std::vector<TeamNow> teams = test::table({team("F1", {C::fire_fighting}), team("F2", {C::fire_fighting}, TeamStatus::dispatched),
                             team("W1", {C::water_rescue}, TeamStatus::off_duty), team("M1", {C::medical})});
  std::vector<double> eta = {100, 50, 100, kNoRoute};
  std::vector<TeamRequirement> req = {{C::fire_fighting, 2}, {C::water_rescue, 1}, {C::medical, 1}, {C::hazmat, 1}};
  TeamSelection s = select_teams(teams, eta, req);
  EXPECT_EQ(ids(s), (std::vector<std::string>{"F1"}));
  ASSERT_EQ(s.shortfall.size(), 4u);
  EXPECT_EQ(s.shortfall[0].capability, C::fire_fighting);
  EXPECT_EQ(s.shortfall[0].missing, 1);
  EXPECT_NE(s.shortfall[0].reason.find("not enough"), std::string::npos);
  EXPECT_EQ(s.shortfall[1].capability, C::hazmat);
  EXPECT_NE(s.shortfall[1].reason.find("no team has capability hazmat"), std::string::npos);
  EXPECT_EQ(s.shortfall[2].capability, C::water_rescue);
  EXPECT_NE(s.shortfall[2].reason.find("busy or off duty"), std::string::npos);
  EXPECT_EQ(s.shortfall[3].capability, C::medical);
  EXPECT_NE(s.shortfall[3].reason.find("can reach"), std::string::npos);
  EXPECT_FALSE(s.complete());
}

TEST(TeamSelection, AReturningTeamIsReTaskedFromWhereItIsAndABusyOneIsNot) {
  // R drives home from incident I-1 and is nearer than the available A; D is still dispatched
  // (nearest of all) and on_scene O too: neither may be taken.
  std::vector<TeamNow> teams = test::table({team("A", {C::drainage}), team("R", {C::drainage}, TeamStatus::returning),
                                            team("D", {C::drainage}, TeamStatus::dispatched),
                                            team("O", {C::drainage}, TeamStatus::on_scene)});
  teams[1].incident = "I-1";
  teams[2].incident = "I-2";
  teams[3].incident = "I-2";
  std::vector<double> eta = {300, 120, 10, 5};
  TeamSelection s = select_teams(teams, eta, std::vector<TeamRequirement>{{C::drainage, 2}});
  ASSERT_EQ(ids(s), (std::vector<std::string>{"R", "A"}));
  EXPECT_TRUE(s.assigned[0].re_tasked);
  EXPECT_EQ(s.assigned[0].re_tasked_from, "I-1");
  EXPECT_EQ(s.assigned[0].eta_s, 120);
  EXPECT_FALSE(s.assigned[1].re_tasked);
  EXPECT_TRUE(s.assigned[1].re_tasked_from.empty());
  EXPECT_EQ(s.staffed_eta_s, 300);
}

TEST(TeamSelection, TiesGoToTheLowerIdWhateverTheInputOrder) {
  std::vector<TeamNow> teams = test::table({team("T3", {C::drainage}), team("T1", {C::drainage}), team("T2", {C::drainage})});
  std::vector<double> eta = {300, 300, 300};
  TeamSelection a = select_teams(teams, eta, std::vector<TeamRequirement>{{C::drainage, 2}});
  std::reverse(teams.begin(), teams.end());
  TeamSelection b = select_teams(teams, eta, std::vector<TeamRequirement>{{C::drainage, 2}});
  EXPECT_EQ(ids(a), (std::vector<std::string>{"T1", "T2"}));
  EXPECT_EQ(ids(b), ids(a));
}

// Brute force: every way to give each slot a distinct team or nothing; best by (most filled,
// least bottleneck, least total).
struct Score {
  int filled = 0;
  double bottleneck = 0, total = 0;
};
bool better(const Score& a, const Score& b) {
  if (a.filled != b.filled) return a.filled > b.filled;
  if (a.bottleneck != b.bottleneck) return a.bottleneck < b.bottleneck;
  return a.total < b.total;
}

void brute(const std::vector<TeamNow>& teams, const std::vector<double>& eta, const std::vector<Capability>& slots,
           size_t k, std::vector<bool>& used, Score cur, Score& best) {
  if (k == slots.size()) {
    if (better(cur, best)) best = cur;
    return;
  }
  brute(teams, eta, slots, k + 1, used, cur, best);
  for (size_t t = 0; t < teams.size(); ++t) {
    if (used[t] || teams[t].team.status != TeamStatus::available || !teams[t].team.has(slots[k]) || !reachable(eta[t])) continue;
    used[t] = true;
    Score next{cur.filled + 1, std::max(cur.bottleneck, eta[t]), cur.total + eta[t]};
    brute(teams, eta, slots, k + 1, used, next, best);
    used[t] = false;
  }
}

TEST(TeamSelection, MatchesBruteForceOnRandomSmallInstances) {
  std::mt19937 rng(20240611);
  const std::vector<C> caps = {C::fire_fighting, C::hazmat, C::medical};
  for (int round = 0; round < 300; ++round) {
    int nteams = 2 + static_cast<int>(rng() % 5);
    std::vector<TeamNow> teams;
    std::vector<double> eta;
    for (int t = 0; t < nteams; ++t) {
      std::vector<C> own;
      for (C c : caps)
        if (rng() % 2) own.push_back(c);
      if (own.empty()) own.push_back(caps[rng() % 3]);
      teams.push_back(test::row(team(test::numbered("T", static_cast<size_t>(t)), own, rng() % 6 == 0 ? TeamStatus::dispatched : TeamStatus::available)));
      eta.push_back(rng() % 8 == 0 ? kNoRoute : static_cast<double>(1 + rng() % 20) * 30);
    }
    std::vector<TeamRequirement> req;
    std::vector<C> slots;
    for (C c : caps) {
      int n = static_cast<int>(rng() % 3);
      if (n) req.push_back({c, n});
      for (int k = 0; k < n; ++k) slots.push_back(c);
    }
    Score best{-1, 0, 0};
    std::vector<bool> used(teams.size(), false);
    brute(teams, eta, slots, 0, used, Score{}, best);
    TeamSelection s = select_teams(teams, eta, req);
    int missing = 0;
    for (const auto& sf : s.shortfall) missing += sf.missing;
    ASSERT_EQ(static_cast<int>(s.assigned.size()), best.filled) << "round " << round;
    EXPECT_EQ(static_cast<int>(slots.size()) - missing, best.filled) << "round " << round;
    EXPECT_EQ(s.staffed_eta_s, best.bottleneck) << "round " << round;
    EXPECT_EQ(s.total_eta_s, best.total) << "round " << round;
    // Each assigned team distinct, available, capable.
    std::vector<std::string> seen;
    for (const auto& a : s.assigned) {
      EXPECT_EQ(std::count(seen.begin(), seen.end(), a.team_id), 0);
      seen.push_back(a.team_id);
      auto it = std::find_if(teams.begin(), teams.end(), [&](const TeamNow& t) { return t.team.id == a.team_id; });
      ASSERT_NE(it, teams.end());
      EXPECT_TRUE(it->team.has(a.capability));
      EXPECT_EQ(it->team.status, TeamStatus::available);
    }
  }
}

// Substitutes (response plans' "substitutes"): a team with a listed capability fills a slot
// that no team with the slot's own capability can.
const std::vector<TeamSubstitute> kSubs = {{C::medical, C::fire_fighting, "first aid"},
                                           {C::medical, C::search_rescue, "first aid, carrying"},
                                           {C::traffic, C::fire_fighting, "extrication"}};

TEST(TeamSubstitutes, FillTheSlotsTheBusyTeamsLeaveEmptyAndSayWhy) {
  // The traffic and the medical team are out; two fire stations (300 s, 100 s) and a street
  // team (50 s) are free. Both slots go to the fire stations: fire_fighting is the first choice
  // for both, which outranks the street team's earlier arrival for the medical slot.
  std::vector<TeamNow> teams = test::table({team("T", {C::traffic}, TeamStatus::dispatched),
                                            team("M", {C::medical}, TeamStatus::dispatched), team("F1", {C::fire_fighting}),
                                            team("F2", {C::fire_fighting}), team("S", {C::search_rescue})});
  const std::vector<double> eta = {60, 60, 300, 100, 50};
  const std::vector<TeamRequirement> req = {{C::medical, 1}, {C::traffic, 1}};
  EXPECT_FALSE(select_teams(teams, eta, req).complete());  // without substitutes: nothing
  EXPECT_TRUE(select_teams(teams, eta, req).assigned.empty());
  const TeamSelection s = select_teams(teams, eta, req, kSubs);
  ASSERT_TRUE(s.complete());
  ASSERT_EQ(s.assigned.size(), 2u);
  std::vector<std::string> got = ids(s);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"F1", "F2"}));
  for (const TeamAssignment& a : s.assigned) {
    ASSERT_TRUE(a.substitute_by.has_value()) << a.team_id;
    EXPECT_EQ(*a.substitute_by, C::fire_fighting);
    EXPECT_EQ(a.substitute_note, a.capability == C::medical ? "first aid" : "extrication");
  }
  EXPECT_EQ(s.staffed_eta_s, 300);
  EXPECT_EQ(s.total_eta_s, 400);
  // With one fire station only, the medical slot falls to the second choice.
  teams[2].team.status = TeamStatus::off_duty;
  const TeamSelection one = select_teams(teams, eta, req, kSubs);
  ASSERT_TRUE(one.complete());
  ASSERT_EQ(one.assigned.size(), 2u);
  EXPECT_EQ(one.assigned[0].capability, C::medical);
  EXPECT_EQ(one.assigned[0].team_id, "S");
  EXPECT_EQ(one.assigned[0].substitute_by, C::search_rescue);
  EXPECT_EQ(one.assigned[1].capability, C::traffic);
  EXPECT_EQ(one.assigned[1].team_id, "F2");
}

TEST(TeamSubstitutes, ATeamWithTheCapabilityGoesFirstHoweverFar) {
  std::vector<TeamNow> teams = test::table({team("F", {C::fire_fighting}), team("T", {C::traffic})});
  const std::vector<double> eta = {60, 900};
  const TeamSelection s = select_teams(teams, eta, std::vector<TeamRequirement>{{C::traffic, 1}}, kSubs);
  ASSERT_EQ(ids(s), (std::vector<std::string>{"T"}));
  EXPECT_FALSE(s.assigned[0].substitute_by.has_value());
}

TEST(TeamSubstitutes, TheSlotsAreDecidedTogether) {
  // X (hazmat + fire) is the nearest hazmat team; sending it to hazmat would leave traffic empty,
  // since only X can substitute for traffic. Y takes hazmat and X fills traffic.
  std::vector<TeamNow> teams = test::table({team("X", {C::hazmat, C::fire_fighting}), team("Y", {C::hazmat})});
  const std::vector<double> eta = {100, 500};
  const TeamSelection s =
      select_teams(teams, eta, std::vector<TeamRequirement>{{C::hazmat, 1}, {C::traffic, 1}}, kSubs);
  ASSERT_TRUE(s.complete());
  ASSERT_EQ(s.assigned.size(), 2u);
  EXPECT_EQ(s.assigned[0].capability, C::hazmat);
  EXPECT_EQ(s.assigned[0].team_id, "Y");
  EXPECT_FALSE(s.assigned[0].substitute_by.has_value());
  EXPECT_EQ(s.assigned[1].capability, C::traffic);
  EXPECT_EQ(s.assigned[1].team_id, "X");
}

TEST(TeamSubstitutes, AShortfallNamesTheSubstitutesThatWereTriedToo) {
  std::vector<TeamNow> teams = test::table({team("M", {C::medical}, TeamStatus::dispatched),
                                            team("F", {C::fire_fighting}, TeamStatus::on_scene), team("H", {C::hazmat})});
  const std::vector<double> eta = {60, 60, 60};
  const TeamSelection s =
      select_teams(teams, eta, std::vector<TeamRequirement>{{C::hazmat, 1}, {C::medical, 1}}, kSubs);
  ASSERT_EQ(s.shortfall.size(), 1u);
  EXPECT_EQ(s.shortfall[0].capability, C::medical);
  EXPECT_NE(s.shortfall[0].reason.find("busy"), std::string::npos) << s.shortfall[0].reason;
  EXPECT_NE(s.shortfall[0].reason.find("no substitute (fire_fighting, search_rescue)"), std::string::npos)
      << s.shortfall[0].reason;
  EXPECT_EQ(ids(s), (std::vector<std::string>{"H"}));
}

// Brute force with substitutes: best by (most own-capability slots, most filled, least sum of
// substitute ranks, least bottleneck, least total).
struct SubScore {
  int own = 0, filled = 0, ranks = 0;
  double bottleneck = 0, total = 0;
  auto key() const { return std::make_tuple(-own, -filled, ranks, bottleneck, total); }
};

int rank_for(const Team& t, C slot) {
  if (t.has(slot)) return -1;
  int k = 0;
  for (const TeamSubstitute& sub : kSubs) {
    if (sub.slot != slot) continue;
    if (t.has(sub.by)) return k;
    ++k;
  }
  return -2;
}

void brute_subs(const std::vector<TeamNow>& teams, const std::vector<double>& eta, const std::vector<C>& slots,
                size_t k, std::vector<bool>& used, SubScore cur, SubScore& best) {
  if (k == slots.size()) {
    if (cur.key() < best.key()) best = cur;
    return;
  }
  brute_subs(teams, eta, slots, k + 1, used, cur, best);
  for (size_t t = 0; t < teams.size(); ++t) {
    const int r = rank_for(teams[t].team, slots[k]);
    if (used[t] || r == -2 || teams[t].team.status != TeamStatus::available || !reachable(eta[t])) continue;
    used[t] = true;
    SubScore next{cur.own + (r == -1), cur.filled + 1, cur.ranks + std::max(r, 0), std::max(cur.bottleneck, eta[t]),
                  cur.total + eta[t]};
    brute_subs(teams, eta, slots, k + 1, used, next, best);
    used[t] = false;
  }
}

TEST(TeamSubstitutes, MatchBruteForceOnRandomSmallInstances) {
  std::mt19937 rng(7);
  const std::vector<C> caps = {C::fire_fighting, C::medical, C::traffic, C::search_rescue};
  int used_substitutes = 0;
  for (int round = 0; round < 400; ++round) {
    const int nteams = 2 + static_cast<int>(rng() % 5);
    std::vector<TeamNow> teams;
    std::vector<double> eta;
    for (int t = 0; t < nteams; ++t) {
      std::vector<C> own;
      for (C c : caps)
        if (rng() % 3 == 0) own.push_back(c);
      if (own.empty()) own.push_back(caps[rng() % caps.size()]);
      teams.push_back(test::row(team(test::numbered("T", static_cast<size_t>(t)), own,
                                     rng() % 4 == 0 ? TeamStatus::dispatched : TeamStatus::available)));
      eta.push_back(rng() % 8 == 0 ? kNoRoute : static_cast<double>(1 + rng() % 20) * 30);
    }
    std::vector<TeamRequirement> req;
    std::vector<C> slots;
    for (C c : {C::fire_fighting, C::medical, C::traffic}) {
      const int n = static_cast<int>(rng() % 3);
      if (n) req.push_back({c, n});
      for (int k = 0; k < n; ++k) slots.push_back(c);
    }
    SubScore best{-1, -1, 0, 0, 0};
    std::vector<bool> used(teams.size(), false);
    brute_subs(teams, eta, slots, 0, used, SubScore{}, best);
    const TeamSelection s = select_teams(teams, eta, req, kSubs);
    SubScore got;
    std::vector<std::string> seen;
    for (const TeamAssignment& a : s.assigned) {
      EXPECT_EQ(std::count(seen.begin(), seen.end(), a.team_id), 0) << "round " << round;
      seen.push_back(a.team_id);
      const auto it = std::find_if(teams.begin(), teams.end(), [&](const TeamNow& t) { return t.team.id == a.team_id; });
      ASSERT_NE(it, teams.end());
      const size_t i = static_cast<size_t>(it - teams.begin());
      const int r = rank_for(it->team, a.capability);
      ASSERT_NE(r, -2) << "round " << round << ": " << a.team_id << " cannot fill " << to_string(a.capability);
      EXPECT_EQ(a.substitute_by.has_value(), r >= 0) << "round " << round;
      got.own += r == -1;
      got.filled += 1;
      got.ranks += std::max(r, 0);
      got.bottleneck = std::max(got.bottleneck, eta[i]);
      got.total += eta[i];
      used_substitutes += r >= 0;
    }
    EXPECT_EQ(got.key(), best.key()) << "round " << round;
    int missing = 0;
    for (const auto& sf : s.shortfall) missing += sf.missing;
    EXPECT_EQ(static_cast<int>(slots.size()) - missing, best.filled) << "round " << round;
  }
  EXPECT_GT(used_substitutes, 50);
}

}  // namespace
}  // namespace erde
