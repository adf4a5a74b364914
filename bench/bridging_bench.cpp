// Bridging benchmarks: structural holes and Gould-Fernandez brokerage on the
// generated movements of named sizes (bench_inputs.hpp), 1 and 2 TBB threads.
//
//   S  10^4 actors, 10^5 interactions
//   M  10^5 actors, 10^6 interactions
//   L  10^6 actors, 10^7 interactions  (only with MOVEMAP_BENCH_LARGE=1)
//
// Inputs as in centrality_bench.cpp: `movemap generate --actors N
// --interactions M --seed 7`, read back with the CSV reader, built into a
// directed and an undirected network of pair ties only
// (AttendanceWeighting::None). Brokerage groups are the generated roles
// (the first letter of the actor id: citizen, champion, anchor, service).
//
// Benchmarks, named bridging/<kernel>/<graph>/<size>/threads:<k>:
//   structural_holes   weighted; all four measures     S, M, L (u, d)
//   brokerage          role groups                     S, M, L (u, d)
//
// Run:  build/bridging_bench
//       build/bridging_bench --benchmark_filter='brokerage/d/M'
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "bench_inputs.hpp"
#include "io/interaction_log_reader.hpp"
#include "movemap/bridging/brokerage.hpp"
#include "movemap/bridging/structural_holes.hpp"
#include "movemap/network.hpp"

namespace {

namespace fs = std::filesystem;
using movemap::bench::kSizes;
using movemap::bench::SizeSpec;

struct Inputs {
  movemap::Network directed, undirected;
  std::vector<std::uint32_t> role;  // per node, the same ids in both networks
  const movemap::Network& network(char kind) const { return kind == 'd' ? directed : undirected; }
};

std::vector<std::uint32_t> roles_of(const movemap::Network& net) {
  std::vector<std::uint32_t> role(net.graph.num_nodes());
  for (movemap::node_id u = 0; u < role.size(); ++u) {
    const char c = net.actors.name(u).empty() ? '?' : net.actors.name(u)[0];
    role[u] = c == 'c' ? 0 : c == 'h' ? 1 : c == 'a' ? 2 : 3;
  }
  return role;
}

const Inputs& inputs(const SizeSpec& spec) {
  static std::map<std::string, std::unique_ptr<Inputs>> cache;
  auto it = cache.find(spec.name);
  if (it != cache.end()) return *it->second;
  const fs::path dir = movemap::bench::write_generated_input(spec);
  movemap::LogReadResult r = movemap::read_interaction_log((dir / "interactions.csv").string(), {});
  fs::remove_all(dir);
  auto in = std::make_unique<Inputs>();
  movemap::NetworkOptions opt;
  opt.attendance = movemap::AttendanceWeighting::None;
  opt.directed = false;
  in->undirected = movemap::build_network(r.log, nullptr, opt);
  opt.directed = true;
  in->directed = movemap::build_network(std::move(r.log), nullptr, opt);
  in->role = roles_of(in->directed);
  return *cache.emplace(spec.name, std::move(in)).first->second;
}

void BM_StructuralHoles(benchmark::State& state, const SizeSpec* spec, char kind) {
  const movemap::Graph& g = inputs(*spec).network(kind).graph;
  tbb::task_arena arena(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    arena.execute([&] {
      const auto r = movemap::structural_holes(g);
      benchmark::DoNotOptimize(r.constraint.data());
    });
  }
  state.counters["nodes"] = g.num_nodes();
  state.counters["ties"] = static_cast<double>(g.num_ties());
}

void BM_Brokerage(benchmark::State& state, const SizeSpec* spec, char kind) {
  const Inputs& in = inputs(*spec);
  const movemap::Graph& g = in.network(kind).graph;
  tbb::task_arena arena(static_cast<int>(state.range(0)));
  std::uint64_t paths = 0;
  for (auto _ : state) {
    arena.execute([&] {
      const auto r = movemap::brokerage(g, in.role, 4);
      paths = r.global_count[movemap::kBrokerageRoles];
    });
  }
  state.counters["nodes"] = g.num_nodes();
  state.counters["ties"] = static_cast<double>(g.num_ties());
  state.counters["two_paths"] = static_cast<double>(paths);
}

}  // namespace

int main(int argc, char** argv) {
  const char* large_env = std::getenv("MOVEMAP_BENCH_LARGE");
  const bool large = large_env && std::strcmp(large_env, "1") == 0;
  for (const SizeSpec& size : kSizes) {
    if (std::strcmp(size.name, "L") == 0 && !large) continue;
    for (const char kind : {'u', 'd'}) {
      const std::string suffix = std::string("/") + kind + "/" + size.name;
      benchmark::RegisterBenchmark(("bridging/structural_holes" + suffix).c_str(), BM_StructuralHoles, &size, kind)
          ->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
      benchmark::RegisterBenchmark(("bridging/brokerage" + suffix).c_str(), BM_Brokerage, &size, kind)
          ->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
