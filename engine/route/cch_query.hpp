#pragma once
// Queries over a customized CCH: elimination-tree searches. The upward search space of a node is
// exactly its path to the root of the elimination tree, so a search walks that path in rank order
// and relaxes the upward arcs of each node; no priority queue. A trip from s to t meets at a
// common ancestor. Points inside edges join the graph as in route::route (route/access.hpp).
#include <cstdint>
#include <span>
#include <vector>

#include "route/cch.hpp"
#include "route/matrix.hpp"
#include "route/nearest.hpp"
#include "route/network.hpp"
#include "route/route.hpp"

namespace erde {

// Everything a query reads; `net.weights` must be the weights `metric` was customized with.
struct CchNetwork {
  const CchIndex& index;
  const CchMetric& metric;
  Network net;
};

// Per-thread working memory, reusable across queries (labels are cleared along the walked paths).
class CchSearch {
 public:
  struct Start {
    uint32_t rank;
    uint32_t cost;
  };
  // Walks up from the starts, upward (up = true: times from the starts) or downward weights
  // (times to the starts). Fills the labels of one side; the other side is left as it is.
  void walk(const CchNetwork& cn, bool up, std::span<const Start> starts);
  // Clears one side's labels.
  void clear(bool up);

  uint32_t dist(bool up, uint32_t rank) const { return side(up).dist[rank]; }
  uint32_t arc(bool up, uint32_t rank) const { return side(up).arc[rank]; }
  std::span<const uint32_t> path(bool up) const { return side(up).path; }

 private:
  struct Side {
    std::vector<uint32_t> dist, arc, path;
  };
  const Side& side(bool up) const { return up ? forward_ : backward_; }
  Side& side(bool up) { return up ? forward_ : backward_; }
  Side forward_, backward_;
  std::vector<uint32_t> mark_;
  uint32_t round_ = 0;
};

// One search working memory per thread.
CchSearch& thread_cch_search();

// Node to node: time in ms (kUnreachable if none) and the graph edges in travel order.
struct CchPath {
  uint32_t time_ms = kUnreachable;
  std::vector<EdgeId> edges;
};
uint32_t cch_distance(const CchNetwork& cn, NodeId from, NodeId to, CchSearch& search = thread_cch_search());
CchPath cch_path(const CchNetwork& cn, NodeId from, NodeId to, CchSearch& search = thread_cch_search());

// The same answer as route(net, from, to): quickest trip between two points on roads.
Route cch_route(const CchNetwork& cn, const RoutePoint& from, const RoutePoint& to, bool with_geometry = true,
                CchSearch& search = thread_cch_search());

// nearest() with a CCH, resources given per query: one downward walk from the incident, then an
// upward walk from each enabled resource.
std::vector<NearestResource> cch_nearest(const CchNetwork& cn, const RoutePoint& incident,
                                         std::span<const RoutePoint> resources, const NearestOptions& options = {},
                                         CchSearch& search = thread_cch_search());

// Points prepared once per metric (redo after every re-customization): each one's search up the
// elimination tree, kept as buckets on the ranks it reaches. Sources (trip starts) walk upward
// weights from their departures, targets (trip ends) downward weights from their arrivals. A
// query from the other side is then one walk that reads the buckets on its path.
struct CchBuckets {
  bool sources = true;  // true: the points are trip starts; false: trip ends
  std::vector<RoutePoint> points;
  // Point p's search: entries first_entry[p] .. first_entry[p+1]-1, ascending rank.
  std::vector<uint32_t> first_entry;
  std::vector<uint32_t> entry_rank, entry_dist, entry_arc;
  // Per rank x: which points reach it and in what time, bucket_*[first_bucket[x] .. first_bucket[x+1]-1].
  std::vector<uint32_t> first_bucket;
  std::vector<uint32_t> bucket_point, bucket_dist;
};
CchBuckets cch_prepare_sources(const CchNetwork& cn, std::span<const RoutePoint> points,
                               CchSearch& search = thread_cch_search());
CchBuckets cch_prepare_targets(const CchNetwork& cn, std::span<const RoutePoint> points,
                               CchSearch& search = thread_cch_search());

// nearest() over prepared sources (the resources): one downward walk from the incident.
std::vector<NearestResource> cch_nearest(const CchNetwork& cn, const CchBuckets& sources, const RoutePoint& incident,
                                         const NearestOptions& options = {}, CchSearch& search = thread_cch_search());
// Times from every prepared source to `target`, or from `source` to every prepared target
// (kUnreachable where there is no trip; `times` has one slot per prepared point).
void cch_times_to(const CchNetwork& cn, const CchBuckets& sources, const RoutePoint& target, std::span<uint32_t> times,
                  CchSearch& search = thread_cch_search());
void cch_times_from(const CchNetwork& cn, const RoutePoint& source, const CchBuckets& targets,
                    std::span<uint32_t> times, CchSearch& search = thread_cch_search());
// matrix(net, sources, targets) without distances: prepares the larger side, walks from the other.
TimeMatrix cch_matrix(const CchNetwork& cn, std::span<const RoutePoint> sources, std::span<const RoutePoint> targets,
                      CchSearch& search = thread_cch_search());

}  // namespace erde
