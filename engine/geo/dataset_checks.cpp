#include "geo/dataset_checks.hpp"

#include <map>
#include <optional>
#include <set>

#include "geo/area_metrics.hpp"
#include "geo/local_projection.hpp"
#include "geo/stock_text.hpp"

namespace erde {

namespace {

template <typename T>
void reject(Staged<T>& s, std::string field, std::string reason,
            std::vector<LayerSummary>& summaries, std::vector<Problem>& problems) {
  if (!s.rejected) {
    s.rejected = true;
    --summaries[s.ref.summary].loaded;
    ++summaries[s.ref.summary].rejected;
  }
  problems.push_back({s.ref.source, s.ref.layer, s.ref.label(), s.ref.fid, std::move(field),
                      std::move(reason)});
}

std::string where(const FeatureRef& r) {
  return r.source + " layer '" + r.layer + "' FID " + std::to_string(r.fid);
}

template <typename T>
void reject_duplicates(std::vector<Staged<T>>& items, std::vector<LayerSummary>& summaries,
                       std::vector<Problem>& problems) {
  std::map<std::string, const FeatureRef*> first;
  for (Staged<T>& s : items) {
    if (s.ref.id.empty()) continue;
    auto [it, inserted] = first.emplace(s.ref.id, &s.ref);
    if (!inserted)
      reject(s, "id", "duplicate id '" + s.ref.id + "': also used by " + where(*it->second),
             summaries, problems);
  }
}

// Ids present in the source (even if rejected) -> whether the feature was accepted.
template <typename T>
std::map<std::string, bool> id_status(const std::vector<Staged<T>>& items) {
  std::map<std::string, bool> out;
  for (const Staged<T>& s : items)
    if (!s.ref.id.empty()) out.emplace(s.ref.id, !s.rejected);
  return out;
}

void check_parents(std::vector<Staged<AdminArea>>& areas, std::vector<LayerSummary>& summaries,
                   std::vector<Problem>& problems, bool lenient) {
  auto status = id_status(areas);
  for (Staged<AdminArea>& s : areas) {
    const std::string& parent = s.value.parent_id;
    if (s.rejected || parent.empty()) continue;
    if (parent == s.value.id)
      reject(s, "parent_id", "parent_id names the area itself", summaries, problems);
    else if (!status.count(parent))
      reject(s, "parent_id", "parent_id '" + parent + "' names no area", summaries, problems);
  }
  if (!lenient) return;
  // Children of rejected areas go too, down every level.
  for (bool changed = true; changed;) {
    changed = false;
    status = id_status(areas);
    for (Staged<AdminArea>& s : areas) {
      if (s.rejected || s.value.parent_id.empty()) continue;
      auto it = status.find(s.value.parent_id);
      if (it != status.end() && !it->second) {
        reject(s, "parent_id", "parent area '" + s.value.parent_id + "' was rejected",
               summaries, problems);
        changed = true;
      }
    }
  }
}

// A responsibility area's team must exist; in a lenient load an area of a rejected team goes too.
void check_area_teams(Staging& staging, std::vector<LayerSummary>& summaries, std::vector<Problem>& problems,
                      bool lenient) {
  const auto status = id_status(staging.teams);
  for (Staged<ResponsibilityArea>& s : staging.responsibility_areas) {
    if (s.rejected) continue;
    auto it = status.find(s.value.team_id);
    if (it == status.end())
      reject(s, "team_id", "team_id '" + s.value.team_id + "' names no team", summaries, problems);
    else if (!it->second && lenient)
      reject(s, "team_id", "team '" + s.value.team_id + "' was rejected", summaries, problems);
  }
}

void attach_stock(Staging& staging, std::vector<LayerSummary>& summaries,
                  std::vector<Problem>& problems, bool lenient) {
  std::map<std::string, Staged<Depot>*> depots;
  for (Staged<Depot>& d : staging.depots) depots.emplace(d.ref.id, &d);
  for (Staged<StockRow>& row : staging.stock_rows) {
    if (row.rejected) continue;
    auto it = depots.find(row.value.depot_id);
    if (it == depots.end()) {
      reject(row, "depot_id", "depot_id '" + row.value.depot_id + "' names no depot",
             summaries, problems);
    } else if (it->second->rejected) {
      if (lenient)
        reject(row, "depot_id", "depot '" + row.value.depot_id + "' was rejected", summaries,
               problems);
    } else {
      add_stock(it->second->value.stock, row.value.item);
    }
  }
}

template <typename T>
void collect(std::vector<Staged<T>>& items, std::vector<T>& out,
             std::vector<LayerSummary>& summaries, BBox& bbox) {
  for (Staged<T>& s : items) {
    if (s.rejected) continue;
    summaries[s.ref.summary].bbox.extend(s.ref.extent);
    bbox.extend(s.ref.extent);
    out.push_back(std::move(s.value));
  }
  items.clear();
}

}  // namespace

void check_across_layers(Staging& staging, std::vector<LayerSummary>& summaries,
                         std::vector<Problem>& problems, bool lenient) {
  reject_duplicates(staging.areas, summaries, problems);
  reject_duplicates(staging.shelters, summaries, problems);
  reject_duplicates(staging.depots, summaries, problems);
  reject_duplicates(staging.teams, summaries, problems);
  reject_duplicates(staging.risk_points, summaries, problems);
  reject_duplicates(staging.responsibility_areas, summaries, problems);
  check_parents(staging.areas, summaries, problems, lenient);
  attach_stock(staging, summaries, problems, lenient);
  check_area_teams(staging, summaries, problems, lenient);
}

void finish_dataset(Staging& staging, std::vector<LayerSummary>& summaries,
                    std::vector<Problem>& problems, const GeosContext& geos, Dataset& out,
                    BBox& bbox) {
  for (Staged<AdminArea>& s : staging.areas) {
    if (s.rejected) continue;
    try {
      // Each area in the projection centred on itself, so its metrics do not depend on what else
      // was loaded and the projection's east-west drift cancels across it (geo/local_projection.hpp).
      const BBox& box = s.ref.extent;
      const LocalProjection projection = local_projection(box.empty() ? LonLat{} : box.centre());
      AreaMetrics m = measure_area(s.value.boundary.wkb, projection, geos);
      s.value.area_m2 = m.area_m2;
      s.value.centroid = m.centroid;
    } catch (const Error& e) {
      reject(s, "geometry", e.what(), summaries, problems);
    }
  }
  collect(staging.areas, out.areas, summaries, bbox);
  collect(staging.shelters, out.shelters, summaries, bbox);
  collect(staging.depots, out.depots, summaries, bbox);
  collect(staging.teams, out.teams, summaries, bbox);
  collect(staging.risk_points, out.risk_points, summaries, bbox);
  collect(staging.responsibility_areas, out.responsibility_areas, summaries, bbox);
  staging.stock_rows.clear();
}

}  // namespace erde
