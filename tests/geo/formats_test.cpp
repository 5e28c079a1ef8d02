// Every vector format of geodata/SCHEMA.md loads into the same Dataset values.
#include <gtest/gtest.h>

#include <algorithm>

#include "geo/load.hpp"
#include "sample_layers.hpp"

namespace erde {
namespace {

using test::Layer;
using test::TempDir;

template <typename T>
const T& by_id(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  if (it == items.end()) throw std::runtime_error("no item " + id);
  return *it;
}

LoadOptions quiet() {
  LoadOptions o;
  o.progress = false;
  return o;
}

TEST(Formats, GeoPackageWithEveryKindLoadsEveryField) {
  TempDir dir;
  test::write_source(dir / "district.gpkg", "GPKG", test::all_layers());
  LoadResult r = load_sources({(dir / "district.gpkg").string()}, quiet());
  const Dataset& d = r.data;
  ASSERT_EQ(d.areas.size(), 3u);
  ASSERT_EQ(d.shelters.size(), 3u);
  ASSERT_EQ(d.depots.size(), 2u);
  ASSERT_EQ(d.teams.size(), 2u);
  ASSERT_EQ(d.risk_points.size(), 2u);
  EXPECT_TRUE(r.problems.empty());

  const AdminArea& district = by_id(d.areas, "D1");
  EXPECT_EQ(district.name, "越秀区");
  EXPECT_EQ(district.level, AreaLevel::district);
  EXPECT_EQ(district.population, 1038000);
  EXPECT_FALSE(district.boundary.empty());
  const AdminArea& s1 = by_id(d.areas, "S1");
  EXPECT_EQ(s1.level, AreaLevel::street);
  EXPECT_EQ(s1.parent_id, "D1");
  EXPECT_FALSE(s1.population.has_value());

  const Shelter& sh1 = by_id(d.shelters, "SH1");
  EXPECT_EQ(sh1.setting, ShelterSetting::indoor);
  EXPECT_EQ(sh1.type, ShelterType::fixed);
  EXPECT_EQ(sh1.level, AreaLevel::street);  // the default
  EXPECT_DOUBLE_EQ(sh1.effective_area_m2, 2400.5);
  EXPECT_EQ(sh1.capacity, 1600);
  EXPECT_EQ(sh1.street_id, "S1");
  EXPECT_DOUBLE_EQ(sh1.location.lon, 113.265);
  EXPECT_DOUBLE_EQ(sh1.location.lat, 23.125);
  EXPECT_TRUE(sh1.footprint.empty());
  const Shelter& sh3 = by_id(d.shelters, "SH3");
  EXPECT_EQ(sh3.setting, ShelterSetting::outdoor);
  EXPECT_EQ(sh3.type, ShelterType::emergency);
  EXPECT_EQ(sh3.level, AreaLevel::community);

  const Team& t1 = by_id(d.teams, "T1");
  EXPECT_EQ(t1.kind, TeamKind::fire_rescue);
  EXPECT_EQ(t1.capabilities, (std::vector<Capability>{Capability::fire_fighting,
                                                      Capability::search_rescue,
                                                      Capability::high_angle}));
  EXPECT_EQ(t1.headcount, 45);
  EXPECT_EQ(t1.equipment, (std::vector<std::string>{"ladder truck", "pump"}));
  EXPECT_EQ(t1.status, TeamStatus::available);
  EXPECT_DOUBLE_EQ(t1.base.lon, 113.266);

  const RiskPoint& r1 = by_id(d.risk_points, "R1");
  EXPECT_EQ(r1.kind, RiskKind::petrol_station);
  EXPECT_EQ(r1.level, RiskLevel::orange);
  EXPECT_EQ(r1.responsible_unit, "中石化");
  EXPECT_EQ(r1.hazard_factors, "汽油");
  const RiskPoint& r2 = by_id(d.risk_points, "R2");
  EXPECT_FALSE(r2.shape.empty());
  EXPECT_NEAR(r2.location.lat, 23.121, 1e-9);  // a point on the pipeline
  EXPECT_GE(r2.location.lon, 113.261);
  EXPECT_LE(r2.location.lon, 113.279);

  // Layers: six kinds, roads reported for `erde graph`, "notes" not recognised.
  ASSERT_EQ(r.layers.size(), 8u);
  EXPECT_EQ(r.unrecognised_layers, std::vector<std::string>{(dir / "district.gpkg").string() + ": notes"});
  auto roads = std::find_if(r.layers.begin(), r.layers.end(),
                            [](const LayerSummary& l) { return l.layer == "roads"; });
  ASSERT_NE(roads, r.layers.end());
  EXPECT_EQ(roads->kind, LayerKind::roads);
  EXPECT_EQ(roads->features, 1);
  EXPECT_EQ(roads->loaded, 0);
  auto shelters = std::find_if(r.layers.begin(), r.layers.end(),
                               [](const LayerSummary& l) { return l.layer == "shelters"; });
  EXPECT_EQ(shelters->loaded, 3);
  EXPECT_EQ(shelters->crs.rfind("EPSG:4326", 0), 0u) << shelters->crs;
  EXPECT_DOUBLE_EQ(shelters->bbox.min_lon, 113.265);
  EXPECT_DOUBLE_EQ(shelters->bbox.max_lon, 113.275);
  EXPECT_DOUBLE_EQ(shelters->bbox.max_lat, 23.133);
  EXPECT_DOUBLE_EQ(r.bbox.min_lon, 113.26);
  EXPECT_DOUBLE_EQ(r.bbox.max_lat, 23.14);
}

TEST(Formats, GeoJsonFileNamedAfterItsKind) {
  TempDir dir;
  // Hand-written GeoJSON: the layer kind comes from the file name.
  test::write_text(dir / "shelters.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"id":"G1","name":"流花湖公园","setting":"室外","type":"固定",
     "effective_area_m2":5000,"capacity":3000},
     "geometry":{"type":"Point","coordinates":[113.2601,23.1402]}}]})");
  LoadResult r = load_sources({(dir / "shelters.geojson").string()}, quiet());
  ASSERT_EQ(r.data.shelters.size(), 1u);
  EXPECT_EQ(r.data.shelters[0].name, "流花湖公园");
  EXPECT_EQ(r.data.shelters[0].capacity, 3000);
  EXPECT_DOUBLE_EQ(r.data.shelters[0].location.lon, 113.2601);
  EXPECT_DOUBLE_EQ(r.data.shelters[0].location.lat, 23.1402);
}

TEST(Formats, ShapefileWithTruncatedFieldNames) {
  TempDir dir;
  // The Shapefile driver cuts effective_area_m2 to "effective_" and capabilities to
  // "capabiliti"; erde still finds them.
  Layer shelters = test::shelters_layer();
  shelters.features.erase(shelters.features.begin() + 1);  // one geometry type: points only
  shelters.options = {"ENCODING=UTF-8"};
  test::write_source(dir / "shelters.shp", "ESRI Shapefile", {shelters});
  Layer teams = test::teams_layer();
  teams.options = {"ENCODING=UTF-8"};
  test::write_source(dir / "teams.shp", "ESRI Shapefile", {teams});
  LoadResult r = load_sources({(dir / "shelters.shp").string(), (dir / "teams.shp").string()}, quiet());
  ASSERT_EQ(r.data.shelters.size(), 2u);
  EXPECT_EQ(by_id(r.data.shelters, "SH3").name, "人民公园");
  EXPECT_DOUBLE_EQ(by_id(r.data.shelters, "SH1").effective_area_m2, 2400.5);
  ASSERT_EQ(r.data.teams.size(), 2u);
  EXPECT_EQ(by_id(r.data.teams, "T2").capabilities,
            (std::vector<Capability>{Capability::drainage, Capability::building_collapse}));
}

TEST(Formats, CsvWithWktColumnAndCsvWithLonLatColumns) {
  TempDir dir;
  test::write_text(dir / "risk_points.csv",
                   "id,name,kind,level,WKT\n"
                   "R9,\"大沙头内涝点\",内涝点,黄,\"POINT (113.29 23.12)\"\n"
                   "R10,东濠涌,waterlogging_point,blue,\"POLYGON ((113.28 23.13,113.281 23.13,113.281 23.131,113.28 23.13))\"\n");
  test::write_text(dir / "teams.csv",
                   "id,name,kind,capabilities,headcount,lon,lat\n"
                   "T7,水域救援队,professional,水域救援;医疗,20,113.2712,23.1199\n");
  test::write_text(dir / "depot_stock.csv", "depot_id,material,quantity\nDP1,pump,2\n");
  test::write_source(dir / "depots.geojson", "GeoJSON", {test::depots_layer()});
  LoadOptions o = quiet();
  o.assume_crs = "EPSG:4326";  // CSV carries no CRS
  LoadResult r = load_sources({(dir / "risk_points.csv").string(), (dir / "teams.csv").string(),
                               (dir / "depot_stock.csv").string(), (dir / "depots.geojson").string()},
                              o);
  ASSERT_EQ(r.data.risk_points.size(), 2u);
  EXPECT_EQ(by_id(r.data.risk_points, "R9").kind, RiskKind::waterlogging_point);
  EXPECT_EQ(by_id(r.data.risk_points, "R9").level, RiskLevel::yellow);
  EXPECT_DOUBLE_EQ(by_id(r.data.risk_points, "R9").location.lon, 113.29);
  EXPECT_FALSE(by_id(r.data.risk_points, "R10").shape.empty());
  ASSERT_EQ(r.data.teams.size(), 1u);
  EXPECT_DOUBLE_EQ(r.data.teams[0].base.lon, 113.2712);
  EXPECT_DOUBLE_EQ(r.data.teams[0].base.lat, 23.1199);
  EXPECT_EQ(r.data.teams[0].capabilities,
            (std::vector<Capability>{Capability::water_rescue, Capability::medical}));
  // DP1's stock text gave 4 pumps ("台"), the table adds 2 in the default unit "piece".
  const Depot& dp1 = by_id(r.data.depots, "DP1");
  double pumps = 0;
  for (const StockItem& s : dp1.stock)
    if (s.material == Material::pump) pumps += s.quantity;
  EXPECT_DOUBLE_EQ(pumps, 6);
}

TEST(Formats, FlatGeobuf) {
  TempDir dir;
  test::write_source(dir / "areas.fgb", "FlatGeobuf", {test::areas_layer()});
  LoadResult r = load_sources({(dir / "areas.fgb").string()}, quiet());
  ASSERT_EQ(r.data.areas.size(), 3u);
  EXPECT_EQ(by_id(r.data.areas, "S2").population, 50000);
  EXPECT_EQ(by_id(r.data.areas, "S2").name, "人民街道");
}

TEST(Formats, DepotStockFromTextAndTable) {
  TempDir dir;
  test::write_source(dir / "d.gpkg", "GPKG", {test::depots_layer(), test::depot_stock_layer()});
  LoadResult r = load_sources({(dir / "d.gpkg").string()}, quiet());
  const Depot& dp1 = by_id(r.data.depots, "DP1");
  ASSERT_EQ(dp1.stock.size(), 3u);  // 沙包 2000 袋 + 500 袋 summed, 水泵 4 台, raincoat 300
  EXPECT_EQ(dp1.stock[0].material, Material::sandbag);
  EXPECT_DOUBLE_EQ(dp1.stock[0].quantity, 2500);
  EXPECT_EQ(dp1.stock[0].unit, "袋");
  EXPECT_EQ(dp1.stock[1].material, Material::pump);
  EXPECT_EQ(dp1.stock[1].unit, "台");
  EXPECT_EQ(dp1.stock[2].material, Material::raincoat);
  EXPECT_EQ(dp1.stock[2].unit, "piece");
  const Depot& dp2 = by_id(r.data.depots, "DP2");
  ASSERT_EQ(dp2.stock.size(), 1u);
  EXPECT_EQ(dp2.stock[0].material, Material::tent);
  EXPECT_DOUBLE_EQ(dp2.stock[0].quantity, 40);
  EXPECT_EQ(dp2.kind, DepotKind::street_reserve);
  EXPECT_EQ(dp1.kind, DepotKind::district_depot);
}

TEST(Formats, ChineseEnumValuesLoad) {
  TempDir dir;
  test::write_source(dir / "d.gpkg", "GPKG", {test::teams_layer(), test::risk_points_layer()});
  LoadResult r = load_sources({(dir / "d.gpkg").string()}, quiet());
  const Team& t2 = by_id(r.data.teams, "T2");
  EXPECT_EQ(t2.kind, TeamKind::street_parttime);
  EXPECT_EQ(t2.status, TeamStatus::dispatched);
  EXPECT_EQ(by_id(r.data.risk_points, "R1").kind, RiskKind::petrol_station);
}

TEST(Formats, TenThousandFeatureLayer) {
  TempDir dir;
  Layer l = test::shelters_layer();
  l.features.clear();
  for (int i = 0; i < 10000; ++i) {
    double lon = 113.2 + 0.0001 * (i % 100), lat = 23.1 + 0.0001 * (i / 100);
    char wkt[64];
    std::snprintf(wkt, sizeof wkt, "POINT (%.4f %.4f)", lon, lat);
    std::string id = "S";
    id += std::to_string(i);
    l.features.push_back({{{"id", id}, {"name", "n"}, {"setting", "indoor"},
                           {"type", "fixed"}, {"effective_area_m2", "10"},
                           {"capacity", std::to_string(i)}},
                          wkt, nullptr});
  }
  test::write_source(dir / "big.gpkg", "GPKG", {l});
  LoadResult r = load_sources({(dir / "big.gpkg").string()}, quiet());
  ASSERT_EQ(r.data.shelters.size(), 10000u);
  EXPECT_EQ(by_id(r.data.shelters, "S9999").capacity, 9999);
  EXPECT_NEAR(by_id(r.data.shelters, "S9999").location.lon, 113.2099, 1e-12);
  EXPECT_NEAR(r.bbox.max_lat, 23.1099, 1e-12);
}

}  // namespace
}  // namespace erde
