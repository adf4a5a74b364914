#include "movemap/centrality/core_numbers.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>

namespace movemap {
namespace {

// Calls f(v) for every adjacency entry of u other than a self-loop: the
// neighbours of an undirected graph; successors then predecessors of a
// directed one (a reciprocated pair is seen twice, as networkx's in + out).
template <class F>
void for_each_neighbor(const Graph& g, node_id u, F&& f) {
  for (const node_id v : g.out_neighbors(u))
    if (v != u) f(v);
  if (g.directed())
    for (const node_id v : g.in_neighbors(u))
      if (v != u) f(v);
}

}  // namespace

std::vector<std::uint32_t> core_numbers(const Graph& g) {
  const node_id n = g.num_nodes();
  std::vector<std::uint32_t> deg(n, 0);
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, 4096), [&](const auto& range) {
    for (node_id u = range.begin(); u < range.end(); ++u) {
      std::uint32_t d = 0;
      for_each_neighbor(g, u, [&](node_id) { ++d; });
      deg[u] = d;
    }
  });
  if (n == 0) return deg;

  // Batagelj & Zaversnik: nodes sorted by current degree in `order`, bucket
  // d starting at start[d]; pos[u] is u's place in `order`. Peel in order;
  // when a neighbour w of u has a larger degree, move w to the front of its
  // bucket and shrink that bucket by one.
  const std::uint32_t max_deg = *std::max_element(deg.begin(), deg.end());
  std::vector<node_id> start(static_cast<std::size_t>(max_deg) + 1, 0);
  for (node_id u = 0; u < n; ++u) ++start[deg[u]];
  node_id acc = 0;
  for (auto& s : start) {
    const node_id c = s;
    s = acc;
    acc += c;
  }
  std::vector<node_id> order(n), pos(n);
  {
    std::vector<node_id> next = start;
    for (node_id u = 0; u < n; ++u) {
      pos[u] = next[deg[u]]++;
      order[pos[u]] = u;
    }
  }
  for (node_id i = 0; i < n; ++i) {
    const node_id u = order[i];
    for_each_neighbor(g, u, [&](node_id w) {
      if (deg[w] <= deg[u]) return;
      const std::uint32_t dw = deg[w];
      const node_id first = start[dw];
      const node_id x = order[first];
      if (x != w) {
        std::swap(order[first], order[pos[w]]);
        pos[x] = pos[w];
        pos[w] = first;
      }
      ++start[dw];
      --deg[w];
    });
  }
  return deg;  // deg[u] is now u's core number
}

}  // namespace movemap
