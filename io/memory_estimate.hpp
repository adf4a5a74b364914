// How much memory a run needs, estimated before reading, so that a run that
// cannot fit fails at once with a message saying how much it needs (and not
// after minutes, killed by the kernel's OOM killer).
//
// need = kBaseBytes + rows * kBytesPerRow + actors * kBytesPerActor, with
// rows and actors estimated from the file sizes and the mean line length of
// the first MiB of each file. It is a lower bound, so that a run that would
// fit is never refused: the peak is set by the ties (about 105 bytes each,
// docs/trust.md "Limits"), and how many ties a row makes depends on the
// data (a pair row: at most one; an attendance row: one per co-attendee),
// which only reading tells. kBytesPerRow is the measured peak of `movemap
// map` per row of logs of pair rows only (80-126 bytes); logs with 25 %
// attendance rows measured 350-377 bytes per row.
// Available memory: MOVEMAP_MEMORY_LIMIT (bytes, or with a K, M, G suffix)
// when set, else MemAvailable from /proc/meminfo; unknown -> no check.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace movemap {

inline constexpr std::uint64_t kBaseBytes = 40ull << 20;  // measured: 40 MB at 10 000 rows
inline constexpr std::uint64_t kBytesPerRow = 100;
inline constexpr std::uint64_t kBytesPerActor = 300;   // measured: 308

struct MemoryEstimate {
  std::uint64_t log_bytes = 0, rows = 0, actors = 0, need = 0;
};

// Estimate for a log file and an actor table (empty path: none).
// Unreadable files count as empty (the reader reports them properly).
MemoryEstimate estimate_memory(const std::string& log_path, const std::string& actors_path = "");
// Bytes available to this run, or nullopt when unknown. Throws UsageError for
// a MOVEMAP_MEMORY_LIMIT that is not a size.
std::optional<std::uint64_t> available_memory();
// Throws IoError ("not enough memory: ... needs at least X, Y available ...")
// when the estimate exceeds the available memory.
void check_memory(const MemoryEstimate& estimate);

}  // namespace movemap
