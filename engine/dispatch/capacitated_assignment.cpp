#include "dispatch/capacitated_assignment.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>

#include "dispatch/team_selection.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

// Weights are whole milliseconds held in doubles: sums stay exact (below 2^53), and Boost's
// potential update (distance_prev + distance) on vertices the residual network no longer reaches
// adds two "infinite" distances, which must not be a signed-integer overflow.
using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using FlowGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, int64_t,
        boost::property<boost::edge_residual_capacity_t, int64_t,
            boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                boost::property<boost::edge_weight_t, double>>>>>;
using Edge = boost::graph_traits<FlowGraph>::edge_descriptor;

struct Builder {
  FlowGraph& g;
  Edge add(size_t from, size_t to, int64_t capacity, double weight) {
    Edge e = boost::add_edge(from, to, g).first;
    Edge r = boost::add_edge(to, from, g).first;
    boost::put(boost::edge_capacity, g, e, capacity);
    boost::put(boost::edge_capacity, g, r, 0);
    boost::put(boost::edge_weight, g, e, weight);
    boost::put(boost::edge_weight, g, r, -weight);
    boost::put(boost::edge_reverse, g, e, r);
    boost::put(boost::edge_reverse, g, r, e);
    return e;
  }
};

}  // namespace

CapacitatedResult solve_capacitated_assignment(const CapacitatedProblem& p) {
  const size_t ns = p.supply.size(), nk = p.capacity.size();
  if (p.cost.rows != ns || p.cost.cols != nk || p.cost.seconds.size() != ns * nk)
    throw Error("capacitated assignment: cost matrix is not sources x sinks");
  for (int64_t s : p.supply)
    if (s < 0) throw Error("capacitated assignment: negative supply");
  for (int64_t c : p.capacity)
    if (c < 0) throw Error("capacitated assignment: negative capacity");
  for (double c : p.cost.seconds)
    if (c < 0.0 || std::isnan(c)) throw Error("capacitated assignment: negative or NaN cost");

  CapacitatedResult out;
  out.unplaced = p.supply;
  // Vertices: 0 = super source, 1 = super sink, 2.. sources, then sinks.
  FlowGraph g(2 + ns + nk);
  Builder b{g};
  struct Arc { size_t source, sink; Edge edge; };
  std::vector<Arc> arcs;
  for (size_t i = 0; i < ns; ++i) {
    if (p.supply[i] > 0) b.add(0, 2 + i, p.supply[i], 0);
    for (size_t j = 0; j < nk; ++j)
      if (p.supply[i] > 0 && p.capacity[j] > 0 && reachable(p.cost.at(i, j)))
        arcs.push_back({i, j, b.add(2 + i, 2 + ns + j, p.supply[i],
                                                 static_cast<double>(to_millis(p.cost.at(i, j))))});
  }
  for (size_t j = 0; j < nk; ++j)
    if (p.capacity[j] > 0) b.add(2 + ns + j, 1, p.capacity[j], 0);
  if (arcs.empty()) return out;

  boost::successive_shortest_path_nonnegative_weights(g, boost::vertex(0, g), boost::vertex(1, g));

  auto cap = boost::get(boost::edge_capacity, g);
  auto res = boost::get(boost::edge_residual_capacity, g);
  for (const Arc& a : arcs) {
    int64_t amount = cap[a.edge] - res[a.edge];
    if (amount <= 0) continue;
    double unit = p.cost.at(a.source, a.sink);
    out.flows.push_back({a.source, a.sink, amount, unit});
    out.unplaced[a.source] -= amount;
    out.placed += amount;
    out.total_cost += static_cast<double>(amount) * unit;
  }
  return out;
}

}  // namespace erde
