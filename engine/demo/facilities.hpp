// Internal to engine/demo: shelters, depots, teams and risk points placed beside the roads.
#pragma once
#include <vector>

#include "demo/areas.hpp"
#include "demo/demo_district.hpp"

namespace erde::demo {

void add_facilities(const Frame& frame, const MetricRoads& roads, const MetricAreas& areas, Rng& rng,
                    const GeosContext& geos, DemoDistrict& out);

}  // namespace erde::demo
