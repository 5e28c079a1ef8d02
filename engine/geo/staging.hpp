#pragma once
// Internal to engine/geo: features read and checked one by one, before the checks that need
// every layer (duplicate ids, references) decide which of them make it into the Dataset.
#include <cstdint>
#include <string>
#include <vector>

#include "geo/bbox.hpp"
#include "model/dataset.hpp"

namespace erde {

struct FeatureRef {
  std::string source;
  std::string layer;
  int64_t fid = -1;
  std::string id;          // empty when the feature has none (depot_stock rows)
  size_t summary = 0;      // index into LoadResult::layers
  BBox extent;             // WGS84 envelope of its geometry
  std::string label() const { return id.empty() ? "FID " + std::to_string(fid) : id; }
};

template <typename T>
struct Staged {
  T value;
  FeatureRef ref;
  bool rejected = false;
};

struct StockRow {
  std::string depot_id;
  StockItem item;
};

struct Staging {
  std::vector<Staged<AdminArea>> areas;
  std::vector<Staged<Shelter>> shelters;
  std::vector<Staged<Depot>> depots;
  std::vector<Staged<StockRow>> stock_rows;
  std::vector<Staged<Team>> teams;
  std::vector<Staged<RiskPoint>> risk_points;
  std::vector<Staged<ResponsibilityArea>> responsibility_areas;
};

}  // namespace erde
