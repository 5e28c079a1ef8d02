#include "cli/load_report.hpp"

#include <cstdio>
#include <set>

#include "model/vocabulary.hpp"
#include "util/text.hpp"

namespace erde::cli {
namespace {

// "35 (indoor 12, outdoor 23)": how many items fall in each value of the vocabulary.
template <typename E, typename Items, typename Get>
std::string breakdown(const Items& items, Get get) {
  std::string parts;
  for (const auto& e : EnumTable<E>::entries) {
    size_t n = 0;
    for (const auto& item : items)
      if (get(item) == e.value) ++n;
    if (n == 0) continue;
    if (!parts.empty()) parts += ", ";
    parts += std::string(e.en) + " " + std::to_string(n);
  }
  return std::to_string(items.size()) + (parts.empty() ? "" : " (" + parts + ")");
}

}  // namespace

std::string bbox_text(const BBox& b) {
  if (b.empty()) return "empty";
  char buf[160];
  std::snprintf(buf, sizeof buf, "lon %.6f .. %.6f, lat %.6f .. %.6f", b.min_lon, b.max_lon,
                b.min_lat, b.max_lat);
  return buf;
}

void print_layers(const LoadResult& r) {
  std::printf("Layers:\n");
  for (const LayerSummary& l : r.layers) {
    std::printf("  %s: layer '%s' -> ", printable_text(l.source).c_str(), printable_text(l.layer).c_str());
    if (!l.kind) {
      std::printf("not recognised (name it after a kind or map it with --mapping)\n");
      continue;
    }
    if (*l.kind == LayerKind::roads) {
      std::printf("roads (use erde graph): %lld features\n", static_cast<long long>(l.features));
      continue;
    }
    std::printf("%s: %lld read, %lld loaded, %lld rejected", std::string(to_string(*l.kind)).c_str(),
                static_cast<long long>(l.features), static_cast<long long>(l.loaded),
                static_cast<long long>(l.rejected));
    if (!l.crs.empty())
      std::printf("; CRS %s%s", printable_text(l.crs).c_str(),
                  l.crs_origin == "layer" ? "" : (" (" + l.crs_origin + ")").c_str());
    if (!l.bbox.empty()) std::printf("; %s", bbox_text(l.bbox).c_str());
    std::printf("\n");
  }
}

void print_dataset(const LoadResult& r) {
  const Dataset& d = r.data;
  size_t stock_items = 0;
  for (const Depot& depot : d.depots) stock_items += depot.stock.size();
  long long people = 0;
  for (const Team& t : d.teams) people += t.headcount;
  std::printf("Loaded:\n");
  std::printf("  areas: %s\n", breakdown<AreaLevel>(d.areas, [](const AdminArea& a) { return a.level; }).c_str());
  std::printf("  shelters: %s\n", breakdown<ShelterSetting>(d.shelters, [](const Shelter& s) { return s.setting; }).c_str());
  std::printf("  depots: %s; %zu stock items\n", breakdown<DepotKind>(d.depots, [](const Depot& x) { return x.kind; }).c_str(), stock_items);
  std::printf("  teams: %s; %lld people\n", breakdown<TeamKind>(d.teams, [](const Team& t) { return t.kind; }).c_str(), people);
  std::printf("  risk_points: %s\n", breakdown<RiskLevel>(d.risk_points, [](const RiskPoint& p) { return p.level; }).c_str());
  std::set<std::string> covered;
  for (const ResponsibilityArea& a : d.responsibility_areas) covered.insert(a.team_id);
  std::printf("  responsibility_areas: %zu, of %zu teams\n", d.responsibility_areas.size(), covered.size());
  std::printf("WGS84 bounding box: %s\n", bbox_text(r.bbox).c_str());
}

}  // namespace erde::cli
