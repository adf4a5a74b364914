#include "io/centrality_measures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

#include "io/actor_selection.hpp"
#include "io/chained_progress.hpp"
#include "io/csv_writer.hpp"
#include "movemap/centrality/betweenness.hpp"
#include "movemap/centrality/closeness.hpp"
#include "movemap/centrality/core_numbers.hpp"
#include "movemap/centrality/degree.hpp"
#include "movemap/centrality/spectral.hpp"
#include "movemap/error.hpp"
#include "movemap/structure/centralization.hpp"
#include "movemap/structure/clustering.hpp"

namespace movemap {
namespace {

struct Context {
  const Network& net;
  const CentralityRequest& req;
  std::vector<node_id> seeds;
  bool default_set;
  CentralityOutput out;
  std::vector<double> raw_betweenness;  // filled by "betweenness", for its centralization
  double transitivity = 0, average_clustering = 0;  // filled by "clustering"

  const Graph& g() const { return net.graph; }
  bool wants(std::string_view m) const {
    return std::find(out.measures.begin(), out.measures.end(), m) != out.measures.end();
  }
  void note(std::string key, double v) {
    std::string s;
    append_double(s, v);
    out.notes.emplace_back(std::move(key), std::move(s));
  }
  void note(std::string key, std::uint64_t v) { out.notes.emplace_back(std::move(key), std::to_string(v)); }
};

// networkx's betweenness normalisation (betweenness.hpp), applied to the raw
// scores in this one place: node 1/((n-1)(n-2)), tie 1/(n(n-1)), doubled for
// undirected graphs (whose raw scores count each unordered pair once); no
// scaling for graphs too small to have a third node (nodes) or a pair (ties).
void scale_betweenness(std::vector<double>& v, double n, bool directed, bool ties) {
  if (ties ? n <= 1 : n <= 2) return;
  const double s = (directed ? 1.0 : 2.0) / (ties ? n * (n - 1) : (n - 1) * (n - 2));
  for (double& x : v) x *= s;
}

void run_degree(Context& c, const ProgressCallback&) {
  NodeMeasures d = degree_measures(c.net);
  for (auto& col : d.columns)
    if (col.name != "component") c.out.nodes.columns.push_back(std::move(col));
  const DegreeResult deg = degree(c.g());
  const node_id n = c.g().num_nodes();
  c.out.nodes.add_real("degree_centrality", normalized_degree(deg.degree, n));
  if (c.net.directed()) {
    c.out.nodes.add_real("in_degree_centrality", normalized_degree(deg.in_degree, n));
    c.out.nodes.add_real("out_degree_centrality", normalized_degree(deg.out_degree, n));
  }
}

// Node and/or tie betweenness from one kernel run, always un-normalised:
// the raw node scores are kept for betweenness_centralization.
void add_betweenness(Context& c, const ProgressCallback& p, bool nodes, bool ties) {
  BetweennessOptions o;
  o.length = c.req.length;
  o.normalized = false;
  o.ties = ties;
  o.progress = p;
  BetweennessResult r = betweenness(c.g(), o);
  const double n = c.g().num_nodes();
  if (nodes) {
    c.raw_betweenness = r.node;
    if (c.req.normalized) scale_betweenness(r.node, n, c.net.directed(), false);
    c.out.nodes.add_real("betweenness", std::move(r.node));
  }
  if (ties) {
    if (c.req.normalized) scale_betweenness(r.tie, n, c.net.directed(), true);
    c.out.ties.emplace_back("betweenness", std::move(r.tie));
  }
}

void run_betweenness(Context& c, const ProgressCallback& p) {
  add_betweenness(c, p, true, c.wants("tie_betweenness"));
}

void run_tie_betweenness(Context& c, const ProgressCallback& p) {
  if (!c.wants("betweenness")) add_betweenness(c, p, false, true);  // else run_betweenness fills it
}

void run_betweenness_sampled(Context& c, const ProgressCallback& p) {
  SampledBetweennessOptions o;
  o.epsilon = c.req.epsilon;
  o.delta = c.req.delta;
  o.seed = c.req.seed;
  o.length = c.req.length;
  o.progress = p;
  SampledBetweennessResult r = sampled_betweenness(c.g(), o);
  c.out.nodes.add_real("betweenness_sampled", std::move(r.node));
  c.note("samples", r.samples);
  c.note("vertex_diameter_bound", r.vertex_diameter_bound);
  c.note("epsilon", r.epsilon);
  c.note("delta", r.delta);
  c.note("seed", c.req.seed);
}

ClosenessOptions closeness_options(const Context& c, const ProgressCallback& p) {
  ClosenessOptions o;
  o.length = c.req.length;
  o.wf_improved = c.req.wf_improved;
  o.progress = p;
  return o;
}

void run_closeness(Context& c, const ProgressCallback& p) {
  c.out.nodes.add_real("closeness", closeness(c.g(), closeness_options(c, p)));
}

void run_harmonic(Context& c, const ProgressCallback& p) {
  c.out.nodes.add_real("harmonic", harmonic_closeness(c.g(), closeness_options(c, p)));
}

void iteration_options(const Context& c, const ProgressCallback& p, IterationOptions& o) {
  o.tolerance = c.req.tolerance;
  o.max_iterations = c.req.max_iterations;
  o.weighted = c.req.weighted;
  o.progress = p;
}

// Runs one power iteration and records its column and notes. With the
// default set a non-convergence becomes a NaN column and a note.
template <class Kernel>
void spectral_column(Context& c, const std::string& name, Kernel&& kernel) {
  try {
    IterationResult r = kernel();
    c.out.nodes.add_real(name, std::move(r.values));
    c.note(name + "_iterations", std::uint64_t{r.iterations});
    c.note(name + "_residual", r.residual);
  } catch (const ConvergenceError& e) {
    if (!c.default_set) throw;
    c.out.nodes.add_real(name, std::vector<double>(c.g().num_nodes(), std::numeric_limits<double>::quiet_NaN()));
    c.out.notes.emplace_back(name + "_error", e.what());
  }
}

void run_eigenvector(Context& c, const ProgressCallback& p) {
  spectral_column(c, "eigenvector", [&] {
    IterationOptions o;
    iteration_options(c, p, o);
    return eigenvector_centrality(c.g(), o);
  });
}

void run_pagerank(Context& c, const ProgressCallback& p) {
  spectral_column(c, "pagerank", [&] {
    PageRankOptions o;
    iteration_options(c, p, o);
    o.alpha = c.req.pagerank_alpha;
    o.seeds = c.seeds;
    return pagerank(c.g(), o);
  });
  if (!c.seeds.empty()) c.note("pagerank_seeds", std::uint64_t{c.seeds.size()});
}

void run_katz(Context& c, const ProgressCallback& p) {
  spectral_column(c, "katz", [&] {
    KatzOptions o;
    iteration_options(c, p, o);
    o.alpha = c.req.katz_alpha;
    o.beta = c.req.katz_beta;
    return katz_centrality(c.g(), o);
  });
}

void run_core(Context& c, const ProgressCallback&) { c.out.nodes.add_integer("core", core_numbers(c.g())); }

// Local clustering, and from the same triangle count the network's
// transitivity and average clustering (added by run_network_level).
void run_clustering(Context& c, const ProgressCallback&) {
  ClusteringResult r = clustering(c.g());
  c.out.nodes.add_real("clustering", std::move(r.local));
  c.transitivity = r.transitivity;
  c.average_clustering = r.average;
}

void run_network_level(Context& c) {
  c.out.network.emplace_back("degree_centralization", degree_centralization(c.g()));
  if (c.wants("betweenness"))
    c.out.network.emplace_back("betweenness_centralization", betweenness_centralization(c.g(), c.raw_betweenness));
  if (c.wants("clustering")) {
    c.out.network.emplace_back("transitivity", c.transitivity);
    c.out.network.emplace_back("average_clustering", c.average_clustering);
  }
}

using Runner = void (*)(Context&, const ProgressCallback&);
struct Measure {
  const char* name;
  double weight;  // rough relative cost, for the progress shares
  Runner run;
};

constexpr double kPathCost = 10, kSpectralCost = 3, kCheapCost = 1;
const Measure kMeasures[] = {
    {"degree", kCheapCost, run_degree},
    {"betweenness", kPathCost, run_betweenness},
    {"tie_betweenness", kPathCost, run_tie_betweenness},
    {"betweenness_sampled", kPathCost, run_betweenness_sampled},
    {"closeness", kPathCost, run_closeness},
    {"harmonic", kPathCost, run_harmonic},
    {"eigenvector", kSpectralCost, run_eigenvector},
    {"pagerank", kSpectralCost, run_pagerank},
    {"katz", kSpectralCost, run_katz},
    {"core", kCheapCost, run_core},
    {"clustering", kCheapCost, run_clustering},
};

const Measure* find_measure(std::string_view name) {
  for (const auto& m : kMeasures)
    if (name == m.name) return &m;
  return nullptr;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The measures to run: the default set for an empty request, else the
// request without repeats; every name checked before anything runs.
std::vector<std::string> checked_measures(const std::vector<std::string>& requested) {
  if (requested.empty()) return default_centrality_measures();
  std::vector<std::string> out;
  for (const auto& name : requested) {
    if (!find_measure(name))
      throw UsageError("unknown centrality measure \"" + name + "\"; known measures: " +
                       joined(centrality_measure_names()));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

void check_options(const CentralityRequest& r) {
  auto require = [](bool ok, const std::string& what) {
    if (!ok) throw UsageError(what);
  };
  require(r.epsilon > 0 && r.epsilon < 1, "epsilon must be in (0, 1), e.g. 0.01");
  require(r.delta > 0 && r.delta < 1, "delta must be in (0, 1), e.g. 0.1");
  require(r.pagerank_alpha >= 0 && r.pagerank_alpha <= 1, "PageRank alpha (damping) must be in [0, 1], e.g. 0.85");
  require(std::isfinite(r.katz_alpha), "Katz alpha must be a finite number (below 1 / the largest eigenvalue), e.g. 0.1");
  require(std::isfinite(r.katz_beta), "Katz beta must be a finite number, e.g. 1");
  require(std::isfinite(r.tolerance) && r.tolerance > 0, "tolerance must be positive, e.g. 1e-10");
  require(r.max_iterations >= 1, "max_iterations must be at least 1");
}

// Seeds are personalised PageRank's alone: with measures that leave out
// pagerank they would change nothing, so they are refused rather than
// ignored.
void check_seeds_have_pagerank(const CentralityRequest& r, const std::vector<std::string>& measures) {
  if (!r.seeds.empty() && std::find(measures.begin(), measures.end(), "pagerank") == measures.end())
    throw UsageError("seeds (personalised PageRank) given, but the measures (" + joined(measures) +
                     ") do not include pagerank: add pagerank to the measures, or drop the seeds");
}

}  // namespace

const std::vector<std::string>& centrality_measure_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& m : kMeasures) v.emplace_back(m.name);
    return v;
  }();
  return names;
}

const std::vector<std::string>& default_centrality_measures() {
  static const std::vector<std::string> names = {"degree",   "betweenness", "closeness", "harmonic",
                                                 "pagerank", "eigenvector", "core",      "clustering"};
  return names;
}

void check_centrality_request(const CentralityRequest& request) {
  check_seeds_have_pagerank(request, checked_measures(request.measures));
  check_options(request);
}

CentralityOutput compute_centrality(const Network& net, const CentralityRequest& request) {
  Context c{net, request, {}, request.measures.empty(), {}, {}};
  c.out.measures = checked_measures(request.measures);
  check_seeds_have_pagerank(request, c.out.measures);
  check_options(request);
  c.seeds = select_actors(net, request.seeds, "seed");

  std::vector<const Measure*> plan;
  std::vector<double> weights;
  for (const auto& name : c.out.measures) {
    plan.push_back(find_measure(name));
    const bool shared_run = name == "tie_betweenness" && c.wants("betweenness");
    weights.push_back(shared_run ? 0.0 : plan.back()->weight);
  }
  weights.push_back(kCheapCost);  // network-level values
  ChainedProgress progress(request.progress, weights);
  progress.begin();
  for (std::size_t i = 0; i < plan.size(); ++i) {
    plan[i]->run(c, progress.stage(i));
    progress.complete(i);
  }
  run_network_level(c);
  progress.complete(plan.size());
  return std::move(c.out);
}

}  // namespace movemap
