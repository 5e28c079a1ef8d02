#include <gtest/gtest.h>

#include "dispatch/dispatch_state.hpp"
#include "dispatch/team_status.hpp"
#include "fixtures.hpp"

namespace erde {
namespace {

using test::team;
using C = Capability;
using S = TeamStatus;

TEST(TeamStatus, LifecycleTransitions) {
  EXPECT_TRUE(can_change_status(S::available, S::dispatched));
  EXPECT_TRUE(can_change_status(S::dispatched, S::on_scene));
  EXPECT_TRUE(can_change_status(S::on_scene, S::returning));
  EXPECT_TRUE(can_change_status(S::returning, S::available));
  EXPECT_TRUE(can_change_status(S::returning, S::dispatched));
  EXPECT_TRUE(can_change_status(S::dispatched, S::returning));
  for (const auto& e : EnumTable<S>::entries) {
    EXPECT_FALSE(can_change_status(e.value, e.value));
    if (e.value != S::off_duty) {
      EXPECT_TRUE(can_change_status(e.value, S::off_duty));
    }
  }
  EXPECT_TRUE(can_change_status(S::off_duty, S::available));
  EXPECT_FALSE(can_change_status(S::off_duty, S::dispatched));
  EXPECT_FALSE(can_change_status(S::available, S::on_scene));
  EXPECT_FALSE(can_change_status(S::on_scene, S::available));
  EXPECT_FALSE(can_change_status(S::dispatched, S::available));
  EXPECT_FALSE(can_change_status(S::available, S::returning));
}

TEST(TeamStatus, RejectedChangeNamesTeamStatesAndTheAllowedOnes) {
  TeamNow t = test::row(team("T7", {C::drainage}, S::on_scene));
  t.incident = "I-1";
  EXPECT_FALSE(status_change_refusal(t, S::returning).has_value());
  const std::optional<std::string> refusal = status_change_refusal(t, S::available);
  ASSERT_TRUE(refusal);
  try {
    change_status(t, S::available);
    FAIL();
  } catch (const Error& e) {
    std::string msg = e.what();
    EXPECT_EQ(msg, *refusal);
    EXPECT_NE(msg.find("team T7"), std::string::npos) << msg;
    EXPECT_NE(msg.find("from on_scene (到场) to available (待命)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("allowed: returning (返回), off_duty (离岗)"), std::string::npos) << msg;
  }
  EXPECT_EQ(t.team.status, S::on_scene);
  EXPECT_EQ(t.incident, "I-1");
}

TEST(TeamStatus, TheIncidentFollowsTheStatus) {
  TeamNow t = test::row(team("T1", {C::drainage}));
  // Only a dispatch names an incident.
  EXPECT_THROW(change_status(t, S::off_duty, "I-1"), Error);
  EXPECT_EQ(t.team.status, S::available);
  change_status(t, S::dispatched, "I-1");
  EXPECT_EQ(t.incident, "I-1");
  change_status(t, S::on_scene);
  EXPECT_EQ(t.incident, "I-1");
  change_status(t, S::returning);  // returning from it
  EXPECT_EQ(t.incident, "I-1");
  change_status(t, S::dispatched, "I-2");  // sent straight on
  EXPECT_EQ(t.incident, "I-2");
  change_status(t, S::returning);
  change_status(t, S::dispatched);  // sent back without naming one: still I-2
  EXPECT_EQ(t.incident, "I-2");
  change_status(t, S::off_duty);
  EXPECT_TRUE(t.incident.empty());
  change_status(t, S::available);
  EXPECT_TRUE(t.incident.empty());
  // The position is the team's own: the lifecycle leaves it and the home base alone.
  EXPECT_EQ(t.position.lon, t.team.base.lon);
}

TEST(TeamStatus, ATableHasOneRowPerTeamAtItsBaseInItsLoadedStatus) {
  Team far = team("B", {C::medical}, S::off_duty);
  far.base = {113.3, 23.2};
  const std::vector<TeamNow> rows = team_table(std::vector<Team>{team("A", {C::drainage}), far});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].team.id, "B");
  EXPECT_EQ(rows[1].team.status, S::off_duty);
  EXPECT_EQ(rows[1].position.lon, 113.3);
  EXPECT_EQ(rows[1].position.lat, 23.2);
  EXPECT_TRUE(rows[1].incident.empty());
  EXPECT_EQ(find_team(rows, "B"), &rows[1]);
  EXPECT_EQ(find_team(rows, "C"), nullptr);
}

IncidentPlan plan_for(const std::string& id, Severity sev, std::vector<TeamRequirement> req,
                      const std::vector<TeamNow>& teams, const std::vector<double>& eta) {
  IncidentPlan p;
  p.incident.id = id;
  p.incident.severity = sev;
  p.response.teams = req;
  p.teams = select_teams(teams, eta, req);
  return p;
}

TEST(DispatchState, CommitCloseAndReservations) {
  DispatchState st;
  st.teams = test::table({team("D1", {C::drainage}), team("D2", {C::drainage})});
  IncidentPlan a = plan_for("A", Severity::general, {{C::drainage, 1}}, st.teams, {100, 200});
  a.materials.picks.push_back({Material::sandbag, "DEP", "depot", 300, 60});
  commit_plan(st, a);
  EXPECT_EQ(find_team(st, "D1").team.status, S::dispatched);
  EXPECT_EQ(find_team(st, "D1").incident, "A");
  EXPECT_EQ(st.ledger.held("DEP", Material::sandbag), 300);
  EXPECT_THROW(commit_plan(st, a), Error);  // already active

  // A plan made before D1 left is stale: committing it must fail, not double-book D1.
  IncidentPlan b = plan_for("B", Severity::general, {{C::drainage, 1}}, test::table({team("D1", {C::drainage})}), {50});
  EXPECT_THROW(commit_plan(st, b), Error);

  EXPECT_EQ(incidents_relying_on(st, "D1"), (std::vector<std::string>{"A"}));
  close_incident(st, "A");
  EXPECT_EQ(find_team(st, "D1").team.status, S::returning);
  EXPECT_EQ(find_team(st, "D1").incident, "A");  // on its way back from it
  EXPECT_EQ(st.ledger.held("DEP", Material::sandbag), 0);
  EXPECT_TRUE(incidents_relying_on(st, "D1").empty());
  EXPECT_THROW(close_incident(st, "A"), Error);
}

TEST(DispatchState, ClosingCallsBackOnlyTheTeamsStillCommittedToIt) {
  DispatchState st;
  st.teams = test::table({team("D1", {C::drainage}), team("D2", {C::drainage})});
  commit_plan(st, plan_for("A", Severity::general, {{C::drainage, 2}}, st.teams, {100, 200}));
  // D1 finishes at A and goes on to B while A stays open (A's plan still lists it).
  TeamNow& d1 = find_team(st, "D1");
  change_status(d1, S::on_scene);
  change_status(d1, S::returning);
  change_status(d1, S::dispatched, "B");
  close_incident(st, "A");
  EXPECT_EQ(d1.team.status, S::dispatched);
  EXPECT_EQ(d1.incident, "B");
  EXPECT_EQ(find_team(st, "D2").team.status, S::returning);
  EXPECT_EQ(find_team(st, "D2").incident, "A");
}

TEST(DispatchState, LosingATeamReplansTheIncidentsThatReliedOnIt) {
  DispatchState st;
  st.teams = test::table({team("F1", {C::fire_fighting}), team("F2", {C::fire_fighting}),
                          team("F3", {C::fire_fighting}), team("M1", {C::medical}), team("F4", {C::fire_fighting})});
  std::vector<double> eta = {100, 200, 300, 150, 900};
  IncidentPlan p = plan_for("FIRE-1", Severity::large, {{C::fire_fighting, 2}, {C::medical, 1}}, st.teams, eta);
  ASSERT_TRUE(p.teams.complete());
  commit_plan(st, p);  // F1, F2, M1 dispatched
  change_status(find_team(st, "F3"), S::off_duty);

  // F1 breaks down on the way: the fire slot goes to F4 (F3 is off duty), F2 and M1 stay.
  int calls = 0;
  TeamEtaFn times = [&](const Incident& inc, std::span<const TeamNow> teams) {
    ++calls;
    EXPECT_EQ(inc.id, "FIRE-1");
    EXPECT_EQ(teams.size(), eta.size());
    return eta;
  };
  std::vector<Replan> r = set_team_status(st, "F1", S::off_duty, times);
  EXPECT_EQ(calls, 1);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].incident_id, "FIRE-1");
  ASSERT_EQ(r[0].added.size(), 1u);
  EXPECT_EQ(r[0].added[0].team_id, "F4");
  EXPECT_EQ(find_team(st, "F4").team.status, S::dispatched);
  EXPECT_EQ(find_team(st, "F4").incident, "FIRE-1");
  EXPECT_EQ(find_team(st, "F1").team.status, S::off_duty);
  EXPECT_TRUE(find_team(st, "F1").incident.empty());
  const TeamSelection& now = st.active.at("FIRE-1").teams;
  std::vector<std::string> ids;
  for (const auto& a : now.assigned) ids.push_back(a.team_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"F2", "F4", "M1"}));
  EXPECT_TRUE(now.complete());
  EXPECT_EQ(now.staffed_eta_s, 900);
  EXPECT_TRUE(st.active.at("FIRE-1").mutual_aid.empty());

  // M1 lost too: no medical team left, the shortfall is explicit.
  r = set_team_status(st, "M1", S::off_duty, times);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_TRUE(r[0].added.empty());
  ASSERT_EQ(st.active.at("FIRE-1").teams.shortfall.size(), 1u);
  EXPECT_EQ(st.active.at("FIRE-1").teams.shortfall[0].capability, C::medical);
  // ... and what the district now lacks is asked for.
  const std::vector<MutualAidRequest>& aid = st.active.at("FIRE-1").mutual_aid;
  ASSERT_EQ(aid.size(), 1u);
  ASSERT_EQ(aid[0].needs.size(), 1u);
  EXPECT_EQ(aid[0].needs[0].capability, C::medical);
  EXPECT_EQ(aid[0].needs[0].missing, 1);

  // Returning home after the job is not a loss: nothing is re-planned.
  change_status(find_team(st, "F2"), S::on_scene);
  EXPECT_TRUE(set_team_status(st, "F2", S::returning, times).empty());
  EXPECT_EQ(calls, 2);

  // A change the lifecycle forbids is refused and changes nothing.
  EXPECT_THROW(set_team_status(st, "F2", S::on_scene, times), Error);
  EXPECT_EQ(find_team(st, "F2").team.status, S::returning);
  EXPECT_THROW(set_team_status(st, "NOPE", S::off_duty, times), Error);
  // No re-plan needs no travel times.
  EXPECT_TRUE(set_team_status(st, "F2", S::available, nullptr).empty());
}

TEST(DispatchState, TheSpareGoesToTheIncidentThatLostItsTeam) {
  DispatchState st;
  st.teams = test::table({team("A", {C::drainage}), team("B", {C::drainage}), team("SPARE", {C::drainage})});
  IncidentPlan minor = plan_for("MINOR", Severity::general, {{C::drainage, 1}}, st.teams, {10, kNoRoute, kNoRoute});
  commit_plan(st, minor);
  IncidentPlan major = plan_for("MAJOR", Severity::major, {{C::drainage, 1}}, st.teams, {kNoRoute, 10, kNoRoute});
  commit_plan(st, major);
  TeamEtaFn times = [](const Incident&, std::span<const TeamNow> teams) {
    return std::vector<double>(teams.size(), 60.0);
  };
  auto r = set_team_status(st, "B", S::off_duty, times);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].incident_id, "MAJOR");
  EXPECT_EQ(r[0].added[0].team_id, "SPARE");
  EXPECT_EQ(find_team(st, "A").team.status, S::dispatched);
  EXPECT_EQ(find_team(st, "SPARE").incident, "MAJOR");
}

// A re-plan fills the vacated slot by the same rules as the plan: the station whose area holds
// the incident goes when it is within the first-due margin of the nearest (here 60 s slower,
// margin 90 s); without the areas the nearest would.
TEST(DispatchState, AReplanHonoursTheFirstDueRule) {
  GeosContext geos;
  ResponsibilityArea own_area{"R", "area R", "OWN", {}};
  own_area.boundary.wkb = test::box_wkb(geos, 0, 0, 1, 1);
  const std::vector<ResponsibilityArea> areas = {own_area};
  for (bool with_areas : {true, false}) {
    SCOPED_TRACE(with_areas);
    DispatchState st;
    st.teams = test::table({team("F1", {C::fire_fighting}), team("NEAR", {C::fire_fighting}), team("OWN", {C::fire_fighting})});
    const std::vector<double> eta = {100, 200, 260};
    IncidentPlan p = plan_for("FIRE-1", Severity::general, {{C::fire_fighting, 1}}, st.teams, eta);
    p.incident.location = {0.5, 0.5};
    p.response.first_due = FirstDueRule{90};
    ASSERT_EQ(p.teams.assigned.at(0).team_id, "F1");
    commit_plan(st, p);
    const TeamEtaFn times = [&](const Incident&, std::span<const TeamNow>) { return eta; };
    const std::vector<Replan> r =
        set_team_status(st, "F1", S::off_duty, times, std::nullopt,
                        with_areas ? std::span<const ResponsibilityArea>(areas) : std::span<const ResponsibilityArea>());
    ASSERT_EQ(r.size(), 1u);
    ASSERT_EQ(r[0].added.size(), 1u);
    const TeamAssignment& a = r[0].added[0];
    EXPECT_EQ(a.team_id, with_areas ? "OWN" : "NEAR");
    EXPECT_EQ(a.filled_by, with_areas ? FilledBy::first_due : FilledBy::nearest);
    EXPECT_EQ(a.first_due_area_id, with_areas ? "R" : "");
    EXPECT_EQ(st.active.at("FIRE-1").teams.assigned.at(0).team_id, a.team_id);
    if (!with_areas) {
      EXPECT_TRUE(st.active.at("FIRE-1").first_due.empty());
      continue;
    }
    // The report says what became of the first-due station after each re-plan.
    ASSERT_EQ(st.active.at("FIRE-1").first_due.size(), 1u);
    EXPECT_EQ(st.active.at("FIRE-1").first_due[0].team_id, "OWN");
    EXPECT_TRUE(st.active.at("FIRE-1").first_due[0].sent);
    ASSERT_EQ(set_team_status(st, "OWN", S::off_duty, times, std::nullopt, areas).size(), 1u);
    EXPECT_EQ(st.active.at("FIRE-1").teams.assigned.at(0).team_id, "NEAR");
    ASSERT_EQ(st.active.at("FIRE-1").first_due.size(), 1u);
    EXPECT_FALSE(st.active.at("FIRE-1").first_due[0].sent);
    EXPECT_EQ(st.active.at("FIRE-1").first_due[0].note, "not available: off_duty");
  }
}

}  // namespace
}  // namespace erde
