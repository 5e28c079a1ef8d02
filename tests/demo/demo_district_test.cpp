#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <numeric>
#include <set>

#include "demo/demo_district.hpp"
#include "geo/geos_context.hpp"
#include "graph/distance.hpp"
#include "graph/road_class.hpp"
#include "model/vocabulary.hpp"
#include "ogr_read.hpp"
#include "util/text.hpp"

namespace erde {
namespace {

using demo_test::Feature;
using demo_test::Layer;
namespace fs = std::filesystem;

fs::path temp_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("erde_demo_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Lon/lat to metres around the district centre.
const LocalPlane kPlane(113.285, 23.130);

int to_metres(double* x, double* y, void*) {
  const double lon = *x, lat = *y;
  *x = kPlane.x(lon);
  *y = kPlane.y(lat);
  return 1;
}

class DemoDistrict : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(temp_dir("a"));
    file_ = new fs::path(demo::generate_demo(*dir_, demo::kDemoSeed));
    layers_ = new std::map<std::string, Layer>(demo_test::read_all(*file_));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete layers_;
    delete file_;
    delete dir_;
  }
  static const Layer& layer(const std::string& name) { return layers_->at(name); }

  GeosContext geos;
  GeosContext::GeomPtr metric(const Feature& f) const {
    auto g = geos.from_wkb(f.wkb);
    return geos.own(GEOSGeom_transformXY_r(geos.handle(), g.get(), &to_metres, nullptr));
  }
  double area(const GEOSGeometry* g) const {
    double a = 0;
    GEOSArea_r(geos.handle(), g, &a);
    return a;
  }

  static fs::path* dir_;
  static fs::path* file_;
  static std::map<std::string, Layer>* layers_;
};

fs::path* DemoDistrict::dir_ = nullptr;
fs::path* DemoDistrict::file_ = nullptr;
std::map<std::string, Layer>* DemoDistrict::layers_ = nullptr;

TEST_F(DemoDistrict, SameSeedGivesTheSameFileAndOtherSeedsDiffer) {
  const fs::path again = temp_dir("b");
  const fs::path other = temp_dir("c");
  const fs::path second = demo::generate_demo(again, demo::kDemoSeed);
  EXPECT_EQ(demo_test::dump(*file_), demo_test::dump(second));
  EXPECT_TRUE(file_bytes(*file_) == file_bytes(second)) << "GeoPackage bytes differ between runs";
  EXPECT_NE(demo_test::dump(*file_), demo_test::dump(demo::generate_demo(other, 7)));
  EXPECT_LE(fs::file_size(*file_), 3u << 20);
  fs::remove_all(again);
  fs::remove_all(other);
}

TEST_F(DemoDistrict, LayersAndCoordinateSystems) {
  for (const char* name :
       {"areas", "shelters", "depots", "depot_stock", "teams", "risk_points", "responsibility_areas", "roads"})
    EXPECT_TRUE(layers_->count(name)) << name;
  EXPECT_EQ(layers_->size(), 8u);
  EXPECT_EQ(layer("responsibility_areas").epsg, 4326);
  EXPECT_EQ(layer("areas").epsg, 4326);
  EXPECT_EQ(layer("shelters").epsg, 4326);
  EXPECT_EQ(layer("risk_points").epsg, 4490);
  EXPECT_EQ(layer("roads").epsg, 32649);
  EXPECT_EQ(layer("depot_stock").epsg, 0);
}

TEST_F(DemoDistrict, AreasMatchTheInventory) {
  std::map<std::string, int64_t> pop;
  std::map<std::string, std::string> parent;
  std::map<std::string, int64_t> children_pop;
  int districts = 0, streets = 0, communities = 0;
  int64_t district_pop = 0;
  for (const Feature& f : layer("areas").features) {
    const auto level = parse_enum<AreaLevel>(f.at("level"));
    ASSERT_TRUE(level) << f.at("level");
    const int64_t p = std::stoll(f.at("population"));
    pop[f.at("id")] = p;
    if (*level == AreaLevel::district) ++districts, district_pop = p;
    if (*level == AreaLevel::street) ++streets;
    if (*level == AreaLevel::community) ++communities;
    if (!f.at("parent_id").empty()) children_pop[f.at("parent_id")] += p;
    EXPECT_FALSE(f.at("name").empty());
  }
  EXPECT_EQ(districts, 1);
  EXPECT_EQ(streets, 18);
  EXPECT_EQ(communities, 222);
  EXPECT_GE(district_pop, 1'000'000);
  EXPECT_LE(district_pop, 1'100'000);
  for (const auto& [id, sum] : children_pop) {
    ASSERT_TRUE(pop.count(id)) << "parent " << id << " does not exist";
    EXPECT_EQ(sum, pop[id]) << id;
  }
  EXPECT_NE(layer("areas").features.front().at("name").find("fictional"), std::string::npos);
}

TEST_F(DemoDistrict, AreasAreValidAndTileTheDistrict) {
  std::vector<GeosContext::GeomPtr> streets;
  std::map<std::string, std::vector<GeosContext::GeomPtr>> communities;
  std::map<std::string, size_t> street_index;
  GeosContext::GeomPtr district;
  for (const Feature& f : layer("areas").features) {
    auto g = metric(f);
    EXPECT_EQ(GEOSisValid_r(geos.handle(), g.get()), 1) << f.at("id");
    const auto level = parse_enum<AreaLevel>(f.at("level"));
    if (level == AreaLevel::district) district = std::move(g);
    else if (level == AreaLevel::street) street_index[f.at("id")] = streets.size(), streets.push_back(std::move(g));
    else communities[f.at("parent_id")].push_back(std::move(g));
  }
  ASSERT_TRUE(district);
  const double district_area = area(district.get());
  EXPECT_NEAR(district_area, 34e6, 0.5e6);

  auto check_tiling = [&](const GEOSGeometry* whole, const std::vector<GeosContext::GeomPtr>& parts,
                          const std::string& what) {
    double sum = 0, overlap = 0;
    std::vector<GEOSGeometry*> clones;
    for (size_t i = 0; i < parts.size(); ++i) {
      sum += area(parts[i].get());
      clones.push_back(GEOSGeom_clone_r(geos.handle(), parts[i].get()));
      for (size_t j = i + 1; j < parts.size(); ++j) {
        auto both = geos.own(GEOSIntersection_r(geos.handle(), parts[i].get(), parts[j].get()));
        overlap += area(both.get());
      }
    }
    auto collection = geos.own(GEOSGeom_createCollection_r(geos.handle(), GEOS_GEOMETRYCOLLECTION, clones.data(),
                                                           static_cast<unsigned>(clones.size())));
    auto joined = geos.own(GEOSUnaryUnion_r(geos.handle(), collection.get()));
    auto gap = geos.own(GEOSSymDifference_r(geos.handle(), joined.get(), whole));
    const double whole_area = area(whole);
    EXPECT_NEAR(sum, whole_area, 0.01) << what;
    EXPECT_LT(overlap, 0.01) << what << " parts overlap";
    EXPECT_LT(area(gap.get()), 0.01) << what << " parts leave gaps";
  };
  check_tiling(district.get(), streets, "district");
  for (const auto& [street, parts] : communities) {
    ASSERT_TRUE(street_index.count(street)) << street;
    check_tiling(streets[street_index[street]].get(), parts, street);
  }
}

TEST_F(DemoDistrict, EveryStreetTeamAndFireStationHasItsResponsibilityArea) {
  std::map<std::string, const Feature*> teams, streets;
  for (const Feature& f : layer("teams").features) teams[f.at("id")] = &f;
  for (const Feature& f : layer("areas").features)
    if (f.at("level") == "street") streets[f.at("id")] = &f;
  GeosContext::GeomPtr district;
  for (const Feature& f : layer("areas").features)
    if (f.at("level") == "district") district = metric(f);
  ASSERT_TRUE(district);
  std::set<std::string> covered;
  double station_sum = 0;
  std::vector<GeosContext::GeomPtr> stations;
  for (const Feature& f : layer("responsibility_areas").features) {
    ASSERT_TRUE(teams.count(f.at("team_id"))) << f.at("id");
    EXPECT_TRUE(covered.insert(f.at("team_id")).second) << "two areas for " << f.at("team_id");
    const Feature& team = *teams[f.at("team_id")];
    auto g = metric(f);
    EXPECT_EQ(GEOSisValid_r(geos.handle(), g.get()), 1) << f.at("id");
    if (team.at("kind") == "street_parttime") {
      // Exactly the team's street.
      auto street = metric(*streets.at(team.at("street_id")));
      auto diff = geos.own(GEOSSymDifference_r(geos.handle(), g.get(), street.get()));
      EXPECT_LT(area(diff.get()), 0.01) << f.at("id");
    } else {
      EXPECT_EQ(team.at("kind"), "fire_rescue") << f.at("id");
      station_sum += area(g.get());
      // The station stands in its own area.
      auto base = geos.from_wkb(team.wkb);
      auto at = geos.own(GEOSGeom_transformXY_r(geos.handle(), base.get(), &to_metres, nullptr));
      EXPECT_EQ(GEOSIntersects_r(geos.handle(), g.get(), at.get()), 1) << f.at("id");
      for (const auto& other : stations) {
        auto both = geos.own(GEOSIntersection_r(geos.handle(), g.get(), other.get()));
        EXPECT_LT(area(both.get()), 0.01) << f.at("id") << " overlaps another station's area";
      }
      stations.push_back(std::move(g));
    }
  }
  size_t street_teams = 0, fire_stations = 0;
  for (const auto& [id, f] : teams) {
    street_teams += f->at("kind") == "street_parttime";
    fire_stations += f->at("kind") == "fire_rescue";
  }
  EXPECT_EQ(covered.size(), street_teams + fire_stations);
  EXPECT_EQ(stations.size(), fire_stations);
  // The stations' areas tile the district.
  EXPECT_NEAR(station_sum, area(district.get()), 1.0);
}

TEST_F(DemoDistrict, FacilitiesMatchTheInventory) {
  EXPECT_EQ(layer("shelters").features.size(), 35u);
  std::map<DepotKind, int> depots;
  for (const Feature& f : layer("depots").features) ++depots[parse_enum_or_throw<DepotKind>(f.at("kind"))];
  EXPECT_EQ(layer("depots").features.size(), 23u);
  EXPECT_EQ(depots[DepotKind::district_depot], 1);
  EXPECT_EQ(depots[DepotKind::street_reserve], 18);
  EXPECT_EQ(depots[DepotKind::enterprise] + depots[DepotKind::social], 4);

  std::map<TeamKind, int> teams, people;
  for (const Feature& f : layer("teams").features) {
    const TeamKind k = parse_enum_or_throw<TeamKind>(f.at("kind"));
    ++teams[k];
    people[k] += std::stoi(f.at("headcount"));
  }
  EXPECT_EQ(teams[TeamKind::professional], 8);
  EXPECT_EQ(people[TeamKind::professional], 452);
  EXPECT_EQ(teams[TeamKind::street_parttime], 18);
  EXPECT_EQ(people[TeamKind::street_parttime], 270);
  EXPECT_EQ(teams[TeamKind::fire_rescue], 4);
  EXPECT_EQ(teams[TeamKind::micro_fire_station], 6);

  std::map<RiskLevel, int> levels;
  std::map<RiskKind, int> kinds;
  for (const Feature& f : layer("risk_points").features) {
    ++levels[parse_enum_or_throw<RiskLevel>(f.at("level"))];
    ++kinds[parse_enum_or_throw<RiskKind>(f.at("kind"))];
    EXPECT_FALSE(f.at("hazard_factors").empty());
    EXPECT_FALSE(f.at("control_measures").empty());
  }
  EXPECT_EQ(layer("risk_points").features.size(), 146u);
  EXPECT_EQ(levels[RiskLevel::red], 0);
  EXPECT_EQ(levels[RiskLevel::orange], 1);
  EXPECT_EQ(levels[RiskLevel::yellow], 21);
  EXPECT_EQ(levels[RiskLevel::blue], 124);
  EXPECT_EQ(kinds[RiskKind::waterlogging_point], 3);
  EXPECT_EQ(kinds[RiskKind::geohazard_point], 1);
  EXPECT_GT(kinds[RiskKind::petrol_station], 0);
  EXPECT_GT(kinds[RiskKind::hazchem_enterprise], 0);
  EXPECT_GT(kinds[RiskKind::urban_village], 0);
}

TEST_F(DemoDistrict, EveryEnumeratedValueParses) {
  for (const Feature& f : layer("shelters").features) {
    EXPECT_TRUE(parse_enum<ShelterSetting>(f.at("setting"))) << f.at("setting");
    EXPECT_TRUE(parse_enum<ShelterType>(f.at("type"))) << f.at("type");
    EXPECT_TRUE(parse_enum<AreaLevel>(f.at("level"))) << f.at("level");
    EXPECT_GT(std::stod(f.at("effective_area_m2")), 0);
  }
  for (const Feature& f : layer("depots").features)
    for (const std::string& item : split(f.at("stock"), ';')) {
      if (trim(item).empty()) continue;  // stock kept only in depot_stock
      const auto eq = item.find('=');
      ASSERT_NE(eq, std::string::npos) << item;
      EXPECT_TRUE(parse_enum<Material>(item.substr(0, eq))) << item;
    }
  EXPECT_GT(layer("depot_stock").features.size(), 5u);
  std::set<std::string> depot_ids;
  for (const Feature& f : layer("depots").features) depot_ids.insert(f.at("id"));
  for (const Feature& f : layer("depot_stock").features) {
    EXPECT_TRUE(parse_enum<Material>(f.at("material"))) << f.at("material");
    EXPECT_TRUE(depot_ids.count(f.at("depot_id"))) << f.at("depot_id");
  }
  for (const Feature& f : layer("teams").features) {
    EXPECT_TRUE(parse_enum<TeamStatus>(f.at("status"))) << f.at("status");
    for (const std::string& c : split(f.at("capabilities"), ';')) EXPECT_TRUE(parse_enum<Capability>(c)) << c;
  }
  std::map<RoadClass, int> classes;
  for (const Feature& f : layer("roads").features) {
    const auto c = parse_road_class(f.at("highway"));
    ASSERT_TRUE(c) << f.at("highway");
    ++classes[*c];
  }
  for (RoadClass c : {RoadClass::primary, RoadClass::secondary, RoadClass::tertiary, RoadClass::residential,
                      RoadClass::footway, RoadClass::pedestrian, RoadClass::service, RoadClass::living_street})
    EXPECT_GT(classes[c], 0) << to_string(c);
}

// Segments in metres, and a union-find over their end points.
struct RoadNet {
  std::vector<std::array<double, 4>> segments;  // x1 y1 x2 y2
  std::map<std::pair<int64_t, int64_t>, uint32_t> nodes;
  std::vector<uint32_t> parent;
  std::vector<int> degree;
  uint32_t node(double x, double y) {
    // Ends are written with identical coordinates; 10 cm cells are far inside the 0.5 m join.
    auto key = std::make_pair(std::llround(x * 10), std::llround(y * 10));
    auto [it, fresh] = nodes.emplace(key, static_cast<uint32_t>(parent.size()));
    if (fresh) parent.push_back(it->second), degree.push_back(0);
    ++degree[it->second];
    return it->second;
  }
  uint32_t find(uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
};

TEST_F(DemoDistrict, RoadNetworkIsConnectedAndPlausible) {
  RoadNet net;
  int bridges = 0, tunnels = 0, oneway = 0;
  for (const Feature& f : layer("roads").features) {
    auto g = metric(f);
    auto seq = GEOSGeom_getCoordSeq_r(geos.handle(), g.get());
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(geos.handle(), seq, &n);
    std::vector<std::pair<double, double>> pts(n);
    for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(geos.handle(), seq, i, &pts[i].first, &pts[i].second);
    for (unsigned i = 1; i < n; ++i)
      net.segments.push_back({pts[i - 1].first, pts[i - 1].second, pts[i].first, pts[i].second});
    const uint32_t a = net.node(pts.front().first, pts.front().second);
    const uint32_t b = net.node(pts.back().first, pts.back().second);
    net.parent[net.find(a)] = net.find(b);
    bridges += f.at("bridge") == "yes";
    tunnels += f.at("tunnel") == "yes";
    oneway += !f.at("oneway").empty();
  }
  std::set<uint32_t> roots;
  for (uint32_t v = 0; v < net.parent.size(); ++v) roots.insert(net.find(v));
  EXPECT_EQ(roots.size(), 1u) << "road network falls apart into " << roots.size() << " pieces";
  EXPECT_GE(net.parent.size(), 2000u);
  EXPECT_LE(net.parent.size(), 6000u);
  EXPECT_GT(std::count(net.degree.begin(), net.degree.end(), 1), 20) << "no dead ends";
  EXPECT_GE(bridges, 3);
  EXPECT_LE(bridges, 8);
  EXPECT_GE(tunnels, 1);
  EXPECT_GT(oneway, 50);

  // Every facility lies within 50 m of a road and inside the district.
  auto district = metric(layer("areas").features.front());
  auto near_road = [&](double x, double y) {
    double best = 1e300;
    for (const auto& s : net.segments) {
      const double dx = s[2] - s[0], dy = s[3] - s[1];
      const double len2 = dx * dx + dy * dy;
      const double t = len2 > 0 ? std::clamp(((x - s[0]) * dx + (y - s[1]) * dy) / len2, 0.0, 1.0) : 0.0;
      best = std::min(best, std::hypot(x - s[0] - t * dx, y - s[1] - t * dy));
    }
    return best;
  };
  for (const char* name : {"shelters", "depots", "teams", "risk_points"}) {
    for (const Feature& f : layer(name).features) {
      auto g = metric(f);
      auto point = geos.own(GEOSGeomTypeId_r(geos.handle(), g.get()) == GEOS_LINESTRING
                                ? GEOSGeomGetStartPoint_r(geos.handle(), g.get())
                                : GEOSPointOnSurface_r(geos.handle(), g.get()));
      double x = 0, y = 0;
      GEOSGeomGetX_r(geos.handle(), point.get(), &x);
      GEOSGeomGetY_r(geos.handle(), point.get(), &y);
      EXPECT_LE(near_road(x, y), 50.0) << name << " " << f.at("id") << " " << f.at("name");
      EXPECT_EQ(GEOSIntersects_r(geos.handle(), district.get(), point.get()), 1) << name << " " << f.at("id");
    }
  }
}

// The README names the streets a planner's shelter check must flag; keep it honest.
TEST_F(DemoDistrict, DeliberateShelterShortfallsAreTheDocumentedOnes) {
  std::map<std::string, std::string> street_name;
  std::map<std::string, int64_t> street_pop;
  for (const Feature& f : layer("areas").features)
    if (parse_enum<AreaLevel>(f.at("level")) == AreaLevel::street)
      street_name[f.at("id")] = f.at("name"), street_pop[f.at("id")] = std::stoll(f.at("population"));
  std::map<std::string, int> indoor, outdoor_fixed;
  std::map<std::string, double> shelter_area;
  for (const Feature& f : layer("shelters").features) {
    const std::string& s = f.at("street_id");
    ASSERT_TRUE(street_name.count(s)) << f.at("id");
    const auto setting = parse_enum<ShelterSetting>(f.at("setting"));
    indoor[s] += setting == ShelterSetting::indoor;
    outdoor_fixed[s] += setting == ShelterSetting::outdoor && parse_enum<ShelterType>(f.at("type")) == ShelterType::fixed;
    shelter_area[s] += std::stod(f.at("effective_area_m2"));
  }
  std::set<std::string> no_indoor, short_area;
  for (const auto& [id, name] : street_name) {
    if (!indoor[id]) no_indoor.insert(name);
    if (shelter_area[id] / static_cast<double>(street_pop[id]) < 1.5) short_area.insert(name);
    EXPECT_GE(outdoor_fixed[id], 1) << name;
  }
  EXPECT_EQ(no_indoor, (std::set<std::string>{"青云街道", "凤凰街道"}));
  EXPECT_EQ(short_area, (std::set<std::string>{"海棠街道"}));
}

}  // namespace
}  // namespace erde
