#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "dispatch/response_plan.hpp"
#include "dispatch/incident_file.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

using nlohmann::json;

const ResponsePlanBook& shipped() {
  static ResponsePlanBook book = load_response_plans(std::string(ERDE_SOURCE_DIR) + "/geodata/response_plans.json");
  return book;
}

int team_total(const ResponsePlan& p) {
  int n = 0;
  for (const auto& t : p.teams) n += t.count;
  return n;
}

int count_of(const ResponsePlan& p, Capability c) {
  for (const auto& t : p.teams)
    if (t.capability == c) return t.count;
  return 0;
}

TEST(ResponsePlans, ShippedFileHasTheHazchemExampleFromTheBrief) {
  const ResponsePlan& p = shipped().at(IncidentType::hazchem_leak, Severity::large);
  EXPECT_EQ(count_of(p, Capability::fire_fighting), 2);
  EXPECT_EQ(count_of(p, Capability::hazmat), 1);
  EXPECT_EQ(count_of(p, Capability::medical), 1);
  ASSERT_TRUE(p.evacuation_radius_m.has_value());
  EXPECT_LE(*p.evacuation_radius_m, p.warning_radius_m);
}

TEST(ResponsePlans, EveryTypeScalesWithSeverity) {
  for (const auto& t : EnumTable<IncidentType>::entries) {
    const ResponsePlan* prev = nullptr;
    for (const auto& s : EnumTable<Severity>::entries) {
      const ResponsePlan& p = shipped().at(t.value, s.value);
      EXPECT_EQ(p.type, t.value);
      EXPECT_EQ(p.severity, s.value);
      EXPECT_GT(team_total(p), 0) << t.en << "." << s.en;
      EXPECT_GT(p.warning_radius_m, 0.0) << t.en << "." << s.en;
      if (prev) {
        EXPECT_GE(team_total(p), team_total(*prev)) << t.en << "." << s.en;
        EXPECT_GE(p.warning_radius_m, prev->warning_radius_m) << t.en << "." << s.en;
        for (const auto& req : prev->teams) EXPECT_GE(count_of(p, req.capability), req.count) << t.en << "." << s.en;
        if (prev->evacuation_radius_m) {
          ASSERT_TRUE(p.evacuation_radius_m) << t.en << "." << s.en;
          EXPECT_GE(*p.evacuation_radius_m, *prev->evacuation_radius_m);
        }
      }
      prev = &p;
    }
  }
}

json minimal_document() {
  json plans = json::object();
  for (const auto& t : EnumTable<IncidentType>::entries)
    for (const auto& s : EnumTable<Severity>::entries)
      plans[std::string(t.en)][std::string(s.en)] = {{"teams", {{"search_rescue", 1}}}, {"warning_radius_m", 100}};
  return {{"plans", plans}};
}

std::string error_of(const json& doc) {
  try {
    parse_response_plans(doc, "plans.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(ResponsePlans, AcceptsChineseKeysAndSortsRequirements) {
  json doc = minimal_document();
  doc["plans"]["fire"].erase("large");
  doc["plans"]["fire"]["较大"] = {{"teams", {{"医疗", 1}, {"灭火", 2}}},
                                 {"materials", {{"沙袋", 300}, {"pump", 2}}},
                                 {"evacuation_radius_m", 50},
                                 {"warning_radius_m", 200}};
  ResponsePlanBook book = parse_response_plans(doc, "plans.json");
  const ResponsePlan& p = book.at(IncidentType::fire, Severity::large);
  ASSERT_EQ(p.teams.size(), 2u);
  EXPECT_EQ(p.teams[0].capability, Capability::fire_fighting);
  EXPECT_EQ(p.teams[0].count, 2);
  EXPECT_EQ(p.teams[1].capability, Capability::medical);
  ASSERT_EQ(p.materials.size(), 2u);
  EXPECT_EQ(p.materials[0].material, Material::sandbag);
  EXPECT_EQ(p.materials[0].quantity, 300.0);
  EXPECT_EQ(p.materials[1].material, Material::pump);
  EXPECT_EQ(p.evacuation_radius_m, 50.0);
  EXPECT_FALSE(book.at(IncidentType::fire, Severity::general).evacuation_radius_m.has_value());
}

TEST(ResponsePlans, UnknownIncidentTypeNamesFileKeyAndAllowedValues) {
  json doc = minimal_document();
  doc["plans"]["meteor"] = doc["plans"]["fire"];
  std::string msg = error_of(doc);
  EXPECT_NE(msg.find("plans.json: plans.meteor: unknown incident type 'meteor'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("hazchem_leak (危化品泄漏)"), std::string::npos) << msg;
}

TEST(ResponsePlans, UnknownCapabilityAndMaterialAreErrors) {
  json doc = minimal_document();
  doc["plans"]["fire"]["general"]["teams"] = {{"swimming", 1}};
  std::string msg = error_of(doc);
  EXPECT_NE(msg.find("plans.fire.general.teams.swimming: unknown capability 'swimming'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("water_rescue (水域救援)"), std::string::npos) << msg;

  doc = minimal_document();
  doc["plans"]["drowning"]["major"]["materials"] = {{"rubber_duck", 3}};
  msg = error_of(doc);
  EXPECT_NE(msg.find("plans.drowning.major.materials.rubber_duck: unknown material 'rubber_duck'"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("sandbag (沙包)"), std::string::npos) << msg;
}

TEST(ResponsePlans, SubstitutesReachEveryPlanInTheirOrder) {
  json doc = minimal_document();
  doc["substitutes"] = {{"医疗", json::array({{{"by", "fire_fighting"}, {"note", "初期急救"}}, {{"by", "搜救"}}})},
                        {"traffic", json::array({{{"by", "fire"}}})}};
  const ResponsePlanBook book = parse_response_plans(doc, "plans.json");
  for (const auto& by_type : book.plans)
    for (const ResponsePlan& plan : by_type) {
      ASSERT_EQ(plan.substitutes.size(), 3u);
      EXPECT_EQ(plan.substitutes[0].slot, Capability::medical);
      EXPECT_EQ(plan.substitutes[0].by, Capability::fire_fighting);
      EXPECT_EQ(plan.substitutes[0].note, "初期急救");
      EXPECT_EQ(plan.substitutes[1].by, Capability::search_rescue);
      EXPECT_EQ(plan.substitutes[1].note, "");
      EXPECT_EQ(plan.substitutes[2].slot, Capability::traffic);
    }
  // The shipped file lets fire-rescue stand in for traffic and medical teams.
  bool traffic = false;
  for (const TeamSubstitute& sub : shipped().at(IncidentType::traffic_accident, Severity::general).substitutes)
    traffic |= sub.slot == Capability::traffic && sub.by == Capability::fire_fighting && !sub.note.empty();
  EXPECT_TRUE(traffic);
}

TEST(ResponsePlans, BadSubstitutesAreErrorsNamingTheKey) {
  auto with = [](json substitutes) {
    json doc = minimal_document();
    doc["substitutes"] = std::move(substitutes);
    return error_of(doc);
  };
  std::string msg = with({{"medical", json::array({{{"by", "swimming"}}})}});
  EXPECT_NE(msg.find("plans.json: substitutes.medical.0.by: unknown capability 'swimming'"), std::string::npos) << msg;
  msg = with({{"medical", json::array({{{"by", "medical"}}})}});
  EXPECT_NE(msg.find("substitutes.medical.0.by: a capability cannot substitute for itself"), std::string::npos) << msg;
  msg = with({{"medical", json::array({{{"by", "gas"}}, {{"by", "燃气"}}})}});
  EXPECT_NE(msg.find("substitutes.medical.1.by: 'gas' listed twice for medical"), std::string::npos) << msg;
  msg = with({{"medical", json::array({{{"by", "gas"}, {"colour", "red"}}})}});
  EXPECT_NE(msg.find("substitutes.medical.0: unknown field 'colour'"), std::string::npos) << msg;
  msg = with({{"medical", json::array({{{"by", "gas"}, {"note", "first\u202eaid"}}})}});
  EXPECT_NE(msg.find("substitutes.medical.0.note: contains a control or invisible character: first\\u{202E}aid"),
            std::string::npos)
      << msg;
  msg = with({{"medical", json::array({{{"by", "gas"}, {"note", "bad \xff byte"}}})}});
  EXPECT_NE(msg.find("substitutes.medical.0.note: not UTF-8 text"), std::string::npos) << msg;
  msg = with({{"medical", {{"by", "gas"}}}});
  EXPECT_NE(msg.find("substitutes.medical: expected a list"), std::string::npos) << msg;
  msg = with(json::array());
  EXPECT_NE(msg.find("substitutes: expected an object"), std::string::npos) << msg;
}

TEST(ResponsePlans, FirstDueRuleReachesEveryPlanAndIsCheckedLikeTheRest) {
  EXPECT_FALSE(parse_response_plans(minimal_document(), "plans.json").at(IncidentType::fire, Severity::general).first_due);
  json doc = minimal_document();
  doc["first_due"] = {{"faster_by_s", 75}};
  const ResponsePlanBook book = parse_response_plans(doc, "plans.json");
  for (const auto& by_type : book.plans)
    for (const ResponsePlan& plan : by_type) {
      ASSERT_TRUE(plan.first_due);
      EXPECT_EQ(plan.first_due->faster_by_s, 75);
    }
  ASSERT_TRUE(shipped().at(IncidentType::fire, Severity::general).first_due);
  auto with = [](json rule) {
    json d = minimal_document();
    d["first_due"] = std::move(rule);
    return error_of(d);
  };
  std::string msg = with({{"faster_by_s", -1}});
  EXPECT_NE(msg.find("plans.json: first_due.faster_by_s: expected a finite number >= 0"), std::string::npos) << msg;
  msg = with({{"faster_by_s", 7200}});
  EXPECT_NE(msg.find("first_due.faster_by_s: expected at most 3600 seconds"), std::string::npos) << msg;
  msg = with({{"faster_by_s", "90"}});
  EXPECT_NE(msg.find("first_due.faster_by_s: expected a number"), std::string::npos) << msg;
  msg = with({{"faster_by", 90}});
  EXPECT_NE(msg.find("first_due: unknown field 'faster_by'"), std::string::npos) << msg;
  msg = with(json::object());
  EXPECT_NE(msg.find("first_due: missing field 'faster_by_s'"), std::string::npos) << msg;
  msg = with(90);
  EXPECT_NE(msg.find("first_due: expected {"), std::string::npos) << msg;
}

TEST(ResponsePlans, PreemptionRuleGivesEachSeverityTheLowerOnesItMayTakeFrom) {
  using V = Severity;
  EXPECT_TRUE(parse_response_plans(minimal_document(), "plans.json").at(IncidentType::fire, V::major).may_take_from.empty());
  json doc = minimal_document();
  doc["preemption"] = {{"especially_major", {"large", "general"}}, {"重大", {"general"}}};
  const ResponsePlanBook book = parse_response_plans(doc, "plans.json");
  for (const auto& t : EnumTable<IncidentType>::entries) {
    EXPECT_TRUE(book.at(t.value, V::general).may_take_from.empty());
    EXPECT_TRUE(book.at(t.value, V::large).may_take_from.empty());
    EXPECT_EQ(book.at(t.value, V::major).may_take_from, std::vector<V>{V::general});
    EXPECT_EQ(book.at(t.value, V::especially_major).may_take_from, (std::vector<V>{V::general, V::large}));
  }
  // The shipped book: 重大 takes from 一般, 特别重大 from 一般 and 较大.
  EXPECT_EQ(shipped().at(IncidentType::fire, V::major).may_take_from, std::vector<V>{V::general});
  EXPECT_EQ(shipped().at(IncidentType::waterlogging, V::especially_major).may_take_from,
            (std::vector<V>{V::general, V::large}));
  EXPECT_TRUE(shipped().at(IncidentType::fire, V::large).may_take_from.empty());

  auto with = [](json rule) {
    json d = minimal_document();
    d["preemption"] = std::move(rule);
    return error_of(d);
  };
  std::string msg = with({{"major", {"major"}}});
  EXPECT_NE(msg.find("plans.json: preemption.major.0: 'major' is not lower than 'major'"), std::string::npos) << msg;
  msg = with({{"large", {"especially_major"}}});
  EXPECT_NE(msg.find("preemption.large.0: 'especially_major' is not lower than 'large'"), std::string::npos) << msg;
  msg = with({{"major", {"general", "general"}}});
  EXPECT_NE(msg.find("preemption.major.1: 'general' listed twice"), std::string::npos) << msg;
  msg = with({{"huge", {"general"}}});
  EXPECT_NE(msg.find("preemption.huge: unknown severity 'huge'"), std::string::npos) << msg;
  msg = with({{"major", {"minor"}}});
  EXPECT_NE(msg.find("preemption.major.0: unknown severity 'minor'"), std::string::npos) << msg;
  msg = with({{"major", "general"}});
  EXPECT_NE(msg.find("preemption.major: expected a list of severities"), std::string::npos) << msg;
  msg = with({{"major", {1}}});
  EXPECT_NE(msg.find("preemption.major.0: expected a severity, got 1"), std::string::npos) << msg;
  msg = with({"major"});
  EXPECT_NE(msg.find("preemption: expected an object"), std::string::npos) << msg;
}

TEST(ResponsePlans, MutualAidContactsByNeedWithADefault) {
  json doc = minimal_document();
  doc["mutual_aid"] = {{"default", {{"to", "市应急管理局"}, {"contact", "12350"}}},
                       {"teams", {{"水域救援", {{"to", "市消防救援支队"}}}}},
                       {"materials", {{"sandbag", {{"to", "市物资储备库"}, {"contact", "020"}}}}},
                       {"shelter", {{"to", "邻区"}}}};
  const ResponsePlanBook book = parse_response_plans(doc, "plans.json");
  const ResponsePlan& plan = book.at(IncidentType::waterlogging, Severity::major);
  ASSERT_TRUE(plan.mutual_aid.fallback);
  EXPECT_EQ(plan.mutual_aid.fallback->to, "市应急管理局");
  EXPECT_EQ(plan.mutual_aid.fallback->contact, "12350");
  ASSERT_EQ(plan.mutual_aid.teams.size(), 1u);
  EXPECT_EQ(plan.mutual_aid.teams[0].first, Capability::water_rescue);
  EXPECT_EQ(plan.mutual_aid.teams[0].second.contact, "");
  ASSERT_EQ(plan.mutual_aid.materials.size(), 1u);
  ASSERT_TRUE(plan.mutual_aid.shelter);
  EXPECT_TRUE(shipped().at(IncidentType::fire, Severity::general).mutual_aid.fallback);

  auto with = [](json aid) {
    json d = minimal_document();
    d["mutual_aid"] = std::move(aid);
    return error_of(d);
  };
  std::string msg = with({{"teams", {{"swimming", {{"to", "x"}}}}}});
  EXPECT_NE(msg.find("plans.json: mutual_aid.teams.swimming: unknown capability 'swimming'"), std::string::npos) << msg;
  msg = with({{"default", {{"contact", "12350"}}}});
  EXPECT_NE(msg.find("mutual_aid.default: missing field 'to'"), std::string::npos) << msg;
  msg = with({{"default", {{"to", ""}}}});
  EXPECT_NE(msg.find("mutual_aid.default.to: must not be empty"), std::string::npos) << msg;
  msg = with({{"shelter", {{"to", "邻区\u200b"}}}});
  EXPECT_NE(msg.find("mutual_aid.shelter.to: contains a control or invisible character"), std::string::npos) << msg;
  msg = with({{"materials", {{"sandbag", {{"to", "a"}, {"phone", "1"}}}}}});
  EXPECT_NE(msg.find("mutual_aid.materials.sandbag: unknown field 'phone'"), std::string::npos) << msg;
  msg = with({{"neighbours", json::object()}});
  EXPECT_NE(msg.find("mutual_aid: unknown field 'neighbours'"), std::string::npos) << msg;
  msg = with({{"teams", {{"fire_fighting", {{"to", "a"}}}, {"灭火", {{"to", "b"}}}}}});
  EXPECT_NE(msg.find("given twice"), std::string::npos) << msg;
}

TEST(ResponsePlans, MissingSeverityAndBadNumbersAreErrors) {
  json doc = minimal_document();
  doc["plans"]["drowning"].erase("especially_major");
  EXPECT_NE(error_of(doc).find("no plan for drowning.especially_major"), std::string::npos) << error_of(doc);

  doc = minimal_document();
  doc["plans"]["fire"]["general"]["materials"] = {{"sandbag", -5}};
  EXPECT_NE(error_of(doc).find("plans.fire.general.materials.sandbag: expected a finite number >= 0"), std::string::npos)
      << error_of(doc);

  doc = minimal_document();
  doc["plans"]["fire"]["general"]["teams"] = {{"medical", 1.5}};
  EXPECT_NE(error_of(doc).find("team count must be a whole number"), std::string::npos) << error_of(doc);

  doc = minimal_document();
  doc["plans"]["fire"]["general"]["evacuation_radius_m"] = 500;
  EXPECT_NE(error_of(doc).find("evacuation_radius_m is larger than warning_radius_m"), std::string::npos);

  doc = minimal_document();
  doc["plans"]["fire"]["general"]["warning_radius"] = 5;
  EXPECT_NE(error_of(doc).find("unknown field 'warning_radius'"), std::string::npos) << error_of(doc);

  doc = minimal_document();
  doc["plans"]["fire"]["general"]["teams"] = {{"medical", 1}, {"医疗", 2}};
  EXPECT_NE(error_of(doc).find("given twice"), std::string::npos) << error_of(doc);
}

TEST(ResponsePlans, MissingFileAndBadJsonNameTheFile) {
  try {
    load_response_plans("/nonexistent/plans.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/plans.json"), std::string::npos);
  }
}

// Found by fuzz_plan_files: nlohmann::json reports a number too large for a double
// (out_of_range 406, not a parse_error), which escaped the loaders instead of an erde::Error.
TEST(ResponsePlans, NumberTooLargeForADoubleIsAnErrorNamingTheFile) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("erde-plans-" + std::to_string(getpid()) + ".json");
  std::ofstream(file) << R"({"plans": {"fire": {"general": {"warning_radius_m": 1e400}}}})";
  try {
    load_response_plans(file);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string() + ": not valid JSON"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("number overflow"), std::string::npos) << e.what();
  }
  std::ofstream(file) << R"({"incidents": [{"id": "I1", "type": "fire", "severity": "general", "at": [1e999, 23.1]}]})";
  EXPECT_THROW(load_incidents(file), Error);
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace erde
