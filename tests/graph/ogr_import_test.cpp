// Import of an OGR line layer written by the test in UTM 49N (EPSG:32649).
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <functional>

#include "graph/graph_checks.hpp"
#include "graph/import.hpp"
#include "graph/profile.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

struct Road {
  std::string wkt;  // in EPSG:32649 metres, offsets from (500000, 2560000)
  std::string highway = "residential";
  std::string oneway;
  int maxspeed = 0;
  std::string tunnel;
  int64_t id = 0;
};

std::string shift(const std::string& wkt) {
  // "LINESTRING (0 0, 100 0)" -> absolute UTM coordinates.
  std::string out;
  size_t i = 0;
  bool x_next = true;
  while (i < wkt.size()) {
    if (std::isdigit(static_cast<unsigned char>(wkt[i])) || wkt[i] == '-' || wkt[i] == '.') {
      size_t end = i;
      while (end < wkt.size() && (std::isdigit(static_cast<unsigned char>(wkt[end])) || wkt[end] == '-' || wkt[end] == '.')) ++end;
      double v = std::stod(wkt.substr(i, end - i)) + (x_next ? 500000.0 : 2560000.0);
      out += std::to_string(v);
      x_next = !x_next;
      i = end;
    } else {
      out += wkt[i++];
    }
  }
  return out;
}

// Writes the roads to a GeoPackage (or a Shapefile when `epsg` is 0, which then has no CRS).
std::string write_roads(const std::string& name, const std::vector<Road>& roads, int epsg = 32649,
                        const std::string& layer_name = "roads") {
  GDALAllRegister();
  std::string path = std::string(ERDE_BINARY_DIR) + "/" + name;
  std::filesystem::remove(path);
  const char* driver_name = epsg ? "GPKG" : "ESRI Shapefile";
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  OGRSpatialReference srs;
  srs.importFromEPSG(epsg ? epsg : 4326);
  OGRLayer* layer = ds->CreateLayer(layer_name.c_str(), epsg ? &srs : nullptr, wkbUnknown, nullptr);
  OGRFieldDefn id("id", OFTInteger64), hw("highway", OFTString), ow("oneway", OFTString),
      ms("maxspeed", OFTInteger), tu("tunnel", OFTString);
  layer->CreateField(&id);
  layer->CreateField(&hw);
  layer->CreateField(&ow);
  layer->CreateField(&ms);
  layer->CreateField(&tu);
  for (const Road& r : roads) {
    OGRFeature* f = OGRFeature::CreateFeature(layer->GetLayerDefn());
    if (r.id) f->SetField("id", static_cast<GIntBig>(r.id));
    f->SetField("highway", r.highway.c_str());
    if (!r.oneway.empty()) f->SetField("oneway", r.oneway.c_str());
    if (r.maxspeed) f->SetField("maxspeed", r.maxspeed);
    if (!r.tunnel.empty()) f->SetField("tunnel", r.tunnel.c_str());
    if (!r.wkt.empty()) {
      OGRGeometry* g = nullptr;
      std::string text = shift(r.wkt);
      OGRGeometryFactory::createFromWkt(text.c_str(), nullptr, &g);
      f->SetGeometryDirectly(g);
    }
    EXPECT_EQ(layer->CreateFeature(f), OGRERR_NONE);
    OGRFeature::DestroyFeature(f);
  }
  GDALClose(ds);
  return path;
}

TEST(OgrImport, JoinsEndsWithinToleranceInUtm) {
  std::vector<Road> roads = {
      {"LINESTRING (0 0, 50 10, 100 0)", "primary", "", 40, "", 1},
      {"LINESTRING (100.3 0.2, 100 100)", "residential", "yes", 0, "", 2},   // 0.36 m off: joins
      {"LINESTRING (0 0.4, 0 100, 100 100)", "residential", "-1", 0, "yes", 3},  // 0.4 m off: joins
      {"LINESTRING (100.8 0, 200 0)", "secondary_link", "", 0, "", 4},        // 0.8 m off: separate
      {"MULTILINESTRING ((200 0, 200 50), (200.1 50, 250 50))", "footway", "", 0, "", 5},
  };
  std::string path = write_roads("graph_roads.gpkg", roads);
  ImportStats st;
  RoadGraph g = open_roads(path, {}, &st);
  test::expect_consistent(g);
  EXPECT_EQ(st.roads_used, 5u);
  EXPECT_EQ(g.segment_count(), 6u);
  // Nodes: (0,0) (100,0) (100,100) (100.8,0) (200,0) (200,50) (250,50).
  EXPECT_EQ(g.node_count(), 7u);
  // Coordinates are WGS84 near 111 E, 23.1 N.
  EXPECT_NEAR(g.node_lon[0], 111.0, 0.01);
  EXPECT_NEAR(g.node_lat[0], 23.14, 0.05);
  // Lengths in metres survive the transform.
  EXPECT_NEAR(g.length_m[g.segment_edge[0]], 2 * std::hypot(50.0, 10.0), 0.5);
  EXPECT_EQ(g.segment_source_id[1], 2);
  EXPECT_TRUE(g.flags[g.segment_edge[3]] & edge_flag::kAgainstOneway);  // road 2 against its line
  EXPECT_TRUE(g.flags[g.segment_edge[2 * 2]] & edge_flag::kAgainstOneway);  // road 3 is -1
  EXPECT_TRUE(g.flags[g.segment_edge[2 * 2]] & edge_flag::kTunnel);
  EXPECT_EQ(g.maxspeed_kmh[g.segment_edge[0]], 40);
  EXPECT_EQ(g.road_class[g.segment_edge[2 * 3]], RoadClass::secondary);
  // Road 1, 2, 3 form a loop: 0 -> 1 -> 2 -> 0 is drivable one way round.
  EXPECT_EQ(g.tail[g.segment_edge[2]], g.head[g.segment_edge[0]]);
  EXPECT_EQ(g.head[g.segment_edge[5]], g.tail[g.segment_edge[0]]);
  ProfileReport r;
  edge_weights(g, load_profile(ERDE_SOURCE_DIR "/geodata/profiles.json", "rescue_truck"), &r);
  EXPECT_EQ(r.scc_nodes, 3u);

  // A tolerance of 1 m also joins road 4.
  RoadImportOptions wide;
  wide.join_tolerance_m = 1.0;
  EXPECT_EQ(open_roads(path, wide).node_count(), 6u);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(OgrImport, BadFeaturesAreErrorsNamingSourceLayerFeatureField) {
  std::string path = write_roads("graph_bad_roads.gpkg", {
      {"LINESTRING (0 0, 100 0)", "primary", "", 0, "", 1},
      {"LINESTRING (0 0, 0 100)", "motorwayy", "", 0, "", 2},
      {"LINESTRING (0 0, 0 0)", "primary", "", 0, "", 3},
      {"POINT (5 5)", "primary", "", 0, "", 4},
      {"LINESTRING (0 0, 50 50)", "primary", "sometimes", 0, "", 5},
  });
  std::string e = error_of([&] { import_ogr_roads(path); });
  EXPECT_NE(e.find("4 bad road features"), std::string::npos) << e;
  EXPECT_NE(e.find(path + " layer 'roads' feature 2 field 'highway': unknown road class 'motorwayy'"),
            std::string::npos) << e;
  EXPECT_NE(e.find("feature 3 field 'geometry': line with fewer than two distinct points"), std::string::npos) << e;
  EXPECT_NE(e.find("feature 4 field 'geometry': expected LineString or MultiLineString, got Point"),
            std::string::npos) << e;
  EXPECT_NE(e.find("feature 5 field 'oneway': unknown value 'sometimes'"), std::string::npos) << e;
}

// Like fuzz_layers' find in the layer loader: GDAL's Web Mercator to WGS84 step wraps longitudes
// 360° at a time, so a vertex at x = 1e30 in EPSG:3857 never came back (1e17 took seconds).
TEST(OgrImport, VertexFarOutsideAnyCrsIsAnErrorBeforeTransforming) {
  std::string path = write_roads("graph_far_roads.gpkg", {
      {"LINESTRING (0 0, 100 0)", "primary", "", 0, "", 1},
      {"LINESTRING (100000000000000000 0, 100 0)", "primary", "", 0, "", 2},
  }, 3857);
  std::string e = error_of([&] { import_ogr_roads(path); });
  EXPECT_NE(e.find("feature 2 field 'geometry': coordinates beyond 1e9 in the layer's CRS"), std::string::npos) << e;
}

TEST(OgrImport, LayerWithoutCrsIsAnError) {
  std::string path = write_roads("graph_nocrs_roads.shp", {{"LINESTRING (0 0, 100 0)", "primary", "", 0, "", 1}}, 0,
                                 "graph_nocrs_roads");
  std::string e = error_of([&] { import_ogr_roads(path); });
  EXPECT_NE(e.find(path + " layer 'graph_nocrs_roads': the layer has no CRS"), std::string::npos) << e;
  // Naming one makes it readable (the coordinates are then taken as UTM 49N metres).
  RoadImportOptions opt;
  opt.crs = "EPSG:32649";
  EXPECT_EQ(import_ogr_roads(path, opt).segment_count(), 1u);
}

TEST(OgrImport, FieldMappingAndMissingClassField) {
  std::string path = write_roads("graph_mapped_roads.gpkg", {{"LINESTRING (0 0, 100 0)", "primary", "", 0, "", 1}}, 32649,
                                 "道路");
  RoadImportOptions opt;
  opt.fields.highway = "等级";
  std::string e = error_of([&] { import_ogr_roads(path, opt); });
  EXPECT_NE(e.find("layer '道路': no field '等级'"), std::string::npos) << e;
  opt.fields.highway = "highway";
  opt.layer = "道路";
  EXPECT_EQ(import_ogr_roads(path, opt).segment_count(), 1u);
  opt.layer = "streets";
  e = error_of([&] { import_ogr_roads(path, opt); });
  EXPECT_NE(e.find("no layer 'streets'; layers: 道路"), std::string::npos) << e;
}

}  // namespace
}  // namespace erde
