#pragma once
// isochrone(points, limits, direction): what can be reached from (forward) or can reach
// (reverse) any of the points within each time limit: nodes, edge pieces and a polygon.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "geo/geos_context.hpp"
#include "route/network.hpp"
#include "route/search_space.hpp"

namespace erde {

struct EdgePiece {
  EdgeId edge = kInvalidId;
  float from = 0, to = 1;  // fractions along the edge's travel direction
};

struct Isochrone {
  uint32_t limit_ms = 0;
  std::vector<NodeId> nodes;       // reached within the limit
  std::vector<uint32_t> node_ms;   // their travel times
  std::vector<EdgePiece> pieces;   // reachable (parts of) edges; a piece may overlap another
};

// One search up to the largest limit; one Isochrone per limit, in the order given.
std::vector<Isochrone> isochrones(const Network& net, std::span<const RoutePoint> points,
                                  std::span<const uint32_t> limits_ms, Direction direction = Direction::forward);

// Length of road within reach, each stretch counted once whichever direction reaches it.
double isochrone_road_m(const RoadGraph& graph, const Isochrone& iso);

struct IsochroneArea {
  std::string wkb;     // WGS84 (Multi)Polygon, ISO WKB; empty when nothing is reachable
  double area_m2 = 0;
};

// How the polygon is drawn, in a local equirectangular plane centred on the pieces:
// - hull: the concave hull of the reachable road vertices (thinned to the buffer's scale), with
//   any vertex the hull misses added back, widened by buffer_m (route/isochrone_hull.hpp): the
//   filled area the vehicle serves, containing every reachable vertex; tens of ms.
// - road_buffer: the linework itself buffered by buffer_m (round caps and joins): only the road
//   corridors, holes and all; faithful but GEOS needs about a second for a 5-minute city area.
enum class IsochroneShape : uint8_t { hull, road_buffer };

IsochroneArea isochrone_polygon(GeosContext& geos, const RoadGraph& graph, const Isochrone& iso,
                                double buffer_m = 30.0, IsochroneShape shape = IsochroneShape::hull);

// A WKB geometry as GeoJSON geometry text ("null" for an empty string).
std::string geojson_geometry(GeosContext& geos, const std::string& wkb);

}  // namespace erde
