#include "coverage/svg_map.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

namespace erde {
namespace {

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

void vertex(std::string& d, bool first, XY p) {
  d.push_back(first ? 'M' : 'L');
  d.append(fmt(p.x));
  d.push_back(' ');
  d.append(fmt(p.y));
}

std::string title_of(std::string_view t) {
  return t.empty() ? std::string() : "<title>" + html_escape(t) + "</title>";
}

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string share_colour(double share) {
  share = std::clamp(std::isfinite(share) ? share : 0.0, 0.0, 1.0);
  // red (215,48,39) -> yellow (254,224,139) -> green (26,152,80)
  auto mix = [](double a, double b, double t) { return static_cast<int>(std::lround(a + (b - a) * t)); };
  int r, g, b;
  if (share < 0.5) {
    const double t = share / 0.5;
    r = mix(215, 254, t), g = mix(48, 224, t), b = mix(39, 139, t);
  } else {
    const double t = (share - 0.5) / 0.5;
    r = mix(254, 26, t), g = mix(224, 152, t), b = mix(139, 80, t);
  }
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
  return buf;
}

SvgMap::SvgMap(double west, double south, double east, double north, double width_px)
    : plane_(local_projection({(west + east) / 2, (south + north) / 2})) {
  const XY sw = project(plane_, {west, south}), ne = project(plane_, {east, north});
  x0_ = sw.x;
  y1_ = ne.y;
  const double w = std::max(1.0, ne.x - sw.x), h = std::max(1.0, ne.y - sw.y);
  width_ = width_px;
  scale_ = width_px / w;
  height_ = h * scale_;
}

XY SvgMap::px(LonLat at) const {
  const XY p = project(plane_, at);
  return {(p.x - x0_) * scale_, (y1_ - p.y) * scale_};
}

void SvgMap::polygon(std::string_view wkb, std::string_view style, std::string_view title) {
  if (wkb.empty()) return;
  OGRGeometry* raw = nullptr;
  if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE || !raw) return;
  std::unique_ptr<OGRGeometry> g(raw);
  std::string d;
  auto ring = [&](const OGRLinearRing* r) {
    for (int i = 0; i < r->getNumPoints(); ++i)
      vertex(d, i == 0, px(r->getX(i), r->getY(i)));
    d += "Z";
  };
  auto poly = [&](const OGRPolygon* p) {
    if (p->getExteriorRing()) ring(p->getExteriorRing());
    for (int i = 0; i < p->getNumInteriorRings(); ++i) ring(p->getInteriorRing(i));
  };
  const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
  if (type == wkbPolygon) poly(g->toPolygon());
  if (type == wkbMultiPolygon)
    for (const OGRPolygon* p : *g->toMultiPolygon()) poly(p);
  if (d.empty()) return;
  body_ << "<path fill-rule=\"evenodd\" d=\"" << d << "\" " << style << ">" << title_of(title) << "</path>\n";
}

void SvgMap::roads(const RoadGraph& graph, std::string_view style) {
  std::string d;
  for (uint32_t s = 0; s < graph.segment_count(); ++s)
    for (uint32_t i = graph.shape_first[s]; i < graph.shape_first[s + 1]; ++i)
      vertex(d, i == graph.shape_first[s], px(graph.shape_lon[i], graph.shape_lat[i]));
  body_ << "<path fill=\"none\" d=\"" << d << "\" " << style << "/>\n";
}

void SvgMap::circle(LonLat at, double r, std::string_view style, std::string_view title) {
  const XY p = px(at);
  body_ << "<circle cx=\"" << fmt(p.x) << "\" cy=\"" << fmt(p.y) << "\" r=\"" << fmt(r) << "\" " << style
        << ">" << title_of(title) << "</circle>\n";
}

void SvgMap::square(LonLat at, double h, std::string_view style, std::string_view title) {
  const XY p = px(at);
  body_ << "<rect x=\"" << fmt(p.x - h) << "\" y=\"" << fmt(p.y - h) << "\" width=\"" << fmt(2 * h)
        << "\" height=\"" << fmt(2 * h) << "\" " << style << ">" << title_of(title) << "</rect>\n";
}

void SvgMap::triangle(LonLat at, double h, std::string_view style, std::string_view title) {
  const auto [x, y] = px(at);
  body_ << "<path d=\"M" << fmt(x) << " " << fmt(y - h) << "L" << fmt(x + h) << " " << fmt(y + h) << "L" << fmt(x - h)
        << " " << fmt(y + h) << "Z\" " << style << ">" << title_of(title) << "</path>\n";
}

void SvgMap::text(double x, double y, std::string_view t, std::string_view style) {
  body_ << "<text x=\"" << fmt(x) << "\" y=\"" << fmt(y) << "\" " << style << ">" << html_escape(t) << "</text>\n";
}

void SvgMap::label(LonLat at, std::string_view t, double size) {
  const XY p = px(at);
  body_ << "<text x=\"" << fmt(p.x) << "\" y=\"" << fmt(p.y) << "\" font-size=\"" << fmt(size)
        << "\" text-anchor=\"middle\" dominant-baseline=\"middle\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"3\" "
           "stroke-opacity=\"0.85\" paint-order=\"stroke\">"
        << html_escape(t) << "</text>\n";
}

void SvgMap::raw(std::string_view markup) { body_ << markup << "\n"; }

void SvgMap::scale_and_north() {
  // Largest 1, 2 or 5 x 10^k metres that fits in a fifth of the width.
  const double want = width_ / 5 / scale_;
  double metres = std::pow(10.0, std::floor(std::log10(std::max(want, 1.0))));
  for (double step : {5.0, 2.0})
    if (metres * step <= want) {
      metres *= step;
      break;
    }
  const double len = metres * scale_, x = 14, y = height_ - 16;
  const std::string label = metres >= 1000 ? std::to_string(std::lround(metres / 1000)) + " km"
                                           : std::to_string(std::lround(metres)) + " m";
  body_ << "<g font-size=\"12\" fill=\"#111\"><rect x=\"" << fmt(x) << "\" y=\"" << fmt(y - 4) << "\" width=\""
        << fmt(len / 2) << "\" height=\"5\" fill=\"#111\"/><rect x=\"" << fmt(x + len / 2) << "\" y=\"" << fmt(y - 4)
        << "\" width=\"" << fmt(len / 2) << "\" height=\"5\" fill=\"#fff\" stroke=\"#111\"/><text x=\"" << fmt(x + len + 6)
        << "\" y=\"" << fmt(y + 1) << "\">" << label << "</text>"
        << "<path d=\"M" << fmt(x + 8) << " " << fmt(y - 46) << "l7 20h-14z\" fill=\"#111\"/><text x=\"" << fmt(x + 8)
        << "\" y=\"" << fmt(y - 12) << "\" text-anchor=\"middle\" font-weight=\"bold\">N 北</text></g>\n";
}

std::string SvgMap::svg() const {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + fmt(width_) + " " + fmt(height_) +
         "\" width=\"100%\" style=\"max-width:" + fmt(width_) + "px;border:1px solid #999;background:#fff\">\n" +
         body_.str() + "</svg>\n";
}

}  // namespace erde
