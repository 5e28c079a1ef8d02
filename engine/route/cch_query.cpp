#include "route/cch_query.hpp"

#include <algorithm>

#include "route/access.hpp"
#include "util/error.hpp"

namespace erde {

void CchSearch::clear(bool up) {
  Side& s = side(up);
  for (uint32_t x : s.path) {
    s.dist[x] = kUnreachable;
    s.arc[x] = kInvalidId;
  }
  s.path.clear();
}

void CchSearch::walk(const CchNetwork& cn, bool up, std::span<const Start> starts) {
  const CchIndex& ix = cn.index;
  const uint32_t n = ix.node_count();
  Side& s = side(up);
  if (s.dist.size() != n) {
    s.dist.assign(n, kUnreachable);
    s.arc.assign(n, kInvalidId);
    s.path.clear();
  }
  if (mark_.size() != n) {
    mark_.assign(n, 0);
    round_ = 0;
  }
  clear(up);
  if (starts.empty()) return;
  if (++round_ == 0) {
    std::fill(mark_.begin(), mark_.end(), 0);
    round_ = 1;
  }
  // The search space is the union of the starts' paths to the root. The ends of an edge lie on
  // one such path, so for a point inside an edge this is the path of its lower end.
  uint32_t lowest = starts[0].rank;
  for (const Start& st : starts) lowest = std::min(lowest, st.rank);
  for (uint32_t x = lowest; x != kInvalidId && mark_[x] != round_; x = ix.parent[x]) {
    mark_[x] = round_;
    s.path.push_back(x);
  }
  bool merged = false;
  for (const Start& st : starts)
    for (uint32_t x = st.rank; x != kInvalidId && mark_[x] != round_; x = ix.parent[x]) {
      mark_[x] = round_;
      s.path.push_back(x);
      merged = true;
    }
  if (merged) std::sort(s.path.begin(), s.path.end());
  for (const Start& st : starts) s.dist[st.rank] = std::min(s.dist[st.rank], st.cost);

  const uint32_t* w = up ? cn.metric.up.data() : cn.metric.down.data();
  const uint32_t* first = ix.first_up.data();
  const uint32_t* head = ix.up_head.data();
  uint32_t* dist = s.dist.data();
  uint32_t* arc = s.arc.data();
  for (uint32_t x : s.path) {
    const uint32_t d = dist[x];
    if (d == kUnreachable) continue;
    for (uint32_t a = first[x], end = first[x + 1]; a < end; ++a) {
      const uint64_t nd = uint64_t{d} + w[a];
      const uint32_t y = head[a];
      if (nd < dist[y]) {
        dist[y] = static_cast<uint32_t>(nd);
        arc[y] = a;
      }
    }
  }
}

CchSearch& thread_cch_search() {
  thread_local CchSearch search;
  return search;
}

namespace {

struct Meeting {
  uint32_t cost = kUnreachable;
  uint32_t rank = kInvalidId;
};

// The common rank with the least forward + backward time.
Meeting meet(const CchSearch& s) {
  Meeting best;
  for (uint32_t x : s.path(true)) {
    const uint64_t c = uint64_t{s.dist(true, x)} + s.dist(false, x);
    if (c < best.cost) best = {static_cast<uint32_t>(c), x};
  }
  return best;
}

// Graph edges from a forward start up to `rank` (arc_of gives the arc a rank was reached by) and
// from there down the backward labels of `s` to a backward start. Returns the two start ranks.
template <typename ArcOf>
std::pair<uint32_t, uint32_t> unpack_meeting(const CchNetwork& cn, const CchSearch& s, uint32_t rank, ArcOf&& arc_of,
                                             std::vector<EdgeId>& out) {
  const CchIndex& ix = cn.index;
  std::vector<uint32_t> chain;
  uint32_t x = rank;
  for (uint32_t a = arc_of(x); a != kInvalidId; a = arc_of(x)) {
    chain.push_back(a);
    x = ix.up_tail[a];
  }
  const uint32_t from = x;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) unpack_arc(ix, cn.metric, *it, true, out);
  x = rank;
  for (uint32_t a = s.arc(false, x); a != kInvalidId; a = s.arc(false, x)) {
    unpack_arc(ix, cn.metric, a, false, out);
    x = ix.up_tail[a];
  }
  return {from, x};
}

void walk_accesses(const CchNetwork& cn, CchSearch& s, bool up, const Accesses& accesses) {
  CchSearch::Start starts[2];
  size_t count = 0;
  for (const Access& a : accesses) starts[count++] = {cn.index.rank[a.node], a.cost};
  s.walk(cn, up, std::span(starts, count));
}

// The access at `rank` whose cost is `cost` (the one a search started from).
const Access& access_at(const CchNetwork& cn, const Accesses& accesses, uint32_t rank, uint32_t cost) {
  for (const Access& a : accesses)
    if (cn.index.rank[a.node] == rank && a.cost == cost) return a;
  throw Error("cch: a search ended at no start (metric and weights differ?)");
}

Route direct_route(const CchNetwork& cn, const RoutePoint& from, const RoutePoint& to, const DirectTrip& d,
                   bool with_geometry) {
  Route r;
  r.reachable = true;
  r.time_ms = d.cost;
  if (d.edge != kInvalidId) {
    r.edges = {d.edge};
    r.first_from = d.from;
    r.last_to = d.to;
  }
  complete_route(cn.net.graph, from, to, r, with_geometry);
  return r;
}

// The route through `meeting`, from the forward labels given by arc_of / dist_of and the
// backward labels of `s`.
template <typename ArcOf, typename DistOf>
Route meeting_route(const CchNetwork& cn, const CchSearch& s, const RoutePoint& from, const RoutePoint& to,
                    const Accesses& departures_from, const Accesses& arrivals_to, Meeting m, ArcOf&& arc_of,
                    DistOf&& dist_of, bool with_geometry) {
  Route r;
  r.reachable = true;
  r.time_ms = m.cost;
  std::vector<EdgeId> middle;
  auto [first_rank, last_rank] = unpack_meeting(cn, s, m.rank, arc_of, middle);
  const Access& first = access_at(cn, departures_from, first_rank, dist_of(first_rank));
  const Access& last = access_at(cn, arrivals_to, last_rank, s.dist(false, last_rank));
  if (first.edge != kInvalidId) r.edges.push_back(first.edge);
  r.edges.insert(r.edges.end(), middle.begin(), middle.end());
  if (last.edge != kInvalidId) r.edges.push_back(last.edge);
  r.first_from = first.edge != kInvalidId ? first.fraction : 0.0;
  r.last_to = last.edge != kInvalidId ? last.fraction : 1.0;
  complete_route(cn.net.graph, from, to, r, with_geometry);
  return r;
}

std::vector<uint8_t> enabled_resources(std::span<const RoutePoint> resources, const NearestOptions& o) {
  if (!o.mask.empty() && o.mask.size() != resources.size())
    throw Error("nearest: the resource mask has " + std::to_string(o.mask.size()) + " entries for " +
                std::to_string(resources.size()) + " resources");
  std::vector<uint8_t> enabled(resources.size());
  for (uint32_t r = 0; r < resources.size(); ++r)
    enabled[r] = resources[r].valid() && (o.mask.empty() || o.mask[r]) && (!o.filter || o.filter(r));
  return enabled;
}

// The k best enabled resources within the limit, by (time, index).
std::vector<uint32_t> pick(const std::vector<uint32_t>& best, const std::vector<uint8_t>& enabled,
                           const NearestOptions& o) {
  std::vector<uint32_t> order;
  for (uint32_t r = 0; r < best.size(); ++r)
    if (enabled[r] && best[r] != kUnreachable && best[r] <= o.max_eta_ms) order.push_back(r);
  const size_t k = std::min(order.size(), o.k);
  auto before = [&](uint32_t a, uint32_t b) { return best[a] != best[b] ? best[a] < best[b] : a < b; };
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(), before);
  order.resize(k);
  return order;
}

}  // namespace

uint32_t cch_distance(const CchNetwork& cn, NodeId from, NodeId to, CchSearch& s) {
  const CchSearch::Start a{cn.index.rank[from], 0}, b{cn.index.rank[to], 0};
  s.walk(cn, true, std::span(&a, 1));
  s.walk(cn, false, std::span(&b, 1));
  const uint32_t cost = meet(s).cost;
  s.clear(true);
  s.clear(false);
  return cost;
}

CchPath cch_path(const CchNetwork& cn, NodeId from, NodeId to, CchSearch& s) {
  const CchSearch::Start a{cn.index.rank[from], 0}, b{cn.index.rank[to], 0};
  s.walk(cn, true, std::span(&a, 1));
  s.walk(cn, false, std::span(&b, 1));
  const Meeting m = meet(s);
  CchPath p;
  p.time_ms = m.cost;
  if (m.cost != kUnreachable)
    unpack_meeting(cn, s, m.rank, [&](uint32_t x) { return s.arc(true, x); }, p.edges);
  s.clear(true);
  s.clear(false);
  return p;
}

Route cch_route(const CchNetwork& cn, const RoutePoint& from, const RoutePoint& to, bool with_geometry,
                CchSearch& s) {
  if (!from.valid() || !to.valid()) return {};
  const DirectTrip direct = direct_trip(cn.net, from, to);
  const Accesses dep = departures(cn.net, from), arr = arrivals(cn.net, to);
  walk_accesses(cn, s, true, dep);
  walk_accesses(cn, s, false, arr);
  const Meeting m = meet(s);
  Route r;
  if (direct.cost != kUnreachable && direct.cost <= m.cost)
    r = direct_route(cn, from, to, direct, with_geometry);
  else if (m.cost != kUnreachable)
    r = meeting_route(
        cn, s, from, to, dep, arr, m, [&](uint32_t x) { return s.arc(true, x); },
        [&](uint32_t x) { return s.dist(true, x); }, with_geometry);
  s.clear(true);
  s.clear(false);
  return r;
}

std::vector<NearestResource> cch_nearest(const CchNetwork& cn, const RoutePoint& incident,
                                         std::span<const RoutePoint> resources, const NearestOptions& o,
                                         CchSearch& s) {
  const std::vector<uint8_t> enabled = enabled_resources(resources, o);
  std::vector<uint32_t> best(resources.size(), kUnreachable);
  std::vector<uint8_t> direct(resources.size(), 0);
  const Accesses arr = arrivals(cn.net, incident);
  walk_accesses(cn, s, false, arr);
  for (uint32_t r = 0; r < resources.size(); ++r) {
    if (!enabled[r]) continue;
    best[r] = direct_trip(cn.net, resources[r], incident).cost;
    direct[r] = best[r] != kUnreachable;
    walk_accesses(cn, s, true, departures(cn.net, resources[r]));
    const Meeting m = meet(s);
    if (m.cost < best[r]) best[r] = m.cost, direct[r] = 0;
  }
  std::vector<NearestResource> out;
  for (uint32_t r : pick(best, enabled, o)) {
    NearestResource nr{r, best[r], {}};
    if (direct[r]) {
      nr.route = direct_route(cn, resources[r], incident, direct_trip(cn.net, resources[r], incident), o.with_geometry);
    } else {
      const Accesses dep = departures(cn.net, resources[r]);
      walk_accesses(cn, s, true, dep);
      nr.route = meeting_route(
          cn, s, resources[r], incident, dep, arr, meet(s), [&](uint32_t x) { return s.arc(true, x); },
          [&](uint32_t x) { return s.dist(true, x); }, o.with_geometry);
    }
    out.push_back(std::move(nr));
  }
  s.clear(true);
  s.clear(false);
  return out;
}

namespace {

CchBuckets prepare(const CchNetwork& cn, std::span<const RoutePoint> points, bool sources, CchSearch& s) {
  const uint32_t n = cn.index.node_count();
  CchBuckets b;
  b.sources = sources;
  b.points.assign(points.begin(), points.end());
  b.first_entry.push_back(0);
  for (const RoutePoint& p : points) {
    if (p.valid()) {
      walk_accesses(cn, s, sources, sources ? departures(cn.net, p) : arrivals(cn.net, p));
      for (uint32_t x : s.path(sources))
        if (s.dist(sources, x) != kUnreachable) {
          b.entry_rank.push_back(x);
          b.entry_dist.push_back(s.dist(sources, x));
          b.entry_arc.push_back(s.arc(sources, x));
        }
    }
    b.first_entry.push_back(static_cast<uint32_t>(b.entry_rank.size()));
  }
  s.clear(sources);
  b.first_bucket.assign(n + 1, 0);
  for (uint32_t x : b.entry_rank) ++b.first_bucket[x + 1];
  for (uint32_t x = 0; x < n; ++x) b.first_bucket[x + 1] += b.first_bucket[x];
  b.bucket_point.resize(b.entry_rank.size());
  b.bucket_dist.resize(b.entry_rank.size());
  std::vector<uint32_t> fill(b.first_bucket.begin(), b.first_bucket.end() - 1);
  for (uint32_t p = 0; p < points.size(); ++p)
    for (uint32_t i = b.first_entry[p]; i < b.first_entry[p + 1]; ++i) {
      const uint32_t at = fill[b.entry_rank[i]]++;
      b.bucket_point[at] = p;
      b.bucket_dist[at] = b.entry_dist[i];
    }
  return b;
}

// Times between `point` and every prepared point (from them to it for sources, from it to them
// for targets) and the rank each trip meets at (kInvalidId for a direct trip along one segment).
// Leaves the point's labels in `s` (downward side for sources, upward for targets).
void scan_buckets(const CchNetwork& cn, const CchBuckets& b, const RoutePoint& point, const Accesses& accesses,
                  std::span<uint32_t> best, std::span<uint32_t> meeting, CchSearch& s) {
  const std::span<const RoutePoint> points(b.points);
  std::fill(best.begin(), best.end(), kUnreachable);
  std::fill(meeting.begin(), meeting.end(), kInvalidId);
  for (uint32_t p = 0; p < points.size(); ++p)
    if (points[p].valid() && points[p].segment == point.segment)
      best[p] = (b.sources ? direct_trip(cn.net, points[p], point) : direct_trip(cn.net, point, points[p])).cost;
  const bool up = !b.sources;
  walk_accesses(cn, s, up, accesses);
  const uint32_t* first = b.first_bucket.data();
  const uint32_t* bucket_dist = b.bucket_dist.data();
  const uint32_t* bucket_point = b.bucket_point.data();
  for (uint32_t x : s.path(up)) {
    const uint32_t d = s.dist(up, x);
    if (d == kUnreachable) continue;
    for (uint32_t i = first[x], end = first[x + 1]; i < end; ++i) {
      const uint64_t c = uint64_t{bucket_dist[i]} + d;
      const uint32_t p = bucket_point[i];
      if (c < best[p]) best[p] = static_cast<uint32_t>(c), meeting[p] = x;
    }
  }
}

void check_slots(const CchBuckets& b, std::span<uint32_t> times, bool sources) {
  if (b.sources != sources) throw Error(sources ? "cch: the prepared points are targets, not sources"
                                                : "cch: the prepared points are sources, not targets");
  if (times.size() != b.points.size())
    throw Error("cch: " + std::to_string(times.size()) + " time slots for " + std::to_string(b.points.size()) +
                " prepared points");
}

}  // namespace

CchBuckets cch_prepare_sources(const CchNetwork& cn, std::span<const RoutePoint> points, CchSearch& s) {
  return prepare(cn, points, true, s);
}
CchBuckets cch_prepare_targets(const CchNetwork& cn, std::span<const RoutePoint> points, CchSearch& s) {
  return prepare(cn, points, false, s);
}

void cch_times_to(const CchNetwork& cn, const CchBuckets& sources, const RoutePoint& target, std::span<uint32_t> times,
                  CchSearch& s) {
  check_slots(sources, times, true);
  std::vector<uint32_t> meeting(times.size());
  scan_buckets(cn, sources, target, arrivals(cn.net, target), times, meeting, s);
  s.clear(false);
}

void cch_times_from(const CchNetwork& cn, const RoutePoint& source, const CchBuckets& targets,
                    std::span<uint32_t> times, CchSearch& s) {
  check_slots(targets, times, false);
  std::vector<uint32_t> meeting(times.size());
  scan_buckets(cn, targets, source, departures(cn.net, source), times, meeting, s);
  s.clear(true);
}

TimeMatrix cch_matrix(const CchNetwork& cn, std::span<const RoutePoint> sources, std::span<const RoutePoint> targets,
                      CchSearch& s) {
  TimeMatrix m;
  m.rows = sources.size();
  m.cols = targets.size();
  m.time_ms.assign(m.rows * m.cols, kUnreachable);
  if (sources.empty() || targets.empty()) return m;
  if (targets.size() <= sources.size()) {
    const CchBuckets b = cch_prepare_sources(cn, sources, s);
    std::vector<uint32_t> column(sources.size());
    for (size_t c = 0; c < targets.size(); ++c) {
      cch_times_to(cn, b, targets[c], column, s);
      for (size_t r = 0; r < sources.size(); ++r) m.time_ms[r * m.cols + c] = column[r];
    }
  } else {
    const CchBuckets b = cch_prepare_targets(cn, targets, s);
    for (size_t r = 0; r < sources.size(); ++r)
      cch_times_from(cn, sources[r], b, std::span(m.time_ms).subspan(r * m.cols, m.cols), s);
  }
  return m;
}

std::vector<NearestResource> cch_nearest(const CchNetwork& cn, const CchBuckets& src, const RoutePoint& incident,
                                         const NearestOptions& o, CchSearch& s) {
  if (!src.sources) throw Error("cch: nearest needs the resources prepared as sources");
  const std::span<const RoutePoint> resources(src.points);
  const std::vector<uint8_t> enabled = enabled_resources(resources, o);
  std::vector<uint32_t> best(resources.size()), meeting(resources.size());
  const Accesses arr = arrivals(cn.net, incident);
  scan_buckets(cn, src, incident, arr, best, meeting, s);
  std::vector<NearestResource> out;
  for (uint32_t r : pick(best, enabled, o)) {
    NearestResource nr{r, best[r], {}};
    if (meeting[r] == kInvalidId) {
      nr.route = direct_route(cn, resources[r], incident, direct_trip(cn.net, resources[r], incident), o.with_geometry);
    } else {
      const auto begin = src.entry_rank.begin() + src.first_entry[r], end = src.entry_rank.begin() + src.first_entry[r + 1];
      auto entry = [&](uint32_t x) { return static_cast<size_t>(std::lower_bound(begin, end, x) - src.entry_rank.begin()); };
      nr.route = meeting_route(
          cn, s, resources[r], incident, departures(cn.net, resources[r]), arr, Meeting{best[r], meeting[r]},
          [&](uint32_t x) { return src.entry_arc[entry(x)]; }, [&](uint32_t x) { return src.entry_dist[entry(x)]; },
          o.with_geometry);
    }
    out.push_back(std::move(nr));
  }
  s.clear(false);
  return out;
}

}  // namespace erde
