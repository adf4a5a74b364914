// Single-source weighted shortest paths with path counts (Dijkstra): the
// building block of exact betweenness (Brandes 2001, 2008), closeness and
// harmonic closeness with weighted lengths (hop lengths run their own
// kernels: betweenness.cpp's HopBatch, multi_source_bfs.hpp). Private to
// engine/src/centrality.
//
// ShortestPaths is one worker's reusable scratch: O(n) arrays and a heap that
// keep their capacity, so a search allocates nothing once warm, and each
// search resets only the entries the previous one touched (its settled nodes).
//
// A search from s settles the nodes that s reaches in nondecreasing distance
// (order(): Brandes' stack S, order()[0] == s) and, if asked, counts sigma(v),
// the number of shortest s-v paths, and records the shortest-path DAG: the
// adjacency entries v -> w that lie on a shortest path from s, grouped by v
// (dag_entries(i) for v = order()[i]), so Brandes' backward pass reads only
// those instead of rescanning every row. Counts are doubles, as in igraph and
// NetworKit (exact integers overflow: a grid graph has binomially many
// shortest paths); networkx counts in floats as well.
//
// Semantics are networkx's (_single_source_dijkstra_path_basic in
// algorithms/centrality/betweenness.py):
//  - dijkstra(): a length per adjacency entry (entry_lengths()). A tentative
//    distance is distance(v) + length(v, w), summed along the path from the
//    source outwards like networkx's `vw_dist = dist + weight`, and compared
//    *exactly* with the best so far: smaller replaces the paths counted so
//    far, equal adds to them. So v -> w is on a shortest path iff v is
//    settled before w and distance(v) + length(v, w) == distance(w) in
//    floating point. (networkx also accepts an equal distance to an already
//    settled w; with positive lengths that needs a length below half an ulp
//    of the distance, and we leave such an edge out of the path DAG.)
//  - a self-loop is never on a shortest path.
// Searching along Adjacency::in gives distances *to* s (closeness of a
// directed graph); for an undirected graph in and out are the same rows.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "movemap/centrality/path_length.hpp"
#include "movemap/error.hpp"
#include "movemap/graph.hpp"
#include "movemap/progress.hpp"

namespace movemap::detail {

enum class Adjacency { out, in };

template <Adjacency A>
const Csr& adjacency(const Graph& g) {
  return A == Adjacency::out ? g.out_csr() : g.in_csr();
}

// Tie lengths laid out like the adjacency entries of `a` (aligned with
// Csr::neighbors, so searches read them sequentially): 1 / weight or weight;
// empty for PathLength::hops. Throws InputError unless every length is
// positive and finite.
inline std::vector<double> entry_lengths(const Graph& g, Adjacency a, PathLength p) {
  if (p == PathLength::hops) return {};
  const TieTable& t = g.ties();
  for (edge_id e = 0; e < t.size(); ++e) {
    const double len = p == PathLength::inverse ? 1.0 / t.weight[e] : t.weight[e];
    if (!(len > 0.0) || !std::isfinite(len)) {
      throw InputError("", 0,
                       "tie " + std::to_string(t.source[e]) + "-" + std::to_string(t.target[e]) +
                           " has weight " + std::to_string(t.weight[e]) + ", which gives path length " +
                           std::to_string(len) + " as path length '" + to_string(p) +
                           "'; shortest paths need positive, finite lengths");
    }
  }
  const Csr& c = a == Adjacency::out ? g.out_csr() : g.in_csr();
  std::vector<double> len(c.ties.size());
  for (std::size_t i = 0; i < len.size(); ++i) {
    const double w = t.weight[c.ties[i]];
    len[i] = p == PathLength::inverse ? 1.0 / w : w;
  }
  return len;
}

// Sources are processed in fixed blocks (the unit of progress reports), and
// blocks are grouped into reduction leaves of `grain` blocks. Both depend on
// the graph's size only, never on the thread count, so any partial sum over
// a leaf is the same whoever computes it. A block is about 2^22 adjacency
// visits (tens of milliseconds), and there are at least min(n, 64) blocks,
// so small graphs still spread over the workers; about 64 leaves bound the
// number of partial sums while balancing load. `multiple` rounds the block
// size up to a multiple of a kernel's batch of sources.
struct SourceBlocks {
  explicit SourceBlocks(const Graph& g, node_id multiple = 1) {
    const node_id n = g.num_nodes();
    const std::uint64_t visits = std::uint64_t{n} + g.out_csr().neighbors.size() + 1;
    const std::uint64_t by_work = std::max<std::uint64_t>(1, (std::uint64_t{1} << 22) / visits);
    const std::uint64_t by_spread = std::max<std::uint64_t>(1, (std::uint64_t{n} + 63) / 64);
    const std::uint64_t rounded = (std::min(by_work, by_spread) + multiple - 1) / multiple * multiple;
    size = static_cast<node_id>(std::min<std::uint64_t>(rounded, std::max<node_id>(n, 1)));
    count = n == 0 ? 0 : (std::uint64_t{n} + size - 1) / size;
    grain = std::max<std::size_t>(1, (count + 63) / 64);
    n_ = n;
  }
  node_id begin(std::size_t b) const { return static_cast<node_id>(b * size); }
  node_id end(std::size_t b) const {
    return static_cast<node_id>(std::min<std::uint64_t>(std::uint64_t{b + 1} * size, n_));
  }

  node_id size = 1;       // sources per block
  std::size_t count = 0;  // number of blocks
  std::size_t grain = 1;  // blocks per reduction leaf

 private:
  node_id n_ = 0;
};

// Counts finished blocks and reports the fraction done through the user's
// callback (serialised; throws Cancelled once the callback has said stop).
// The fractions reported never decrease. Costs nothing without a callback.
class BlockProgress {
 public:
  BlockProgress(const ProgressCallback& callback, std::size_t total) : reporter_(callback), total_(total) {}
  void block_done() {
    if (!reporter_.active()) return;
    std::lock_guard<std::mutex> lock(mu_);
    ++done_;
    reporter_.report(static_cast<double>(done_) / static_cast<double>(total_));
  }

 private:
  ProgressReporter reporter_;
  std::mutex mu_;
  std::size_t done_ = 0;
  std::size_t total_;
};

class ShortestPaths {
 public:
  static constexpr std::uint32_t kUnreached = std::numeric_limits<std::uint32_t>::max();
  static constexpr double kInfinity = std::numeric_limits<double>::infinity();

  explicit ShortestPaths(node_id n) : sigma_(n, 0.0), order_(n) {}

  // Dijkstra from s along A-adjacency; `length` is entry_lengths(g, A, ...).
  template <Adjacency A, bool kCountPaths, bool kRecordDag = false>
  void dijkstra(const Graph& g, node_id s, const double* length);

  // The reached nodes in the order they were settled (nondecreasing distance).
  std::span<const node_id> order() const { return {order_.data(), reached_}; }
  // After dijkstra(): distance (+inf if not reached) and position in order()
  // (kUnreached if not reached).
  double distance(node_id v) const { return dist_[v]; }
  std::uint32_t rank(node_id v) const { return rank_[v]; }
  // Number of shortest paths from the source (if counted; 0 if not reached).
  double sigma(node_id v) const { return sigma_[v]; }

  // After a search with kRecordDag: the entries (indices into the searched
  // Csr's neighbors / ties / lengths) v -> w on a shortest path from the
  // source, for v = order()[i], in row order.
  std::span<const edge_id> dag_entries(std::size_t i) const {
    return {dag_.data() + dag_begin_[i], dag_.data() + dag_begin_[i + 1]};
  }

  // Whether the adjacency entry v -> w (v reached) lies on a shortest path
  // from the source, after dijkstra() with the entry's length. For walking
  // paths without a recorded DAG (e.g. back from a target along
  // in-adjacency).
  bool on_shortest_path(node_id v, node_id w, double length) const {
    return rank_[v] < rank_[w] && rank_[w] != kUnreached && dist_[v] + length == dist_[w];
  }

 private:
  void reset() {
    const bool weighted = !dist_.empty();
    for (std::size_t i = 0; i < reached_; ++i) {
      const node_id v = order_[i];
      sigma_[v] = 0.0;
      if (weighted) {
        dist_[v] = kInfinity;
        rank_[v] = kUnreached;
      }
    }
    reached_ = 0;
  }

  // Dijkstra's queue: a 4-ary min-heap of node ids keyed by (dist_, id) with
  // positions (heap_pos_) for decrease-key, so it never holds more than one
  // entry per node.
  bool before(double da, node_id a, double db, node_id b) const { return da < db || (da == db && a < b); }
  void heap_sift_up(std::size_t i, node_id v) {
    const double dv = dist_[v];
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      const node_id u = heap_[parent];
      if (!before(dv, v, dist_[u], u)) break;
      heap_[i] = u;
      heap_pos_[u] = static_cast<std::uint32_t>(i);
      i = parent;
    }
    heap_[i] = v;
    heap_pos_[v] = static_cast<std::uint32_t>(i);
  }
  void heap_push_or_decrease(node_id v) {
    std::size_t i = heap_pos_[v];
    if (i == kUnreached) {
      i = heap_.size();
      heap_.push_back(v);
    }
    heap_sift_up(i, v);
  }
  node_id heap_pop() {
    const node_id top = heap_[0];
    heap_pos_[top] = kUnreached;
    const node_id v = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return top;
    const double dv = dist_[v];
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = 4 * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      double best_d = dist_[heap_[first]];
      for (std::size_t c = first + 1; c < std::min(first + 4, n); ++c) {
        const double dc = dist_[heap_[c]];
        if (before(dc, heap_[c], best_d, heap_[best])) {
          best = c;
          best_d = dc;
        }
      }
      if (!before(best_d, heap_[best], dv, v)) break;
      heap_[i] = heap_[best];
      heap_pos_[heap_[i]] = static_cast<std::uint32_t>(i);
      i = best;
    }
    heap_[i] = v;
    heap_pos_[v] = static_cast<std::uint32_t>(i);
    return top;
  }

  std::vector<double> sigma_;
  std::vector<node_id> order_;  // the settle order
  std::size_t reached_ = 0;
  std::vector<double> dist_;              // allocated by the first dijkstra()
  std::vector<std::uint32_t> rank_;       // allocated by the first dijkstra()
  std::vector<std::uint32_t> heap_pos_;   // allocated by the first dijkstra()
  std::vector<node_id> heap_;
  std::vector<edge_id> dag_;           // DAG entries, grouped by tail (kRecordDag)
  std::vector<edge_id> dag_begin_;     // dag_entries(i) = dag_[dag_begin_[i] .. dag_begin_[i + 1])

  void prepare_dag(const Csr& c) {
    if (dag_.size() < c.neighbors.size()) dag_.resize(c.neighbors.size());
    if (dag_begin_.empty()) dag_begin_.resize(sigma_.size() + 1);
  }
};

template <Adjacency A, bool kCountPaths, bool kRecordDag>
void ShortestPaths::dijkstra(const Graph& g, node_id s, const double* length) {
  static_assert(kCountPaths || !kRecordDag, "the DAG is recorded with the path counts");
  reset();
  if (dist_.empty()) {
    dist_.assign(sigma_.size(), kInfinity);
    rank_.assign(sigma_.size(), kUnreached);
    heap_pos_.assign(sigma_.size(), kUnreached);
    heap_.reserve(sigma_.size());
  }
  const Csr& c = adjacency<A>(g);
  if constexpr (kRecordDag) prepare_dag(c);
  const edge_id* offsets = c.offsets.data();
  const node_id* neighbors = c.neighbors.data();
  edge_id* dag = dag_.data();
  edge_id k = 0;
  double* dist = dist_.data();
  double* sigma = sigma_.data();
  std::uint32_t* rank = rank_.data();
  node_id* order = order_.data();
  std::size_t settled = 0;
  dist[s] = 0.0;
  sigma[s] = 1.0;
  heap_push_or_decrease(s);
  while (!heap_.empty()) {
    const node_id v = heap_pop();
    rank[v] = static_cast<std::uint32_t>(settled);
    if constexpr (kRecordDag) dag_begin_[settled] = k;
    order[settled++] = v;
    const double dv = dist[v];
    const double sv = sigma[v];
    for (edge_id e = offsets[v], end = offsets[v + 1]; e < end; ++e) {
      const node_id w = neighbors[e];
      if (rank[w] != kUnreached) continue;  // settled (this includes a self-loop)
      const double vw = dv + length[e];
      if (vw < dist[w]) {
        dist[w] = vw;
        if constexpr (kCountPaths) sigma[w] = sv;
        heap_push_or_decrease(w);
      } else if (kCountPaths && vw == dist[w] && vw != kInfinity) {
        sigma[w] += sv;
      } else {
        continue;
      }
      if constexpr (kRecordDag) dag[k++] = e;  // a candidate until dist[w] improves
    }
  }
  reached_ = settled;
  if constexpr (kRecordDag) {
    // Keep the candidates that are still tight (w's distance never improved
    // after v relaxed it), in place.
    dag_begin_[settled] = k;
    edge_id kept = 0;
    for (std::size_t i = 0; i < settled; ++i) {
      const double dv = dist[order[i]];
      const edge_id first = dag_begin_[i], last = dag_begin_[i + 1];
      dag_begin_[i] = kept;
      for (edge_id j = first; j < last; ++j) {
        const edge_id e = dag[j];
        if (dv + length[e] == dist[neighbors[e]]) dag[kept++] = e;
      }
    }
    dag_begin_[settled] = kept;
  }
}

}  // namespace movemap::detail
