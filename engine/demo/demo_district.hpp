#pragma once
// The embedded demo district: a FICTIONAL district ("Huacheng District 花城区") shaped after the
// Yuexiu 2020 inventory in ../shared/brief/DOMAIN.md, generated deterministically from a seed
// and written as one GeoPackage with every layer of geodata/SCHEMA.md.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "demo/road_lines.hpp"
#include "model/dataset.hpp"

namespace erde::demo {

inline constexpr uint64_t kDemoSeed = 20201231;
inline constexpr const char* kDistrictName = "Huacheng District 花城区 (fictional demo data)";

// Streets (by index into the street list, i.e. area ids S01..S18 minus one) that the demo
// leaves short on purpose so a planner's checks have something to find.
inline constexpr int kStreetsWithoutIndoorShelter[] = {5, 12};
inline constexpr int kStreetShortOfShelterArea = 15;

struct DepotStockRow {
  std::string depot_id;
  Material material = Material::sandbag;
  double quantity = 0;
  std::string unit;
};

struct DemoDistrict {
  uint64_t seed = 0;
  Dataset data;  // areas, shelters, depots, teams, risk points in WGS84
  std::vector<DepotStockRow> depot_stock;
  std::vector<RoadLine> roads;
};

DemoDistrict make_demo_district(uint64_t seed);

// Writes `file` (a .gpkg) with fixed timestamps, so the same district gives the same bytes.
void write_demo_gpkg(const DemoDistrict& district, const std::filesystem::path& file);

// make + write into out_dir/demo.gpkg; returns the file written.
std::filesystem::path generate_demo(const std::filesystem::path& out_dir, uint64_t seed = kDemoSeed);

}  // namespace erde::demo
