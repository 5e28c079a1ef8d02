// OSM PBF import in two passes: highway ways first (which nodes are needed, which are shared),
// then the locations of just those nodes. Ways split at shared nodes and at their ends.
#include <algorithm>
#include <chrono>
#include <map>

#include "graph/import.hpp"
#include "graph/osmium.hpp"
#include "graph/road_graph_builder.hpp"
#include "graph/tags.hpp"
#include "util/error.hpp"
#include "util/progress.hpp"

namespace erde {
namespace {

struct WayRecord {
  int64_t id;
  uint32_t first_ref;
  uint32_t ref_count;
  RoadClass road_class;
  Oneway oneway;
  uint8_t flags;
  uint8_t maxspeed;
  uint32_t name;  // index into names, 0 = none
};

struct WayPass {
  std::vector<WayRecord> ways;
  std::vector<int64_t> refs;  // node ids, later replaced by indices into `needed`
  std::vector<std::string> names{""};
};

std::string_view tag(const osmium::TagList& tags, const char* key) {
  const char* v = tags.get_value_by_key(key);
  return v ? std::string_view(v) : std::string_view();
}

void read_ways(const std::string& path, WayPass& out, ImportStats& st) {
  std::map<std::string, uint64_t, std::less<>> skipped;
  osmium::io::Reader reader{osmium::io::File{path, "pbf"}, osmium::osm_entity_bits::way};
  Progress progress("reading OSM ways", reader.file_size());
  while (osmium::memory::Buffer buffer = reader.read()) {
    progress.update(reader.offset());
    for (auto it = buffer.begin<osmium::Way>(); it != buffer.end<osmium::Way>(); ++it) {
      const osmium::Way& way = *it;
      const osmium::TagList& tags = way.tags();
      std::string_view highway = tag(tags, "highway");
      if (highway.empty()) continue;
      ++st.features_read;
      std::optional<RoadClass> cls = parse_road_class(highway);
      if (!cls) {
        ++st.skipped_not_road;
        auto found = skipped.find(highway);
        if (found == skipped.end()) skipped.emplace(std::string(highway), 1);
        else ++found->second;
        continue;
      }
      if (tag(tags, "area") == "yes") {
        ++st.skipped_area;
        continue;
      }
      WayRecord w{way.id(), static_cast<uint32_t>(out.refs.size()), 0, *cls, Oneway::no, 0, 0, 0};
      for (const osmium::NodeRef& r : way.nodes())
        if (out.refs.size() == w.first_ref || out.refs.back() != r.ref()) out.refs.push_back(r.ref());
      w.ref_count = static_cast<uint32_t>(out.refs.size() - w.first_ref);
      if (w.ref_count < 2) {
        out.refs.resize(w.first_ref);
        ++st.skipped_degenerate;
        continue;
      }
      std::string_view junction = tag(tags, "junction");
      bool roundabout = junction == "roundabout" || junction == "circular";
      std::string_view oneway_tag = tag(tags, "oneway");
      if (oneway_tag.empty()) {
        if (roundabout || *cls == RoadClass::motorway) w.oneway = Oneway::forward;
      } else if (auto o = parse_oneway(oneway_tag)) {
        w.oneway = *o;
      } else {
        ++st.oneway_unparsed;
      }
      std::string_view maxspeed = tag(tags, "maxspeed");
      if (auto s = parse_maxspeed(maxspeed)) w.maxspeed = *s;
      else ++st.maxspeed_unparsed;
      std::string_view access = tag(tags, "motor_vehicle");
      if (access.empty()) access = tag(tags, "access");
      w.flags = access_flags(access);
      if (roundabout) w.flags |= edge_flag::kRoundabout;
      if (is_tunnel(tag(tags, "tunnel"))) w.flags |= edge_flag::kTunnel;
      if (is_bridge(tag(tags, "bridge"))) w.flags |= edge_flag::kBridge;
      if (std::string_view name = tag(tags, "name"); !name.empty()) {
        w.name = static_cast<uint32_t>(out.names.size());
        out.names.emplace_back(name);
      }
      out.ways.push_back(w);
    }
  }
  reader.close();
  progress.finish();
  st.skipped_values.assign(skipped.begin(), skipped.end());
  std::stable_sort(st.skipped_values.begin(), st.skipped_values.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
}

struct NodeTable {
  std::vector<int64_t> id;      // sorted, unique
  std::vector<LonLat> where;
  std::vector<uint8_t> found;
  std::vector<uint8_t> split;   // a graph node: shared, a way end, or next to a missing node
};

void read_nodes(const std::string& path, NodeTable& nodes) {
  osmium::io::Reader reader{osmium::io::File{path, "pbf"}, osmium::osm_entity_bits::node};
  Progress progress("reading OSM nodes", reader.file_size());
  while (osmium::memory::Buffer buffer = reader.read()) {
    progress.update(reader.offset());
    for (auto it = buffer.begin<osmium::Node>(); it != buffer.end<osmium::Node>(); ++it) {
      auto at = std::lower_bound(nodes.id.begin(), nodes.id.end(), it->id());
      if (at == nodes.id.end() || *at != it->id()) continue;
      const osmium::Location loc = it->location();
      if (!loc.valid()) continue;
      auto i = static_cast<size_t>(at - nodes.id.begin());
      nodes.where[i] = {loc.lon_without_check(), loc.lat_without_check()};
      nodes.found[i] = 1;
    }
  }
  reader.close();
  progress.finish();
}

RoadGraph import(const std::string& path, ImportStats& st) {
  WayPass pass;
  read_ways(path, pass, st);

  NodeTable nodes;
  nodes.id = pass.refs;
  std::sort(nodes.id.begin(), nodes.id.end());
  std::vector<uint8_t> shared(nodes.id.size(), 0);
  // Unique ids; a node listed twice (by two ways, or twice in one way) is shared.
  size_t unique = 0;
  for (size_t i = 0; i < nodes.id.size(); ++i) {
    if (unique > 0 && nodes.id[unique - 1] == nodes.id[i]) {
      shared[unique - 1] = 1;
    } else {
      nodes.id[unique] = nodes.id[i];
      shared[unique] = 0;
      ++unique;
    }
  }
  nodes.id.resize(unique);
  nodes.id.shrink_to_fit();
  shared.resize(unique);
  nodes.split = std::move(shared);
  for (int64_t& r : pass.refs)
    r = std::lower_bound(nodes.id.begin(), nodes.id.end(), r) - nodes.id.begin();
  for (const WayRecord& w : pass.ways) {
    nodes.split[static_cast<size_t>(pass.refs[w.first_ref])] = 1;
    nodes.split[static_cast<size_t>(pass.refs[w.first_ref + w.ref_count - 1])] = 1;
  }
  nodes.where.resize(unique);
  nodes.found.assign(unique, 0);
  read_nodes(path, nodes);

  // Around a missing node the way is cut: its neighbours become ends.
  for (const WayRecord& w : pass.ways)
    for (uint32_t k = 0; k < w.ref_count; ++k) {
      auto i = static_cast<size_t>(pass.refs[w.first_ref + k]);
      if (nodes.found[i]) continue;
      ++st.missing_nodes;
      if (k > 0) nodes.split[static_cast<size_t>(pass.refs[w.first_ref + k - 1])] = 1;
      if (k + 1 < w.ref_count) nodes.split[static_cast<size_t>(pass.refs[w.first_ref + k + 1])] = 1;
    }

  RoadGraphBuilder builder;
  std::vector<NodeId> node_of(unique, kInvalidId);
  auto graph_node = [&](size_t i) {
    if (node_of[i] == kInvalidId) node_of[i] = builder.add_node(nodes.where[i]);
    return node_of[i];
  };
  SegmentSpec spec;
  for (const WayRecord& w : pass.ways) {
    bool used = false;
    size_t start = SIZE_MAX;
    spec.shape.clear();
    for (uint32_t k = 0; k < w.ref_count; ++k) {
      auto i = static_cast<size_t>(pass.refs[w.first_ref + k]);
      if (!nodes.found[i]) {
        start = SIZE_MAX;
        spec.shape.clear();
        continue;
      }
      spec.shape.push_back(nodes.where[i]);
      if (start == SIZE_MAX) {
        start = i;
        continue;
      }
      if (!nodes.split[i]) continue;
      spec.from = graph_node(start);
      spec.to = graph_node(i);
      spec.road_class = w.road_class;
      spec.oneway = w.oneway;
      spec.flags = w.flags;
      spec.maxspeed_kmh = w.maxspeed;
      spec.name = pass.names[w.name];
      spec.source_id = w.id;
      builder.add_segment(spec);
      used = true;
      start = i;
      spec.shape.assign(1, nodes.where[i]);
    }
    if (used) ++st.roads_used;
    else ++st.skipped_degenerate;
  }
  return std::move(builder).build();
}

}  // namespace

RoadGraph import_osm_pbf(const std::string& path, ImportStats* stats) {
  auto t0 = std::chrono::steady_clock::now();
  ImportStats st;
  st.source = path;
  RoadGraph g;
  try {
    g = import(path, st);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(path + ": cannot read OSM PBF: " + e.what());
  }
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (stats) *stats = std::move(st);
  return g;
}

}  // namespace erde
