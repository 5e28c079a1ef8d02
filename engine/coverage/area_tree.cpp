#include "coverage/area_tree.hpp"

namespace erde {

AreaTree make_area_tree(std::span<const AdminArea> areas) {
  AreaTree t;
  t.areas = areas;
  const size_t n = areas.size();
  for (size_t i = 0; i < n; ++i) t.by_id.emplace(areas[i].id, i);
  t.parent.assign(n, kNoArea);
  t.children.assign(n, {});
  t.street.assign(n, kNoArea);
  for (size_t i = 0; i < n; ++i) {
    if (!areas[i].parent_id.empty()) t.parent[i] = t.find(areas[i].parent_id);
    if (t.parent[i] != kNoArea) t.children[t.parent[i]].push_back(i);
    if (areas[i].level == AreaLevel::street) t.streets.push_back(i);
    if (areas[i].level == AreaLevel::community) t.communities.push_back(i);
  }
  for (size_t i = 0; i < n; ++i) {
    size_t a = i;
    for (size_t steps = 0; a != kNoArea && steps <= n; ++steps) {
      if (areas[a].level == AreaLevel::street) {
        t.street[i] = a;
        break;
      }
      a = t.parent[a];
    }
  }
  return t;
}

std::optional<double> AreaTree::population(size_t area) const {
  if (areas[area].population) return static_cast<double>(*areas[area].population);
  double sum = 0;
  bool any = false;
  for (size_t c : children[area])
    if (auto p = population(c)) {
      sum += *p;
      any = true;
    }
  if (!any) return std::nullopt;
  return sum;
}

std::vector<size_t> AreaTree::populated_leaves() const {
  std::vector<size_t> out;
  for (size_t i = 0; i < areas.size(); ++i) {
    if (!areas[i].population || areas[i].boundary.empty()) continue;
    bool finer = false;
    for (size_t c : children[i])
      if (areas[c].population && !areas[c].boundary.empty()) finer = true;
    if (!finer) out.push_back(i);
  }
  return out;
}

size_t AreaTree::district() const {
  for (size_t i = 0; i < areas.size(); ++i)
    if (areas[i].level == AreaLevel::district) return i;
  return kNoArea;
}

double AreaTree::district_population() const {
  if (size_t d = district(); d != kNoArea)
    if (auto p = population(d)) return *p;
  double sum = 0;
  for (size_t s : streets) sum += population(s).value_or(0.0);
  return sum;
}

}  // namespace erde
