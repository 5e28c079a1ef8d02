// End to end on the shipped demo district: the planner findings its README promises, and every
// output (GeoPackage read back with OGR, CSV, HTML) written to a temporary directory.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "coverage/coverage_output.hpp"
#include "coverage/coverage_run.hpp"
#include "geo/load.hpp"
#include "graph/import.hpp"

namespace erde {
namespace {

const std::string kDemo = std::string(ERDE_SOURCE_DIR) + "/geodata/demo/demo.gpkg";

struct Demo {
  LoadResult loaded;
  RoadGraph graph;
  std::vector<Profile> profiles;
  Demo() {
    LoadOptions lo;
    lo.progress = false;
    loaded = load_sources({kDemo}, lo);
    RoadImportOptions ro;
    ro.layer = "roads";
    graph = open_roads(kDemo, ro);
    profiles = load_profiles(std::string(ERDE_SOURCE_DIR) + "/geodata/profiles.json");
  }
};

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(DemoDistrict, FindingsAndOutputs) {
  const Demo demo;
  CoverageOptions o;
  o.k = 2;
  // A short candidate list keeps the ASan build quick (generated candidates: 57, 331 evaluations).
  for (const AdminArea& a : demo.loaded.data.areas)
    if (a.level == AreaLevel::street && o.candidates.size() < 8) o.candidates.push_back({a.name, a.centroid, 5000});
  const LiveRoads roads(make_road_index(demo.graph, demo.profiles, 500));
  const CoverageReport r = analyse_coverage(demo.loaded.data, roads, o);
  for (const auto& [stage, s] : r.stage_seconds) std::printf("[ demo ] %-28s %.3f s\n", stage.c_str(), s);

  // README: HC-S06 and HC-S13 lack an indoor shelter; HC-S16 has about 0.84 m² per resident.
  ASSERT_EQ(r.checks.size(), 18u);
  for (size_t i = 0; i < r.checks.size(); ++i) {
    const StreetCheck& c = r.checks[i];
    const bool no_indoor = c.street_id == "HC-S06" || c.street_id == "HC-S13";
    EXPECT_EQ(c.indoor == 0, no_indoor) << c.street_id;
    EXPECT_GE(c.outdoor_fixed, 1) << c.street_id;
    EXPECT_GE(c.reserve_points, 1) << c.street_id;
    EXPECT_EQ(r.shelter_area[i].meets_target, c.street_id != "HC-S16") << c.street_id;
  }
  EXPECT_NEAR(r.shelter_area[15].m2_per_resident, 0.84, 0.01);
  EXPECT_EQ(r.shelter_area[15].area_id, "HC-S16");
  EXPECT_NEAR(r.shelter_area[5].m2_per_resident, 1.65, 0.01);
  EXPECT_EQ(r.shelter_area.back().population, 1055667);

  EXPECT_EQ(r.service.people, 1055667);
  for (size_t j = 0; j < r.service.shelter_load.size(); ++j)
    EXPECT_LE(r.service.shelter_load[j], demo.loaded.data.shelters[j].capacity);
  ASSERT_EQ(r.response.size(), 2u);
  EXPECT_EQ(r.response[0].bases, 10u);  // 4 fire rescue + 6 micro fire stations
  ASSERT_TRUE(r.sites);
  EXPECT_FALSE(better(r.sites->choice.before, r.sites->choice.after));

  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "erde_coverage_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto gpkg = write_coverage_gpkg(r, dir);
  const auto csvs = write_coverage_csv(r, dir);
  OutputOptions oo;
  oo.attribution = "Roads: demo.gpkg";
  const auto html = write_coverage_html(r, demo.graph, dir, oo);

  GDALAllRegister();
  GDALDataset* ds = static_cast<GDALDataset*>(GDALOpenEx(gpkg.string().c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
  ASSERT_NE(ds, nullptr);
  std::map<std::string, GIntBig> counts;
  for (OGRLayer* l : ds->GetLayers()) counts[l->GetName()] = l->GetFeatureCount();
  OGRLayer* streets = ds->GetLayerByName("streets");
  ASSERT_NE(streets, nullptr);
  for (auto& f : *streets)
    if (std::string(f->GetFieldAsString("id")) == "HC-S16") {
      EXPECT_EQ(f->GetFieldAsInteger("checks_pass"), 1);
    }
  GDALClose(ds);
  EXPECT_EQ(counts["streets"], 18);
  EXPECT_EQ(counts["communities"], 222);
  EXPECT_EQ(counts["demand_points"], static_cast<GIntBig>(r.demand.size()));
  EXPECT_EQ(counts["service_areas_shelters"], 35);
  EXPECT_EQ(counts["service_areas_depots"], 23);
  EXPECT_EQ(counts["suggested_sites"], 2);
  EXPECT_GT(counts["assignments"], 0);
  EXPECT_TRUE(counts.count("unserved_points"));
  EXPECT_TRUE(counts.count("unserved_areas"));
  EXPECT_TRUE(counts.count("risk_points_outside"));

  EXPECT_GE(csvs.size(), 10u);
  const std::string checks = slurp(dir / "street_checks.csv");
  EXPECT_NE(checks.find("HC-S06"), std::string::npos);
  const std::string page = slurp(html);
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("http://tile"), std::string::npos);
  EXPECT_NE(page.find("Roads: demo.gpkg"), std::string::npos);
  EXPECT_NE(page.find("海棠街道"), std::string::npos);
  // Printed for a meeting: bilingual headings, grouped counts, and on every map the attribution,
  // a scale bar with north arrow and a symbol legend under it.
  EXPECT_NE(page.find("避难场所服务覆盖"), std::string::npos);
  EXPECT_NE(page.find("1,055,667"), std::string::npos);
  auto occurrences = [&](const std::string& what) {
    size_t n = 0;
    for (size_t at = page.find(what); at != std::string::npos; at = page.find(what, at + 1)) ++n;
    return n;
  };
  const size_t maps = occurrences("<svg xmlns");
  EXPECT_EQ(maps, 2 + r.response.size() + 1);  // service, area, one per response group, sites
  EXPECT_EQ(occurrences(">Roads: demo.gpkg</text>"), maps);
  EXPECT_EQ(occurrences("N 北"), maps);
  EXPECT_EQ(occurrences("class=maplegend"), maps);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace erde
