// Bad input: each kind of problem is reported naming source, layer, feature, field and reason;
// strict loads report all of them, lenient loads keep the good features and write a report.
#include <gtest/gtest.h>

#include <map>

#include <cmath>
#include <limits>

#include "geo/load.hpp"
#include "sample_layers.hpp"

namespace erde {
namespace {

using test::Layer;
using test::TempDir;

LoadOptions quiet() {
  LoadOptions o;
  o.progress = false;
  return o;
}

// Shelters as text fields, so that every bad value can be written.
Layer text_shelters() {
  Layer l{"shelters", 4326, wkbUnknown,
          {{"id"}, {"name"}, {"setting"}, {"type"}, {"effective_area_m2"}, {"capacity"}}, {}, {}};
  auto shelter = [](std::string id, std::string wkt) {
    return test::Feature{{{"id", id}, {"name", "n " + id}, {"setting", "indoor"}, {"type", "fixed"},
                          {"effective_area_m2", "100"}, {"capacity", "50"}},
                         std::move(wkt), nullptr};
  };
  l.features.push_back(shelter("GOOD1", "POINT (113.27 23.13)"));                          // FID 1
  l.features.push_back(shelter("BOWTIE", "POLYGON ((113.27 23.13, 113.28 23.14, 113.28 23.13, 113.27 23.14, 113.27 23.13))"));
  l.features.push_back(shelter("EMPTY", "POLYGON EMPTY"));
  auto nan_point = shelter("NAN", "");
  {
    // GeoPackage reads a NaN point as an empty one, so the NaN sits in a polygon's ring.
    auto ring = new OGRLinearRing;
    ring->addPoint(113.27, 23.13);
    ring->addPoint(std::numeric_limits<double>::quiet_NaN(), 23.14);
    ring->addPoint(113.28, 23.13);
    ring->addPoint(113.27, 23.13);
    auto polygon = std::make_shared<OGRPolygon>();
    polygon->addRingDirectly(ring);
    nan_point.geometry = polygon;
  }
  l.features.push_back(nan_point);
  l.features.push_back(shelter("FAR", "POINT (200 23.1)"));
  auto no_name = shelter("NONAME", "POINT (113.27 23.13)");
  no_name.values[1].second = "";
  l.features.push_back(no_name);
  auto purple = shelter("PURPLE", "POINT (113.27 23.13)");
  purple.values[2].second = "semi-indoor";
  l.features.push_back(purple);
  auto negative = shelter("NEG", "POINT (113.27 23.13)");
  negative.values[5].second = "-5";
  l.features.push_back(negative);
  auto negative_area = shelter("NEGAREA", "POINT (113.27 23.13)");
  negative_area.values[4].second = "-0.5";
  l.features.push_back(negative_area);
  auto fraction = shelter("HALF", "POINT (113.27 23.13)");
  fraction.values[5].second = "12.5";
  l.features.push_back(fraction);
  l.features.push_back(shelter("DUP", "POINT (113.27 23.13)"));  // FID 11
  l.features.push_back(shelter("DUP", "POINT (113.28 23.13)"));  // FID 12
  l.features.push_back(shelter("GOOD2", "POINT (113.28 23.14)"));
  l.features.push_back(shelter("LINE", "LINESTRING (113.27 23.13, 113.28 23.13)"));
  return l;
}

Layer bad_areas() {
  Layer l = test::areas_layer();
  l.features[2].values[3].second = "D9";  // S2's parent does not exist
  return l;
}

Layer bad_stock() {
  Layer l = test::depot_stock_layer();
  l.features[1].values[0].second = "DP404";
  l.features.push_back({{{"depot_id", "DP1"}, {"material", "sandbag"}, {"quantity", "-3"}}, "", nullptr});
  return l;
}

struct Expected {
  std::string layer, feature, field, reason;
};

const std::vector<Expected>& expected_problems() {
  static const std::vector<Expected> all = {
      {"shelters", "BOWTIE", "geometry", "invalid geometry: Self-intersection"},
      {"shelters", "EMPTY", "geometry", "empty geometry"},
      {"shelters", "NAN", "geometry", "is not a finite number"},
      {"shelters", "FAR", "geometry", "(200, 23.1) is outside EPSG:4326"},
      {"shelters", "NONAME", "name", "required value is empty"},
      {"shelters", "PURPLE", "setting", "unknown shelter setting 'semi-indoor'; allowed: indoor (室内), outdoor (室外)"},
      {"shelters", "NEG", "capacity", "must not be negative, got '-5'"},
      {"shelters", "NEGAREA", "effective_area_m2", "must not be negative, got '-0.5'"},
      {"shelters", "HALF", "capacity", "must be a whole number, got '12.5'"},
      {"shelters", "DUP", "id", "duplicate id 'DUP': also used by "},
      {"shelters", "LINE", "geometry", "expected Point, Polygon or MultiPolygon, got Line String"},
      {"areas", "S2", "parent_id", "parent_id 'D9' names no area"},
      {"depot_stock", "FID 2", "depot_id", "depot_id 'DP404' names no depot"},
      {"depot_stock", "FID 3", "quantity", "must not be negative, got '-3'"},
  };
  return all;
}

void expect_all_reported(const std::vector<Problem>& problems, const std::string& source) {
  for (const Expected& e : expected_problems()) {
    bool found = false;
    for (const Problem& p : problems)
      if (p.source == source && p.layer == e.layer && p.feature == e.feature && p.field == e.field &&
          p.reason.find(e.reason) != std::string::npos)
        found = true;
    EXPECT_TRUE(found) << "no problem " << e.layer << "/" << e.feature << "/" << e.field << ": " << e.reason;
  }
  EXPECT_EQ(problems.size(), expected_problems().size());
}

std::filesystem::path write_bad_source(const TempDir& dir) {
  auto path = dir / "bad.gpkg";
  test::write_source(path, "GPKG",
                     {text_shelters(), bad_areas(), test::depots_layer(), bad_stock()});
  return path;
}

TEST(Validation, StrictLoadFailsListingEveryProblem) {
  TempDir dir;
  auto path = write_bad_source(dir);
  try {
    load_sources({path.string()}, quiet());
    FAIL() << "expected LoadError";
  } catch (const LoadError& e) {
    expect_all_reported(e.problems, path.string());
    std::string what = e.what();
    EXPECT_EQ(what.substr(0, what.find('\n')),
              "14 problems in " + path.string() +
                  "; nothing was loaded (a lenient load keeps the good features):");
    // One line per problem after the first.
    EXPECT_EQ(std::count(what.begin(), what.end(), '\n'), 14);
    EXPECT_NE(what.find(path.string() + ": layer 'shelters', feature 'HALF' (FID 10), field 'capacity': "
                                        "must be a whole number, got '12.5'"),
              std::string::npos)
        << what;
  }
}

TEST(Validation, DuplicateNamesBothFeatures) {
  TempDir dir;
  auto path = write_bad_source(dir);
  LoadOptions o = quiet();
  o.lenient = true;
  LoadResult r = load_sources({path.string()}, o);
  for (const Problem& p : r.problems)
    if (p.field == "id") {
      EXPECT_EQ(p.fid, 12);
      EXPECT_NE(p.reason.find(path.string() + " layer 'shelters' FID 11"), std::string::npos) << p.reason;
    }
}

TEST(Validation, LenientLoadKeepsGoodFeaturesAndWritesTheReport) {
  TempDir dir;
  auto path = write_bad_source(dir);
  LoadOptions o = quiet();
  o.lenient = true;
  o.reject_report = (dir / "rejects.csv").string();
  LoadResult r = load_sources({path.string()}, o);
  expect_all_reported(r.problems, path.string());
  std::vector<std::string> ids;
  for (const Shelter& s : r.data.shelters) ids.push_back(s.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"GOOD1", "DUP", "GOOD2"}));
  ASSERT_EQ(r.data.areas.size(), 2u);  // S2 rejected
  ASSERT_EQ(r.data.depots.size(), 2u);
  // DP1 keeps its stock text and gets the table's good row only... which was the bad one here.
  EXPECT_EQ(r.data.depots[0].stock.size(), 3u);
  EXPECT_TRUE(r.data.depots[1].stock.empty());
  const LayerSummary& shelters = r.layers[0];
  EXPECT_EQ(shelters.features, 14);
  EXPECT_EQ(shelters.loaded, 3);
  EXPECT_EQ(shelters.rejected, 11);

  std::string report = test::read_text(dir / "rejects.csv");
  EXPECT_EQ(report.rfind("\xEF\xBB\xBFsource,layer,feature,fid,field,reason\r\n", 0), 0u);
  EXPECT_EQ(std::count(report.begin(), report.end(), '\n'), 15);  // header + 14 problems
  EXPECT_NE(report.find(path.string() + ",shelters,HALF,10,capacity,\"must be a whole number, got '12.5'\"\r\n"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find(path.string() + ",depot_stock,FID 2,2,depot_id,depot_id 'DP404' names no depot\r\n"),
            std::string::npos)
      << report;
}

TEST(Validation, LenientRejectsChildrenOfRejectedAreasAndStockOfRejectedDepots) {
  TempDir dir;
  Layer areas = test::areas_layer();
  areas.features[0].values[2].second = "kingdom";  // D1's level is unknown: D1 rejected
  Layer depots = test::depots_layer();
  depots.features[0].wkt = "POINT (113.27 95)";  // DP1 rejected
  test::write_source(dir / "a.gpkg", "GPKG", {areas, depots, test::depot_stock_layer()});
  LoadOptions o = quiet();
  o.lenient = true;
  LoadResult r = load_sources({(dir / "a.gpkg").string()}, o);
  EXPECT_TRUE(r.data.areas.empty());
  ASSERT_EQ(r.data.depots.size(), 1u);
  EXPECT_EQ(r.data.depots[0].id, "DP2");
  ASSERT_EQ(r.problems.size(), 5u);
  EXPECT_EQ(r.problems[2].feature, "S1");
  EXPECT_EQ(r.problems[2].reason, "parent area 'D1' was rejected");
  EXPECT_EQ(r.problems[4].reason, "depot 'DP1' was rejected");

  // Strict: only the root causes.
  try {
    load_sources({(dir / "a.gpkg").string()}, quiet());
    FAIL();
  } catch (const LoadError& e) {
    EXPECT_EQ(e.problems.size(), 2u);
  }
}

TEST(Validation, MissingRequiredColumnIsReportedOncePerLayer) {
  TempDir dir;
  Layer l = test::shelters_layer();
  l.fields.erase(l.fields.begin() + 6);  // capacity
  for (auto& f : l.features) f.values.erase(f.values.begin() + 6, f.values.end());
  for (auto& f : l.features)
    std::erase_if(f.values, [](const auto& v) { return v.first == "capacity" || v.first == "street_id"; });
  test::write_source(dir / "s.gpkg", "GPKG", {l});
  LoadOptions o = quiet();
  o.lenient = true;
  LoadResult r = load_sources({(dir / "s.gpkg").string()}, o);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].layer, "shelters");
  EXPECT_EQ(r.problems[0].field, "capacity");
  EXPECT_NE(r.problems[0].reason.find("required field missing"), std::string::npos);
  EXPECT_NE(r.problems[0].reason.find("none of the layer's 3 features were loaded"), std::string::npos);
  EXPECT_TRUE(r.data.shelters.empty());
  EXPECT_EQ(r.layers[0].rejected, 3);
}

TEST(Validation, CsvCoordinatesThatAreNotNumbers) {
  TempDir dir;
  test::write_text(dir / "teams.csv",
                   "id,name,kind,capabilities,headcount,lon,lat\n"
                   "T1,a,professional,hazmat,3,abc,23.1\n"
                   "T2,b,professional,hazmat,3,,\n"
                   "T3,c,professional,hazmat,3,113.2,23.1\n"
                   "T4,d,professional,hazmat,3,nan,23.1\n");
  LoadOptions o = quiet();
  o.assume_crs = "EPSG:4490";
  o.lenient = true;
  LoadResult r = load_sources({(dir / "teams.csv").string()}, o);
  ASSERT_EQ(r.problems.size(), 3u);
  EXPECT_EQ(r.problems[2].feature, "T4");
  EXPECT_EQ(r.problems[2].field, "lon");
  EXPECT_EQ(r.problems[2].reason, "coordinate must be a finite number, got 'nan'");
  EXPECT_EQ(r.problems[0].feature, "T1");
  EXPECT_EQ(r.problems[0].field, "lon");
  EXPECT_EQ(r.problems[0].reason, "coordinate must be a number, got 'abc'");
  EXPECT_EQ(r.problems[1].feature, "T2");
  EXPECT_EQ(r.problems[1].reason, "missing geometry");
  ASSERT_EQ(r.data.teams.size(), 1u);
  // The assumed EPSG:4490 lists latitude first; CSV columns are still read as lon, lat.
  EXPECT_NEAR(r.data.teams[0].base.lon, 113.2, 1e-9);
  EXPECT_NEAR(r.data.teams[0].base.lat, 23.1, 1e-9);
}

TEST(Validation, UnreadableSourcesAndUnrecognisedLayers) {
  TempDir dir;
  test::write_source(dir / "misc.gpkg", "GPKG", {Layer{"notes", 4326, wkbPoint, {{"text"}}, {}, {}}});
  const std::string missing = (dir / "nope.gpkg").string();
  try {
    load_sources({missing, (dir / "misc.gpkg").string()}, quiet());
    FAIL();
  } catch (const LoadError& e) {
    ASSERT_EQ(e.problems.size(), 2u);
    EXPECT_EQ(e.problems[0].source, missing);
    EXPECT_NE(e.problems[0].reason.find("cannot open"), std::string::npos);
    EXPECT_NE(e.problems[1].reason.find("no recognised layer (its layers: notes)"), std::string::npos)
        << e.problems[1].reason;
  }
}

TEST(Validation, BadStockTextNamesTheItem) {
  TempDir dir;
  Layer depots = test::depots_layer();
  depots.features[1].values.push_back({"stock", "pump=2; unicorn=3; tent=-1; 沙包"});
  test::write_source(dir / "d.gpkg", "GPKG", {depots});
  try {
    load_sources({(dir / "d.gpkg").string()}, quiet());
    FAIL();
  } catch (const LoadError& e) {
    ASSERT_EQ(e.problems.size(), 3u);
    EXPECT_EQ(e.problems[0].feature, "DP2");
    EXPECT_EQ(e.problems[0].field, "stock");
    EXPECT_EQ(e.problems[0].reason.rfind("item 2 'unicorn=3': unknown material 'unicorn'", 0), 0u);
    EXPECT_EQ(e.problems[1].reason, "item 3 'tent=-1': quantity must not be negative");
    EXPECT_EQ(e.problems[2].reason, "item 4 '沙包': expected material=quantity [unit]");
  }
}

// Found with fuzz_layers: two finite quantities of 1e308 summed to an infinite stock.
TEST(Validation, StockQuantitiesAreAtMost1e12SoTheirSumsStayFinite) {
  TempDir dir;
  test::write_text(dir / "depots.csv",
                   "id,name,kind,stock,lon,lat\n"
                   "D1,a,救灾物资储备库,\"沙包=1e308袋;沙包=1e308袋\",113.2,23.1\n"
                   "D2,b,救灾物资储备库,沙包=1e12袋,113.2,23.1\n");
  test::write_text(dir / "depot_stock.csv", "depot_id,material,quantity,unit\nD2,沙包,1e308,袋\nD2,沙包,1e308,袋\n");
  LoadOptions o = quiet();
  o.assume_crs = "EPSG:4326";
  o.lenient = true;
  LoadResult r = load_sources({(dir / "depots.csv").string(), (dir / "depot_stock.csv").string()}, o);
  ASSERT_EQ(r.problems.size(), 4u);
  EXPECT_EQ(r.problems[0].feature, "D1");
  EXPECT_EQ(r.problems[0].reason, "item 1 '沙包=1e308袋': quantity must be at most 1e12");
  EXPECT_EQ(r.problems[2].layer, "depot_stock");
  EXPECT_EQ(r.problems[2].field, "quantity");
  EXPECT_EQ(r.problems[2].reason, "must be at most 1e12");
  ASSERT_EQ(r.data.depots.size(), 1u);
  ASSERT_EQ(r.data.depots[0].stock.size(), 1u);
  EXPECT_EQ(r.data.depots[0].stock[0].quantity, 1e12);
}

TEST(Validation, ResponsibilityAreasNameTheirTeamAndArePolygons) {
  TempDir dir;
  Layer teams = test::teams_layer();
  Layer areas{"responsibility_areas", 4326, wkbUnknown, {{"id"}, {"name"}, {"team_id"}}, {}, {}};
  areas.features = {
      {{{"id", "RA1"}, {"name", "越秀站辖区"}, {"team_id", "T1"}}, "POLYGON ((113.26 23.12, 113.27 23.12, 113.27 23.14, 113.26 23.12))", nullptr},
      {{{"id", "RA2"}, {"name", "nobody's"}, {"team_id", "T9"}}, "POLYGON ((113.26 23.12, 113.27 23.12, 113.27 23.14, 113.26 23.12))", nullptr},
      {{{"id", "RA3"}, {"name", "a point"}, {"team_id", "T2"}}, "POINT (113.26 23.12)", nullptr},
      {{{"id", "RA4"}, {"name", "no team"}}, "POLYGON ((113.26 23.12, 113.27 23.12, 113.27 23.14, 113.26 23.12))", nullptr},
  };
  test::write_source(dir / "r.gpkg", "GPKG", {teams, areas});
  LoadOptions o = quiet();
  o.lenient = true;
  LoadResult r = load_sources({(dir / "r.gpkg").string()}, o);
  ASSERT_EQ(r.data.responsibility_areas.size(), 1u);
  EXPECT_EQ(r.data.responsibility_areas[0].id, "RA1");
  EXPECT_EQ(r.data.responsibility_areas[0].team_id, "T1");
  std::map<std::string, std::string> why;
  for (const Problem& p : r.problems) why[p.feature] += p.field + ": " + p.reason + "; ";
  ASSERT_EQ(why.size(), 3u) << r.problems.size();
  EXPECT_NE(why["RA2"].find("team_id: team_id 'T9' names no team"), std::string::npos) << why["RA2"];
  EXPECT_NE(why["RA3"].find("geometry"), std::string::npos) << why["RA3"];
  EXPECT_NE(why["RA4"].find("team_id"), std::string::npos) << why["RA4"];

  // Lenient: the area of a rejected team goes too, and says so.
  teams.features[0].wkt = "POINT (113.27 95)";
  areas.features.resize(1);
  test::write_source(dir / "r2.gpkg", "GPKG", {teams, areas});
  r = load_sources({(dir / "r2.gpkg").string()}, o);
  EXPECT_TRUE(r.data.responsibility_areas.empty());
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[1].feature, "RA1");
  EXPECT_EQ(r.problems[1].reason, "team 'T1' was rejected");
}

}  // namespace
}  // namespace erde
