#include "movemap/centrality/spectral.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <type_traits>

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

// The in-CSR (the symmetric CSR when undirected) with each entry's weight
// laid out contiguously, in the narrowest exact form: none when every weight
// is 1 (or unweighted), float when every weight converts to float and back
// unchanged (counts of interactions do), else double. The sums are the same
// bits in every form (x * 1.0 == x; a float widens exactly); the narrower
// forms stream fewer bytes per entry, which bounds these memory-bound loops.
class InAdjacency {
 public:
  InAdjacency(const Graph& g, bool weighted, bool parallel) : csr_(g.in_csr()) {
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

  // Calls f(pull) with pull(x, v, init) = init + the sum over in-entries
  // (u, w) of v of w * x[u]; one call per run, so the weight form is chosen
  // once, outside the loops. The row is summed in four interleaved partial
  // sums (entries k, k+4, ... in the first; init + ... in the first too),
  // added as (s0 + s1) + (s2 + s3): one long chain of dependent additions
  // was the bottleneck (about 2 ns per entry). The order is fixed by the
  // row alone, so the bits do not depend on the threads.
  template <class F>
  decltype(auto) with_pull(F&& f) const {
    const edge_id* off = csr_.offsets.data();
    const node_id* nb = csr_.neighbors.data();
    auto row_sum = [off, nb](auto term) {
      return [off, nb, term](const double* x, node_id v, double init) {
        double s0 = init, s1 = 0, s2 = 0, s3 = 0;
        edge_id k = off[v];
        const edge_id e = off[v + 1];
        for (; k + 4 <= e; k += 4) {
          s0 += term(x, nb, k);
          s1 += term(x, nb, k + 1);
          s2 += term(x, nb, k + 2);
          s3 += term(x, nb, k + 3);
        }
        for (; k < e; ++k) s0 += term(x, nb, k);
        return (s0 + s1) + (s2 + s3);
      };
    };
    if (!float_weight_.empty()) {
      const float* wt = float_weight_.data();
      return f(row_sum([wt](const double* x, const node_id* n, edge_id k) {
        return x[n[k]] * static_cast<double>(wt[k]);
      }));
    }
    if (!weight_.empty()) {
      const double* wt = weight_.data();
      return f(row_sum([wt](const double* x, const node_id* n, edge_id k) { return x[n[k]] * wt[k]; }));
    }
    return f(row_sum([](const double* x, const node_id* n, edge_id k) { return x[n[k]]; }));
  }

 private:
  const Csr& csr_;
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
  const bool converged = in.with_pull([&](auto pull) {
    for (std::uint32_t it = 0; it < options.max_iterations; ++it) {
      progress.report(static_cast<double>(it) / options.max_iterations);
      // y = (A^T + I) x, then y /= ||y||.
      const auto sq = blocked_reduce<1>(n, parallel, [&](node_id begin, node_id end) {
        double s = 0;
        for (node_id v = begin; v < end; ++v) {
          y[v] = pull(x.data(), v, x[v]);
          s += y[v] * y[v];
        }
        return std::array<double, 1>{s};
      });
      const double norm = sq[0] > 0 ? std::sqrt(sq[0]) : 1.0;
      const auto residual = blocked_reduce<1>(n, parallel, [&](node_id begin, node_id end) {
        double s = 0;
        for (node_id v = begin; v < end; ++v) {
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
  });
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
  auto out_strengths = [&](node_id begin, node_id end) {
    for (node_id u = begin; u < end; ++u) {
      double s = 0;
      if (options.weighted) {
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

  const InAdjacency in(g, options.weighted, parallel);
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
  auto iterate = [&](auto pull, auto p_of) {
    for (std::uint32_t it = 0; it < options.max_iterations; ++it) {
      progress.report(static_cast<double>(it) / options.max_iterations);
      double* xs = x.data();
      const double* zs = z.data();
      double* zn = z_next.data();
      const double* io = inv_out.data();
      const unsigned char* dg = dangling.data();
      const auto sums = blocked_reduce<2>(n, parallel, [&](node_id begin, node_id end) {
        double residual = 0, next_dangling = 0;
        for (node_id v = begin; v < end; ++v) {
          const double pv = p_of(v);
          const double yv = alpha * (pull(zs, v, 0.0) + dangling_sum * pv) + (1.0 - alpha) * pv;
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
  const bool converged = in.with_pull([&](auto pull) {
    if (p.empty()) return iterate(pull, [uniform](node_id) { return uniform; });
    const double* pp = p.data();
    return iterate(pull, [pp](node_id v) { return pp[v]; });
  });
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
  const bool converged = in.with_pull([&](auto pull) {
    for (std::uint32_t it = 0; it < options.max_iterations; ++it) {
      progress.report(static_cast<double>(it) / options.max_iterations);
      const auto residual = blocked_reduce<1>(n, parallel, [&](node_id begin, node_id end) {
        double s = 0;
        for (node_id v = begin; v < end; ++v) {
          y[v] = options.alpha * pull(x.data(), v, 0.0) + options.beta;
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
  });
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

}  // namespace movemap
