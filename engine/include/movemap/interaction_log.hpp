// An interaction log held in columns: one entry per accepted row.
//
// Readers (io/) and the Python DataFrame loader fill it through
// InteractionLogBuilder, which interns actor, event and kind strings into
// dense ids in first-appearance order.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "movemap/id_map.hpp"
#include "movemap/types.hpp"

namespace movemap {

struct InteractionLog {
  // Row columns (all the same length).
  std::vector<timestamp> time;
  std::vector<std::uint32_t> source;  // actor id
  std::vector<std::uint32_t> target;  // actor id, or kNone for attendance rows
  std::vector<std::uint32_t> event;   // event id, or kNone for pair rows
  std::vector<std::uint32_t> kind;    // kind id, or kNone when absent
  std::vector<double> weight;         // > 0, default 1

  IdMap actors;  // actor ids as named in the log
  IdMap events;
  IdMap kinds;

  std::size_t rows() const { return time.size(); }
  void reserve(std::size_t n);
};

// One batch of parsed rows whose strings point into caller-owned memory.
// An empty string_view means "absent" (no target, no event, no kind).
struct InteractionBatch {
  std::vector<timestamp> time;
  std::vector<std::string_view> source, target, event, kind;
  std::vector<double> weight;
  // Optional: IdMap::hash of source and target (0 for empty), filled by a
  // caller that hashes in parallel with its parsing. Empty = not given.
  std::vector<std::uint64_t> source_hash, target_hash;

  std::size_t rows() const { return time.size(); }
  void clear();
  // Fills source_hash and target_hash.
  void compute_hashes();
  void push_back(timestamp t, std::string_view s, std::string_view tg, std::string_view ev,
                 std::string_view k, double w);
};

class InteractionLogBuilder {
 public:
  InteractionLogBuilder() = default;
  // Interns the batch's strings and appends its rows. Rows must already be
  // valid (source non-empty; exactly one of target/event; weight > 0).
  void append(const InteractionBatch& batch);
  InteractionLog finish() { return std::move(log_); }
  // Reserves room for n rows in all (a reader's estimate from the file size).
  void reserve(std::size_t n) { log_.reserve(n); }
  const InteractionLog& log() const { return log_; }

 private:
  InteractionLog log_;
};

}  // namespace movemap
