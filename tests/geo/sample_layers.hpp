#pragma once
// Small valid layers of every kind around Yuexiu, Guangzhou (113.27 E, 23.13 N), with the
// values the tests check.
#include "test_files.hpp"

namespace erde::test {

// A polygon WKT of a lon/lat box.
std::string box(double lon0, double lat0, double lon1, double lat1);

Layer areas_layer();        // D1 district (0.02° box), S1 and S2 streets in it
Layer shelters_layer();     // SH1 indoor point, SH2 outdoor polygon footprint, SH3 Chinese terms
Layer depots_layer();       // DP1 with stock text, DP2 without
Layer depot_stock_layer();  // rows for DP1 and DP2 (no geometry)
Layer teams_layer();        // T1 fire rescue, T2 Chinese kind and capabilities
Layer risk_points_layer();  // R1 point, R2 pipeline line
Layer roads_layer();
std::vector<Layer> all_layers();  // the six kinds, roads, and an unrecognised "notes" layer

}  // namespace erde::test
