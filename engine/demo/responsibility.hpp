// Internal to engine/demo: the first-due areas (辖区) of the street teams and fire stations.
#pragma once
#include "demo/areas.hpp"
#include "demo/demo_district.hpp"

namespace erde::demo {

// Each street team is first due in its own street; each street belongs to the fire station
// nearest its centre, so the stations' areas tile the district. Uses no randomness.
void add_responsibility_areas(const Frame& frame, const MetricAreas& areas, const GeosContext& geos,
                              DemoDistrict& out);

}  // namespace erde::demo
