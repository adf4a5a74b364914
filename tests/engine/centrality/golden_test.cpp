// Golden test: the engine's centrality kernels on four classic graphs
// against the values networkx (and igraph, for centralization) gives.
//
// Inputs and expected values are tests/data/golden/<graph>.csv (a movemap
// interaction log, one row per edge, read undirected) and
// <graph>.expected.json, written by tests/reference/make_golden.py, which
// records the exact networkx/igraph call behind each value and the library
// versions. Graphs: Krackhardt's kite, Zachary's karate club, Padgett's
// Florentine families (unweighted) and Les Miserables (weighted: lengths
// 1 / weight and weight, weighted PageRank, eigenvector and Katz).
// Everything is compared at 1e-9 relative.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "io/interaction_log_reader.hpp"
#include "movemap/centrality/betweenness.hpp"
#include "movemap/centrality/closeness.hpp"
#include "movemap/centrality/core_numbers.hpp"
#include "movemap/centrality/degree.hpp"
#include "movemap/centrality/spectral.hpp"
#include "movemap/network.hpp"
#include "movemap/structure/centralization.hpp"
#include "movemap/structure/clustering.hpp"

namespace movemap {
namespace {

constexpr double kRelative = 1e-9;
constexpr double kAbsolute = 1e-14;  // for values networkx gives as exactly 0

std::string golden_path(const std::string& file) {
  return std::string(MOVEMAP_SOURCE_DIR) + "/tests/data/golden/" + file;
}

// One golden graph: the network movemap builds from the log and the
// expected values.
struct Golden {
  Network net;
  rapidjson::Document expected;

  const rapidjson::Value& node(const char* measure) const {
    const auto& nodes = expected["node"];
    EXPECT_TRUE(nodes.HasMember(measure)) << measure;
    return nodes[measure];
  }
  const rapidjson::Value& param(const char* name) const { return expected["parameters"][name]; }
  double network(const char* name) const { return expected["network"][name].GetDouble(); }
  bool weighted() const { return expected["weighted"].GetBool(); }
};

const Golden& golden(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Golden>> cache;
  auto& slot = cache[name];
  if (!slot) {
    slot = std::make_unique<Golden>();
    LogReadResult read = read_interaction_log(golden_path(name + ".csv"), LogReadOptions{});
    slot->net = build_network(read.log, nullptr, NetworkOptions{/*directed=*/false});
    std::ifstream in(golden_path(name + ".expected.json"));
    std::stringstream text;
    text << in.rdbuf();
    slot->expected.Parse(text.str().c_str());
    if (slot->expected.HasParseError() || !slot->expected.IsObject())
      throw std::runtime_error("cannot parse " + name + ".expected.json");
  }
  return *slot;
}

bool close(double got, double want) {
  return std::abs(got - want) <= kRelative * std::max(std::abs(got), std::abs(want)) + kAbsolute;
}

// Compares a per-node vector with the JSON object {actor id: value}.
template <class T>
void expect_nodes(const Golden& gd, const std::vector<T>& got, const rapidjson::Value& want, const std::string& what) {
  const Network& net = gd.net;
  ASSERT_EQ(got.size(), net.graph.num_nodes()) << what;
  ASSERT_EQ(want.MemberCount(), net.graph.num_nodes()) << what;
  for (auto it = want.MemberBegin(); it != want.MemberEnd(); ++it) {
    const std::string id = it->name.GetString();
    const auto u = net.actors.find(id);
    ASSERT_TRUE(u.has_value()) << what << ": actor " << id << " missing";
    const double w = it->value.GetDouble();
    const double g = static_cast<double>(got[*u]);
    EXPECT_TRUE(close(g, w)) << what << " of " << id << ": movemap " << g << ", expected " << w;
  }
}

// Compares a per-tie vector with JSON rows [source, target, value].
void expect_ties(const Golden& gd, const std::vector<double>& got, const rapidjson::Value& want,
                 const std::string& what) {
  const Network& net = gd.net;
  const TieTable& t = net.graph.ties();
  ASSERT_EQ(got.size(), t.size()) << what;
  ASSERT_EQ(want.Size(), t.size()) << what;
  std::map<std::pair<node_id, node_id>, edge_id> tie_of;
  for (edge_id e = 0; e < t.size(); ++e) tie_of[{t.source[e], t.target[e]}] = e;
  for (const auto& row : want.GetArray()) {
    node_id u = *net.actors.find(row[0].GetString()), v = *net.actors.find(row[1].GetString());
    if (u > v) std::swap(u, v);
    const auto it = tie_of.find({u, v});
    ASSERT_NE(it, tie_of.end()) << what << ": tie " << row[0].GetString() << " - " << row[1].GetString();
    const double w = row[2].GetDouble(), g = got[it->second];
    EXPECT_TRUE(close(g, w)) << what << " of tie " << row[0].GetString() << " - " << row[1].GetString()
                             << ": movemap " << g << ", expected " << w;
  }
}

void expect_value(double got, double want, const std::string& what) {
  EXPECT_TRUE(close(got, want)) << what << ": movemap " << got << ", expected " << want;
}

IterationOptions iteration(const Golden& gd, bool weighted) {
  IterationOptions o;
  o.tolerance = gd.param("tolerance").GetDouble();
  o.max_iterations = gd.param("max_iterations").GetUint();
  o.weighted = weighted;
  return o;
}

class CentralityGolden : public ::testing::TestWithParam<const char*> {
 protected:
  const Golden& gd() const { return golden(GetParam()); }
  const Graph& g() const { return gd().net.graph; }
};

TEST_P(CentralityGolden, LogLoadsAsTheGraph) {
  EXPECT_EQ(g().num_nodes(), gd().expected["nodes"].GetUint());
  EXPECT_EQ(g().num_ties(), gd().expected["ties"].GetUint());
  EXPECT_FALSE(g().directed());
}

TEST_P(CentralityGolden, Betweenness) {
  // nx.betweenness_centrality(G) and (normalized=False);
  // nx.edge_betweenness_centrality(G) and (normalized=False).
  for (const bool normalized : {true, false}) {
    const BetweennessResult b = betweenness(g(), {PathLength::hops, normalized, /*ties=*/true, {}});
    expect_nodes(gd(), b.node, gd().node(normalized ? "betweenness" : "betweenness_raw"), "betweenness");
    expect_ties(gd(), b.tie, gd().expected["tie"][normalized ? "betweenness" : "betweenness_raw"],
                "tie betweenness");
  }
}

TEST_P(CentralityGolden, ClosenessAndHarmonic) {
  // nx.closeness_centrality(G), nx.harmonic_centrality(G).
  expect_nodes(gd(), closeness(g(), {}), gd().node("closeness"), "closeness");
  expect_nodes(gd(), harmonic_closeness(g(), {}), gd().node("harmonic"), "harmonic");
}

TEST_P(CentralityGolden, Eigenvector) {
  // nx.eigenvector_centrality(G, max_iter, tol) (weight=None).
  expect_nodes(gd(), eigenvector_centrality(g(), iteration(gd(), false)).values, gd().node("eigenvector"),
               "eigenvector");
}

TEST_P(CentralityGolden, PageRank) {
  // nx.pagerank(G, alpha=0.85, max_iter, tol, weight=None).
  PageRankOptions o;
  static_cast<IterationOptions&>(o) = iteration(gd(), false);
  o.alpha = gd().param("pagerank_alpha").GetDouble();
  expect_nodes(gd(), pagerank(g(), o).values, gd().node("pagerank"), "pagerank");
}

TEST_P(CentralityGolden, Katz) {
  // nx.katz_centrality(G, alpha=katz_alpha, beta=1, max_iter, tol).
  KatzOptions o;
  static_cast<IterationOptions&>(o) = iteration(gd(), false);
  o.alpha = gd().param("katz_alpha").GetDouble();
  o.beta = gd().param("katz_beta").GetDouble();
  expect_nodes(gd(), katz_centrality(g(), o).values, gd().node("katz"), "katz");
}

TEST_P(CentralityGolden, CoreNumbers) {
  // nx.core_number(G).
  expect_nodes(gd(), core_numbers(g()), gd().node("core"), "core number");
}

TEST_P(CentralityGolden, ClusteringAndTransitivity) {
  // nx.clustering(G), nx.transitivity(G), nx.average_clustering(G).
  expect_nodes(gd(), local_clustering(g()), gd().node("clustering"), "clustering");
  expect_value(transitivity(g()), gd().network("transitivity"), "transitivity");
  expect_value(average_clustering(g()), gd().network("average_clustering"), "average clustering");
}

TEST_P(CentralityGolden, DegreeCentralityAndCentralization) {
  // nx.degree_centrality(G); igraph's degree() and betweenness() with its
  // Freeman formula (make_golden.py).
  const DegreeResult d = degree(g());
  expect_nodes(gd(), normalized_degree(d.degree, g().num_nodes()), gd().node("degree_centrality"),
               "degree centrality");
  expect_value(degree_centralization(g()), gd().network("degree_centralization"), "degree centralization");
  const BetweennessResult raw = betweenness(g(), {PathLength::hops, /*normalized=*/false, false, {}});
  expect_value(betweenness_centralization(g(), raw.node), gd().network("betweenness_centralization"),
               "betweenness centralization");
}

// Les Miserables is the weighted one (co-appearance counts).
TEST(CentralityGoldenWeighted, LesMiserables) {
  const Golden& gd = golden("les_miserables");
  ASSERT_TRUE(gd.weighted());
  const Graph& g = gd.net.graph;
  // G[u][v]["distance"] = 1 / weight:
  // nx.betweenness_centrality(G, weight="distance") (and normalized=False),
  // nx.edge_betweenness_centrality(G, weight="distance").
  const BetweennessResult inv = betweenness(g, {PathLength::inverse, true, true, {}});
  expect_nodes(gd, inv.node, gd.node("betweenness_inverse"), "betweenness (1/weight)");
  expect_ties(gd, inv.tie, gd.expected["tie"]["betweenness_inverse"], "tie betweenness (1/weight)");
  const BetweennessResult inv_raw = betweenness(g, {PathLength::inverse, false, false, {}});
  expect_nodes(gd, inv_raw.node, gd.node("betweenness_inverse_raw"), "raw betweenness (1/weight)");
  // nx.betweenness_centrality(G, weight="weight").
  const BetweennessResult by_weight = betweenness(g, {PathLength::weight, true, false, {}});
  expect_nodes(gd, by_weight.node, gd.node("betweenness_weight"), "betweenness (length = weight)");
  // nx.closeness_centrality(G, distance="distance"), nx.harmonic_centrality(G, distance="distance").
  const ClosenessOptions c{PathLength::inverse, true, {}};
  expect_nodes(gd, closeness(g, c), gd.node("closeness_inverse"), "closeness (1/weight)");
  expect_nodes(gd, harmonic_closeness(g, c), gd.node("harmonic_inverse"), "harmonic (1/weight)");
  // nx.eigenvector_centrality(G, weight="weight", ...).
  expect_nodes(gd, eigenvector_centrality(g, iteration(gd, true)).values, gd.node("eigenvector_weighted"),
               "weighted eigenvector");
  // nx.pagerank(G, weight="weight", ...).
  PageRankOptions p;
  static_cast<IterationOptions&>(p) = iteration(gd, true);
  p.alpha = gd.param("pagerank_alpha").GetDouble();
  expect_nodes(gd, pagerank(g, p).values, gd.node("pagerank_weighted"), "weighted pagerank");
  // nx.katz_centrality(G, alpha=katz_alpha_weighted, weight="weight", ...).
  KatzOptions k;
  static_cast<IterationOptions&>(k) = iteration(gd, true);
  k.alpha = gd.param("katz_alpha_weighted").GetDouble();
  k.beta = gd.param("katz_beta").GetDouble();
  expect_nodes(gd, katz_centrality(g, k).values, gd.node("katz_weighted"), "weighted katz");
}

INSTANTIATE_TEST_SUITE_P(Golden, CentralityGolden,
                         ::testing::Values("krackhardt_kite", "karate_club", "florentine_families", "les_miserables"),
                         [](const ::testing::TestParamInfo<const char*>& info) { return std::string(info.param); });

}  // namespace
}  // namespace movemap
