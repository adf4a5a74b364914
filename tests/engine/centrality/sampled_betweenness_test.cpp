// Sampled betweenness (Riondato & Kornaropoulos): the (epsilon, delta)
// guarantee against a deliberately simple serial Brandes, the sample size
// and vertex-diameter bound by hand, seed-only determinism.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <string>

#include "../support/random_graphs.hpp"
#include "movemap/centrality/betweenness.hpp"
#include "movemap/error.hpp"

namespace movemap {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

using testing::graph_of;

struct Exact {
  std::vector<double> normalised;  // networkx's betweenness_centrality
  std::uint64_t vertex_diameter = 0;  // most nodes on any shortest path
};

// Serial Brandes with O(n^2) Dijkstra (array scan), adjacency from the
// std::map tie aggregation, networkx's exact-equality rule for ties in
// length. Lengths: 1 (hops), 1 / weight (inverse) or weight. Normalised the
// networkx way: ordered-pair sum / ((n-1)(n-2)) in both cases.
Exact reference(const testing::RandomInteractions& r, bool directed, PathLength length) {
  const node_id n = r.n;
  std::vector<std::vector<std::pair<node_id, double>>> adj(n);
  for (const auto& [key, tie] : testing::reference_ties(r, directed)) {
    const auto [u, v] = key;
    if (u == v) continue;
    const double len = length == PathLength::hops     ? 1.0
                       : length == PathLength::inverse ? 1.0 / tie.weight
                                                       : tie.weight;
    adj[u].push_back({v, len});
    if (!directed) adj[v].push_back({u, len});
  }
  Exact ex;
  std::vector<double> b(n, 0.0);
  for (node_id s = 0; s < n; ++s) {
    std::vector<double> dist(n, kInf), sigma(n, 0), delta(n, 0);
    std::vector<std::uint64_t> hops(n, 0);  // most nodes on a shortest s-v path
    std::vector<std::vector<node_id>> pred(n);
    std::vector<bool> done(n, false);
    std::vector<node_id> order;
    dist[s] = 0;
    sigma[s] = 1;
    hops[s] = 1;
    for (;;) {
      node_id u = kNone;
      for (node_id v = 0; v < n; ++v)
        if (!done[v] && dist[v] < kInf && (u == kNone || dist[v] < dist[u])) u = v;
      if (u == kNone) break;
      done[u] = true;
      order.push_back(u);
      for (const auto& [v, len] : adj[u]) {
        if (done[v]) continue;
        const double nd = dist[u] + len;
        if (nd < dist[v]) {
          dist[v] = nd;
          sigma[v] = 0;
          pred[v].clear();
          hops[v] = 0;
        }
        if (nd == dist[v]) {
          sigma[v] += sigma[u];
          pred[v].push_back(u);
          hops[v] = std::max(hops[v], hops[u] + 1);
        }
      }
    }
    for (const node_id v : order) ex.vertex_diameter = std::max(ex.vertex_diameter, hops[v]);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const node_id w = *it;
      for (const node_id p : pred[w]) delta[p] += sigma[p] / sigma[w] * (1 + delta[w]);
      if (w != s) b[w] += delta[w];
    }
  }
  const double scale = n > 2 ? 1.0 / ((n - 1.0) * (n - 2.0)) : 1.0;
  ex.normalised.resize(n);
  for (node_id v = 0; v < n; ++v) ex.normalised[v] = b[v] * scale;
  return ex;
}

testing::RandomInteractions from_edges(node_id n, const std::vector<std::pair<node_id, node_id>>& e,
                                       double weight) {
  testing::RandomInteractions r;
  r.n = n;
  for (const auto& [u, v] : e) {
    r.source.push_back(u);
    r.target.push_back(v);
    r.time.push_back(0);
    r.weight.push_back(weight);
    r.kind.push_back(kNone);
  }
  return r;
}

double max_error(const std::vector<double>& a, const std::vector<double>& b) {
  double m = 0;
  for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a[i] - b[i]));
  return m;
}

TEST(SampledBetweenness, GuaranteeOnRandomGraphs) {
  const double epsilon = 0.05;
  for (const std::uint64_t graph_seed : {1, 2, 3}) {
    const auto r = testing::random_interactions(70, 160, graph_seed);
    for (const bool directed : {false, true}) {
      for (const PathLength length : {PathLength::hops, PathLength::inverse}) {
        const Graph g = build_graph(r.n, r.input(), {directed});
        const Exact ex = reference(r, directed, length);
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
          SampledBetweennessOptions o;
          o.epsilon = epsilon;
          o.delta = 0.1;
          o.seed = seed;
          o.length = length;
          const auto res = sampled_betweenness(g, o);
          ASSERT_GT(res.samples, 0u);
          EXPECT_GE(res.vertex_diameter_bound, ex.vertex_diameter);
          EXPECT_LE(max_error(res.node, ex.normalised), epsilon)
              << "graph " << graph_seed << " directed " << directed << " length "
              << static_cast<int>(length) << " seed " << seed;
        }
      }
    }
  }
}

TEST(SampledBetweenness, SerialReferenceAgreesWithExactBetweenness) {
  // The test's own Brandes against the engine's exact betweenness().
  const auto r = testing::random_interactions(70, 160, 2);
  for (const bool directed : {false, true})
    for (const PathLength length : {PathLength::hops, PathLength::inverse}) {
      const Exact ex = reference(r, directed, length);
      BetweennessOptions o;
      o.length = length;
      const auto b = betweenness(build_graph(r.n, r.input(), {directed}), o).node;
      for (node_id v = 0; v < r.n; ++v)
        ASSERT_NEAR(b[v], ex.normalised[v], 1e-9 * std::max(1.0, ex.normalised[v])) << v;
    }
}

// A 5x5 grid has many equal shortest paths; a sampler that did not pick
// predecessors with probability sigma_sp / sigma_sv would be off by more
// than epsilon = 0.005 here (about 150 000 samples).
TEST(SampledBetweenness, UniformPathChoiceOnGrid) {
  std::vector<std::pair<node_id, node_id>> e;
  for (node_id i = 0; i < 5; ++i)
    for (node_id j = 0; j < 5; ++j) {
      if (j + 1 < 5) e.push_back({5 * i + j, 5 * i + j + 1});
      if (i + 1 < 5) e.push_back({5 * i + j, 5 * (i + 1) + j});
    }
  for (const bool directed : {false, true}) {  // directed: right and down only
    for (const PathLength length : {PathLength::hops, PathLength::inverse}) {
      const auto r = from_edges(25, e, 0.25);  // lengths 4: sums are exact
      const Exact ex = reference(r, directed, length);
      SampledBetweennessOptions o;
      o.epsilon = 0.005;
      o.length = length;
      o.seed = 42;
      const auto res = sampled_betweenness(build_graph(r.n, r.input(), {directed}), o);
      EXPECT_LE(max_error(res.node, ex.normalised), o.epsilon)
          << "directed " << directed << " length " << static_cast<int>(length);
    }
  }
}

// Every shortest s-t path of an unweighted graph (edge list), each as its
// inner nodes in increasing id order (the key sampled_shortest_path
// returns): BFS distances from s and to t, then a depth-first walk over the
// ties with dist_s(u) + 1 + dist_t(v) = dist_s(t).
std::map<std::vector<node_id>, std::uint64_t> all_shortest_paths(
    node_id n, const std::vector<std::pair<node_id, node_id>>& edges, bool directed, node_id s, node_id t) {
  std::vector<std::vector<node_id>> out(n), in(n);
  for (const auto& [u, v] : edges) {
    if (u == v) continue;
    out[u].push_back(v);
    in[v].push_back(u);
    if (!directed) {
      out[v].push_back(u);
      in[u].push_back(v);
    }
  }
  auto bfs = [n](const std::vector<std::vector<node_id>>& adj, node_id root) {
    std::vector<std::uint64_t> d(n, ~0ULL);
    std::vector<node_id> queue{root};
    d[root] = 0;
    for (std::size_t i = 0; i < queue.size(); ++i)
      for (const node_id v : adj[queue[i]])
        if (d[v] == ~0ULL) {
          d[v] = d[queue[i]] + 1;
          queue.push_back(v);
        }
    return d;
  };
  const auto from_s = bfs(out, s), to_t = bfs(in, t);
  std::map<std::vector<node_id>, std::uint64_t> paths;
  if (from_s[t] == ~0ULL) return paths;
  std::vector<node_id> inner;
  auto walk = [&](auto&& self, node_id u) -> void {
    if (u == t) {
      std::vector<node_id> key(inner.begin(), inner.end() - 1);  // drop t
      std::sort(key.begin(), key.end());
      paths[key] = 0;
      return;
    }
    for (const node_id v : out[u]) {
      if (from_s[v] != from_s[u] + 1 || to_t[v] == ~0ULL || from_s[v] + to_t[v] != from_s[t]) continue;
      inner.push_back(v);
      self(self, v);
      inner.pop_back();
    }
  };
  walk(walk, s);
  return paths;
}

// Draws 300 paths per shortest path of (s, t) with sampled_shortest_path and
// checks that each is a shortest path, each occurs, and the counts fit the
// uniform distribution: Pearson's chi-square with k - 1 degrees of freedom
// must stay below k - 1 + 8 sqrt(2 (k - 1)) + 10, far in the tail for a
// uniform sampler (a fixed seed makes the test deterministic), while a
// sampler that picked the meeting node or the predecessors uniformly instead
// of by path counts lands far above it on these graphs.
void expect_uniform_paths(node_id n, const std::vector<std::pair<node_id, node_id>>& edges, bool directed,
                          node_id s, node_id t, PathLength length, double weight, const std::string& what) {
  auto paths = all_shortest_paths(n, edges, directed, s, t);
  ASSERT_GE(paths.size(), 2u) << what;
  const Graph g = graph_of(n, edges, directed, weight);
  const std::uint64_t draws = 300 * paths.size();
  for (std::uint64_t i = 0; i < draws; ++i) {
    const auto inner = detail::sampled_shortest_path(g, s, t, length, 42, i);
    auto it = paths.find(inner);
    ASSERT_NE(it, paths.end()) << what << ": draw " << i << " is not a shortest path";
    ++it->second;
  }
  const double expected = static_cast<double>(draws) / static_cast<double>(paths.size());
  double chi2 = 0;
  for (const auto& [inner, count] : paths) {
    EXPECT_GT(count, 0u) << what << ": a shortest path never drawn";
    chi2 += (static_cast<double>(count) - expected) * (static_cast<double>(count) - expected) / expected;
  }
  const double df = static_cast<double>(paths.size() - 1);
  EXPECT_LT(chi2, df + 8 * std::sqrt(2 * df) + 10) << what << ": " << paths.size() << " paths";
}

TEST(SampledBetweennessPaths, EveryShortestPathEquallyLikelyOnGrid) {
  // 5x5 grid: 0 -> 24 has C(8, 4) = 70 shortest paths; the bidirectional
  // search meets on a diagonal whose nodes carry 1, 16, 36, 16, 1 of them.
  // 5 -> 19 (2 down, 4 right) and 1 -> 23 (4 down, 2 right) have C(6, 2) =
  // 15 each. All ties have the same length (inverse: 1 / 0.25 = 4, exact
  // sums), so the hop-shortest paths are the shortest ones for Dijkstra too.
  std::vector<std::pair<node_id, node_id>> e;
  for (node_id i = 0; i < 5; ++i)
    for (node_id j = 0; j < 5; ++j) {
      if (j + 1 < 5) e.push_back({5 * i + j, 5 * i + j + 1});
      if (i + 1 < 5) e.push_back({5 * i + j, 5 * (i + 1) + j});
    }
  // The enumeration against the counts by hand.
  EXPECT_EQ(all_shortest_paths(25, e, true, 0, 24).size(), 70u);
  EXPECT_EQ(all_shortest_paths(25, e, false, 5, 19).size(), 15u);
  EXPECT_EQ(all_shortest_paths(25, e, false, 1, 23).size(), 15u);
  for (const bool directed : {false, true})
    for (const PathLength length : {PathLength::hops, PathLength::inverse})
      for (const auto& [s, t] : {std::pair<node_id, node_id>{0, 24}, {5, 19}, {1, 23}})
        expect_uniform_paths(25, e, directed, s, t, length, 0.25,
                             "grid " + std::to_string(s) + "->" + std::to_string(t) + " directed " +
                                 std::to_string(directed) + " length " + std::to_string(static_cast<int>(length)));
  // Undirected, the reverse pair (the search from t grows first, or meets
  // elsewhere): also uniform.
  expect_uniform_paths(25, e, false, 24, 0, PathLength::hops, 0.25, "grid 24->0");
}

TEST(SampledBetweennessPaths, EveryShortestPathEquallyLikelyOnRandomGraphs) {
  // In each random graph, the pairs with the most shortest paths (uneven
  // path counts through the meeting layer).
  int checked = 0;
  for (const std::uint64_t seed : {3, 4, 5, 6}) {
    const auto r = testing::random_interactions(60, 150, seed);
    std::vector<std::pair<node_id, node_id>> e;
    for (std::size_t i = 0; i < r.source.size(); ++i) e.push_back({r.source[i], r.target[i]});
    for (const bool directed : {false, true}) {
      std::pair<node_id, node_id> best{0, 0};
      std::size_t most = 0;
      for (node_id s = 0; s < r.n; ++s)
        for (node_id t = 0; t < r.n; ++t) {
          if (s == t) continue;
          const std::size_t k = all_shortest_paths(r.n, e, directed, s, t).size();
          if (k > most && k <= 60) {
            most = k;
            best = {s, t};
          }
        }
      if (most < 4) continue;
      expect_uniform_paths(r.n, e, directed, best.first, best.second, PathLength::hops, 1,
                           "random " + std::to_string(seed) + " directed " + std::to_string(directed) + " " +
                               std::to_string(best.first) + "->" + std::to_string(best.second));
      ++checked;
    }
  }
  EXPECT_GE(checked, 6);
}

TEST(SampledBetweennessPaths, UnreachableAndAdjacentPairs) {
  const Graph g = graph_of(5, {{0, 1}, {1, 2}, {3, 4}}, true);
  EXPECT_TRUE(detail::sampled_shortest_path(g, 0, 3, PathLength::hops, 1, 0).empty());
  EXPECT_TRUE(detail::sampled_shortest_path(g, 2, 0, PathLength::hops, 1, 0).empty());  // against the ties
  EXPECT_TRUE(detail::sampled_shortest_path(g, 0, 1, PathLength::hops, 1, 0).empty());  // no inner node
  EXPECT_EQ(detail::sampled_shortest_path(g, 0, 2, PathLength::hops, 1, 0), std::vector<node_id>{1});
  EXPECT_EQ(detail::sampled_shortest_path(g, 0, 2, PathLength::inverse, 1, 0), std::vector<node_id>{1});
  EXPECT_THROW(detail::sampled_shortest_path(g, 0, 0, PathLength::hops, 1, 0), UsageError);
  EXPECT_THROW(detail::sampled_shortest_path(g, 0, 5, PathLength::hops, 1, 0), UsageError);
}

// Barabási–Albert graph (each new node ties to m distinct earlier ones,
// chosen by degree through the endpoint list); directed: new -> old, and
// old -> new for half of the ties, so most pairs are joined both ways.
testing::RandomInteractions scale_free(node_id n, node_id m, std::uint64_t seed, bool directed) {
  std::mt19937_64 rng(seed);
  std::vector<std::pair<node_id, node_id>> e;
  std::vector<node_id> ends;
  for (node_id v = 0; v <= m; ++v)
    for (node_id u = 0; u < v; ++u) {
      e.push_back({v, u});
      ends.insert(ends.end(), {u, v});
    }
  for (node_id v = m + 1; v < n; ++v) {
    std::vector<node_id> chosen;
    while (chosen.size() < m) {
      const node_id u = ends[rng() % ends.size()];
      if (std::find(chosen.begin(), chosen.end(), u) == chosen.end()) chosen.push_back(u);
    }
    for (const node_id u : chosen) {
      e.push_back({v, u});
      if (directed && rng() % 2 == 0) e.push_back({u, v});
      ends.insert(ends.end(), {u, v});
    }
  }
  return from_edges(n, e, 1);
}

TEST(SampledBetweenness, WithinEpsilonOfExactOnScaleFreeGraphs) {
  // The sampler's home ground (hubs: each balanced search touches a sliver
  // of the graph): 3000 nodes, ~9000 ties, epsilon 0.01, against the exact
  // kernel (itself checked against the serial reference above and networkx
  // elsewhere).
  for (const bool directed : {false, true}) {
    const auto r = scale_free(3000, 3, 11, directed);
    const Graph g = build_graph(r.n, r.input(), {directed});
    const auto exact = betweenness(g).node;
    ASSERT_GT(*std::max_element(exact.begin(), exact.end()), 0.05);  // scores well above epsilon exist
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      SampledBetweennessOptions o;
      o.epsilon = 0.01;
      o.seed = seed;
      const auto res = sampled_betweenness(g, o);
      EXPECT_LE(max_error(res.node, exact), o.epsilon) << "directed " << directed << " seed " << seed;
    }
  }
}

TEST(SampledBetweenness, SameSeedSameBitsForAnyThreadCount) {
  const auto r = testing::random_interactions(2000, 6000, 9);
  for (const bool directed : {false, true}) {
    const Graph g = build_graph(r.n, r.input(), {directed});
    SampledBetweennessOptions o;
    o.epsilon = 0.05;
    o.seed = 7;
    std::vector<double> first;
    for (const int threads : {1, 2, 4, 8}) {
      // Lift TBB's default limit (the core count) so 8 threads really run.
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
      tbb::task_arena arena(threads);
      SampledBetweennessResult res;
      arena.execute([&] { res = sampled_betweenness(g, o); });
      ASSERT_GT(res.samples, 64u * 4);  // several blocks of samples
      if (first.empty()) first = res.node;
      EXPECT_EQ(res.node, first) << threads << " threads";
    }
    o.seed = 8;
    EXPECT_NE(sampled_betweenness(g, o).node, first) << "another seed, another sample";
  }
}

TEST(SampledBetweennessSampleSize, StarByHand) {
  // Star, centre 0 and 9 leaves, undirected. BFS from node 0 (the smallest
  // node) has eccentricity 1, so VD <= 2*1 + 1 = 3. n = 10, epsilon = 0.1:
  // eps' = 0.1 * 8/10 = 0.08; r = ceil(0.5 / 0.0064 * (floor(log2(1)) + 1
  // + ln 10)) = ceil(78.125 * 3.302585...) = ceil(258.0145) = 259.
  std::vector<std::pair<node_id, node_id>> e;
  for (node_id v = 1; v < 10; ++v) e.push_back({0, v});
  SampledBetweennessOptions o;
  o.epsilon = 0.1;
  o.delta = 0.1;
  const auto res = sampled_betweenness(graph_of(10, e, false), o);
  EXPECT_EQ(res.vertex_diameter_bound, 3u);
  EXPECT_EQ(res.samples, 259u);
  EXPECT_EQ(res.epsilon, 0.1);
  EXPECT_EQ(res.delta, 0.1);
  // networkx: betweenness_centrality(star)[0] = 1; leaves 0.
  EXPECT_NEAR(res.node[0], 1.0, o.epsilon);
  for (node_id v = 1; v < 10; ++v) EXPECT_EQ(res.node[v], 0.0);
}

TEST(SampledBetweennessSampleSize, PathByHand) {
  // Path 0-1-2-3-4: ecc(0) = 4, 2*4 + 1 = 9, capped by the 5 nodes: VD = 5.
  // eps' = 0.1 * 3/5 = 0.06; r = ceil(0.5 / 0.0036 * (floor(log2 3) + 1 +
  // ln 10)) = ceil(138.888... * 4.302585...) = ceil(597.58) = 598.
  const auto res = sampled_betweenness(graph_of(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}}, false),
                                       {.epsilon = 0.1, .delta = 0.1});
  EXPECT_EQ(res.vertex_diameter_bound, 5u);
  EXPECT_EQ(res.samples, 598u);
}

TEST(SampledBetweennessSampleSize, DirectedBoundIsNotTheUndirectedOne) {
  // 0->1->...->7 with back ties j->0 (j >= 2): the undirected view has
  // diameter 2, but the only directed path 0 -> 7 has 8 nodes. One strong
  // component; ecc_out(0) = 7, ecc_in(0) = 2 (1->2->0): min(8, 7+2+1) = 8.
  std::vector<std::pair<node_id, node_id>> e;
  for (node_id v = 0; v < 7; ++v) e.push_back({v, v + 1});
  for (node_id j = 2; j < 8; ++j) e.push_back({j, 0});
  EXPECT_EQ(sampled_betweenness(graph_of(8, e, true)).vertex_diameter_bound, 8u);
  // A DAG: each node its own strong component; the chain 0->1->2->3->4 has
  // 5 nodes, and the side branch 5->2 does not lengthen it.
  const Graph dag = graph_of(6, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {5, 2}}, true);
  EXPECT_EQ(sampled_betweenness(dag).vertex_diameter_bound, 5u);
  // Weighted lengths (inverse, all weights 2: every tie has length 0.5):
  // path 0-1-2-3-4 plus 5-6; from 0, ecc = 2, (2 + 2) / 0.5 + 1 = 9 nodes,
  // capped by the component's 5. A star with 9 leaves: ecc(centre) = 0.5,
  // (0.5 + 0.5) / 0.5 + 1 = 3 < 10 nodes.
  SampledBetweennessOptions w;
  w.length = PathLength::inverse;
  EXPECT_EQ(sampled_betweenness(graph_of(7, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {5, 6}}, false, 2), w)
                .vertex_diameter_bound,
            5u);
  std::vector<std::pair<node_id, node_id>> star;
  for (node_id v = 1; v < 10; ++v) star.push_back({0, v});
  EXPECT_EQ(sampled_betweenness(graph_of(10, star, false, 2), w).vertex_diameter_bound, 3u);
}

TEST(SampledBetweennessSampleSize, VertexDiameterBoundIsSound) {
  // The bound must never fall below the most nodes on any shortest path
  // (from the serial reference), for every kind of length.
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    for (const std::size_t m : {60u, 200u}) {
      const auto r = testing::random_interactions(40, m, seed);
      for (const bool directed : {false, true}) {
        for (const PathLength length : {PathLength::hops, PathLength::inverse, PathLength::weight}) {
          SampledBetweennessOptions o;
          o.epsilon = 0.5;
          o.length = length;
          const auto res = sampled_betweenness(build_graph(r.n, r.input(), {directed}), o);
          EXPECT_GE(res.vertex_diameter_bound, reference(r, directed, length).vertex_diameter)
              << "seed " << seed << " m " << m << " directed " << directed;
        }
      }
    }
  }
}

TEST(SampledBetweenness, NothingToSampleIsExactZero) {
  // n < 3.
  auto res = sampled_betweenness(graph_of(2, {{0, 1}}, false));
  EXPECT_EQ(res.samples, 0u);
  EXPECT_EQ(res.node, (std::vector<double>{0, 0}));
  // No shortest path with an inner node (VD = 2): a matching, and a
  // directed "V" 0->1 <-2.
  res = sampled_betweenness(graph_of(6, {{0, 1}, {2, 3}, {4, 5}}, false));
  EXPECT_EQ(res.samples, 0u);
  EXPECT_EQ(res.vertex_diameter_bound, 2u);
  EXPECT_EQ(res.node, std::vector<double>(6, 0.0));
  res = sampled_betweenness(graph_of(3, {{0, 1}, {2, 1}}, true));
  EXPECT_EQ(res.samples, 0u);
  EXPECT_EQ(res.node, std::vector<double>(3, 0.0));
}

TEST(SampledBetweenness, ArgumentsCheckedAndCancellation) {
  const Graph g = graph_of(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}}, false);
  EXPECT_THROW(sampled_betweenness(g, {.epsilon = 0}), UsageError);
  EXPECT_THROW(sampled_betweenness(g, {.epsilon = 1.5}), UsageError);
  EXPECT_THROW(sampled_betweenness(g, {.epsilon = 0.1, .delta = 0}), UsageError);
  EXPECT_THROW(sampled_betweenness(g, {.epsilon = 0.1, .delta = 1}), UsageError);

  SampledBetweennessOptions o;
  o.epsilon = 0.05;
  double highest = -1;
  o.progress = [&](double f) {
    EXPECT_GE(f, 0.0);
    EXPECT_LE(f, 1.0);
    highest = std::max(highest, f);
    return true;
  };
  sampled_betweenness(g, o);
  EXPECT_EQ(highest, 1.0);
  int calls = 0;
  o.progress = [&](double) { return ++calls < 3; };
  EXPECT_THROW(sampled_betweenness(g, o), Cancelled);
}

}  // namespace
}  // namespace movemap
