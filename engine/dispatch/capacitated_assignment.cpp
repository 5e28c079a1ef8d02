#include "dispatch/capacitated_assignment.hpp"

#include <algorithm>
#include <limits>
#include <queue>

#include "dispatch/team_selection.hpp"
#include "util/error.hpp"

// Successive shortest paths on the bipartite residual network, compacted to the smaller side.
// Call the smaller side "sinks" (the other side becomes "sources"; the problem is symmetric).
// A residual path S -> i0 -> j1 -> i1 -> j2 ... -> jn -> T places a unit of source i0 at j1 and
// moves a unit of source i1 from j1 to j2, and so on. With node potentials pi on sinks and T
// (sources keep potential 0 while they have supply left; their potentials cancel inside a path),
// Dijkstra runs over the sinks only:
//   start:  d(j)  = min over sources i with supply left of cost(i,j) - pi(j)
//   move:   j -> j' costs min over sources i with flow(i,j) > 0 of cost(i,j') - cost(i,j),
//           plus pi(j) - pi(j'); the minimum per (j, j') is cached per row j (up to 1,024 sinks)
//   finish: j -> T costs pi(j) - pi(T) when j has room left.
// After each search pi(v) += min(d(v), d(T)), which keeps every reduced cost non-negative.
// Costs are whole milliseconds in int64, so the optimum is exact.
namespace erde {
namespace {

using Cost = int64_t;
constexpr Cost kInf = std::numeric_limits<Cost>::max() / 4;
constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
constexpr size_t kMaxCachedSinks = 1024;  // k x k move cache up to 12 MB

struct Arc {
  uint32_t sink;
  Cost cost;
  int64_t flow;
};

struct Transport {
  // Sources as CSR over arcs, sinks ascending within a source.
  std::vector<uint32_t> first;  // per source, size sources + 1
  std::vector<Arc> arcs;
  std::vector<int64_t> left;    // per source: supply not yet placed
  std::vector<int64_t> room;    // per sink: capacity not yet used
  size_t sinks = 0;

  size_t sources() const { return left.size(); }
  Arc* find(uint32_t source, uint32_t sink) {
    for (uint32_t a = first[source]; a < first[source + 1]; ++a)
      if (arcs[a].sink == sink) return &arcs[a];
    return nullptr;
  }
};

class Solver {
 public:
  explicit Solver(Transport& t) : t_(t), k_(t.sinks), users_(k_), potential_(k_ + 1, 0), dist_(k_ + 1),
                                  from_sink_(k_ + 1), via_source_(k_ + 1), done_(k_ + 1) {
    // Per sink, sources by ascending cost: the cheapest source with supply left is found by
    // advancing a pointer, since supply left only ever decreases.
    by_cost_.resize(k_);
    for (uint32_t i = 0; i < t_.sources(); ++i)
      for (uint32_t a = t_.first[i]; a < t_.first[i + 1]; ++a) by_cost_[t_.arcs[a].sink].push_back({t_.arcs[a].cost, i});
    for (auto& list : by_cost_) std::sort(list.begin(), list.end());
    next_.assign(k_, 0);
    cached_ = k_ <= kMaxCachedSinks;
    move_cost_.assign(cached_ ? k_ * k_ : 0, kInf);
    move_source_.assign(cached_ ? k_ * k_ : 0, kNone);
    dirty_.assign(k_, 1);
  }

  void run() {
    while (search()) augment();
  }

 private:
  struct Ranked {
    Cost cost;
    uint32_t source;
    bool operator<(const Ranked& o) const { return cost != o.cost ? cost < o.cost : source < o.source; }
  };

  // Cheapest source with supply left that reaches sink j, or kNone.
  uint32_t cheapest_open(size_t j) {
    auto& list = by_cost_[j];
    while (next_[j] < list.size() && t_.left[list[next_[j]].source] == 0) ++next_[j];
    return next_[j] < list.size() ? list[next_[j]].source : kNone;
  }

  // Row j of the move costs (cached mode): best source currently at j to move to each other sink.
  size_t row(size_t j) {
    const size_t base = j * k_;
    if (!dirty_[j]) return base;
    std::fill_n(move_cost_.begin() + static_cast<ptrdiff_t>(base), k_, kInf);
    for (uint32_t i : users_[j]) {
      const Cost here = t_.find(i, static_cast<uint32_t>(j))->cost;
      for (uint32_t a = t_.first[i]; a < t_.first[i + 1]; ++a) {
        const Arc& arc = t_.arcs[a];
        const Cost c = arc.cost - here;
        if (arc.sink != j && c < move_cost_[base + arc.sink]) {
          move_cost_[base + arc.sink] = c;
          move_source_[base + arc.sink] = i;
        }
      }
    }
    dirty_[j] = 0;
    return base;
  }

  // Dijkstra over sinks and T (index k_). True when T is reachable.
  bool search() {
    const size_t target = k_;
    std::fill(dist_.begin(), dist_.end(), kInf);
    std::fill(done_.begin(), done_.end(), 0);
    using Entry = std::pair<Cost, uint32_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    for (size_t j = 0; j < k_; ++j) {
      const uint32_t i = cheapest_open(j);
      if (i == kNone) continue;
      dist_[j] = by_cost_[j][next_[j]].cost - potential_[j];
      from_sink_[j] = kNone;
      via_source_[j] = i;
      queue.push({dist_[j], static_cast<uint32_t>(j)});
    }
    while (!queue.empty()) {
      const Cost d = queue.top().first;  // plain names: lambdas below capture them (clang 14)
      const uint32_t u = queue.top().second;
      queue.pop();
      if (done_[u] || d != dist_[u]) continue;
      done_[u] = 1;
      if (u == target) break;
      if (t_.room[u] > 0) {
        const Cost to_t = d + potential_[u] - potential_[target];
        if (to_t < dist_[target]) {
          dist_[target] = to_t;
          from_sink_[target] = u;
          queue.push({to_t, static_cast<uint32_t>(target)});
        }
      }
      if (users_[u].empty()) continue;
      auto relax = [&](size_t v, Cost move, uint32_t source) {
        if (done_[v]) return;
        const Cost nd = d + move + potential_[u] - potential_[v];
        if (nd < dist_[v]) {
          dist_[v] = nd;
          from_sink_[v] = u;
          via_source_[v] = source;
          queue.push({nd, static_cast<uint32_t>(v)});
        }
      };
      if (cached_) {
        const size_t base = row(u);
        for (size_t v = 0; v < k_; ++v)
          if (move_cost_[base + v] < kInf) relax(v, move_cost_[base + v], move_source_[base + v]);
      } else {
        // Many sinks: straight from the arcs of the sources at u, no k-wide row.
        for (uint32_t i : users_[u]) {
          const Cost here = t_.find(i, u)->cost;
          for (uint32_t a = t_.first[i]; a < t_.first[i + 1]; ++a)
            if (t_.arcs[a].sink != u) relax(t_.arcs[a].sink, t_.arcs[a].cost - here, i);
        }
      }
    }
    if (!done_[target]) return false;
    const Cost reach = dist_[target];
    for (size_t v = 0; v <= k_; ++v) potential_[v] += std::min(dist_[v], reach);
    return true;
  }

  void set_flow(Arc& arc, uint32_t source, int64_t flow) {
    if ((arc.flow > 0) != (flow > 0)) {
      auto& at = users_[arc.sink];
      if (flow > 0) {
        at.push_back(source);
      } else {
        auto it = std::find(at.begin(), at.end(), source);
        *it = at.back();
        at.pop_back();
      }
      dirty_[arc.sink] = 1;
    }
    arc.flow = flow;
  }

  void augment() {
    const uint32_t last = from_sink_[k_];
    int64_t amount = t_.room[last];
    for (uint32_t v = last; v != kNone; v = from_sink_[v]) {
      const uint32_t i = via_source_[v];
      amount = std::min(amount, from_sink_[v] == kNone ? t_.left[i] : t_.find(i, from_sink_[v])->flow);
    }
    if (amount <= 0) throw Error("capacitated assignment: internal error, empty augmenting path");
    t_.room[last] -= amount;
    for (uint32_t v = last; v != kNone; v = from_sink_[v]) {
      const uint32_t i = via_source_[v];
      Arc* in = t_.find(i, v);
      set_flow(*in, i, in->flow + amount);
      if (from_sink_[v] == kNone) {
        t_.left[i] -= amount;
      } else {
        Arc* out = t_.find(i, from_sink_[v]);
        set_flow(*out, i, out->flow - amount);
      }
    }
  }

  Transport& t_;
  size_t k_;
  std::vector<std::vector<Ranked>> by_cost_;
  std::vector<size_t> next_;
  std::vector<std::vector<uint32_t>> users_;  // per sink: sources with flow there
  bool cached_ = true;
  std::vector<Cost> move_cost_;
  std::vector<uint32_t> move_source_;
  std::vector<uint8_t> dirty_;
  std::vector<Cost> potential_;
  std::vector<Cost> dist_;
  std::vector<uint32_t> from_sink_, via_source_;
  std::vector<uint8_t> done_;
};

}  // namespace

CapacitatedResult solve_capacitated_assignment(const CapacitatedProblem& p) {
  const size_t ns = p.supply.size(), nk = p.capacity.size();
  if (p.cost.rows != ns || p.cost.cols != nk || p.cost.seconds.size() != ns * nk)
    throw Error("capacitated assignment: cost matrix is not sources x sinks");
  if (ns >= kNone || nk >= kNone) throw Error("capacitated assignment: too many sources or sinks");
  for (int64_t s : p.supply)
    if (s < 0) throw Error("capacitated assignment: negative supply");
  for (int64_t c : p.capacity)
    if (c < 0) throw Error("capacitated assignment: negative capacity");
  for (double c : p.cost.seconds)
    if (c < 0.0 || std::isnan(c)) throw Error("capacitated assignment: negative or NaN cost");

  // Compact onto the smaller side: when there are fewer sources than sinks, solve the transpose.
  const bool transpose = ns < nk;
  const size_t rows = transpose ? nk : ns, cols = transpose ? ns : nk;
  const std::vector<int64_t>& row_supply = transpose ? p.capacity : p.supply;
  const std::vector<int64_t>& col_capacity = transpose ? p.supply : p.capacity;
  auto cost_at = [&](size_t r, size_t c) { return transpose ? p.cost.at(c, r) : p.cost.at(r, c); };

  Transport t;
  t.sinks = cols;
  t.left = row_supply;
  t.room = col_capacity;
  t.first.reserve(rows + 1);
  t.first.push_back(0);
  for (size_t r = 0; r < rows; ++r) {
    if (row_supply[r] > 0)
      for (size_t c = 0; c < cols; ++c)
        if (col_capacity[c] > 0 && reachable(cost_at(r, c)))
          t.arcs.push_back({static_cast<uint32_t>(c), to_millis(cost_at(r, c)), 0});
    t.first.push_back(static_cast<uint32_t>(t.arcs.size()));
  }
  Solver(t).run();

  CapacitatedResult out;
  out.unplaced = p.supply;
  for (size_t r = 0; r < rows; ++r)
    for (uint32_t a = t.first[r]; a < t.first[r + 1]; ++a) {
      const Arc& arc = t.arcs[a];
      if (arc.flow <= 0) continue;
      const size_t source = transpose ? arc.sink : r, sink = transpose ? r : arc.sink;
      out.flows.push_back({source, sink, arc.flow, p.cost.at(source, sink)});
    }
  if (transpose)
    std::sort(out.flows.begin(), out.flows.end(), [](const CapacitatedFlow& a, const CapacitatedFlow& b) {
      return a.source != b.source ? a.source < b.source : a.sink < b.sink;
    });
  for (const CapacitatedFlow& f : out.flows) {
    out.unplaced[f.source] -= f.amount;
    out.placed += f.amount;
    out.total_cost += static_cast<double>(f.amount) * f.cost;
  }
  return out;
}

}  // namespace erde
