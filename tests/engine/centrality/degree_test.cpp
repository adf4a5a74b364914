// Degree and strength: a hand-worked example (values as networkx gives them)
// and a serial check on random graphs.
#include "movemap/centrality/degree.hpp"

#include <gtest/gtest.h>

#include "../support/random_graphs.hpp"
#include "movemap/graph_builder.hpp"

namespace movemap {
namespace {

// a=0, b=1, c=2: a->b (2), b->a (1), b->c (3), c->c (4).
Graph example(bool directed) {
  static std::vector<node_id> s{0, 1, 1, 2}, d{1, 0, 2, 2};
  static std::vector<timestamp> t{0, 0, 0, 0};
  static std::vector<double> w{2, 1, 3, 4};
  return build_graph(3, TieInput{s, d, t, w, {}}, {directed});
}

TEST(Degree, DirectedHandExample) {
  // networkx: G = nx.DiGraph(); G.add_weighted_edges_from(...)
  // G.in_degree -> a 1, b 1, c 2; out -> 1, 2, 1; degree -> 2, 3, 3
  // in strength 1, 2, 7; out 2, 4, 4; total 3, 6, 11.
  const DegreeResult r = degree(example(true));
  EXPECT_EQ(r.in_degree, (std::vector<std::uint64_t>{1, 1, 2}));
  EXPECT_EQ(r.out_degree, (std::vector<std::uint64_t>{1, 2, 1}));
  EXPECT_EQ(r.degree, (std::vector<std::uint64_t>{2, 3, 3}));
  EXPECT_EQ(r.in_strength, (std::vector<double>{1, 2, 7}));
  EXPECT_EQ(r.out_strength, (std::vector<double>{2, 4, 4}));
  EXPECT_EQ(r.strength, (std::vector<double>{3, 6, 11}));
}

TEST(Degree, UndirectedHandExampleCountsSelfLoopTwice) {
  // Ties {a,b} weight 3, {b,c} 3, {c,c} 4. networkx Graph: degree a 1, b 2,
  // c 3 (the self-loop counts 2); strength 3, 6, 3 + 2*4 = 11.
  const DegreeResult r = degree(example(false));
  EXPECT_EQ(r.degree, (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(r.strength, (std::vector<double>{3, 6, 11}));
  EXPECT_EQ(r.in_degree, r.degree);
  EXPECT_EQ(r.out_strength, r.strength);
}

TEST(Degree, NormalisedAsDegreeCentrality) {
  // networkx degree_centrality: degree / (n - 1).
  EXPECT_EQ(normalized_degree({2, 3, 3}, 3), (std::vector<double>{1.0, 1.5, 1.5}));
  EXPECT_EQ(normalized_degree({0}, 1), (std::vector<double>{0.0}));
}

TEST(Degree, RandomGraphsAgreeWithTieTableCount) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const auto r = testing::random_interactions(120, 900, seed);
    for (const bool directed : {true, false}) {
      const auto ref = testing::reference_ties(r, directed);
      std::vector<std::uint64_t> in(r.n), out(r.n), deg(r.n);
      std::vector<double> ins(r.n), outs(r.n);
      for (const auto& [k, t] : ref) {
        ++out[k.first];
        ++in[k.second];
        outs[k.first] += t.weight;
        ins[k.second] += t.weight;
      }
      const DegreeResult d = degree(build_graph(r.n, r.input(), {directed}));
      for (node_id u = 0; u < r.n; ++u) {
        if (directed) {
          ASSERT_EQ(d.in_degree[u], in[u]);
          ASSERT_EQ(d.out_degree[u], out[u]);
          ASSERT_DOUBLE_EQ(d.in_strength[u], ins[u]);
          ASSERT_DOUBLE_EQ(d.out_strength[u], outs[u]);
        } else {
          // Each undirected tie adds 1 at both ends (a self-loop 2 at one).
          ASSERT_EQ(d.degree[u], in[u] + out[u]);
          ASSERT_DOUBLE_EQ(d.strength[u], ins[u] + outs[u]);
        }
      }
    }
  }
}

}  // namespace
}  // namespace movemap
