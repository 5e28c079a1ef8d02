#pragma once
// A map drawn as inline SVG from WGS84 data: polygons from WKB, road lines, point symbols. North
// up, metres to pixels at one scale (the engine's local projection centred on the map).
#include <sstream>
#include <string>
#include <string_view>

#include "geo/local_projection.hpp"
#include "graph/road_graph.hpp"
#include "model/geometry.hpp"

namespace erde {

class SvgMap {
 public:
  // west/south/east/north: the extent to show; width in pixels (height follows).
  SvgMap(double west, double south, double east, double north, double width_px);

  // WKB polygon or multipolygon; style is SVG attributes, e.g. R"(fill="#eee" stroke="#999")".
  void polygon(std::string_view wkb, std::string_view style, std::string_view title = {});
  // Every road segment as thin lines, one path.
  void roads(const RoadGraph& graph, std::string_view style);
  void circle(LonLat at, double radius_px, std::string_view style, std::string_view title = {});
  void square(LonLat at, double half_px, std::string_view style, std::string_view title = {});
  void triangle(LonLat at, double half_px, std::string_view style, std::string_view title = {});
  void text(double x_px, double y_px, std::string_view text, std::string_view style);
  // Text at a place, centred, with a white halo so it reads over any fill.
  void label(LonLat at, std::string_view text, double size_px);
  // SVG markup in pixel coordinates (legend boxes and the like), appended as given.
  void raw(std::string_view svg_markup);
  // A scale bar (a round length near a fifth of the width) and a north arrow, bottom left.
  void scale_and_north();
  double width() const { return width_; }
  double height() const { return height_; }
  double px_per_m() const { return scale_; }
  // The finished <svg> element.
  std::string svg() const;

 private:
  XY px(LonLat at) const;  // pixels: x right, y down
  XY px(double lon, double lat) const { return px(LonLat{lon, lat}); }
  LocalProjection plane_;
  double x0_ = 0, y1_ = 0, scale_ = 1, width_ = 0, height_ = 0;
  std::ostringstream body_;
};

// HTML-escaped text.
std::string html_escape(std::string_view s);
// #rrggbb from red (0) through yellow to green (1).
std::string share_colour(double share);

}  // namespace erde
