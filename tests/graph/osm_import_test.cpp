// OSM import checked against an independent plain-osmium pass over the same file.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "graph/graph_checks.hpp"
#include "graph/import.hpp"
#include "graph/osmium.hpp"
#include "graph/profile.hpp"
#include "graph/scc.hpp"
#include "util/error.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/visitor.hpp>
#pragma GCC diagnostic pop

namespace erde {
namespace {

std::string shared_file(const char* name) { return std::string(ERDE_SHARED_GEODATA) + "/" + name; }

// What a plain reading of the file says the graph should hold.
struct Oracle {
  struct Way {
    std::vector<LonLat> points;
    std::vector<int64_t> refs;
    std::string highway;
    bool oneway_forward = false, oneway_backward = false, roundabout = false, tunnel = false;
  };
  std::unordered_map<int64_t, Way> ways;
  uint64_t segments = 0, nodes = 0;
  double metres = 0;
};

struct OracleHandler : osmium::handler::Handler {
  Oracle* out;
  explicit OracleHandler(Oracle* o) : out(o) {}
  void way(const osmium::Way& w) {
    const char* hw = w.tags()["highway"];
    if (!hw) return;
    std::string h = hw;
    static const char* kRoads[] = {"motorway", "trunk", "primary", "secondary", "tertiary", "motorway_link",
                                   "trunk_link", "primary_link", "secondary_link", "tertiary_link",
                                   "unclassified", "residential", "living_street", "service", "track",
                                   "pedestrian", "footway", "cycleway", "path", "steps"};
    if (std::find(std::begin(kRoads), std::end(kRoads), h) == std::end(kRoads)) return;
    if (w.tags().has_tag("area", "yes")) return;
    Oracle::Way rec;
    rec.highway = h;
    for (const auto& r : w.nodes()) {
      if (!rec.refs.empty() && rec.refs.back() == r.ref()) continue;
      rec.refs.push_back(r.ref());
      rec.points.push_back({r.location().lon(), r.location().lat()});
    }
    if (rec.refs.size() < 2) return;
    const char* ow = w.tags()["oneway"];
    std::string o = ow ? ow : "";
    const char* j = w.tags()["junction"];
    rec.roundabout = j && (std::string(j) == "roundabout" || std::string(j) == "circular");
    rec.oneway_forward = o == "yes" || o == "1" || o == "true" ||
                         (o.empty() && (rec.roundabout || h == "motorway" || h == "motorway_link"));
    rec.oneway_backward = o == "-1" || o == "reverse";
    const char* t = w.tags()["tunnel"];
    rec.tunnel = t && std::string(t) != "no" && std::string(t) != "building_passage";
    out->ways.emplace(w.id(), std::move(rec));
  }
};

Oracle read_oracle(const std::string& path) {
  Oracle o;
  using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
  Index index;
  osmium::handler::NodeLocationsForWays<Index> locations{index};
  OracleHandler handler{&o};
  osmium::io::Reader reader{path};
  osmium::apply(reader, locations, handler);
  reader.close();
  std::map<int64_t, int> uses;
  for (const auto& [id, w] : o.ways) {
    for (int64_t r : w.refs) ++uses[r];
    uses[w.refs.front()] += 2;
    uses[w.refs.back()] += 2;
  }
  for (const auto& [id, w] : o.ways) {
    for (size_t k = 1; k < w.refs.size(); ++k) {
      if (uses[w.refs[k]] >= 2) ++o.segments;
      o.metres += haversine_m(w.points[k - 1], w.points[k]);
    }
  }
  for (const auto& [node, count] : uses) o.nodes += count >= 2;
  return o;
}

struct Loaded {
  RoadGraph graph;
  ImportStats stats;
  Oracle oracle;
};

// Each file is imported once per test run.
const Loaded& load(const char* name) {
  static std::map<std::string, Loaded> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  Loaded l;
  l.graph = import_osm_pbf(shared_file(name), &l.stats);
  l.oracle = read_oracle(shared_file(name));
  return cache.emplace(name, std::move(l)).first->second;
}

#define SKIP_WITHOUT(name)                                                                   \
  if (!std::filesystem::exists(shared_file(name)))                                           \
  GTEST_SKIP() << shared_file(name) << " is absent (real OSM extracts live in ../shared/geodata)"

class OsmImport : public ::testing::TestWithParam<const char*> {};

TEST_P(OsmImport, MatchesAPlainOsmiumPass) {
  SKIP_WITHOUT(GetParam());
  const Loaded& l = load(GetParam());
  const RoadGraph& g = l.graph;
  const Oracle& o = l.oracle;
  ASSERT_EQ(l.stats.missing_nodes, 0u) << "the oracle assumes complete ways";
  EXPECT_EQ(l.stats.roads_used, o.ways.size());
  EXPECT_EQ(g.segment_count(), o.segments);
  EXPECT_EQ(g.node_count(), o.nodes);
  double metres = 0;
  for (uint32_t s = 0; s < g.segment_count(); ++s) metres += g.length_m[g.segment_edge[2 * s]];
  EXPECT_NEAR(metres, o.metres, o.metres * 1e-6);
  // Attributes per segment from the way it came from.
  for (uint32_t s = 0; s < g.segment_count(); ++s) {
    const auto& way = o.ways.at(g.segment_source_id[s]);
    EdgeId along = g.segment_edge[2 * s], against = g.segment_edge[2 * s + 1];
    ASSERT_EQ(way.highway.substr(0, to_string(g.road_class[along]).size()), to_string(g.road_class[along]));
    ASSERT_EQ(bool(g.flags[against] & edge_flag::kAgainstOneway), way.oneway_forward) << g.segment_source_id[s];
    ASSERT_EQ(bool(g.flags[along] & edge_flag::kAgainstOneway), way.oneway_backward) << g.segment_source_id[s];
    ASSERT_EQ(bool(g.flags[along] & edge_flag::kRoundabout), way.roundabout);
    ASSERT_EQ(bool(g.flags[along] & edge_flag::kTunnel), way.tunnel);
  }
}

TEST_P(OsmImport, CsrShapesAndLengthsAreConsistent) {
  SKIP_WITHOUT(GetParam());
  test::expect_consistent(load(GetParam()).graph);
}

TEST_P(OsmImport, MemoryPerEdgeIsSmall) {
  SKIP_WITHOUT(GetParam());
  const RoadGraph& g = load(GetParam()).graph;
  double per_edge = double(g.memory_bytes()) / g.edge_count();
  EXPECT_LE(per_edge, 100.0);
  RecordProperty("bytes_per_edge", std::to_string(per_edge));
}

// The largest SCC from the profile equals forward ∩ backward reachability from one of its nodes.
TEST_P(OsmImport, LargestComponentMatchesReachability) {
  SKIP_WITHOUT(GetParam());
  const RoadGraph& g = load(GetParam()).graph;
  for (const char* name : {"fire_engine", "walking", "hazmat"}) {
    Profile p = load_profile(ERDE_SOURCE_DIR "/geodata/profiles.json", name);
    std::vector<uint32_t> raw = rule_weights(g, p);
    std::vector<uint32_t> cut = raw;
    ProfileReport r;
    keep_largest_component(g, cut, &r);
    NodeId root = kInvalidId;
    for (EdgeId e = 0; e < g.edge_count() && root == kInvalidId; ++e)
      if (cut[e] != kUnreachable) root = g.tail[e];
    ASSERT_NE(root, kInvalidId);
    auto reach = [&](bool forward) {
      std::vector<uint8_t> seen(g.node_count(), 0);
      std::vector<NodeId> queue{root};
      seen[root] = 1;
      for (size_t i = 0; i < queue.size(); ++i) {
        NodeId v = queue[i];
        if (forward) {
          for (EdgeId e = g.first_out[v]; e < g.first_out[v + 1]; ++e)
            if (raw[e] != kUnreachable && !seen[g.head[e]]) seen[g.head[e]] = 1, queue.push_back(g.head[e]);
        } else {
          for (uint32_t k = g.first_in[v]; k < g.first_in[v + 1]; ++k) {
            EdgeId e = g.in_edge[k];
            if (raw[e] != kUnreachable && !seen[g.tail[e]]) seen[g.tail[e]] = 1, queue.push_back(g.tail[e]);
          }
        }
      }
      return seen;
    };
    auto fwd = reach(true), bwd = reach(false);
    uint32_t size = 0;
    for (NodeId v = 0; v < g.node_count(); ++v) size += fwd[v] && bwd[v];
    EXPECT_EQ(size, r.scc_nodes) << name;
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
      bool inside = raw[e] != kUnreachable && fwd[g.tail[e]] && bwd[g.tail[e]] && fwd[g.head[e]] && bwd[g.head[e]];
      ASSERT_EQ(cut[e] != kUnreachable, inside) << name << " edge " << e;
    }
    // No other component is larger: every node outside has a smaller component.
    Components c = strong_components(g, raw);
    std::vector<uint32_t> sizes(c.count, 0);
    for (NodeId v = 0; v < g.node_count(); ++v) ++sizes[c.of_node[v]];
    EXPECT_EQ(*std::max_element(sizes.begin(), sizes.end()), size) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(Extracts, OsmImport, ::testing::Values("monaco.osm.pbf", "heidelberg.osm.pbf"),
                         [](const ::testing::TestParamInfo<const char*>& param) {
                           std::string file = param.param;
                           return file.substr(0, file.find('.'));
                         });

TEST(OsmImportErrors, MissingFileNamesIt) {
  try {
    import_osm_pbf("/nonexistent/city.osm.pbf");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/city.osm.pbf"), std::string::npos) << e.what();
  }
}

TEST(OsmImportErrors, HeidelbergBuildsQuickly) {
  SKIP_WITHOUT("heidelberg.osm.pbf");
  ImportStats st;
  RoadGraph g = import_osm_pbf(shared_file("heidelberg.osm.pbf"), &st);
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(st.seconds, 2.0);
#endif
  EXPECT_GT(g.edge_count(), 0u);
}

}  // namespace
}  // namespace erde
