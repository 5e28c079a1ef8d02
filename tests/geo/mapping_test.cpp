#include <gtest/gtest.h>

#include "geo/mapping.hpp"
#include "geo/stock_text.hpp"
#include "test_files.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

std::string error_of(const std::string& json) {
  try {
    parse_mapping(json, "m.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Mapping, ReadsLayersCrsAndFields) {
  Mapping m = parse_mapping(
      R"({"layers":{"shelters":{"layer":"避难场所","crs":"EPSG:4490","fields":{"capacity":"容纳人数"}},
                    "teams":{"fields":{"lon":"经度","lat":"纬度"}}}})",
      "m.json");
  ASSERT_NE(m.find(LayerKind::shelters), nullptr);
  EXPECT_EQ(m.find(LayerKind::shelters)->layer, "避难场所");
  EXPECT_EQ(m.find(LayerKind::shelters)->crs, "EPSG:4490");
  EXPECT_EQ(m.find(LayerKind::shelters)->fields.at("capacity"), "容纳人数");
  EXPECT_EQ(m.find(LayerKind::teams)->fields.at("lat"), "纬度");
  EXPECT_EQ(m.find(LayerKind::areas), nullptr);
}

TEST(Mapping, RejectsMistakesNamingTheFileAndTheKey) {
  EXPECT_EQ(error_of("{").rfind("m.json: not valid JSON", 0), 0u);
  EXPECT_EQ(error_of(R"({"layers":{"shelter":{}}})").rfind("m.json: layers.shelter: unknown layer kind; known: areas, shelters", 0), 0u);
  EXPECT_EQ(error_of(R"({"layers":{"shelters":{"fields":{"capacty":"x"}}}})")
                .rfind("m.json: layers.shelters.fields: unknown field 'capacty'; known: id, name", 0),
            0u);
  EXPECT_EQ(error_of(R"({"layers":{"shelters":{"fields":{"capacity":3}}}})"),
            "m.json: layers.shelters.fields.capacity: must be a non-empty string");
  EXPECT_EQ(error_of(R"({"layers":{"shelters":{"lyr":"x"}}})"),
            "m.json: layers.shelters: unknown key \"lyr\" (expected layer, crs, fields)");
  EXPECT_EQ(error_of(R"([])"), "m.json: expected an object with a \"layers\" object");
  EXPECT_THROW(read_mapping("/nonexistent/m.json"), Error);
}

TEST(Mapping, TheExampleFileIsValid) {
  Mapping m = read_mapping(std::string(ERDE_SOURCE_DIR) + "/geodata/mapping.example.json");
  EXPECT_FALSE(m.layers.empty());
}

TEST(StockText, ParsesItemsUnitsAndChineseSeparators) {
  std::vector<std::string> errors;
  auto items = parse_stock_text("sandbag=2000 bag; pump=4；沙包：100袋;  ; 帐篷=12.5", errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].material, Material::sandbag);
  EXPECT_DOUBLE_EQ(items[0].quantity, 2000);
  EXPECT_EQ(items[0].unit, "bag");
  EXPECT_EQ(items[1].unit, "piece");  // the material's default
  EXPECT_EQ(items[2].material, Material::sandbag);
  EXPECT_EQ(items[2].unit, "袋");
  EXPECT_DOUBLE_EQ(items[3].quantity, 12.5);
}

}  // namespace
}  // namespace erde
