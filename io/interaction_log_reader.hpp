// Reads interaction logs: CSV / TSV (RFC 4180), JSON Lines, JSON arrays.
//
// Columns (after mapping, column_mapping.hpp): time (required), source
// (required), target or event (exactly one per row), kind, weight (optional;
// empty = 1). Column names are matched exactly (case-sensitive), after
// removing a UTF-8 BOM. Unknown columns are ignored (and listed in
// ReadStats::ignored_columns).
//
// A row is bad when: its field count differs from the header's; time is
// missing or not a timestamp (timestamp_parser.hpp); source is empty; both or
// neither of target/event are set; weight is not a finite number > 0; an id
// holds a control character or invalid UTF-8. By default the first bad row
// (in file order) throws InputError "file:line: column N 'name': what was
// wrong; expected what". With `rejects_path` set, bad rows are skipped and
// written to that CSV file (line, column, reason, record: the raw text) and
// counted. Blank lines are not rows; they are counted apart.
//
// CSV and JSON Lines are streamed in blocks and each block is parsed in
// parallel (TBB) pieces; ids are interned in file order, so the result does
// not depend on the thread count. JSON arrays are parsed serially (SAX).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/column_mapping.hpp"
#include "movemap/interaction_log.hpp"
#include "movemap/progress.hpp"

namespace movemap {

enum class LogFormat { Auto, Csv, JsonLines, JsonArray };

// Auto: by extension (.csv, .tsv, .txt -> CSV; .jsonl, .ndjson -> JSON Lines;
// .json -> JSON array when the first non-blank byte is '[', else JSON Lines).
LogFormat parse_log_format(std::string_view name);  // "auto", "csv", "jsonl", "json"

struct LogReadOptions {
  LogFormat format = LogFormat::Auto;
  char delimiter = 0;  // 0: ',' (tab for .tsv)
  LogColumns columns;
  std::string rejects_path;  // non-empty: skip bad rows, write them here
  ProgressCallback progress; // fraction of input bytes read
};

struct ReadStats {
  std::uint64_t rows_read = 0;   // records after the header
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  std::uint64_t blank_lines = 0; // not rows
  std::vector<std::string> ignored_columns;
};

struct LogReadResult {
  InteractionLog log;
  ReadStats stats;
};

// `path` "-" reads standard input.
LogReadResult read_interaction_log(const std::string& path, const LogReadOptions& options);
// The same on text in memory; `name` is used in messages and for Auto format.
LogReadResult read_interaction_log_text(std::string_view text, const std::string& name,
                                        const LogReadOptions& options);

}  // namespace movemap
