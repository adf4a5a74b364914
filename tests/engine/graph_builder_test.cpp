// The parallel builder against a serial std::map aggregation on random
// graphs, CSR invariants, and bit-for-bit determinism across thread counts.
#include "movemap/graph_builder.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <cstring>

#include "movemap/error.hpp"
#include "support/random_graphs.hpp"

namespace movemap {
namespace {

using testing::random_interactions;
using testing::reference_ties;

void expect_matches_reference(const testing::RandomInteractions& r, bool directed) {
  const Graph g = build_graph(r.n, r.input(), GraphBuildOptions{directed});
  ASSERT_NO_THROW(g.validate());
  const auto ref = reference_ties(r, directed);
  ASSERT_EQ(g.num_ties(), ref.size());
  const TieTable& t = g.ties();
  std::size_t e = 0;
  for (const auto& [key, rt] : ref) {  // std::map order = (source, target) order
    SCOPED_TRACE("tie " + std::to_string(key.first) + "-" + std::to_string(key.second));
    EXPECT_EQ(t.source[e], key.first);
    EXPECT_EQ(t.target[e], key.second);
    EXPECT_EQ(t.weight[e], rt.weight);  // exact: same summation order (row order)
    EXPECT_EQ(t.count[e], rt.count);
    EXPECT_EQ(t.first_seen[e], rt.first);
    EXPECT_EQ(t.last_seen[e], rt.last);
    const auto ks = t.kinds(e);
    EXPECT_EQ(std::vector<std::uint32_t>(ks.begin(), ks.end()),
              std::vector<std::uint32_t>(rt.kinds.begin(), rt.kinds.end()));
    ++e;
  }
  // Adjacency holds exactly the reference neighbours.
  std::vector<std::set<node_id>> out(r.n), in(r.n);
  for (const auto& [key, rt] : ref) {
    out[key.first].insert(key.second);
    (directed ? in : out)[key.second].insert(key.first);
  }
  for (node_id u = 0; u < r.n; ++u) {
    const auto on = g.out_neighbors(u);
    ASSERT_EQ(std::set<node_id>(on.begin(), on.end()), out[u]) << "node " << u;
    if (directed) {
      const auto inn = g.in_neighbors(u);
      ASSERT_EQ(std::set<node_id>(inn.begin(), inn.end()), in[u]) << "node " << u;
    }
  }
}

TEST(GraphBuilder, DirectedMatchesSerialReferenceOnRandomGraphs) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE(seed);
    expect_matches_reference(random_interactions(50 + seed * 7, 400 + seed * 50, seed), true);
  }
}

TEST(GraphBuilder, UndirectedMatchesSerialReferenceOnRandomGraphs) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE(seed);
    expect_matches_reference(random_interactions(50 + seed * 7, 400 + seed * 50, seed + 100), false);
  }
}

TEST(GraphBuilder, LargeRandomGraphMatchesReference) {
  expect_matches_reference(random_interactions(20000, 300000, 77), true);
  expect_matches_reference(random_interactions(20000, 300000, 78), false);
}

TEST(GraphBuilder, HandBuiltExample) {
  // a=0, b=1, c=2. Interactions: a->b (w 1, t 10), b->a (2, 5), a->b (0.5, 30),
  // c->c (1, 7) with kinds 1, 0, 1, 2.
  std::vector<node_id> s{0, 1, 0, 2}, d{1, 0, 1, 2};
  std::vector<timestamp> t{10, 5, 30, 7};
  std::vector<double> w{1, 2, 0.5, 1};
  std::vector<std::uint32_t> k{1, 0, 1, 2};
  const Graph dg = build_graph(3, TieInput{s, d, t, w, k}, {true});
  ASSERT_EQ(dg.num_ties(), 3u);  // a->b, b->a, c->c
  EXPECT_EQ(dg.ties().weight[0], 1.5);
  EXPECT_EQ(dg.ties().count[0], 2u);
  EXPECT_EQ(dg.ties().first_seen[0], 10);
  EXPECT_EQ(dg.ties().last_seen[0], 30);
  EXPECT_EQ(dg.out_entries(2), 1u);
  EXPECT_EQ(dg.in_entries(0), 1u);
  const Graph ug = build_graph(3, TieInput{s, d, t, w, k}, {false});
  ASSERT_EQ(ug.num_ties(), 2u);  // {a,b}, {c,c}
  EXPECT_EQ(ug.ties().weight[0], 3.5);
  EXPECT_EQ(ug.ties().count[0], 3u);
  EXPECT_EQ(ug.ties().first_seen[0], 5);
  const auto kinds = ug.ties().kinds(0);
  EXPECT_EQ(std::vector<std::uint32_t>(kinds.begin(), kinds.end()), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(ug.out_entries(2), 1u);  // the self-loop once
  EXPECT_NO_THROW(ug.validate());
}

TEST(GraphBuilder, EmptyAndIsolated) {
  const Graph g = build_graph(5, TieInput{}, {true});
  EXPECT_EQ(g.num_nodes(), 5u);
  EXPECT_EQ(g.num_ties(), 0u);
  EXPECT_NO_THROW(g.validate());
  const Graph z = build_graph(0, TieInput{}, {false});
  EXPECT_EQ(z.num_nodes(), 0u);
}

TEST(GraphBuilder, RejectsOutOfRangeNodes) {
  std::vector<node_id> s{0}, d{3};
  std::vector<timestamp> t{0};
  std::vector<double> w{1};
  EXPECT_THROW(build_graph(3, TieInput{s, d, t, w, {}}, {true}), UsageError);
}

template <class T>
bool same_bytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

TEST(GraphBuilder, IdenticalBytesForAnyThreadCount) {
  const auto r = random_interactions(5000, 200000, 9);
  for (const bool directed : {true, false}) {
    std::vector<Graph> gs;
    for (const int threads : {1, 2, 8}) {
      tbb::task_arena arena(threads);
      arena.execute([&] { gs.push_back(build_graph(r.n, r.input(), {directed})); });
    }
    for (std::size_t i = 1; i < gs.size(); ++i) {
      const TieTable &a = gs[0].ties(), &b = gs[i].ties();
      EXPECT_TRUE(same_bytes(a.source, b.source));
      EXPECT_TRUE(same_bytes(a.target, b.target));
      EXPECT_TRUE(same_bytes(a.weight, b.weight));
      EXPECT_TRUE(same_bytes(a.count, b.count));
      EXPECT_TRUE(same_bytes(a.kind_ids, b.kind_ids));
      EXPECT_TRUE(same_bytes(gs[0].out_csr().neighbors, gs[i].out_csr().neighbors));
      EXPECT_TRUE(same_bytes(gs[0].out_csr().ties, gs[i].out_csr().ties));
      EXPECT_TRUE(same_bytes(gs[0].in_csr().neighbors, gs[i].in_csr().neighbors));
    }
  }
}

}  // namespace
}  // namespace movemap
