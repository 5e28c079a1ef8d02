#include <gtest/gtest.h>

#include "model/vocabulary.hpp"

namespace erde {
namespace {

TEST(Vocabulary, ParsesEnglishCaseInsensitively) {
  EXPECT_EQ(parse_enum<RiskLevel>("Yellow"), RiskLevel::yellow);
  EXPECT_EQ(parse_enum<RiskLevel>("RED"), RiskLevel::red);
  EXPECT_EQ(parse_enum<Severity>(" especially_major "), Severity::especially_major);
}

TEST(Vocabulary, ParsesChineseTermsAndAliases) {
  EXPECT_EQ(parse_enum<RiskLevel>("黄"), RiskLevel::yellow);
  EXPECT_EQ(parse_enum<RiskLevel>("橙色"), RiskLevel::orange);
  EXPECT_EQ(parse_enum<ShelterSetting>("室内"), ShelterSetting::indoor);
  EXPECT_EQ(parse_enum<Material>("沙袋"), Material::sandbag);
  EXPECT_EQ(parse_enum<Severity>("较大"), Severity::large);
  EXPECT_EQ(parse_enum<AreaLevel>("Town"), AreaLevel::street);
}

TEST(Vocabulary, RejectsUnknownValuesNamingTheAllowedOnes) {
  EXPECT_FALSE(parse_enum<RiskLevel>("purple").has_value());
  EXPECT_FALSE(parse_enum<RiskLevel>("").has_value());
  try {
    parse_enum_or_throw<RiskLevel>("purple");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("unknown risk level 'purple'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("yellow (黄)"), std::string::npos) << msg;
  }
}

// Every entry of every vocabulary must round-trip through both of its names, and no two
// entries of one vocabulary may share a name (that would make parsing ambiguous).
template <typename E>
void expect_round_trip_and_unique() {
  const auto& entries = EnumTable<E>::entries;
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(parse_enum<E>(entries[i].en), entries[i].value) << entries[i].en;
    EXPECT_EQ(parse_enum<E>(entries[i].zh), entries[i].value) << entries[i].zh;
    EXPECT_EQ(to_string(entries[i].value), entries[i].en);
    for (size_t j = i + 1; j < entries.size(); ++j) {
      EXPECT_FALSE(iequals(entries[i].en, entries[j].en)) << entries[i].en;
      EXPECT_NE(entries[i].zh, entries[j].zh) << entries[i].zh;
    }
  }
}

TEST(Vocabulary, EveryVocabularyRoundTrips) {
  expect_round_trip_and_unique<AreaLevel>();
  expect_round_trip_and_unique<ShelterSetting>();
  expect_round_trip_and_unique<ShelterType>();
  expect_round_trip_and_unique<DepotKind>();
  expect_round_trip_and_unique<TeamKind>();
  expect_round_trip_and_unique<Capability>();
  expect_round_trip_and_unique<TeamStatus>();
  expect_round_trip_and_unique<RiskKind>();
  expect_round_trip_and_unique<RiskLevel>();
  expect_round_trip_and_unique<IncidentType>();
  expect_round_trip_and_unique<Severity>();
  expect_round_trip_and_unique<ClosureCause>();
  expect_round_trip_and_unique<MaterialCategory>();
  expect_round_trip_and_unique<Material>();
}

TEST(Vocabulary, MaterialsHaveCategoriesAndUnits) {
  EXPECT_EQ(category_of(Material::sandbag), MaterialCategory::building_materials);
  EXPECT_EQ(category_of(Material::pump), MaterialCategory::engineering_machinery);
  EXPECT_EQ(default_unit(Material::sandbag), "bag");
}

}  // namespace
}  // namespace erde
