#include "movemap/centrality/spectral.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

namespace movemap {
namespace {

// Nodes per block. Blocks are fixed by n alone, so the per-block partial
// sums, added in block order, do not depend on the thread count.
constexpr std::size_t kBlock = 1024;

// Runs block(begin, end) -> std::array<double, K> over the fixed node blocks
// in parallel and returns the element-wise sum of the block results, added in
// block order.
template <std::size_t K, class Block>
std::array<double, K> blocked_reduce(node_id n, const Block& block) {
  const std::size_t blocks = (static_cast<std::size_t>(n) + kBlock - 1) / kBlock;
  std::vector<std::array<double, K>> partial(blocks);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1), [&](const auto& range) {
    for (std::size_t b = range.begin(); b < range.end(); ++b) {
      const auto begin = static_cast<node_id>(b * kBlock);
      const auto end = static_cast<node_id>(std::min<std::size_t>(n, (b + 1) * kBlock));
      partial[b] = block(begin, end);
    }
  });
  std::array<double, K> sum{};
  for (const auto& p : partial)
    for (std::size_t k = 0; k < K; ++k) sum[k] += p[k];
  return sum;
}

// The in-CSR (the symmetric CSR when undirected) with each entry's weight
// laid out contiguously (empty when unweighted: every entry counts 1).
class InAdjacency {
 public:
  InAdjacency(const Graph& g, bool weighted) : csr_(g.in_csr()) {
    if (!weighted) return;
    const auto& w = g.ties().weight;
    weight_.resize(csr_.ties.size());
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, csr_.ties.size(), 1 << 14), [&](const auto& r) {
      for (std::size_t k = r.begin(); k < r.end(); ++k) weight_[k] = w[csr_.ties[k]];
    });
  }

  // init + sum over in-entries (u, w) of v of w * x[u], in CSR order.
  double pull(const std::vector<double>& x, node_id v, double init) const {
    double s = init;
    const edge_id begin = csr_.offsets[v], end = csr_.offsets[v + 1];
    if (weight_.empty()) {
      for (edge_id k = begin; k < end; ++k) s += x[csr_.neighbors[k]];
    } else {
      for (edge_id k = begin; k < end; ++k) s += x[csr_.neighbors[k]] * weight_[k];
    }
    return s;
  }

 private:
  const Csr& csr_;
  std::vector<double> weight_;
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

double euclidean_norm(node_id n, const std::vector<double>& x) {
  const auto sq = blocked_reduce<1>(n, [&](node_id begin, node_id end) {
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
  const InAdjacency in(g, options.weighted);
  ProgressReporter progress(options.progress);
  std::vector<double> x(n, 1.0 / static_cast<double>(n)), y(n);
  for (std::uint32_t it = 0; it < options.max_iterations; ++it) {
    progress.report(static_cast<double>(it) / options.max_iterations);
    // y = (A^T + I) x, then y /= ||y||.
    const auto sq = blocked_reduce<1>(n, [&](node_id begin, node_id end) {
      double s = 0;
      for (node_id v = begin; v < end; ++v) {
        y[v] = in.pull(x, v, x[v]);
        s += y[v] * y[v];
      }
      return std::array<double, 1>{s};
    });
    const double norm = sq[0] > 0 ? std::sqrt(sq[0]) : 1.0;
    const auto residual = blocked_reduce<1>(n, [&](node_id begin, node_id end) {
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
    if (r.residual < static_cast<double>(n) * options.tolerance) {
      r.values = std::move(x);
      return r;
    }
  }
  throw_not_converged("eigenvector_centrality", r, n, options.tolerance, "");
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

  // Teleport (and dangling) distribution p: uniform, or uniform over the seeds.
  std::vector<double> p(n, 1.0 / static_cast<double>(n));
  if (!options.seeds.empty()) {
    std::vector<node_id> seeds = options.seeds;
    std::sort(seeds.begin(), seeds.end());
    seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
    std::fill(p.begin(), p.end(), 0.0);
    for (const node_id s : seeds) p[s] = 1.0 / static_cast<double>(seeds.size());
  }

  // 1 / out-strength (0 for dangling nodes). An undirected self-loop is one
  // entry of its row, so its weight counts once, as in networkx.
  const TieTable& ties = g.ties();
  std::vector<double> inv_out(n);
  std::vector<char> dangling(n);
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, kBlock), [&](const auto& range) {
    for (node_id u = range.begin(); u < range.end(); ++u) {
      double s = 0;
      if (options.weighted) {
        for (const edge_id e : g.out_ties(u)) s += ties.weight[e];
      } else {
        s = static_cast<double>(g.out_entries(u));
      }
      dangling[u] = s == 0;
      inv_out[u] = s == 0 ? 0.0 : 1.0 / s;
    }
  });

  const InAdjacency in(g, options.weighted);
  ProgressReporter progress(options.progress);
  const double alpha = options.alpha;
  std::vector<double> x(n, 1.0 / static_cast<double>(n)), y(n);
  // z = x / out-strength, the share x sends along each unit of out-weight.
  std::vector<double> z(n), z_next(n);
  double dangling_sum = blocked_reduce<1>(n, [&](node_id begin, node_id end) {
    double s = 0;
    for (node_id u = begin; u < end; ++u) {
      z[u] = x[u] * inv_out[u];
      if (dangling[u]) s += x[u];
    }
    return std::array<double, 1>{s};
  })[0];

  for (std::uint32_t it = 0; it < options.max_iterations; ++it) {
    progress.report(static_cast<double>(it) / options.max_iterations);
    // y = alpha * (M^T x + dangling_sum * p) + (1 - alpha) * p; the same pass
    // prepares z and the dangling sum of y for the next iteration.
    const auto sums = blocked_reduce<2>(n, [&](node_id begin, node_id end) {
      double residual = 0, next_dangling = 0;
      for (node_id v = begin; v < end; ++v) {
        y[v] = alpha * (in.pull(z, v, 0.0) + dangling_sum * p[v]) + (1.0 - alpha) * p[v];
        residual += std::abs(y[v] - x[v]);
        z_next[v] = y[v] * inv_out[v];
        if (dangling[v]) next_dangling += y[v];
      }
      return std::array<double, 2>{residual, next_dangling};
    });
    x.swap(y);
    z.swap(z_next);
    dangling_sum = sums[1];
    r.iterations = it + 1;
    r.residual = sums[0];
    if (r.residual < static_cast<double>(n) * options.tolerance) {
      r.values = std::move(x);
      return r;
    }
  }
  throw_not_converged("pagerank", r, n, options.tolerance, "");
}

IterationResult katz_centrality(const Graph& g, const KatzOptions& options) {
  check_iteration_options(options, "katz_centrality");
  if (!std::isfinite(options.alpha) || !std::isfinite(options.beta))
    throw UsageError("katz_centrality: alpha and beta must be finite numbers");
  const node_id n = g.num_nodes();
  IterationResult r;
  if (n == 0) return r;
  const InAdjacency in(g, options.weighted);
  ProgressReporter progress(options.progress);
  std::vector<double> x(n, 0.0), y(n);
  for (std::uint32_t it = 0; it < options.max_iterations; ++it) {
    progress.report(static_cast<double>(it) / options.max_iterations);
    const auto residual = blocked_reduce<1>(n, [&](node_id begin, node_id end) {
      double s = 0;
      for (node_id v = begin; v < end; ++v) {
        y[v] = options.alpha * in.pull(x, v, 0.0) + options.beta;
        s += std::abs(y[v] - x[v]);
      }
      return std::array<double, 1>{s};
    });
    x.swap(y);
    r.iterations = it + 1;
    r.residual = residual[0];
    if (r.residual < static_cast<double>(n) * options.tolerance) {
      if (options.normalized) {
        const double norm = euclidean_norm(n, x);
        const double scale = norm > 0 ? 1.0 / norm : 1.0;
        tbb::parallel_for(tbb::blocked_range<node_id>(0, n, kBlock), [&](const auto& range) {
          for (node_id v = range.begin(); v < range.end(); ++v) x[v] *= scale;
        });
      }
      r.values = std::move(x);
      return r;
    }
  }
  throw_not_converged("katz_centrality", r, n, options.tolerance,
                      " (Katz converges only when alpha < 1 / largest eigenvalue of the adjacency matrix)");
}

}  // namespace movemap
