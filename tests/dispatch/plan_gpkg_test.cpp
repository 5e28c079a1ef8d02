#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <filesystem>

#include "dispatch/plan_gpkg.hpp"
#include "fixtures.hpp"

namespace erde {
namespace {

// Reads a layer back through plain OGR: feature count and one string field of the first feature.
struct LayerRead {
  GIntBig count = -1;
  std::string first;
  int first_points = 0;
};

LayerRead read_layer(const std::filesystem::path& file, const char* name, const char* field) {
  GDALAllRegister();
  GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR));
  LayerRead out;
  if (!ds) return out;
  OGRLayer* layer = ds->GetLayerByName(name);
  if (!layer) return out;
  out.count = layer->GetFeatureCount();
  layer->ResetReading();
  if (OGRFeatureUniquePtr f{layer->GetNextFeature()}) {
    out.first = f->GetFieldAsString(field);
    if (const OGRGeometry* g = f->GetGeometryRef(); g && wkbFlatten(g->getGeometryType()) == wkbLineString)
      out.first_points = g->toLineString()->getNumPoints();
  }
  return out;
}

TEST(PlanGpkg, WritesEveryPartOfThePlanAsLayers) {
  Dataset data;
  data.depots.push_back(test::depot("D1", {{Material::sandbag, 100, "bag"}}));
  data.depots.back().location = {113.01, 23.0};
  data.shelters.push_back(test::shelter("S1", 500, {113.02, 23.0}));
  AdminArea area;
  area.id = "A1";
  area.centroid = {113.0, 23.01};
  data.areas.push_back(area);

  IncidentPlan plan;
  plan.incident = {"I-7", IncidentType::waterlogging, Severity::large, {113.0, 23.0}, {}};
  plan.teams.assigned.push_back(
      {Capability::drainage, "T1", "排水队", 120.0, {{113.0, 23.02}, {113.0, 23.01}, {113.0, 23.0}}, std::nullopt, {}, FilledBy::nearest, {}, true, "I-3", {}});
  plan.teams.shortfall.push_back({Capability::medical, 1, "no team with capability medical"});
  plan.materials.picks.push_back({Material::sandbag, "D1", "储备点", 100, 60.0});
  plan.materials.shortfall.push_back({Material::sandbag, 400});
  EvacuationPlan evac;
  evac.allocations.push_back({"A1", "社区", false, "S1", "避难场所", 300, 600.0,
                              {{113.0, 23.01}, {113.01, 23.01}, {113.02, 23.01}, {113.02, 23.0}}, 3100.0});
  evac.allocations.push_back({"A2", "社区", false, "S1", "避难场所", 20, 60.0, {}, 0.0});  // no route known
  plan.evacuation = evac;

  const auto file = std::filesystem::temp_directory_path() / "erde_plan_gpkg_test.gpkg";
  write_plan_gpkg(plan, data, file);

  EXPECT_EQ(read_layer(file, "incident", "id").first, "I-7");
  LayerRead routes = read_layer(file, "team_routes", "team_id");
  EXPECT_EQ(routes.count, 1);
  EXPECT_EQ(routes.first, "T1");
  EXPECT_EQ(routes.first_points, 3);
  EXPECT_EQ(read_layer(file, "team_routes", "re_tasked_from").first, "I-3");
  EXPECT_EQ(read_layer(file, "material_picks", "depot_id").first, "D1");
  LayerRead shortfalls = read_layer(file, "shortfalls", "what");
  EXPECT_EQ(shortfalls.count, 2);  // one team slot and the sandbags
  EXPECT_EQ(shortfalls.first, "medical 医疗");
  LayerRead flows = read_layer(file, "evacuation", "shelter_id");
  EXPECT_EQ(flows.count, 2);
  EXPECT_EQ(flows.first_points, 2);
  LayerRead walks = read_layer(file, "evacuation_routes", "walk_m");
  EXPECT_EQ(walks.count, 1);  // only allocations with a known route
  EXPECT_EQ(walks.first, "3100");
  EXPECT_EQ(walks.first_points, 4);
  EXPECT_EQ(read_layer(file, "zones", "zone").count, 0);  // the plan has no zones
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace erde
