// Eigenvector centrality, PageRank (plain and personalised) and Katz:
// power iterations, pull-based over in-neighbours (each node's new value is
// a sum in CSR order), so results are identical for any thread count.
//
// Conventions are networkx's, exactly (directed graphs: a node is important
// when important nodes point *to* it, i.e. in-edges):
//  - eigenvector: networkx eigenvector_centrality: iterate x <- (A^T + I) x,
//    normalise to unit Euclidean norm; converged when sum |x - x_prev| <
//    n * tolerance. Start vector all ones (networkx's default nstart).
//    Weighted uses the tie weight.
//  - PageRank: networkx pagerank: alpha (damping) 0.85, out-weights
//    normalised per node (stochastic), dangling nodes redistribute
//    according to the personalisation vector (uniform when none),
//    converged when sum |x - x_prev| < n * tolerance; result sums to 1.
//    Personalised: uniform teleport over the given seed nodes.
//  - Katz: networkx katz_centrality: x <- alpha A^T x + beta, normalised to
//    unit Euclidean norm (normalized=True); converged when sum |x - x_prev| <
//    n * tolerance. alpha must be < 1 / lambda_max for convergence.
// Undirected graphs: A symmetric; a self-loop contributes its weight once
// (as networkx's adjacency). Non-convergence within max_iterations throws
// movemap::Error naming the measure, the iterations and the residual.
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"
#include "movemap/progress.hpp"

namespace movemap {

struct IterationOptions {
  double tolerance = 1e-10;          // per node, as networkx's tol
  std::uint32_t max_iterations = 1000;
  bool weighted = true;              // use tie weights (else every tie 1)
  ProgressCallback progress;         // polled once per iteration
};

struct IterationResult {
  std::vector<double> values;        // indexed by node id
  std::uint32_t iterations = 0;
  double residual = 0;               // sum |x - x_prev| at the last iteration
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

}  // namespace movemap
