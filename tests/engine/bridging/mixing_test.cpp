// Mixing matrix, attribute assortativity and the E-I index. Assortativity
// and matrices: networkx values (tests/reference/bridging_reference.py);
// E-I: hand calculation and a serial count over the reference tie map; the
// permutation test: thread independence, the analytic mean of the null and
// planted / random labels.
#include "movemap/bridging/mixing.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <random>

#include "../support/random_graphs.hpp"

namespace movemap {
namespace {

using testing::graph_of;
using Edges = std::vector<std::pair<node_id, node_id>>;

// --- networkx golden values (bridging_reference.py) ----------------------

const Edges kKarate = {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {0, 6}, {0, 7}, {0, 8}, {0, 10}, {0, 11}, {0, 12}, {0, 13}, {0, 17}, {0, 19}, {0, 21}, {0, 31}, {1, 2}, {1, 3}, {1, 7}, {1, 13}, {1, 17}, {1, 19}, {1, 21}, {1, 30}, {2, 3}, {2, 7}, {2, 8}, {2, 9}, {2, 13}, {2, 27}, {2, 28}, {2, 32}, {3, 7}, {3, 12}, {3, 13}, {4, 6}, {4, 10}, {5, 6}, {5, 10}, {5, 16}, {6, 16}, {8, 30}, {8, 32}, {8, 33}, {9, 33}, {13, 33}, {14, 32}, {14, 33}, {15, 32}, {15, 33}, {18, 32}, {18, 33}, {19, 33}, {20, 32}, {20, 33}, {22, 32}, {22, 33}, {23, 25}, {23, 27}, {23, 29}, {23, 32}, {23, 33}, {24, 25}, {24, 27}, {24, 31}, {25, 31}, {26, 29}, {26, 33}, {27, 33}, {28, 31}, {28, 33}, {29, 32}, {29, 33}, {30, 32}, {30, 33}, {31, 32}, {31, 33}, {32, 33}};
const std::vector<std::uint32_t> kKarateClub = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
const Edges kLoops = {{0, 14}, {0, 23}, {0, 4}, {0, 6}, {0, 11}, {0, 18}, {0, 0}, {1, 20}, {2, 4}, {2, 10}, {2, 9}, {3, 5}, {3, 17}, {4, 14}, {4, 8}, {5, 8}, {5, 24}, {5, 6}, {5, 13}, {5, 10}, {6, 13}, {6, 24}, {6, 17}, {6, 22}, {7, 24}, {7, 12}, {7, 18}, {7, 7}, {8, 19}, {9, 10}, {9, 12}, {9, 19}, {9, 11}, {10, 22}, {11, 23}, {11, 15}, {12, 24}, {15, 22}, {16, 20}, {19, 21}, {20, 21}, {22, 23}};
const std::vector<std::uint32_t> kLoopsGroup = {0, 3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1, 0};
const Edges kDirected = {{0, 15}, {0, 2}, {0, 8}, {0, 9}, {1, 9}, {1, 4}, {1, 12}, {2, 19}, {2, 15}, {3, 6}, {3, 1}, {3, 19}, {4, 4}, {5, 18}, {6, 13}, {7, 18}, {7, 6}, {7, 4}, {7, 10}, {8, 17}, {8, 13}, {8, 4}, {9, 13}, {9, 3}, {9, 19}, {10, 17}, {11, 19}, {11, 3}, {11, 2}, {12, 4}, {12, 13}, {12, 18}, {13, 18}, {13, 4}, {14, 4}, {15, 18}, {15, 17}, {15, 19}, {15, 6}, {15, 2}, {16, 12}, {16, 7}, {17, 4}, {17, 15}, {17, 18}, {17, 8}, {17, 1}, {18, 11}, {18, 8}, {18, 10}, {19, 5}};
const std::vector<std::uint32_t> kDirectedGroup = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1};

TEST(Mixing, AssortativityMatchesNetworkx) {
  EXPECT_NEAR(attribute_assortativity(graph_of(34, kKarate, false), kKarateClub, 2), 0.717530864197531, 1e-14);
  EXPECT_NEAR(attribute_assortativity(graph_of(25, kLoops, false), kLoopsGroup, 4), 0.0179640718562874, 1e-14);
  EXPECT_NEAR(attribute_assortativity(graph_of(20, kDirected, true), kDirectedGroup, 3), -0.030600461893764468,
              1e-14);
}

TEST(Mixing, MatrixMatchesNetworkx) {
  // Undirected: a tie between different actors counts in both cells (twice
  // on the diagonal), a self-loop once.
  EXPECT_EQ(mixing_matrix(graph_of(34, kKarate, false), kKarateClub, 2).ties,
            (std::vector<std::uint64_t>{70, 11, 11, 64}));
  EXPECT_EQ(mixing_matrix(graph_of(25, kLoops, false), kLoopsGroup, 4).ties,
            (std::vector<std::uint64_t>{9, 5, 6, 5, 5, 5, 3, 5, 6, 3, 6, 6, 5, 5, 6, 2}));
  // Directed: rows = source group.
  EXPECT_EQ(mixing_matrix(graph_of(20, kDirected, true), kDirectedGroup, 3).ties,
            (std::vector<std::uint64_t>{7, 9, 6, 6, 6, 2, 5, 7, 3}));
}

TEST(Mixing, WeightsFollowTheSameCells) {
  // 0 -(0,1)- 1 within group 0 (weight 2 x 1.5), 1 - 2 across, 2 - 2 loop.
  const Graph g = graph_of(3, {{0, 1}, {0, 1}, {1, 2}, {2, 2}}, false, 1.5);
  const MixingMatrix m = mixing_matrix(g, {0, 0, 1}, 2);
  EXPECT_EQ(m.ties, (std::vector<std::uint64_t>{2, 1, 1, 1}));
  EXPECT_EQ(m.weight, (std::vector<double>{6.0, 1.5, 1.5, 1.5}));
}

TEST(Mixing, UndefinedAndBadArguments) {
  const Graph g = graph_of(3, {{0, 1}, {1, 2}}, false);
  EXPECT_TRUE(std::isnan(attribute_assortativity(g, {0, 0, 0}, 1)));  // one group: 0/0 (networkx: nan)
  // No ties: NaN as igraph's assortativity_nominal (networkx returns 0.0).
  EXPECT_TRUE(std::isnan(attribute_assortativity(graph_of(3, {}, false), {0, 1, 0}, 2)));
  EXPECT_THROW(mixing_matrix(g, {0, 1}, 2), UsageError);
  EXPECT_THROW(mixing_matrix(g, {0, 1, 2}, 2), UsageError);
  EXPECT_THROW(ei_index(g, {0, 1, 5}, 2), UsageError);
}

// --- E-I index -----------------------------------------------------------

TEST(EIIndex, HandCalculation) {
  // Groups A = {0,1,2} (0), B = {3,4,5} (1), C empty (2).
  // Internal: 0-1, 1-2, 0-2 in A; 3-4 in B. External: 2-3, 0-5. The loop
  // 4-4 is neither.
  const Graph g = graph_of(6, {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {2, 3}, {0, 5}, {4, 4}}, false);
  const EIIndex r = ei_index(g, {0, 0, 0, 1, 1, 1}, 3, {0, 1});
  EXPECT_EQ(r.internal, (std::vector<std::uint64_t>{3, 1, 0}));
  EXPECT_EQ(r.external, (std::vector<std::uint64_t>{2, 2, 0}));
  EXPECT_EQ(r.total_internal, 4u);
  EXPECT_EQ(r.total_external, 2u);
  EXPECT_DOUBLE_EQ(r.ei[0], (2.0 - 3.0) / 5.0);  // -0.2
  EXPECT_DOUBLE_EQ(r.ei[1], (2.0 - 1.0) / 3.0);  //  1/3
  EXPECT_TRUE(std::isnan(r.ei[2]));
  EXPECT_DOUBLE_EQ(r.overall, (2.0 - 4.0) / 6.0);  // -1/3
  EXPECT_EQ(r.permutations, 0u);
  EXPECT_TRUE(std::isnan(r.p_value));
  // Directed, with the reciprocal 3 <-> 4: two internal ties.
  const Graph d = graph_of(6, {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 3}, {2, 3}, {0, 5}}, true);
  const EIIndex rd = ei_index(d, {0, 0, 0, 1, 1, 1}, 2, {0, 1});
  EXPECT_EQ(rd.internal, (std::vector<std::uint64_t>{3, 2}));
  EXPECT_DOUBLE_EQ(rd.overall, (2.0 - 5.0) / 7.0);
}

TEST(EIIndex, CountsMatchSerialReference) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const auto r = testing::random_interactions(150, 400, seed);
    std::mt19937_64 rng(seed);
    std::vector<std::uint32_t> group(r.n);
    for (auto& x : group) x = rng() % 5;
    for (const bool directed : {false, true}) {
      const EIIndex ei = ei_index(build_graph(r.n, r.input(), {directed}), group, 5, {0, 1});
      std::vector<std::uint64_t> in(5, 0), ex(5, 0);
      for (const auto& [pair, tie] : testing::reference_ties(r, directed)) {
        const auto [u, v] = pair;
        if (u == v) continue;
        if (group[u] == group[v]) ++in[group[u]];
        else ++ex[group[u]], ++ex[group[v]];
      }
      EXPECT_EQ(ei.internal, in);
      EXPECT_EQ(ei.external, ex);
    }
  }
}

TEST(EIIndex, PermutationsIndependentOfThreads) {
  const auto r = testing::random_interactions(2000, 6000, 9);
  const Graph g = build_graph(r.n, r.input(), {false});
  std::vector<std::uint32_t> group(r.n);
  for (node_id v = 0; v < r.n; ++v) group[v] = v % 7;
  EIIndex one, two;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = ei_index(g, group, 7, {300, 42});
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
    two = ei_index(g, group, 7, {300, 42});
  }
  EXPECT_EQ(one.expected, two.expected);
  EXPECT_EQ(one.p_value, two.p_value);
  EXPECT_EQ(one.permutations, 300u);
  const EIIndex other_seed = ei_index(g, group, 7, {300, 43});
  EXPECT_NE(other_seed.expected, one.expected);
}

TEST(EIIndex, NullMeanMatchesAnalyticExpectation) {
  // Under a uniform shuffle of labels, a tie between two different actors is
  // internal with probability sum_g n_g (n_g - 1) / (N (N - 1)), so
  // E[EI] = 1 - 2 * that, whatever the ties.
  const auto r = testing::random_interactions(400, 1500, 5);
  const Graph g = build_graph(r.n, r.input(), {false});
  std::vector<std::uint32_t> group(r.n);
  std::vector<double> size(3, 0);
  for (node_id v = 0; v < r.n; ++v) ++size[group[v] = v < 200 ? 0 : v < 320 ? 1 : 2];
  double same = 0;
  for (const double s : size) same += s * (s - 1);
  same /= 400.0 * 399.0;
  const EIIndex ei = ei_index(g, group, 3, {4000, 3});
  // Standard error of the mean over 4000 permutations of ~1000 ties: < 0.001.
  EXPECT_NEAR(ei.expected, 1 - 2 * same, 0.004);
}

TEST(EIIndex, PlantedGroupsAreSignificantRandomOnesAreNot) {
  // 4 groups of 50; 600 ties inside groups, 40 across.
  std::mt19937_64 rng(11);
  Edges edges;
  for (int i = 0; i < 600; ++i) {
    const node_id base = 50 * (rng() % 4);
    edges.emplace_back(base + rng() % 50, base + rng() % 50);
  }
  for (int i = 0; i < 40; ++i) edges.emplace_back(rng() % 200, rng() % 200);
  const Graph g = graph_of(200, edges, false);
  std::vector<std::uint32_t> planted(200), random(200);
  for (node_id v = 0; v < 200; ++v) planted[v] = v / 50;
  const EIIndex p = ei_index(g, planted, 4, {999, 1});
  EXPECT_LT(p.overall, -0.8);
  EXPECT_GT(p.expected, 0.4);
  EXPECT_LT(p.p_value, 0.01);
  EXPECT_DOUBLE_EQ(p.p_value, 1.0 / 1000.0);  // no shuffle comes close
  for (auto& x : random) x = rng() % 4;
  const EIIndex q = ei_index(g, random, 4, {999, 1});
  EXPECT_GE(q.p_value, 0.01);
}

}  // namespace
}  // namespace movemap
