// Internal to engine/demo: the demo district's layout in a local metric plane (x east, y north,
// metres from the district centre) before it becomes WGS84 features.
#pragma once
#include <cmath>
#include <string>
#include <vector>

#include "graph/distance.hpp"
#include "demo/random.hpp"
#include "demo/road_lines.hpp"
#include "graph/road_graph_builder.hpp"

namespace erde::demo {

struct XY {
  double x = 0, y = 0;
};

inline double dist(XY a, XY b) { return std::hypot(a.x - b.x, a.y - b.y); }
double dist_to_segment(XY p, XY a, XY b);
bool inside_ring(XY p, const std::vector<XY>& ring);  // ring closed or not
double dist_to_ring(XY p, const std::vector<XY>& ring);

// A river band crossing the district west to east: |y - centre(x)| < half_width is water.
struct River {
  double y0 = -1350, slope = 0.12, amp = 120, wavelength = 2600, phase = 0, half_width = 90;
  double centre(double x) const {
    return y0 + slope * x + amp * std::sin(2 * 3.141592653589793 * x / wavelength + phase);
  }
  // Metres outside the water (negative inside).
  double clearance(XY p) const { return std::abs(p.y - centre(p.x)) - half_width; }
};

struct Zone {
  XY centre;
  double radius = 0;
  bool contains(XY p) const { return dist(p, centre) <= radius; }
};

struct Frame {
  // The layout's own spherical plane, frozen: every coordinate in geodata/demo comes through
  // it. Not for measuring (erde measures the loaded data in geo/local_projection.hpp).
  LocalPlane plane{113.285, 23.130};
  std::vector<XY> boundary;  // district outline, counter-clockwise, not closed
  River river;
  std::vector<Zone> villages;  // urban villages (城中村): narrow lanes
  LonLat to_lonlat(XY p) const { return plane.unproject(p.x, p.y); }
};

struct MetricEdge {
  uint32_t a = 0, b = 0;
  RoadClass road_class = RoadClass::residential;
  Oneway oneway = Oneway::no;
  uint8_t maxspeed = 0;
  bool bridge = false, tunnel = false;
  std::string access;
  std::string name;
  double bend = 0;  // sideways offset of a middle vertex, metres; 0 = straight
};

struct MetricRoads {
  std::vector<XY> nodes;
  std::vector<MetricEdge> edges;
  std::vector<std::string> node_road;  // a drivable road name at the node; empty if none
  std::vector<uint32_t> tunnel_nodes;  // ends of the arterial underpass (waterlogging-prone)
};

bool drivable(RoadClass c);

Frame make_frame(Rng& rng);
MetricRoads make_roads(const Frame& frame, Rng& rng);
std::vector<RoadLine> to_road_lines(const Frame& frame, const MetricRoads& roads);

}  // namespace erde::demo
