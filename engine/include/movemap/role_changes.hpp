// Roles that change over time: "a citizen who becomes a champion".
//
// The role-change table (docs/data-model.md) has one row per change: at
// `time`, actor `id` changed from role `from` to role `to`. An actor's role
// before its first change is that change's `from`; between two changes the
// earlier one's `to`; after its last change the last `to`. The static
// "role" attribute of a network (every static output: map, GraphML, summary
// counts) is the role at the end, the last `to` (build_network checks it
// against the actor table's role, or fills it in). Temporal measures read the
// role an actor held at a given time (temporal/role_transitions.hpp).
//
// Rules of the table (check_role_changes; each break is an InputError naming
// the table's file and line): an id and both roles non-empty; from != to;
// no two changes of one actor at the same time; for an actor's changes in
// time order, each `from` equals the previous change's `to` (a chain
// citizen -> champion -> anchor, not citizen -> champion, citizen -> anchor).
// Cost: O(c log c) for c changes.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "movemap/types.hpp"

namespace movemap {

// The table as read (io/role_change_reader.hpp), in file order.
struct RoleChangeTable {
  std::string source;                     // file name, for messages ("" when built in memory)
  std::vector<std::string> id, from, to;
  std::vector<timestamp> time;
  std::vector<std::uint64_t> line;        // physical line of each row (row number when not from a file)
  std::size_t size() const { return id.size(); }
};

// A network's role changes (Network::role_changes), by node id, sorted by
// (time, actor); empty when no role-change table was given.
struct RoleChanges {
  std::vector<node_id> actor;
  std::vector<timestamp> time;
  std::vector<std::string> from, to;
  std::size_t size() const { return actor.size(); }
  bool empty() const { return actor.empty(); }
};

// Throws InputError (file:line: what, expected what) for the first rule the
// table breaks, in file order of the offending row.
void check_role_changes(const RoleChangeTable& table);

}  // namespace movemap
