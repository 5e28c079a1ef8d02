#include "route/polyline.hpp"

#include <algorithm>
#include <cstdio>

#include "graph/distance.hpp"
#include "route/network.hpp"

namespace erde {
namespace {

// Points of segment s from fraction a to fraction b (a <= b), in shape order.
void segment_piece(const RoadGraph& g, uint32_t s, double a, double b, std::vector<LonLat>& out) {
  const uint32_t first = g.shape_first[s], last = g.shape_first[s + 1];
  if (a <= 0 && b >= 1) {
    for (uint32_t i = first; i < last; ++i) out.push_back({g.shape_lon[i], g.shape_lat[i]});
    return;
  }
  double total = 0;
  for (uint32_t i = first + 1; i < last; ++i)
    total += haversine_m({g.shape_lon[i - 1], g.shape_lat[i - 1]}, {g.shape_lon[i], g.shape_lat[i]});
  const double start = std::clamp(a, 0.0, 1.0) * total, stop = std::clamp(b, 0.0, 1.0) * total;
  auto lerp = [&](uint32_t i, double t) {
    return LonLat{g.shape_lon[i - 1] + t * (g.shape_lon[i] - g.shape_lon[i - 1]),
                  g.shape_lat[i - 1] + t * (g.shape_lat[i] - g.shape_lat[i - 1])};
  };
  out.push_back({g.shape_lon[first], g.shape_lat[first]});
  bool started = start <= 0;
  double walked = 0;
  for (uint32_t i = first + 1; i < last; ++i) {
    const double len = haversine_m({g.shape_lon[i - 1], g.shape_lat[i - 1]}, {g.shape_lon[i], g.shape_lat[i]});
    const double next = walked + len;
    if (!started && next >= start) {
      out.back() = lerp(i, len > 0 ? (start - walked) / len : 0);
      started = true;
    }
    if (started) {
      if (next >= stop) {
        out.push_back(lerp(i, len > 0 ? (stop - walked) / len : 1));
        return;
      }
      out.push_back({g.shape_lon[i], g.shape_lat[i]});
    }
    walked = next;
  }
  if (!started) out.back() = {g.shape_lon[last - 1], g.shape_lat[last - 1]};
}

}  // namespace

LonLat point_on_segment(const RoadGraph& graph, uint32_t segment, double fraction) {
  std::vector<LonLat> piece;
  segment_piece(graph, segment, fraction, fraction, piece);
  return piece.back();
}

void append_edge_piece(const RoadGraph& graph, EdgeId e, double from, double to, std::vector<LonLat>& out) {
  const size_t start = out.size();
  if (graph.forward[e]) {
    segment_piece(graph, graph.segment[e], from, to, out);
  } else {
    segment_piece(graph, graph.segment[e], 1 - to, 1 - from, out);
    std::reverse(out.begin() + static_cast<std::ptrdiff_t>(start), out.end());
  }
  if (start > 0 && out.size() > start && out[start - 1] == out[start]) out.erase(out.begin() + static_cast<std::ptrdiff_t>(start));
}

std::string geojson_linestring(std::span<const LonLat> line) {
  std::string out = "{\"type\":\"LineString\",\"coordinates\":[";
  char buf[64];
  const size_t n = std::max<size_t>(line.size(), 2);
  for (size_t i = 0; i < n && !line.empty(); ++i) {
    const LonLat& p = line[std::min(i, line.size() - 1)];
    std::snprintf(buf, sizeof buf, "%s[%.7f,%.7f]", i ? "," : "", p.lon, p.lat);
    out += buf;
  }
  out += "]}";
  return out;
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

RoutePoint node_point(const RoadGraph& graph, NodeId n) {
  RoutePoint p;
  p.point = graph.node(n);
  EdgeId e = kInvalidId;
  if (graph.first_out[n] < graph.first_out[n + 1]) e = graph.first_out[n];
  if (e == kInvalidId) return p;
  p.segment = graph.segment[e];
  p.fraction = graph.forward[e] ? 0.0 : 1.0;  // e starts at n
  return p;
}

RoutePoint segment_point(const RoadGraph& graph, uint32_t segment, double fraction) {
  RoutePoint p;
  p.segment = segment;
  p.fraction = std::clamp(fraction, 0.0, 1.0);
  p.point = point_on_segment(graph, segment, p.fraction);
  return p;
}

}  // namespace erde
