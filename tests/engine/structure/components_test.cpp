// Components through Boost against deliberately simple serial oracles:
// union-find for weak components, reachability closure for strong ones.
#include "movemap/structure/components.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "../support/random_graphs.hpp"
#include "movemap/graph_builder.hpp"

namespace movemap {
namespace {

std::vector<node_id> union_find(const testing::RandomInteractions& r) {
  std::vector<node_id> p(r.n);
  std::iota(p.begin(), p.end(), 0);
  auto find = [&](node_id x) {
    while (p[x] != x) x = p[x] = p[p[x]];
    return x;
  };
  for (std::size_t i = 0; i < r.source.size(); ++i) p[find(r.source[i])] = find(r.target[i]);
  for (node_id u = 0; u < r.n; ++u) p[u] = find(u);
  return p;
}

TEST(Components, WeakMatchesUnionFind) {
  for (std::uint64_t seed = 1; seed <= 15; ++seed) {
    const auto r = testing::random_interactions(200, 150, seed);
    const auto root = union_find(r);
    for (const bool directed : {true, false}) {
      const Components c = weak_components(build_graph(r.n, r.input(), {directed}));
      std::set<node_id> roots(root.begin(), root.end());
      ASSERT_EQ(c.count(), roots.size());
      for (node_id u = 0; u < r.n; ++u)
        for (node_id v = 0; v < r.n; v += 3) ASSERT_EQ(root[u] == root[v], c.component[u] == c.component[v]);
      // Canonical numbering: component ids appear in order of first node.
      std::uint32_t next = 0;
      for (node_id u = 0; u < r.n; ++u)
        if (c.component[u] == next) ++next;
        else ASSERT_LT(c.component[u], next);
      EXPECT_EQ(std::accumulate(c.size.begin(), c.size.end(), std::uint64_t{0}), r.n);
    }
  }
}

TEST(Components, StrongMatchesReachability) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const auto r = testing::random_interactions(60, 90, seed + 50);
    std::vector<std::vector<char>> reach(r.n, std::vector<char>(r.n, 0));
    for (node_id u = 0; u < r.n; ++u) reach[u][u] = 1;
    for (std::size_t i = 0; i < r.source.size(); ++i) reach[r.source[i]][r.target[i]] = 1;
    for (node_id k = 0; k < r.n; ++k)
      for (node_id i = 0; i < r.n; ++i)
        if (reach[i][k])
          for (node_id j = 0; j < r.n; ++j) reach[i][j] |= reach[k][j];
    const Components c = strong_components(build_graph(r.n, r.input(), {true}));
    for (node_id u = 0; u < r.n; ++u)
      for (node_id v = 0; v < r.n; ++v)
        ASSERT_EQ(reach[u][v] && reach[v][u], c.component[u] == c.component[v]) << u << " " << v;
  }
}

TEST(Components, EmptyGraph) {
  const Components c = weak_components(build_graph(0, TieInput{}, {true}));
  EXPECT_EQ(c.count(), 0u);
  EXPECT_EQ(c.largest(), 0u);
}

}  // namespace
}  // namespace movemap
