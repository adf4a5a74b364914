// The centrality suite (io/centrality_measures.hpp): name validation, column
// names, betweenness scaling and centralization on hand-worked graphs, the
// chained progress, cancellation, role= seeds, the default set's handling of
// non-convergence, thread-count determinism, and the writers' tie columns.
// The kernels' own conventions are pinned in tests/engine; here the glue.
#include "io/centrality_measures.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "io/actor_selection.hpp"
#include "io/graphml_writer.hpp"
#include "io/json_writer.hpp"
#include "movemap/centrality/spectral.hpp"
#include "movemap/error.hpp"
#include "movemap/interaction_log.hpp"
#include "movemap/structure/summary.hpp"

namespace movemap {
namespace {

struct Pair {
  std::string source, target;
  double weight = 1;
};

// A network from (source, target, weight) rows; `roles` (id -> role) become
// the actor table, in the given order.
Network make_network(const std::vector<Pair>& pairs, bool directed,
                     const std::vector<std::pair<std::string, std::string>>& roles = {}) {
  InteractionLogBuilder b;
  InteractionBatch batch;
  timestamp t = 1'700'000'000;
  for (const auto& p : pairs) batch.push_back(t++, p.source, p.target, "", "meeting", p.weight);
  b.append(batch);
  ActorTable table;
  table.attributes = AttributeTable(roles.size());
  AttributeColumn& role = table.attributes.column("role");
  for (const auto& [id, r] : roles) {
    table.ids.intern(id);
    role.values[table.ids.size() - 1] = r;
  }
  role.infer_type();
  NetworkOptions o;
  o.directed = directed;
  return build_network(b.finish(), roles.empty() ? nullptr : &table, o);
}

// The path a - b - c - d.
Network path4(bool directed) { return make_network({{"a", "b"}, {"b", "c"}, {"c", "d"}}, directed); }

// A seeded random network of n actors: enough work for several progress
// reports per kernel.
Network random_network(int n, int m, bool directed, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Pair> pairs;
  for (int i = 0; i < m; ++i)
    pairs.push_back({"v" + std::to_string(rng() % n), "v" + std::to_string(rng() % n),
                     0.5 * static_cast<double>(1 + rng() % 4)});
  std::vector<std::pair<std::string, std::string>> roles;
  for (int i = 0; i < n; ++i) roles.emplace_back("v" + std::to_string(i), i % 10 == 0 ? "champion" : "citizen");
  return make_network(pairs, directed, roles);
}

std::vector<std::string> column_names(const CentralityOutput& out) {
  std::vector<std::string> names;
  for (const auto& c : out.nodes.columns) names.push_back(c.name);
  return names;
}

const MeasureColumn& column(const CentralityOutput& out, const std::string& name) {
  for (const auto& c : out.nodes.columns)
    if (c.name == name) return c;
  throw std::runtime_error("no column " + name);
}

double network_value(const CentralityOutput& out, const std::string& name) {
  for (const auto& [k, v] : out.network)
    if (k == name) return v;
  throw std::runtime_error("no network value " + name);
}

const std::string* note(const CentralityOutput& out, const std::string& key) {
  for (const auto& [k, v] : out.notes)
    if (k == key) return &v;
  return nullptr;
}

CentralityRequest request(std::vector<std::string> measures) {
  CentralityRequest r;
  r.measures = std::move(measures);
  return r;
}

// ------------------------------------------------------------------ names --

TEST(CentralityMeasures, NamesAndDefaultSet) {
  EXPECT_EQ(centrality_measure_names(),
            (std::vector<std::string>{"degree", "betweenness", "tie_betweenness", "betweenness_sampled", "closeness",
                                      "harmonic", "eigenvector", "pagerank", "katz", "core", "clustering"}));
  EXPECT_EQ(default_centrality_measures(),
            (std::vector<std::string>{"degree", "betweenness", "closeness", "harmonic", "pagerank", "eigenvector",
                                      "core", "clustering"}));
}

TEST(CentralityMeasures, UnknownNameFailsBeforeAnyWorkAndListsKnownNames) {
  const Network net = path4(false);
  int calls = 0;
  CentralityRequest r = request({"betweenness", "betweeness"});
  r.progress = [&](double) { return ++calls, true; };
  try {
    compute_centrality(net, r);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("\"betweeness\""), std::string::npos) << msg;
    for (const auto& name : centrality_measure_names()) EXPECT_NE(msg.find(name), std::string::npos) << name;
  }
  EXPECT_EQ(calls, 0);  // nothing ran, not even the first progress report
  EXPECT_THROW(check_centrality_request(request({"Pagerank"})), UsageError);  // names are case-sensitive
  EXPECT_NO_THROW(check_centrality_request(request({})));
}

TEST(CentralityMeasures, OptionsOutOfRangeAreUsageErrors) {
  const Network net = path4(false);
  auto bad = [&](auto change) {
    CentralityRequest r = request({"degree"});
    change(r);
    EXPECT_THROW(compute_centrality(net, r), UsageError);
  };
  bad([](CentralityRequest& r) { r.epsilon = 0; });
  bad([](CentralityRequest& r) { r.epsilon = 1; });
  bad([](CentralityRequest& r) { r.delta = 1.5; });
  bad([](CentralityRequest& r) { r.pagerank_alpha = 1.2; });
  bad([](CentralityRequest& r) { r.tolerance = 0; });
  bad([](CentralityRequest& r) { r.tolerance = std::nan(""); });
  bad([](CentralityRequest& r) { r.max_iterations = 0; });
  bad([](CentralityRequest& r) { r.katz_alpha = INFINITY; });
}

TEST(CentralityMeasures, ColumnNamesDirected) {
  // Strongly connected with cycles of length 3 and 4, so every power
  // iteration converges.
  const Network net = make_network({{"a", "b"}, {"b", "c"}, {"c", "a"}, {"c", "d"}, {"d", "a"}}, true);
  const CentralityOutput out = compute_centrality(
      net, request({"degree", "betweenness", "tie_betweenness", "betweenness_sampled", "closeness", "harmonic",
                    "eigenvector", "pagerank", "core", "clustering", "katz"}));
  EXPECT_EQ(column_names(out),
            (std::vector<std::string>{"in_degree", "out_degree", "degree", "in_strength", "out_strength", "strength",
                                      "degree_centrality", "in_degree_centrality", "out_degree_centrality",
                                      "betweenness", "betweenness_sampled", "closeness", "harmonic", "eigenvector",
                                      "pagerank", "core", "clustering", "katz"}));
  EXPECT_TRUE(column(out, "core").integer);
  EXPECT_TRUE(column(out, "degree").integer);
  EXPECT_FALSE(column(out, "pagerank").integer);
  ASSERT_EQ(out.ties.size(), 1u);
  EXPECT_EQ(out.ties[0].first, "betweenness");
  EXPECT_EQ(out.ties[0].second.size(), net.graph.num_ties());
  std::vector<std::string> network;
  for (const auto& [k, v] : out.network) network.push_back(k);
  EXPECT_EQ(network, (std::vector<std::string>{"degree_centralization", "betweenness_centralization", "transitivity",
                                               "average_clustering"}));
  for (const char* key : {"samples", "vertex_diameter_bound", "epsilon", "delta", "seed", "eigenvector_iterations",
                          "pagerank_iterations", "katz_iterations", "eigenvector_residual"})
    EXPECT_NE(note(out, key), nullptr) << key;
  for (const auto& c : out.nodes.columns)
    EXPECT_EQ(c.integer ? c.ints.size() : c.reals.size(), net.graph.num_nodes()) << c.name;
}

TEST(CentralityMeasures, ColumnNamesUndirectedAndDefaultSet) {
  const Network net = path4(false);
  const CentralityOutput out = compute_centrality(net, CentralityRequest{});
  EXPECT_EQ(out.measures, default_centrality_measures());
  EXPECT_EQ(column_names(out),
            (std::vector<std::string>{"degree", "strength", "degree_centrality", "betweenness", "closeness",
                                      "harmonic", "pagerank", "eigenvector", "core", "clustering"}));
  EXPECT_TRUE(out.ties.empty());
}

TEST(CentralityMeasures, RepeatedNamesRunOnceAndNoBetweennessCentralizationWithoutBetweenness) {
  const Network net = path4(false);
  const CentralityOutput out = compute_centrality(net, request({"closeness", "closeness", "core"}));
  EXPECT_EQ(out.measures, (std::vector<std::string>{"closeness", "core"}));
  EXPECT_EQ(column_names(out), (std::vector<std::string>{"closeness", "core"}));
  EXPECT_THROW(network_value(out, "betweenness_centralization"), std::runtime_error);
}

// ------------------------------------------------------- hand-worked values --

// Path a - b - c - d, undirected. Hand calculation:
//  raw betweenness: b and c each lie on the shortest paths a-c and a-d
//  (b-d for c): 2; normalised 2 * 2 / ((n-1)(n-2)) = 4/6 = 2/3.
//  raw tie betweenness (pairs whose path uses the tie): a-b 3 (ab, ac, ad),
//  b-c 4 (ac, ad, bc, bd), c-d 3; normalised * 2 / (n(n-1)) = /6.
//  betweenness centralization (igraph): sum (max - b) = 2 + 0 + 0 + 2 = 4
//  over (n-1)^2 (n-2) / 2 = 9 -> 4/9.
//  degree centralization: degrees 1 2 2 1, sum (2 - d) = 2 over
//  (n-1)(n-2) = 6 -> 1/3.
//  closeness a: 3 / (1 + 2 + 3) = 0.5; b: 3 / (1 + 1 + 2) = 0.75.
//  harmonic a: 1 + 1/2 + 1/3 = 11/6; b: 1 + 1 + 1/2 = 5/2.
//  degree_centrality: d / 3. core: 1 everywhere. No triangle: clustering 0.
TEST(CentralityMeasures, PathOfFourByHand) {
  const Network net = path4(false);
  const CentralityOutput out = compute_centrality(
      net, request({"degree", "betweenness", "tie_betweenness", "closeness", "harmonic", "core", "clustering"}));
  const node_id a = *net.actors.find("a"), b = *net.actors.find("b"), c = *net.actors.find("c"),
                d = *net.actors.find("d");
  const auto& bt = column(out, "betweenness").reals;
  EXPECT_DOUBLE_EQ(bt[a], 0);
  EXPECT_DOUBLE_EQ(bt[b], 2.0 / 3);
  EXPECT_DOUBLE_EQ(bt[c], 2.0 / 3);
  EXPECT_DOUBLE_EQ(bt[d], 0);
  const TieTable& t = net.graph.ties();
  for (edge_id e = 0; e < t.size(); ++e) {
    const bool middle = (t.source[e] == b && t.target[e] == c) || (t.source[e] == c && t.target[e] == b);
    EXPECT_DOUBLE_EQ(out.ties[0].second[e], middle ? 4.0 / 6 : 3.0 / 6);
  }
  EXPECT_NEAR(network_value(out, "betweenness_centralization"), 4.0 / 9, 1e-12);
  EXPECT_NEAR(network_value(out, "degree_centralization"), 1.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(network_value(out, "transitivity"), 0);
  EXPECT_DOUBLE_EQ(network_value(out, "average_clustering"), 0);
  EXPECT_DOUBLE_EQ(column(out, "closeness").reals[a], 0.5);
  EXPECT_DOUBLE_EQ(column(out, "closeness").reals[b], 0.75);
  EXPECT_DOUBLE_EQ(column(out, "harmonic").reals[a], 11.0 / 6);
  EXPECT_DOUBLE_EQ(column(out, "harmonic").reals[b], 2.5);
  EXPECT_DOUBLE_EQ(column(out, "degree_centrality").reals[a], 1.0 / 3);
  EXPECT_DOUBLE_EQ(column(out, "degree_centrality").reals[d], 1.0 / 3);
  EXPECT_DOUBLE_EQ(column(out, "degree_centrality").reals[b], 2.0 / 3);
  for (node_id u = 0; u < 4; ++u) EXPECT_EQ(column(out, "core").ints[u], 1);
  for (node_id u = 0; u < 4; ++u) EXPECT_EQ(column(out, "clustering").reals[u], 0);
}

// --raw: the same path, raw scores 2 (nodes) and 3, 4, 3 (ties), and the
// centralization unchanged (it always uses the raw scores).
TEST(CentralityMeasures, RawBetweenness) {
  const Network net = path4(false);
  CentralityRequest r = request({"tie_betweenness", "betweenness"});
  r.normalized = false;
  const CentralityOutput out = compute_centrality(net, r);
  EXPECT_EQ(column_names(out), (std::vector<std::string>{"betweenness"}));
  const node_id b = *net.actors.find("b");
  EXPECT_DOUBLE_EQ(column(out, "betweenness").reals[b], 2);
  double sum = 0;
  for (const double x : out.ties[0].second) sum += x;
  EXPECT_DOUBLE_EQ(sum, 10);
  EXPECT_NEAR(network_value(out, "betweenness_centralization"), 4.0 / 9, 1e-12);
}

// Directed a -> b -> c: b lies on the one path a -> c: raw 1, normalised
// 1 / ((n-1)(n-2)) = 1/2. Ties: a->b carries (a,b), (a,c): 2, normalised
// 2 / (n(n-1)) = 1/3. Centralization (igraph, directed): (1 - 0) * 2 over
// (n-1)^2 (n-2) = 4 -> 1/2.
TEST(CentralityMeasures, DirectedChainByHand) {
  const Network net = make_network({{"a", "b"}, {"b", "c"}}, true);
  const CentralityOutput out = compute_centrality(net, request({"betweenness", "tie_betweenness"}));
  EXPECT_DOUBLE_EQ(column(out, "betweenness").reals[*net.actors.find("b")], 0.5);
  for (const double x : out.ties[0].second) EXPECT_DOUBLE_EQ(x, 1.0 / 3);
  EXPECT_NEAR(network_value(out, "betweenness_centralization"), 0.5, 1e-12);
}

TEST(CentralityMeasures, TieBetweennessAloneEqualsTieBetweennessWithNodes) {
  const Network net = random_network(60, 150, true, 3);
  const CentralityOutput alone = compute_centrality(net, request({"tie_betweenness"}));
  const CentralityOutput both = compute_centrality(net, request({"betweenness", "tie_betweenness"}));
  EXPECT_TRUE(column_names(alone).empty());
  ASSERT_EQ(alone.ties.size(), 1u);
  ASSERT_EQ(both.ties.size(), 1u);
  EXPECT_EQ(alone.ties[0].second, both.ties[0].second);
}

// ------------------------------------------------------ progress, cancel --

TEST(CentralityMeasures, ChainedProgressIsMonotoneAndEndsAtOne) {
  const Network net = random_network(400, 1600, false, 7);
  std::vector<double> seen;
  CentralityRequest r = request({"degree", "betweenness", "tie_betweenness", "betweenness_sampled", "closeness",
                                 "harmonic", "eigenvector", "pagerank", "katz", "core", "clustering"});
  r.katz_alpha = 0.01;
  r.epsilon = 0.1;
  r.progress = [&](double f) {
    seen.push_back(f);
    return true;
  };
  compute_centrality(net, r);
  ASSERT_GT(seen.size(), 12u);  // at least one report per measure, plus the start
  EXPECT_EQ(seen.front(), 0.0);
  EXPECT_EQ(seen.back(), 1.0);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_LE(seen[i - 1], seen[i]) << "report " << i;
    EXPECT_GE(seen[i], 0.0);
    EXPECT_LE(seen[i], 1.0);
  }
  // The shortest-path measures dominate the shares: after betweenness (the
  // second measure) a good part of the run is done.
  EXPECT_GT(std::count_if(seen.begin(), seen.end(), [](double f) { return f > 0 && f < 1; }), 5);
}

TEST(CentralityMeasures, CancellationStopsAtOnceWhereverItHappens) {
  const Network net = random_network(300, 1200, false, 11);
  int total = 0;
  {
    CentralityRequest r;
    r.progress = [&](double) { return ++total, true; };
    compute_centrality(net, r);
  }
  ASSERT_GT(total, 3);
  for (const int stop_at : {1, 2, total / 2, total}) {
    int calls = 0;
    CentralityRequest r;
    r.progress = [&](double) { return ++calls < stop_at; };
    EXPECT_THROW(compute_centrality(net, r), Cancelled) << "stop at report " << stop_at;
    EXPECT_EQ(calls, stop_at) << "no report after the one that cancelled";
  }
}

// ------------------------------------------------------------------- seeds --

TEST(CentralityMeasures, RoleSeedsEqualTheExplicitIdsAndTheKernel) {
  const Network net = random_network(80, 300, true, 5);
  std::vector<std::string> champions;
  std::vector<node_id> champion_nodes;
  for (int i = 0; i < 80; i += 10) {
    champions.push_back("v" + std::to_string(i));
    champion_nodes.push_back(*net.actors.find(champions.back()));
  }
  std::sort(champion_nodes.begin(), champion_nodes.end());
  EXPECT_EQ(select_actors(net, {"role=champion"}), champion_nodes);
  EXPECT_EQ(select_actors(net, {"v20", "role=champion", "v20"}), champion_nodes);  // sorted, no repeats

  CentralityRequest by_role = request({"pagerank"});
  by_role.seeds = {"role=champion"};
  CentralityRequest by_id = request({"pagerank"});
  by_id.seeds = champions;
  const auto pr_role = column(compute_centrality(net, by_role), "pagerank").reals;
  const auto pr_id = column(compute_centrality(net, by_id), "pagerank").reals;
  EXPECT_EQ(pr_role, pr_id);
  PageRankOptions o;
  o.seeds = champion_nodes;
  EXPECT_EQ(pr_role, pagerank(net.graph, o).values);
  const auto plain = column(compute_centrality(net, request({"pagerank"})), "pagerank").reals;
  EXPECT_NE(plain, pr_role);
}

TEST(CentralityMeasures, UnknownSeedsAreNamed) {
  const Network net = random_network(20, 40, true, 2);
  auto message = [&](std::vector<std::string> seeds) {
    CentralityRequest r = request({"pagerank"});
    r.seeds = std::move(seeds);
    try {
      compute_centrality(net, r);
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({"v1", "nobody"}).find("unknown seed \"nobody\""), std::string::npos);
  const std::string no_match = message({"role=champoin"});
  EXPECT_NE(no_match.find("role=champoin"), std::string::npos) << no_match;
  EXPECT_NE(no_match.find("champion, citizen"), std::string::npos) << no_match;  // the values present
  EXPECT_NE(message({"colour=red"}).find("no attribute \"colour\""), std::string::npos);
}

// Seeds only change PageRank: without pagerank among the measures they are
// refused (before anything runs, in the CLI's early check too), not
// silently ignored. The default set includes pagerank.
TEST(CentralityMeasures, SeedsWithoutPageRankAreRefused) {
  const Network net = random_network(20, 40, true, 2);
  CentralityRequest r = request({"betweenness", "core"});
  r.seeds = {"role=champion"};
  int calls = 0;
  r.progress = [&](double) { return ++calls, true; };
  for (const bool early : {true, false}) {
    try {
      if (early)
        check_centrality_request(r);
      else
        compute_centrality(net, r);
      FAIL() << "expected UsageError";
    } catch (const UsageError& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find("do not include pagerank"), std::string::npos) << msg;
      EXPECT_NE(msg.find("betweenness, core"), std::string::npos) << msg;
    }
  }
  EXPECT_EQ(calls, 0);
  r.measures = {"betweenness", "pagerank"};
  EXPECT_NO_THROW(compute_centrality(net, r));
  r.measures = {};  // the default set
  EXPECT_NO_THROW(check_centrality_request(r));
}

TEST(CentralityMeasures, AnIdContainingEqualsIsAnIdFirst) {
  const Network net = make_network({{"role=champion", "b"}}, false, {{"x", "champion"}});
  // "role=champion" is an actor id here, so it selects that actor, not x.
  EXPECT_EQ(select_actors(net, {"role=champion"}), std::vector<node_id>{*net.actors.find("role=champion")});
}

// ------------------------------------------------------ non-convergence --

// Two iterations cannot reach tolerance 1e-10 on a path (the start vector
// 1/n is far from the eigenvector): explicitly requested, that is an error;
// in the default set, a NaN column and a note.
TEST(CentralityMeasures, NonConvergenceFailsWhenAskedForAndIsANoteInTheDefaultSet) {
  const Network net = path4(false);
  CentralityRequest explicit_request = request({"eigenvector"});
  explicit_request.max_iterations = 2;
  EXPECT_THROW(compute_centrality(net, explicit_request), ConvergenceError);

  CentralityRequest defaults;
  defaults.max_iterations = 2;
  const CentralityOutput out = compute_centrality(net, defaults);
  for (const double x : column(out, "eigenvector").reals) EXPECT_TRUE(std::isnan(x));
  const std::string* why = note(out, "eigenvector_error");
  ASSERT_NE(why, nullptr);
  EXPECT_NE(why->find("eigenvector"), std::string::npos) << *why;
  EXPECT_EQ(note(out, "eigenvector_iterations"), nullptr);
  EXPECT_TRUE(std::isfinite(column(out, "betweenness").reals[0]));  // the rest of the run is intact
}

// ------------------------------------------------------------ determinism --

TEST(CentralityMeasures, SameBytesForOneTwoAndFourThreads) {
  const Network net = random_network(300, 1500, true, 13);
  CentralityRequest r = request({"degree", "betweenness", "tie_betweenness", "betweenness_sampled", "closeness",
                                 "harmonic", "eigenvector", "pagerank", "core", "clustering"});
  r.epsilon = 0.1;
  // Allow more workers than cores, so 4 and 8 threads really are 4 and 8.
  const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 8);
  auto run = [&](int threads) {
    tbb::task_arena arena(threads);
    CentralityOutput out;
    arena.execute([&] { out = compute_centrality(net, r); });
    return graphml_string(net, out.nodes, ExportOptions{}, out.ties) +
           summary_json(summarize(net), ReadStats{}, &out, &r);
  };
  const std::string one = run(1);
  EXPECT_EQ(one, run(2));
  EXPECT_EQ(one, run(4));
  EXPECT_EQ(one, run(8));
}

// ---------------------------------------------------------------- writers --

TEST(CentralityMeasures, WritersCarryTieColumnsAndTheCentralityObject) {
  const Network net = path4(false);
  CentralityRequest r = request({"betweenness", "tie_betweenness", "betweenness_sampled"});
  const CentralityOutput out = compute_centrality(net, r);
  const std::string xml = graphml_string(net, out.nodes, ExportOptions{}, out.ties);
  EXPECT_NE(xml.find("<key id=\"e5\" for=\"edge\" attr.name=\"betweenness\" attr.type=\"double\"/>"),
            std::string::npos);
  std::size_t edges_with_e5 = 0;
  for (std::size_t p = xml.find("<data key=\"e5\">"); p != std::string::npos; p = xml.find("<data key=\"e5\">", p + 1))
    ++edges_with_e5;
  EXPECT_EQ(edges_with_e5, net.graph.num_ties());
  const std::string json = summary_json(summarize(net), ReadStats{}, &out, &r);
  EXPECT_NE(json.find("\"centrality\": {"), std::string::npos) << json;
  EXPECT_NE(json.find("\"betweenness_centralization\": "), std::string::npos);
  EXPECT_NE(json.find("\"samples\": "), std::string::npos);
  EXPECT_NE(json.find("\"length\": \"hops\""), std::string::npos);
  EXPECT_EQ(summary_json(summarize(net), ReadStats{}).find("centrality"), std::string::npos);
  TieColumns short_column{{"betweenness", {0.5}}};  // 1 value for 3 ties
  EXPECT_THROW(graphml_string(net, out.nodes, ExportOptions{}, short_column), Error);
}

}  // namespace
}  // namespace movemap
