#include "movemap/centrality/spectral.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <type_traits>

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#endif

#include "cpu_features.hpp"

namespace movemap {
namespace {

// Nodes per block. Blocks are fixed by n alone, so the per-block partial
// sums, added in block order, do not depend on the thread count.
constexpr std::size_t kBlock = 1024;

// Runs block(begin, end) -> std::array<double, K> over the fixed node blocks
// and returns the element-wise sum of the block results, added in block
// order. In parallel when `parallel`, else one block after the other on this
// thread: the same blocks and the same sums, so the same bits either way.
template <std::size_t K, class Block>
std::array<double, K> blocked_reduce(node_id n, bool parallel, const Block& block) {
  const std::size_t blocks = (static_cast<std::size_t>(n) + kBlock - 1) / kBlock;
  std::vector<std::array<double, K>> partial(blocks);
  auto run = [&](std::size_t b) {
    const auto begin = static_cast<node_id>(b * kBlock);
    const auto end = static_cast<node_id>(std::min<std::size_t>(n, (b + 1) * kBlock));
    partial[b] = block(begin, end);
  };
  if (parallel && blocks > 1) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1), [&](const auto& range) {
      for (std::size_t b = range.begin(); b < range.end(); ++b) run(b);
    });
  } else {
    for (std::size_t b = 0; b < blocks; ++b) run(b);
  }
  std::array<double, K> sum{};
  for (const auto& p : partial)
    for (std::size_t k = 0; k < K; ++k) sum[k] += p[k];
  return sum;
}

// Whether the iterations over g run their blocks in parallel (see
// IterationOptions::parallel_min_work).
bool run_parallel(const Graph& g, const IterationOptions& o) {
  const std::size_t work = static_cast<std::size_t>(g.num_nodes()) + g.in_csr().neighbors.size();
  return work >= o.parallel_min_work;
}

// The sum over a row's entries k of x[nb[k]] * wt[k] (x[nb[k]] alone when
// Weight is void), in a fixed order: eight lanes, lane j summing entries
// j, j + 8, ... of the row from 0.0 (a lane past the row's end adds 0.0),
// then ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)). Compiled twice:
// portable, and with AVX-512 gathers (one masked gather per eight entries,
// 1.6x faster than four scalar chains on generator S), chosen once per
// process by the CPU; no fused multiply-adds in this file (CMakeLists.txt),
// so both give the same bits.
template <class Weight>
double row_sum_portable(const double* x, const node_id* nb, const Weight* wt, edge_id k, edge_id e) {
  double l[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  auto term = [&](edge_id i) {
    if constexpr (std::is_void_v<Weight>)
      return x[nb[i]];
    else
      return x[nb[i]] * static_cast<double>(wt[i]);
  };
  for (; k + 8 <= e; k += 8)
    for (unsigned j = 0; j < 8; ++j) l[j] += term(k + j);
  if (k < e) {
    const unsigned rest = static_cast<unsigned>(e - k);
    for (unsigned j = 0; j < 8; ++j) l[j] += j < rest ? term(k + j) : 0.0;
  }
  return ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]));
}

// row_sum_portable for a row of at most two entries: lanes 0 and 1 hold
// 0.0 + their entry, the others 0.0; the same additions in the same order.
template <class Weight>
inline double row_sum_short(const double* x, const node_id* nb, const Weight* wt, edge_id k, edge_id e) {
  auto term = [&](edge_id i) {
    if constexpr (std::is_void_v<Weight>)
      return x[nb[i]];
    else
      return x[nb[i]] * static_cast<double>(wt[i]);
  };
  const double l0 = k < e ? 0.0 + term(k) : 0.0;
  const double l1 = k + 1 < e ? 0.0 + term(k + 1) : 0.0;
  return ((l0 + 0.0) + (0.0 + 0.0)) + ((l1 + 0.0) + (0.0 + 0.0));
}

template <class Weight>
void rows_portable(const double* x, const edge_id* off, const node_id* nb, const Weight* wt, const node_id* ord,
                   node_id begin, node_id end, double* out) {
  for (node_id i = begin; i < end; ++i) out[i - begin] = row_sum_portable<Weight>(x, nb, wt, off[ord[i]], off[ord[i] + 1]);
}

#if defined(__GNUC__) && defined(__x86_64__)
template <class Weight>
[[gnu::target("avx512f,avx512vl")]] inline double row_sum_avx512(const double* x, const node_id* nb, const Weight* wt,
                                                           edge_id k, edge_id e) {
  __m512d acc = _mm512_setzero_pd();
  for (; k < e; k += 8) {
    const __mmask8 m = e - k >= 8 ? __mmask8(0xff) : __mmask8((1u << (e - k)) - 1);
    const __m256i idx = _mm256_maskz_loadu_epi32(m, nb + k);
    __m512d t = _mm512_mask_i32gather_pd(_mm512_setzero_pd(), m, idx, x, 8);
    if constexpr (std::is_same_v<Weight, float>)
      t = _mm512_mul_pd(t, _mm512_cvtps_pd(_mm256_maskz_loadu_ps(m, wt + k)));
    else if constexpr (std::is_same_v<Weight, double>)
      t = _mm512_mul_pd(t, _mm512_maskz_loadu_pd(m, wt + k));
    acc = _mm512_add_pd(acc, t);
  }
  // (l0 + l4, l1 + l5, l2 + l6, l3 + l7), then ((l0 + l4) + (l2 + l6), (l1 + l5) + (l3 + l7)).
  const __m256d h = _mm256_add_pd(_mm512_castpd512_pd256(acc), _mm512_extractf64x4_pd(acc, 1));
  const __m128d q = _mm_add_pd(_mm256_castpd256_pd128(h), _mm256_extractf128_pd(h, 1));
  return _mm_cvtsd_f64(_mm_add_sd(q, _mm_unpackhi_pd(q, q)));
}
template <class Weight>
[[gnu::target("avx512f,avx512vl")]] void rows_avx512(const double* x, const edge_id* off, const node_id* nb,
                                                      const Weight* wt, const node_id* ord, node_id begin,
                                                      node_id end, double* out) {
  for (node_id i = begin; i < end; ++i) {
    const edge_id k = off[ord[i]], e = off[ord[i] + 1];
    // A row of up to two entries (most rows of sparse graphs such as
    // as-22july06): the same sum without a gather, lanes 2-7 being 0.0.
    out[i - begin] = e - k <= 2 ? row_sum_short<Weight>(x, nb, wt, k, e) : row_sum_avx512<Weight>(x, nb, wt, k, e);
  }
}
#endif
std::atomic<bool> portable_only{false};  // detail::use_portable_row_sums

// The in-CSR (the symmetric CSR when undirected) with each entry's weight
// laid out contiguously, in the narrowest exact form: none when every weight
// is 1 (or unweighted), float when every weight converts to float and back
// unchanged (counts of interactions do), else double. The sums are the same
// bits in every form (x * 1.0 == x; a float widens exactly); the narrower
// forms stream fewer bytes per entry, which bounds these memory-bound loops.
class InAdjacency {
 public:
  InAdjacency(const Graph& g, bool weighted, bool parallel) : csr_(g.in_csr()) {
    order_rows_by_length();
    if (!weighted) return;
    const auto& w = g.ties().weight;
    bool ones = true, floats = true;
    for (const double x : w) {
      ones = ones && x == 1.0;
      floats = floats && static_cast<double>(static_cast<float>(x)) == x;
    }
    if (ones) return;
    const std::size_t m = csr_.ties.size();
    auto gather = [&](auto& out) {
      using Weight = typename std::decay_t<decltype(out)>::value_type;
      out.resize(m);
      auto range = [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k < end; ++k) out[k] = static_cast<Weight>(w[csr_.ties[k]]);
      };
      if (parallel)
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, m, 1 << 14),
                          [&](const auto& r) { range(r.begin(), r.end()); });
      else
        range(0, m);
    };
    if (floats)
      gather(float_weight_);
    else
      gather(weight_);
  }

  // The nodes in the order the passes visit them: block by block, and
  // within a block by in-row length (ascending; by id within a length).
  // Rows of one length follow each other, so the row loops' trip counts
  // repeat and their branches are predicted: in input order the loops'
  // exits were mispredicted about once per row. The order is fixed by the
  // graph alone, so the sums over it do not depend on the threads, and a
  // block of the order holds the same nodes as that block of ids.
  const node_id* order() const { return order_.data(); }

  // The sum of u's row weights in row order (the row length when the
  // weights are all 1): the same bits as summing the tie table's weights
  // along the row.
  double row_weight_sum(node_id u) const {
    const edge_id b = csr_.offsets[u], e = csr_.offsets[u + 1];
    double s = 0;
    if (!float_weight_.empty())
      for (edge_id k = b; k < e; ++k) s += static_cast<double>(float_weight_[k]);
    else if (!weight_.empty())
      for (edge_id k = b; k < e; ++k) s += weight_[k];
    else
      s = static_cast<double>(e - b);
    return s;
  }

  // out[i - begin] = the sum over the in-entries (u, w) of v = order()[i]
  // of w * x[u], for i in [begin, end) (at most kBlock nodes), each row
  // summed as row_sum_portable says. One call per block, so the weight
  // form and the instruction set are chosen outside the row loop (the
  // AVX-512 row sums are inlined into their own block loop). The order is
  // fixed by the row alone, so the bits do not depend on the threads.
  void row_sums(const double* x, node_id begin, node_id end, double* out) const {
    auto run = [&](const auto* wt) {
      using Weight = std::remove_cv_t<std::remove_pointer_t<decltype(wt)>>;
      const edge_id* off = csr_.offsets.data();
      const node_id* nb = csr_.neighbors.data();
#if defined(__GNUC__) && defined(__x86_64__)
      // (The gathers take signed 32-bit indices: node ids from 2^31 on go
      // the portable way.)
      if (cpu::has_avx512() && !portable_only.load(std::memory_order_relaxed) &&
          csr_.offsets.size() - 1 <= static_cast<std::size_t>(INT32_MAX))
        return rows_avx512<Weight>(x, off, nb, wt, order_.data(), begin, end, out);
#endif
      rows_portable<Weight>(x, off, nb, wt, order_.data(), begin, end, out);
    };
    if (!float_weight_.empty())
      run(float_weight_.data());
    else if (!weight_.empty())
      run(weight_.data());
    else
      run(static_cast<const void*>(nullptr));
  }

 private:
  // Within each block of kBlock nodes, a counting sort of its nodes by row
  // length (lengths from 64 on share one bucket: their loops are long
  // enough for one mispredicted exit not to matter). The blocks keep their
  // place, so the rows a block reads stay together in memory: a sort of
  // the whole graph made the passes on 10^5 nodes slower (the rows were
  // read out of order, past the caches' prefetching).
  void order_rows_by_length() {
    const std::size_t n = csr_.offsets.size() - 1;
    order_.resize(n);
    const edge_id* off = csr_.offsets.data();
    constexpr std::size_t kBuckets = 65;
    for (std::size_t begin = 0; begin < n; begin += kBlock) {
      const std::size_t end = std::min(n, begin + kBlock);
      std::array<node_id, kBuckets + 1> start{};
      auto bucket = [off](std::size_t v) {
        return static_cast<std::size_t>(std::min<edge_id>(off[v + 1] - off[v], kBuckets - 1));
      };
      for (std::size_t v = begin; v < end; ++v) ++start[bucket(v) + 1];
      for (std::size_t b = 1; b <= kBuckets; ++b) start[b] += start[b - 1];
      for (std::size_t v = begin; v < end; ++v) order_[begin + start[bucket(v)]++] = static_cast<node_id>(v);
    }
  }

  const Csr& csr_;
  std::vector<node_id> order_;
  std::vector<double> weight_;
  std::vector<float> float_weight_;
};

void check_iteration_options(const IterationOptions& o, const char* measure) {
  if (!(o.tolerance >= 0) || std::isinf(o.tolerance))
    throw UsageError(std::string(measure) + ": tolerance must be a finite number >= 0");
}

[[noreturn]] void throw_not_converged(const char* measure, const IterationResult& r, node_id n,
                                      double tolerance, const char* hint) {
  std::ostringstream msg;
  msg << measure << " did not converge in " << r.iterations << " iterations: residual sum |x - x_prev| = "
      << r.residual << " is not below n * tolerance = " << static_cast<double>(n) * tolerance
      << "; raise max_iterations or tolerance" << hint;
  throw ConvergenceError(msg.str(), r.iterations, r.residual);
}

double euclidean_norm(node_id n, bool parallel, const std::vector<double>& x) {
  const auto sq = blocked_reduce<1>(n, parallel, [&](node_id begin, node_id end) {
    double s = 0;
    for (node_id v = begin; v < end; ++v) s += x[v] * x[v];
    return std::array<double, 1>{s};
  });
  return std::sqrt(sq[0]);
}

}  // namespace

IterationResult eigenvector_centrality(const Graph& g, const IterationOptions& options) {
  check_iteration_options(options, "eigenvector_centrality");
  const node_id n = g.num_nodes();
  IterationResult r;
  if (n == 0) return r;
  const bool parallel = run_parallel(g, options);
  const InAdjacency in(g, options.weighted, parallel);
  ProgressReporter progress(options.progress);
  std::vector<double> x(n, 1.0 / static_cast<double>(n)), y(n);
  const node_id* ord = in.order();
  const bool converged = [&] {
    for (std::uint32_t it = 0; it < options.max_iterations; ++it) {
      progress.report(static_cast<double>(it) / options.max_iterations);
      // y = (A^T + I) x, then y /= ||y||.
      const auto sq = blocked_reduce<1>(n, parallel, [&](node_id begin, node_id end) {
        double row[kBlock];
        in.row_sums(x.data(), begin, end, row);
        double s = 0;
        for (node_id i = begin; i < end; ++i) {
          const node_id v = ord[i];
          y[v] = x[v] + row[i - begin];
          s += y[v] * y[v];
        }
        return std::array<double, 1>{s};
      });
      const double norm = sq[0] > 0 ? std::sqrt(sq[0]) : 1.0;
      const auto residual = blocked_reduce<1>(n, parallel, [&](node_id begin, node_id end) {
        double s = 0;
        for (node_id i = begin; i < end; ++i) {
          const node_id v = ord[i];
          y[v] /= norm;
          s += std::abs(y[v] - x[v]);
        }
        return std::array<double, 1>{s};
      });
      x.swap(y);
      r.iterations = it + 1;
      r.residual = residual[0];
      if (r.residual < static_cast<double>(n) * options.tolerance) return true;
    }
    return false;
  }();
  if (!converged) throw_not_converged("eigenvector_centrality", r, n, options.tolerance, "");
  r.values = std::move(x);
  return r;
}

IterationResult pagerank(const Graph& g, const PageRankOptions& options) {
  check_iteration_options(options, "pagerank");
  if (!(options.alpha >= 0 && options.alpha <= 1))
    throw UsageError("pagerank: alpha (damping) must be in [0, 1]");
  const node_id n = g.num_nodes();
  for (const node_id s : options.seeds)
    if (s >= n)
      throw UsageError("pagerank: seed node id " + std::to_string(s) + " is not below the number of nodes (" +
                       std::to_string(n) + ")");
  IterationResult r;
  if (n == 0) return r;
  const bool parallel = run_parallel(g, options);

  // Teleport (and dangling) distribution p: uniform 1/n (no vector), or
  // uniform over the seeds.
  const double uniform = 1.0 / static_cast<double>(n);
  std::vector<double> p;
  if (!options.seeds.empty()) {
    std::vector<node_id> seeds = options.seeds;
    std::sort(seeds.begin(), seeds.end());
    seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
    p.assign(n, 0.0);
    for (const node_id s : seeds) p[s] = 1.0 / static_cast<double>(seeds.size());
  }

  // 1 / out-strength, 0 for a dangling node (no out-weight). An undirected
  // self-loop is one entry of its row, so its weight counts once, as in
  // networkx.
  const TieTable& ties = g.ties();
  std::vector<double> inv_out(n);
  // Dangling = no out-weight, kept apart from inv_out: finite weights whose
  // sum passes DBL_MAX would also give inv_out 0; such a node (flag 2) is an
  // input error below, as its shares cannot be represented.
  std::vector<unsigned char> dangling(n);
  const InAdjacency in(g, options.weighted, parallel);
  auto out_strengths = [&](node_id begin, node_id end) {
    for (node_id u = begin; u < end; ++u) {
      double s = 0;
      if (options.weighted && !g.directed()) {
        s = in.row_weight_sum(u);  // the out-row is the in-row, its weights laid out contiguously
      } else if (options.weighted) {
        for (const edge_id e : g.out_ties(u)) s += ties.weight[e];
      } else {
        s = static_cast<double>(g.out_entries(u));
      }
      inv_out[u] = s == 0 ? 0.0 : 1.0 / s;
      dangling[u] = s == 0 ? 1 : std::isinf(s) ? 2 : 0;
    }
  };
  if (parallel)
    tbb::parallel_for(tbb::blocked_range<node_id>(0, n, kBlock),
                      [&](const auto& range) { out_strengths(range.begin(), range.end()); });
  else
    out_strengths(0, n);
  for (node_id u = 0; u < n; ++u)
    if (dangling[u] == 2)
      throw InputError("", 0,
                       "pagerank: the out-weights of node " + std::to_string(u) +
                           " sum past the largest double (~1.8e308); expected weights whose sum per node is finite "
                           "(rescale them)");

  ProgressReporter progress(options.progress);
  const double alpha = options.alpha;
  // x is updated in place: the pass reads z (the previous iterate's shares),
  // never another node's x.
  std::vector<double> x(n, uniform);
  // z = x / out-strength, the share x sends along each unit of out-weight.
  std::vector<double> z(n), z_next(n);
  double dangling_sum = blocked_reduce<1>(n, parallel, [&](node_id begin, node_id end) {
    double s = 0;
    for (node_id u = begin; u < end; ++u) {
      z[u] = x[u] * inv_out[u];
      if (dangling[u]) s += x[u];
    }
    return std::array<double, 1>{s};
  })[0];

  // One pass per iteration: y = alpha * (M^T x + dangling_sum * p) +
  // (1 - alpha) * p, its L1 change from x, then x = y, z for the next
  // iteration and the dangling sum of y. The uniform case reads no p vector.
  auto iterate = [&](auto p_of) {
    for (std::uint32_t it = 0; it < options.max_iterations; ++it) {
      progress.report(static_cast<double>(it) / options.max_iterations);
      double* xs = x.data();
      const double* zs = z.data();
      double* zn = z_next.data();
      const double* io = inv_out.data();
      const unsigned char* dg = dangling.data();
      const node_id* ord = in.order();
      const auto sums = blocked_reduce<2>(n, parallel, [&](node_id begin, node_id end) {
        double row[kBlock];
        in.row_sums(zs, begin, end, row);
        double residual = 0, next_dangling = 0;
        for (node_id i = begin; i < end; ++i) {
          const node_id v = ord[i];
          const double pv = p_of(v);
          const double yv = alpha * (row[i - begin] + dangling_sum * pv) + (1.0 - alpha) * pv;
          residual += std::abs(yv - xs[v]);
          xs[v] = yv;
          zn[v] = yv * io[v];
          if (dg[v]) next_dangling += yv;
        }
        return std::array<double, 2>{residual, next_dangling};
      });
      z.swap(z_next);
      dangling_sum = sums[1];
      r.iterations = it + 1;
      r.residual = sums[0];
      if (r.residual < static_cast<double>(n) * options.tolerance) return true;
    }
    return false;
  };
  const double* pp = p.data();
  const bool converged = p.empty() ? iterate([uniform](node_id) { return uniform; })
                                   : iterate([pp](node_id v) { return pp[v]; });
  if (!converged) throw_not_converged("pagerank", r, n, options.tolerance, "");
  r.values = std::move(x);
  return r;
}

IterationResult katz_centrality(const Graph& g, const KatzOptions& options) {
  check_iteration_options(options, "katz_centrality");
  if (!std::isfinite(options.alpha) || !std::isfinite(options.beta))
    throw UsageError("katz_centrality: alpha and beta must be finite numbers");
  const node_id n = g.num_nodes();
  IterationResult r;
  if (n == 0) return r;
  const bool parallel = run_parallel(g, options);
  const InAdjacency in(g, options.weighted, parallel);
  ProgressReporter progress(options.progress);
  std::vector<double> x(n, 0.0), y(n);
  const node_id* ord = in.order();
  const bool converged = [&] {
    for (std::uint32_t it = 0; it < options.max_iterations; ++it) {
      progress.report(static_cast<double>(it) / options.max_iterations);
      const auto residual = blocked_reduce<1>(n, parallel, [&](node_id begin, node_id end) {
        double row[kBlock];
        in.row_sums(x.data(), begin, end, row);
        double s = 0;
        for (node_id i = begin; i < end; ++i) {
          const node_id v = ord[i];
          y[v] = options.alpha * row[i - begin] + options.beta;
          s += std::abs(y[v] - x[v]);
        }
        return std::array<double, 1>{s};
      });
      x.swap(y);
      r.iterations = it + 1;
      r.residual = residual[0];
      if (r.residual < static_cast<double>(n) * options.tolerance) return true;
    }
    return false;
  }();
  if (!converged)
    throw_not_converged("katz_centrality", r, n, options.tolerance,
                        " (Katz converges only when alpha < 1 / largest eigenvalue of the adjacency matrix)");
  if (options.normalized) {
    const double norm = euclidean_norm(n, parallel, x);
    const double scale = norm > 0 ? 1.0 / norm : 1.0;
    for (node_id v = 0; v < n; ++v) x[v] *= scale;
  }
  r.values = std::move(x);
  return r;
}

namespace detail {
void use_portable_row_sums(bool yes) { portable_only.store(yes); }
bool row_sums_have_avx512() { return cpu::has_avx512(); }
}  // namespace detail

}  // namespace movemap
