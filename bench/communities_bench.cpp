// Community benchmarks: louvain and leiden (engine/include/movemap/bridging/
// communities.hpp) on the generated movements of named sizes, with 1 and 2
// TBB threads (the results are identical; only the time differs).
//
//   S  10^4 actors, 10^5 interactions
//   M  10^5 actors, 10^6 interactions (`movemap generate --actors 100000
//      --interactions 1000000 --seed 7`)
//
// Graphs, undirected and weighted by tie weight:
//   p  pair ties only (AttendanceWeighting::None), as centrality_bench
//      (M: 79,280 actors with ties, 564,953 ties)
//   a  with co-attendance ties (AttendanceWeighting::Count), the network
//      `movemap map LOG --undirected` builds (M: 2,340,359 ties)
// Counters: nodes, ties, communities, modularity, levels.
//
// MOVEMAP_BENCH_DUMP_TIES=FILE writes the M graph's ties (source,target,
// weight) to FILE before running, so tests/reference/communities_reference.py
// --time can time igraph's community_multilevel on the very same ties.
//
// Run:  build/communities_bench
//       build/communities_bench --benchmark_filter='louvain/p/M'
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "bench_inputs.hpp"
#include "io/interaction_log_reader.hpp"
#include "movemap/bridging/communities.hpp"
#include "movemap/network.hpp"

namespace {

namespace fs = std::filesystem;
using movemap::bench::kSizes;
using movemap::bench::SizeSpec;

const movemap::Network& network(const SizeSpec& spec, char kind) {
  static std::map<std::string, std::unique_ptr<movemap::Network>> cache;
  const std::string key = std::string(spec.name) + kind;
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  const fs::path dir = movemap::bench::write_generated_input(spec);
  movemap::LogReadResult r = movemap::read_interaction_log((dir / "interactions.csv").string(), {});
  fs::remove_all(dir);
  movemap::NetworkOptions opt;
  opt.attendance = kind == 'a' ? movemap::AttendanceWeighting::Count : movemap::AttendanceWeighting::None;
  opt.directed = false;
  auto net = std::make_unique<movemap::Network>(movemap::build_network(std::move(r.log), nullptr, opt));
  return *cache.emplace(key, std::move(net)).first->second;
}

void dump_ties(const movemap::Graph& g, const char* path) {
  std::ofstream out(path);
  out << "source,target,weight\n";
  out.precision(17);
  const auto& t = g.ties();
  for (std::size_t i = 0; i < t.size(); ++i) out << t.source[i] << ',' << t.target[i] << ',' << t.weight[i] << '\n';
}

template <class F>
void run(benchmark::State& state, const SizeSpec& spec, char kind, int threads, F algorithm) {
  const movemap::Graph& g = network(spec, kind).graph;
  tbb::task_arena arena(threads);
  movemap::Partition p;
  for (auto _ : state) arena.execute([&] { p = algorithm(g, movemap::CommunityOptions{}); });
  state.counters["nodes"] = g.num_nodes();
  state.counters["ties"] = static_cast<double>(g.num_ties());
  state.counters["communities"] = p.count;
  state.counters["modularity"] = p.modularity;
  state.counters["levels"] = p.levels;
}

}  // namespace

int main(int argc, char** argv) {
  if (const char* path = std::getenv("MOVEMAP_BENCH_DUMP_TIES")) dump_ties(network(kSizes[1], 'p').graph, path);
  for (int s = 0; s < 2; ++s) {
    const SizeSpec& spec = kSizes[s];
    for (const char kind : {'p', 'a'}) {
      for (const int threads : {1, 2}) {
        const std::string suffix =
            std::string(1, kind) + "/" + spec.name + "/threads:" + std::to_string(threads);
        benchmark::RegisterBenchmark(("communities/louvain/" + suffix).c_str(), [&spec, kind, threads](auto& st) {
          run(st, spec, kind, threads, [](const auto& g, const auto& o) { return movemap::louvain(g, o); });
        })->Unit(benchmark::kMillisecond)->UseRealTime();
        benchmark::RegisterBenchmark(("communities/leiden/" + suffix).c_str(), [&spec, kind, threads](auto& st) {
          run(st, spec, kind, threads, [](const auto& g, const auto& o) { return movemap::leiden(g, o); });
        })->Unit(benchmark::kMillisecond)->UseRealTime();
      }
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
