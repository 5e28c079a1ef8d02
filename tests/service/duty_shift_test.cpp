// The demo's own duty shift (clients/console/demo_session.sh, what `bash .ci/setup demo` feeds
// the service), command by command through the domain state machine. Its fourth call, a traffic
// accident, comes when the district's one traffic and one medical team are both out: the plan
// must still send someone to both slots, by the response plans' substitutes, and say so.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "demo_machine.hpp"

namespace erde::service {
namespace {

using nlohmann::json;
using testing::DemoMachine;

struct ShiftCommand {
  std::string kind;
  json args;  // null for the team.status line, whose team the script reads from DEMO-3's plan
};

// Every `as ROLE KIND 'JSON'` line of the script, in order.
std::vector<ShiftCommand> shift_commands() {
  std::ifstream in(ERDE_SOURCE_DIR "/clients/console/demo_session.sh");
  EXPECT_TRUE(in) << "clients/console/demo_session.sh not found";
  const std::regex single(R"(^as \w+ ([a-z_.]+) '(.*)'$)"), status(R"(^as \w+ team\.status ")");
  std::vector<ShiftCommand> out;
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, single)) out.push_back({m[1], json::parse(m[2].str())});
    else if (std::regex_search(line, status)) out.push_back({"team.status", nullptr});
  }
  return out;
}

TEST(DutyShift, TheTrafficAccidentGetsSubstitutesForTheTeamsThatAreOut) {
  DemoMachine m;
  const std::vector<ShiftCommand> commands = shift_commands();
  bool planned = false;
  for (const ShiftCommand& c : commands) {
    json args = c.args;
    if (c.kind == "team.status") {  // as the script does: DEMO-3's first team reaches the scene
      args = {{"team", m.plan("DEMO-3")["teams"]["assigned"][0]["team_id"]}, {"status", "on_scene"}};
    }
    const bool accident = c.kind == "incident.submit" && args["type"] == "traffic_accident";
    if (accident) {
      // The reason for substitutes: every team with either capability is out.
      const json before = m.state();
      for (const json& t : before["teams"]) {
        const std::string caps = t["capabilities"].dump();
        if (caps.find("traffic") != std::string::npos || caps.find("medical") != std::string::npos) {
          EXPECT_NE(t["status"], "available") << t.dump();
        }
      }
    }
    ASSERT_EQ(m.run(c.kind, args), "") << c.kind << " " << args.dump() << ": " << m.last_error.message;
    if (!accident) continue;
    const json plan = m.plan(args["id"].get<std::string>());
    ASSERT_TRUE(plan.is_object());
    EXPECT_EQ(plan["teams"]["complete"], true) << plan["teams"].dump(1);
    EXPECT_TRUE(plan["teams"]["shortfall"].empty()) << plan["teams"]["shortfall"].dump(1);
    const json after = m.state();
    std::set<std::string> slots;
    for (const json& a : plan["teams"]["assigned"]) {
      slots.insert(a["capability"]["en"].get<std::string>());
      EXPECT_EQ(a["filled_by"], "substitute") << a.dump();
      EXPECT_FALSE(a["substitute_note"].get<std::string>().empty()) << a.dump();
      if (a["capability"]["en"] == "traffic") {
        EXPECT_EQ(a["substitute_by"]["en"], "fire_fighting") << a.dump();
      }
      // The team sent has the capability it substitutes with.
      bool has = false;
      for (const json& t : after["teams"])
        if (t["id"] == a["team_id"]) has = t["capabilities"].dump().find(a["substitute_by"]["en"].get<std::string>()) != std::string::npos;
      EXPECT_TRUE(has) << a.dump();
    }
    EXPECT_EQ(slots, (std::set<std::string>{"medical", "traffic"}));
    // Substitutes met every need: nothing to ask the city for.
    EXPECT_TRUE(plan["mutual_aid"].empty()) << plan["mutual_aid"].dump(1);
    planned = true;
  }
  EXPECT_TRUE(planned) << "the shift has no traffic accident any more";
}

}  // namespace
}  // namespace erde::service
