#include "movemap/centrality/degree.hpp"

#include <tbb/parallel_for.h>

namespace movemap {

DegreeResult degree(const Graph& g) {
  const node_id n = g.num_nodes();
  const TieTable& t = g.ties();
  DegreeResult r;
  r.in_degree.resize(n);
  r.out_degree.resize(n);
  r.degree.resize(n);
  r.in_strength.resize(n);
  r.out_strength.resize(n);
  r.strength.resize(n);
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, 1024), [&](const auto& range) {
    for (node_id u = range.begin(); u < range.end(); ++u) {
      double out_w = 0, in_w = 0;
      std::uint64_t loops = 0;
      double loop_w = 0;
      const auto out_ties = g.out_ties(u);
      const auto out_nb = g.out_neighbors(u);
      for (std::size_t i = 0; i < out_ties.size(); ++i) {
        out_w += t.weight[out_ties[i]];
        if (out_nb[i] == u) {
          ++loops;
          loop_w += t.weight[out_ties[i]];
        }
      }
      if (g.directed()) {
        for (const edge_id e : g.in_ties(u)) in_w += t.weight[e];
        r.out_degree[u] = out_ties.size();
        r.in_degree[u] = g.in_entries(u);
        r.degree[u] = r.out_degree[u] + r.in_degree[u];
        r.out_strength[u] = out_w;
        r.in_strength[u] = in_w;
        r.strength[u] = out_w + in_w;
      } else {
        // A self-loop is one adjacency entry but counts twice (networkx).
        const std::uint64_t d = out_ties.size() + loops;
        const double s = out_w + loop_w;
        r.in_degree[u] = r.out_degree[u] = r.degree[u] = d;
        r.in_strength[u] = r.out_strength[u] = r.strength[u] = s;
      }
    }
  });
  return r;
}

std::vector<double> normalized_degree(const std::vector<std::uint64_t>& degree, node_id n) {
  std::vector<double> out(degree.size(), 0.0);
  if (n <= 1) return out;
  const double s = 1.0 / static_cast<double>(n - 1);
  for (std::size_t i = 0; i < degree.size(); ++i) out[i] = static_cast<double>(degree[i]) * s;
  return out;
}

}  // namespace movemap
