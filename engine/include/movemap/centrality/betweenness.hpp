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
//  - lengths as PathLength says (path_length.hpp). Weighted distances are
//    summed along each path from the source outwards and compared exactly,
//    as networkx's Dijkstra does (`dist + weight`, `==`), so which paths tie
//    for shortest is decided as networkx decides it, rounding included;
//  - shortest-path counts are doubles (as in networkx, igraph, NetworKit):
//    exact up to 2^53 paths per pair, relative error ~1e-16 beyond.
// Parallel over sources in fixed blocks with a fixed-order reduction
// (tbb::parallel_deterministic_reduce): the result is bit-for-bit identical
// for any number of threads. Hop lengths run 8 sources at once (one lane
// of an 8-double vector each; betweenness.cpp), on a breadth-first
// renumbering of the nodes, with an AVX-512 build of the kernel when the
// CPU has it: the same bits either way. Weighted lengths run one Dijkstra
// per source. Cost O(nm) unweighted, O(nm + n^2 log n) weighted; memory
// O(n + m) per worker (hops: about 200 bytes per node and thread, plus one
// renumbered copy of the adjacency) plus O(n + m) per live partial sum
// (about 64 reduction leaves, a few alive per thread).
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

namespace detail {
// Test hooks: exact hop betweenness runs its kernel's portable build even on
// a CPU with AVX-512 while use_portable_hop_kernel(true) is in effect (both
// builds give the same bits; tests compare them). hop_kernel_has_avx512():
// whether the AVX-512 build is the one normally chosen.
void use_portable_hop_kernel(bool yes);
bool hop_kernel_has_avx512();
}  // namespace detail

// Sampled node betweenness with a guarantee (Riondato & Kornaropoulos 2016):
// with probability at least 1 - delta, every returned score is within
// epsilon of the exact *normalised* score (networkx's normalisation above).
// Sample size r = ceil(c / eps'^2 * (floor(log2(VD - 2)) + 1 + ln(1/delta)))
// with c = 0.5, VD an upper bound on the vertex diameter (the most nodes on
// any shortest path), and eps' = epsilon (n-2)/n: RK estimate the betweenness
// over ordered pairs divided by n(n-1), networkx divides by (n-1)(n-2), so
// networkx's score = RK's * n/(n-2) and an error eps' in RK's scale is
// epsilon in networkx's.
// VD bound: a shortest path meets each strong component (weak, undirected)
// at most once, in an order the condensation DAG allows, and its part inside
// a component C is a shortest path within C, with at most |C| nodes. For the
// smallest node r of C, that part is no longer than ecc_in(r) + ecc_out(r)
// (searches inside C), so it has at most ecc_out(r) + ecc_in(r) + 1 nodes
// with hop lengths (undirected: 2 ecc(r) + 1, RK's bound), and at most
// (ecc_out(r) + ecc_in(r)) / (shortest tie length in C) + 1 with weighted
// lengths (a relative margin of 1e-6 covers rounding). VD = the heaviest
// chain of components in the condensation with those weights (undirected:
// the largest component weight). The undirected hop diameter does not bound
// directed paths (a directed cycle with chords back to one node has
// undirected diameter 2), so it is not used for directed graphs.
// Each sample is a uniformly random ordered pair (s, t), s != t, and one
// uniformly random shortest s-t path: hop lengths use a balanced
// bidirectional BFS (whole levels from the side with the smaller frontier;
// the first level that meets the other side holds one node m of every
// shortest path, taken with probability sigma_sm sigma_mt / sigma_st, then
// uniform shortest s-m and m-t paths by walking back through predecessors
// with probability sigma_sp / sigma_sv); weighted lengths use Dijkstra from s
// stopped at t and the same walk back from t. Pairs in different weak
// components, or (directed) whose strong components are in the wrong
// topological order, are counted as samples without a search. The inner
// nodes of the path gain 1; score = count / r * n/(n-2).
// Samples are drawn from a counter-based generator (splitmix64 of seed and
// sample index), counted in integers per worker and summed, so the result
// depends on the seed only, never on the thread count. Parallel over blocks
// of 64 samples; progress polled once per block. n < 3, or VD < 3 (no
// shortest path has an inner node): all scores are exactly 0 and
// samples = 0. Throws UsageError unless 0 < epsilon < 1 and 0 < delta < 1.
// Cost O(n + m) (hops) or O((n + m) log n) (weighted) for components and VD,
// plus per sample a search that stops early: on 10^5 nodes and 0.34M ties
// with epsilon 0.02 (r about 10^4, 2 cores) about 0.4 s for hops, but
// 6-10 ms per sample weighted (Dijkstra explores everything closer than t;
// epsilon 0.05: r about 2700, 17-27 s). Memory O(n) per worker.
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

namespace detail {
// The sampler's path draw alone, exposed for the test that every shortest
// s-t path is equally likely (not part of the API): draws one shortest s-t
// path exactly as sampled_betweenness does once a sample has drawn the
// pair (s, t), from the counter-based random stream of (seed, index), and returns
// its inner nodes (s and t excluded) in increasing id order. A shortest path
// has one node at each distance from s, so that set names the path. Empty if
// t is not reachable from s or the path has no inner node.
std::vector<node_id> sampled_shortest_path(const Graph& g, node_id s, node_id t, PathLength length,
                                           std::uint64_t seed, std::uint64_t index);
}  // namespace detail

}  // namespace movemap
