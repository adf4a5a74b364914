// Centrality benchmarks: the kernels of engine/include/movemap/centrality/
// and structure/clustering.hpp on the generated movements of named sizes,
// each with 1 and 2 TBB threads so the parallel speed-up is visible.
//
//   S  10^4 actors, 10^5 interactions
//   M  10^5 actors, 10^6 interactions
//   L  10^6 actors, 10^7 interactions  (only with MOVEMAP_BENCH_LARGE=1)
//
// Inputs: `movemap generate --actors N --interactions M --seed 7` (the
// generator's defaults otherwise; generated in-process, written to a private
// temporary folder, read back with the CSV reader), built once per size into
// a directed and an undirected network of *pair ties only*
// (AttendanceWeighting::None: the person-to-person interaction network; the
// co-attendance cliques would make the graph 4-8x denser). bench/compare
// uses the same graphs. Generation and building are outside the timed region.
//
// Benchmarks, named centrality/<kernel>/<graph>/<size>/threads:<k> with
// graph d (directed) or u (undirected):
//   betweenness          exact Brandes, hops, normalised          S (u, d)
//   betweenness_sampled  Riondato-Kornaropoulos, eps 0.01, delta 0.1, seed 1
//                                                                  S, M (u)
//   closeness, harmonic  one BFS per node (O(nm))                 S (u, d)
//   pagerank             alpha 0.85, tol 1e-10, weighted          S, M, L (d, u)
//   eigenvector          tol 1e-10, weighted                      S, M, L (u)
//   katz                 alpha = 1 / (1 + max in-strength) (converges: the
//                        largest eigenvalue is at most the largest row sum of
//                        A^T), beta 1, weighted                    S, M, L (u)
//   core_numbers         level-synchronous peeling                S, M, L (u, d)
//   local_clustering     per-node triangles                       S, M, L (u)
//   transitivity         global triangles / triples               S, M, L (u)
// The O(nm) kernels (exact betweenness, closeness, harmonic) are left out
// of M and L: one run would take minutes to hours on two cores.
//
// Threads: each benchmark runs inside tbb::task_arena(k), k = 1 and 2; the
// kernels are deterministic, so both runs compute the same bytes. Wall time
// (UseRealTime): the work runs on TBB workers. Counters: nodes, ties, and
// per kernel iterations (power iterations) or samples (sampled betweenness).
//
// Run:  build/centrality_bench                              (S and M)
//       MOVEMAP_BENCH_LARGE=1 build/centrality_bench        (adds L)
//       build/centrality_bench --benchmark_filter='pagerank/d/M'
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "io/interaction_log_reader.hpp"
#include "bench_inputs.hpp"
#include "movemap/centrality/betweenness.hpp"
#include "movemap/centrality/closeness.hpp"
#include "movemap/centrality/core_numbers.hpp"
#include "movemap/centrality/spectral.hpp"
#include "movemap/generator.hpp"
#include "movemap/network.hpp"
#include "movemap/structure/clustering.hpp"

namespace {

namespace fs = std::filesystem;

using movemap::bench::kSizes;
using movemap::bench::SizeSpec;
using movemap::bench::write_generated_input;

// Both networks of one size, built on first use and kept for the process.
struct Networks {
  movemap::Network directed, undirected;
  const movemap::Graph& graph(char kind) const { return kind == 'd' ? directed.graph : undirected.graph; }
};

const Networks& networks(const SizeSpec& spec) {
  static std::map<std::string, std::unique_ptr<Networks>> cache;
  auto it = cache.find(spec.name);
  if (it != cache.end()) return *it->second;

  const fs::path dir = write_generated_input(spec);
  movemap::LogReadResult r = movemap::read_interaction_log((dir / "interactions.csv").string(), {});
  fs::remove_all(dir);

  auto nets = std::make_unique<Networks>();
  movemap::NetworkOptions opt;
  opt.attendance = movemap::AttendanceWeighting::None;
  opt.directed = false;
  nets->undirected = movemap::build_network(r.log, nullptr, opt);
  opt.directed = true;
  nets->directed = movemap::build_network(std::move(r.log), nullptr, opt);
  return *cache.emplace(spec.name, std::move(nets)).first->second;
}

// Largest weighted in-strength (sum of in-tie weights; a self-loop once):
// an upper bound on the spectral radius of A^T, so Katz with
// alpha = 1 / (1 + bound) converges.
double max_in_strength(const movemap::Graph& g) {
  const auto& w = g.ties().weight;
  double best = 0;
  for (movemap::node_id u = 0; u < g.num_nodes(); ++u) {
    double s = 0;
    for (const movemap::edge_id t : g.in_ties(u)) s += w[t];
    best = std::max(best, s);
  }
  return best;
}

// A kernel run once on a graph; returns the counters it wants to report.
using Kernel = std::function<std::map<std::string, double>(const movemap::Graph&)>;

struct KernelSpec {
  const char* name;
  const char* graphs;   // "u", "d" or "ud"
  const char* sizes;    // subset of "SML"
  Kernel run;
};

std::vector<KernelSpec> kernels() {
  using Counters = std::map<std::string, double>;
  return {
      {"betweenness", "ud", "S",
       [](const movemap::Graph& g) {
         const auto r = movemap::betweenness(g);
         benchmark::DoNotOptimize(r.node.data());
         return Counters{};
       }},
      {"betweenness_sampled", "u", "SM",
       [](const movemap::Graph& g) {
         movemap::SampledBetweennessOptions o;
         o.epsilon = 0.01;
         o.delta = 0.1;
         const auto r = movemap::sampled_betweenness(g, o);
         benchmark::DoNotOptimize(r.node.data());
         return Counters{{"samples", static_cast<double>(r.samples)},
                         {"vd_bound", static_cast<double>(r.vertex_diameter_bound)}};
       }},
      {"closeness", "ud", "S",
       [](const movemap::Graph& g) {
         const auto r = movemap::closeness(g);
         benchmark::DoNotOptimize(r.data());
         return Counters{};
       }},
      {"harmonic", "ud", "S",
       [](const movemap::Graph& g) {
         const auto r = movemap::harmonic_closeness(g);
         benchmark::DoNotOptimize(r.data());
         return Counters{};
       }},
      {"pagerank", "du", "SML",
       [](const movemap::Graph& g) {
         const auto r = movemap::pagerank(g);
         benchmark::DoNotOptimize(r.values.data());
         return Counters{{"iterations", static_cast<double>(r.iterations)}};
       }},
      {"eigenvector", "u", "SML",
       [](const movemap::Graph& g) {
         const auto r = movemap::eigenvector_centrality(g);
         benchmark::DoNotOptimize(r.values.data());
         return Counters{{"iterations", static_cast<double>(r.iterations)}};
       }},
      {"katz", "u", "SML",
       [](const movemap::Graph& g) {
         movemap::KatzOptions o;
         o.alpha = 1.0 / (1.0 + max_in_strength(g));  // O(m); negligible next to the iterations
         const auto r = movemap::katz_centrality(g, o);
         benchmark::DoNotOptimize(r.values.data());
         return Counters{{"iterations", static_cast<double>(r.iterations)}, {"alpha", o.alpha}};
       }},
      {"core_numbers", "ud", "SML",
       [](const movemap::Graph& g) {
         const auto r = movemap::core_numbers(g);
         benchmark::DoNotOptimize(r.data());
         return Counters{{"max_core", r.empty() ? 0.0 : static_cast<double>(*std::max_element(r.begin(), r.end()))}};
       }},
      {"local_clustering", "u", "SML",
       [](const movemap::Graph& g) {
         const auto r = movemap::local_clustering(g);
         benchmark::DoNotOptimize(r.data());
         return Counters{};
       }},
      {"transitivity", "u", "SML",
       [](const movemap::Graph& g) {
         double t = movemap::transitivity(g);
         benchmark::DoNotOptimize(t);
         return Counters{{"transitivity", t}};
       }},
  };
}

void BM_Kernel(benchmark::State& state, const SizeSpec* spec, char graph_kind, const Kernel* kernel) {
  const movemap::Graph& g = networks(*spec).graph(graph_kind);
  const int threads = static_cast<int>(state.range(0));
  tbb::task_arena arena(threads);
  std::map<std::string, double> counters;
  try {
    for (auto _ : state) {
      arena.execute([&] { counters = (*kernel)(g); });
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  state.counters["nodes"] = static_cast<double>(g.num_nodes());
  state.counters["ties"] = static_cast<double>(g.num_ties());
  for (const auto& [name, value] : counters) state.counters[name] = value;
}

bool large_enabled() {
  const char* v = std::getenv("MOVEMAP_BENCH_LARGE");
  return v && std::strcmp(v, "1") == 0;
}

}  // namespace

int main(int argc, char** argv) {
  static const std::vector<KernelSpec> specs = kernels();
  for (const SizeSpec& size : kSizes) {
    const bool large = std::strcmp(size.name, "L") == 0;
    if (large && !large_enabled()) continue;
    for (const KernelSpec& k : specs) {
      if (!std::strchr(k.sizes, size.name[0])) continue;
      for (const char* kind = k.graphs; *kind; ++kind) {
        const std::string name = std::string("centrality/") + k.name + "/" + *kind + "/" + size.name;
        benchmark::RegisterBenchmark(name.c_str(), BM_Kernel, &size, *kind, &k.run)
            ->ArgName("threads")
            ->Arg(1)
            ->Arg(2)
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime();
      }
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
