#pragma once
// Material depot (应急物资储备库/储备点) with its stock.
#include <string>
#include <vector>

#include "model/geometry.hpp"
#include "model/vocabulary.hpp"

namespace erde {

struct StockItem {
  Material material = Material::sandbag;
  double quantity = 0.0;
  std::string unit;  // as given; defaults to default_unit(material)
};

struct Depot {
  std::string id;
  std::string name;
  DepotKind kind = DepotKind::street_reserve;
  std::string street_id;
  LonLat location;
  std::vector<StockItem> stock;
};

}  // namespace erde
