#include "movemap/centrality/betweenness.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_reduce.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <vector>

#include "cpu_features.hpp"
#include "shortest_paths.hpp"

namespace movemap {
namespace {

using detail::Adjacency;

// Brandes with hop lengths for a batch of up to 8 sources at once, one
// source per lane of an 8-double vector per node (bit j of a byte mask for
// lane j). Nearby sources reach most nodes at one or two distinct levels, so
// a level-synchronous search visits a node's row once per distinct level
// instead of once per source: on the benchmark graphs (bench/compare) 1.7
// to 2.5 row visits per batch of 8 instead of 8 (the "more the merrier"
// idea of Then et al. 2014,
// multi_source_bfs.hpp, with path counts), and each visit is a few vector
// instructions. No predecessor lists or DAG: per level the nodes and lane
// masks are listed, and
//  - forward, level d: each listed v adds sigma(v) (its lanes at level d)
//    into the lanes of each neighbour w that have not reached w yet (w is
//    at level d + 1 there); those lanes of w join level d + 1;
//  - backward, level d down to 0: coef(w) = (1 + delta(w)) / sigma(w) is
//    zero in every lane until w's level in that lane is done, and written
//    for a whole level at once after it. An out-neighbour w of v (v at level
//    d in lane j) is at level <= d + 1 in lane j, so the plain sum of coef
//    over v's row is, in lane j, the sum over v's successors:
//    delta(v) = sigma(v) * sum. A tie's share is sigma(v) * coef(w).
// Every lane sees the same IEEE operations in the same order whatever the
// vector width the compiler picks (betweenness.cpp is compiled without
// floating-point contraction), so the AVX-512 build of the kernel and the
// portable one give the same bits.
class HopBatch {
 public:
  static constexpr unsigned kLanes = 8;
  explicit HopBatch(node_id n)
      : sigma_(n), coef_(n), coef_level_(n), seen_(n, 0), next_(n, 0), queue_(std::size_t{n} + 1) {}

  // Sources first .. first + count - 1 (count <= kLanes).
  template <bool kTies>
  void run(const Csr& out, node_id first, unsigned count, double* node, double* tie);

 private:
  using V = double __attribute__((vector_size(64)));
  using M = std::int64_t __attribute__((vector_size(64)));
  struct alignas(64) Lanes {
    V v;
  };
  struct MaskTable {
    MaskTable() {
      for (unsigned x = 0; x < 256; ++x) {
        for (unsigned j = 0; j < kLanes; ++j) mask[x][j] = (x >> j & 1) ? -1 : 0;
      }
    }
    alignas(64) M mask[256];
  };
  static const MaskTable kMasks;

  std::vector<Lanes> sigma_, coef_, coef_level_;
  std::vector<std::uint8_t> seen_, next_;  // lanes that reached v before this level / at the next
  std::vector<node_id> queue_;             // the next level's nodes, as found
  std::vector<node_id> level_nodes_;       // (node, lanes) per level, level after level
  std::vector<std::uint8_t> level_lanes_;
  std::vector<std::size_t> level_begin_;
};

const HopBatch::MaskTable HopBatch::kMasks;

template <bool kTies>
[[gnu::always_inline]] inline void HopBatch::run(const Csr& out, node_id first, unsigned count, double* node,
                                                 double* tie) {
  const edge_id* offsets = out.offsets.data();
  const node_id* neighbors = out.neighbors.data();
  const edge_id* tie_of = out.ties.data();
  Lanes* sigma = sigma_.data();
  Lanes* coef = coef_.data();
  std::uint8_t* seen = seen_.data();
  std::uint8_t* next = next_.data();
  node_id* queue = queue_.data();
  const M* mask = kMasks.mask;

  for (const node_id v : level_nodes_) {  // clear what the previous batch touched
    sigma[v].v = V{};
    coef[v].v = V{};
    seen[v] = 0;
  }
  level_nodes_.clear();
  level_lanes_.clear();
  level_begin_.assign(1, 0);
  for (unsigned j = 0; j < count; ++j) {
    const node_id s = first + j;
    seen[s] = static_cast<std::uint8_t>(1u << j);
    sigma[s].v[j] = 1.0;
    level_nodes_.push_back(s);
    level_lanes_.push_back(seen[s]);
  }
  level_begin_.push_back(level_nodes_.size());

  for (std::size_t d = 0;; ++d) {
    std::size_t found = 0;
    for (std::size_t i = level_begin_[d]; i < level_begin_[d + 1]; ++i) {
      const node_id v = level_nodes_[i];
      const unsigned f = level_lanes_[i];
      const V sv = (V)((M)sigma[v].v & mask[f]);
      for (edge_id e = offsets[v], end = offsets[v + 1]; e < end; ++e) {
        const node_id w = neighbors[e];
        const unsigned fresh = f & ~unsigned{seen[w]};
        const unsigned was = next[w];
        queue[found] = w;  // branch-free: kept if w is new to the next level
        found += (was == 0) & (fresh != 0);
        next[w] = static_cast<std::uint8_t>(was | fresh);
        sigma[w].v += (V)((M)sv & mask[~unsigned{seen[w]} & 0xff]);
      }
    }
    if (found == 0) break;
    for (std::size_t i = 0; i < found; ++i) {
      const node_id w = queue[i];
      seen[w] |= next[w];
      level_nodes_.push_back(w);
      level_lanes_.push_back(next[w]);
      next[w] = 0;
    }
    level_begin_.push_back(level_nodes_.size());
  }

  Lanes* pending = coef_level_.data();
  for (std::size_t d = level_begin_.size() - 1; d-- > 0;) {
    const std::size_t begin = level_begin_[d], end_level = level_begin_[d + 1];
    for (std::size_t i = begin; i < end_level; ++i) {
      const node_id v = level_nodes_[i];
      const M in_level = mask[level_lanes_[i]];
      const V sv = sigma[v].v;
      // Two partial sums (a row's even and odd entries) shorten the add chain.
      V even{}, odd{};
      const auto add_share = [&](edge_id e, const V& cw) {
        if constexpr (kTies) {
          // cw == 0 gives 0 also when sigma overflowed (inf * 0 = NaN).
          const V share = (V)((M)(sv * cw) & in_level & (M)(cw != 0.0));
          double t = tie[tie_of[e]];
          for (unsigned j = 0; j < kLanes; ++j) t += share[j];
          tie[tie_of[e]] = t;
        }
      };
      edge_id e = offsets[v];
      const edge_id end = offsets[v + 1];
      for (; e + 1 < end; e += 2) {
        const V c0 = coef[neighbors[e]].v, c1 = coef[neighbors[e + 1]].v;
        even += c0;
        odd += c1;
        add_share(e, c0);
        add_share(e + 1, c1);
      }
      if (e < end) {
        const V c0 = coef[neighbors[e]].v;
        even += c0;
        add_share(e, c0);
      }
      // A lane whose successors give nothing has delta 0, also when sigma
      // overflowed to inf (more than ~1e308 shortest paths), where
      // inf * 0 would be NaN and spread to the ancestors. Same bits otherwise.
      const V sum = even + odd;
      const V delta = (V)((M)(sv * sum) & (M)(sum != 0.0));
      if (d > 0) {  // a source's own dependency only feeds its ties
        const V counted = (V)((M)delta & in_level);
        double x = node[v];
        for (unsigned j = 0; j < kLanes; ++j) x += counted[j];
        node[v] = x;
      }
      pending[i - begin].v = (V)((M)((1.0 + delta) / sv) & in_level);
    }
    for (std::size_t i = begin; i < end_level; ++i) coef[level_nodes_[i]].v += pending[i - begin].v;
  }
}

// The kernel compiled twice: portable (SSE2 on x86-64) and for AVX-512,
// chosen once per process by what the CPU supports. Same bits either way.
template <bool kTies>
void hop_batch_portable(HopBatch& h, const Csr& out, node_id first, unsigned count, double* node, double* tie) {
  h.run<kTies>(out, first, count, node, tie);
}
#if defined(__GNUC__) && defined(__x86_64__)
template <bool kTies>
[[gnu::target("avx512f,avx512bw,avx512dq,avx512vl")]] void hop_batch_avx512(HopBatch& h, const Csr& out,
                                                                           node_id first, unsigned count,
                                                                           double* node, double* tie) {
  h.run<kTies>(out, first, count, node, tie);
}
#endif
std::atomic<bool> portable_only{false};  // detail::use_portable_hop_kernel
template <bool kTies>
void hop_batch(HopBatch& h, const Csr& out, node_id first, unsigned count, double* node, double* tie) {
#if defined(__GNUC__) && defined(__x86_64__)
  if (cpu::has_avx512() && !portable_only.load(std::memory_order_relaxed)) return hop_batch_avx512<kTies>(h, out, first, count, node, tie);
#endif
  hop_batch_portable<kTies>(h, out, first, count, node, tie);
}

// One worker's scratch, reused for every source it runs: the Dijkstra
// search and its coefficients, or the hop kernel (only one is sized).
struct Worker {
  Worker(node_id n, bool weighted) : paths(weighted ? n : 0), coef(weighted ? n : 0), hop(weighted ? 0 : n) {}
  detail::ShortestPaths paths;
  std::vector<double> coef;  // (1 + delta(w)) / sigma(w), once w's dependency is complete
  HopBatch hop;
};

// The out-adjacency with nodes numbered in breadth-first order (from the
// lowest unnumbered id, rows in order), each row's entries in their
// original order and with their tie ids. Consecutive sources are then close
// to each other, so a batch's searches share more levels, and a level's
// nodes sit closer in memory. old_of[new id] = original id.
Csr breadth_first_renumbering(const Csr& c, node_id n, std::vector<node_id>& old_of) {
  constexpr node_id kUnnumbered = std::numeric_limits<node_id>::max();
  std::vector<node_id> new_of(n, kUnnumbered);
  old_of.assign(n, 0);
  node_id numbered = 0;
  for (node_id root = 0; root < n; ++root) {
    if (new_of[root] != kUnnumbered) continue;
    std::size_t head = numbered;
    new_of[root] = numbered;
    old_of[numbered++] = root;
    while (head < numbered) {
      const node_id v = old_of[head++];
      for (edge_id e = c.offsets[v]; e < c.offsets[v + 1]; ++e) {
        const node_id w = c.neighbors[e];
        if (new_of[w] != kUnnumbered) continue;
        new_of[w] = numbered;
        old_of[numbered++] = w;
      }
    }
  }
  Csr r;
  r.offsets.assign(std::size_t{n} + 1, 0);
  r.neighbors.resize(c.neighbors.size());
  r.ties.resize(c.ties.size());
  for (node_id i = 0; i < n; ++i) {
    const node_id v = old_of[i];
    edge_id k = r.offsets[i];
    for (edge_id e = c.offsets[v]; e < c.offsets[v + 1]; ++e, ++k) {
      r.neighbors[k] = new_of[c.neighbors[e]];
      r.ties[k] = c.ties[e];
    }
    r.offsets[i + 1] = k;
  }
  return r;
}

// What every reduction body shares.
struct Run {
  const Graph& g;
  const double* length;  // per out-adjacency entry; null for hops
  const Csr& hop_out;    // hops: the out-adjacency renumbered (breadth_first_renumbering)
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
      const node_id first = run_.blocks.begin(b), last = run_.blocks.end(b);
      if constexpr (kWeighted) {
        for (node_id s = first; s < last; ++s) {
          wk.paths.dijkstra<Adjacency::out, true, true>(g, s, run_.length);
          accumulate<kTies>(g.out_csr(), wk, node.data(), tie.data());
        }
      } else {
        for (node_id s = first; s < last; s += HopBatch::kLanes) {
          const unsigned count = static_cast<unsigned>(std::min<node_id>(HopBatch::kLanes, last - s));
          hop_batch<kTies>(wk.hop, run_.hop_out, s, count, node.data(), tie.data());
        }
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

namespace detail {
void use_portable_hop_kernel(bool yes) { portable_only.store(yes); }
bool hop_kernel_has_avx512() { return cpu::has_avx512(); }
}  // namespace detail

BetweennessResult betweenness(const Graph& g, const BetweennessOptions& options) {
  const node_id n = g.num_nodes();
  const std::vector<double> length = detail::entry_lengths(g, Adjacency::out, options.length);
  const bool weighted = options.length != PathLength::hops;
  const detail::SourceBlocks blocks(g, weighted ? 1 : HopBatch::kLanes);
  detail::BlockProgress progress(options.progress, blocks.count);
  tbb::enumerable_thread_specific<Worker> workers([n, weighted] { return Worker(n, weighted); });
  std::vector<node_id> old_of;
  const Csr hop_out = weighted ? Csr{} : breadth_first_renumbering(g.out_csr(), n, old_of);
  const Run run{g, weighted ? length.data() : nullptr, hop_out, blocks, progress, workers};

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
    if (!weighted) {  // back to the original ids
      std::vector<double> node(n);
      for (node_id i = 0; i < n; ++i) node[old_of[i]] = r.node[i];
      r.node.swap(node);
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
