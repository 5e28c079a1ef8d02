// `erde inspect <source>...`: loads the resource layers and says what was found: layers and
// their kinds, counts per kind, CRS, WGS84 bounding box and every problem.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/load_report.hpp"
#include "geo/load.hpp"
#include "util/text.hpp"

namespace erde::cli {
namespace {

struct InspectArgs {
  std::vector<std::string> sources;
  LoadOptions options;
};

const Registrar registrar{"inspect", [](CLI::App& app) -> std::function<int()> {
  auto args = std::make_shared<InspectArgs>();
  auto* cmd = app.add_subcommand("inspect", "Load resource layers and report what was found");
  cmd->add_option("sources", args->sources, "GDAL vector sources (GeoPackage, GeoJSON, Shapefile, CSV, FlatGeobuf...)")
      ->required();
  cmd->add_option("--mapping", args->options.mapping_file, "JSON field mapping (geodata/SCHEMA.md)");
  cmd->add_option("--crs", args->options.assume_crs, "CRS for layers that have none, e.g. EPSG:4490");
  auto* lenient = cmd->add_flag("--lenient", args->options.lenient,
                                "Load the good features and report the rejected ones");
  cmd->add_option("--rejects", args->options.reject_report, "CSV report of rejected features (with --lenient)")
      ->needs(lenient);
  return [args] {
    LoadResult result;
    try {
      result = load_sources(args->sources, args->options);
    } catch (const LoadError& e) {
      for (const Problem& p : e.problems) std::fprintf(stderr, "%s\n", printable_text(p.to_string()).c_str());
      throw Error(std::to_string(e.problems.size()) +
                  " problem(s) in the input (listed above); nothing loaded. --lenient --rejects "
                  "FILE loads the good features");
    }
    print_layers(result);
    print_dataset(result);
    if (!result.unrecognised_layers.empty())
      std::printf("Not recognised: %zu layer(s)\n", result.unrecognised_layers.size());
    if (result.problems.empty()) {
      std::printf("Problems: none\n");
    } else {
      std::printf("Problems: %zu (features with a problem were not loaded)%s\n",
                  result.problems.size(),
                  args->options.reject_report.empty()
                      ? ""
                      : ("; written to " + args->options.reject_report).c_str());
      for (const Problem& p : result.problems) std::fprintf(stderr, "%s\n", printable_text(p.to_string()).c_str());
    }
    return 0;
  };
}};

}  // namespace
}  // namespace erde::cli
