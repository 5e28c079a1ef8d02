#include "route/road_index.hpp"

#include <chrono>

#include "graph/import.hpp"
#include "util/error.hpp"

namespace erde {

size_t RoadIndex::profile(std::string_view name) const {
  for (size_t p = 0; p < profiles.size(); ++p)
    if (profiles[p].name == name) return p;
  std::string known;
  for (const Profile& p : profiles) known += (known.empty() ? "" : ", ") + p.name;
  throw Error("no road profile '" + std::string(name) + "' (known: " + known + ")");
}

bool RoadIndex::has_profile(std::string_view name) const {
  for (const Profile& p : profiles)
    if (p.name == name) return true;
  return false;
}

size_t RoadIndex::memory_bytes() const {
  size_t bytes = snap ? snap->memory_bytes() : 0;
  for (const CchIndex& c : cch) bytes += c.memory_bytes();
  for (const auto& w : base_weights) bytes += w.size() * sizeof(uint32_t);
  return bytes;
}

std::shared_ptr<const RoadIndex> make_road_index(RoadGraph graph, std::vector<Profile> profiles, double max_snap_m) {
  if (!(max_snap_m > 0)) throw Error("snap distance must be positive metres");
  if (profiles.empty()) throw Error("roads: no profile to weigh them with");
  const auto t0 = std::chrono::steady_clock::now();
  auto ix = std::make_shared<RoadIndex>();
  ix->graph = std::move(graph);
  ix->profiles = std::move(profiles);
  ix->max_snap_m = max_snap_m;
  std::vector<uint8_t> any(ix->graph.edge_count(), 0);
  for (const Profile& p : ix->profiles) {
    ix->reports.emplace_back();
    ix->base_weights.push_back(rule_weights(ix->graph, p, &ix->reports.back()));
    const std::vector<uint32_t>& w = ix->base_weights.back();
    ix->reach.push_back(road_reach(ix->graph, w));
    for (EdgeId e = 0; e < ix->graph.edge_count(); ++e) any[e] |= w[e] != kUnreachable;
  }
  const std::vector<NodeId> order = nested_dissection_order(ix->graph, any);
  for (const auto& w : ix->base_weights) {
    std::vector<uint8_t> usable(ix->graph.edge_count());
    for (EdgeId e = 0; e < ix->graph.edge_count(); ++e) usable[e] = w[e] != kUnreachable;
    ix->cch.push_back(build_cch(ix->graph, order, usable));
  }
  ix->snap = std::make_unique<SnapIndex>(ix->graph);
  ix->build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return ix;
}

std::shared_ptr<const RoadIndex> open_road_index(const std::string& roads, const std::string& profiles_path,
                                                 std::span<const std::string> names, double max_snap_m) {
  if (!(max_snap_m > 0)) throw Error("snap distance must be positive metres");
  std::vector<Profile> profiles;
  if (names.empty()) profiles = load_profiles(profiles_path);
  else
    for (const std::string& name : names) profiles.push_back(load_profile(profiles_path, name));
  return make_road_index(open_roads(roads), std::move(profiles), max_snap_m);
}

}  // namespace erde
