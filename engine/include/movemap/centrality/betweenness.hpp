// Betweenness centrality (Brandes 2001; 2008 for ties), exact and sampled.
//
// Conventions are networkx's betweenness_centrality /
// edge_betweenness_centrality (endpoints=False), exactly:
//  - raw node betweenness b(v) = sum over ordered pairs s != v != t of
//    sigma_st(v) / sigma_st; undirected graphs count each unordered pair once
//    (the ordered sum halved);
//  - normalised: directed b(v) / ((n-1)(n-2)); undirected
//    b(v) * 2 / ((n-1)(n-2)); no scaling when n <= 2;
//  - raw tie betweenness: sum over pairs of the share of shortest paths
//    through the tie (undirected halved as above); normalised: directed
//    / (n(n-1)), undirected * 2 / (n(n-1)); no scaling when n <= 1;
//  - self-loops never lie on a shortest path (their tie betweenness is 0);
//  - lengths as PathLength says (path_length.hpp).
// Parallel over sources in fixed blocks with a fixed-order reduction
// (tbb::parallel_deterministic_reduce): the result is bit-for-bit identical
// for any number of threads. Cost O(nm) unweighted, O(nm + n^2 log n)
// weighted; memory O(n + m) per worker plus O(n + m) per live partial sum.
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/centrality/path_length.hpp"
#include "movemap/graph.hpp"
#include "movemap/progress.hpp"

namespace movemap {

struct BetweennessOptions {
  PathLength length = PathLength::hops;
  bool normalized = true;
  bool ties = false;              // also compute tie (edge) betweenness
  ProgressCallback progress;      // polled once per block of sources
};

struct BetweennessResult {
  std::vector<double> node;       // indexed by node id
  std::vector<double> tie;        // indexed by tie id; empty unless options.ties
};

BetweennessResult betweenness(const Graph& g, const BetweennessOptions& options = {});

// Sampled node betweenness with a guarantee (Riondato & Kornaropoulos 2016):
// with probability at least 1 - delta, every returned score is within
// epsilon of the exact *normalised* score (networkx's normalisation above).
// Sample size r = ceil(c / eps'^2 * (floor(log2(VD - 2)) + 1 + ln(1/delta)))
// with c = 0.5, VD an upper bound on the vertex diameter, and eps' the
// epsilon rescaled from RK's n(n-1) normalisation to networkx's. Each sample
// is a uniformly random ordered pair (s, t), s != t, and one uniformly random
// shortest s-t path; its inner nodes gain 1. Samples are drawn from a
// counter-based generator (seed, sample index), counted in integers, so the
// result depends on the seed only, never on the thread count.
struct SampledBetweennessOptions {
  double epsilon = 0.01;
  double delta = 0.1;
  std::uint64_t seed = 1;
  PathLength length = PathLength::hops;
  ProgressCallback progress;
};

struct SampledBetweennessResult {
  std::vector<double> node;                // normalised estimates
  std::uint64_t samples = 0;               // r
  std::uint64_t vertex_diameter_bound = 0; // VD used for r
  double epsilon = 0, delta = 0;           // as requested
};

SampledBetweennessResult sampled_betweenness(const Graph& g, const SampledBetweennessOptions& options = {});

}  // namespace movemap
