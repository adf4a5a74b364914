// Closeness and harmonic closeness: hand-worked graphs with networkx's
// values (incoming distances on directed graphs, disconnected parts,
// wf_improved), weighted lengths, the serial reference on random graphs,
// thread-count independence, progress and cancellation, tiny graphs.
#include "movemap/centrality/closeness.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "../support/random_graphs.hpp"
#include "../support/serial_paths.hpp"
#include "movemap/error.hpp"

namespace movemap {
namespace {

using testing::path_rows_graph;
using testing::PathRow;

void expect_close(const std::vector<double>& got, const std::vector<double>& want, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_NEAR(got[i], want[i], 1e-9 * std::max(1.0, std::abs(want[i]))) << what << ", index " << i;
  }
}

ClosenessOptions with(PathLength length, bool wf_improved = true) {
  ClosenessOptions o;
  o.length = length;
  o.wf_improved = wf_improved;
  return o;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

TEST(Closeness, PathGraph) {
  // 0 - 1 - 2 - 3 - 4: node 0's distances sum to 1+2+3+4 = 10, closeness
  // 4/10; node 1: 1+1+2+3 = 7, 4/7; node 2: 6, 4/6. Harmonic: node 0
  // 1 + 1/2 + 1/3 + 1/4 = 25/12; node 1: 1 + 1 + 1/2 + 1/3 = 17/6; node 2:
  // 1 + 1 + 1/2 + 1/2 = 3. (networkx closeness_centrality and
  // harmonic_centrality of nx.path_graph(5) agree.)
  const Graph g = path_rows_graph(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}}, false);
  expect_close(closeness(g), {0.4, 4.0 / 7, 4.0 / 6, 4.0 / 7, 0.4}, "closeness");
  expect_close(harmonic_closeness(g), {25.0 / 12, 17.0 / 6, 3, 17.0 / 6, 25.0 / 12}, "harmonic");
}

TEST(Closeness, Star) {
  // Centre: 4 leaves at 1, closeness 4/4 = 1, harmonic 4. A leaf: 1 + 3*2 =
  // 7, closeness 4/7; harmonic 1 + 3/2 = 2.5 (networkx, nx.star_graph(4)).
  const std::vector<PathRow> rows{{0, 1}, {0, 2}, {0, 3}, {0, 4}};
  const Graph g = path_rows_graph(5, rows, false);
  expect_close(closeness(g), {1, 4.0 / 7, 4.0 / 7, 4.0 / 7, 4.0 / 7}, "closeness");
  expect_close(harmonic_closeness(g), {4, 2.5, 2.5, 2.5, 2.5}, "harmonic");
  // Directed out-star: distances are measured *to* a node, so the centre
  // (nobody reaches it) gets 0 and each leaf, reached by the centre only,
  // (1/1) * (1/4) = 0.25 (networkx on nx.DiGraph: 0, .25, .25, .25, .25;
  // harmonic 0, 1, 1, 1, 1).
  const Graph d = path_rows_graph(5, rows, true);
  expect_close(closeness(d), {0, 0.25, 0.25, 0.25, 0.25}, "directed closeness");
  expect_close(harmonic_closeness(d), {0, 1, 1, 1, 1}, "directed harmonic");
}

TEST(Closeness, DirectedUsesIncomingDistances) {
  // 0 -> 1, 1 -> 2, 0 -> 2, 3 -> 2. Node 2 is reached by 0, 1, 3 at 1 hop:
  // (3/3) * (3/3) = 1; node 1 by 0 only: (1/1) * (1/3); 0 and 3 by nobody.
  // networkx closeness_centrality(DiGraph): 0, 1/3, 1, 0 (wf_improved=False:
  // 0, 1, 1, 0); harmonic_centrality: 0, 1, 3, 0.
  const Graph g = path_rows_graph(4, {{0, 1}, {1, 2}, {0, 2}, {3, 2}}, true);
  expect_close(closeness(g), {0, 1.0 / 3, 1, 0}, "closeness");
  expect_close(closeness(g, with(PathLength::hops, false)), {0, 1, 1, 0}, "closeness, no wf");
  expect_close(harmonic_closeness(g), {0, 1, 3, 0}, "harmonic");
}

TEST(Closeness, DisconnectedParts) {
  // 0 - 1 - 2, 3 - 4, isolate 5 (n = 6). Node 1: r = 3, S = 2: 2/2 = 1,
  // scaled by (r-1)/(n-1) = 2/5: 0.4. Node 0: 2/3 * 2/5 = 4/15. Node 3:
  // 1/1 * 1/5. Isolate: 0. networkx: .2667, .4, .2667, .2, .2, 0;
  // wf_improved=False: .6667, 1, .6667, 1, 1, 0; harmonic 1.5, 2, 1.5, 1, 1, 0.
  const Graph g = path_rows_graph(6, {{0, 1}, {1, 2}, {3, 4}}, false);
  expect_close(closeness(g), {4.0 / 15, 0.4, 4.0 / 15, 0.2, 0.2, 0}, "closeness");
  expect_close(closeness(g, with(PathLength::hops, false)), {2.0 / 3, 1, 2.0 / 3, 1, 1, 0}, "no wf");
  expect_close(harmonic_closeness(g), {1.5, 2, 1.5, 1, 1, 0}, "harmonic");
}

TEST(Closeness, KrackhardtKite) {
  // networkx 3.6.1: closeness_centrality / harmonic_centrality of
  // nx.krackhardt_kite_graph() (connected, so wf_improved changes nothing).
  const Graph g = path_rows_graph(10,
                                  {{0, 1}, {0, 2}, {0, 3}, {0, 5}, {1, 3}, {1, 4}, {1, 6}, {2, 3}, {2, 5},
                                   {3, 4}, {3, 5}, {3, 6}, {4, 6}, {5, 6}, {5, 7}, {6, 7}, {7, 8}, {8, 9}},
                                  false);
  const std::vector<double> c{0.5294117647058824, 0.5294117647058824, 0.5, 0.6, 0.5, 0.6428571428571429,
                              0.6428571428571429, 0.6, 0.42857142857142855, 0.3103448275862069};
  expect_close(closeness(g), c, "closeness");
  expect_close(closeness(g, with(PathLength::hops, false)), c, "no wf");
  expect_close(harmonic_closeness(g),
               {6.083333333333333, 6.083333333333333, 5.583333333333333, 7.083333333333333, 5.583333333333333,
                6.833333333333333, 6.833333333333333, 6.0, 4.666666666666666, 3.4166666666666665},
               "harmonic");
}

TEST(Closeness, WeightedLengths) {
  // 0 -2- 1 -2- 2 -1- 3, 0 -1- 2, self-loop on 3, tie {0,1} from two
  // interactions of weight 1. networkx with G[u][v]["distance"] = 1 / w:
  //   inverse: closeness .8571, 1.2, 1.2, .6667; harmonic 3.5, 4.6667, 4, 2.1667
  //   (node 1: distances .5, .5, 1.5 -> 3 / 2.5 = 1.2);
  //   weight:  closeness .6, .4286, .75, .5; harmonic 2, 1.3333, 2.5, 1.8333.
  const Graph g = path_rows_graph(4, {{0, 1, 1}, {1, 0, 1}, {1, 2, 2}, {0, 2, 1}, {2, 3, 1}, {3, 3, 5}}, false);
  expect_close(closeness(g, with(PathLength::inverse)), {0.8571428571428571, 1.2, 1.2, 0.6666666666666666},
               "inverse");
  expect_close(harmonic_closeness(g, with(PathLength::inverse)),
               {3.5, 4.666666666666667, 4.0, 2.1666666666666665}, "inverse harmonic");
  expect_close(closeness(g, with(PathLength::weight)), {0.6, 0.42857142857142855, 0.75, 0.5}, "weight");
  expect_close(harmonic_closeness(g, with(PathLength::weight)), {2.0, 1.3333333333333333, 2.5, 1.8333333333333333},
               "weight harmonic");

  // The same rows directed, plus 3 -> 0 (networkx on the DiGraph).
  const Graph d =
      path_rows_graph(4, {{0, 1, 2}, {1, 2, 2}, {0, 2, 1}, {2, 3, 1}, {3, 3, 5}, {3, 0, 1}}, true);
  expect_close(closeness(d, with(PathLength::inverse)),
               {0.5454545454545454, 0.6666666666666666, 0.8571428571428571, 0.6666666666666666}, "directed inverse");
  expect_close(harmonic_closeness(d, with(PathLength::inverse)), {1.9, 3.0666666666666664, 3.5, 2.1666666666666665},
               "directed inverse harmonic");
  expect_close(closeness(d, with(PathLength::weight)),
               {0.42857142857142855, 0.3333333333333333, 0.6, 0.5}, "directed weight");
  expect_close(closeness(d), {0.5, 0.5, 0.75, 0.6}, "directed hops");
}

TEST(Closeness, TinyGraphs) {
  const Graph empty = path_rows_graph(0, {}, false);
  EXPECT_TRUE(closeness(empty).empty());
  EXPECT_TRUE(harmonic_closeness(empty).empty());
  // networkx: one node with a self-loop has closeness 0 and harmonic 0.
  const Graph one = path_rows_graph(1, {{0, 0}}, true);
  EXPECT_EQ(closeness(one), std::vector<double>{0.0});
  EXPECT_EQ(harmonic_closeness(one, with(PathLength::inverse)), std::vector<double>{0.0});
  // One tie: undirected 1, 1 (both); directed 0 -> 1: 0, 1 (networkx).
  EXPECT_EQ(closeness(path_rows_graph(2, {{0, 1}}, false)), (std::vector<double>{1, 1}));
  EXPECT_EQ(closeness(path_rows_graph(2, {{0, 1}}, true)), (std::vector<double>{0, 1}));
  EXPECT_EQ(harmonic_closeness(path_rows_graph(2, {{0, 1, 4}}, true), with(PathLength::weight)),
            (std::vector<double>{0, 0.25}));
}

TEST(Closeness, MatchesSerialReferenceOnRandomGraphs) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const node_id n = seed % 2 ? 37 : 60;
    const auto r = testing::random_interactions(n, 3 * n, seed + 100);
    for (const bool directed : {false, true}) {
      const Graph g = build_graph(r.n, r.input(), {directed});
      for (const PathLength p : {PathLength::hops, PathLength::inverse, PathLength::weight}) {
        const std::string what =
            "seed " + std::to_string(seed) + (directed ? " directed " : " undirected ") + to_string(p);
        for (const bool wf : {true, false}) {
          expect_close(closeness(g, with(p, wf)), testing::serial_closeness(g, p, wf),
                       what + (wf ? " closeness" : " closeness, no wf"));
        }
        expect_close(harmonic_closeness(g, with(p)), testing::serial_harmonic(g, p), what + " harmonic");
      }
    }
  }
}

// Hop closeness runs batches of 256 sources (multi-source BFS): sizes around
// the batch width and several batches, with a partial last one.
TEST(Closeness, HopsAcrossBatchBoundariesMatchSerialReference) {
  for (const node_id n : {255u, 256u, 257u, 600u}) {
    const auto r = testing::random_interactions(n, 2 * n, n);
    for (const bool directed : {false, true}) {
      const Graph g = build_graph(r.n, r.input(), {directed});
      const std::string what = std::to_string(n) + (directed ? " directed" : " undirected");
      for (const bool wf : {true, false})
        expect_close(closeness(g, with(PathLength::hops, wf)), testing::serial_closeness(g, PathLength::hops, wf),
                     what + " closeness");
      expect_close(harmonic_closeness(g, with(PathLength::hops)), testing::serial_harmonic(g, PathLength::hops),
                   what + " harmonic");
    }
  }
}

TEST(Closeness, IdenticalForAnyThreadCount) {
  const auto r = testing::random_interactions(600, 5000, 12);
  for (const bool directed : {false, true}) {
    const Graph g = build_graph(r.n, r.input(), {directed});
    for (const PathLength p : {PathLength::hops, PathLength::inverse}) {
      std::vector<std::vector<double>> c, h;
      for (const int threads : {1, 2, 4, 8}) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
        tbb::task_arena arena(threads);
        c.push_back(arena.execute([&] { return closeness(g, with(p)); }));
        h.push_back(arena.execute([&] { return harmonic_closeness(g, with(p)); }));
      }
      for (std::size_t k = 1; k < c.size(); ++k) {
        EXPECT_TRUE(same_bits(c[k], c[0])) << to_string(p) << " closeness, run " << k;
        EXPECT_TRUE(same_bits(h[k], h[0])) << to_string(p) << " harmonic, run " << k;
      }
      EXPECT_GT(*std::max_element(c[0].begin(), c[0].end()), 0.0);
    }
  }
}

TEST(Closeness, ReportsProgressAndCancels) {
  const auto r = testing::random_interactions(500, 3000, 6);
  const Graph g = build_graph(r.n, r.input(), {true});
  std::vector<double> seen;
  ClosenessOptions o;
  o.progress = [&](double f) {
    seen.push_back(f);
    return true;
  };
  EXPECT_TRUE(same_bits(harmonic_closeness(g, o), harmonic_closeness(g)));
  ASSERT_GE(seen.size(), 2u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_GT(seen.front(), 0.0);
  EXPECT_EQ(seen.back(), 1.0);

  for (const int threads : {1, 4}) {
    int calls = 0;
    ClosenessOptions stop = with(PathLength::inverse);
    stop.progress = [&](double) { return ++calls < 2; };
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    tbb::task_arena arena(threads);
    EXPECT_THROW(arena.execute([&] { return closeness(g, stop); }), Cancelled);
    EXPECT_EQ(calls, 2);
  }
}

TEST(Closeness, RejectsLengthsThatAreNotPositiveAndFinite) {
  const Graph zero = path_rows_graph(3, {{0, 1, 0.0}, {1, 2, 1.0}}, false);
  EXPECT_THROW(closeness(zero, with(PathLength::weight)), InputError);
  EXPECT_THROW(harmonic_closeness(zero, with(PathLength::inverse)), InputError);
  EXPECT_NO_THROW(closeness(zero));
}

}  // namespace
}  // namespace movemap
