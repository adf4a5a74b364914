// libFuzzer target: read_interaction_log_text (io/interaction_log_reader.hpp)
// on CSV, JSON Lines and JSON arrays, and read_actor_table_text.
//
// The first input byte picks the format (CSV, TSV, JSON Lines, JSON array,
// Auto for a .json name, actor table) and whether bad rows are skipped (into
// a rejects file on /dev/shm, a tmpfs, so the fsync costs nothing). Beyond
// "no crash": only movemap::Error subclasses escape; in skip mode rows read
// = accepted + rejected and the log holds exactly the accepted rows.
// One TBB thread: the fuzzer is single-threaded and cheaper that way.
#include <tbb/global_control.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "io/actor_table_reader.hpp"
#include "io/interaction_log_reader.hpp"
#include "movemap/error.hpp"

namespace {
std::unique_ptr<tbb::global_control> g_threads;
std::string g_rejects;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_threads = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, 1);
  g_rejects = "/dev/shm/movemap-fuzz-rejects-" + std::to_string(::getpid()) + ".csv";
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t mode = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  static const char* const kNames[] = {"fuzz.csv", "fuzz.tsv", "fuzz.jsonl", "fuzz.json"};
  const bool skip = (mode & 8) != 0;
  try {
    if ((mode & 7) >= 6) {
      movemap::ActorReadOptions o;
      (void)movemap::read_actor_table_text(text, (mode & 7) == 6 ? "actors.csv" : "actors.json", o);
      return 0;
    }
    movemap::LogReadOptions o;
    const std::string name = kNames[mode & 3];
    if ((mode & 7) == 4) o.format = movemap::LogFormat::JsonArray;
    if ((mode & 7) == 5) o.format = movemap::LogFormat::JsonLines;
    if (skip) o.rejects_path = g_rejects;
    const auto r = movemap::read_interaction_log_text(text, name, o);
    if (skip) {
      std::remove(g_rejects.c_str());
      if (r.stats.rows_read != r.stats.accepted + r.stats.rejected) __builtin_trap();
    } else if (r.stats.rejected != 0 || r.stats.accepted != r.stats.rows_read) {
      __builtin_trap();
    }
    if (r.log.rows() != r.stats.accepted) __builtin_trap();
  } catch (const movemap::Error&) {
    if (skip) std::remove(g_rejects.c_str());
  }
  return 0;
}
