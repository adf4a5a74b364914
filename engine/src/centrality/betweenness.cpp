#include "movemap/centrality/betweenness.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_reduce.h>
#include <tbb/partitioner.h>

#include "shortest_paths.hpp"

namespace movemap {
namespace {

using detail::Adjacency;

// One worker's scratch, reused for every source it runs.
struct Worker {
  explicit Worker(node_id n) : paths(n), coef(n) {}
  detail::ShortestPaths paths;
  std::vector<double> coef;  // (1 + delta(w)) / sigma(w), once w's dependency is complete
};

// What every reduction body shares.
struct Run {
  const Graph& g;
  const double* length;  // per out-adjacency entry; null for hops
  const detail::SourceBlocks& blocks;
  detail::BlockProgress& progress;
  tbb::enumerable_thread_specific<Worker>& workers;
};

// Brandes' accumulation for the source of the last search, pulled from the
// recorded shortest-path DAG: delta(v) = sum over successors w of
// sigma(v) / sigma(w) * (1 + delta(w)), visiting the settled nodes in reverse
// order so each successor is complete. The term of v -> w is the tie's share
// (Brandes 2008). Each term is formed as networkx forms it:
// sigma(v) * ((1 + delta(w)) / sigma(w)).
template <bool kTies>
void accumulate(const Csr& out, Worker& wk, double* node, double* tie) {
  const detail::ShortestPaths& sp = wk.paths;
  const auto order = sp.order();
  double* coef = wk.coef.data();
  const node_id* neighbors = out.neighbors.data();
  const edge_id* tie_of = out.ties.data();
  const std::size_t stop = kTies ? 0 : 1;  // the source's own dependency only feeds its ties
  for (std::size_t i = order.size(); i-- > stop;) {
    const node_id v = order[i];
    const double sv = sp.sigma(v);
    double delta = 0.0;
    for (const edge_id e : sp.dag_entries(i)) {
      const double c = sv * coef[neighbors[e]];
      delta += c;
      if constexpr (kTies) tie[tie_of[e]] += c;
    }
    if (i > 0) node[v] += delta;
    coef[v] = (1.0 + delta) / sv;
  }
}

// A body of tbb::parallel_deterministic_reduce: runs one leaf (a range of
// source blocks, sources in increasing order) into its own partial sums; the
// partials are joined left + right along a tree fixed by the blocks alone.
template <bool kWeighted, bool kTies>
class BrandesBody {
 public:
  explicit BrandesBody(const Run& run) : run_(run) {}
  BrandesBody(BrandesBody& other, tbb::split) : run_(other.run_) {}

  void operator()(const tbb::blocked_range<std::size_t>& blocks) {
    const Graph& g = run_.g;
    if (node.empty()) {
      node.assign(g.num_nodes(), 0.0);
      if (kTies) tie.assign(g.num_ties(), 0.0);
    }
    Worker& wk = run_.workers.local();
    for (std::size_t b = blocks.begin(); b != blocks.end(); ++b) {
      for (node_id s = run_.blocks.begin(b); s < run_.blocks.end(b); ++s) {
        if constexpr (kWeighted) {
          wk.paths.dijkstra<Adjacency::out, true, true>(g, s, run_.length);
        } else {
          wk.paths.bfs<Adjacency::out, true, true>(g, s);
        }
        accumulate<kTies>(g.out_csr(), wk, node.data(), tie.data());
      }
      run_.progress.block_done();
    }
  }

  void join(BrandesBody& rhs) {
    if (rhs.node.empty()) return;
    if (node.empty()) {
      node.swap(rhs.node);
      tie.swap(rhs.tie);
      return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) node[i] += rhs.node[i];
    for (std::size_t i = 0; i < tie.size(); ++i) tie[i] += rhs.tie[i];
  }

  std::vector<double> node, tie;

 private:
  const Run& run_;
};

template <bool kWeighted, bool kTies>
void brandes(const Run& run, BetweennessResult& r) {
  BrandesBody<kWeighted, kTies> body(run);
  tbb::parallel_deterministic_reduce(tbb::blocked_range<std::size_t>(0, run.blocks.count, run.blocks.grain),
                                     body, tbb::simple_partitioner());
  r.node = std::move(body.node);
  r.tie = std::move(body.tie);
}

void scale(std::vector<double>& v, double factor) {
  if (factor == 1.0) return;
  for (double& x : v) x *= factor;
}

}  // namespace

BetweennessResult betweenness(const Graph& g, const BetweennessOptions& options) {
  const node_id n = g.num_nodes();
  const std::vector<double> length = detail::entry_lengths(g, Adjacency::out, options.length);
  const bool weighted = options.length != PathLength::hops;
  const detail::SourceBlocks blocks(g);
  detail::BlockProgress progress(options.progress, blocks.count);
  tbb::enumerable_thread_specific<Worker> workers([n] { return Worker(n); });
  const Run run{g, weighted ? length.data() : nullptr, blocks, progress, workers};

  BetweennessResult r;
  if (n > 0) {
    if (weighted && options.ties) {
      brandes<true, true>(run, r);
    } else if (weighted) {
      brandes<true, false>(run, r);
    } else if (options.ties) {
      brandes<false, true>(run, r);
    } else {
      brandes<false, false>(run, r);
    }
  }
  r.node.resize(n, 0.0);
  if (options.ties) r.tie.resize(g.num_ties(), 0.0);

  // networkx's _rescale: the sums above run over ordered pairs (s, t).
  if (n > 2) {
    const double pairs = static_cast<double>((std::uint64_t{n} - 1) * (std::uint64_t{n} - 2));
    scale(r.node, options.normalized ? 1.0 / pairs : (g.directed() ? 1.0 : 0.5));
  }
  if (n > 1 && options.ties) {
    const double pairs = static_cast<double>(std::uint64_t{n} * (std::uint64_t{n} - 1));
    scale(r.tie, options.normalized ? 1.0 / pairs : (g.directed() ? 1.0 : 0.5));
  }
  return r;
}

}  // namespace movemap
