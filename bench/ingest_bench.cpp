// Ingest benchmarks: parse an interaction log, and parse it + build the
// directed network, on generated movements of named sizes.
//
//   S  10^4 actors, 10^5 interactions
//   M  10^5 actors, 10^6 interactions
//   L  10^6 actors, 10^7 interactions  (only with MOVEMAP_BENCH_LARGE=1)
//
// Each input is generated in-process (generate_movement, fixed seed 7, the
// generator's default sites/months/attendance share; L is byte-identical to
// `movemap generate --actors 1000000 --interactions 10000000 --seed 7`) and
// written with write_generated_movement into a private temporary folder,
// once per size and only when a benchmark of that size runs; the folder is
// removed at exit. Generation is outside the timed region.
//
// Benchmarks: ingest/read_log/<size>, ingest/read_and_build_directed/<size>
// (co-attendance projection by count) and
// ingest/read_and_build_directed_pairs_only/<size> (attendance None).
//
// Reported per benchmark: items_per_second (log rows), bytes_per_second
// (bytes of interactions.csv), and counters rows, file_MiB (and ties,
// actors for the build). Wall time (UseRealTime): the reader and the builder
// run on TBB worker threads, so the main thread's CPU time means nothing.
//
// Run:  build/ingest_bench                       (S and M)
//       MOVEMAP_BENCH_LARGE=1 build/ingest_bench  (adds L; needs ~2 GiB)
//       build/ingest_bench --benchmark_filter=M
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "io/interaction_log_reader.hpp"
#include "bench_inputs.hpp"
#include "movemap/generator.hpp"
#include "movemap/network.hpp"

namespace {

namespace fs = std::filesystem;

using movemap::bench::kSizes;
using movemap::bench::SizeSpec;
using movemap::bench::write_generated_input;

struct Input {
  std::string log_path;
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;
};

// Generates and writes the input of `spec` on first call; later calls reuse it.
const Input& input(const SizeSpec& spec) {
  static std::map<std::string, Input> cache;
  auto it = cache.find(spec.name);
  if (it != cache.end()) return it->second;

  Input in;
  const fs::path dir = write_generated_input(spec, &in.rows);  // freed before any timing
  in.log_path = (dir / "interactions.csv").string();
  in.bytes = fs::file_size(in.log_path);
  return cache.emplace(spec.name, std::move(in)).first->second;
}

void set_throughput(benchmark::State& state, const Input& in) {
  const auto iters = static_cast<std::int64_t>(state.iterations());
  state.SetItemsProcessed(iters * static_cast<std::int64_t>(in.rows));
  state.SetBytesProcessed(iters * static_cast<std::int64_t>(in.bytes));
  state.counters["rows"] = static_cast<double>(in.rows);
  state.counters["file_MiB"] = static_cast<double>(in.bytes) / (1024.0 * 1024.0);
}

// (a) read_interaction_log alone: CSV parse, timestamp parse, id interning.
void BM_ReadLog(benchmark::State& state, const SizeSpec* spec) {
  const Input& in = input(*spec);
  const movemap::LogReadOptions opt;
  std::uint64_t accepted = 0;
  for (auto _ : state) {
    movemap::LogReadResult r = movemap::read_interaction_log(in.log_path, opt);
    accepted = r.stats.accepted;
    benchmark::DoNotOptimize(r.log.time.data());
    state.PauseTiming();  // freeing the columns is not part of reading
    r = movemap::LogReadResult{};
    state.ResumeTiming();
  }
  if (accepted != in.rows) {
    state.SkipWithError("reader accepted a different number of rows than were generated");
    return;
  }
  set_throughput(state, in);
}

// (b) read_interaction_log + build_network (directed, no actor table),
// consuming the log as the CLI does; with the co-attendance projection by
// count (the default) or without it (attendance None: pair ties only, the
// graph of bench/compare's pandas + igraph pipeline).
void BM_ReadAndBuild(benchmark::State& state, const SizeSpec* spec, movemap::AttendanceWeighting attendance) {
  const Input& in = input(*spec);
  const movemap::LogReadOptions ropt;
  movemap::NetworkOptions nopt;
  nopt.directed = true;
  nopt.attendance = attendance;
  std::uint64_t ties = 0, actors = 0, accepted = 0;
  for (auto _ : state) {
    movemap::LogReadResult r = movemap::read_interaction_log(in.log_path, ropt);
    accepted = r.stats.accepted;
    movemap::Network net = movemap::build_network(std::move(r.log), nullptr, nopt);
    ties = net.graph.num_ties();
    actors = net.graph.num_nodes();
    benchmark::DoNotOptimize(ties);
    state.PauseTiming();  // destruction is not part of building
    net = movemap::Network{};
    state.ResumeTiming();
  }
  if (accepted != in.rows) {
    state.SkipWithError("reader accepted a different number of rows than were generated");
    return;
  }
  set_throughput(state, in);
  state.counters["ties"] = static_cast<double>(ties);
  state.counters["actors"] = static_cast<double>(actors);
}

bool large_enabled() {
  const char* v = std::getenv("MOVEMAP_BENCH_LARGE");
  return v && std::strcmp(v, "1") == 0;
}

}  // namespace

int main(int argc, char** argv) {
  for (const SizeSpec& spec : kSizes) {
    const bool large = std::strcmp(spec.name, "L") == 0;
    if (large && !large_enabled()) continue;
    auto* read = benchmark::RegisterBenchmark((std::string("ingest/read_log/") + spec.name).c_str(),
                                              BM_ReadLog, &spec);
    auto* build = benchmark::RegisterBenchmark(
        (std::string("ingest/read_and_build_directed/") + spec.name).c_str(), BM_ReadAndBuild, &spec,
        movemap::AttendanceWeighting::Count);
    auto* pairs = benchmark::RegisterBenchmark(
        (std::string("ingest/read_and_build_directed_pairs_only/") + spec.name).c_str(), BM_ReadAndBuild,
        &spec, movemap::AttendanceWeighting::None);
    for (auto* b : {read, build, pairs}) {
      b->Unit(benchmark::kMillisecond)->UseRealTime();
      if (large) b->Iterations(3);  // seconds per iteration: a few suffice
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
