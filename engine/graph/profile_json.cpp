// Loading profiles from JSON (format: geodata/PROFILES.md).
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph/no_go.hpp"
#include "graph/profile.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace erde {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& source, const std::string& key, const std::string& why) {
  throw Error(source + ": " + key + ": " + why);
}

std::string class_names() {
  std::string out;
  for (int c = 0; c < kRoadClassCount; ++c) {
    if (c) out += ", ";
    out += to_string(static_cast<RoadClass>(c));
  }
  return out;
}

bool get_bool(const json& v, const std::string& source, const std::string& key) {
  if (!v.is_boolean()) fail(source, key, "expected true or false, got " + v.dump());
  return v.get<bool>();
}

double get_speed(const json& v, const std::string& source, const std::string& key) {
  if (!v.is_number()) fail(source, key, "expected a number of km/h, got " + v.dump());
  double x = v.get<double>();
  if (!std::isfinite(x) || x < 0 || x > 300) fail(source, key, "speed must be 0..300 km/h, got " + v.dump());
  return x;
}

Profile parse_one(const std::string& name, const json& j, const std::string& source,
                  const std::string& base_dir) {
  const std::string at = "profiles." + name;
  if (!j.is_object()) fail(source, at, "expected an object");
  Profile p;
  p.name = name;
  for (const auto& [key, v] : j.items()) {
    const std::string k = at + "." + key;
    if (key == "description") {
      if (!v.is_string()) fail(source, k, "expected text");
      p.description = v.get<std::string>();
    } else if (key == "speed_kmh") {
      if (!v.is_object()) fail(source, k, "expected an object of road class -> km/h");
      for (const auto& [cls, speed] : v.items()) {
        auto c = parse_road_class(cls);
        if (!c || cls.ends_with("_link"))
          fail(source, k + "." + cls, "unknown road class '" + cls + "'; allowed: " + class_names());
        p.speed_kmh[static_cast<size_t>(*c)] = get_speed(speed, source, k + "." + cls);
      }
    } else if (key == "max_speed_kmh") {
      p.max_speed_kmh = get_speed(v, source, k);
    } else if (key == "use_maxspeed") {
      p.use_maxspeed = get_bool(v, source, k);
    } else if (key == "obey_oneway") {
      p.obey_oneway = get_bool(v, source, k);
    } else if (key == "avoid_tunnels") {
      p.avoid_tunnels = get_bool(v, source, k);
    } else if (key == "allow_no_motor") {
      p.allow_no_motor = get_bool(v, source, k);
    } else if (key == "allow_private") {
      p.allow_private = get_bool(v, source, k);
    } else if (key == "no_go_files") {
      if (!v.is_array()) fail(source, k, "expected a list of file names");
      for (const auto& f : v) {
        if (!f.is_string() || f.get<std::string>().empty()) fail(source, k, "expected file names, got " + f.dump());
        std::filesystem::path file = f.get<std::string>();
        if (file.is_relative() && !base_dir.empty()) file = std::filesystem::path(base_dir) / file;
        p.no_go_files.push_back(file.string());
      }
    } else if (key == "restricted_road_ids") {
      if (!v.is_array()) fail(source, k, "expected a list of road ids");
      for (const auto& id : v) {
        if (!id.is_number_integer()) fail(source, k, "expected whole-number road ids, got " + id.dump());
        p.restricted_road_ids.push_back(id.get<int64_t>());
      }
    } else {
      fail(source, k,
           "unknown key; allowed: description, speed_kmh, max_speed_kmh, use_maxspeed, obey_oneway, "
           "avoid_tunnels, allow_no_motor, allow_private, no_go_files, restricted_road_ids");
    }
  }
  bool any = false;
  for (double s : p.speed_kmh) any = any || s > 0;
  if (!any) fail(source, at + ".speed_kmh", "the profile allows no road class");
  for (const std::string& file : p.no_go_files) {
    try {
      auto polygons = read_polygons(file);
      p.no_go_areas.insert(p.no_go_areas.end(), polygons.begin(), polygons.end());
    } catch (const Error& e) {
      fail(source, at + ".no_go_files", e.what());
    }
  }
  return p;
}

}  // namespace

std::vector<Profile> parse_profiles(const std::string& text, const std::string& source,
                                    const std::string& base_dir) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for a number like 1e400
    throw Error(source + ": invalid JSON: " + e.what());
  }
  if (!doc.is_object() || !doc.contains("profiles") || !doc["profiles"].is_object())
    throw Error(source + ": expected {\"profiles\": {\"<name>\": {...}}}");
  for (const auto& [key, v] : doc.items())
    if (key != "profiles" && key != "comment") fail(source, key, "unknown key; allowed: profiles, comment");
  std::vector<Profile> out;
  for (const auto& [name, j] : doc["profiles"].items()) out.push_back(parse_one(name, j, source, base_dir));
  return out;
}

std::vector<Profile> load_profiles(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open profile file");
  std::stringstream buf;
  buf << in.rdbuf();
  return parse_profiles(buf.str(), path, std::filesystem::path(path).parent_path().string());
}

Profile load_profile(const std::string& path, const std::string& name) {
  std::vector<Profile> all = load_profiles(path);
  std::vector<std::string> names;
  for (Profile& p : all) {
    if (p.name == name) return std::move(p);
    names.push_back(p.name);
  }
  throw Error(path + ": no profile '" + name + "'; profiles: " + join(names, ", "));
}

}  // namespace erde
