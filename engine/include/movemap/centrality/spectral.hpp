// Eigenvector centrality, PageRank (plain and personalised) and Katz:
// power iterations, pull-based over in-neighbours (each node's new value is
// the running sum of its CSR row in row order; the rows are laid out as
// SELL-8, eight rows side by side so that eight of them advance together,
// with AVX-512 gathers where the CPU has them, the portable build giving the
// same bits; spectral.cpp says how), parallel over fixed blocks of nodes;
// norms, residuals and the dangling sum are summed per block in eight fixed
// lanes and the block sums added in block order, so results are identical
// (bit for bit) for any thread count.
//
// Conventions are networkx 3.x's, exactly (directed graphs: a node is
// important when important nodes point *to* it, i.e. in-edges). A is the
// adjacency matrix, A[u][v] = weight of tie u -> v (1 when unweighted);
// every iteration stops as soon as sum_v |x[v] - x_prev[v]| < n * tolerance.
//  - eigenvector: networkx eigenvector_centrality. Start x = 1/n (networkx's
//    all-ones nstart divided by its sum); iterate y = (A^T + I) x, then
//    x = y / ||y||_2 (||y|| = 0 taken as 1); the residual compares the
//    normalised vectors. Result has unit Euclidean norm.
//  - PageRank: networkx pagerank (_pagerank_scipy). M = A with each row
//    divided by the node's out-strength (stochastic); dangling nodes (no
//    out-ties) have a zero row. Start x = 1/n (also when personalised);
//    iterate x = alpha * (M^T x + (sum of x over dangling nodes) * p) +
//    (1 - alpha) * p, where p is uniform 1/n, or personalised 1/|seeds| on
//    each seed node (duplicate seeds count once) and 0 elsewhere: dangling
//    mass goes to p too (networkx's dangling=None). No renormalisation: the
//    result sums to 1 up to rounding. A node whose out-weights sum past the
//    largest double (~1.8e308) is an InputError (its row can't be divided).
//  - Katz: networkx katz_centrality. Start x = 0; iterate
//    x = alpha * A^T x + beta on the unnormalised vector (the residual is
//    measured there); once converged, normalized=true divides by ||x||_2
//    (networkx normalized=True). Converges only when
//    |alpha| < 1 / lambda_max(A).
// Undirected graphs: A is symmetric and a self-loop {u,u} of weight w gives
// A[u][u] = w, counted once, in all three measures (networkx's
// G[u][u] / to_scipy_sparse_array; unlike degree, where it counts twice). So
// a self-loop adds w to u's PageRank out-strength once.
// Repeated interactions are one tie whose weight is their sum (a networkx
// Graph/DiGraph built from the tie table, not a MultiGraph).
//
// Differences from networkx's defaults (pass them explicitly to compare):
// networkx uses tol=1e-6 and max_iter=100 (eigenvector, pagerank) or 1000
// (katz), and weight=None for eigenvector and katz but weight="weight" for
// pagerank; here tolerance 1e-10, max_iterations 1000 and weighted=true
// for all three. networkx raises on the null graph for eigenvector; here an
// empty graph gives an empty result for all three.
// The stopping rule bounds the L1 change, not the error per node, and scales
// with n: on a 79,280-node graph (4.2 million ties) PageRank with the default
// 1e-10 stopped after 31 iterations with relative errors up to 4e-4 on the
// smallest values against the exact stationary vector (1e-14: 75 iterations,
// 3e-7; igraph's PRPACK solver: 4e-12). Lower the tolerance for closer
// agreement with exact solvers; networkx stops at the same iterate as here.
// Non-convergence within max_iterations throws ConvergenceError (a
// movemap::Error; networkx's PowerIterationFailedConvergence) naming the
// measure, the iterations and the residual. Bad options (a seed id >= n, a
// negative, NaN or infinite tolerance, PageRank alpha outside [0, 1], a non-finite
// Katz alpha or beta) throw UsageError.
// Progress: the callback is polled once per iteration, at its start, with
// fraction = iteration / max_iterations; returning false throws Cancelled.
// Cost O(n + m) per iteration, memory O(n) plus the SELL-8 copy of the
// in-CSR: 4 bytes per adjacency entry (and per padding slot: rows of a run
// of eight are padded to the longest, and the rows are sorted by length
// within each block of 1,024 nodes, so little is padding) for the
// neighbours, plus, when weighted, none when every weight is 1, 4 bytes
// when every weight is exactly a float (counts are), else 8. The loops are
// bound by memory traffic, so the narrow forms run faster; the sums are bit
// for bit the same in every form.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "movemap/error.hpp"
#include "movemap/graph.hpp"
#include "movemap/progress.hpp"

namespace movemap {

struct IterationOptions {
  double tolerance = 1e-10;          // per node, as networkx's tol
  std::uint32_t max_iterations = 1000;
  bool weighted = true;              // use tie weights (else every tie 1)
  ProgressCallback progress;         // polled once per iteration
  // The fixed node blocks run in parallel only when n + adjacency entries
  // (in-CSR) is at least this; below it, one after the other on the calling
  // thread, where waking the pool each iteration costs more than the work
  // (PageRank on 7,876 nodes / 59,887 ties, 29 iterations: 0.83 ms on one
  // thread, 1.10 ms with the blocks on two). Either way the same blocks are summed in the same order, so
  // the bits do not depend on this threshold or on the thread count.
  std::size_t parallel_min_work = std::size_t{1} << 18;
};

struct IterationResult {
  std::vector<double> values;        // indexed by node id
  std::uint32_t iterations = 0;
  double residual = 0;               // sum |x - x_prev| at the last iteration
};

// A power iteration that did not converge within max_iterations.
class ConvergenceError : public Error {
 public:
  ConvergenceError(const std::string& message, std::uint32_t iterations, double residual)
      : Error(message), iterations_(iterations), residual_(residual) {}
  std::uint32_t iterations() const noexcept { return iterations_; }
  double residual() const noexcept { return residual_; }

 private:
  std::uint32_t iterations_;
  double residual_;
};

IterationResult eigenvector_centrality(const Graph& g, const IterationOptions& options = {});

struct PageRankOptions : IterationOptions {
  double alpha = 0.85;
  std::vector<node_id> seeds;        // personalised when non-empty (uniform over seeds)
};
IterationResult pagerank(const Graph& g, const PageRankOptions& options = {});

struct KatzOptions : IterationOptions {
  double alpha = 0.1;
  double beta = 1.0;
  bool normalized = true;
};
IterationResult katz_centrality(const Graph& g, const KatzOptions& options = {});

namespace detail {
// Test hooks: the three iterations sum each row with AVX-512 gathers (and
// PageRank updates its nodes eight at a time with AVX-512) on a CPU that
// has them, unless use_portable_row_sums(true) is in effect (both give the
// same bits; tests compare them). row_sums_have_avx512(): whether
// this CPU runs the AVX-512 build. The bits are the same for input without
// NaN (with NaN weights, which NaN payload survives may differ).
void use_portable_row_sums(bool yes);
bool row_sums_have_avx512();
}  // namespace detail

}  // namespace movemap
