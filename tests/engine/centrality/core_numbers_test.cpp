// k-core numbers: hand examples (values from networkx), Boost.Graph's
// core_numbers as an oracle, and a deliberately simple serial peeling on
// random graphs with self-loops and reciprocated ties.
#include "movemap/centrality/core_numbers.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <boost/graph/core_numbers.hpp>

#include "../support/random_graphs.hpp"
#include "movemap/boost_view.hpp"

namespace movemap {
namespace {

using testing::graph_of;

// Serial reference: repeatedly remove a node of smallest remaining degree;
// its core number is the largest such degree seen so far. Degrees count
// adjacency entries other than self-loops (in + out when directed). O(n^2).
std::vector<std::uint32_t> reference_cores(const Graph& g) {
  const node_id n = g.num_nodes();
  std::vector<std::vector<node_id>> nb(n);
  for (node_id u = 0; u < n; ++u) {
    for (const node_id v : g.out_neighbors(u))
      if (v != u) nb[u].push_back(v);
    if (g.directed())
      for (const node_id v : g.in_neighbors(u))
        if (v != u) nb[u].push_back(v);
  }
  std::vector<std::uint32_t> deg(n), core(n);
  for (node_id u = 0; u < n; ++u) deg[u] = static_cast<std::uint32_t>(nb[u].size());
  std::vector<bool> removed(n, false);
  std::uint32_t k = 0;
  for (node_id step = 0; step < n; ++step) {
    node_id best = kNone;
    for (node_id u = 0; u < n; ++u)
      if (!removed[u] && (best == kNone || deg[u] < deg[best])) best = u;
    k = std::max(k, deg[best]);
    core[best] = k;
    removed[best] = true;
    for (const node_id v : nb[best])
      if (!removed[v]) --deg[v];
  }
  return core;
}

std::vector<std::uint32_t> boost_cores(const Graph& g) {
  UndirectedView view(g);  // non-const: boost::core_numbers takes Graph&
  std::vector<std::uint32_t> c(g.num_nodes(), 0);
  boost::core_numbers(view, boost::make_iterator_property_map(c.begin(), get(boost::vertex_index, view)));
  return c;
}

// Interactions without self-loops (Boost counts a self-loop in the degree).
testing::RandomInteractions without_self_loops(testing::RandomInteractions r) {
  testing::RandomInteractions out;
  out.n = r.n;
  for (std::size_t i = 0; i < r.source.size(); ++i) {
    if (r.source[i] == r.target[i]) continue;
    out.source.push_back(r.source[i]);
    out.target.push_back(r.target[i]);
    out.time.push_back(r.time[i]);
    out.weight.push_back(r.weight[i]);
    out.kind.push_back(r.kind[i]);
  }
  return out;
}

// Every test of the peel runs on both builds: the AVX-512 peel (on a CPU
// that has it; else the portable one twice) and the portable peel.
class CoreNumbers : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override { detail::use_portable_peel(GetParam()); }
  void TearDown() override { detail::use_portable_peel(false); }
};
INSTANTIATE_TEST_SUITE_P(Builds, CoreNumbers, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Portable" : (detail::peel_has_avx512() ? "Avx512" : "Default");
                         });

TEST_P(CoreNumbers, UndirectedHandExample) {
  // K4 on {0,1,2,3}; 4 tied to 0 and 1; 5 tied to 4 (and to itself); 6 alone.
  // networkx: G.remove_edges_from(nx.selfloop_edges(G)); nx.core_number(G)
  // -> {0: 3, 1: 3, 2: 3, 3: 3, 4: 2, 5: 1, 6: 0}
  const Graph g = graph_of(
      7, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}, {4, 0}, {4, 1}, {5, 4}, {5, 5}}, false);
  EXPECT_EQ(core_numbers(g), (std::vector<std::uint32_t>{3, 3, 3, 3, 2, 1, 0}));
}

TEST_P(CoreNumbers, DirectedCountsInPlusOut) {
  // networkx DiGraph 0->1, 1->0, 1->2, 2->0, 3->2, 3->4 (+ self-loop 2->2
  // removed first): nx.core_number(D) -> {0: 2, 1: 2, 2: 2, 3: 1, 4: 1}.
  // Degree is in + out, so the reciprocated pair 0<->1 counts twice.
  const Graph g = graph_of(5, {{0, 1}, {1, 0}, {1, 2}, {2, 0}, {3, 2}, {3, 4}, {2, 2}}, true);
  EXPECT_EQ(core_numbers(g), (std::vector<std::uint32_t>{2, 2, 2, 1, 1}));
  // A lone reciprocated pair: degree 2 at each end, networkx core 2 for both.
  EXPECT_EQ(core_numbers(graph_of(3, {{0, 1}, {1, 0}}, true)),
            (std::vector<std::uint32_t>{2, 2, 0}));
}

TEST_P(CoreNumbers, EmptyAndEdgeless) {
  EXPECT_TRUE(core_numbers(graph_of(0, {}, false)).empty());
  EXPECT_EQ(core_numbers(graph_of(3, {}, true)), (std::vector<std::uint32_t>{0, 0, 0}));
}

TEST_P(CoreNumbers, AgreesWithBoostOnRandomGraphs) {
  // Boost's core_numbers on UndirectedView sees every directed tie from both
  // ends, i.e. networkx's in + out degree, so it is an oracle for both kinds
  // of graph once self-loops are gone.
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const auto r = without_self_loops(testing::random_interactions(300, 2500, seed));
    for (const bool directed : {false, true}) {
      const Graph g = build_graph(r.n, r.input(), {directed});
      EXPECT_EQ(core_numbers(g), boost_cores(g)) << "seed " << seed << " directed " << directed;
    }
  }
}

// A core-periphery graph: a clique of 30 and 970 leaves, leaf i tied to
// clique node i % 30, plus isolated nodes. Level 0 takes the isolates,
// level 1 the leaves; then 30 of 1,030 nodes are left (under an eighth),
// so the peel switches from scanning the degree array to a list of the
// nodes left, and levels 2-28 have no node (found from the list) before
// the clique leaves at 29 (networkx: core 29 for the clique, 1 for the
// leaves, 0 for the isolates). Then a gap found by the degree-array scan,
// and random graphs of the core-periphery shape, directed too, against
// Boost.
TEST_P(CoreNumbers, CorePeripheryUsesBothLevelScans) {
  std::vector<std::pair<node_id, node_id>> ties;
  for (node_id a = 0; a < 30; ++a)
    for (node_id b = a + 1; b < 30; ++b) ties.push_back({a, b});
  for (node_id leaf = 30; leaf < 1000; ++leaf) ties.push_back({leaf, leaf % 30});
  std::vector<std::uint32_t> want(1030, 0);
  for (node_id u = 0; u < 1000; ++u) want[u] = u < 30 ? 29 : 1;
  EXPECT_EQ(core_numbers(graph_of(1030, ties, false)), want);

  // A level with no node while most nodes are left (the degree-array
  // search for the next level): K2 and K10 apart, levels 2-8 empty.
  std::vector<std::pair<node_id, node_id>> apart{{0, 1}};
  for (node_id a = 2; a < 12; ++a)
    for (node_id b = a + 1; b < 12; ++b) apart.push_back({a, b});
  std::vector<std::uint32_t> cores(12, 9);
  cores[0] = cores[1] = 1;
  EXPECT_EQ(core_numbers(graph_of(12, apart, false)), cores);
  EXPECT_EQ(core_numbers(graph_of(12, apart, true)), (std::vector<std::uint32_t>{1, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}));

  for (std::uint64_t seed = 41; seed <= 44; ++seed) {
    auto r = without_self_loops(testing::random_interactions(60, 900, seed));  // the dense core
    std::mt19937_64 rng(seed);
    r.n = 2000;
    for (node_id leaf = 60; leaf < 1990; ++leaf) {  // leaves and short paths; the last 10 nodes isolated
      const node_id to = rng() % 3 == 0 && leaf > 60 ? leaf - 1 : static_cast<node_id>(rng() % 60);
      r.source.push_back(leaf);
      r.target.push_back(to);
      r.time.push_back(r.time.back());
      r.weight.push_back(1.0);
      r.kind.push_back(r.kind.back());
    }
    for (const bool directed : {false, true}) {
      const Graph g = build_graph(r.n, r.input(), {directed});
      EXPECT_EQ(core_numbers(g), boost_cores(g)) << "seed " << seed << " directed " << directed;
    }
  }
}

TEST_P(CoreNumbers, AgreesWithBoostOnLargeGraph) {
  const auto r = without_self_loops(testing::random_interactions(100'000, 600'000, 7));
  for (const bool directed : {false, true}) {
    const Graph g = build_graph(r.n, r.input(), {directed});
    EXPECT_EQ(core_numbers(g), boost_cores(g)) << "directed " << directed;
  }
}

TEST_P(CoreNumbers, SelfLoopsIgnoredAgainstSerialReference) {
  for (std::uint64_t seed = 11; seed <= 16; ++seed) {
    const auto r = testing::random_interactions(200, 1500, seed);  // with self-loops
    for (const bool directed : {false, true}) {
      const Graph g = build_graph(r.n, r.input(), {directed});
      EXPECT_EQ(core_numbers(g), reference_cores(g)) << "seed " << seed << " directed " << directed;
    }
  }
}

TEST_P(CoreNumbers, SameForAnyThreadCount) {
  const auto r = testing::random_interactions(5000, 40'000, 3);
  const Graph g = build_graph(r.n, r.input(), {true});
  std::vector<std::uint32_t> first;
  for (const int threads : {1, 2, 4, 8}) {
    // Lift TBB's default limit (the core count) so 8 threads really run.
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    tbb::task_arena arena(threads);
    std::vector<std::uint32_t> c;
    arena.execute([&] { c = core_numbers(g); });
    if (first.empty()) first = c;
    EXPECT_EQ(c, first) << threads << " threads";
  }
}

}  // namespace
}  // namespace movemap
