// The demo district's road network: a warped, jittered grid with arterials every ~840 m,
// tertiary roads between them, residential streets, a river with a few bridges and a tunnel,
// an arterial underpass, one-way couplets, urban-village lanes, cul-de-sacs, a pedestrian
// street and park footways.
#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

#include "demo/frame.hpp"
#include "demo/names.hpp"

namespace erde::demo {
namespace {

constexpr double kDx = 105, kDy = 98;
constexpr uint32_t kNone = UINT32_MAX;

RoadClass line_class(int i) {
  if (i % 8 == 4) return (i / 8) % 2 == 0 ? RoadClass::primary : RoadClass::secondary;
  if (i % 4 == 0) return RoadClass::tertiary;
  return RoadClass::residential;
}

uint8_t class_speed(RoadClass c, Rng& rng) {
  switch (c) {
    case RoadClass::primary: return 60;
    case RoadClass::secondary: return 50;
    case RoadClass::tertiary: return 40;
    case RoadClass::residential: return rng.chance(0.5) ? 30 : 0;
    case RoadClass::living_street: return 20;
    default: return 0;
  }
}

struct UnionFind {
  std::vector<uint32_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  uint32_t find(uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(uint32_t a, uint32_t b) { parent[find(a)] = find(b); }
};

class GridBuilder {
 public:
  GridBuilder(const Frame& frame, Rng& rng) : f_(frame), rng_(rng) {}

  MetricRoads build() {
    place_nodes();
    grid_edges();
    river_crossings();
    underpass();
    lanes_and_paths();
    one_ways();
    keep_largest_component();
    fix_vehicle_connectivity();
    name_nodes();
    return std::move(out_);
  }

 private:
  uint32_t at(int i, int j) const {
    if (i < 0 || j < 0 || i >= nx_ || j >= ny_) return kNone;
    return grid_[static_cast<size_t>(j) * static_cast<size_t>(nx_) + static_cast<size_t>(i)];
  }

  void place_nodes() {
    double xmin = 1e300, xmax = -1e300, ymin = 1e300, ymax = -1e300;
    for (XY p : f_.boundary) {
      xmin = std::min(xmin, p.x), xmax = std::max(xmax, p.x);
      ymin = std::min(ymin, p.y), ymax = std::max(ymax, p.y);
    }
    x0_ = xmin - 200, y0_ = ymin - 200;
    nx_ = static_cast<int>((xmax - xmin + 400) / kDx) + 1;
    ny_ = static_cast<int>((ymax - ymin + 400) / kDy) + 1;
    const double warp_x = rng_.uniform(0, 6.28), warp_y = rng_.uniform(0, 6.28);
    grid_.assign(static_cast<size_t>(nx_) * static_cast<size_t>(ny_), kNone);
    for (int j = 0; j < ny_; ++j) {
      for (int i = 0; i < nx_; ++i) {
        const double sx = line_class(i) == RoadClass::residential ? 5.0 : 0.8;
        const double sy = line_class(j) == RoadClass::residential ? 5.0 : 0.8;
        double x = x0_ + i * kDx + sx * rng_.normal() * 0.5;
        double y = y0_ + j * kDy + sy * rng_.normal() * 0.5;
        XY p{x + 35 * std::sin(y / 850 + warp_x), y + 25 * std::sin(x / 1000 + warp_y)};
        const bool in_area = inside_ring(p, f_.boundary) || dist_to_ring(p, f_.boundary) < 150;
        if (!in_area || f_.river.clearance(p) < 15) continue;
        grid_[static_cast<size_t>(j) * static_cast<size_t>(nx_) + static_cast<size_t>(i)] =
            static_cast<uint32_t>(out_.nodes.size());
        out_.nodes.push_back(p);
      }
    }
  }

  bool crosses_water(uint32_t a, uint32_t b) const {
    for (int k = 0; k <= 8; ++k) {
      const double t = k / 8.0;
      XY p{out_.nodes[a].x + t * (out_.nodes[b].x - out_.nodes[a].x),
           out_.nodes[a].y + t * (out_.nodes[b].y - out_.nodes[a].y)};
      if (f_.river.clearance(p) < 5) return true;
    }
    return false;
  }

  // Residential streets change name at every other arterial; tertiary and arterial roads keep one.
  const std::string& line_name(bool vertical, int line, int along) {
    const RoadClass c = line_class(line);
    const int part = c == RoadClass::residential ? along / 16 : c == RoadClass::tertiary ? along / 32 : 0;
    auto key = std::make_tuple(vertical, line, part);
    auto it = names_.find(key);
    if (it != names_.end()) return it->second;
    std::string name = pool_.draw(rng_);
    if (c == RoadClass::primary) name += (line / 8) % 4 == 0 ? "大道" : "路";
    else if (c == RoadClass::secondary || c == RoadClass::tertiary) name += "路";
    else name += rng_.chance(0.5) ? "街" : rng_.chance(0.6) ? "巷" : "里";
    return names_.emplace(key, std::move(name)).first->second;
  }

  MetricEdge& add(uint32_t a, uint32_t b, RoadClass c, std::string name) {
    MetricEdge e;
    e.a = a, e.b = b, e.road_class = c, e.name = std::move(name);
    e.maxspeed = class_speed(c, rng_);
    if (c == RoadClass::residential && rng_.chance(0.3)) e.bend = 3.0 * rng_.normal();
    out_.edges.push_back(std::move(e));
    return out_.edges.back();
  }

  bool in_village(uint32_t a, uint32_t b) const {
    for (const Zone& z : f_.villages)
      if (z.contains(out_.nodes[a]) && z.contains(out_.nodes[b])) return true;
    return false;
  }

  void grid_edges() {
    for (int j = 0; j < ny_; ++j) {
      for (int i = 0; i < nx_; ++i) {
        const uint32_t a = at(i, j);
        if (a == kNone) continue;
        for (int dir = 0; dir < 2; ++dir) {
          const bool vertical = dir == 1;
          const uint32_t b = vertical ? at(i, j + 1) : at(i + 1, j);
          if (b == kNone || crosses_water(a, b)) continue;
          const int line = vertical ? i : j;
          const int along = vertical ? j : i;
          RoadClass c = line_class(line);
          if (c == RoadClass::residential && in_village(a, b)) {
            if (rng_.chance(0.2)) continue;  // lanes that end inside the village
            MetricEdge& e = add(a, b, RoadClass::living_street, line_name(vertical, line, along));
            e.bend = 7.0 * rng_.normal();
            continue;
          }
          if (c == RoadClass::residential && rng_.chance(0.05)) continue;  // missing links
          add(a, b, c, line_name(vertical, line, along));
        }
      }
    }
  }

  // The river is crossed only by a few arterial bridges, one tertiary bridge, one tunnel
  // and one footbridge.
  void river_crossings() {
    struct Banks { int column; uint32_t south, north; };
    std::vector<Banks> arterial, tertiary, local;
    for (int i = 0; i < nx_; ++i) {
      uint32_t south = kNone, north = kNone;
      for (int j = 0; j < ny_; ++j) {
        const uint32_t n = at(i, j);
        if (n == kNone) continue;
        const XY p = out_.nodes[n];
        if (p.y < f_.river.centre(p.x)) south = n;
        else if (north == kNone) north = n;
      }
      if (south == kNone || north == kNone) continue;
      const RoadClass c = line_class(i);
      (c == RoadClass::primary || c == RoadClass::secondary ? arterial
       : c == RoadClass::tertiary                           ? tertiary
                                                            : local)
          .push_back({i, south, north});
    }
    auto pick = [](const std::vector<Banks>& v, double fraction) -> const Banks* {
      if (v.empty()) return nullptr;
      return &v[std::min(v.size() - 1, static_cast<size_t>(fraction * static_cast<double>(v.size())))];
    };
    auto cross = [&](const Banks* b, RoadClass c, bool tunnel, const std::string& name) {
      if (!b) return;
      MetricEdge& e = add(b->south, b->north, c, name);
      e.bend = 0;
      (tunnel ? e.tunnel : e.bridge) = true;
    };
    const Banks* tunnel = pick(arterial, 0.62);
    for (double fr : {0.12, 0.37, 0.87}) {
      const Banks* b = pick(arterial, fr);
      if (b != tunnel) cross(b, line_class(b->column), false, line_name(true, b->column, 0) + "大桥");
    }
    if (tunnel) cross(tunnel, line_class(tunnel->column), true, line_name(true, tunnel->column, 0) + "隧道");
    if (const Banks* t = pick(tertiary, 0.25))
      cross(t, RoadClass::tertiary, false, line_name(true, t->column, 0) + "桥");
    const Banks* foot = pick(local, 0.55);
    cross(foot, RoadClass::footway, false, "玉带河人行桥");
  }

  // An arterial underpass passing beneath one cross street: a tunnel segment parallel to the
  // surface road, joined to it only at its two ends.
  void underpass() {
    int row = -1;
    double best = 1e300;
    for (int j = 0; j < ny_; ++j)
      if (line_class(j) == RoadClass::primary && std::abs(y0_ + j * kDy - 1400) < best)
        best = std::abs(y0_ + j * kDy - 1400), row = j;
    if (row < 0) return;
    int start = -1;
    best = 1e300;
    for (int i = 0; i + 2 < nx_; ++i) {
      if (at(i, row) == kNone || at(i + 1, row) == kNone || at(i + 2, row) == kNone) continue;
      const double d = std::abs(out_.nodes[at(i, row)].x + 600);
      if (d < best) best = d, start = i;
    }
    if (start < 0) return;
    MetricEdge& e = add(at(start, row), at(start + 2, row), RoadClass::primary,
                        line_name(false, row, start) + "隧道");
    e.tunnel = true;
    e.bend = 6;
    out_.tunnel_nodes = {at(start, row), at(start + 2, row)};
  }

  void lanes_and_paths() {
    // Cul-de-sacs and compound driveways.
    const auto grid_nodes = static_cast<uint32_t>(out_.nodes.size());
    for (int made = 0, attempt = 0; made < 90 && attempt < 10000; ++attempt) {
      const uint32_t a = rng_.below(grid_nodes);
      const double len = rng_.uniform(35, 55);
      const double sx = rng_.chance(0.5) ? 1 : -1, sy = rng_.chance(0.5) ? 1 : -1;
      XY p{out_.nodes[a].x + sx * len * 0.7071, out_.nodes[a].y + sy * len * 0.7071};
      if (f_.river.clearance(p) < 10 || !inside_ring(p, f_.boundary)) continue;
      const auto b = static_cast<uint32_t>(out_.nodes.size());
      out_.nodes.push_back(p);
      MetricEdge& e = add(a, b, RoadClass::service, "");
      const double r = rng_.uniform();
      e.access = r < 0.15 ? "private" : r < 0.2 ? "destination" : "";
      ++made;
    }
    // Park footways across blocks, corner to corner.
    for (int made = 0, attempt = 0; made < 25 && attempt < 10000; ++attempt) {
      const int i = static_cast<int>(rng_.below(static_cast<uint32_t>(nx_)));
      const int j = static_cast<int>(rng_.below(static_cast<uint32_t>(ny_)));
      const uint32_t a = at(i, j), b = at(i + 1, j + 1);
      if (a == kNone || b == kNone || crosses_water(a, b)) continue;
      add(a, b, RoadClass::footway, "");
      ++made;
    }
    // A pedestrian shopping street: six blocks of one residential row near the centre.
    int row = -1;
    double best = 1e300;
    for (int j = 0; j < ny_; ++j)
      if (line_class(j) == RoadClass::residential && std::abs(y0_ + j * kDy - 600) < best)
        best = std::abs(y0_ + j * kDy - 600), row = j;
    std::string name = pool_.draw(rng_) + "步行街";
    for (MetricEdge& e : out_.edges) {
      if (e.road_class != RoadClass::residential) continue;
      const XY a = out_.nodes[e.a], b = out_.nodes[e.b];
      const bool on_row = std::abs(a.y - (y0_ + row * kDy)) < 60 && std::abs(b.y - a.y) < 40;
      if (on_row && std::min(a.x, b.x) > -700 && std::max(a.x, b.x) < -700 + 6 * kDx) {
        e.road_class = RoadClass::pedestrian;
        e.maxspeed = 0;
        e.name = name;
      }
    }
  }

  // One-way couplets: whole blocks of some residential rows and columns, alternating direction.
  void one_ways() {
    std::map<std::tuple<bool, int, int>, std::vector<size_t>> blocks;
    for (size_t k = 0; k < out_.edges.size(); ++k) {
      const MetricEdge& e = out_.edges[k];
      if (e.road_class != RoadClass::residential) continue;
      const XY a = out_.nodes[e.a], b = out_.nodes[e.b];
      const bool vertical = std::abs(b.x - a.x) < std::abs(b.y - a.y);
      const int line = static_cast<int>(std::lround(((vertical ? a.x : a.y) - (vertical ? x0_ : y0_)) /
                                                    (vertical ? kDx : kDy)));
      const int along = static_cast<int>(std::lround(((vertical ? a.y : a.x) - (vertical ? y0_ : x0_)) /
                                                     (vertical ? kDy : kDx)));
      if (line % 4 != 2) continue;
      blocks[{vertical, line, along / 4}].push_back(k);
    }
    for (const auto& [key, edges] : blocks) {
      if (edges.size() < 3 || !rng_.chance(0.45)) continue;
      const Oneway dir = (std::get<1>(key) / 4) % 2 == 0 ? Oneway::forward : Oneway::backward;
      for (size_t k : edges) out_.edges[k].oneway = dir;
    }
  }

  void keep_largest_component() {
    UnionFind uf(out_.nodes.size());
    for (const MetricEdge& e : out_.edges) uf.join(e.a, e.b);
    std::vector<uint32_t> size(out_.nodes.size(), 0);
    for (const MetricEdge& e : out_.edges) ++size[uf.find(e.a)];
    const auto root = static_cast<uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());
    std::vector<uint32_t> renumber(out_.nodes.size(), kNone);
    std::vector<XY> nodes;
    for (uint32_t n = 0; n < out_.nodes.size(); ++n) {
      if (uf.find(n) != root) continue;
      renumber[n] = static_cast<uint32_t>(nodes.size());
      nodes.push_back(out_.nodes[n]);
    }
    std::vector<uint32_t> degree(nodes.size(), 0);
    std::vector<MetricEdge> edges;
    for (MetricEdge& e : out_.edges) {
      if (renumber[e.a] == kNone) continue;
      e.a = renumber[e.a], e.b = renumber[e.b];
      ++degree[e.a], ++degree[e.b];
      edges.push_back(std::move(e));
    }
    // Drop nodes no segment touches (isolated grid points), renumbering again.
    std::vector<uint32_t> again(nodes.size(), kNone);
    out_.nodes.clear();
    for (uint32_t n = 0; n < nodes.size(); ++n) {
      if (!degree[n]) continue;
      again[n] = static_cast<uint32_t>(out_.nodes.size());
      out_.nodes.push_back(nodes[n]);
    }
    for (MetricEdge& e : edges) e.a = again[e.a], e.b = again[e.b];
    out_.edges = std::move(edges);
    for (uint32_t& t : out_.tunnel_nodes) t = again[renumber[t]];
  }

  // Vehicles must be able to get from anywhere to anywhere drivable: a one-way segment joining
  // two strongly connected components of the vehicle graph becomes two-way, until none does.
  void fix_vehicle_connectivity() {
    for (int round = 0; round < 100; ++round) {
      const std::vector<uint32_t> comp = vehicle_components();
      bool changed = false;
      for (MetricEdge& e : out_.edges)
        if (e.oneway != Oneway::no && drivable(e.road_class) && comp[e.a] != comp[e.b])
          e.oneway = Oneway::no, changed = true;
      if (!changed) return;
    }
  }

  // Kosaraju over the drivable arcs; returns a component number per node.
  std::vector<uint32_t> vehicle_components() const {
    const size_t n = out_.nodes.size();
    std::vector<std::vector<uint32_t>> out(n), in(n);
    for (const MetricEdge& e : out_.edges) {
      if (!drivable(e.road_class)) continue;
      if (e.oneway != Oneway::backward) out[e.a].push_back(e.b), in[e.b].push_back(e.a);
      if (e.oneway != Oneway::forward) out[e.b].push_back(e.a), in[e.a].push_back(e.b);
    }
    std::vector<uint32_t> order;
    std::vector<uint8_t> seen(n, 0);
    std::vector<std::pair<uint32_t, size_t>> stack;
    for (uint32_t s = 0; s < n; ++s) {
      if (seen[s]) continue;
      seen[s] = 1;
      stack.push_back({s, 0});
      while (!stack.empty()) {
        auto& [v, next] = stack.back();
        if (next < out[v].size()) {
          const uint32_t w = out[v][next++];
          if (!seen[w]) seen[w] = 1, stack.push_back({w, 0});
        } else {
          order.push_back(v);
          stack.pop_back();
        }
      }
    }
    std::vector<uint32_t> comp(n, kNone);
    uint32_t count = 0;
    std::vector<uint32_t> todo;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      if (comp[*it] != kNone) continue;
      comp[*it] = count;
      todo.push_back(*it);
      while (!todo.empty()) {
        const uint32_t v = todo.back();
        todo.pop_back();
        for (uint32_t w : in[v])
          if (comp[w] == kNone) comp[w] = count, todo.push_back(w);
      }
      ++count;
    }
    return comp;
  }

  void name_nodes() {
    out_.node_road.assign(out_.nodes.size(), "");
    std::vector<int> rank(out_.nodes.size(), 99);
    for (const MetricEdge& e : out_.edges) {
      if (!drivable(e.road_class) || e.name.empty() || e.tunnel || e.bridge) continue;
      const int r = static_cast<int>(e.road_class);
      for (uint32_t n : {e.a, e.b})
        if (r < rank[n]) rank[n] = r, out_.node_road[n] = e.name;
    }
  }

  const Frame& f_;
  Rng& rng_;
  MetricRoads out_;
  NamePool pool_;
  std::map<std::tuple<bool, int, int>, std::string> names_;
  std::vector<uint32_t> grid_;
  int nx_ = 0, ny_ = 0;
  double x0_ = 0, y0_ = 0;
};

}  // namespace

MetricRoads make_roads(const Frame& frame, Rng& rng) { return GridBuilder(frame, rng).build(); }

std::vector<RoadLine> to_road_lines(const Frame& frame, const MetricRoads& roads) {
  std::vector<RoadLine> out;
  out.reserve(roads.edges.size());
  for (size_t k = 0; k < roads.edges.size(); ++k) {
    const MetricEdge& e = roads.edges[k];
    RoadLine line;
    line.id = static_cast<int64_t>(k + 1);
    const XY a = roads.nodes[e.a], b = roads.nodes[e.b];
    line.points.push_back(frame.to_lonlat(a));
    if (e.bend != 0) {
      const double len = dist(a, b);
      XY mid{(a.x + b.x) / 2 - e.bend * (b.y - a.y) / len, (a.y + b.y) / 2 + e.bend * (b.x - a.x) / len};
      line.points.push_back(frame.to_lonlat(mid));
    }
    line.points.push_back(frame.to_lonlat(b));
    line.road_class = e.road_class;
    line.oneway = e.oneway;
    line.maxspeed_kmh = e.maxspeed;
    line.name = e.name;
    line.tunnel = e.tunnel;
    line.bridge = e.bridge;
    line.access = e.access;
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace erde::demo
