#pragma once
// The administrative hierarchy of a Dataset as indices: parent, children, the street (街道) an
// area lies in, and the finest populated areas (where residents are counted).
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/admin_area.hpp"

namespace erde {

inline constexpr size_t kNoArea = static_cast<size_t>(-1);

struct AreaTree {
  std::span<const AdminArea> areas;
  std::unordered_map<std::string, size_t> by_id;
  std::vector<size_t> parent;                 // kNoArea at the top
  std::vector<std::vector<size_t>> children;
  std::vector<size_t> street;                 // the street-level ancestor (or itself); kNoArea if none
  std::vector<size_t> streets;                // street-level areas, in input order
  std::vector<size_t> communities;            // community-level areas, in input order

  size_t find(const std::string& id) const {
    auto it = by_id.find(id);
    return it == by_id.end() ? kNoArea : it->second;
  }
  // Residents of an area: its population field, else the sum of its children's.
  std::optional<double> population(size_t area) const;
  // Areas with a population and a boundary none of whose children has a population.
  std::vector<size_t> populated_leaves() const;
  // The top area (district) population: the district area's, else the sum over streets.
  double district_population() const;
  // Index of the first district-level area, kNoArea if none.
  size_t district() const;
};

AreaTree make_area_tree(std::span<const AdminArea> areas);

}  // namespace erde
