#include "route/closures.hpp"

#include <algorithm>
#include <cmath>

#include "util/error.hpp"

namespace erde {

Barrier closed_area(std::string id, Geometry polygon) {
  return {std::move(id), BarrierKind::closed_area, std::move(polygon), kInvalidId, 1.0};
}
Barrier closed_line(std::string id, Geometry line) {
  return {std::move(id), BarrierKind::closed_line, std::move(line), kInvalidId, 1.0};
}
Barrier closed_edge(std::string id, EdgeId edge) { return {std::move(id), BarrierKind::closed_edge, {}, edge, 1.0}; }
Barrier slow_area(std::string id, Geometry polygon, double speed_factor) {
  return {std::move(id), BarrierKind::slow_area, std::move(polygon), kInvalidId, speed_factor};
}

uint32_t slowed_weight(uint32_t w, double speed_factor) {
  if (w == kUnreachable) return w;
  const double slowed = std::ceil(static_cast<double>(w) / speed_factor);
  return slowed >= static_cast<double>(kUnreachable - 1) ? kUnreachable - 1 : static_cast<uint32_t>(slowed);
}

Closures::Closures(const RoadGraph& graph)
    : graph_(graph),
      grid_(build_segment_grid(graph)),
      geos_(std::make_unique<GeosContext>()),
      closed_count_(graph.edge_count(), 0),
      slow_count_(graph.edge_count(), 0) {}

size_t Closures::add_profile(std::string name, std::vector<uint32_t> base) {
  if (base.size() != graph_.edge_count())
    throw Error("closures: profile " + name + " has " + std::to_string(base.size()) + " weights for " +
                std::to_string(graph_.edge_count()) + " edges");
  for (const Profile& p : profiles_)
    if (p.name == name) throw Error("closures: profile " + name + " is already registered");
  profiles_.push_back({std::move(name), std::move(base), {}});
  profiles_.back().effective = profiles_.back().base;
  for (const Active& a : active_)
    for (EdgeId e : a.edges) recompute(e);
  return profiles_.size() - 1;
}

size_t Closures::profile_index(std::string_view name) const {
  std::string known;
  for (size_t p = 0; p < profiles_.size(); ++p) {
    if (profiles_[p].name == name) return p;
    known += (p ? ", " : "") + profiles_[p].name;
  }
  throw Error("unknown profile '" + std::string(name) + "' (known: " + known + ")");
}

std::vector<EdgeId> Closures::edges_of(const Barrier& b) {
  std::vector<EdgeId> edges;
  if (b.kind == BarrierKind::closed_edge) {
    if (b.edge >= graph_.edge_count())
      throw Error("barrier " + b.id + ": edge " + std::to_string(b.edge) + " does not exist (the graph has " +
                  std::to_string(graph_.edge_count()) + " edges)");
    edges.push_back(b.edge);
    return edges;
  }
  if (b.geometry.empty()) throw Error("barrier " + b.id + ": no geometry");
  GEOSContextHandle_t h = geos_->handle();
  GeosContext::GeomPtr geom = geos_->from_wkb(b.geometry.wkb);
  const int type = GEOSGeomTypeId_r(h, geom.get());
  const bool want_line = b.kind == BarrierKind::closed_line;
  if (want_line ? (type != GEOS_LINESTRING && type != GEOS_MULTILINESTRING)
                : (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON)) {
    char* got = GEOSGeomType_r(h, geom.get());
    const std::string got_type = got ? got : "?";
    GEOSFree_r(h, got);
    throw Error("barrier " + b.id + ": expected a " + (want_line ? "line" : "polygon") + " geometry, got " + got_type);
  }
  if (GEOSisEmpty_r(h, geom.get()) == 1) return edges;
  if (!want_line && GEOSisValid_r(h, geom.get()) != 1) {
    char* why = GEOSisValidReason_r(h, geom.get());
    const std::string reason = why ? why : geos_->last_error();
    GEOSFree_r(h, why);
    throw Error("barrier " + b.id + ": not a valid polygon (" + reason + ")");
  }
  Box box;
  GEOSGeom_getXMin_r(h, geom.get(), &box.lon_min);
  GEOSGeom_getYMin_r(h, geom.get(), &box.lat_min);
  GEOSGeom_getXMax_r(h, geom.get(), &box.lon_max);
  GEOSGeom_getYMax_r(h, geom.get(), &box.lat_max);
  segments_meeting(grid_, box, candidates_);
  const GEOSPreparedGeometry* prepared = GEOSPrepare_r(h, geom.get());
  std::string failure;
  for (uint32_t s : candidates_) {
    const uint32_t first = graph_.shape_first[s], last = graph_.shape_first[s + 1];
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromArrays_r(h, &graph_.shape_lon[first], &graph_.shape_lat[first],
                                                           nullptr, nullptr, last - first);
    GeosContext::GeomPtr line = geos_->own(GEOSGeom_createLineString_r(h, seq));
    const char hit = GEOSPreparedIntersects_r(h, prepared, line.get());
    if (hit == 2) {
      failure = geos_->last_error();
      break;
    }
    if (hit == 1) {
      edges.push_back(graph_.segment_edge[2 * s]);
      edges.push_back(graph_.segment_edge[2 * s + 1]);
    }
  }
  GEOSPreparedGeom_destroy_r(h, prepared);
  if (!failure.empty()) throw Error("barrier " + b.id + ": GEOS cannot test the geometry: " + failure);
  std::sort(edges.begin(), edges.end());
  return edges;
}

size_t Closures::add(const Barrier& b) {
  if (b.id.empty()) throw Error("barrier: empty id");
  if (index_.count(b.id)) throw Error("barrier " + b.id + ": id already in use");
  if (b.kind == BarrierKind::slow_area && !(b.speed_factor > 0 && b.speed_factor <= 1))
    throw Error("barrier " + b.id + ": speed factor must be in (0, 1], got " + std::to_string(b.speed_factor));
  Active a{b, edges_of(b)};
  const bool slow = b.kind == BarrierKind::slow_area;
  for (EdgeId e : a.edges) ++(slow ? slow_count_ : closed_count_)[e];
  index_.emplace(b.id, active_.size());
  active_.push_back(std::move(a));
  for (EdgeId e : active_.back().edges) recompute(e);
  return active_.back().edges.size();
}

bool Closures::remove(std::string_view id) {
  auto it = index_.find(std::string(id));
  if (it == index_.end()) return false;
  const size_t pos = it->second;
  index_.erase(it);
  Active gone = std::move(active_[pos]);
  if (pos + 1 != active_.size()) {
    active_[pos] = std::move(active_.back());
    index_[active_[pos].barrier.id] = pos;
  }
  active_.pop_back();
  const bool slow = gone.barrier.kind == BarrierKind::slow_area;
  for (EdgeId e : gone.edges) --(slow ? slow_count_ : closed_count_)[e];
  for (EdgeId e : gone.edges) recompute(e);
  return true;
}

void Closures::clear() {
  while (!active_.empty()) remove(std::string(active_.back().barrier.id));
}

std::vector<std::string> Closures::ids() const {
  std::vector<std::string> out;
  for (const Active& a : active_) out.push_back(a.barrier.id);
  std::sort(out.begin(), out.end());
  return out;
}

std::span<const EdgeId> Closures::touched_edges(std::string_view id) const {
  auto it = index_.find(std::string(id));
  if (it == index_.end()) return {};
  return active_[it->second].edges;
}

void Closures::recompute(EdgeId e) {
  double factor = 1.0;
  if (closed_count_[e] == 0 && slow_count_[e] > 0)
    for (const Active& a : active_)
      if (a.barrier.kind == BarrierKind::slow_area && std::binary_search(a.edges.begin(), a.edges.end(), e))
        factor = std::min(factor, a.barrier.speed_factor);
  for (Profile& p : profiles_) {
    const uint32_t base = p.base[e];
    if (closed_count_[e] > 0)
      p.effective[e] = kUnreachable;
    else if (factor < 1.0)
      p.effective[e] = slowed_weight(base, factor);
    else
      p.effective[e] = base;
  }
}

}  // namespace erde
