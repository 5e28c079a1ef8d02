#include <gtest/gtest.h>

#include "gateway/district.hpp"
#include "geo/load.hpp"
#include "graph/import.hpp"

using namespace erde;
using nlohmann::json;

TEST(District, DemoDistrictAsGeoJson) {
  const std::string demo = std::string(ERDE_SOURCE_DIR) + "/geodata/demo/demo.gpkg";
  LoadOptions options;
  options.progress = false;
  Dataset data = load_sources({demo}, options).data;
  RoadGraph roads = open_roads(demo);
  GeosContext geos;
  json d = web::district_geojson(data, roads, geos);

  ASSERT_EQ(d["areas"]["features"].size(), data.areas.size());
  ASSERT_EQ(d["risk_points"]["features"].size(), data.risk_points.size());
  ASSERT_EQ(d["roads"]["features"].size(), roads.segment_count());
  ASSERT_EQ(d["responsibility_areas"]["features"].size(), data.responsibility_areas.size());
  ASSERT_GT(data.responsibility_areas.size(), 0u);
  for (size_t k = 0; k < data.responsibility_areas.size(); ++k) {
    const json& f = d["responsibility_areas"]["features"][k];
    const ResponsibilityArea& a = data.responsibility_areas[k];
    EXPECT_EQ(f["properties"]["id"], a.id);
    EXPECT_EQ(f["properties"]["team_id"], a.team_id);
    EXPECT_TRUE(f["properties"]["team_name"].is_string()) << a.team_id;  // every demo area names a team it has
    EXPECT_TRUE(f["geometry"]["type"] == "Polygon" || f["geometry"]["type"] == "MultiPolygon");
  }
  ASSERT_GT(roads.segment_count(), 0u);

  const json& area = d["areas"]["features"][0];
  EXPECT_TRUE(area["geometry"]["type"] == "Polygon" || area["geometry"]["type"] == "MultiPolygon");
  EXPECT_TRUE(area["properties"]["level"].contains("zh"));
  // The district outline is drawn last, on top of its streets.
  EXPECT_EQ(d["areas"]["features"].back()["properties"]["level"]["en"], "district");

  const json& risk = d["risk_points"]["features"][0]["properties"]["level"];
  EXPECT_TRUE(risk["en"] == "red" || risk["en"] == "orange" || risk["en"] == "yellow" || risk["en"] == "blue");

  const json& bbox = d["bbox"];
  ASSERT_EQ(bbox.size(), 4u);
  EXPECT_LT(bbox[0].get<double>(), bbox[2].get<double>());
  EXPECT_LT(bbox[1].get<double>(), bbox[3].get<double>());
  for (const json& f : d["risk_points"]["features"]) {
    double lon = f["geometry"]["coordinates"][0], lat = f["geometry"]["coordinates"][1];
    EXPECT_GE(lon, bbox[0].get<double>());
    EXPECT_LE(lat, bbox[3].get<double>());
  }
}

TEST(District, VocabularyIsBilingual) {
  json v = web::vocabulary_json();
  ASSERT_EQ(v["risk_level"].size(), 4u);
  EXPECT_EQ(v["risk_level"][0], json({{"en", "red"}, {"zh", "红"}}));
  EXPECT_EQ(v["team_status"][1]["zh"], "出动");
  EXPECT_FALSE(v["incident_type"].empty());
}
