// Bridging benchmarks: the kernels of engine/include/movemap/bridging/ on a
// role-structured generated movement, each with 1 and 2 TBB threads.
//
//   B  10^5 actors (the actor table: roles citizen, champion, anchor,
//      service; two sites), 2 x 10^6 interactions, pair ties only: about
//      10^6 undirected ties (the graph bench/compare's "bridging" family
//      uses; the count is printed as the `ties` counter)
//   S  10^4 actors, 10^5 interactions (the shared size S), for quick runs
//
// Inputs: `movemap generate --actors N --interactions M --seed 7` (generated
// in-process into a private temporary folder, read back with the CSV and
// actor-table readers), built once per size into a directed and an
// undirected network (AttendanceWeighting::None) outside the timed region.
// Groups are the role codes of the actor table (sorted: anchor, champion,
// citizen, service), as `movemap bridging` codes them.
//
// Benchmarks, named bridging/<kernel>/<graph>/<size>/threads:<k>:
//   structural_holes  constraint, effective size, efficiency, hierarchy,
//                     weighted                                     u, d
//   brokerage         Gould-Fernandez roles by role                 d, u
//   cut_points        bridges, articulation points, cut_off         u
//   louvain, leiden   resolution 1, seed 1, weighted                u
//   key_players       k = 5 (greedy fragmentation)                  u
//   mixing            mixing matrix + attribute assortativity by role  u
//   ei_index          by role, 1000 permutations                    u
//
// Run:  build/bridging_bench                                   (S and B)
//       build/bridging_bench --benchmark_filter='louvain/u/B'
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench_inputs.hpp"
#include "io/actor_table_reader.hpp"
#include "io/bridging_measures.hpp"
#include "io/interaction_log_reader.hpp"
#include "movemap/bridging/brokerage.hpp"
#include "movemap/bridging/communities.hpp"
#include "movemap/bridging/cut_points.hpp"
#include "movemap/bridging/key_players.hpp"
#include "movemap/bridging/mixing.hpp"
#include "movemap/bridging/structural_holes.hpp"
#include "movemap/network.hpp"

namespace {

namespace fs = std::filesystem;
using movemap::bench::SizeSpec;

constexpr SizeSpec kBridgingSizes[] = {
    {"S", 10'000, 100'000},
    {"B", 100'000, 2'000'000},
};

struct Networks {
  movemap::Network directed, undirected;
  movemap::GroupCoding roles;  // the same codes for both (same actor table)
  const movemap::Network& net(char kind) const { return kind == 'd' ? directed : undirected; }
};

const Networks& networks(const SizeSpec& spec) {
  static std::map<std::string, std::unique_ptr<Networks>> cache;
  auto it = cache.find(spec.name);
  if (it != cache.end()) return *it->second;
  const fs::path dir = movemap::bench::write_generated_input(spec);
  movemap::LogReadResult r = movemap::read_interaction_log((dir / "interactions.csv").string(), {});
  const movemap::ActorTable actors = movemap::read_actor_table((dir / "actors.csv").string(), {});
  fs::remove_all(dir);
  auto nets = std::make_unique<Networks>();
  movemap::NetworkOptions opt;
  opt.attendance = movemap::AttendanceWeighting::None;
  opt.directed = false;
  nets->undirected = movemap::build_network(r.log, &actors, opt);
  opt.directed = true;
  nets->directed = movemap::build_network(std::move(r.log), &actors, opt);
  nets->roles = movemap::group_coding(nets->undirected, "role");
  return *cache.emplace(spec.name, std::move(nets)).first->second;
}

using Counters = std::map<std::string, double>;
using Kernel = std::function<Counters(const movemap::Network&, const movemap::GroupCoding&)>;

struct KernelSpec {
  const char* name;
  const char* graphs;
  Kernel run;
};

std::uint32_t groups_of(const movemap::GroupCoding& c) { return static_cast<std::uint32_t>(c.names.size()); }

std::vector<KernelSpec> kernels() {
  return {
      {"structural_holes", "ud",
       [](const movemap::Network& n, const movemap::GroupCoding&) {
         const auto r = movemap::structural_holes(n.graph);
         benchmark::DoNotOptimize(r.constraint.data());
         return Counters{};
       }},
      {"brokerage", "du",
       [](const movemap::Network& n, const movemap::GroupCoding& c) {
         const auto r = movemap::brokerage(n.graph, c.code, groups_of(c));
         benchmark::DoNotOptimize(r.total.data());
         return Counters{};
       }},
      {"cut_points", "u",
       [](const movemap::Network& n, const movemap::GroupCoding&) {
         const auto r = movemap::cut_points(n.graph);
         return Counters{{"bridges", static_cast<double>(r.bridges.size())},
                         {"articulation_points", static_cast<double>(r.articulation_points.size())}};
       }},
      {"louvain", "u",
       [](const movemap::Network& n, const movemap::GroupCoding&) {
         const auto r = movemap::louvain(n.graph);
         return Counters{{"modularity", r.modularity}, {"communities", static_cast<double>(r.count)}};
       }},
      {"leiden", "u",
       [](const movemap::Network& n, const movemap::GroupCoding&) {
         const auto r = movemap::leiden(n.graph);
         return Counters{{"modularity", r.modularity}, {"communities", static_cast<double>(r.count)}};
       }},
      {"key_players", "u",
       [](const movemap::Network& n, const movemap::GroupCoding&) {
         const auto r = movemap::key_players(n.graph, 5);
         return Counters{{"fragmentation_after",
                          r.fragmentation_after.empty() ? 0.0 : r.fragmentation_after.back()}};
       }},
      {"mixing", "u",
       [](const movemap::Network& n, const movemap::GroupCoding& c) {
         const auto m = movemap::mixing_matrix(n.graph, c.code, groups_of(c));
         benchmark::DoNotOptimize(m.ties.data());
         return Counters{{"assortativity", movemap::attribute_assortativity(n.graph, c.code, groups_of(c))}};
       }},
      {"ei_index", "u",
       [](const movemap::Network& n, const movemap::GroupCoding& c) {
         const auto r = movemap::ei_index(n.graph, c.code, groups_of(c));
         return Counters{{"ei", r.overall}, {"p_value", r.p_value}};
       }},
  };
}

void BM_Kernel(benchmark::State& state, const SizeSpec* spec, char kind, const Kernel* kernel) {
  const Networks& nets = networks(*spec);
  const movemap::Network& net = nets.net(kind);
  tbb::task_arena arena(static_cast<int>(state.range(0)));
  Counters counters;
  try {
    for (auto _ : state) arena.execute([&] { counters = (*kernel)(net, nets.roles); });
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  state.counters["nodes"] = static_cast<double>(net.graph.num_nodes());
  state.counters["ties"] = static_cast<double>(net.graph.num_ties());
  for (const auto& [name, value] : counters) state.counters[name] = value;
}

}  // namespace

int main(int argc, char** argv) {
  static const std::vector<KernelSpec> specs = kernels();
  for (const SizeSpec& size : kBridgingSizes)
    for (const KernelSpec& k : specs)
      for (const char* kind = k.graphs; *kind; ++kind) {
        const std::string name = std::string("bridging/") + k.name + "/" + *kind + "/" + size.name;
        benchmark::RegisterBenchmark(name.c_str(), BM_Kernel, &size, *kind, &k.run)
            ->ArgName("threads")
            ->Arg(1)
            ->Arg(2)
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime();
      }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
