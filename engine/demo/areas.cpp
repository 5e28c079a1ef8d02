#include "demo/areas.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "demo/demo_district.hpp"
#include "demo/names.hpp"
#include "util/error.hpp"

namespace erde::demo {
namespace {

constexpr double kGrid = 0.01;  // metres: the district outline sits on a 1 cm grid

struct Prepared {
  const GeosContext& geos;
  const GEOSPreparedGeometry* p;
  Prepared(const GeosContext& g, const GEOSGeometry* shape) : geos(g), p(GEOSPrepare_r(g.handle(), shape)) {}
  ~Prepared() { GEOSPreparedGeom_destroy_r(geos.handle(), p); }
  Prepared(const Prepared&) = delete;
  Prepared& operator=(const Prepared&) = delete;
  bool contains(XY xy) const {
    GeomPtr pt = make_point(geos, xy);
    return GEOSPreparedContains_r(geos.handle(), p, pt.get()) == 1;
  }
};

// Well-spread points inside `region` (best of several random candidates each time).
std::vector<XY> spread_points(const GeosContext& geos, const GEOSGeometry* region, int count, Rng& rng) {
  const Prepared prepared(geos, region);
  double xmin = 0, xmax = 0, ymin = 0, ymax = 0;
  GEOSGeom_getXMin_r(geos.handle(), region, &xmin);
  GEOSGeom_getXMax_r(geos.handle(), region, &xmax);
  GEOSGeom_getYMin_r(geos.handle(), region, &ymin);
  GEOSGeom_getYMax_r(geos.handle(), region, &ymax);
  std::vector<XY> out;
  for (int k = 0; k < count; ++k) {
    XY best;
    double best_gap = -1;
    for (int c = 0, tries = 0; c < 12 && tries < 100000; ++tries) {
      XY p{rng.uniform(xmin, xmax), rng.uniform(ymin, ymax)};
      if (!prepared.contains(p)) continue;
      ++c;
      double gap = 1e300;
      for (XY q : out) gap = std::min(gap, dist(p, q));
      if (gap > best_gap) best_gap = gap, best = p;
    }
    if (best_gap < 0) throw Error("demo: cannot place points inside an area");
    out.push_back(best);
  }
  return out;
}

// Voronoi cells of `seeds` clipped to `region`, in seed order.
std::vector<GeomPtr> voronoi_cells(const GeosContext& geos, const std::vector<XY>& seeds,
                                   const GEOSGeometry* region) {
  GEOSContextHandle_t h = geos.handle();
  std::vector<GEOSGeometry*> points;
  for (XY s : seeds) points.push_back(make_point(geos, s).release());
  GeomPtr multi = check(geos, GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, points.data(),
                                                          static_cast<unsigned>(points.size())),
                        "multipoint");
  GeomPtr diagram = check(geos, GEOSVoronoiDiagram_r(h, multi.get(), region, 0.0, 0), "voronoi");
  std::vector<GeomPtr> cells(seeds.size());
  const int n = GEOSGetNumGeometries_r(h, diagram.get());
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* cell = GEOSGetGeometryN_r(h, diagram.get(), i);
    for (size_t k = 0; k < seeds.size(); ++k) {
      if (cells[k]) continue;
      if (GEOSIntersects_r(h, cell, GEOSGetGeometryN_r(h, multi.get(), static_cast<int>(k))) != 1) continue;
      cells[k] = check(geos, GEOSIntersection_r(h, cell, region), "clip");
      break;
    }
  }
  for (const GeomPtr& c : cells)
    if (!c || GEOSisEmpty_r(h, c.get())) throw Error("demo: a Voronoi cell is missing");
  return cells;
}

// Seeds moved to their cells' centroids a few times (Lloyd), for compact cells.
std::vector<GeomPtr> relaxed_cells(const GeosContext& geos, std::vector<XY> seeds, const GEOSGeometry* region,
                                   int rounds) {
  const Prepared prepared(geos, region);
  std::vector<GeomPtr> cells = voronoi_cells(geos, seeds, region);
  for (int r = 0; r < rounds; ++r) {
    for (size_t k = 0; k < seeds.size(); ++k) {
      const XY c = centroid(geos, cells[k].get());
      if (prepared.contains(c)) seeds[k] = c;
    }
    cells = voronoi_cells(geos, seeds, region);
  }
  return cells;
}

MetricArea area_from(const GeosContext& geos, GeomPtr shape) {
  MetricArea a;
  a.centre = centroid(geos, shape.get());
  a.area_m2 = area(geos, shape.get());
  a.shape = std::move(shape);
  return a;
}

}  // namespace

std::vector<int64_t> apportion(int64_t total, const std::vector<double>& weights) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<int64_t> out(weights.size());
  std::vector<std::pair<double, size_t>> remainder;
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const double exact = static_cast<double>(total) * weights[i] / sum;
    out[i] = static_cast<int64_t>(exact);
    given += out[i];
    remainder.push_back({exact - static_cast<double>(out[i]), i});
  }
  std::stable_sort(remainder.begin(), remainder.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < total; ++k, ++given) ++out[remainder[k % remainder.size()].second];
  return out;
}

MetricAreas make_areas(const Frame& frame, Rng& rng, const GeosContext& geos) {
  GEOSContextHandle_t h = geos.handle();
  MetricAreas out;
  GeomPtr outline = check(geos, GEOSGeom_setPrecision_r(h, make_polygon(geos, frame.boundary).get(), kGrid, 0),
                          "district");
  out.district.push_back(area_from(geos, std::move(outline)));
  MetricArea& district = out.district.front();
  district.id = "HC";
  district.name = kDistrictName;
  district.level = AreaLevel::district;

  std::vector<GeomPtr> street_cells =
      relaxed_cells(geos, spread_points(geos, district.shape.get(), kStreetCount, rng), district.shape.get(), 4);
  // Number streets north to south in three bands, west to east within a band.
  std::vector<MetricArea> streets;
  for (GeomPtr& cell : street_cells) streets.push_back(area_from(geos, std::move(cell)));
  std::sort(streets.begin(), streets.end(), [](const MetricArea& a, const MetricArea& b) {
    const int band_a = static_cast<int>(std::floor((2600 - a.centre.y) / 1750));
    const int band_b = static_cast<int>(std::floor((2600 - b.centre.y) / 1750));
    return band_a != band_b ? band_a < band_b : a.centre.x < b.centre.x;
  });

  const int64_t total = 1'020'000 + rng.below(60'000);
  std::vector<double> street_weight, street_area;
  for (const MetricArea& s : streets) {
    street_weight.push_back(s.area_m2 * rng.uniform(0.6, 1.5));
    street_area.push_back(s.area_m2);
  }
  const std::vector<int64_t> street_pop = apportion(total, street_weight);
  std::vector<int64_t> community_count = apportion(kCommunityCount - 6 * kStreetCount, street_area);
  district.population = total;

  NamePool names;
  for (int s = 0; s < kStreetCount; ++s) {
    MetricArea street = std::move(streets[static_cast<size_t>(s)]);
    street.id = (s + 1 < 10 ? "HC-S0" : "HC-S") + std::to_string(s + 1);
    street.name = street_base(s) + "街道";
    street.parent_id = district.id;
    street.level = AreaLevel::street;
    street.street = s;
    street.population = street_pop[static_cast<size_t>(s)];

    const int count = 6 + static_cast<int>(community_count[static_cast<size_t>(s)]);
    std::vector<GeomPtr> cells =
        relaxed_cells(geos, spread_points(geos, street.shape.get(), count, rng), street.shape.get(), 2);
    std::vector<MetricArea> communities;
    std::vector<double> weights;
    for (GeomPtr& cell : cells) {
      communities.push_back(area_from(geos, std::move(cell)));
      weights.push_back(communities.back().area_m2 * rng.uniform(0.5, 1.6));
    }
    const std::vector<int64_t> pops = apportion(street.population, weights);
    for (size_t c = 0; c < communities.size(); ++c) {
      MetricArea& community = communities[c];
      community.id = street.id + (c + 1 < 10 ? "-C0" : "-C") + std::to_string(c + 1);
      community.name = names.draw(rng) + "社区";
      community.parent_id = street.id;
      community.level = AreaLevel::community;
      community.street = s;
      community.population = pops[c];
      out.communities.push_back(std::move(community));
    }
    out.streets.push_back(std::move(street));
  }
  return out;
}

}  // namespace erde::demo
