// Communities: modularity against networkx, Louvain and Leiden against
// igraph's modularity on karate, Les Miserables and a planted partition,
// a serial modularity verifier, local optimality of Louvain, thread-count
// identity, and Guimera-Amaral roles on a hand-worked example.
//
// Expected values: tests/reference/communities_reference.py (output pasted
// below; networkx and python-igraph versions on its first line).
#include "movemap/bridging/communities.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "../support/random_graphs.hpp"

namespace movemap {
namespace {

using testing::graph_of;

struct WeightedEdge {
  node_id u, v;
  double w;
};

struct ModularityValue {
  double gamma;
  bool weighted;
  double q;
};

struct ModularityCase {
  bool directed;
  std::vector<WeightedEdge> edges;
  std::vector<std::uint32_t> labels;
  std::vector<ModularityValue> expected;
};

Graph weighted_graph(node_id n, const std::vector<WeightedEdge>& edges, bool directed) {
  testing::RandomInteractions r;
  r.n = n;
  for (const auto& e : edges) {
    r.source.push_back(e.u);
    r.target.push_back(e.v);
    r.time.push_back(0);
    r.weight.push_back(e.w);
    r.kind.push_back(kNone);
  }
  return build_graph(n, r.input(), {directed});
}

// ---- output of tests/reference/communities_reference.py ----
// networkx 3.6.1, python-igraph 1.0.0
const std::vector<std::pair<node_id, node_id>> kKarate{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {0, 6}, {0, 7}, {0, 8}, {0, 10}, {0, 11}, {0, 12}, {0, 13}, {0, 17}, {0, 19}, {0, 21}, {0, 31}, {1, 2}, {1, 3}, {1, 7}, {1, 13}, {1, 17}, {1, 19}, {1, 21}, {1, 30}, {2, 3}, {2, 7}, {2, 8}, {2, 9}, {2, 13}, {2, 27}, {2, 28}, {2, 32}, {3, 7}, {3, 12}, {3, 13}, {4, 6}, {4, 10}, {5, 6}, {5, 10}, {5, 16}, {6, 16}, {8, 30}, {8, 32}, {8, 33}, {9, 33}, {13, 33}, {14, 32}, {14, 33}, {15, 32}, {15, 33}, {18, 32}, {18, 33}, {19, 33}, {20, 32}, {20, 33}, {22, 32}, {22, 33}, {23, 25}, {23, 27}, {23, 29}, {23, 32}, {23, 33}, {24, 25}, {24, 27}, {24, 31}, {25, 31}, {26, 29}, {26, 33}, {27, 33}, {28, 31}, {28, 33}, {29, 32}, {29, 33}, {30, 32}, {30, 33}, {31, 32}, {31, 33}, {32, 33}};
const std::vector<WeightedEdge> kLesMis{{0, 1, 1}, {1, 2, 8}, {1, 3, 10}, {1, 4, 1}, {1, 5, 1}, {1, 6, 1}, {1, 7, 1}, {1, 8, 2}, {1, 9, 1}, {1, 10, 5}, {2, 3, 6}, {2, 10, 3}, {3, 10, 3}, {10, 11, 1}, {10, 12, 1}, {10, 13, 1}, {10, 14, 1}, {10, 15, 1}, {10, 23, 9}, {10, 24, 7}, {10, 25, 12}, {10, 26, 31}, {10, 27, 17}, {10, 28, 8}, {10, 29, 2}, {10, 31, 3}, {10, 32, 1}, {10, 33, 2}, {10, 34, 3}, {10, 35, 3}, {10, 36, 2}, {10, 37, 2}, {10, 38, 2}, {10, 43, 3}, {10, 44, 1}, {10, 48, 1}, {10, 49, 2}, {10, 51, 2}, {10, 55, 19}, {10, 58, 4}, {10, 64, 1}, {10, 68, 1}, {10, 69, 1}, {10, 70, 1}, {10, 71, 1}, {10, 72, 1}, {12, 23, 2}, {16, 17, 4}, {16, 18, 4}, {16, 19, 4}, {16, 20, 3}, {16, 21, 3}, {16, 22, 3}, {16, 23, 3}, {17, 18, 4}, {17, 19, 4}, {17, 20, 3}, {17, 21, 3}, {17, 22, 3}, {17, 23, 3}, {17, 26, 1}, {17, 55, 1}, {18, 19, 4}, {18, 20, 3}, {18, 21, 3}, {18, 22, 3}, {18, 23, 3}, {19, 20, 4}, {19, 21, 3}, {19, 22, 3}, {19, 23, 3}, {20, 21, 5}, {20, 22, 4}, {20, 23, 4}, {21, 22, 4}, {21, 23, 4}, {22, 23, 4}, {23, 24, 2}, {23, 25, 1}, {23, 27, 5}, {23, 29, 1}, {23, 30, 1}, {23, 31, 2}, {24, 25, 13}, {24, 26, 4}, {24, 27, 1}, {24, 41, 2}, {24, 42, 1}, {24, 50, 1}, {24, 68, 1}, {24, 69, 1}, {24, 70, 1}, {25, 26, 1}, {25, 27, 5}, {25, 39, 1}, {25, 40, 1}, {25, 41, 3}, {25, 42, 2}, {25, 48, 1}, {25, 55, 2}, {25, 68, 5}, {25, 69, 6}, {25, 70, 4}, {25, 71, 1}, {25, 75, 3}, {26, 27, 1}, {26, 43, 1}, {26, 49, 3}, {26, 51, 2}, {26, 54, 1}, {26, 55, 21}, {26, 72, 2}, {27, 28, 1}, {27, 29, 1}, {27, 31, 1}, {27, 33, 1}, {27, 43, 1}, {27, 48, 1}, {27, 58, 6}, {27, 68, 1}, {27, 69, 2}, {27, 70, 1}, {27, 71, 1}, {27, 72, 1}, {28, 44, 3}, {28, 45, 2}, {29, 34, 2}, {29, 35, 2}, {29, 36, 1}, {29, 37, 1}, {29, 38, 1}, {30, 31, 2}, {34, 35, 3}, {34, 36, 2}, {34, 37, 2}, {34, 38, 2}, {35, 36, 2}, {35, 37, 2}, {35, 38, 2}, {36, 37, 2}, {36, 38, 2}, {37, 38, 2}, {39, 52, 1}, {39, 55, 1}, {41, 42, 2}, {41, 55, 5}, {41, 57, 1}, {41, 62, 1}, {41, 68, 1}, {41, 69, 1}, {41, 70, 1}, {41, 71, 1}, {41, 75, 1}, {46, 47, 1}, {46, 48, 2}, {48, 55, 4}, {48, 57, 1}, {48, 58, 7}, {48, 59, 6}, {48, 60, 1}, {48, 61, 2}, {48, 62, 7}, {48, 63, 5}, {48, 64, 5}, {48, 65, 3}, {48, 66, 1}, {48, 68, 1}, {48, 69, 1}, {48, 71, 1}, {48, 73, 2}, {48, 74, 2}, {48, 75, 1}, {48, 76, 1}, {49, 50, 1}, {49, 51, 9}, {49, 54, 1}, {49, 55, 12}, {49, 56, 1}, {51, 52, 1}, {51, 53, 1}, {51, 54, 2}, {51, 55, 6}, {54, 55, 1}, {55, 56, 1}, {55, 57, 1}, {55, 58, 7}, {55, 59, 5}, {55, 61, 1}, {55, 62, 9}, {55, 63, 1}, {55, 64, 5}, {55, 65, 2}, {57, 58, 1}, {57, 59, 2}, {57, 61, 1}, {57, 62, 2}, {57, 63, 2}, {57, 64, 1}, {57, 65, 1}, {57, 67, 3}, {58, 59, 15}, {58, 60, 4}, {58, 61, 6}, {58, 62, 17}, {58, 63, 4}, {58, 64, 10}, {58, 65, 5}, {58, 66, 3}, {58, 70, 1}, {58, 76, 1}, {59, 60, 2}, {59, 61, 5}, {59, 62, 13}, {59, 63, 5}, {59, 64, 9}, {59, 65, 5}, {59, 66, 1}, {60, 61, 2}, {60, 62, 3}, {60, 63, 2}, {60, 64, 2}, {60, 65, 2}, {60, 66, 1}, {61, 62, 6}, {61, 63, 3}, {61, 64, 6}, {61, 65, 5}, {61, 66, 1}, {62, 63, 6}, {62, 64, 12}, {62, 65, 5}, {62, 66, 2}, {62, 76, 1}, {63, 64, 4}, {63, 65, 5}, {63, 66, 1}, {63, 76, 1}, {64, 65, 7}, {64, 66, 3}, {64, 76, 1}, {65, 66, 2}, {65, 76, 1}, {66, 76, 1}, {68, 69, 6}, {68, 70, 4}, {68, 71, 2}, {68, 75, 3}, {69, 70, 4}, {69, 71, 2}, {69, 75, 3}, {70, 71, 2}, {70, 75, 1}, {71, 75, 1}, {73, 74, 3}};
const std::vector<ModularityCase> kModularityCases{
    {false,
     {{3, 10, 3}, {3, 7, 3}, {17, 13, 3}, {15, 18, 0.5}, {19, 2, 0.5}, {14, 0, 2}, {10, 6, 1.5}, {11, 12, 3}, {2, 2, 3}, {9, 9, 3}, {9, 0, 1.5}, {11, 14, 2}, {18, 17, 0.5}, {13, 16, 3}, {15, 12, 1.5}, {13, 18, 2}, {16, 16, 3}, {7, 4, 3}, {3, 19, 1}, {15, 7, 0.5}, {14, 15, 3}, {8, 17, 1.5}, {17, 16, 2}, {13, 6, 1.5}, {0, 1, 3}, {14, 16, 1.5}, {6, 8, 2}, {16, 15, 3}, {1, 9, 0.5}, {14, 16, 1}, {13, 15, 1.5}, {15, 15, 2}, {4, 14, 0.5}, {0, 14, 0.5}, {19, 6, 3}, {1, 17, 1.5}, {4, 0, 3}, {18, 15, 1}, {17, 7, 1}, {19, 16, 2}, {5, 4, 3}, {9, 16, 1}, {16, 6, 0.5}, {12, 12, 1.5}, {11, 11, 2}},
     {2, 2, 3, 2, 0, 3, 3, 1, 1, 1, 3, 2, 3, 1, 0, 3, 0, 1, 1, 0},
     {{1.0, true, 0.14559503746997027}, {1.0, false, 0.14484126984126983}, {0.5, true, 0.27339632113019474}, {0.5, false, 0.27480158730158727}, {2.0, true, -0.11000752985047865}, {2.0, false, -0.11507936507936509}}},
    {false,
     {{17, 1, 1}, {15, 0, 3}, {6, 16, 1}, {5, 5, 2}, {17, 13, 2}, {9, 5, 1.5}, {14, 15, 2}, {9, 14, 3}, {15, 14, 3}, {8, 3, 1}, {0, 2, 1.5}, {13, 17, 1}, {0, 11, 1.5}, {17, 18, 1}, {3, 19, 3}, {18, 6, 3}, {8, 17, 1.5}, {3, 13, 0.5}, {11, 5, 0.5}, {16, 10, 0.5}, {9, 10, 1.5}, {2, 0, 1.5}, {13, 13, 1}, {0, 9, 3}, {18, 11, 2}, {19, 19, 2}, {10, 19, 2}, {13, 3, 3}, {8, 12, 1.5}, {1, 13, 1.5}, {10, 9, 0.5}, {9, 13, 0.5}, {17, 10, 0.5}, {3, 5, 0.5}, {1, 4, 3}, {9, 0, 1}, {11, 13, 1}, {13, 7, 1}, {17, 0, 3}, {17, 12, 1}, {7, 7, 3}, {15, 13, 1.5}, {4, 4, 1}, {17, 1, 3}, {8, 10, 1.5}},
     {0, 0, 1, 3, 0, 1, 1, 3, 2, 1, 2, 2, 1, 2, 2, 3, 3, 3, 2, 1},
     {{1.0, true, -0.015359668483401645}, {1.0, false, -0.009002770083102511}, {0.5, true, 0.11312553488581596}, {0.5, false, 0.1270775623268698}, {2.0, true, -0.27233007522183683}, {2.0, false, -0.28116343490304707}}},
    {true,
     {{5, 13, 0.5}, {11, 16, 0.5}, {5, 2, 3}, {8, 4, 0.5}, {0, 17, 3}, {9, 9, 2}, {12, 17, 3}, {5, 16, 1}, {12, 10, 1.5}, {1, 18, 1}, {5, 9, 1.5}, {11, 4, 1}, {0, 19, 2}, {11, 17, 3}, {0, 5, 1}, {5, 0, 3}, {0, 0, 1.5}, {6, 17, 3}, {7, 4, 1.5}, {15, 3, 0.5}, {12, 8, 0.5}, {11, 15, 0.5}, {17, 16, 1.5}, {14, 18, 0.5}, {2, 15, 1.5}, {7, 5, 3}, {17, 10, 2}, {12, 10, 2}, {7, 11, 1.5}, {13, 18, 1}, {14, 18, 1}, {13, 8, 0.5}, {10, 8, 2}, {8, 4, 1.5}, {7, 10, 3}, {3, 8, 2}, {12, 12, 1.5}, {13, 13, 2}, {17, 16, 1.5}, {10, 1, 1}, {0, 8, 1.5}, {4, 10, 3}, {13, 15, 2}, {10, 10, 1}, {3, 8, 1}},
     {3, 2, 2, 0, 1, 0, 0, 1, 2, 1, 3, 1, 1, 2, 0, 3, 1, 0, 0, 2},
     {{1.0, true, -0.017241379310344827}, {1.0, false, 0.045937500000000006}, {0.5, true, 0.11206896551724137}, {0.5, false, 0.17296875}, {2.0, true, -0.27586206896551724}, {2.0, false, -0.208125}}},
};

// karate multilevel: best 0.41978961209730437 median 0.41720085470085466
// karate leiden: best 0.41978961209730437 median 0.41978961209730437
// lesmis multilevel: best 0.5666879833432482 median 0.5654156751933374
// lesmis leiden: best 0.5666879833432482 median 0.5666879833432482
// planted multilevel: best 0.7154745141772314 median 0.7154745141772314
// planted leiden: best 0.7154745141772314 median 0.7154745141772314
// ---- end of pasted output ----

constexpr double kKarateIgraph = 0.41978961209730437;   // best multilevel/leiden over igraph seeds 0..9
constexpr double kLesMisIgraph = 0.5666879833432482;
constexpr double kPlantedIgraph = 0.7154745141772314;

// The splitmix64 planted-partition sampler of communities_reference.py:
// 10 groups of 1000 nodes, each node draws 8 partners in its group and 2
// anywhere (kept when outside its group); unweighted.
struct SplitMix {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t b) { return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * b) >> 64); }
};

Graph planted_graph() {
  constexpr node_id kGroups = 10, kSize = 1000, n = kGroups * kSize;
  SplitMix rng{11};
  std::vector<std::pair<node_id, node_id>> edges;
  for (node_id u = 0; u < n; ++u) {
    const node_id g = u / kSize;
    for (int k = 0; k < 8; ++k) {
      const auto v = static_cast<node_id>(g * kSize + rng.below(kSize));
      if (v != u) edges.emplace_back(std::min(u, v), std::max(u, v));
    }
    for (int k = 0; k < 2; ++k) {
      const auto v = static_cast<node_id>(rng.below(n));
      if (v / kSize != g) edges.emplace_back(std::min(u, v), std::max(u, v));
    }
  }
  return graph_of(n, edges, false);  // repeated pairs merge into one tie
}

// Deliberately simple serial modularity: one loop over the tie table, each
// tie of a directed graph adding its weight to the unordered pair.
double serial_modularity(const Graph& g, const std::vector<std::uint32_t>& c, double gamma, bool weighted) {
  std::map<std::uint32_t, double> inside, degree;
  double m = 0;
  const TieTable& t = g.ties();
  for (std::size_t i = 0; i < t.size(); ++i) {
    const double w = weighted ? t.weight[i] : 1.0;
    m += w;
    degree[c[t.source[i]]] += w;
    degree[c[t.target[i]]] += w;
    if (c[t.source[i]] == c[t.target[i]]) inside[c[t.source[i]]] += w;
  }
  double q = 0;
  for (const auto& [k, l] : inside) q += l / m;
  for (const auto& [k, d] : degree) q -= gamma * (d / (2 * m)) * (d / (2 * m));
  return q;
}

void expect_valid_numbering(const Partition& p, node_id n) {
  ASSERT_EQ(p.community.size(), n);
  std::uint32_t next = 0;
  for (const auto c : p.community) {
    ASSERT_LE(c, next) << "communities numbered by smallest member";
    if (c == next) ++next;
  }
  EXPECT_EQ(p.count, next);
}

// No node of `p` gains more than 1e-12 modularity by moving to another
// community of p or to a new one (serial recomputation of every move).
void expect_locally_optimal(const Graph& g, const Partition& p, double gamma, bool weighted) {
  const double q = serial_modularity(g, p.community, gamma, weighted);
  std::vector<std::uint32_t> c = p.community;
  for (node_id u = 0; u < g.num_nodes(); ++u) {
    const std::uint32_t own = c[u];
    for (std::uint32_t target = 0; target <= p.count; ++target) {  // p.count: a new community
      if (target == own) continue;
      c[u] = target;
      const double moved = serial_modularity(g, c, gamma, weighted);
      EXPECT_LE(moved - q, 1e-12) << "node " << u << " to " << target;
    }
    c[u] = own;
  }
}

TEST(Modularity, MatchesNetworkx) {
  for (const auto& mc : kModularityCases) {
    const Graph g = weighted_graph(20, mc.edges, mc.directed);
    for (const auto& e : mc.expected) {
      EXPECT_NEAR(modularity(g, mc.labels, e.gamma, e.weighted), e.q, 1e-14)
          << "directed " << mc.directed << " gamma " << e.gamma << " weighted " << e.weighted;
      EXPECT_NEAR(serial_modularity(g, mc.labels, e.gamma, e.weighted), e.q, 1e-14);
    }
  }
}

TEST(Modularity, LabelsAnyValuesAndHandExample) {
  // Two triangles joined by one tie: m = 7, each side d = 7, L = 3:
  // Q = 2 * (3/7 - (7/14)^2) = 6/7 - 1/2.
  const Graph g = graph_of(6, {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {2, 3}}, false);
  EXPECT_NEAR(modularity(g, {7, 7, 7, 4000000000u, 4000000000u, 4000000000u}), 6.0 / 7 - 0.5, 1e-15);
  EXPECT_NEAR(modularity(g, {0, 0, 0, 0, 0, 0}), 0.0, 1e-15);
  EXPECT_EQ(modularity(graph_of(3, {}, false), {0, 1, 2}), 0.0);  // no ties
  EXPECT_THROW(modularity(g, {0, 1}), UsageError);
  EXPECT_THROW(modularity(g, {0, 0, 0, 1, 1, 1}, -1.0), UsageError);
  EXPECT_THROW(modularity(weighted_graph(2, {{0, 1, -1.0}}, false), {0, 0}), UsageError);
  EXPECT_NO_THROW(modularity(weighted_graph(2, {{0, 1, -1.0}}, false), {0, 0}, 1.0, false));
}

struct Named {
  const char* name;
  Graph graph;
  double igraph;
};

std::vector<Named> igraph_cases() {
  std::vector<Named> out;
  out.push_back({"karate", graph_of(34, kKarate, false), kKarateIgraph});
  out.push_back({"lesmis", weighted_graph(77, kLesMis, false), kLesMisIgraph});
  out.push_back({"planted", planted_graph(), kPlantedIgraph});
  return out;
}

TEST(Louvain, AtLeastNinetyNinePercentOfIgraph) {
  for (const auto& c : igraph_cases()) {
    for (const std::uint64_t seed : {1, 2, 3}) {
      CommunityOptions o;
      o.seed = seed;
      const Partition p = louvain(c.graph, o);
      expect_valid_numbering(p, c.graph.num_nodes());
      EXPECT_GE(p.modularity, 0.99 * c.igraph) << c.name << " seed " << seed;
      EXPECT_EQ(p.modularity, modularity(c.graph, p.community));
      EXPECT_NEAR(p.modularity, serial_modularity(c.graph, p.community, 1.0, true), 1e-12) << c.name;
      RecordProperty(std::string(c.name) + "_louvain_seed" + std::to_string(seed), std::to_string(p.modularity));
    }
  }
}

TEST(Leiden, AtLeastNinetyNinePercentOfIgraph) {
  for (const auto& c : igraph_cases()) {
    for (const std::uint64_t seed : {1, 2, 3}) {
      CommunityOptions o;
      o.seed = seed;
      const Partition p = leiden(c.graph, o);
      expect_valid_numbering(p, c.graph.num_nodes());
      EXPECT_GE(p.modularity, 0.99 * c.igraph) << c.name << " seed " << seed;
      EXPECT_EQ(p.modularity, modularity(c.graph, p.community));
      EXPECT_NEAR(p.modularity, serial_modularity(c.graph, p.community, 1.0, true), 1e-12) << c.name;
    }
  }
}

TEST(Louvain, PlantedGroupsRecovered) {
  const Graph g = planted_graph();
  for (const auto& p : {louvain(g), leiden(g)}) {
    ASSERT_EQ(p.count, 10u);
    for (node_id u = 0; u < g.num_nodes(); ++u) ASSERT_EQ(p.community[u], u / 1000) << u;
  }
}

TEST(Louvain, LocallyOptimal) {
  expect_locally_optimal(graph_of(34, kKarate, false), louvain(graph_of(34, kKarate, false)), 1.0, true);
  const Graph lesmis = weighted_graph(77, kLesMis, false);
  expect_locally_optimal(lesmis, louvain(lesmis), 1.0, true);
  for (const std::uint64_t seed : {5, 6}) {
    const auto r = testing::random_interactions(150, 500, seed);
    for (const bool directed : {false, true}) {
      const Graph g = build_graph(r.n, r.input(), {directed});
      for (const double gamma : {1.0, 0.5, 2.0}) {
        for (const bool weighted : {true, false}) {
          CommunityOptions o;
          o.resolution = gamma;
          o.weighted = weighted;
          o.seed = seed;
          const Partition p = louvain(g, o);
          expect_valid_numbering(p, g.num_nodes());
          EXPECT_NEAR(p.modularity, serial_modularity(g, p.community, gamma, weighted), 1e-12);
          expect_locally_optimal(g, p, gamma, weighted);
          const Partition q = leiden(g, o);
          expect_valid_numbering(q, g.num_nodes());
          EXPECT_NEAR(q.modularity, serial_modularity(g, q.community, gamma, weighted), 1e-12);
        }
      }
    }
  }
}

TEST(Louvain, DirectedIsSymmetrisedView) {
  // Directed arcs, some reciprocated, and the undirected graph with
  // w(u,v) + w(v,u): the same view, so the same partition.
  const auto r = testing::random_interactions(400, 2000, 9);
  const Graph directed = build_graph(r.n, r.input(), {true});
  std::vector<WeightedEdge> sym;
  const TieTable& t = directed.ties();
  for (std::size_t i = 0; i < t.size(); ++i) sym.push_back({t.source[i], t.target[i], t.weight[i]});
  const Graph undirected = weighted_graph(r.n, sym, false);
  CommunityOptions o;
  o.seed = 3;
  EXPECT_EQ(louvain(directed, o).community, louvain(undirected, o).community);
  EXPECT_EQ(leiden(directed, o).community, leiden(undirected, o).community);
  EXPECT_DOUBLE_EQ(louvain(directed, o).modularity, louvain(undirected, o).modularity);
}

TEST(Louvain, IdenticalForOneTwoAndEightThreads) {
  const auto r = testing::random_interactions(30000, 150000, 21);
  const std::vector<Graph> graphs{planted_graph(), build_graph(r.n, r.input(), {false}),
                                  build_graph(r.n, r.input(), {true})};
  for (const auto& g : graphs) {
    for (const std::uint64_t seed : {1, 77}) {
      CommunityOptions o;
      o.seed = seed;
      std::vector<Partition> lv, ld;
      for (const int threads : {1, 2, 8}) {
        tbb::global_control control(tbb::global_control::max_allowed_parallelism, threads);
        lv.push_back(louvain(g, o));
        ld.push_back(leiden(g, o));
      }
      for (std::size_t i = 1; i < lv.size(); ++i) {
        EXPECT_EQ(lv[i].community, lv[0].community);
        EXPECT_EQ(lv[i].modularity, lv[0].modularity);
        EXPECT_EQ(lv[i].levels, lv[0].levels);
        EXPECT_EQ(ld[i].community, ld[0].community);
        EXPECT_EQ(ld[i].modularity, ld[0].modularity);
      }
      EXPECT_NEAR(lv[0].modularity, serial_modularity(g, lv[0].community, 1.0, true), 1e-12);
    }
  }
}

TEST(Louvain, SeedsMatterAndRepeat) {
  const auto r = testing::random_interactions(3000, 12000, 4);
  const Graph g = build_graph(r.n, r.input(), {false});
  CommunityOptions a, b;
  a.seed = 1;
  b.seed = 2;
  EXPECT_EQ(louvain(g, a).community, louvain(g, a).community);
  EXPECT_NE(louvain(g, a).community, louvain(g, b).community);
  EXPECT_NE(leiden(g, a).community, leiden(g, b).community);
}

TEST(Louvain, EdgeCasesAndErrors) {
  const Partition empty = louvain(Graph{});
  EXPECT_EQ(empty.count, 0u);
  const Partition isolated = leiden(graph_of(3, {}, false));
  EXPECT_EQ(isolated.community, (std::vector<std::uint32_t>{0, 1, 2}));
  EXPECT_EQ(isolated.modularity, 0.0);
  CommunityOptions bad;
  bad.resolution = -1;
  EXPECT_THROW(louvain(graph_of(2, {{0, 1}}, false), bad), UsageError);
  EXPECT_THROW(leiden(weighted_graph(2, {{0, 1, -2.0}}, false)), UsageError);
  CommunityOptions cancel;
  int calls = 0;
  cancel.progress = [&](double) { return ++calls < 2; };
  EXPECT_THROW(louvain(planted_graph(), cancel), Cancelled);
  calls = 0;
  EXPECT_THROW(leiden(planted_graph(), cancel), Cancelled);
  std::vector<double> seen;
  CommunityOptions watch;
  watch.progress = [&](double f) {
    seen.push_back(f);
    return true;
  };
  louvain(graph_of(34, kKarate, false), watch);
  ASSERT_GE(seen.size(), 2u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(seen.back(), 1.0);
}

TEST(CommunityRoles, HandWorkedExample) {
  // Community 0 = {0,1,2,3}, community 1 = {4,5,6}. Ties: 0-1, 0-2, 0-3,
  // 1-2, 0-4, 3-5, 4-5, 4-6, 5-6, and a self-loop 6-6 (ignored).
  //   node  k_i  k_i,own  k_i,other  P_i = 1 - sum (k_is/k_i)^2
  //   0     4    3        1          1 - (9+1)/16 = 6/16
  //   1     2    2        0          0
  //   2     2    2        0          0
  //   3     2    1        1          1 - (1+1)/4 = 1/2
  //   4     3    2        1          1 - (4+1)/9 = 4/9
  //   5     3    2        1          4/9
  //   6     2    2        0          0
  // Community 0: k_own = 3,2,2,1, mean 2, population sd sqrt((1+0+0+1)/4)
  // = sqrt(1/2): z = 1/sqrt(1/2), 0, 0, -1/sqrt(1/2). Community 1: k_own =
  // 2,2,2, sd 0 -> z = 0.
  const Graph g = graph_of(7, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {0, 4}, {3, 5}, {4, 5}, {4, 6}, {5, 6}, {6, 6}}, false);
  const std::vector<std::uint32_t> c{0, 0, 0, 0, 1, 1, 1};
  const CommunityRoles r = community_roles(g, c);
  const std::vector<double> p{6.0 / 16, 0, 0, 0.5, 4.0 / 9, 4.0 / 9, 0};
  const double s = std::sqrt(2.0);
  const std::vector<double> z{s, 0, 0, -s, 0, 0, 0};
  for (node_id u = 0; u < 7; ++u) {
    EXPECT_NEAR(r.participation[u], p[u], 1e-15) << u;
    EXPECT_NEAR(r.within_module_z[u], z[u], 1e-15) << u;
  }
  // Weighted: tie 0-4 weighs 3 (others 1): node 0 has k = 6, k_own = 3,
  // P_0 = 1 - (9+9)/36 = 1/2; node 4: k = 5, k_own 2, P_4 = 1 - (4+9)/25 = 12/25.
  std::vector<WeightedEdge> w{{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {1, 2, 1}, {0, 4, 3},
                              {3, 5, 1}, {4, 5, 1}, {4, 6, 1}, {5, 6, 1}};
  const Graph gw = weighted_graph(8, w, false);  // node 7 isolated: P = 0, z = 0 (its own community)
  const CommunityRoles rw = community_roles(gw, {0, 0, 0, 0, 1, 1, 1, 2});
  EXPECT_NEAR(rw.participation[0], 0.5, 1e-15);
  EXPECT_NEAR(rw.participation[4], 12.0 / 25, 1e-15);
  EXPECT_EQ(rw.participation[7], 0.0);
  EXPECT_EQ(rw.within_module_z[7], 0.0);
  const CommunityRoles ru = community_roles(gw, {0, 0, 0, 0, 1, 1, 1, 2}, false);
  EXPECT_NEAR(ru.participation[0], 6.0 / 16, 1e-15);
  EXPECT_THROW(community_roles(gw, {0, 1}), UsageError);
}

TEST(CommunityRoles, DirectedUsesSymmetrisedView) {
  // 0->1, 1->0 (reciprocated: weight 2 unweighted), 1->2: node 1 has k = 3,
  // k to {0} = 2, k to {2} = 1 -> P_1 = 1 - (4+1)/9 = 4/9.
  const Graph g = graph_of(3, {{0, 1}, {1, 0}, {1, 2}}, true);
  const CommunityRoles r = community_roles(g, {0, 1, 2}, false);
  EXPECT_NEAR(r.participation[1], 4.0 / 9, 1e-15);
  EXPECT_NEAR(r.participation[0], 0.0, 1e-15);
}

}  // namespace
}  // namespace movemap
