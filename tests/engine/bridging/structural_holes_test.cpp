// Structural holes: networkx's own test graphs and two seeded random graphs
// (values from networkx 3.6 and igraph, printed by
// tests/reference/make_bridging_reference.py), hand checks of hierarchy and
// Borgatti's formula, and a serial map-based verifier on random graphs.
#include "movemap/bridging/structural_holes.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "../support/random_graphs.hpp"

namespace movemap {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct WeightedEdge {
  node_id u, v;
  double w;
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

void expect_values(const std::vector<double>& got, const std::vector<double>& want, const char* what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t u = 0; u < got.size(); ++u) {
    if (std::isnan(want[u])) EXPECT_TRUE(std::isnan(got[u])) << what << " node " << u << ": " << got[u];
    else EXPECT_NEAR(got[u], want[u], 1e-12 * std::max(1.0, std::abs(want[u]))) << what << " node " << u;
  }
}

struct Expected {
  std::vector<double> constraint, effective_size, efficiency, hierarchy;
};

void expect_all(const Graph& g, bool weighted, const Expected& e) {
  const StructuralHoles h = structural_holes(g, {.weighted = weighted});
  expect_values(h.constraint, e.constraint, "constraint");
  expect_values(h.effective_size, e.effective_size, "effective_size");
  expect_values(h.efficiency, e.efficiency, "efficiency");
  expect_values(h.hierarchy, e.hierarchy, "hierarchy");
}

// networkx's test graph D (test_structuralholes.py): 0 -> 1, 0 -> 2, 1 -> 0,
// 2 -> 1 with weights 2, 2, 1, 1. networkx's test asserts (3 decimals,
// computed with UCINET and igraph): unweighted constraint 1.003, 1.003,
// 1.389, effective size 1.167, 1.167, 1; weighted constraint 0.840, 1.143,
// 1.378, effective size 1.567, 1.083, 1.
const std::vector<WeightedEdge> kD{{0, 1, 2}, {0, 2, 2}, {1, 0, 1}, {2, 1, 1}};

TEST(StructuralHoles, NetworkxDirectedTestGraph) {
  const Graph g = weighted_graph(3, kD, true);
  expect_all(g, false,
             {{1.0030864197530862, 1.0030864197530862, 1.3888888888888886},
              {1.1666666666666667, 1.1666666666666667, 1.0},
              {0.5833333333333334, 0.5833333333333334, 0.5},
              {0.1095083597805088, 0.1095083597805088, 0.0}});
  expect_all(g, true,
             {{0.8402777777777779, 1.1427777777777777, 1.3780555555555556},
              {1.5666666666666667, 1.0833333333333335, 1.0},
              {0.7833333333333333, 0.5416666666666667, 0.5},
              {0.05731681074450788, 0.16623509278933488, 0.03504323304943137}});
  // By hand, node 0 weighted: a_01 = 2 + 1, a_02 = 2, p = 0.6, 0.4;
  // M_1 = max(3, 1) = 3, M_2 = max(2, 1) = 2; E_0 = (1 - 0.4 * 1/3) +
  // (1 - 0.6 * 1/2) = 1.5667 (networkx's all-nodes path gives 1.6: it
  // divides by M_q instead of M_j, see the header).
  EXPECT_NEAR(structural_holes(g).effective_size[0], (1 - 0.4 / 3) + (1 - 0.6 / 2), 1e-15);
}

// networkx's test graph G (Borgatti's example), nodes A, B, F, G, E, D, C =
// 0..6 and an isolate 7. networkx's test asserts: unweighted constraint
// G 0.400, A 0.595, C 1; effective size G 4.67, A 2.50, C 1; weighted
// constraint G 0.299, A 0.795, C 1; effective size G 5.47, A 2.47, C 1;
// isolate NaN.
const std::vector<WeightedEdge> kG{{0, 1, 2}, {0, 2, 3},  {0, 3, 5}, {0, 4, 2}, {1, 3, 4},
                                   {1, 5, 1}, {2, 3, 3},  {3, 4, 8}, {3, 5, 3}, {3, 6, 10}};

TEST(StructuralHoles, NetworkxUndirectedTestGraph) {
  const Graph g = weighted_graph(8, kG, false);
  expect_all(g, false,
             {{0.595486111111111, 0.6427469135802467, 0.7309027777777779, 0.40027006172839497, 0.7309027777777779,
               0.7847222222222223, 1.0, kNaN},
              {2.5, 1.6666666666666667, 1.0, 4.666666666666667, 1.0, 1.0, 1.0, kNaN},
              {0.625, 0.5555555555555556, 0.5, 0.7777777777777778, 0.5, 0.5, 1.0, kNaN},
              {0.16775111039976925, 0.07373784490468818, 0.0034254711626159743, 0.09474929386668622,
               0.0034254711626159743, 0.012748315121495312, kNaN, kNaN}});
  expect_all(g, true,
             {{0.7949553265597636, 0.812748308689867, 0.8332328971533517, 0.2988516061459785, 0.8834550045913684,
               0.9134128858154832, 1.0, kNaN},
              {2.4749999999999996, 1.6714285714285715, 1.25, 5.471717171717172, 1.1, 1.15, 1.0, kNaN},
              {0.6187499999999999, 0.5571428571428572, 0.625, 0.911952861952862, 0.55, 0.575, 1.0, kNaN},
              {0.39508870269003393, 0.42069525782051737, 0.03032450874741461, 0.12477634155975163,
               0.4799420171141154, 0.45019109884186637, kNaN, kNaN}});
}

TEST(StructuralHoles, NetworkxRandomDirected) {
  // random seed 1 of make_bridging_reference.py; the self-loop 3 -> 3 is
  // ignored (networkx ran on the graph without it; igraph agrees).
  const Graph g = weighted_graph(
      10,
      {{0, 7, 2.0}, {0, 8, 3.0}, {0, 1, 1.0}, {1, 7, 1.0}, {1, 8, 2.5}, {2, 1, 2.5}, {2, 4, 1.0},
       {2, 5, 3.0}, {2, 8, 1.5}, {3, 1, 3.0}, {3, 8, 2.0}, {3, 3, 2.0}, {4, 7, 3.5}, {5, 8, 2.0},
       {5, 7, 2.5}, {5, 6, 3.0}, {6, 3, 3.5}, {6, 8, 3.0}, {6, 2, 1.5}, {6, 0, 4.0}, {7, 6, 2.0},
       {7, 4, 0.5}, {7, 0, 2.0}, {8, 3, 0.5}, {8, 0, 3.5}, {8, 2, 2.0}, {8, 6, 4.0}},
      true);
  expect_all(g, false,
             {{0.46435374149659864, 0.46238276643990933, 0.40138605442176867, 0.598673469387755, 0.5555555555555556,
               0.5005853174603174, 0.4894561293905317, 0.30775151557221525, 0.38831054421768707, kNaN},
              {2.416666666666667, 3.4, 3.416666666666667, 1.625, 2.0, 2.5, 3.6428571428571432, 4.214285714285714,
               4.15, kNaN},
              {0.6041666666666667, 0.6799999999999999, 0.6833333333333333, 0.5416666666666666, 1.0, 0.625,
               0.6071428571428572, 0.8428571428571429, 0.6916666666666668, kNaN},
              {0.060724158260372134, 0.07484247761499807, 0.17388969570790475, 0.18777178029128794,
               0.27807190511263746, 0.022854368914284353, 0.15472124386885883, 0.07912262616781683,
               0.05065661497127531, kNaN}});
  expect_all(g, true,
             {{0.5469848498522599, 0.44685311450852283, 0.4530142367674858, 0.5928779256687242, 0.6800000000000002,
               0.49199918739008563, 0.49506326214739405, 0.32624666631120564, 0.4540714815088397, kNaN},
              {2.6451612903225805, 3.83489010989011, 3.7142857142857144, 1.982804232804233, 2.0, 2.795918367346939,
               3.9484781091923953, 4.401845068511736, 4.12541971916972, kNaN},
              {0.6612903225806451, 0.766978021978022, 0.7428571428571429, 0.6609347442680776, 1.0,
               0.6989795918367347, 0.6580796848653993, 0.8803690137023471, 0.6875699531949534, kNaN},
              {0.20405552577662586, 0.16623230083539905, 0.16703589970698832, 0.028225760868519096,
               0.6772430411026018, 0.03413888765940596, 0.2164087171512262, 0.11588355546274375,
               0.16202603134669152, kNaN}});
}

TEST(StructuralHoles, NetworkxRandomUndirected) {
  // random seed 2 of make_bridging_reference.py, self-loop 3-3 ignored.
  const Graph g = weighted_graph(
      10,
      {{0, 1, 1.0}, {0, 5, 4.0}, {0, 2, 3.0}, {2, 5, 2.5}, {2, 6, 3.5}, {2, 8, 1.5}, {2, 7, 3.5},
       {2, 4, 4.0}, {3, 4, 0.5}, {3, 7, 3.0}, {3, 3, 2.0}, {4, 8, 0.5}, {4, 7, 4.0}, {4, 6, 2.0},
       {5, 8, 4.0}, {5, 6, 3.5}, {5, 7, 4.0}, {6, 7, 3.0}, {7, 8, 2.0}},
      false);
  expect_all(g, false,
             {{0.4223456790123456, 1.0, 0.4649074074074074, 0.7002777777777778, 0.49555555555555564,
               0.4677777777777779, 0.5290277777777778, 0.4841975308641975, 0.5290277777777778, kNaN},
              {2.3333333333333335, 1.0, 3.0, 1.0, 2.6, 2.6, 1.5, 3.0, 1.5, kNaN},
              {0.7777777777777778, 1.0, 0.5, 0.5, 0.52, 0.52, 0.375, 0.5, 0.375, kNaN},
              {0.010792091305575697, kNaN, 0.026039646826195847, 0.000572233100857933, 0.06627552255181504,
               0.04845423839376127, 0.00925960953762133, 0.034388970538410155, 0.00925960953762133, kNaN}});
  expect_all(g, true,
             {{0.5179518711419753, 1.0, 0.5057855173410923, 0.9280040638681997, 0.6397946588241319,
               0.4462348940183228, 0.6052757223987251, 0.44309630008884454, 0.6394448008928905, kNaN},
              {2.453125, 1.0, 3.699404761904762, 1.0, 2.637175324675325, 3.410218253968254, 1.7447916666666663,
               4.021672771672772, 1.875, kNaN},
              {0.8177083333333334, 1.0, 0.6165674603174603, 0.5, 0.527435064935065, 0.6820436507936508,
               0.4361979166666666, 0.6702787952787953, 0.46875, kNaN},
              {0.28521044890734315, kNaN, 0.08411580278962966, 0.5017852036336361, 0.2810343796255571,
               0.03717714013434359, 0.034801225743684536, 0.07209522738209848, 0.1950803801708822, kNaN}});
}

TEST(StructuralHoles, HierarchyByHand) {
  // Star 0 - {1, 2, 3}: p_0j = 1/3, no indirect paths, c_0j = 1/9 each:
  // constraint 1/3, hierarchy 0 (even), leaves have one contact: constraint
  // 1, hierarchy NaN (N ln N = 0), effective size 1, efficiency 1.
  const Graph star = testing::graph_of(4, {{0, 1}, {0, 2}, {0, 3}}, false);
  const StructuralHoles s = structural_holes(star);
  EXPECT_NEAR(s.constraint[0], 1.0 / 3, 1e-15);
  EXPECT_EQ(s.hierarchy[0], 0.0);
  EXPECT_EQ(s.effective_size[0], 3.0);
  EXPECT_EQ(s.constraint[1], 1.0);
  EXPECT_TRUE(std::isnan(s.hierarchy[1]));
  EXPECT_EQ(s.efficiency[1], 1.0);
  // Path 1 - 0 - 2 with weights 3 and 1: p = 3/4, 1/4, c = 9/16, 1/16,
  // C = 10/16, r = c / (C/2) = 9/5, 1/5; H = (9/5 ln 9/5 + 1/5 ln 1/5) / (2 ln 2).
  const Graph path = weighted_graph(3, {{0, 1, 3}, {0, 2, 1}}, false);
  const StructuralHoles p = structural_holes(path);
  EXPECT_NEAR(p.constraint[0], 10.0 / 16, 1e-15);
  EXPECT_NEAR(p.hierarchy[0], (1.8 * std::log(1.8) + 0.2 * std::log(0.2)) / (2 * std::log(2.0)), 1e-15);
  // Unweighted, the same path is even: H = 0.
  EXPECT_NEAR(structural_holes(path, {.weighted = false}).hierarchy[0], 0.0, 1e-15);
}

TEST(StructuralHoles, ZeroWeightTiesAreNotContactsAndNegativeWeightsThrow) {
  // 0 - 1 (weight 0), 0 - 2 (1): 0 has one contact, 1 none (NaN).
  const Graph g = weighted_graph(3, {{0, 1, 0}, {0, 2, 1}}, false);
  const StructuralHoles h = structural_holes(g);
  EXPECT_EQ(h.constraint[0], 1.0);
  EXPECT_TRUE(std::isnan(h.constraint[1]));
  EXPECT_EQ(structural_holes(g, {.weighted = false}).effective_size[0], 2.0);
  EXPECT_THROW(structural_holes(weighted_graph(2, {{0, 1, -1}}, false)), UsageError);
}

// Serial reference: contacts and mutual weights in std::map, formulas
// written as in the header, every sum a plain loop.
StructuralHoles reference(const testing::RandomInteractions& r, bool directed, bool weighted) {
  const auto ties = testing::reference_ties(r, directed);
  std::vector<std::map<node_id, double>> a(r.n);
  for (const auto& [key, t] : ties) {
    const auto [u, v] = key;
    if (u == v) continue;
    const double w = weighted ? t.weight : 1.0;
    a[u][v] += w;
    a[v][u] += w;
  }
  StructuralHoles out;
  for (node_id i = 0; i < r.n; ++i) {
    if (a[i].empty()) {
      for (auto* v : {&out.constraint, &out.effective_size, &out.efficiency, &out.hierarchy}) v->push_back(kNaN);
      continue;
    }
    auto p = [&](node_id x, node_id y) {
      double s = 0;
      for (const auto& [k, w] : a[x]) s += w;
      return a[x].count(y) ? a[x].at(y) / s : 0.0;
    };
    auto m = [&](node_id x, node_id y) {
      double mx = 0;
      for (const auto& [k, w] : a[x]) mx = std::max(mx, w);
      return a[x].count(y) ? a[x].at(y) / mx : 0.0;
    };
    double C = 0, E = 0;
    std::vector<double> local;
    for (const auto& [j, w] : a[i]) {
      double ind = 0, red = 0;
      for (const auto& [q, wq] : a[i]) {
        ind += p(i, q) * p(q, j);
        red += p(i, q) * m(j, q);
      }
      local.push_back((p(i, j) + ind) * (p(i, j) + ind));
      C += local.back();
      E += 1 - red;
    }
    const double N = static_cast<double>(local.size());
    double H = 0;
    for (const double c : local) H += (c / (C / N)) * std::log(c / (C / N));
    out.constraint.push_back(C);
    out.effective_size.push_back(E);
    out.efficiency.push_back(E / N);
    out.hierarchy.push_back(local.size() > 1 ? H / (N * std::log(N)) : kNaN);
  }
  return out;
}

TEST(StructuralHoles, MatchesSerialReferenceOnRandomGraphs) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const auto r = testing::random_interactions(60, 400, seed);
    for (const bool directed : {false, true}) {
      const Graph g = build_graph(r.n, r.input(), {directed});
      for (const bool weighted : {false, true}) {
        SCOPED_TRACE(::testing::Message() << "seed " << seed << " directed " << directed << " weighted " << weighted);
        const StructuralHoles got = structural_holes(g, {.weighted = weighted});
        const StructuralHoles want = reference(r, directed, weighted);
        expect_values(got.constraint, want.constraint, "constraint");
        expect_values(got.effective_size, want.effective_size, "effective_size");
        expect_values(got.efficiency, want.efficiency, "efficiency");
        expect_values(got.hierarchy, want.hierarchy, "hierarchy");
      }
    }
  }
}

TEST(StructuralHoles, UnweightedUndirectedEffectiveSizeIsBorgatti) {
  // Borgatti (1997): e = n - 2t/n, t the ties among the n contacts.
  const auto r = testing::random_interactions(80, 600, 11);
  const Graph g = build_graph(r.n, r.input(), {false});
  const StructuralHoles h = structural_holes(g, {.weighted = false});
  std::vector<std::set<node_id>> nb(r.n);
  for (std::size_t i = 0; i < r.source.size(); ++i) {
    if (r.source[i] == r.target[i]) continue;
    nb[r.source[i]].insert(r.target[i]);
    nb[r.target[i]].insert(r.source[i]);
  }
  int checked = 0;
  for (node_id u = 0; u < r.n; ++u) {
    if (nb[u].empty()) {
      EXPECT_TRUE(std::isnan(h.effective_size[u]));
      continue;
    }
    double t = 0;
    for (const node_id v : nb[u])
      for (const node_id w : nb[u]) t += (v < w && nb[v].count(w));
    const double n = static_cast<double>(nb[u].size());
    EXPECT_NEAR(h.effective_size[u], n - 2 * t / n, 1e-12) << u;
    ++checked;
  }
  EXPECT_GT(checked, 50);
}

TEST(StructuralHoles, IdenticalForOneAndTwoThreads) {
  const auto r = testing::random_interactions(3000, 30000, 5);
  for (const bool directed : {false, true}) {
    const Graph g = build_graph(r.n, r.input(), {directed});
    StructuralHoles one, two;
    {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
      one = structural_holes(g);
    }
    {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
      two = structural_holes(g);
    }
    auto same = [](const std::vector<double>& x, const std::vector<double>& y) {
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i)
        if (!(x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i])))) return false;
      return true;
    };
    EXPECT_TRUE(same(one.constraint, two.constraint));
    EXPECT_TRUE(same(one.effective_size, two.effective_size));
    EXPECT_TRUE(same(one.efficiency, two.efficiency));
    EXPECT_TRUE(same(one.hierarchy, two.hierarchy));
  }
}

TEST(StructuralHoles, ProgressCanCancel) {
  const auto r = testing::random_interactions(5000, 20000, 3);
  const Graph g = build_graph(r.n, r.input(), {false});
  double most = 0;
  structural_holes(g, {.progress = [&](double f) { most = std::max(most, f); return true; }});
  EXPECT_EQ(most, 1.0);
  EXPECT_THROW(structural_holes(g, {.progress = [](double) { return false; }}), Cancelled);
}

}  // namespace
}  // namespace movemap
