#include "demo/frame.hpp"

#include <algorithm>

namespace erde::demo {

double dist_to_segment(XY p, XY a, XY b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  return dist(p, {a.x + t * dx, a.y + t * dy});
}

bool inside_ring(XY p, const std::vector<XY>& ring) {
  bool in = false;
  for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const XY a = ring[i], b = ring[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) in = !in;
  }
  return in;
}

double dist_to_ring(XY p, const std::vector<XY>& ring) {
  double best = 1e300;
  for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
    best = std::min(best, dist_to_segment(p, ring[j], ring[i]));
  return best;
}

bool drivable(RoadClass c) {
  return c != RoadClass::pedestrian && c != RoadClass::footway && c != RoadClass::cycleway &&
         c != RoadClass::path && c != RoadClass::steps;
}

// A rounded rectangle (superellipse) about 6.6 km x 5.2 km with a wavy outline, scaled to 34 km².
Frame make_frame(Rng& rng) {
  Frame f;
  constexpr int kVertices = 64;
  constexpr double kPi = 3.141592653589793;
  const double a = 3300, b = 2600;
  double amp[3], phase[3];
  for (int h = 0; h < 3; ++h) {
    amp[h] = rng.uniform(0.015, 0.04);
    phase[h] = rng.uniform(0, 2 * kPi);
  }
  for (int k = 0; k < kVertices; ++k) {
    const double t = 2 * kPi * k / kVertices;
    const double c = std::cos(t), s = std::sin(t);
    const double cx = c / a, sy = s / b;
    double r = 1.0 / std::sqrt(std::sqrt(cx * cx * cx * cx + sy * sy * sy * sy));
    double wobble = 1.0;
    for (int h = 0; h < 3; ++h) wobble += amp[h] * std::sin((h + 2) * t + phase[h]);
    r *= wobble * (1.0 + 0.01 * rng.normal());
    f.boundary.push_back({r * c, r * s});
  }
  double area2 = 0;
  for (size_t i = 0, j = f.boundary.size() - 1; i < f.boundary.size(); j = i++)
    area2 += f.boundary[j].x * f.boundary[i].y - f.boundary[i].x * f.boundary[j].y;
  const double scale = std::sqrt(34.0e6 / (area2 / 2));
  for (XY& p : f.boundary) p = {p.x * scale, p.y * scale};

  f.river.phase = rng.uniform(0, 2 * kPi);
  f.river.y0 = rng.uniform(-1450, -1250);

  // Urban villages: spread out, on dry land, well inside the district.
  for (int attempt = 0; f.villages.size() < 6 && attempt < 10000; ++attempt) {
    XY c{rng.uniform(-3000, 3000), rng.uniform(-2400, 2400)};
    if (!inside_ring(c, f.boundary) || dist_to_ring(c, f.boundary) < 400 || f.river.clearance(c) < 400) continue;
    bool far = true;
    for (const Zone& z : f.villages) far = far && dist(z.centre, c) > 900;
    if (far) f.villages.push_back({c, rng.uniform(140, 200)});
  }
  return f;
}

}  // namespace erde::demo
