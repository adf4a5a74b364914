// Small-group suppression for group-level tables (--min-group-size K), as
// health statistics publication rules require: a table row that describes
// fewer than K actors is not published.
//
// A group-level table has one row per group (a role, a site, a community, a
// time window, ...) with the number of distinct actors in it and any number
// of value cells (counts, shares, E-I indices, brokerage counts, ...).
// suppress_small_groups() blanks every cell and the actor count of each
// row with 0 < actors < K (writers write an empty CSV cell / JSON null) and
// sets its `suppressed` flag (a `suppressed` column / key). Groups of 0
// actors say nothing about anyone and stay.
//
// Secondary suppression: when exactly one row is suppressed and the table's
// total is published elsewhere, that row could be recovered as total minus
// the rest. So when `secondary` is set and exactly one row was suppressed,
// the smallest remaining row with actors > 0 (ties: the first in table
// order) is suppressed too.
//
// For a matrix over groups (a mixing matrix: rows and columns are the same
// groups) call small_groups() on the group sizes and blank both the row and
// the column of each group it flags. K <= 1 suppresses nothing.
// Used by: summary.json actors by role (movemap map and every log-reading
// verb). Meant for: bridging (mixing matrix, E-I per group, brokerage by
// group), momentum (per window, per role). Cost O(rows * cells).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace movemap {

struct GroupRow {
  std::string group;
  std::optional<std::uint64_t> actors;         // nullopt once suppressed
  std::vector<std::optional<double>> cells;    // nullopt = blank
  bool suppressed = false;
};

struct GroupTable {
  std::vector<std::string> columns;  // names of the value cells
  std::vector<GroupRow> rows;
};

// flags[i]: group i (of `sizes[i]` actors) is suppressed, secondary rule
// included when `secondary`.
std::vector<bool> small_groups(const std::vector<std::uint64_t>& sizes, std::uint64_t min_group_size,
                               bool secondary = true);

// Applies small_groups() to the table's rows (rows whose actors are already
// blank count as suppressed). Returns the number of rows suppressed.
std::size_t suppress_small_groups(GroupTable& table, std::uint64_t min_group_size, bool secondary = true);

}  // namespace movemap
