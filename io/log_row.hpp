// Internal to the readers: one log row's raw text, the header that maps
// columns to fields, the row checks, and the rejects file. Shared by the CSV,
// JSON Lines and JSON array paths so every format accepts and rejects the
// same rows with the same messages.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/atomic_file.hpp"
#include "io/column_mapping.hpp"
#include "movemap/interaction_log.hpp"

namespace movemap {

enum LogField { kTime, kSource, kTarget, kEvent, kKind, kWeight, kLogFields };

struct RawRow {
  std::string_view value[kLogFields];
  bool present[kLogFields] = {};
};

struct RowReject {
  std::uint64_t line;
  std::string column;  // column name, or "" when the row as a whole is bad
  std::string reason;
  std::string record;  // the raw text
};

struct LogHeader {
  LogHeader() = default;
  // CSV: `names` from the header record; throws InputError for missing or
  // duplicated mapped columns.
  LogHeader(const std::vector<std::string>& names, const LogColumns& columns, const std::string& file,
            std::uint64_t line, bool csv);
  static LogHeader for_json(const LogColumns& columns);

  bool is_mapped(const std::string& name) const;
  // "column 3 'time'" (CSV) or "field 'time'" (JSON).
  std::string describe(int field) const;

  int index[kLogFields] = {-1, -1, -1, -1, -1, -1};
  std::string json_keys[kLogFields];
  std::size_t count = 0;
  bool csv = true;
  bool has_event = true, has_target = true;
  std::vector<std::string> ignored;
};

// Validates a row and appends it to `batch`; on failure returns false with
// the reason ("column 3 'time': ...; expected ...") and the column name.
bool check_row(const RawRow& raw, const LogHeader& header, InteractionBatch& batch, std::string& reason,
               std::string& column);

// Checks an id: non-empty, valid UTF-8, no control characters. Returns "" or
// the problem.
std::string id_problem(std::string_view id);

// A value quoted for a message: at most 60 bytes, control bytes as \xNN.
std::string quoted_value(std::string_view v);

std::string_view trim_line_end(std::string_view s);
std::string header_hint(const LogColumns& columns);
std::string json_error(int code);

// Bad rows with their reasons: CSV with columns line, column, reason, record.
class RejectWriter {
 public:
  explicit RejectWriter(const std::string& path);
  void add(const RowReject& r);
  void commit() { file_.commit(); }

 private:
  AtomicFile file_;
};

}  // namespace movemap
