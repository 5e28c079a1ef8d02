#include "geo/load.hpp"

#include <gdal_priv.h>

#include <filesystem>
#include <memory>

#include "geo/dataset_checks.hpp"
#include "geo/layer_reader.hpp"
#include "geo/ogr_support.hpp"
#include "geo/reject_report.hpp"
#include "geo/source_crs.hpp"
#include "util/progress.hpp"

namespace erde {

namespace {

std::optional<LayerKind> recognise(const std::string& layer, const std::string& file_stem,
                                   bool single_layer, const Mapping& mapping) {
  for (const auto& [kind, m] : mapping.layers)
    if (!m.layer.empty() && (m.layer == layer || (single_layer && m.layer == file_stem)))
      return kind;
  if (auto kind = layer_kind_named(layer)) return kind;
  if (single_layer) return layer_kind_named(file_stem);
  return std::nullopt;
}

std::string kind_names() {
  std::string out;
  for (LayerKind k : all_layer_kinds()) {
    if (!out.empty()) out += ", ";
    out += to_string(k);
  }
  return out;
}

std::string failure_message(const std::vector<std::string>& paths,
                            const std::vector<Problem>& problems) {
  std::string out = std::to_string(problems.size()) +
                    (problems.size() == 1 ? " problem in " : " problems in ") +
                    (paths.size() == 1 ? paths.front()
                                       : std::to_string(paths.size()) + " sources") +
                    "; nothing was loaded (a lenient load keeps the good features):";
  for (const Problem& p : problems) out += "\n  " + p.to_string();
  return out;
}

}  // namespace

LoadResult load_sources(const std::vector<std::string>& paths, const LoadOptions& options) {
  ogr::ensure_registered();
  Mapping mapping = options.mapping_file.empty() ? Mapping{} : read_mapping(options.mapping_file);
  std::optional<OGRSpatialReference> assumed;
  if (!options.assume_crs.empty()) {
    assumed = parse_crs(options.assume_crs);
    if (!assumed)
      throw Error("CRS '" + options.assume_crs + "' is not one PROJ knows (e.g. EPSG:4490)");
  }

  ogr::QuietErrors quiet;
  LoadResult result;
  std::vector<Problem> problems;
  std::vector<GDALDatasetUniquePtr> datasets;
  std::vector<LayerJob> jobs;
  for (const std::string& path : paths) {
    CPLErrorReset();
    GDALDatasetUniquePtr ds(GDALDataset::Open(
        path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!ds) {
      problems.push_back({path, "", "", -1, "",
                          "cannot open as a vector data source: " +
                              ogr::last_error("no such file, or a format GDAL cannot read")});
      continue;
    }
    const std::string stem = std::filesystem::path(path).stem().string();
    const int count = ds->GetLayerCount();
    std::string names;
    bool any = false;
    for (int i = 0; i < count; ++i) {
      OGRLayer* layer = ds->GetLayer(i);
      std::string name = layer->GetName();
      names += (i ? ", " : "") + name;
      auto kind = recognise(name, stem, count == 1, mapping);
      result.layers.push_back({path, name, kind, "", "", 0, 0, 0, {}});
      if (!kind) {
        result.unrecognised_layers.push_back(path + ": " + name);
        continue;
      }
      any = true;
      if (*kind == LayerKind::roads) {
        result.layers.back().features = layer->GetFeatureCount(TRUE);
        continue;
      }
      jobs.push_back({path, layer, *kind, mapping.find(*kind), assumed ? &*assumed : nullptr,
                      result.layers.size() - 1});
    }
    if (!any)
      problems.push_back({path, "", "", -1, "",
                          "no recognised layer (its layers: " + (names.empty() ? "none" : names) +
                              "); name a layer or the file after a kind (" + kind_names() +
                              ") or map it in a mapping file"});
    datasets.push_back(std::move(ds));
  }

  uint64_t total = 0;
  for (const LayerJob& job : jobs) {
    GIntBig n = job.layer->GetFeatureCount(TRUE);
    if (n > 0) total += static_cast<uint64_t>(n);
  }
  std::unique_ptr<Progress> progress;
  if (options.progress) progress = std::make_unique<Progress>("loading", total);
  uint64_t done = 0;
  auto on_feature = [&] {
    ++done;
    if (progress) progress->update(done);
  };

  GeosContext geos;
  Staging staging;
  for (const LayerJob& job : jobs)
    read_layer(job, result.layers, staging, problems, geos, on_feature);
  if (progress) progress->finish();
  check_across_layers(staging, result.layers, problems, options.lenient);
  finish_dataset(staging, result.layers, problems, geos, result.data, result.bbox);

  if (!options.lenient && !problems.empty())
    throw LoadError(failure_message(paths, problems), problems);
  result.problems = std::move(problems);
  if (options.lenient && !options.reject_report.empty())
    write_reject_report(options.reject_report, result.problems);
  return result;
}

}  // namespace erde
