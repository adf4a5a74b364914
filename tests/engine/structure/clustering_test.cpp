// Triangles, clustering and transitivity: a hand-worked example (values from
// networkx), directed input (the undirected simple view), and a serial
// set-based reference on random graphs.
#include "movemap/structure/clustering.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <set>

#include "../support/random_graphs.hpp"

namespace movemap {
namespace {

using testing::graph_of;

// Triangle 0-1-2, square 0-2-3 closed by 3-0, pendant 3-4, isolate 5.
const std::vector<std::pair<node_id, node_id>> kHand{{0, 1}, {0, 2}, {1, 2}, {2, 3}, {3, 0}, {3, 4}};

void expect_hand_values(const Graph& g) {
  // networkx: H = nx.Graph(kHand); H.add_node(5)
  // nx.triangles(H) -> {0: 2, 1: 1, 2: 2, 3: 1, 4: 0, 5: 0}
  // nx.clustering(H) -> {0: 2/3, 1: 1.0, 2: 2/3, 3: 1/3, 4: 0, 5: 0}
  // nx.average_clustering(H) -> 0.4444444444444444 (= 8/3 / 6)
  // nx.transitivity(H) -> 0.6 (3 * 2 triangles / 10 triples)
  EXPECT_EQ(triangles(g), (std::vector<std::uint64_t>{2, 1, 2, 1, 0, 0}));
  const std::vector<double> expected{2.0 / 3, 1.0, 2.0 / 3, 1.0 / 3, 0, 0};
  const std::vector<double> c = local_clustering(g);
  ASSERT_EQ(c.size(), expected.size());
  for (std::size_t u = 0; u < c.size(); ++u) EXPECT_NEAR(c[u], expected[u], 1e-15) << u;
  EXPECT_NEAR(average_clustering(g), 0.4444444444444444, 1e-15);
  EXPECT_NEAR(transitivity(g), 0.6, 1e-15);
}

TEST(Clustering, UndirectedHandExample) { expect_hand_values(graph_of(6, kHand, false)); }

TEST(Clustering, SelfLoopsAndDirectionIgnored) {
  // The same ties given as a directed graph, some reciprocated, some
  // reversed, plus self-loops: the undirected simple view is kHand again
  // (networkx: G.to_undirected() with self-loops removed).
  const std::vector<std::pair<node_id, node_id>> directed{
      {0, 1}, {1, 0}, {2, 0}, {1, 2}, {2, 1}, {3, 2}, {3, 0}, {0, 3}, {4, 3}, {0, 0}, {4, 4}};
  expect_hand_values(graph_of(6, directed, true));
  auto with_loops = kHand;
  with_loops.push_back({2, 2});
  with_loops.push_back({5, 5});
  expect_hand_values(graph_of(6, with_loops, false));
}

TEST(Clustering, NoTriplesGivesZero) {
  // networkx: transitivity and average_clustering of a single edge are 0.
  const Graph g = graph_of(2, {{0, 1}}, false);
  EXPECT_EQ(transitivity(g), 0.0);
  EXPECT_EQ(average_clustering(g), 0.0);
  EXPECT_EQ(average_clustering(graph_of(0, {}, false)), 0.0);
  // Complete graph K4: every c(u) = 1, transitivity 1.
  const Graph k4 = graph_of(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}, false);
  EXPECT_EQ(triangles(k4), (std::vector<std::uint64_t>{3, 3, 3, 3}));
  EXPECT_EQ(transitivity(k4), 1.0);
  EXPECT_EQ(average_clustering(k4), 1.0);
}

struct Reference {
  std::vector<std::uint64_t> triangles;
  std::vector<double> clustering;
  double average = 0, transitivity = 0;
};

// Serial reference with std::set neighbourhoods and a triple loop.
Reference reference(const testing::RandomInteractions& r) {
  std::vector<std::set<node_id>> nb(r.n);
  for (std::size_t i = 0; i < r.source.size(); ++i) {
    if (r.source[i] == r.target[i]) continue;
    nb[r.source[i]].insert(r.target[i]);
    nb[r.target[i]].insert(r.source[i]);
  }
  Reference ref;
  ref.triangles.assign(r.n, 0);
  ref.clustering.assign(r.n, 0);
  double corners = 0, triples = 0;
  for (node_id u = 0; u < r.n; ++u) {
    for (const node_id v : nb[u])
      for (const node_id w : nb[u])
        if (v < w && nb[v].count(w)) ++ref.triangles[u];
    const double k = static_cast<double>(nb[u].size());
    if (k >= 2) ref.clustering[u] = 2.0 * static_cast<double>(ref.triangles[u]) / (k * (k - 1));
    ref.average += ref.clustering[u];
    corners += static_cast<double>(ref.triangles[u]);
    triples += k * (k - 1) / 2;
  }
  ref.average /= r.n;
  ref.transitivity = triples == 0 ? 0 : corners / triples;
  return ref;
}

TEST(Clustering, RandomGraphsAgreeWithSerialReference) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const auto r = testing::random_interactions(150, 1800, seed);
    const Reference ref = reference(r);
    for (const bool directed : {false, true}) {
      const Graph g = build_graph(r.n, r.input(), {directed});
      EXPECT_EQ(triangles(g), ref.triangles) << "seed " << seed;
      const auto c = local_clustering(g);
      for (node_id u = 0; u < r.n; ++u) ASSERT_NEAR(c[u], ref.clustering[u], 1e-12) << u;
      EXPECT_NEAR(average_clustering(g), ref.average, 1e-12);
      EXPECT_NEAR(transitivity(g), ref.transitivity, 1e-12);
    }
  }
}

TEST(Clustering, SameBitsForAnyThreadCount) {
  const auto r = testing::random_interactions(20'000, 200'000, 5);
  const Graph g = build_graph(r.n, r.input(), {true});
  std::vector<double> first;
  double first_avg = 0, first_tr = 0;
  for (const int threads : {1, 2, 4, 8}) {
    // Lift TBB's default limit (the core count) so 8 threads really run.
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    tbb::task_arena arena(threads);
    std::vector<double> c;
    double avg = 0, tr = 0;
    arena.execute([&] {
      c = local_clustering(g);
      avg = average_clustering(g);
      tr = transitivity(g);
    });
    if (first.empty()) {
      first = c;
      first_avg = avg;
      first_tr = tr;
    }
    EXPECT_EQ(c, first) << threads;
    EXPECT_EQ(avg, first_avg);
    EXPECT_EQ(tr, first_tr);
  }
}

}  // namespace
}  // namespace movemap
