#include "graph/snap.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cstdio>
#include <limits>

#include "geo/local_projection.hpp"
#include "graph/distance.hpp"
#include "graph/profile.hpp"
#include "util/error.hpp"

namespace erde {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Piece = bg::model::segment<Point>;
using Value = std::pair<Piece, uint32_t>;  // piece from shape point i to i+1
constexpr double kSlack = 0.01;            // pieces this much farther than the nearest are compared too
}  // namespace

struct SnapIndex::Tree {
  LocalProjection plane;  // centred on the graph's box
  std::vector<uint32_t> segment_of_point;  // shape point -> segment
  bgi::rtree<Value, bgi::rstar<16>> rtree;
};

SnapIndex::SnapIndex(const RoadGraph& g) : graph_(&g), tree_(std::make_unique<Tree>()) {
  Tree& t = *tree_;
  if (!g.shape_lon.empty()) {
    auto [lon_min, lon_max] = std::minmax_element(g.shape_lon.begin(), g.shape_lon.end());
    auto [lat_min, lat_max] = std::minmax_element(g.shape_lat.begin(), g.shape_lat.end());
    t.plane = local_projection({(*lon_min + *lon_max) / 2, (*lat_min + *lat_max) / 2});
  }
  std::vector<Point> at(g.shape_lon.size());
  for (size_t i = 0; i < at.size(); ++i) {
    const XY p = project(t.plane, {g.shape_lon[i], g.shape_lat[i]});
    at[i] = Point{p.x, p.y};
  }
  t.segment_of_point.resize(g.shape_lon.size());
  std::vector<Value> pieces;
  pieces.reserve(g.shape_lon.size());
  for (uint32_t s = 0; s < g.segment_count(); ++s) {
    for (uint32_t i = g.shape_first[s]; i < g.shape_first[s + 1]; ++i) {
      t.segment_of_point[i] = s;
      if (i + 1 < g.shape_first[s + 1]) pieces.emplace_back(Piece{at[i], at[i + 1]}, i);
    }
  }
  t.rtree = decltype(t.rtree)(pieces.begin(), pieces.end());
}

SnapIndex::~SnapIndex() = default;
SnapIndex::SnapIndex(SnapIndex&&) noexcept = default;
SnapIndex& SnapIndex::operator=(SnapIndex&&) noexcept = default;

std::optional<Snap> SnapIndex::nearest(LonLat where, const std::vector<uint32_t>& weights) const {
  return nearest(where, weights, {}, 0);
}

std::optional<Snap> SnapIndex::nearest(LonLat where, const std::vector<uint32_t>& weights,
                                       std::span<const uint8_t> segment_bits, uint8_t need) const {
  const RoadGraph& g = *graph_;
  const Tree& t = *tree_;
  if (weights.size() != g.edge_count())
    throw Error("snap: weights for " + std::to_string(weights.size()) + " edges, graph has " +
                std::to_string(g.edge_count()));
  if (!segment_bits.empty() && segment_bits.size() != g.segment_count())
    throw Error("snap: reach bits for " + std::to_string(segment_bits.size()) + " segments, graph has " +
                std::to_string(g.segment_count()));
  auto usable = [&](const Value& v) {
    uint32_t s = t.segment_of_point[v.second];
    if (!segment_bits.empty() && (segment_bits[s] & need) != need) return false;
    return weights[g.segment_edge[2 * s]] != kUnreachable || weights[g.segment_edge[2 * s + 1]] != kUnreachable;
  };
  const XY w = project(t.plane, where);
  const Point q{w.x, w.y};
  // The plane finds the nearest piece and every other within 1 % of it; haversine, the metric of
  // distance_m and of every length in the graph, picks among them (plane metres and the mean
  // sphere's differ by up to 0.6 %, enough to swap two roads nearly as far); exact ties go to
  // the lowest piece.
  std::vector<Value> found;
  t.rtree.query(bgi::nearest(q, 2) && bgi::satisfies(usable), std::back_inserter(found));
  if (found.empty()) return std::nullopt;
  auto plane_m = [&](const Value& v) { return bg::distance(q, v.first); };
  if (found.size() == 2 && plane_m(found[1]) < plane_m(found[0])) std::swap(found[0], found[1]);
  const double reach = plane_m(found[0]) * (1 + kSlack);
  if (found.size() == 2 && plane_m(found[1]) > reach) {
    found.pop_back();  // the usual case: one piece clearly nearest
  } else if (found.size() == 2) {
    const uint32_t first = found[0].second;
    found.resize(1);
    const bg::model::box<Point> around{{w.x - reach, w.y - reach}, {w.x + reach, w.y + reach}};
    t.rtree.query(bgi::intersects(around) && bgi::satisfies(usable) &&
                      bgi::satisfies([&](const Value& v) { return v.second != first && plane_m(v) <= reach; }),
                  std::back_inserter(found));
  }
  uint32_t i = 0;
  double u = 0, best = std::numeric_limits<double>::infinity();
  for (const Value& v : found) {
    const double ax = bg::get<0, 0>(v.first), ay = bg::get<0, 1>(v.first);
    const double dx = bg::get<1, 0>(v.first) - ax, dy = bg::get<1, 1>(v.first) - ay, len2 = dx * dx + dy * dy;
    const double uk = len2 > 0 ? std::clamp(((w.x - ax) * dx + (w.y - ay) * dy) / len2, 0.0, 1.0) : 0.0;
    const uint32_t k = v.second;
    const double d = haversine_m(where, {g.shape_lon[k] + uk * (g.shape_lon[k + 1] - g.shape_lon[k]),
                                         g.shape_lat[k] + uk * (g.shape_lat[k + 1] - g.shape_lat[k])});
    if (d < best || (d == best && k < i)) best = d, i = k, u = uk;
  }

  Snap snap;
  snap.segment = t.segment_of_point[i];
  const LonLat a{g.shape_lon[i], g.shape_lat[i]}, b{g.shape_lon[i + 1], g.shape_lat[i + 1]};
  snap.point = {a.lon + u * (b.lon - a.lon), a.lat + u * (b.lat - a.lat)};
  snap.distance_m = haversine_m(where, snap.point);
  double before = 0, total = 0;
  for (uint32_t k = g.shape_first[snap.segment] + 1; k < g.shape_first[snap.segment + 1]; ++k) {
    double piece = haversine_m({g.shape_lon[k - 1], g.shape_lat[k - 1]}, {g.shape_lon[k], g.shape_lat[k]});
    if (k <= i) before += piece;
    total += piece;
  }
  before += haversine_m(a, snap.point);
  snap.fraction = total > 0 ? std::clamp(before / total, 0.0, 1.0) : 0.0;
  EdgeId along = g.segment_edge[2 * snap.segment], against = g.segment_edge[2 * snap.segment + 1];
  if (weights[along] != kUnreachable) {
    snap.along = along;
    snap.edges[snap.edge_count++] = {along, snap.fraction};
  }
  if (weights[against] != kUnreachable) {
    snap.against = against;
    snap.edges[snap.edge_count++] = {against, 1.0 - snap.fraction};
  }
  return snap;
}

Snap SnapIndex::snap(LonLat where, const std::vector<uint32_t>& weights, double max_distance_m) const {
  return snap(where, weights, max_distance_m, {}, 0);
}

Snap SnapIndex::snap(LonLat where, const std::vector<uint32_t>& weights, double max_distance_m,
                     std::span<const uint8_t> segment_bits, uint8_t need) const {
  char at[64];
  std::snprintf(at, sizeof at, "(%.6f, %.6f)", where.lon, where.lat);
  std::optional<Snap> s = nearest(where, weights, segment_bits, need);
  if (!s) throw Error(std::string("snap ") + at + ": no road is usable by this profile");
  if (s->distance_m > max_distance_m) {
    char why[160];
    std::snprintf(why, sizeof why, ": the nearest usable road is %.0f m away (limit %.0f m)", s->distance_m,
                  max_distance_m);
    throw Error(std::string("snap ") + at + why);
  }
  return *s;
}

size_t SnapIndex::memory_bytes() const {
  // The R-tree holds one value per piece plus about one node entry per 16 values.
  return sizeof(Tree) + tree_->segment_of_point.capacity() * sizeof(uint32_t) +
         tree_->rtree.size() * (sizeof(Value) * 17 / 16);
}

}  // namespace erde
