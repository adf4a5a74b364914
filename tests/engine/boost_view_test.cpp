// The Boost.Graph views: concept checks, and Boost algorithms on the view
// against the same algorithms on a boost::adjacency_list copy.
#include "movemap/boost_view.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/graph_concepts.hpp>
#include <boost/graph/strong_components.hpp>
#include <gtest/gtest.h>

#include "movemap/graph_builder.hpp"
#include "support/random_graphs.hpp"

namespace movemap {
namespace {

BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<UndirectedView>));
BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<UndirectedView>));
BOOST_CONCEPT_ASSERT((boost::AdjacencyGraphConcept<UndirectedView>));
BOOST_CONCEPT_ASSERT((boost::BidirectionalGraphConcept<DirectedView>));
BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<DirectedView>));

TEST(BoostView, EdgesOfASmallDirectedGraph) {
  // 0->1, 1->2, 2->0, 2->2
  std::vector<node_id> s{0, 1, 2, 2}, d{1, 2, 0, 2};
  std::vector<timestamp> t{0, 0, 0, 0};
  std::vector<double> w{1, 1, 1, 1};
  const Graph g = build_graph(3, TieInput{s, d, t, w, {}}, {true});
  const DirectedView dv(g);
  EXPECT_EQ(num_vertices(dv), 3u);
  EXPECT_EQ(out_degree(2, dv), 2u);
  EXPECT_EQ(in_degree(0, dv), 1u);
  auto [ib, ie] = in_edges(0, dv);
  ASSERT_EQ(ie - ib, 1);
  EXPECT_EQ(source(*ib, dv), 2u);
  EXPECT_EQ(target(*ib, dv), 0u);
  EXPECT_EQ(g.ties().source[(*ib).tie], 2u);  // the edge carries its tie id
  const UndirectedView uv(g);
  // Node 1 seen undirected: out 1->2 and in 0->1, both from node 1.
  std::set<node_id> nb;
  for (auto [a, b] = adjacent_vertices(1, uv); a != b; ++a) nb.insert(*a);
  EXPECT_EQ(nb, (std::set<node_id>{0, 2}));
  for (auto [a, b] = out_edges(1, uv); a != b; ++a) EXPECT_EQ(source(*a, uv), 1u);
}

TEST(BoostView, ComponentsAgreeWithAdjacencyList) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const auto r = testing::random_interactions(300, 260, seed);
    using AL = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    using UL = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    AL al(r.n);
    UL ul(r.n);
    for (std::size_t i = 0; i < r.source.size(); ++i) {
      boost::add_edge(r.source[i], r.target[i], al);
      boost::add_edge(r.source[i], r.target[i], ul);
    }
    const Graph g = build_graph(r.n, r.input(), {true});
    std::vector<int> a(r.n), b(r.n);
    const int na = boost::strong_components(al, a.data());
    const DirectedView dv(g);
    const int nb = boost::strong_components(dv, boost::make_iterator_property_map(b.begin(), get(boost::vertex_index, dv)));
    EXPECT_EQ(na, nb);
    // Same partition (labels may differ): a[u]==a[v] iff b[u]==b[v].
    for (node_id u = 0; u < r.n; ++u)
      for (node_id v = u + 1; v < r.n; v += 7) ASSERT_EQ(a[u] == a[v], b[u] == b[v]);
    const int ca = boost::connected_components(ul, a.data());
    const UndirectedView uv(g);
    const int cb = boost::connected_components(uv, boost::make_iterator_property_map(b.begin(), get(boost::vertex_index, uv)));
    EXPECT_EQ(ca, cb);
    for (node_id u = 0; u < r.n; ++u)
      for (node_id v = u + 1; v < r.n; v += 7) ASSERT_EQ(a[u] == a[v], b[u] == b[v]);
  }
}

TEST(BoostView, BreadthFirstSearchRuns) {
  const auto r = testing::random_interactions(200, 600, 5);
  const Graph g = build_graph(r.n, r.input(), {false});
  const UndirectedView uv(g);
  std::vector<boost::default_color_type> color(r.n);
  std::vector<node_id> pred(r.n, kNone);
  pred[0] = 0;
  boost::breadth_first_search(
      uv, 0,
      boost::visitor(boost::make_bfs_visitor(boost::record_predecessors(pred.data(), boost::on_tree_edge())))
          .color_map(boost::make_iterator_property_map(color.begin(), get(boost::vertex_index, uv))));
  // Every reached node's predecessor is a neighbour.
  for (node_id v = 1; v < r.n; ++v) {
    if (pred[v] == kNone) continue;
    const auto nb = g.out_neighbors(v);
    EXPECT_TRUE(std::binary_search(nb.begin(), nb.end(), pred[v]));
  }
}

}  // namespace
}  // namespace movemap
