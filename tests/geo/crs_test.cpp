// Every source CRS comes back as WGS84 lon/lat within 1e-7 degrees, checked against values
// computed here by hand where the projection's formula is simple enough.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "geo/load.hpp"
#include "sample_layers.hpp"

namespace erde {
namespace {

using test::Layer;
using test::TempDir;

constexpr double tolerance_deg = 1e-7;

LoadOptions quiet() {
  LoadOptions o;
  o.progress = false;
  return o;
}

Layer one_shelter(int epsg, const std::string& wkt) {
  Layer l = test::shelters_layer();
  l.epsg = epsg;
  l.features.resize(1);
  l.features[0].wkt = wkt;
  return l;
}

LonLat load_one(const std::filesystem::path& file, const LoadOptions& o = quiet()) {
  LoadResult r = load_sources({file.string()}, o);
  if (r.data.shelters.size() != 1) throw std::runtime_error("expected one shelter");
  return r.data.shelters[0].location;
}

// Meridian arc length from the equator (Snyder, Map Projections: A Working Manual, 3-21).
double meridian_arc(double a, double f, double lat_deg) {
  double e2 = f * (2 - f), e4 = e2 * e2, e6 = e4 * e2;
  double p = lat_deg * std::numbers::pi / 180;
  return a * ((1 - e2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * p -
              (3 * e2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * std::sin(2 * p) +
              (15 * e4 / 256 + 45 * e6 / 1024) * std::sin(4 * p) -
              (35 * e6 / 3072) * std::sin(6 * p));
}

struct CrsCase {
  int epsg;
  const char* name;
};

class RoundTrip : public ::testing::TestWithParam<CrsCase> {};

TEST_P(RoundTrip, WrittenByOgrInTheCrsLoadsAsTheOriginalWgs84) {
  TempDir dir;
  const double lon = 113.2734567, lat = 23.1298765;
  test::write_source(dir / "s.gpkg", "GPKG", {one_shelter(GetParam().epsg, test::point_in(GetParam().epsg, lon, lat))});
  LonLat p = load_one(dir / "s.gpkg");
  EXPECT_NEAR(p.lon, lon, tolerance_deg) << GetParam().name;
  EXPECT_NEAR(p.lat, lat, tolerance_deg) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(Crs, RoundTrip,
                         ::testing::Values(CrsCase{4326, "WGS84"}, CrsCase{4490, "CGCS2000"},
                                           CrsCase{32649, "UTM 49N"}, CrsCase{3857, "Web Mercator"},
                                           CrsCase{4547, "CGCS2000 Gauss-Kruger CM 114E"}),
                         [](const auto& param_info) { return "EPSG_" + std::to_string(param_info.param.epsg); });

TEST(Crs, WebMercatorAgainstItsFormula) {
  TempDir dir;
  const double R = 6378137.0, lon = 113.27, lat = 23.13;
  double x = R * lon * std::numbers::pi / 180;
  double y = R * std::log(std::tan(std::numbers::pi / 4 + lat * std::numbers::pi / 360));
  char wkt[128];
  std::snprintf(wkt, sizeof wkt, "POINT (%.6f %.6f)", x, y);
  test::write_source(dir / "s.gpkg", "GPKG", {one_shelter(3857, wkt)});
  LonLat p = load_one(dir / "s.gpkg");
  EXPECT_NEAR(p.lon, lon, tolerance_deg);
  EXPECT_NEAR(p.lat, lat, tolerance_deg);
}

// Found with fuzz_layers: GDAL's Web Mercator to WGS84 step wraps longitudes 360° at a time, so
// x = 1e30 in EPSG:3857 never came back from the transform (1e17 took seconds, then loaded as a
// shelter somewhere); such coordinates are refused before transforming.
TEST(Crs, ProjectedCoordinatesFarOutsideAnyRangeAreRefusedBeforeTransforming) {
  TempDir dir;
  test::write_text(dir / "shelters.csv",
                   "id,name,setting,type,effective_area_m2,capacity,lon,lat\n"
                   "SH1,a,indoor,fixed,100,50,1e17,0\n"
                   "SH2,b,indoor,fixed,100,50,12609000,2646000\n");
  LoadOptions o = quiet();
  o.assume_crs = "EPSG:3857";
  o.lenient = true;
  LoadResult r = load_sources({(dir / "shelters.csv").string()}, o);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].feature, "SH1");
  EXPECT_EQ(r.problems[0].field, "geometry");
  EXPECT_NE(r.problems[0].reason.find("is outside any range of EPSG:3857"), std::string::npos) << r.problems[0].reason;
  ASSERT_EQ(r.data.shelters.size(), 1u);
  EXPECT_NEAR(r.data.shelters[0].location.lon, 113.27, 0.01);
}

TEST(Crs, UtmAndGaussKrugerOnTheirCentralMeridians) {
  TempDir dir;
  // On the central meridian x is the false easting and y the scaled meridian arc.
  const double lat = 23.13;
  char utm[128], gk[128];
  std::snprintf(utm, sizeof utm, "POINT (500000 %.4f)", 0.9996 * meridian_arc(6378137.0, 1 / 298.257223563, lat));
  std::snprintf(gk, sizeof gk, "POINT (500000 %.4f)", meridian_arc(6378137.0, 1 / 298.257222101, lat));
  test::write_source(dir / "utm.gpkg", "GPKG", {one_shelter(32649, utm)});
  test::write_source(dir / "gk.gpkg", "GPKG", {one_shelter(4547, gk)});
  LonLat p = load_one(dir / "utm.gpkg");
  EXPECT_NEAR(p.lon, 111.0, tolerance_deg);
  EXPECT_NEAR(p.lat, lat, tolerance_deg);
  // EPSG:4547 officially lists northing first; erde must still read x as the easting.
  LonLat q = load_one(dir / "gk.gpkg");
  EXPECT_NEAR(q.lon, 114.0, tolerance_deg);
  EXPECT_NEAR(q.lat, lat, tolerance_deg);
}

TEST(Crs, LayerWithoutCrsIsAnErrorUnlessOneIsGiven) {
  TempDir dir;
  const std::string utm = test::point_in(32649, 113.27, 23.13);
  test::write_source(dir / "shelters.shp", "ESRI Shapefile", {one_shelter(0, utm)});
  const std::string file = (dir / "shelters.shp").string();
  try {
    load_sources({file}, quiet());
    FAIL() << "expected a LoadError";
  } catch (const LoadError& e) {
    ASSERT_EQ(e.problems.size(), 1u);
    EXPECT_EQ(e.problems[0].source, file);
    EXPECT_EQ(e.problems[0].layer, "shelters");
    EXPECT_NE(e.problems[0].reason.find("no CRS"), std::string::npos) << e.problems[0].reason;
    EXPECT_NE(std::string(e.what()).find("1 problem in " + file), std::string::npos) << e.what();
  }
  LoadOptions assumed = quiet();
  assumed.assume_crs = "EPSG:32649";
  LonLat p = load_one(file, assumed);
  EXPECT_NEAR(p.lon, 113.27, tolerance_deg);
  EXPECT_NEAR(p.lat, 23.13, tolerance_deg);

  test::write_text(dir / "m.json", R"({"layers":{"shelters":{"crs":"EPSG:32649"}}})");
  LoadOptions mapped = quiet();
  mapped.mapping_file = (dir / "m.json").string();
  EXPECT_NEAR(load_one(file, mapped).lon, 113.27, tolerance_deg);

  LoadOptions bad = quiet();
  bad.assume_crs = "EPSG:999999";
  EXPECT_THROW(load_sources({file}, bad), Error);
}

TEST(Crs, MappingCrsNeverOverridesTheLayersOwn) {
  TempDir dir;
  test::write_source(dir / "s.gpkg", "GPKG", {one_shelter(4326, "POINT (113.27 23.13)")});
  test::write_text(dir / "m.json", R"({"layers":{"shelters":{"crs":"EPSG:3857"}}})");
  LoadOptions o = quiet();
  o.mapping_file = (dir / "m.json").string();
  o.assume_crs = "EPSG:32649";
  LoadResult r = load_sources({(dir / "s.gpkg").string()}, o);
  EXPECT_DOUBLE_EQ(r.data.shelters[0].location.lon, 113.27);
  EXPECT_EQ(r.layers[0].crs_origin, "layer");
}

// A bureau's file as it often arrives: GeoJSON in CGCS2000 with Chinese field names, turned
// by ogr2ogr into a GBK-encoded Shapefile in UTM 49N, read through a mapping.
TEST(Crs, Ogr2ogrShapefileInUtmWithChineseFieldsThroughAMapping) {
  if (test::run("ogr2ogr --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "ogr2ogr not installed";
  TempDir dir;
  test::write_text(dir / "in.geojson", R"({"type":"FeatureCollection",
    "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}},
    "features":[
     {"type":"Feature","properties":{"编号":"B1","名称":"越秀公园","场所类型":"室外","性质":"固定",
      "有效面积":12000.5,"容纳人数":8000},"geometry":{"type":"Point","coordinates":[113.2712345,23.1398765]}},
     {"type":"Feature","properties":{"编号":"B2","名称":"东山体育馆","场所类型":"室内","性质":"紧急",
      "有效面积":1500,"容纳人数":1000},"geometry":{"type":"Point","coordinates":[113.2954321,23.1234567]}}]})");
  const auto shp = dir / "避难场所.shp";
  ASSERT_EQ(test::run("ogr2ogr -f 'ESRI Shapefile' -t_srs EPSG:32649 -lco ENCODING=GBK '" + shp.string() +
                      "' '" + (dir / "in.geojson").string() + "' > /dev/null 2>&1"),
            0);
  ASSERT_EQ(test::read_text(dir / "避难场所.cpg"), "GBK");
  test::write_text(dir / "mapping.json", R"({"layers":{"shelters":{"layer":"避难场所","fields":{
    "id":"编号","name":"名称","setting":"场所类型","type":"性质","effective_area_m2":"有效面积",
    "capacity":"容纳人数"}}}})");
  LoadOptions o = quiet();
  o.mapping_file = (dir / "mapping.json").string();
  LoadResult r = load_sources({shp.string()}, o);
  ASSERT_EQ(r.data.shelters.size(), 2u);
  const Shelter& b1 = r.data.shelters[0];
  EXPECT_EQ(b1.id, "B1");
  EXPECT_EQ(b1.name, "越秀公园");
  EXPECT_EQ(b1.setting, ShelterSetting::outdoor);
  EXPECT_DOUBLE_EQ(b1.effective_area_m2, 12000.5);
  EXPECT_EQ(b1.capacity, 8000);
  // CGCS2000 and WGS84 coincide at this precision.
  EXPECT_NEAR(b1.location.lon, 113.2712345, tolerance_deg);
  EXPECT_NEAR(b1.location.lat, 23.1398765, tolerance_deg);
  EXPECT_EQ(r.data.shelters[1].type, ShelterType::emergency);
  EXPECT_EQ(r.layers[0].crs.rfind("EPSG:32649", 0), 0u) << r.layers[0].crs;
}

}  // namespace
}  // namespace erde
