// Bridges and articulation points against a hand-drawn graph (the values
// networkx's bridges / articulation_points give, checked by
// tests/reference/bridging_reference.py), a brute-force verifier (remove
// each node / each undirected edge and count components with union-find)
// and Boost.Graph's biconnected_components on an adjacency_list copy.
#include "movemap/bridging/cut_points.hpp"

#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/biconnected_components.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "../support/random_graphs.hpp"

namespace movemap {
namespace {

using testing::graph_of;

// Two triangles joined by the bridge 2-3, a pendant 6 on 5, a self-loop on 0
// and the isolated node 7:
//
//    0 - 2 - 3 - 4
//    | /      \ |
//    1          5 - 6
TEST(CutPoints, HandDrawnUndirected) {
  const Graph g = graph_of(8, {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 5}, {5, 3}, {5, 6}, {0, 0}}, false);
  const CutPoints c = cut_points(g);
  // networkx: bridges [(2, 3), (5, 6)], articulation_points [2, 3, 5]
  std::vector<std::pair<node_id, node_id>> bridges;
  for (const edge_id e : c.bridges) bridges.emplace_back(g.ties().source[e], g.ties().target[e]);
  EXPECT_EQ(bridges, (std::vector<std::pair<node_id, node_id>>{{2, 3}, {5, 6}}));
  EXPECT_EQ(c.articulation_points, (std::vector<node_id>{2, 3, 5}));
  // Component {0..6}: removing 2 leaves {0,1} and {3,4,5,6}: 2 cut off;
  // removing 3 leaves {0,1,2} and {4,5,6} (equal): 3; removing 5 cuts off 6.
  EXPECT_EQ(c.cut_off, (std::vector<std::uint64_t>{0, 0, 2, 3, 0, 1, 0, 0}));
  // Blocks: triangle 012, bridge 23, triangle 345, bridge 56.
  EXPECT_EQ(c.bicomponents, 4u);
  const TieTable& t = g.ties();
  std::map<std::pair<node_id, node_id>, std::uint32_t> blocks;
  for (edge_id e = 0; e < t.size(); ++e) blocks[{t.source[e], t.target[e]}] = c.bicomponent[e];
  auto block = [&](node_id u, node_id v) { return blocks.at({u, v}); };
  EXPECT_EQ(block(0, 0), kNone);
  EXPECT_EQ(block(0, 1), 0u);  // tie 0 opens component 0
  EXPECT_EQ(block(0, 2), block(0, 1));
  EXPECT_EQ(block(1, 2), block(0, 1));
  EXPECT_EQ(block(3, 4), block(3, 5));
  EXPECT_EQ(block(4, 5), block(3, 5));
  std::set<std::uint32_t> distinct{block(0, 1), block(2, 3), block(3, 4), block(5, 6)};
  EXPECT_EQ(distinct.size(), 4u);
}

TEST(CutPoints, ReciprocalPairIsOneEdge) {
  // The same shape, directed, with 2 <-> 3 reciprocal: both tie ids are bridges.
  const Graph g =
      graph_of(8, {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 2}, {3, 4}, {4, 5}, {5, 3}, {6, 5}, {0, 0}}, true);
  const CutPoints c = cut_points(g);
  std::vector<std::pair<node_id, node_id>> bridges;
  for (const edge_id e : c.bridges) bridges.emplace_back(g.ties().source[e], g.ties().target[e]);
  EXPECT_EQ(bridges, (std::vector<std::pair<node_id, node_id>>{{2, 3}, {3, 2}, {6, 5}}));
  EXPECT_EQ(c.articulation_points, (std::vector<node_id>{2, 3, 5}));
  EXPECT_EQ(c.cut_off, (std::vector<std::uint64_t>{0, 0, 2, 3, 0, 1, 0, 0}));
  EXPECT_EQ(c.bicomponent[c.bridges[0]], c.bicomponent[c.bridges[1]]);
  EXPECT_EQ(c.bicomponents, 4u);
}

TEST(CutPoints, StarPathAndEmpty) {
  // Star: the centre cuts off all leaves but one.
  const CutPoints star = cut_points(graph_of(5, {{0, 1}, {0, 2}, {0, 3}, {0, 4}}, false));
  EXPECT_EQ(star.articulation_points, (std::vector<node_id>{0}));
  EXPECT_EQ(star.cut_off[0], 3u);
  EXPECT_EQ(star.bridges.size(), 4u);
  EXPECT_EQ(star.bicomponents, 4u);
  // Path 0-1-2-3-4: removing 1 cuts off 1 actor, removing 2 cuts off 2.
  const CutPoints path = cut_points(graph_of(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}}, false));
  EXPECT_EQ(path.articulation_points, (std::vector<node_id>{1, 2, 3}));
  EXPECT_EQ(path.cut_off, (std::vector<std::uint64_t>{0, 1, 2, 1, 0}));
  // A cycle has no cut points and one block.
  const CutPoints cycle = cut_points(graph_of(4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}}, false));
  EXPECT_TRUE(cycle.articulation_points.empty());
  EXPECT_TRUE(cycle.bridges.empty());
  EXPECT_EQ(cycle.bicomponents, 1u);
  const CutPoints empty = cut_points(build_graph(0, TieInput{}, {false}));
  EXPECT_TRUE(empty.cut_off.empty());
  EXPECT_EQ(empty.bicomponents, 0u);
}

// --- brute force --------------------------------------------------------

using Pair = std::pair<node_id, node_id>;

// Undirected simple edges (no loops) of a graph.
std::set<Pair> simple_edges(const Graph& g) {
  std::set<Pair> s;
  for (edge_id e = 0; e < g.num_ties(); ++e) {
    node_id u = g.ties().source[e], v = g.ties().target[e];
    if (u == v) continue;
    if (u > v) std::swap(u, v);
    s.insert({u, v});
  }
  return s;
}

// Component root of every node, ignoring node `skip` and edge `cut`.
std::vector<node_id> roots(node_id n, const std::set<Pair>& edges, node_id skip, Pair cut = {kNone, kNone}) {
  std::vector<node_id> p(n);
  std::iota(p.begin(), p.end(), 0);
  auto find = [&](node_id x) {
    while (p[x] != x) x = p[x] = p[p[x]];
    return x;
  };
  for (const Pair& e : edges)
    if (e != cut && e.first != skip && e.second != skip) p[find(e.first)] = find(e.second);
  for (node_id u = 0; u < n; ++u) p[u] = find(u);
  return p;
}

// Returns the number of articulation points found (to show the test bites).
std::size_t check_brute_force(const Graph& g) {
  const node_id n = g.num_nodes();
  const auto edges = simple_edges(g);
  const CutPoints c = cut_points(g);
  const auto all = roots(n, edges, kNone);
  std::vector<node_id> aps;
  for (node_id v = 0; v < n; ++v) {
    const auto r = roots(n, edges, v);
    std::map<node_id, std::uint64_t> piece;  // pieces of v's component without v
    for (node_id u = 0; u < n; ++u)
      if (u != v && all[u] == all[v]) ++piece[r[u]];
    std::uint64_t total = 0, largest = 0;
    for (const auto& [root, size] : piece) {
      total += size;
      largest = std::max(largest, size);
    }
    if (piece.size() >= 2) aps.push_back(v);
    EXPECT_EQ(c.cut_off[v], total - largest) << "node " << v;
  }
  EXPECT_EQ(c.articulation_points, aps);
  std::vector<edge_id> bridges;
  for (edge_id e = 0; e < g.num_ties(); ++e) {
    node_id u = g.ties().source[e], v = g.ties().target[e];
    if (u == v) continue;
    if (u > v) std::swap(u, v);
    const auto r = roots(n, edges, kNone, {u, v});
    if (r[u] != r[v]) bridges.push_back(e);
  }
  EXPECT_EQ(c.bridges, bridges);
  return aps.size() + bridges.size();
}

TEST(CutPoints, MatchesBruteForceOnRandomGraphs) {
  std::size_t found = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    // Sparse enough to have many cut points and bridges.
    const auto r = testing::random_interactions(60, 45 + 3 * seed, seed);
    for (const bool directed : {false, true}) {
      SCOPED_TRACE(::testing::Message() << "seed " << seed << (directed ? " directed" : " undirected"));
      found += check_brute_force(build_graph(r.n, r.input(), {directed}));
    }
  }
  EXPECT_GT(found, 400u);  // the graphs have plenty of cut points and bridges
}

// Boost's biconnected_components on an adjacency_list of the undirected
// simple edges; ties of a reciprocal pair take their pair's block.
TEST(CutPoints, BlocksMatchBoost) {
  using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                           boost::property<boost::edge_index_t, std::size_t>>;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto r = testing::random_interactions(80, 70 + 5 * seed, seed + 100);
    for (const bool directed : {false, true}) {
      const Graph g = build_graph(r.n, r.input(), {directed});
      const auto edges = simple_edges(g);
      BoostGraph b(g.num_nodes());
      std::map<Pair, std::size_t> index;
      for (const Pair& e : edges) {
        const std::size_t i = index.size();
        index[e] = i;
        boost::add_edge(e.first, e.second, i, b);
      }
      std::vector<std::size_t> block(edges.size());
      std::vector<node_id> boost_aps;
      const auto count =
          boost::biconnected_components(b, boost::make_iterator_property_map(block.begin(), get(boost::edge_index, b)),
                                        std::back_inserter(boost_aps))
              .first;
      std::sort(boost_aps.begin(), boost_aps.end());
      const CutPoints c = cut_points(g);
      EXPECT_EQ(c.articulation_points, boost_aps);
      EXPECT_EQ(c.bicomponents, count);
      // The same partition of the ties: a bijection between block ids.
      std::map<std::uint32_t, std::size_t> ours_to_boost;
      std::map<std::size_t, std::uint32_t> boost_to_ours;
      for (edge_id e = 0; e < g.num_ties(); ++e) {
        node_id u = g.ties().source[e], v = g.ties().target[e];
        if (u == v) {
          EXPECT_EQ(c.bicomponent[e], kNone);
          continue;
        }
        if (u > v) std::swap(u, v);
        const std::size_t theirs = block[index.at({u, v})];
        ASSERT_LT(c.bicomponent[e], c.bicomponents);
        EXPECT_EQ(ours_to_boost.emplace(c.bicomponent[e], theirs).first->second, theirs);
        EXPECT_EQ(boost_to_ours.emplace(theirs, c.bicomponent[e]).first->second, c.bicomponent[e]);
      }
    }
  }
}

TEST(CutPoints, LongPathDoesNotRecurse) {
  // 10^6 nodes in one path: a recursive DFS would overflow the stack.
  const node_id n = 1'000'000;
  std::vector<Pair> edges;
  for (node_id u = 0; u + 1 < n; ++u) edges.emplace_back(u, u + 1);
  const CutPoints c = cut_points(graph_of(n, edges, false));
  EXPECT_EQ(c.articulation_points.size(), n - 2);
  EXPECT_EQ(c.bridges.size(), n - 1);
  EXPECT_EQ(c.cut_off[n / 2], n / 2 - 1);
}

}  // namespace
}  // namespace movemap
