// Freeman centralization against igraph. python-igraph 1.0 has no
// centralization functions, so the expected values apply the C core's
// formulas (igraph_centralization: n * max - sum, divided by
// igraph_centralization_degree_tmax(mode=ALL, loops=NO_LOOPS) or
// igraph_centralization_betweenness_tmax) to python-igraph's scores:
//   d = g.degree(mode="all", loops=False); b = g.betweenness(directed=True)
//   degree:      (n max(d) - sum(d)) / ((n-1)(n-2))      undirected
//                (n max(d) - sum(d)) / (2(n-1)(n-2))     directed
//   betweenness: (n max(b) - sum(b)) / ((n-1)^2 (n-2) / 2) undirected
//                (n max(b) - sum(b)) / ((n-1)^2 (n-2))     directed
#include "movemap/structure/centralization.hpp"

#include <gtest/gtest.h>

#include "../support/random_graphs.hpp"
#include "movemap/centrality/betweenness.hpp"
#include "movemap/error.hpp"

namespace movemap {
namespace {

using testing::graph_of;

std::vector<std::pair<node_id, node_id>> star_edges(node_id n, bool both_ways) {
  std::vector<std::pair<node_id, node_id>> e;
  for (node_id v = 1; v < n; ++v) {
    e.push_back({0, v});
    if (both_ways) e.push_back({v, 0});
  }
  return e;
}

TEST(Centralization, StarIsOne) {
  // igraph.Graph.Star(6): degrees [5,1,1,1,1,1] -> (30 - 10) / 20 = 1;
  // betweenness [10,0,...] -> (60 - 10) / (25 * 4 / 2) = 1.
  const Graph star = graph_of(6, star_edges(6, false), false);
  EXPECT_DOUBLE_EQ(degree_centralization(star), 1.0);
  EXPECT_DOUBLE_EQ(betweenness_centralization(star, {10, 0, 0, 0, 0, 0}), 1.0);
  // igraph.Graph.Star(6, mode="mutual"), directed: degrees [10,2,2,2,2,2] ->
  // (60 - 20) / (2*5*4) = 1; betweenness [20,0,...] -> (120-20)/100 = 1.
  const Graph mutual = graph_of(6, star_edges(6, true), true);
  EXPECT_DOUBLE_EQ(degree_centralization(mutual), 1.0);
  EXPECT_DOUBLE_EQ(betweenness_centralization(mutual, {20, 0, 0, 0, 0, 0}), 1.0);
  // igraph.Graph.Star(6, mode="out"): degrees [5,1,...] -> 20 / 40 = 0.5
  // (the directed maximum is the two-way star).
  EXPECT_DOUBLE_EQ(degree_centralization(graph_of(6, star_edges(6, false), true)), 0.5);
}

TEST(Centralization, CompleteIsZero) {
  std::vector<std::pair<node_id, node_id>> e;
  for (node_id u = 0; u < 5; ++u)
    for (node_id v = u + 1; v < 5; ++v) e.push_back({u, v});
  // igraph.Graph.Full(5): degree and betweenness centralization 0.
  EXPECT_EQ(degree_centralization(graph_of(5, e, false)), 0.0);
  EXPECT_EQ(betweenness_centralization(graph_of(5, e, false), {0, 0, 0, 0, 0}), 0.0);
}

TEST(Centralization, PathHandCase) {
  // Path 0-1-2-3 (by hand and igraph): degrees 1,2,2,1 -> (8 - 6) / (3*2)
  // = 1/3; betweenness 0,2,2,0 -> (8 - 4) / (9*2/2) = 4/9.
  const Graph p = graph_of(4, {{0, 1}, {1, 2}, {2, 3}}, false);
  EXPECT_NEAR(degree_centralization(p), 1.0 / 3, 1e-15);
  EXPECT_NEAR(betweenness_centralization(p, {0, 2, 2, 0}), 4.0 / 9, 1e-15);
}

TEST(Centralization, SelfLoopsNotCounted) {
  // igraph.Graph([(0,1),(0,2),(1,2),(2,3),(3,4),(3,0),(2,2)]):
  // degree(loops=False) [3,2,3,3,1] -> (15 - 12) / 12 = 0.25;
  // betweenness [1,0,1,3,0] -> (15 - 5) / 24 = 0.4166666666666667.
  const Graph h = graph_of(5, {{0, 1}, {0, 2}, {1, 2}, {2, 3}, {3, 4}, {3, 0}, {2, 2}}, false);
  EXPECT_NEAR(degree_centralization(h), 0.25, 1e-15);
  EXPECT_NEAR(betweenness_centralization(h, {1, 0, 1, 3, 0}), 0.4166666666666667, 1e-15);
  // Directed: igraph.Graph([(0,1),(1,0),(1,2),(2,3),(3,1),(4,1),(4,4)],
  // directed=True): degree(mode="all", loops=False) [2,5,2,2,1] ->
  // (25 - 12) / 24 = 0.5416666666666666; betweenness [0,8,3,2,0] ->
  // (40 - 13) / 48 = 0.5625.
  const Graph d = graph_of(5, {{0, 1}, {1, 0}, {1, 2}, {2, 3}, {3, 1}, {4, 1}, {4, 4}}, true);
  EXPECT_NEAR(degree_centralization(d), 0.5416666666666666, 1e-15);
  EXPECT_NEAR(betweenness_centralization(d, {0, 8, 3, 2, 0}), 0.5625, 1e-15);
}

TEST(Centralization, WithEngineBetweenness) {
  // The same two graphs with raw scores from betweenness(normalized=false):
  // igraph's 0.4166666666666667 and 0.5625 again.
  const BetweennessOptions raw{.normalized = false};
  const Graph h = graph_of(5, {{0, 1}, {0, 2}, {1, 2}, {2, 3}, {3, 4}, {3, 0}, {2, 2}}, false);
  EXPECT_NEAR(betweenness_centralization(h, betweenness(h, raw).node), 0.4166666666666667, 1e-15);
  const Graph d = graph_of(5, {{0, 1}, {1, 0}, {1, 2}, {2, 3}, {3, 1}, {4, 1}, {4, 4}}, true);
  EXPECT_NEAR(betweenness_centralization(d, betweenness(d, raw).node), 0.5625, 1e-15);
}

TEST(Centralization, TinyGraphsAreZeroAndSizesChecked) {
  EXPECT_EQ(degree_centralization(graph_of(2, {{0, 1}}, false)), 0.0);
  EXPECT_EQ(degree_centralization(graph_of(0, {}, true)), 0.0);
  EXPECT_EQ(betweenness_centralization(graph_of(2, {{0, 1}}, true), {0, 0}), 0.0);
  EXPECT_THROW(betweenness_centralization(graph_of(3, {{0, 1}}, false), {0, 0}), UsageError);
}

}  // namespace
}  // namespace movemap
