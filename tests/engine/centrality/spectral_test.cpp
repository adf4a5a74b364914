// Eigenvector centrality, PageRank and Katz: hand-drawn graphs with the
// values networkx 3.6 gives (the call is quoted above each), random graphs
// against the dense references of support/dense_reference.hpp, thread-count
// determinism, non-convergence, cancellation and bad options.
#include "movemap/centrality/spectral.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cmath>
#include <limits>
#include <string>

#include "../support/dense_reference.hpp"
#include "../support/random_graphs.hpp"
#include "movemap/error.hpp"
#include "movemap/graph_builder.hpp"

namespace movemap {
namespace {

// Directed: a=0 -> b=1 (1), a -> c=2 (2), b -> c (1), c -> a (3), c -> d=3
// (1); d has no out-ties (dangling). In networkx:
//   D = nx.DiGraph(); D.add_nodes_from(range(4))
//   D.add_weighted_edges_from([(0,1,1.0),(0,2,2.0),(1,2,1.0),(2,0,3.0),(2,3,1.0)])
// Undirected: {0,1} (2), {1,2} (1), {2,2} (4, a self-loop), {2,3} (1),
// {0,2} (3):
//   U = nx.Graph(); U.add_nodes_from(range(4))
//   U.add_weighted_edges_from([(0,1,2.0),(1,2,1.0),(2,2,4.0),(2,3,1.0),(0,2,3.0)])
// Every networkx call below passes tol=1e-10, max_iter=1000 (movemap's
// defaults), so both stop at the same iterate.
Graph hand_graph(bool directed) {
  static const std::vector<node_id> ds{0, 0, 1, 2, 2}, dt{1, 2, 2, 0, 3};
  static const std::vector<double> dw{1, 2, 1, 3, 1};
  static const std::vector<node_id> us{0, 1, 2, 2, 0}, ut{1, 2, 2, 3, 2};
  static const std::vector<double> uw{2, 1, 4, 1, 3};
  static const std::vector<timestamp> t(5, 0);
  return directed ? build_graph(4, TieInput{ds, dt, t, dw, {}}, {true})
                  : build_graph(4, TieInput{us, ut, t, uw, {}}, {false});
}

template <class Options>
Options unweighted(Options o) {
  o.weighted = false;
  return o;
}

// |actual - expected| <= rel * |expected| + abs_floor, entry by entry.
void expect_close(const std::vector<double>& actual, const std::vector<double>& expected, double rel,
                  double abs_floor = 0) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t v = 0; v < actual.size(); ++v)
    EXPECT_NEAR(actual[v], expected[v], rel * std::abs(expected[v]) + abs_floor) << "node " << v;
}

double sum(const std::vector<double>& x) {
  double s = 0;
  for (const double v : x) s += v;
  return s;
}

TEST(Eigenvector, DirectedHandExample) {
  // nx.eigenvector_centrality(D, weight="weight", tol=1e-10, max_iter=1000)
  expect_close(eigenvector_centrality(hand_graph(true)).values,
               {0.699619686311679, 0.26212025317350823, 0.6224467581967357, 0.23320656211131438}, 1e-9);
  // nx.eigenvector_centrality(D, weight=None, ...): nodes 0 and 3 have the
  // same single in-neighbour (2), hence the same value.
  expect_close(eigenvector_centrality(hand_graph(true), unweighted(IterationOptions{})).values,
               {0.48086271615811604, 0.36299252495932066, 0.6370074750281469, 0.48086271615811604}, 1e-9);
}

TEST(Eigenvector, UndirectedSelfLoopCountsOnce) {
  // Unweighted, A = [[0,1,1,0],[1,0,1,0],[1,1,1,1],[0,0,1,0]] (A[2][2] = 1:
  // the self-loop once). By hand: x = (1, 1, phi, 1/phi) solves A x =
  // phi^2 x (row 0: 1 + phi = phi^2; row 2: 2 + phi + 1/phi = phi^3), with
  // ||x||^2 = 2 + phi^2 + phi^-2 = 5, so x = (1, 1, phi, 1/phi) / sqrt(5);
  // nx.eigenvector_centrality(U, weight=None, ...) gives 0.44721359545835654,
  // 0.44721359545835654, 0.72360679777569, 0.27639320231733355.
  const double phi = (1 + std::sqrt(5.0)) / 2, s5 = std::sqrt(5.0);
  const auto r = eigenvector_centrality(hand_graph(false), unweighted(IterationOptions{}));
  expect_close(r.values, {1 / s5, 1 / s5, phi / s5, 1 / (phi * s5)}, 1e-9);
  // nx.eigenvector_centrality(U, weight="weight", ...)
  expect_close(eigenvector_centrality(hand_graph(false)).values,
               {0.4820031721490663, 0.284140905289497, 0.8184827527298235, 0.13047172668173374}, 1e-9);
}

TEST(PageRank, DirectedHandExampleWithDanglingNode) {
  // nx.pagerank(D, weight="weight", tol=1e-10, max_iter=1000)
  const auto r = pagerank(hand_graph(true));
  expect_close(r.values, {0.3118060668268995, 0.1577659412446731, 0.3802120436494042, 0.15021594827902315}, 1e-9);
  EXPECT_NEAR(sum(r.values), 1.0, 1e-12);
  EXPECT_LT(r.residual, 4 * 1e-10);
  EXPECT_GT(r.iterations, 1u);
  // nx.pagerank(D, weight=None, ...)
  expect_close(pagerank(hand_graph(true), unweighted(PageRankOptions{})).values,
               {0.23399377766368964, 0.18667103320241166, 0.3453414114702089, 0.23399377766368964}, 1e-9);
}

TEST(PageRank, UndirectedSelfLoopCountsOnceInOutStrength) {
  // nx.pagerank(U, weight="weight", ...): node 2's out-strength is
  // 1 + 4 + 1 + 3 = 9 (the self-loop once, as to_scipy_sparse_array).
  expect_close(pagerank(hand_graph(false)).values,
               {0.2702892446275754, 0.17410774037602977, 0.4733936177589072, 0.08220939723748763}, 1e-9);
  // nx.pagerank(U, weight=None, ...): node 2 has 4 out-entries.
  expect_close(pagerank(hand_graph(false), unweighted(PageRankOptions{})).values,
               {0.22277917015841886, 0.22277917015841886, 0.426343636826642, 0.12809802285652028}, 1e-9);
}

TEST(PageRank, OutWeightsSummingPastDblMaxAreAnErrorNotDangling) {
  // Node 0's two out-ties of 1e308 sum to inf, so 1 / out-strength is 0, as
  // for a dangling node; it is not dangling, and its shares cannot be
  // represented: a clear error instead of spreading its rank uniformly.
  const Graph g = testing::graph_of(3, {{0, 1}, {0, 2}}, true, 1e308);
  try {
    pagerank(g);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("out-weights of node 0 sum past the largest double"), std::string::npos)
        << e.what();
  }
  // One tie of 1e308 is fine (node 0 sends everything to node 1), and the
  // unweighted run ignores the weights.
  const auto one = pagerank(testing::graph_of(2, {{0, 1}}, true, 1e308));
  EXPECT_GT(one.values[1], one.values[0]);
  EXPECT_NO_THROW(pagerank(g, unweighted(PageRankOptions{})));
}

TEST(PageRank, PersonalisedFromTwoSeeds) {
  PageRankOptions o;
  o.seeds = {3, 0};
  // nx.pagerank(D, weight="weight", personalization={0: 1, 3: 1}, ...):
  // teleport and the dangling node's mass go to 0 and 3 only.
  const auto d = pagerank(hand_graph(true), o);
  expect_close(d.values, {0.36394792506679646, 0.1031185787761642, 0.2938879496056809, 0.23904554655135843}, 1e-9);
  EXPECT_NEAR(sum(d.values), 1.0, 1e-12);
  // nx.pagerank(U, weight="weight", personalization={0: 1, 3: 1}, ...)
  expect_close(pagerank(hand_graph(false), o).values,
               {0.28397921936423237, 0.1398050531585181, 0.4579636088568186, 0.11825211862043082}, 1e-9);
  // A duplicate seed counts once.
  o.seeds = {0, 3, 3, 0};
  EXPECT_EQ(pagerank(hand_graph(true), o).values, d.values);
}

TEST(Katz, DirectedHandExample) {
  // nx.katz_centrality(D, alpha=0.1, weight="weight", tol=1e-10, max_iter=1000)
  expect_close(katz_centrality(hand_graph(true)).values,
               {0.5536611049965052, 0.44542660327125594, 0.5453353740950402, 0.4445940301813585}, 1e-9);
  // ... normalized=False
  KatzOptions raw;
  raw.normalized = false;
  expect_close(katz_centrality(hand_graph(true), raw).values,
               {1.4194236926158013, 1.1419423692559918, 1.3980789754355007, 1.1398078975386003}, 1e-9);
  // nx.katz_centrality(D, alpha=0.1, weight=None, ...)
  expect_close(katz_centrality(hand_graph(true), unweighted(KatzOptions{})).values,
               {0.48968099651597713, 0.4852694560072605, 0.5337964016070702, 0.48968099651597713}, 1e-9);
}

TEST(Katz, UndirectedSelfLoopCountsOnce) {
  // nx.katz_centrality(U, alpha=0.1, weight="weight", ...) (lambda_max of the
  // weighted A is 6.27, so alpha = 0.1 converges)
  expect_close(katz_centrality(hand_graph(false)).values,
               {0.5049631944433419, 0.3852682150258605, 0.7181698765319002, 0.2842755761413879}, 1e-9);
  // nx.katz_centrality(U, alpha=0.1, weight="weight", normalized=False, ...)
  KatzOptions raw;
  raw.normalized = false;
  expect_close(katz_centrality(hand_graph(false), raw).values,
               {2.3767605632140683, 1.813380281592158, 3.380281689858601, 1.338028168969093}, 1e-9);
  // nx.katz_centrality(U, alpha=0.1, weight=None, ...)
  expect_close(katz_centrality(hand_graph(false), unweighted(KatzOptions{})).values,
               {0.4864409358597493, 0.4864409358597493, 0.5788647136714705, 0.43779684227484894}, 1e-9);
}

TEST(Spectral, HandExamplesStopAtNetworkxIteration) {
  // The smallest max_iter for which networkx does not raise
  // PowerIterationFailedConvergence (tol=1e-10, weight="weight"; Katz
  // alpha=0.1): the same stopping rule stops at the same iterate.
  EXPECT_EQ(eigenvector_centrality(hand_graph(true)).iterations, 19u);
  EXPECT_EQ(pagerank(hand_graph(true)).iterations, 29u);
  EXPECT_EQ(katz_centrality(hand_graph(true)).iterations, 19u);
  EXPECT_EQ(eigenvector_centrality(hand_graph(false)).iterations, 14u);
  EXPECT_EQ(pagerank(hand_graph(false)).iterations, 28u);
  EXPECT_EQ(katz_centrality(hand_graph(false)).iterations, 50u);
}

// Random graphs (random_graphs.hpp: repeated pairs, self-loops, an isolated
// node and two parts that never meet) against the dense references.
struct RandomCase {
  testing::RandomInteractions r;
  bool directed, weighted;
  Graph g;
  testing::DenseMatrix a;
};

std::vector<RandomCase> random_cases() {
  std::vector<RandomCase> cases;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    auto r = testing::random_interactions(seed % 2 ? 70 : 90, 350, seed);
    // Seeds 5 and 6: weights a float cannot hold (thirds), which the
    // kernels must keep as doubles (float would be off by ~1e-8).
    if (seed >= 5)
      for (double& w : r.weight) w /= 3.0;
    for (const bool directed : {true, false})
      for (const bool weighted : {true, false}) {
        Graph g = build_graph(r.n, r.input(), {directed});
        auto a = testing::dense_adjacency(r, directed, weighted);
        cases.push_back({r, directed, weighted, std::move(g), std::move(a)});
      }
  }
  return cases;
}

std::string describe(const RandomCase& c) {
  return std::string(c.directed ? "directed" : "undirected") + (c.weighted ? " weighted" : " unweighted") +
         " n=" + std::to_string(c.r.n) + " first weight " + std::to_string(c.r.weight.at(0));
}

TEST(Eigenvector, RandomGraphsAgreeWithDensePowerIteration) {
  // The two parts (and the isolated node) have different spectral radii, so
  // the iteration on A + I converges, towards the part with the larger one;
  // networkx converges on these graphs too (checked with the same tolerance
  // when writing this test). Same start and stopping rule as the reference,
  // hence the same number of iterations.
  for (const auto& c : random_cases()) {
    IterationOptions o;
    o.weighted = c.weighted;
    o.tolerance = 1e-12;
    o.max_iterations = 100000;
    const auto ref = testing::eigenvector_dense(c.a, o.tolerance, o.max_iterations);
    ASSERT_GT(ref.iterations, 0u) << describe(c);
    const auto r = eigenvector_centrality(c.g, o);
    EXPECT_EQ(r.iterations, ref.iterations) << describe(c);
    expect_close(r.values, ref.values, 1e-9);
  }
}

TEST(PageRank, RandomGraphsAgreeWithGoogleMatrixSolve) {
  // A tolerance of 1e-15 per node puts the power iteration within ~1e-12 of
  // the exact stationary vector; every value is >= (1 - alpha) / n.
  for (const auto& c : random_cases()) {
    PageRankOptions o;
    o.weighted = c.weighted;
    o.tolerance = 1e-15;
    const std::vector<double> uniform(c.r.n, 1.0 / c.r.n);
    const auto r = pagerank(c.g, o);
    expect_close(r.values, testing::pagerank_dense(c.a, 0.85, uniform), 1e-9);
    EXPECT_NEAR(sum(r.values), 1.0, 1e-12) << describe(c);
  }
}

TEST(PageRank, RandomGraphsPersonalisedAgreeWithGoogleMatrixSolve) {
  // Seeds in both parts; nodes no seed reaches are exactly 0 in the solve
  // and decay to ~1e-15 in the iteration (it starts from 1/n): hence an
  // absolute floor of 1e-12 on top of 1e-9 relative.
  for (const auto& c : random_cases()) {
    PageRankOptions o;
    o.weighted = c.weighted;
    o.tolerance = 1e-15;
    o.alpha = 0.7;
    o.seeds = {1, 2, static_cast<node_id>(c.r.n / 2 + 1)};
    std::vector<double> p(c.r.n, 0.0);
    for (const node_id s : o.seeds) p[s] = 1.0 / 3;
    expect_close(pagerank(c.g, o).values, testing::pagerank_dense(c.a, 0.7, p), 1e-9, 1e-12);
  }
}

// Half of 1 / (largest in-strength), which bounds lambda_max of A, so Katz
// converges at least as fast as 0.5^k.
double safe_katz_alpha(const testing::DenseMatrix& a) {
  double max_in = 1;
  for (std::size_t v = 0; v < a.size(); ++v) {
    double s = 0;
    for (std::size_t u = 0; u < a.size(); ++u) s += a[u][v];
    max_in = std::max(max_in, s);
  }
  return 0.5 / max_in;
}

TEST(Katz, RandomGraphsAgreeWithLinearSolve) {
  for (const auto& c : random_cases()) {
    for (const bool normalized : {true, false}) {
      KatzOptions o;
      o.weighted = c.weighted;
      o.tolerance = 1e-15;
      o.alpha = safe_katz_alpha(c.a);
      o.beta = 2.5;
      o.normalized = normalized;
      expect_close(katz_centrality(c.g, o).values, testing::katz_dense(c.a, o.alpha, o.beta, normalized), 1e-9);
    }
  }
}

// Enough nodes for many blocks of the fixed partition; global_control lets
// the 4- and 8-thread arenas have that many threads even on a 2-core machine.
TEST(Spectral, IdenticalBitsForOneTwoFourAndEightThreads) {
  const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 8);
  const auto r = testing::random_interactions(12000, 80000, 42);
  for (const bool directed : {true, false}) {
    const Graph g = build_graph(r.n, r.input(), {directed});
    double max_in = 1;
    for (node_id v = 0; v < g.num_nodes(); ++v) {
      double s = 0;
      for (const edge_id e : g.in_ties(v)) s += g.ties().weight[e];
      max_in = std::max(max_in, s);
    }
    PageRankOptions pr;
    pr.seeds = {5, 7000};
    KatzOptions kz;
    kz.alpha = 0.5 / max_in;
    std::vector<std::vector<IterationResult>> runs;
    for (const int threads : {1, 2, 4, 8}) {
      // Lift TBB's default limit (the core count) so 8 threads really run.
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
      tbb::task_arena arena(threads);
      arena.execute([&] {
        runs.push_back({eigenvector_centrality(g), pagerank(g), pagerank(g, pr), katz_centrality(g, kz),
                        pagerank(g, unweighted(PageRankOptions{}))});
      });
    }
    for (std::size_t k = 1; k < runs.size(); ++k)
      for (std::size_t m = 0; m < runs[0].size(); ++m) {
        EXPECT_EQ(runs[k][m].values, runs[0][m].values) << "measure " << m;
        EXPECT_EQ(runs[k][m].iterations, runs[0][m].iterations);
        EXPECT_EQ(runs[k][m].residual, runs[0][m].residual);
      }
  }
}

// The four iterations with the same common options: PageRank, PageRank
// seeded at nodes 1 and seed_b, eigenvector, and Katz with katz_alpha.
std::vector<IterationResult> all_four(const Graph& g, const IterationOptions& common, node_id seed_b,
                                      double katz_alpha) {
  PageRankOptions pr;
  static_cast<IterationOptions&>(pr) = common;
  PageRankOptions seeded = pr;
  seeded.seeds = {1, seed_b};
  KatzOptions kz;
  static_cast<IterationOptions&>(kz) = common;
  kz.alpha = katz_alpha;
  return {pagerank(g, pr), pagerank(g, seeded), eigenvector_centrality(g, common), katz_centrality(g, kz)};
}

// parallel_min_work picks serial or parallel block runs; both sum the same
// fixed blocks in the same order, so forcing either (0: always parallel,
// max: always serial) on 1, 2 and 4 threads gives the default's bits, on a
// graph below the default threshold (serial by default) and one above it.
TEST(Spectral, SerialAndParallelBlockRunsGiveIdenticalBits) {
  const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 4);
  const auto small = testing::random_interactions(3000, 20000, 5);
  const auto large = testing::random_interactions(40000, 360000, 6);
  for (const auto* r : {&small, &large}) {
    const Graph g = build_graph(r->n, r->input(), {true});
    const std::size_t work = g.num_nodes() + g.in_csr().neighbors.size();
    EXPECT_EQ(work < IterationOptions{}.parallel_min_work, r == &small) << "work " << work;
    auto all = [&](std::size_t min_work) {
      IterationOptions common;
      common.parallel_min_work = min_work;
      return all_four(g, common, 2000, 0.01);
    };
    const auto reference = all(IterationOptions{}.parallel_min_work);
    for (const int threads : {1, 2, 4}) {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
      tbb::task_arena arena(threads);
      for (const std::size_t min_work : {std::size_t{0}, std::numeric_limits<std::size_t>::max()}) {
        std::vector<IterationResult> runs;
        arena.execute([&] { runs = all(min_work); });
        for (std::size_t m = 0; m < runs.size(); ++m) {
          EXPECT_EQ(runs[m].values, reference[m].values) << "measure " << m << ", " << threads << " threads";
          EXPECT_EQ(runs[m].iterations, reference[m].iterations);
          EXPECT_EQ(runs[m].residual, reference[m].residual);
        }
      }
    }
  }
}

// The row sums (eight rows side by side, lanes past a row's end masked)
// and PageRank's node update run an AVX-512 build where the CPU has it; the
// portable build must give the same bits. Weights in all three stored
// forms: none (unweighted), float (interaction counts) and double (thirds,
// which float cannot hold); rows of many lengths side by side in one run of
// eight, from the isolated node's 0 up past 16 entries; node counts that
// are not a multiple of 8 (a last run of eight part empty) and graphs of
// more than one 1,024-node block.
// Resets the row-sum hook even when a run throws.
struct PortableRowSums {
  PortableRowSums() { detail::use_portable_row_sums(true); }
  ~PortableRowSums() { detail::use_portable_row_sums(false); }
};

TEST(Spectral, PortableAndAvx512RowSumsGiveTheSameBits) {
  if (!detail::row_sums_have_avx512()) GTEST_SKIP() << "no AVX-512 on this CPU: only the portable row sums run";
  // Rows of set lengths first: node 0 has in-rows of 0 entries, nodes 1..7
  // of 1, 2, 3, 8, 9, 16 and 17 (the short path, a partial lane group, full
  // groups, a full group plus one), from sources 8 and up.
  testing::RandomInteractions fixed;
  fixed.n = 43;
  std::uint64_t seq = 0;
  const node_id lengths[] = {0, 1, 2, 3, 8, 9, 16, 17};
  for (node_id v = 0; v < 8; ++v)
    for (node_id j = 0; j < lengths[v]; ++j) {
      fixed.source.push_back(8 + (j * 7 + v) % 32);
      fixed.target.push_back(v);
      fixed.time.push_back(static_cast<timestamp>(seq));
      fixed.weight.push_back(1.0 + static_cast<double>(seq++ % 5));
      fixed.kind.push_back(0);
    }
  for (node_id u = 8; u < 43; ++u) {  // every source also gets in-ties, so nothing dangles alone
    fixed.source.push_back(u % 8);
    fixed.target.push_back(u);
    fixed.time.push_back(static_cast<timestamp>(seq));
    fixed.weight.push_back(2.0);
    fixed.kind.push_back(0);
    ++seq;
  }
  for (std::uint64_t seed = 30; seed <= 34; ++seed) {
    auto r = seed == 30   ? fixed
             : seed == 34 ? testing::random_interactions(2501, 20000, seed)
                          : testing::random_interactions(397 + static_cast<node_id>(seed), 2500 * (1 + seed % 2), seed);
    for (const bool thirds : {false, true}) {
      auto input = r;
      if (thirds)
        for (double& w : input.weight) w /= 3.0;
      for (const bool directed : {false, true}) {
        const Graph g = build_graph(input.n, input.input(), {directed});
        for (const bool weighted : {true, false}) {
          auto all = [&] {
            IterationOptions common;
            common.weighted = weighted;
            return all_four(g, common, 7, 0.005);
          };
          const auto fast = all();
          const auto portable = [&] {
            const PortableRowSums portable_only;
            return all();
          }();
          for (std::size_t m = 0; m < fast.size(); ++m) {
            const std::string what = "seed " + std::to_string(seed) + (thirds ? " weights/3" : " counts") +
                                     (directed ? " directed" : " undirected") +
                                     (weighted ? " weighted" : " unweighted") + ", measure " + std::to_string(m);
            ASSERT_EQ(fast[m].values.size(), portable[m].values.size()) << what;
            for (std::size_t v = 0; v < fast[m].values.size(); ++v)
              ASSERT_EQ(std::bit_cast<std::uint64_t>(fast[m].values[v]),
                        std::bit_cast<std::uint64_t>(portable[m].values[v]))
                  << what << ", node " << v;
            EXPECT_EQ(fast[m].iterations, portable[m].iterations) << what;
          }
        }
      }
    }
  }
}

TEST(Spectral, NonConvergenceThrowsNamingMeasureIterationsAndResidual) {
  const Graph g = hand_graph(true);
  IterationOptions it;
  it.max_iterations = 2;
  PageRankOptions pr;
  pr.max_iterations = 2;
  KatzOptions kz;
  kz.max_iterations = 2;
  const auto check = [](const auto& run, const std::string& measure) {
    try {
      run();
      ADD_FAILURE() << measure << " converged in 2 iterations";
    } catch (const ConvergenceError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(measure), std::string::npos) << what;
      EXPECT_NE(what.find("2 iterations"), std::string::npos) << what;
      EXPECT_NE(what.find("residual"), std::string::npos) << what;
      EXPECT_EQ(e.iterations(), 2u);
      EXPECT_GT(e.residual(), 4 * 1e-10);
    }
  };
  check([&] { eigenvector_centrality(g, it); }, "eigenvector_centrality");
  check([&] { pagerank(g, pr); }, "pagerank");
  check([&] { katz_centrality(g, kz); }, "katz_centrality");
  // alpha above 1 / lambda_max (2.67 for D): Katz diverges.
  kz.max_iterations = 200;
  kz.alpha = 1.0;
  EXPECT_THROW(katz_centrality(g, kz), Error);
}

TEST(Spectral, ProgressOncePerIterationAndCancel) {
  const Graph g = hand_graph(false);
  std::vector<double> seen;
  PageRankOptions o;
  o.max_iterations = 50;
  o.progress = [&](double f) {
    seen.push_back(f);
    return true;
  };
  const auto r = pagerank(g, o);
  ASSERT_EQ(seen.size(), r.iterations);
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_DOUBLE_EQ(seen[i], static_cast<double>(i) / 50);

  int calls = 0;
  const auto stop_at_third = [&](double) { return ++calls < 3; };
  o.progress = stop_at_third;
  EXPECT_THROW(pagerank(g, o), Cancelled);
  EXPECT_EQ(calls, 3);
  IterationOptions eo;
  eo.progress = stop_at_third;
  calls = 0;
  EXPECT_THROW(eigenvector_centrality(g, eo), Cancelled);
  KatzOptions ko;
  ko.progress = stop_at_third;
  calls = 0;
  EXPECT_THROW(katz_centrality(g, ko), Cancelled);
  EXPECT_EQ(calls, 3);
}

TEST(Spectral, EmptyGraphGivesEmptyResult) {
  const Graph g = build_graph(0, TieInput{}, {true});
  EXPECT_TRUE(eigenvector_centrality(g).values.empty());
  EXPECT_TRUE(pagerank(g).values.empty());
  EXPECT_TRUE(katz_centrality(g).values.empty());
}

TEST(Spectral, IsolatedNodesOnly) {
  // No ties: eigenvector 1/sqrt(n) each; PageRank 1/n (all dangling); Katz
  // beta each before normalisation (networkx gives the same).
  const Graph g = build_graph(4, TieInput{}, {false});
  expect_close(eigenvector_centrality(g).values, std::vector<double>(4, 0.5), 1e-12);
  expect_close(pagerank(g).values, std::vector<double>(4, 0.25), 1e-12);
  expect_close(katz_centrality(g).values, std::vector<double>(4, 0.5), 1e-12);
}

TEST(Spectral, BadOptionsAreUsageErrors) {
  const Graph g = hand_graph(true);
  PageRankOptions pr;
  pr.seeds = {4};
  EXPECT_THROW(pagerank(g, pr), UsageError);
  pr.seeds = {};
  pr.alpha = 1.5;
  EXPECT_THROW(pagerank(g, pr), UsageError);
  IterationOptions it;
  it.tolerance = std::nan("");
  EXPECT_THROW(eigenvector_centrality(g, it), UsageError);
  KatzOptions kz;
  kz.beta = INFINITY;
  EXPECT_THROW(katz_centrality(g, kz), UsageError);
}

}  // namespace
}  // namespace movemap
