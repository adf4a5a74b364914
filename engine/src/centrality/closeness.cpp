#include "movemap/centrality/closeness.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "shortest_paths.hpp"

namespace movemap {
namespace {

using detail::Adjacency;
using detail::ShortestPaths;

// One search per node u along in-ties (distances *to* u), then score(paths)
// from that search alone; parallel over fixed blocks of nodes.
template <bool kWeighted, class Score>
std::vector<double> per_node(const Graph& g, const ClosenessOptions& options, const std::vector<double>& length,
                             Score score) {
  const node_id n = g.num_nodes();
  std::vector<double> out(n, 0.0);
  if (n == 0) return out;
  const detail::SourceBlocks blocks(g);
  detail::BlockProgress progress(options.progress, blocks.count);
  tbb::enumerable_thread_specific<ShortestPaths> scratch([n] { return ShortestPaths(n); });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks.count, 1), [&](const auto& range) {
    ShortestPaths& sp = scratch.local();
    for (std::size_t b = range.begin(); b != range.end(); ++b) {
      for (node_id u = blocks.begin(b); u < blocks.end(b); ++u) {
        if constexpr (kWeighted) {
          sp.dijkstra<Adjacency::in, false>(g, u, length.data());
        } else {
          sp.bfs<Adjacency::in, false>(g, u);
        }
        out[u] = score(sp);
      }
      progress.block_done();
    }
  });
  return out;
}

// networkx's closeness_centrality: (r - 1) / S for the r nodes that reach u
// (u included) at total distance S, times (r - 1) / (n - 1) if wf_improved.
// Hop totals are summed exactly as integers (networkx sums Python ints).
template <bool kWeighted>
std::vector<double> closeness_of(const Graph& g, const ClosenessOptions& options, const std::vector<double>& length) {
  const node_id n = g.num_nodes();
  return per_node<kWeighted>(g, options, length, [&](const ShortestPaths& sp) {
    const auto order = sp.order();
    double total;
    if constexpr (kWeighted) {
      total = 0.0;
      for (const node_id v : order) total += sp.distance(v);
    } else {
      std::uint64_t hops = 0;
      for (const node_id v : order) hops += sp.hops(v);
      total = static_cast<double>(hops);
    }
    if (!(total > 0.0) || n <= 1) return 0.0;
    const double others = static_cast<double>(order.size()) - 1.0;
    double c = others / total;
    if (options.wf_improved) c *= others / static_cast<double>(n - 1);
    return c;
  });
}

// networkx's harmonic_centrality: sum of 1 / d(v, u) over v != u reaching u.
template <bool kWeighted>
std::vector<double> harmonic_of(const Graph& g, const ClosenessOptions& options, const std::vector<double>& length) {
  return per_node<kWeighted>(g, options, length, [](const ShortestPaths& sp) {
    const auto order = sp.order();
    double h = 0.0;
    for (std::size_t i = 1; i < order.size(); ++i) {
      if constexpr (kWeighted) {
        h += 1.0 / sp.distance(order[i]);
      } else {
        h += 1.0 / static_cast<double>(sp.hops(order[i]));
      }
    }
    return h;
  });
}

}  // namespace

std::vector<double> closeness(const Graph& g, const ClosenessOptions& options) {
  const std::vector<double> length = detail::entry_lengths(g, Adjacency::in, options.length);
  return options.length == PathLength::hops ? closeness_of<false>(g, options, length)
                                            : closeness_of<true>(g, options, length);
}

std::vector<double> harmonic_closeness(const Graph& g, const ClosenessOptions& options) {
  const std::vector<double> length = detail::entry_lengths(g, Adjacency::in, options.length);
  return options.length == PathLength::hops ? harmonic_of<false>(g, options, length)
                                            : harmonic_of<true>(g, options, length);
}

}  // namespace movemap
