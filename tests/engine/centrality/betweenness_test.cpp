// Exact betweenness (nodes and ties): hand-worked graphs with networkx's
// values, weighted lengths with networkx's exact float comparisons, the
// serial pair-by-pair reference on random graphs, bit-identical results for
// 1, 2, 4 and 8 threads, progress and cancellation, and tiny graphs.
#include "movemap/centrality/betweenness.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <tuple>

#include "../support/random_graphs.hpp"
#include "../support/serial_paths.hpp"
#include "movemap/error.hpp"

namespace movemap {
namespace {

using testing::path_rows_graph;
using testing::path_tie_id;
using testing::PathRow;
using TieValue = std::tuple<node_id, node_id, double>;

void expect_close(const std::vector<double>& got, const std::vector<double>& want, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_NEAR(got[i], want[i], 1e-9 * std::max(1.0, std::abs(want[i]))) << what << ", index " << i;
  }
}

// Tie values given by endpoints, laid out by tie id.
std::vector<double> by_tie(const Graph& g, const std::vector<TieValue>& values) {
  std::vector<double> out(g.num_ties(), -1.0);
  for (const auto& [u, v, x] : values) {
    const edge_id e = path_tie_id(g, u, v);
    EXPECT_NE(e, edge_id{kNone}) << u << "-" << v;
    if (e != kNone) out[e] = x;
  }
  return out;
}

BetweennessResult run(const Graph& g, PathLength length, bool normalized) {
  BetweennessOptions o;
  o.length = length;
  o.normalized = normalized;
  o.ties = true;
  return betweenness(g, o);
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

TEST(BetweennessPathLength, ParsesAndNames) {
  for (const PathLength p : {PathLength::hops, PathLength::inverse, PathLength::weight}) {
    EXPECT_EQ(parse_path_length(to_string(p)), p);
  }
  EXPECT_STREQ(to_string(PathLength::inverse), "inverse");
  EXPECT_THROW(parse_path_length("Hops"), UsageError);
  EXPECT_THROW(parse_path_length(""), UsageError);
}

TEST(Betweenness, PathGraph) {
  // 0 - 1 - 2 - 3 - 4. Node 2 lies on the paths of {0,3}, {0,4}, {1,3},
  // {1,4}: raw 4; node 1 on {0,2}, {0,3}, {0,4}: 3. Normalised
  // * 2 / ((n-1)(n-2)) = 2/12. Tie {1,2} carries the 2 * 3 pairs split by
  // it: 6; {0,1} 1 * 4 = 4. Normalised * 2 / (n(n-1)) = 2/20.
  // networkx betweenness_centrality(nx.path_graph(5)) = 0, .5, .6667, .5, 0;
  // edge_betweenness_centrality: .4, .6, .6, .4.
  const Graph g = path_rows_graph(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}}, false);
  const auto raw = run(g, PathLength::hops, false);
  expect_close(raw.node, {0, 3, 4, 3, 0}, "raw nodes");
  expect_close(raw.tie, by_tie(g, {{0, 1, 4}, {1, 2, 6}, {2, 3, 6}, {3, 4, 4}}), "raw ties");
  const auto norm = run(g, PathLength::hops, true);
  expect_close(norm.node, {0, 0.5, 4.0 / 6.0, 0.5, 0}, "normalised nodes");
  expect_close(norm.tie, by_tie(g, {{0, 1, 0.4}, {1, 2, 0.6}, {2, 3, 0.6}, {3, 4, 0.4}}), "normalised ties");
}

TEST(Betweenness, Star) {
  // Centre 0 and leaves 1..4: the centre lies on all C(4,2) = 6 leaf pairs;
  // normalised 6 * 2 / (4 * 3) = 1 (networkx: nx.star_graph(4)). Directed
  // out-star: no path has an inner node.
  const std::vector<PathRow> rows{{0, 1}, {0, 2}, {0, 3}, {0, 4}};
  const Graph g = path_rows_graph(5, rows, false);
  expect_close(run(g, PathLength::hops, false).node, {6, 0, 0, 0, 0}, "raw");
  expect_close(run(g, PathLength::hops, true).node, {1, 0, 0, 0, 0}, "normalised");
  // Every leaf pair's one path uses two spokes; each spoke serves its leaf
  // with the centre (1) and with 3 other leaves: raw 4.
  expect_close(run(g, PathLength::hops, false).tie, by_tie(g, {{0, 1, 4}, {0, 2, 4}, {0, 3, 4}, {0, 4, 4}}), "ties");
  const Graph d = path_rows_graph(5, rows, true);
  expect_close(run(d, PathLength::hops, true).node, {0, 0, 0, 0, 0}, "directed");
}

TEST(Betweenness, DirectedPath) {
  // 0 -> 1 -> 2: node 1 on the one path 0 -> 2, normalised 1 / ((n-1)(n-2))
  // = 0.5. Ties: 0 -> 1 serves (0,1), (0,2): 2, normalised / (n(n-1)) = 1/3.
  // networkx: betweenness_centrality(DiGraph) = 0, .5, 0;
  // edge_betweenness_centrality = 1/3, 1/3 (raw 2, 2).
  const Graph g = path_rows_graph(3, {{0, 1}, {1, 2}}, true);
  expect_close(run(g, PathLength::hops, false).node, {0, 1, 0}, "raw");
  expect_close(run(g, PathLength::hops, true).node, {0, 0.5, 0}, "normalised");
  expect_close(run(g, PathLength::hops, false).tie, by_tie(g, {{0, 1, 2}, {1, 2, 2}}), "raw ties");
  expect_close(run(g, PathLength::hops, true).tie, by_tie(g, {{0, 1, 1.0 / 3}, {1, 2, 1.0 / 3}}), "ties");
}

TEST(Betweenness, KrackhardtKite) {
  // nx.betweenness_centrality(nx.krackhardt_kite_graph()), networkx 3.6.1.
  const Graph g = path_rows_graph(10,
                                  {{0, 1}, {0, 2}, {0, 3}, {0, 5}, {1, 3}, {1, 4}, {1, 6}, {2, 3}, {2, 5},
                                   {3, 4}, {3, 5}, {3, 6}, {4, 6}, {5, 6}, {5, 7}, {6, 7}, {7, 8}, {8, 9}},
                                  false);
  expect_close(run(g, PathLength::hops, true).node,
               {0.023148148148148143, 0.023148148148148143, 0.0, 0.10185185185185183, 0.0, 0.23148148148148148,
                0.23148148148148148, 0.38888888888888884, 0.2222222222222222, 0.0},
               "kite");
}

TEST(Betweenness, WeightedLengthsAddFromTheSourceAndCompareExactly) {
  // Ring 0 -0.1- 1 -0.2- 2 -0.3- 3 -0.6- 0, lengths = weights. In doubles
  // (0.1 + 0.2) + 0.3 = 0.6000000000000001 > 0.6 but (0.3 + 0.2) + 0.1 = 0.6:
  // from 0 the one shortest path to 3 is the direct tie, from 3 to 0 there
  // are two. Ordered pairs: (0,2), (2,0) through 1; (1,3), (3,1) through 2;
  // (3,0) half through 1 and 2. Raw (halved): 1 and 2 get 2.5 / 2 = 1.25.
  // networkx betweenness_centrality(G, normalized=False, weight="weight")
  // = 0, 1.25, 1.25, 0; edge_betweenness_centrality: (0,1) 2.25, (1,2) 3.25,
  // (2,3) 2.25, (0,3) 0.75. Unweighted: 0.5 each (two 2-hop paths per pair).
  const Graph g = path_rows_graph(4, {{0, 1, 0.1}, {1, 2, 0.2}, {2, 3, 0.3}, {0, 3, 0.6}}, false);
  const auto r = run(g, PathLength::weight, false);
  expect_close(r.node, {0, 1.25, 1.25, 0}, "nodes");
  expect_close(r.tie, by_tie(g, {{0, 1, 2.25}, {1, 2, 3.25}, {2, 3, 2.25}, {0, 3, 0.75}}), "ties");
  expect_close(run(g, PathLength::hops, false).node, {0.5, 0.5, 0.5, 0.5}, "hops");
}

// 0 -2- 1 -2- 2 -1- 3, 0 -1- 2, a self-loop on 3; tie {0,1} made of two
// interactions (one each way) of weight 1.
const std::vector<PathRow> kTriangleRows{{0, 1, 1}, {1, 0, 1}, {1, 2, 2}, {0, 2, 1}, {2, 3, 1}, {3, 3, 5}};

TEST(Betweenness, PathLengthChoosesTheShortestPaths) {
  // networkx, G.add_weighted_edges_from([(0,1,2),(1,2,2),(0,2,1),(2,3,1),
  // (3,3,5)]), G[u][v]["distance"] = 1 / w, normalized=False.
  // hops / weight: 0 -> 2 directly (1 hop; length 1 < 2 + 2); node 2 serves
  // {0,3}, {1,3}: 2. inverse (lengths 0.5, 0.5, 1, 1): 0-1-2 has length
  // 0.5 + 0.5 = 1, the direct tie's, so {0,2} and {0,3} each have two
  // shortest paths, one through 1: node 1 gets 1/2 + 1/2 = 1; node 2 is on
  // every path of {0,3} and {1,3}: 2. Ties as networkx gives them:
  const Graph g = path_rows_graph(4, kTriangleRows, false);
  struct Case {
    PathLength length;
    std::vector<double> node;
    std::vector<TieValue> ties;
    std::vector<double> node_norm;
    std::vector<TieValue> ties_norm;
  };
  const std::vector<Case> cases{
      {PathLength::hops, {0, 0, 2, 0}, {{0, 1, 1}, {0, 2, 2}, {1, 2, 2}, {2, 3, 3}, {3, 3, 0}},
       {0, 0, 2.0 / 3, 0}, {{0, 1, 1.0 / 6}, {0, 2, 1.0 / 3}, {1, 2, 1.0 / 3}, {2, 3, 0.5}, {3, 3, 0}}},
      {PathLength::inverse, {0, 1, 2, 0}, {{0, 1, 2}, {0, 2, 1}, {1, 2, 3}, {2, 3, 3}, {3, 3, 0}},
       {0, 1.0 / 3, 2.0 / 3, 0}, {{0, 1, 1.0 / 3}, {0, 2, 1.0 / 6}, {1, 2, 0.5}, {2, 3, 0.5}, {3, 3, 0}}},
      {PathLength::weight, {0, 0, 2, 0}, {{0, 1, 1}, {0, 2, 2}, {1, 2, 2}, {2, 3, 3}, {3, 3, 0}},
       {0, 0, 2.0 / 3, 0}, {{0, 1, 1.0 / 6}, {0, 2, 1.0 / 3}, {1, 2, 1.0 / 3}, {2, 3, 0.5}, {3, 3, 0}}},
  };
  for (const Case& c : cases) {
    const std::string name = to_string(c.length);
    const auto raw = run(g, c.length, false);
    expect_close(raw.node, c.node, name + " raw nodes");
    expect_close(raw.tie, by_tie(g, c.ties), name + " raw ties");
    const auto norm = run(g, c.length, true);
    expect_close(norm.node, c.node_norm, name + " normalised nodes");
    expect_close(norm.tie, by_tie(g, c.ties_norm), name + " normalised ties");
  }
}

TEST(Betweenness, DirectedWeighted) {
  // The rows above as a DiGraph plus 3 -> 0 (weight 1): networkx
  // betweenness_centrality / edge_betweenness_centrality, normalized=False.
  std::vector<PathRow> rows{{0, 1, 2}, {1, 2, 2}, {0, 2, 1}, {2, 3, 1}, {3, 3, 5}, {3, 0, 1}};
  const Graph g = path_rows_graph(4, rows, true);
  const auto hops = run(g, PathLength::hops, false);
  expect_close(hops.node, {3, 0, 3, 3}, "hops");
  expect_close(hops.tie, by_tie(g, {{0, 1, 3}, {0, 2, 3}, {1, 2, 3}, {2, 3, 6}, {3, 3, 0}, {3, 0, 6}}), "hops ties");
  const auto inv = run(g, PathLength::inverse, false);
  expect_close(inv.node, {3, 1.5, 3, 3}, "inverse");
  expect_close(inv.tie, by_tie(g, {{0, 1, 4.5}, {0, 2, 1.5}, {1, 2, 4.5}, {2, 3, 6}, {3, 3, 0}, {3, 0, 6}}),
               "inverse ties");
  // Normalised: / ((n-1)(n-2)) = / 6 for nodes, / (n(n-1)) = / 12 for ties.
  const auto norm = run(g, PathLength::inverse, true);
  expect_close(norm.node, {0.5, 0.25, 0.5, 0.5}, "inverse normalised");
  expect_close(norm.tie, by_tie(g, {{0, 1, 0.375}, {0, 2, 0.125}, {1, 2, 0.375}, {2, 3, 0.5}, {3, 3, 0}, {3, 0, 0.5}}),
               "inverse normalised ties");
}

TEST(Betweenness, LongPathAndCycleMatchClosedForms) {
  // Hundreds of levels, sources far apart in one batch of 8. Path 0 - 1 -
  // ... - (n-1): node i lies on the i (n-1-i) pairs it separates, tie
  // {i, i+1} on (i+1)(n-1-i). Directed cycle 0 -> 1 -> ... -> 0: each pair
  // has one path, with (t - s - 1) mod n inner nodes, so every node is inner
  // to sum_{k=1}^{n-2} k = (n-1)(n-2)/2 pairs (normalised 1/2), and every
  // tie carries sum_{k=1}^{n-1} k = n(n-1)/2 pairs (normalised 1/2).
  const node_id n = 601;
  std::vector<PathRow> path, cycle;
  for (node_id i = 0; i + 1 < n; ++i) path.push_back({i, i + 1});
  for (node_id i = 0; i < n; ++i) cycle.push_back({i, (i + 1) % n});
  const Graph p = path_rows_graph(n, path, false);
  const auto rp = run(p, PathLength::hops, false);
  std::vector<double> node(n), tie(n - 1);
  for (node_id i = 0; i < n; ++i) node[i] = double(i) * double(n - 1 - i);
  for (node_id i = 0; i + 1 < n; ++i) tie[path_tie_id(p, i, i + 1)] = double(i + 1) * double(n - 1 - i);
  expect_close(rp.node, node, "path nodes");
  expect_close(rp.tie, tie, "path ties");
  const Graph c = path_rows_graph(n, cycle, true);
  const auto rc = run(c, PathLength::hops, true);
  expect_close(rc.node, std::vector<double>(n, 0.5), "cycle nodes");
  expect_close(rc.tie, std::vector<double>(n, 0.5), "cycle ties");
}

TEST(Betweenness, TinyGraphs) {
  const Graph empty = path_rows_graph(0, {}, false);
  const auto e = run(empty, PathLength::hops, true);
  EXPECT_TRUE(e.node.empty());
  EXPECT_TRUE(e.tie.empty());

  // One node with a self-loop: networkx gives 0 and {(0, 0): 0}.
  const Graph one = path_rows_graph(1, {{0, 0}}, false);
  EXPECT_EQ(run(one, PathLength::inverse, true).node, std::vector<double>{0.0});
  EXPECT_EQ(run(one, PathLength::inverse, true).tie, std::vector<double>{0.0});

  // Two nodes, one tie: no inner nodes. Undirected: the pair uses the tie,
  // raw 1, normalised 2 / (n(n-1)) = 1. Directed 0 -> 1: raw 1, normalised
  // 1 / (n(n-1)) = 0.5 (networkx: edge_betweenness_centrality).
  const Graph two = path_rows_graph(2, {{0, 1}}, false);
  EXPECT_EQ(run(two, PathLength::hops, true).node, (std::vector<double>{0, 0}));
  EXPECT_EQ(run(two, PathLength::hops, true).tie, std::vector<double>{1.0});
  EXPECT_EQ(run(two, PathLength::hops, false).tie, std::vector<double>{1.0});
  const Graph two_d = path_rows_graph(2, {{0, 1}}, true);
  EXPECT_EQ(run(two_d, PathLength::weight, true).tie, std::vector<double>{0.5});
  EXPECT_EQ(run(two_d, PathLength::weight, false).tie, std::vector<double>{1.0});

  // Without options.ties the tie vector stays empty.
  EXPECT_TRUE(betweenness(two).tie.empty());
}

TEST(Betweenness, RejectsLengthsThatAreNotPositiveAndFinite) {
  const Graph zero = path_rows_graph(3, {{0, 1, 0.0}, {1, 2, 1.0}}, false);
  EXPECT_THROW(run(zero, PathLength::weight, true), InputError);
  EXPECT_THROW(run(zero, PathLength::inverse, true), InputError);  // 1 / 0
  EXPECT_NO_THROW(run(zero, PathLength::hops, true));
  const Graph tiny = path_rows_graph(3, {{0, 1, 1e-320}, {1, 2, 1.0}}, false);
  EXPECT_THROW(run(tiny, PathLength::inverse, true), InputError);  // 1 / 1e-320 = inf
}

TEST(Betweenness, MatchesSerialReferenceOnRandomGraphs) {
  // Random logs with repeated pairs, self-loops, an isolated node and a
  // separate part; the reference sums pair by pair (serial_paths.hpp).
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const node_id n = seed % 2 ? 31 : 48;
    const auto r = testing::random_interactions(n, 3 * n, seed);
    for (const bool directed : {false, true}) {
      const Graph g = build_graph(r.n, r.input(), {directed});
      for (const PathLength p : {PathLength::hops, PathLength::inverse, PathLength::weight}) {
        for (const bool normalized : {true, false}) {
          const std::string what = "seed " + std::to_string(seed) + (directed ? " directed " : " undirected ") +
                                   to_string(p) + (normalized ? " normalised" : " raw");
          const auto want = testing::serial_betweenness(g, p, normalized);
          const auto got = run(g, p, normalized);
          expect_close(got.node, want.node, what + " nodes");
          expect_close(got.tie, want.tie, what + " ties");
          BetweennessOptions nodes_only;
          nodes_only.length = p;
          nodes_only.normalized = normalized;
          EXPECT_TRUE(same_bits(betweenness(g, nodes_only).node, got.node)) << what;
        }
      }
    }
  }
}

TEST(Betweenness, BitIdenticalForAnyThreadCount) {
  const auto r = testing::random_interactions(700, 6000, 11);
  for (const bool directed : {false, true}) {
    const Graph g = build_graph(r.n, r.input(), {directed});
    for (const PathLength p : {PathLength::hops, PathLength::inverse}) {
      BetweennessOptions o;
      o.length = p;
      o.ties = true;
      std::vector<BetweennessResult> results;
      for (const int threads : {1, 2, 4, 8}) {
        // Lift TBB's default worker limit (cores - 1) so 4 threads really run.
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
        tbb::task_arena arena(threads);
        results.push_back(arena.execute([&] { return betweenness(g, o); }));
      }
      for (std::size_t k = 1; k < results.size(); ++k) {
        EXPECT_TRUE(same_bits(results[k].node, results[0].node)) << to_string(p) << " nodes, run " << k;
        EXPECT_TRUE(same_bits(results[k].tie, results[0].tie)) << to_string(p) << " ties, run " << k;
      }
      // Not all zero: the comparison means something.
      EXPECT_GT(*std::max_element(results[0].node.begin(), results[0].node.end()), 0.0);
    }
  }
}

TEST(Betweenness, OverflowedPathCountsGiveNoNaN) {
  // 260 layers of 16 nodes, each layer joined to the whole next one: from a
  // first-layer source, layer L >= 2 has 16^(L-2) shortest paths to each
  // node, past DBL_MAX (16^256 = 2^1024 rounds to inf) in the last layers,
  // whose nodes' successors give nothing. Their delta must be 0, not
  // inf * 0 = NaN spreading to the ancestors.
  const node_id width = 16, layers = 260, n = width * layers;
  std::vector<PathRow> rows;
  for (node_id l = 0; l + 1 < layers; ++l)
    for (node_id a = 0; a < width; ++a)
      for (node_id b = 0; b < width; ++b) rows.push_back({l * width + a, (l + 1) * width + b});
  const Graph g = path_rows_graph(n, rows, true);
  const auto r = run(g, PathLength::hops, true);
  for (const double x : r.node) ASSERT_TRUE(std::isfinite(x)) << "node " << x;
  for (const double x : r.tie) ASSERT_TRUE(std::isfinite(x)) << "tie " << x;
}

TEST(Betweenness, PortableAndAvx512KernelsGiveTheSameBits) {
  if (!detail::hop_kernel_has_avx512()) GTEST_SKIP() << "no AVX-512 on this CPU: only the portable kernel runs";
  for (std::uint64_t seed = 21; seed <= 23; ++seed) {
    const auto r = testing::random_interactions(300 + 50 * node_id(seed % 3), 2500, seed);
    for (const bool directed : {false, true}) {
      const Graph g = build_graph(r.n, r.input(), {directed});
      for (const bool ties : {false, true}) {
        BetweennessOptions o;
        o.ties = ties;
        const BetweennessResult fast = betweenness(g, o);
        detail::use_portable_hop_kernel(true);
        const BetweennessResult portable = betweenness(g, o);
        detail::use_portable_hop_kernel(false);
        const std::string what = "seed " + std::to_string(seed) + (directed ? " directed" : " undirected") +
                                 (ties ? " with ties" : " nodes only");
        EXPECT_TRUE(same_bits(fast.node, portable.node)) << what;
        EXPECT_TRUE(same_bits(fast.tie, portable.tie)) << what;
        EXPECT_GT(*std::max_element(fast.node.begin(), fast.node.end()), 0.0) << what;
      }
    }
  }
}

TEST(Betweenness, ReportsProgressAndCancels) {
  const auto r = testing::random_interactions(500, 3000, 5);
  const Graph g = build_graph(r.n, r.input(), {false});
  std::vector<double> seen;
  BetweennessOptions o;
  o.progress = [&](double f) {
    seen.push_back(f);
    return true;
  };
  const auto with_progress = betweenness(g, o);
  ASSERT_GE(seen.size(), 2u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_GT(seen.front(), 0.0);
  EXPECT_EQ(seen.back(), 1.0);
  EXPECT_TRUE(same_bits(with_progress.node, betweenness(g).node));

  for (const int threads : {1, 4}) {
    int calls = 0;
    BetweennessOptions stop;
    stop.ties = true;
    stop.length = PathLength::inverse;
    stop.progress = [&](double) { return ++calls < 3; };
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    tbb::task_arena arena(threads);
    EXPECT_THROW(arena.execute([&] { return betweenness(g, stop); }), Cancelled);
    EXPECT_EQ(calls, 3);  // never called again once it said stop
  }
}

}  // namespace
}  // namespace movemap
