// Reads the role-change table (CSV or TSV; engine/include/movemap/
// role_changes.hpp): columns id, time, from, to (mapped with
// RoleChangeColumns), times as the log's (io/timestamp_parser.hpp).
//
// Like the actor table, it is small and hand-made, so a bad row stops the
// read with an InputError naming file and line (CLI exit 3), never skipped:
// a header without one of the four columns or with any other column, a
// field count unlike the header's, an empty id or role, an id or role with
// a control character or invalid UTF-8, a time that is not a time. The
// rules across rows (from == to, two changes of one actor at one time, a
// broken chain) are check_role_changes', run here too.
#pragma once
#include <string>
#include <string_view>

#include "io/column_mapping.hpp"
#include "movemap/role_changes.hpp"

namespace movemap {

struct RoleChangeReadOptions {
  char delimiter = 0;  // 0: ',' (tab for .tsv)
  RoleChangeColumns columns;
};

RoleChangeTable read_role_changes(const std::string& path, const RoleChangeReadOptions& options);
RoleChangeTable read_role_changes_text(std::string_view text, const std::string& name,
                                       const RoleChangeReadOptions& options);

}  // namespace movemap
