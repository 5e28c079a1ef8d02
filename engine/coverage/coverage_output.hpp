#pragma once
// What `erde coverage` writes: a GeoPackage with every map layer, CSV tables (UTF-8 with BOM, for
// spreadsheets) and a self-contained HTML report with inline SVG maps.
#include <filesystem>
#include <string>
#include <vector>

#include "coverage/coverage_run.hpp"

namespace erde {

struct OutputOptions {
  std::string attribution;  // shown wherever roads are drawn, e.g. OSM's; empty for none
  std::string title = "Coverage report";
};

// coverage.gpkg in `dir`; returns its path. Throws erde::Error naming the file on failure.
std::filesystem::path write_coverage_gpkg(const CoverageReport& r, const std::filesystem::path& dir);
// One CSV per table; returns their paths.
std::vector<std::filesystem::path> write_coverage_csv(const CoverageReport& r, const std::filesystem::path& dir);
// coverage.html; roads drawn from `graph`.
std::filesystem::path write_coverage_html(const CoverageReport& r, const RoadGraph& graph,
                                          const std::filesystem::path& dir, const OutputOptions& options);

// Unserved residents of a demand point (0 when all are served).
int64_t unserved_at(const CoverageReport& r, size_t demand);

}  // namespace erde
