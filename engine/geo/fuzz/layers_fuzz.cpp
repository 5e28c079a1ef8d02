// libFuzzer target: arbitrary bytes as resource layers (geodata/SCHEMA.md) written to files and
// loaded with load_sources through GDAL/OGR, as erde loads them. An input is one or more files:
//
//   === teams.csv [strict] [crs=4326|4490|32650|3857|none] [reject]
//   id,name,kind,capabilities,headcount,lon,lat
//   ...
//   === depots.geojson
//   {"type": "FeatureCollection", "name": "depots", ...}
//
// The first token of a "=== " line names the next file: a layer kind with .csv or .geojson, or
// mapping.json (the field-mapping file); any other name picks one of those by a hash. Text
// before the first "=== " line is a teams.csv. Options on any header line apply to the whole load
// (default: lenient, --crs EPSG:4326 for the CSV files, no reject report). A refusal is an
// erde::Error (a strict load's LoadError among them); anything else escaping (another
// exception, a crash, a sanitizer report, a leak) fails, as does a loaded data set with
// coordinates that are not finite.
#include <gdal_priv.h>
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/load.hpp"
#include "geo/ogr_support.hpp"
#include "util/error.hpp"

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kNames[] = {
    "areas.geojson", "shelters.geojson", "depots.geojson", "depot_stock.geojson", "teams.geojson",
    "risk_points.geojson", "areas.csv", "shelters.csv", "depots.csv", "depot_stock.csv", "teams.csv",
    "risk_points.csv", "mapping.json"};
constexpr size_t kMaxFiles = 4;

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_layers: loaded data set breaks a promise: %s\n", what);
  std::abort();
}

struct Workspace {
  fs::path dir;
  Workspace() {
    std::string tmpl = (fs::temp_directory_path() / "erde-fuzz-layers-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    dir = tmpl;
  }
  ~Workspace() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

Workspace& workspace() {
  static Workspace w;
  return w;
}

struct Input {
  struct File {
    std::string name;
    std::string_view text;
  };
  std::vector<File> files;
  bool strict = false;
  bool reject_report = false;
  std::string crs = "EPSG:4326";
};

std::string file_name(std::string_view header) {
  const std::string_view first = header.substr(0, header.find(' '));
  for (std::string_view n : kNames)
    if (first == n) return std::string(n);
  return std::string(kNames[std::hash<std::string_view>{}(first) % std::size(kNames)]);
}

void read_options(std::string_view header, Input& in) {
  if (header.find(" strict") != std::string_view::npos) in.strict = true;
  if (header.find(" reject") != std::string_view::npos) in.reject_report = true;
  if (header.find(" crs=4490") != std::string_view::npos) in.crs = "EPSG:4490";
  if (header.find(" crs=32650") != std::string_view::npos) in.crs = "EPSG:32650";
  if (header.find(" crs=3857") != std::string_view::npos) in.crs = "EPSG:3857";
  if (header.find(" crs=none") != std::string_view::npos) in.crs.clear();
}

Input split(std::string_view text) {
  Input in;
  std::string name = "teams.csv";
  constexpr std::string_view kMark = "=== ";
  if (text.starts_with(kMark)) {
    const size_t eol = text.find('\n');
    const std::string_view header = text.substr(kMark.size(), eol == text.npos ? text.npos : eol - kMark.size());
    name = file_name(header);
    read_options(header, in);
    text.remove_prefix(eol == text.npos ? text.size() : eol + 1);
  }
  for (;;) {
    size_t next = text.find("\n=== ");
    if (in.files.size() + 1 == kMaxFiles) next = text.npos;
    in.files.push_back({name, text.substr(0, next == text.npos ? text.npos : next + 1)});
    if (next == text.npos) break;
    text.remove_prefix(next + 1 + kMark.size());
    const size_t eol = text.find('\n');
    const std::string_view header = text.substr(0, eol);
    name = file_name(header);
    read_options(" " + std::string(header), in);
    text.remove_prefix(eol == text.npos ? text.size() : eol + 1);
  }
  return in;
}

bool finite(erde::LonLat p) { return std::isfinite(p.lon) && std::isfinite(p.lat); }

void check(const erde::LoadResult& r) {
  for (const auto& s : r.data.shelters) require(finite(s.location), "shelter location finite");
  for (const auto& d : r.data.depots) require(finite(d.location), "depot location finite");
  for (const auto& t : r.data.teams) require(finite(t.base), "team base finite");
  for (const auto& p : r.data.risk_points) require(finite(p.location), "risk point location finite");
  for (const auto& d : r.data.depots)
    for (const auto& item : d.stock) require(std::isfinite(item.quantity) && item.quantity >= 0, "stock quantity");
  for (const auto& l : r.layers) require(l.loaded + l.rejected <= l.features || l.features < 0, "feature counts");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)workspace();
  // GDAL once, with only the drivers of the files written here: an input must not open other
  // formats that read further files (VRT), the network or devices.
  erde::ogr::ensure_registered();
  GDALDriverManager* drivers = GetGDALDriverManager();
  for (int i = drivers->GetDriverCount() - 1; i >= 0; --i) {
    GDALDriver* d = drivers->GetDriver(i);
    const std::string_view name = d->GetDescription();
    if (name != "GeoJSON" && name != "CSV") {
      drivers->DeregisterDriver(d);
      GDALDestroyDriver(d);
    }
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Workspace& w = workspace();
  const Input in = split(std::string_view(reinterpret_cast<const char*>(data), size));
  std::vector<std::string> paths;
  erde::LoadOptions options;
  options.progress = false;
  options.lenient = !in.strict;
  options.assume_crs = in.crs;
  if (in.reject_report) options.reject_report = (w.dir / "rejects.csv").string();
  for (size_t k = 0; k < in.files.size(); ++k) {
    const fs::path folder = w.dir / std::to_string(k);
    fs::create_directories(folder);
    const fs::path file = folder / in.files[k].name;
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        .write(in.files[k].text.data(), static_cast<std::streamsize>(in.files[k].text.size()));
    if (in.files[k].name == "mapping.json")
      options.mapping_file = file.string();
    else
      paths.push_back(file.string());
  }
  try {
    check(erde::load_sources(paths, options));
  } catch (const erde::Error&) {
    // the documented refusal: a strict load with problems, a bad mapping file or CRS
  }
  for (size_t k = 0; k < in.files.size(); ++k) {
    std::error_code ec;
    fs::remove_all(w.dir / std::to_string(k), ec);
  }
  return 0;
}
