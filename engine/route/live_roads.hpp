#pragma once
// The one live road object behind every query: a shared RoadIndex (graph, profiles, base
// weights, CCH indexes, snap index) plus what changes while erde runs: the live closures, one
// CCH metric per profile (partially re-customised when a closure is added or lifted), and places
// prepared for one-to-many queries (teams, depots, shelters), re-prepared when the metric or a
// place changes. The service has one, every drill has its own over the same index.
//
// Which algorithm answers what:
// - route, matrix, nearest, times to/from prepared places: the CCH (elimination-tree searches);
// - isochrones and everything bounded by a time limit (coverage reach): bounded Dijkstra over
//   network(p), which visits only what lies within the limit.
// Plain Dijkstra (route/route.hpp, matrix.hpp, nearest.hpp) and Boost.Graph stay as the tests'
// oracles. Queries may run from several threads; adding or lifting a closure may not run while
// any query does.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "route/cch_query.hpp"
#include "route/closures.hpp"
#include "route/isochrone.hpp"
#include "route/road_index.hpp"

namespace erde {

// Places prepared under the current metric: each snapped on the profile's usable roads where a
// trip may start (sources) or end (targets) (a place farther than max_snap_m from one is never
// reached) and searched once up the CCH.
struct PreparedPlaces {
  size_t profile = 0;
  bool sources = true;         // true: trip starts (times to a place), false: trip ends
  std::vector<LonLat> places;
  CchBuckets buckets;          // buckets.points[i]: where place i joins the roads (invalid: off road)
  const RoutePoint& point(size_t i) const { return buckets.points[i]; }
};

class LiveRoads {
 public:
  explicit LiveRoads(std::shared_ptr<const RoadIndex> index);
  LiveRoads(const LiveRoads&) = delete;
  LiveRoads& operator=(const LiveRoads&) = delete;

  const RoadIndex& index() const { return *index_; }
  const RoadGraph& graph() const { return index_->graph; }
  size_t profile(std::string_view name) const { return index_->profile(name); }
  size_t profile_count() const { return index_->profile_count(); }
  double max_snap_m() const { return index_->max_snap_m; }
  // Effective weights: the base weights with the closures applied.
  const std::vector<uint32_t>& weights(size_t p) const { return closures_.weights(p); }
  Network network(size_t p) const { return {graph(), weights(p)}; }
  CchNetwork cch(size_t p) const { return {index_->cch[p], metrics_[p], network(p)}; }

  // The nearest road profile p may use now (closed roads excluded), at any distance, among
  // those where a trip may start (reach::kStart), end (kEnd) or both (graph/reach.hpp).
  std::optional<Snap> nearest_road(size_t p, LonLat where, uint8_t side = reach::kBoth) const;
  // That road's point when it is within max_snap_m; an invalid point otherwise.
  RoutePoint snap(size_t p, LonLat where, uint8_t side = reach::kBoth) const;

  // Live closures. close() throws erde::Error for a barrier it cannot use (see Closures::add)
  // and for one that touches no road at all; it returns how many edges it touches. Each change
  // is effective for the next query; lifting a barrier restores the exact previous answers.
  size_t close(const Barrier& barrier);
  bool reopen(std::string_view id);
  // The edges `barrier` would touch, without closing anything (throws as close()).
  std::vector<EdgeId> edges_of(const Barrier& barrier) { return closures_.edges_of(barrier); }
  const Closures& closures() const { return closures_; }

  // The quickest trip, times between point sets, the k resources nearest to an incident.
  Route route(size_t p, const RoutePoint& from, const RoutePoint& to, bool with_geometry = true) const;
  TimeMatrix matrix(size_t p, std::span<const RoutePoint> sources, std::span<const RoutePoint> targets) const;
  std::vector<NearestResource> nearest(size_t p, const RoutePoint& incident, std::span<const RoutePoint> resources,
                                       const NearestOptions& options = {}) const;
  std::vector<Isochrone> isochrones(size_t p, std::span<const RoutePoint> points, std::span<const uint32_t> limits_ms,
                                    Direction direction = Direction::forward) const;

  // Places prepared once and reused while the metric and the places stay the same (a small
  // cache keyed by profile, side and the places themselves). After a closure changes the metric
  // a set is prepared again when it is next asked for, so a change costs only the sets in use.
  std::shared_ptr<const PreparedPlaces> prepared(size_t p, std::span<const LonLat> places, bool sources) const;
  // ms from each place to `to` / from `from` to each place (kUnreachable: off road or no trip).
  std::vector<uint32_t> times_to(size_t p, std::span<const LonLat> places, const RoutePoint& to) const;
  std::vector<uint32_t> times_from(size_t p, const RoutePoint& from, std::span<const LonLat> places) const;
  // nearest() over prepared places as the resources (options.mask / filter by place index).
  std::vector<NearestResource> nearest(size_t p, std::span<const LonLat> places, const RoutePoint& incident,
                                       const NearestOptions& options = {}) const;

  size_t memory_bytes() const;  // metrics, effective weights and prepared places (not the index)

 private:
  struct Key {
    size_t profile;
    bool sources;
    std::vector<LonLat> places;
    bool operator<(const Key& o) const;
  };
  void changed(std::span<const EdgeId> edges);
  std::shared_ptr<const PreparedPlaces> prepare(size_t p, std::vector<LonLat> places, bool sources) const;

  std::shared_ptr<const RoadIndex> index_;
  Closures closures_;
  std::vector<CchMetric> metrics_;
  mutable std::mutex cache_mutex_;
  struct Cached {
    std::shared_ptr<const PreparedPlaces> set;
    uint64_t last_use = 0;
    uint64_t metric = 0;  // the metric_ it was prepared on; re-prepared on first use after a change
  };
  mutable std::map<Key, Cached> cache_;
  mutable uint64_t uses_ = 0;
  uint64_t metric_ = 0;  // counts the metric changes
};

}  // namespace erde
