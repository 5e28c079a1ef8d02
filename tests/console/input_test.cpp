// What a dispatcher types at the prompts becomes request arguments, or a clear refusal.
#include <gtest/gtest.h>

#include "input.hpp"

namespace erde::console {
namespace {

using nlohmann::json;

TEST(IncidentInput, EnglishWithSeverityAndAddress) {
  auto p = parse_incident_input("fire large 113.2706,23.1462 仓库 东门");
  ASSERT_TRUE(p.error.empty()) << p.error;
  EXPECT_EQ(p.args, (json{{"type", "fire"}, {"severity", "large"},
                          {"location", {{"lon", 113.2706}, {"lat", 23.1462}}},
                          {"address", "仓库 东门"}}));
}

TEST(IncidentInput, ChineseTermsAndASpaceAfterTheComma) {
  auto p = parse_incident_input("  内涝 较大 113.27, 23.13 ");
  ASSERT_TRUE(p.error.empty()) << p.error;
  EXPECT_EQ(p.args["type"], "waterlogging");
  EXPECT_EQ(p.args["severity"], "large");
  EXPECT_DOUBLE_EQ(p.args["location"]["lat"].get<double>(), 23.13);
  EXPECT_FALSE(p.args.contains("address"));
}

TEST(IncidentInput, SeverityDefaultsToGeneral) {
  auto p = parse_incident_input("gas_explosion 113.2,23.1");
  ASSERT_TRUE(p.error.empty()) << p.error;
  EXPECT_EQ(p.args["severity"], "general");
}

TEST(IncidentInput, RefusalsSayWhatIsWrong) {
  auto unknown = parse_incident_input("meteor large 113.2,23.1");
  EXPECT_TRUE(unknown.args.is_null());
  EXPECT_NE(unknown.error.find("'meteor'"), std::string::npos) << unknown.error;
  EXPECT_NE(unknown.error.find("火灾"), std::string::npos) << unknown.error;  // lists the choices

  auto misspelt = parse_incident_input("fire lage 113.2,23.1");
  EXPECT_NE(misspelt.error.find("'lage'"), std::string::npos) << misspelt.error;

  EXPECT_NE(parse_incident_input("fire large").error.find("location missing"), std::string::npos);
  EXPECT_NE(parse_incident_input("fire 113.2,93").error.find("latitude"), std::string::npos);
  EXPECT_NE(parse_incident_input("fire 213.2,23").error.find("longitude"), std::string::npos);
  EXPECT_NE(parse_incident_input("fire 113.2;23").error.find("LON,LAT"), std::string::npos);
  EXPECT_NE(parse_incident_input("fire nan,23").error.find("LON,LAT"), std::string::npos);
  EXPECT_FALSE(parse_incident_input("").error.empty());
}

TEST(TeamStatusInput, StatusWithAndWithoutIncident) {
  auto p = parse_team_status_input("T-01 到场");
  ASSERT_TRUE(p.error.empty()) << p.error;
  EXPECT_EQ(p.args, (json{{"team", "T-01"}, {"status", "on_scene"}}));
  auto sent = parse_team_status_input("T-01 dispatched I-000003");
  EXPECT_EQ(sent.args["incident"], "I-000003");
  EXPECT_FALSE(parse_team_status_input("T-01 on_scene I-000003").error.empty());
  EXPECT_NE(parse_team_status_input("T-01 sleeping").error.find("'sleeping'"), std::string::npos);
  EXPECT_FALSE(parse_team_status_input("T-01").error.empty());
}

TEST(PreemptInput, IncidentTeamAndAnOptionalSlot) {
  auto p = parse_preempt_input("I-000007 HC-TM-03");
  ASSERT_TRUE(p.error.empty()) << p.error;
  EXPECT_EQ(p.args, (json{{"incident", "I-000007"}, {"team", "HC-TM-03"}}));
  auto slot = parse_preempt_input("I-000007 HC-TM-03 医疗");
  EXPECT_EQ(slot.args, (json{{"incident", "I-000007"}, {"team", "HC-TM-03"}, {"capability", "medical"}}));
  EXPECT_NE(parse_preempt_input("I-000007 HC-TM-03 swimming").error.find("'swimming'"), std::string::npos);
  EXPECT_FALSE(parse_preempt_input("I-000007").error.empty());
  EXPECT_TRUE(parse_preempt_input("I-000007").args.is_null());
  EXPECT_FALSE(parse_preempt_input("I-1 T-1 medical extra").error.empty());
}

TEST(ShareInput, AllOpenIncidentsOrTheOnesNamed) {
  EXPECT_EQ(parse_share_input("  ").args, json::object());
  EXPECT_EQ(parse_share_input("I-1 I-7").args, (json{{"incidents", {"I-1", "I-7"}}}));
  EXPECT_TRUE(parse_share_input("I-1").args.is_null());
  EXPECT_FALSE(parse_share_input("I-1").error.empty());
}

}  // namespace
}  // namespace erde::console
