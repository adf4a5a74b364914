// Gould-Fernandez brokerage: a hand-worked example (every two-path listed),
// sna's moment formulas transcribed literally from sna's R source (loops,
// choose(), the triple loop for the liaison variance) against the engine's
// closed forms, undirected treatment, and an O(n^3) triple enumeration
// verifier on random graphs.
#include "movemap/bridging/brokerage.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <cstring>
#include <set>

#include "../support/random_graphs.hpp"

namespace movemap {
namespace {

using testing::graph_of;
using Counts = std::array<std::uint64_t, kBrokerageRoles>;  // w_I, w_O, b_IO, b_OI, b_O

Counts counts_of(const Brokerage& b, node_id u) {
  Counts c{};
  for (int k = 0; k < kBrokerageRoles; ++k) c[k] = b.count[k][u];
  return c;
}

// Groups A = {0, 1}, B = {2, 3, 5}, C = {4}.
const std::vector<std::uint32_t> kHandGroups{0, 0, 1, 1, 2, 1};
const std::vector<std::pair<node_id, node_id>> kHandArcs{{0, 1}, {0, 2}, {1, 2}, {1, 4}, {2, 1},
                                                         {2, 3}, {3, 4}, {3, 5}, {4, 0}, {2, 2}};

TEST(Brokerage, HandWorkedDirectedExample) {
  // Every a -> b -> c with a != c, by broker b ([groups of a, b, c]):
  //  b=0: 4->0->1 [C,A,A] gatekeeper (1->4 exists: c -> a does not matter)
  //       4->0->2 [C,A,B] liaison
  //  b=1: 0->1->2 excluded (0->2); 0->1->4 [A,A,C] representative;
  //       2->1->2 a == c; 2->1->4 [B,A,C] liaison
  //  b=2: 0->2->1 excluded (0->1); 0->2->3 [A,B,B] gatekeeper;
  //       1->2->1 a == c; 1->2->3 [A,B,B] gatekeeper; the loop 2->2 ignored
  //  b=3: 2->3->4 [B,B,C] representative; 2->3->5 [B,B,B] coordinator
  //  b=4: 1->4->0 [A,C,A] itinerant; 3->4->0 [B,C,A] liaison
  //  b=5: none
  const Graph g = graph_of(6, kHandArcs, true);
  const Brokerage b = brokerage(g, kHandGroups, 3);
  EXPECT_EQ(counts_of(b, 0), (Counts{0, 0, 0, 1, 1}));
  EXPECT_EQ(counts_of(b, 1), (Counts{0, 0, 1, 0, 1}));
  EXPECT_EQ(counts_of(b, 2), (Counts{0, 0, 0, 2, 0}));
  EXPECT_EQ(counts_of(b, 3), (Counts{1, 0, 1, 0, 0}));
  EXPECT_EQ(counts_of(b, 4), (Counts{0, 1, 0, 0, 1}));
  EXPECT_EQ(counts_of(b, 5), (Counts{0, 0, 0, 0, 0}));
  EXPECT_EQ(b.total, (std::vector<std::uint64_t>{2, 2, 2, 2, 2, 0}));
  // Null model: 9 arcs without the loop, d = 9 / (6 * 5) = 0.3,
  // p = d^2 (1 - d) = 0.063. Broker 0 (group A, n = 2, N = 6):
  // coordinator E = p (n-1)(n-2) = 0, sd 0, z = 0/0 = NaN (as in R);
  // representative E = p (N-n)(n-1) = 0.252,
  // V = E(1-p) + 2((n-1) C(4,2) + 4 C(1,2)) d^3(1-d)^3 = 0.236124 + 12 * 0.009261.
  EXPECT_DOUBLE_EQ(b.density, 0.3);
  EXPECT_EQ(b.expected[0][0], 0.0);
  EXPECT_TRUE(std::isnan(b.z[0][0]));
  EXPECT_NEAR(b.expected[2][0], 0.252, 1e-15);
  EXPECT_NEAR(b.sd[2][0], std::sqrt(0.252 * (1 - 0.063) + 12 * 0.027 * 0.343), 1e-15);
  EXPECT_NEAR(b.z[3][0], (1 - 0.252) / b.sd[3][0], 1e-15);  // gatekeeper: same moments
  // Group totals: A brokers 0 and 1, B 2, 3 and 5, C 4.
  EXPECT_EQ(b.group_count[3], (std::vector<std::uint64_t>{1, 2, 0}));  // gatekeeper
  EXPECT_EQ(b.group_count[4], (std::vector<std::uint64_t>{2, 0, 1}));  // liaison
  EXPECT_EQ(b.global_count, (std::array<std::uint64_t, 6>{1, 1, 2, 3, 3, 10}));
  EXPECT_STREQ(to_string(BrokerageRole::gatekeeper), "gatekeeper");
  EXPECT_STREQ(to_string(BrokerageRole::liaison), "liaison");
  EXPECT_STREQ(to_string(BrokerageRole::coordinator), "coordinator");
  EXPECT_STREQ(to_string(BrokerageRole::itinerant), "itinerant");
  EXPECT_STREQ(to_string(BrokerageRole::representative), "representative");
}

double choose2(double x) { return x * (x - 1) / 2; }  // R's choose(x, 2)

struct SnaMoments {
  std::vector<std::array<double, 6>> e, v;  // per class (exp.grp, sd.grp^2)
  std::array<double, 6> eg{}, vg{};         // exp.gli, sd.gli^2
};

// sna::brokerage's moment code, transcribed line by line (n: class sizes).
SnaMoments sna_moments(const std::vector<double>& n, double N, double d) {
  SnaMoments s;
  const double p = d * d * (1 - d), c3 = std::pow(d, 3) * std::pow(1 - d, 3), c4 = std::pow(d, 4) * std::pow(1 - d, 2),
               c5 = std::pow(d, 5) * (1 - d);
  const std::size_t G = n.size();
  for (std::size_t i = 0; i < G; ++i) {
    std::array<double, 6> e{}, v{};
    double s2 = 0, s3 = 0, o = 0, sq = 0, l = 0;
    for (std::size_t j = 0; j < G; ++j)
      if (j != i) {
        s2 += n[j] * (n[j] - 1);
        s3 += n[j] * (n[j] - 1) * (n[j] - 2);
        sq += n[j] * n[j];
        l += n[j] * choose2(N - n[j] - n[i]);
        for (std::size_t k = 0; k < G; ++k)
          if (k != i) o += n[j] * n[k];
      }
    e[0] = p * (n[i] - 1) * (n[i] - 2);
    v[0] = e[0] * (1 - p) + 2 * (n[i] - 1) * (n[i] - 2) * (n[i] - 3) * c3;
    e[1] = p * s2;
    v[1] = e[1] * (1 - p) + 2 * s3 * c3;
    e[2] = p * (N - n[i]) * (n[i] - 1);
    v[2] = e[2] * (1 - p) + 2 * ((n[i] - 1) * choose2(N - n[i]) + (N - n[i]) * choose2(n[i] - 1)) * c3;
    e[3] = e[2];
    v[3] = v[2];
    e[4] = p * (o - sq);
    v[4] = e[4] * (1 - p) + 4 * l * c3;
    e[5] = p * (N - 1) * (N - 2);
    v[5] = e[5] * (1 - p) + 2 * (N - 1) * (N - 2) * (N - 3) * c3;
    s.e.push_back(e);
    s.v.push_back(v);
  }
  double a = 0, va = 0, b = 0, vb = 0, vb2 = 0, r = 0, vr = 0, l = 0, lsub = 0;
  for (std::size_t i = 0; i < G; ++i) {
    const double x = n[i];
    a += x * (x - 1) * (x - 2);
    va += x * (x - 1) * (x - 2) * (((4 * x - 10) * c3) - (4 * (x - 3) * c4) + ((x - 3) * c5));
    b += x * (N - x) * (x - 1);
    for (std::size_t j = 0; j < G; ++j) {
      const double y = n[j];
      vb += x * y * (x - 1) * (((2 * x + 2 * y - 6) * c3) + ((N - x - 1) * c5));
      l += x * y * (N - x - y);
    }
    vb2 += x * x * (x - 1) * (((4 * x - 6) * c3) + ((N - x - 1) * c5));
    r += x * (N - x) * (x - 1);
    vr += x * (N - x) * (x - 1) * (((N - 3) * c3) + ((x - 2) * c5));
    lsub += x * x * (N - 2 * x);
  }
  s.eg[0] = p * a;
  s.vg[0] = s.eg[0] * (1 - p) + va;
  s.eg[1] = p * b;
  s.vg[1] = s.eg[1] * (1 - p) + (vb - vb2);
  s.eg[2] = s.eg[3] = p * r;
  s.vg[2] = s.vg[3] = s.eg[2] * (1 - p) + vr;
  s.eg[4] = p * (l - lsub);
  s.vg[4] = s.eg[4] * (1 - p);
  for (std::size_t i = 0; i < G; ++i)
    for (std::size_t j = 0; j < G; ++j)
      for (std::size_t k = 0; k < G; ++k)
        if (i != j && j != k && i != k)
          s.vg[4] += n[i] * n[j] * n[k] *
                     ((4 * (N - n[j]) - 2 * (n[i] + n[k] + 1)) * c3 - (4 * (N - n[k]) - 2 * (n[i] + n[j] + 1)) * c4 +
                      (N - (n[i] + n[k] + 1)) * c5);
  s.eg[5] = p * N * (N - 1) * (N - 2);
  s.vg[5] = s.eg[5] * (1 - p) + N * (N - 1) * (N - 2) * (((4 * N - 10) * c3) - (4 * (N - 3) * c4) + ((N - 3) * c5));
  return s;
}

void expect_close(double got, double want, const std::string& what) {
  if (std::isnan(want)) EXPECT_TRUE(std::isnan(got)) << what;
  else EXPECT_NEAR(got, want, 1e-9 * std::max(1.0, std::abs(want))) << what;
}

TEST(Brokerage, MomentsMatchSnaFormulas) {
  // Several group-size mixes, including a group of one and of two.
  const std::vector<std::vector<std::uint32_t>> sizes{{3, 4, 5}, {1, 2, 9, 7}, {12}, {2, 2, 2, 2, 2, 3}, {40, 1, 13}};
  std::uint64_t seed = 1;
  for (const auto& sz : sizes) {
    std::vector<std::uint32_t> group;
    for (std::uint32_t g = 0; g < sz.size(); ++g) group.insert(group.end(), sz[g], g);
    const node_id n = static_cast<node_id>(group.size());
    const auto r = testing::random_interactions(n, 3 * n, seed++);
    const Graph g = build_graph(n, r.input(), {true});
    const Brokerage b = brokerage(g, group, static_cast<std::uint32_t>(sz.size()));
    std::vector<double> nd(sz.begin(), sz.end());
    const SnaMoments s = sna_moments(nd, n, b.density);
    for (node_id u = 0; u < n; ++u) {
      for (int k = 0; k < kBrokerageRoles; ++k) {
        expect_close(b.expected[k][u], s.e[group[u]][k], "expected");
        expect_close(b.sd[k][u], std::sqrt(s.v[group[u]][k]), "sd");
      }
      expect_close(b.expected_total[u], s.e[group[u]][5], "expected total");
      expect_close(b.sd_total[u], std::sqrt(s.v[group[u]][5]), "sd total");
    }
    for (int k = 0; k < 6; ++k) {
      expect_close(b.global_expected[k], s.eg[k], "global expected " + std::to_string(k));
      expect_close(b.global_sd[k], std::sqrt(s.vg[k]), "global sd " + std::to_string(k));
    }
    // Group moments: expectations add up to the global ones; for the roles
    // with exact group variances, the variances add up too.
    for (int k = 0; k < kBrokerageRoles; ++k) {
      double e = 0, v = 0;
      for (std::size_t i = 0; i < sz.size(); ++i) {
        e += b.group_expected[k][i];
        v += b.group_sd[k][i] * b.group_sd[k][i];
      }
      expect_close(e, s.eg[k], "group expected sum");
      if (k == 0 || k == 2 || k == 3) expect_close(v, s.vg[k], "group variance sum");
      else EXPECT_TRUE(std::isnan(v));
    }
  }
}

// O(n^3) enumeration of ordered triples with an adjacency matrix.
std::vector<Counts> brute_force(const testing::RandomInteractions& r, bool directed,
                                const std::vector<std::uint32_t>& group) {
  const node_id n = r.n;
  std::vector<std::vector<char>> adj(n, std::vector<char>(n, 0));
  for (std::size_t i = 0; i < r.source.size(); ++i) {
    adj[r.source[i]][r.target[i]] = 1;
    if (!directed) adj[r.target[i]][r.source[i]] = 1;
  }
  std::vector<Counts> out(n, Counts{});
  for (node_id a = 0; a < n; ++a)
    for (node_id b = 0; b < n; ++b)
      for (node_id c = 0; c < n; ++c) {
        if (a == b || b == c || a == c || !adj[a][b] || !adj[b][c] || adj[a][c]) continue;
        const auto ga = group[a], gb = group[b], gc = group[c];
        int role;
        if (ga == gb && gb == gc) role = 0;
        else if (ga == gb) role = 2;
        else if (gb == gc) role = 3;
        else if (ga == gc) role = 1;
        else role = 4;
        ++out[b][role];
      }
  return out;
}

TEST(Brokerage, MatchesTripleEnumerationOnRandomGraphs) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const auto r = testing::random_interactions(50, 300, seed);
    std::vector<std::uint32_t> group(r.n);
    for (node_id u = 0; u < r.n; ++u) group[u] = (u * 7 + seed) % 4;
    for (const bool directed : {true, false}) {
      const Graph g = build_graph(r.n, r.input(), {directed});
      const Brokerage b = brokerage(g, group, 4);
      const auto want = brute_force(r, directed, group);
      std::uint64_t paths = 0;
      for (node_id u = 0; u < r.n; ++u) {
        EXPECT_EQ(counts_of(b, u), want[u]) << "seed " << seed << " directed " << directed << " node " << u;
        paths += b.total[u];
      }
      EXPECT_GT(paths, 100u);
    }
  }
}

TEST(Brokerage, UndirectedIsBothArcs) {
  const auto r = testing::random_interactions(60, 250, 9);
  std::vector<std::uint32_t> group(r.n);
  for (node_id u = 0; u < r.n; ++u) group[u] = u % 3;
  const Brokerage und = brokerage(build_graph(r.n, r.input(), {false}), group, 3);
  auto both = r;
  both.source.insert(both.source.end(), r.target.begin(), r.target.end());
  both.target.insert(both.target.end(), r.source.begin(), r.source.end());
  both.time.insert(both.time.end(), r.time.begin(), r.time.end());
  both.weight.insert(both.weight.end(), r.weight.begin(), r.weight.end());
  both.kind.insert(both.kind.end(), r.kind.begin(), r.kind.end());
  const Brokerage dir = brokerage(build_graph(both.n, both.input(), {true}), group, 3);
  EXPECT_EQ(und.density, dir.density);
  for (node_id u = 0; u < r.n; ++u) {
    EXPECT_EQ(counts_of(und, u), counts_of(dir, u));
    EXPECT_EQ(und.count[2][u], und.count[3][u]);  // representative == gatekeeper
    EXPECT_EQ(und.count[0][u] % 2, 0u);
    EXPECT_EQ(und.count[1][u] % 2, 0u);
    EXPECT_EQ(und.count[4][u] % 2, 0u);
  }
}

TEST(Brokerage, BadGroupsThrow) {
  const Graph g = graph_of(3, {{0, 1}, {1, 2}}, true);
  EXPECT_THROW(brokerage(g, {0, 1}, 2), UsageError);
  EXPECT_THROW(brokerage(g, {0, 1, 2}, 2), UsageError);
}

TEST(Brokerage, IdenticalForOneAndTwoThreads) {
  const auto r = testing::random_interactions(4000, 40000, 4);
  std::vector<std::uint32_t> group(r.n);
  for (node_id u = 0; u < r.n; ++u) group[u] = (u * 2654435761u) % 5;
  for (const bool directed : {true, false}) {
    const Graph g = build_graph(r.n, r.input(), {directed});
    Brokerage one, two;
    {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
      one = brokerage(g, group, 5);
    }
    {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
      two = brokerage(g, group, 5);
    }
    EXPECT_EQ(one.count, two.count);
    EXPECT_EQ(one.total, two.total);
    EXPECT_EQ(one.group_count, two.group_count);
    EXPECT_EQ(one.global_count, two.global_count);
    EXPECT_EQ(0, std::memcmp(one.z[4].data(), two.z[4].data(), one.z[4].size() * sizeof(double)));
  }
}

}  // namespace
}  // namespace movemap
