#include "route/live_roads.hpp"

#include <algorithm>
#include <tuple>

#include "route/snapped.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

constexpr size_t kPreparedSetsKept = 16;

bool place_less(const LonLat& a, const LonLat& b) { return std::tie(a.lon, a.lat) < std::tie(b.lon, b.lat); }

}  // namespace

bool LiveRoads::Key::operator<(const Key& o) const {
  if (profile != o.profile) return profile < o.profile;
  if (sources != o.sources) return sources < o.sources;
  return std::lexicographical_compare(places.begin(), places.end(), o.places.begin(), o.places.end(), place_less);
}

LiveRoads::LiveRoads(std::shared_ptr<const RoadIndex> index) : index_(std::move(index)), closures_(index_->graph) {
  for (size_t p = 0; p < index_->profile_count(); ++p) {
    closures_.add_profile(index_->profiles[p].name, index_->base_weights[p]);
    metrics_.push_back(customize(index_->cch[p], closures_.weights(p)));
  }
}

std::optional<Snap> LiveRoads::nearest_road(size_t p, LonLat where, uint8_t side) const {
  return index_->snap->nearest(where, weights(p), index_->reach[p].segment, side);
}

RoutePoint LiveRoads::snap(size_t p, LonLat where, uint8_t side) const {
  const std::optional<Snap> s = nearest_road(p, where, side);
  if (!s || s->distance_m > max_snap_m()) return {};
  return route_point(*s);
}

size_t LiveRoads::close(const Barrier& barrier) {
  const size_t touched = closures_.add(barrier);
  if (touched == 0) {
    closures_.remove(barrier.id);
    throw Error("barrier " + barrier.id + ": touches no road, so it would close nothing");
  }
  changed(closures_.touched_edges(barrier.id));
  return touched;
}

bool LiveRoads::reopen(std::string_view id) {
  const std::span<const EdgeId> t = closures_.touched_edges(id);
  const std::vector<EdgeId> edges(t.begin(), t.end());
  if (!closures_.remove(id)) return false;
  changed(edges);
  return true;
}

void LiveRoads::changed(std::span<const EdgeId> edges) {
  for (size_t p = 0; p < metrics_.size(); ++p) recustomize(index_->cch[p], weights(p), edges, metrics_[p]);
  const std::lock_guard lock(cache_mutex_);
  ++metric_;
}

Route LiveRoads::route(size_t p, const RoutePoint& from, const RoutePoint& to, bool with_geometry) const {
  return cch_route(cch(p), from, to, with_geometry);
}

TimeMatrix LiveRoads::matrix(size_t p, std::span<const RoutePoint> sources, std::span<const RoutePoint> targets) const {
  return cch_matrix(cch(p), sources, targets);
}

std::vector<NearestResource> LiveRoads::nearest(size_t p, const RoutePoint& incident,
                                                std::span<const RoutePoint> resources,
                                                const NearestOptions& options) const {
  return cch_nearest(cch(p), incident, resources, options);
}

std::vector<Isochrone> LiveRoads::isochrones(size_t p, std::span<const RoutePoint> points,
                                             std::span<const uint32_t> limits_ms, Direction direction) const {
  return erde::isochrones(network(p), points, limits_ms, direction);
}

std::shared_ptr<const PreparedPlaces> LiveRoads::prepare(size_t p, std::vector<LonLat> places, bool sources) const {
  auto out = std::make_shared<PreparedPlaces>();
  out->profile = p;
  out->sources = sources;
  std::vector<RoutePoint> points;
  points.reserve(places.size());
  for (LonLat where : places) points.push_back(snap(p, where, sources ? reach::kStart : reach::kEnd));
  out->places = std::move(places);
  out->buckets = sources ? cch_prepare_sources(cch(p), points) : cch_prepare_targets(cch(p), points);
  return out;
}

std::shared_ptr<const PreparedPlaces> LiveRoads::prepared(size_t p, std::span<const LonLat> places,
                                                          bool sources) const {
  if (p >= profile_count()) throw Error("internal: no road profile " + std::to_string(p));
  Key key{p, sources, std::vector<LonLat>(places.begin(), places.end())};
  const std::lock_guard lock(cache_mutex_);
  if (auto it = cache_.find(key); it != cache_.end()) {
    Cached& c = it->second;
    c.last_use = ++uses_;
    if (c.metric != metric_) c = {prepare(p, key.places, sources), c.last_use, metric_};
    return c.set;
  }
  if (cache_.size() >= kPreparedSetsKept)
    cache_.erase(std::min_element(cache_.begin(), cache_.end(), [](const auto& a, const auto& b) {
      return a.second.last_use < b.second.last_use;
    }));
  auto set = prepare(p, key.places, sources);
  cache_.emplace(std::move(key), Cached{set, ++uses_, metric_});
  return set;
}

std::vector<uint32_t> LiveRoads::times_to(size_t p, std::span<const LonLat> places, const RoutePoint& to) const {
  std::vector<uint32_t> out(places.size(), kUnreachable);
  if (places.empty() || !to.valid()) return out;
  cch_times_to(cch(p), prepared(p, places, true)->buckets, to, out);
  return out;
}

std::vector<uint32_t> LiveRoads::times_from(size_t p, const RoutePoint& from, std::span<const LonLat> places) const {
  std::vector<uint32_t> out(places.size(), kUnreachable);
  if (places.empty() || !from.valid()) return out;
  cch_times_from(cch(p), from, prepared(p, places, false)->buckets, out);
  return out;
}

std::vector<NearestResource> LiveRoads::nearest(size_t p, std::span<const LonLat> places, const RoutePoint& incident,
                                                const NearestOptions& options) const {
  if (places.empty() || !incident.valid()) return {};
  return cch_nearest(cch(p), prepared(p, places, true)->buckets, incident, options);
}

size_t LiveRoads::memory_bytes() const {
  size_t bytes = 0;
  for (size_t p = 0; p < metrics_.size(); ++p) bytes += metrics_[p].memory_bytes() + 2 * weights(p).size() * sizeof(uint32_t);
  const std::lock_guard lock(cache_mutex_);
  for (const auto& [key, entry] : cache_) {
    const CchBuckets& b = entry.set->buckets;
    bytes += key.places.size() * sizeof(LonLat) * 2 + b.points.size() * sizeof(RoutePoint) +
             (b.first_entry.size() + b.entry_rank.size() * 3 + b.first_bucket.size() + b.bucket_point.size() * 2) *
                 sizeof(uint32_t);
  }
  return bytes;
}

}  // namespace erde
