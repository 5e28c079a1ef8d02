// Pre-emption (抽调): which dispatched teams a plan proposes, and the confirmed take with the other
// incident re-planned. Hand-computed cases.
#include <gtest/gtest.h>

#include <map>

#include "dispatch/dispatch_state.hpp"
#include "dispatch/preemption.hpp"
#include "fixtures.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

using test::team;
using C = Capability;
using S = TeamStatus;
using V = Severity;

ResponsePlan major_plan(std::vector<TeamRequirement> teams) {
  ResponsePlan r;
  r.severity = V::major;
  r.teams = std::move(teams);
  r.substitutes = {{C::medical, C::fire_fighting, "first aid"}};
  r.may_take_from = {V::general};
  return r;
}

TeamNow sent(Team t, std::string incident) {
  TeamNow row = test::row(std::move(t));
  change_status(row, S::dispatched, std::move(incident));
  return row;
}

std::vector<std::string> ids_of(const std::vector<PreemptionOption>& options, C slot) {
  std::vector<std::string> out;
  for (const PreemptionOption& o : options)
    if (o.capability == slot) out.push_back(o.team_id);
  return out;
}

TEST(Preemption, ProposesDispatchedTeamsOfLessSevereIncidentsExactFitsFirstThenFastest) {
  const std::vector<IncidentInForce> in_force = {{"G1", V::general}, {"G2", V::general}, {"L1", V::large}, {"M", V::major}};
  std::vector<TeamNow> teams = {
      sent(team("A", {C::fire_fighting}), "G1"),                    // 300 s
      sent(team("B", {C::fire_fighting}), "G2"),                    // 200 s
      sent(team("C", {C::fire_fighting}), "L1"),                    // large: may not be taken
      sent(team("D", {C::fire_fighting}), "M"),                     // already its own
      test::row(team("E", {C::fire_fighting}, S::on_scene)),        // at a scene: not dispatched
      sent(team("F", {C::medical}), "G1"),                          // 250 s
      sent(team("G", {C::drainage}), "G1"),                         // fits no slot
      sent(team("H", {C::fire_fighting}), "G1"),                    // cannot reach
      test::row(team("I", {C::fire_fighting})),                     // free: the plan's own business
      sent(team("J", {C::fire_fighting}), "GONE"),                  // its incident has no plan in force
  };
  teams[4].incident = "G1";
  const std::vector<double> eta = {300, 200, 50, 40, 30, 250, 60, kNoRoute, 10, 20};
  const ResponsePlan r = major_plan({{C::fire_fighting, 2}, {C::medical, 1}});
  const std::vector<TeamShortfall> short_of = {{C::fire_fighting, 1, ""}, {C::medical, 1, ""}};

  const std::vector<uint8_t> can = preemptible_teams(teams, r, "M", in_force);
  EXPECT_EQ(can, (std::vector<uint8_t>{1, 1, 0, 0, 0, 1, 0, 1, 0, 0}));
  const std::vector<PreemptionOption> options = preemption_options(teams, eta, short_of, r, "M", in_force);
  EXPECT_EQ(ids_of(options, C::fire_fighting), (std::vector<std::string>{"B", "A"}));
  // The medical team before the fire-fighters that would stand in for it, whatever their times.
  EXPECT_EQ(ids_of(options, C::medical), (std::vector<std::string>{"F", "B", "A"}));
  ASSERT_EQ(options.size(), 5u);
  EXPECT_EQ(options[0].eta_s, 200);
  EXPECT_EQ(options[0].from_incident, "G2");
  EXPECT_EQ(options[0].from_severity, V::general);
  EXPECT_FALSE(options[0].substitute_by);
  EXPECT_FALSE(options[2].substitute_by);  // F, a medical team
  ASSERT_TRUE(options[3].substitute_by);
  EXPECT_EQ(*options[3].substitute_by, C::fire_fighting);
  EXPECT_EQ(options[3].substitute_note, "first aid");

  // Nothing short, or a plan that may not take: nothing proposed.
  EXPECT_TRUE(preemption_options(teams, eta, {}, r, "M", in_force).empty());
  ResponsePlan large = r;
  large.severity = V::large;
  large.may_take_from.clear();
  EXPECT_TRUE(preemption_options(teams, eta, short_of, large, "M", in_force).empty());
  EXPECT_EQ(preemptible_teams(teams, large, "M", in_force), std::vector<uint8_t>(teams.size(), 0));
}

TEST(Preemption, AtMostFiveProposalsPerSlot) {
  std::vector<TeamNow> teams;
  std::vector<double> eta;
  for (size_t k = 0; k < 9; ++k) {
    teams.push_back(sent(team(test::numbered("T", k), {C::fire_fighting}), "G1"));
    eta.push_back(900.0 - static_cast<double>(k) * 10);
  }
  const std::vector<PreemptionOption> options = preemption_options(
      teams, eta, std::vector<TeamShortfall>{{C::fire_fighting, 3, ""}}, major_plan({{C::fire_fighting, 3}}), "M",
      std::vector<IncidentInForce>{{"G1", V::general}});
  EXPECT_EQ(ids_of(options, C::fire_fighting), (std::vector<std::string>{"T8", "T7", "T6", "T5", "T4"}));
}

// A district with a general fire G (two fire teams on their way) and a major fire M short of one
// fire team and one medical; R is free for G's re-plan.
struct Night {
  DispatchState st;
  std::map<std::string, std::vector<double>> eta;  // by incident, per row
  TeamEtaFn eta_fn() {
    return [this](const Incident& i, std::span<const TeamNow>) { return eta.at(i.id); };
  }
};

Night night() {
  Night n;
  n.st.teams = test::table({team("A", {C::fire_fighting}), team("B", {C::fire_fighting}), team("R", {C::fire_fighting}),
                            team("K", {C::fire_fighting}), team("L", {C::fire_fighting})});
  // G: general, 2 fire teams; A and B go.
  IncidentPlan g;
  g.incident.id = "G";
  g.incident.severity = V::general;
  g.response.teams = {{C::fire_fighting, 2}};
  g.response.mutual_aid.fallback = MutualAidContact{"city", ""};
  g.teams = select_teams(n.st.teams, std::vector<double>{100, 110, kNoRoute, kNoRoute, kNoRoute}, g.response.teams);
  commit_plan(n.st, g);
  // L: large, K goes.
  IncidentPlan l;
  l.incident.id = "L";
  l.incident.severity = V::large;
  l.response.teams = {{C::fire_fighting, 1}};
  l.teams = select_teams(n.st.teams, std::vector<double>{kNoRoute, kNoRoute, kNoRoute, 90, kNoRoute}, l.response.teams);
  commit_plan(n.st, l);
  // M: major, 2 fire + 1 medical; only L goes, so it is one fire team and the medic short.
  IncidentPlan m;
  m.incident.id = "M";
  m.incident.severity = V::major;
  m.response = major_plan({{C::fire_fighting, 2}, {C::medical, 1}});
  m.response.mutual_aid.fallback = MutualAidContact{"city", ""};
  m.teams = select_teams(n.st.teams, std::vector<double>{kNoRoute, kNoRoute, kNoRoute, kNoRoute, 400},
                         m.response.teams);
  m.mutual_aid = mutual_aid_requests(m.response.mutual_aid, m.teams, m.materials, m.evacuation);
  commit_plan(n.st, m);
  n.eta["M"] = {300, 250, 500, 200, 400};
  n.eta["G"] = {100, 110, 150, 90, 95};
  return n;
}

TEST(Preemption, TheConfirmedTeamFillsTheShortSlotAndTheIncidentItLeftIsReplanned) {
  Night n = night();
  ASSERT_EQ(n.st.active.at("M").teams.shortfall.size(), 2u);
  ASSERT_EQ(n.st.active.at("M").mutual_aid.size(), 1u);

  const Preemption p = preempt_team(n.st, "M", "B", std::nullopt, n.eta_fn());
  // B goes to M for the fire slot (it has the capability; the medical slot it could only stand in for).
  EXPECT_EQ(find_team(n.st, "B").team.status, S::dispatched);
  EXPECT_EQ(find_team(n.st, "B").incident, "M");
  EXPECT_EQ(p.incident_id, "M");
  EXPECT_EQ(p.taken.team_id, "B");
  EXPECT_EQ(p.taken.capability, C::fire_fighting);
  EXPECT_EQ(p.taken.filled_by, FilledBy::preempted);
  EXPECT_EQ(p.taken.preempted_from, "G");
  EXPECT_EQ(p.taken.eta_s, 250);
  EXPECT_FALSE(p.taken.substitute_by);
  const IncidentPlan& m = n.st.active.at("M");
  ASSERT_EQ(m.teams.assigned.size(), 2u);
  EXPECT_EQ(m.teams.assigned[0].team_id, "B");  // 250 s before L's 400 s
  EXPECT_EQ(m.teams.assigned[1].team_id, "L");
  EXPECT_EQ(m.teams.staffed_eta_s, 400);
  EXPECT_EQ(m.teams.total_eta_s, 650);
  ASSERT_EQ(m.teams.shortfall.size(), 1u);  // the medic is still missing
  EXPECT_EQ(m.teams.shortfall[0].capability, C::medical);
  ASSERT_EQ(m.mutual_aid.size(), 1u);
  ASSERT_EQ(m.mutual_aid[0].needs.size(), 1u);
  EXPECT_EQ(m.mutual_aid[0].needs[0].capability, C::medical);

  // G lost B: the free R takes its slot, A stays.
  EXPECT_EQ(p.other.incident_id, "G");
  EXPECT_EQ(p.other.lost_team_id, "B");
  ASSERT_EQ(p.other.added.size(), 1u);
  EXPECT_EQ(p.other.added[0].team_id, "R");
  EXPECT_EQ(p.other.added[0].eta_s, 150);
  EXPECT_EQ(find_team(n.st, "R").team.status, S::dispatched);
  EXPECT_EQ(find_team(n.st, "R").incident, "G");
  const IncidentPlan& g = n.st.active.at("G");
  ASSERT_EQ(g.teams.assigned.size(), 2u);
  EXPECT_EQ(g.teams.assigned[0].team_id, "A");
  EXPECT_EQ(g.teams.assigned[1].team_id, "R");
  EXPECT_TRUE(g.teams.complete());
  EXPECT_TRUE(g.mutual_aid.empty());
  EXPECT_EQ(incidents_relying_on(n.st, "B"), std::vector<std::string>{"M"});

  // The second fire team of G can stand in for M's medic; then G has no one left to fill with.
  const Preemption q = preempt_team(n.st, "M", "A", C::medical, n.eta_fn());
  EXPECT_EQ(q.taken.capability, C::medical);
  ASSERT_TRUE(q.taken.substitute_by);
  EXPECT_EQ(*q.taken.substitute_by, C::fire_fighting);
  EXPECT_EQ(q.taken.substitute_note, "first aid");
  EXPECT_TRUE(n.st.active.at("M").teams.complete());
  EXPECT_TRUE(n.st.active.at("M").mutual_aid.empty());
  EXPECT_TRUE(q.other.added.empty());
  ASSERT_EQ(n.st.active.at("G").teams.shortfall.size(), 1u);
  EXPECT_EQ(n.st.active.at("G").teams.shortfall[0].missing, 1);
  ASSERT_EQ(n.st.active.at("G").mutual_aid.size(), 1u);  // G now asks the city for the team it gave up

  // Closing G leaves the teams it gave up where they are.
  close_incident(n.st, "G");
  EXPECT_EQ(find_team(n.st, "A").team.status, S::dispatched);
  EXPECT_EQ(find_team(n.st, "A").incident, "M");
  EXPECT_EQ(find_team(n.st, "R").team.status, S::returning);
}

std::string refusal_of(Night& n, const std::string& incident, const std::string& team_id, std::optional<C> slot = {}) {
  const std::optional<std::string> said = preemption_refusal(n.st, incident, team_id, slot);
  try {
    preempt_team(n.st, incident, team_id, slot, n.eta_fn());
  } catch (const Error& e) {
    if (said) {
      EXPECT_EQ(*said, e.what());
    }
    return e.what();
  }
  return "";
}

TEST(Preemption, RefusalsSayWhyAndChangeNothing) {
  Night n = night();
  const DispatchState before = n.st;
  auto has = [](const std::string& msg, const std::string& part) { return msg.find(part) != std::string::npos; };
  std::string msg = refusal_of(n, "M", "K");
  EXPECT_TRUE(has(msg, "a major (重大) incident may not take a team from L, a large (较大) one; it may take from: "
                       "general (一般)")) << msg;
  msg = refusal_of(n, "M", "R");
  EXPECT_TRUE(has(msg, "team R (team R) is available, not on its way to another incident")) << msg;
  msg = refusal_of(n, "M", "L");
  EXPECT_TRUE(has(msg, "team L (team L) is already dispatched to M")) << msg;
  msg = refusal_of(n, "G", "K");  // a general incident may take from no one, and is short of nothing
  EXPECT_TRUE(has(msg, "incident G is short of no team")) << msg;
  msg = refusal_of(n, "M", "B", C::drainage);
  EXPECT_TRUE(has(msg, "incident M is not short of drainage teams")) << msg;
  msg = refusal_of(n, "NONE", "B");
  EXPECT_TRUE(has(msg, "incident NONE has no plan in force")) << msg;
  msg = refusal_of(n, "M", "Z");
  EXPECT_TRUE(has(msg, "unknown team 'Z'")) << msg;
  n.eta["M"][1] = kNoRoute;
  msg = refusal_of(n, "M", "B");
  EXPECT_TRUE(has(msg, "team B (team B) cannot reach incident M by road")) << msg;
  for (size_t k = 0; k < n.st.teams.size(); ++k) {
    EXPECT_EQ(n.st.teams[k].team.status, before.teams[k].team.status);
    EXPECT_EQ(n.st.teams[k].incident, before.teams[k].incident);
  }
  EXPECT_EQ(n.st.active.at("M").teams.assigned.size(), 1u);
  EXPECT_EQ(n.st.active.at("G").teams.assigned.size(), 2u);
}

TEST(TeamStatus, OnlyADispatchedTeamIsRedirected) {
  TeamNow t = test::row(team("T1", {C::drainage}));
  EXPECT_THROW(redirect_team(t, "I-2"), Error);
  change_status(t, S::dispatched, "I-1");
  EXPECT_THROW(redirect_team(t, "I-1"), Error);
  redirect_team(t, "I-2");
  EXPECT_EQ(t.team.status, S::dispatched);
  EXPECT_EQ(t.incident, "I-2");
}

}  // namespace
}  // namespace erde
