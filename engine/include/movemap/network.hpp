// A movement's network: actors with their attributes, the tie graph, the
// bipartite attendance form, and the counts that account for every row.
//
// Node ids: actors of the actor table first, in table order (those with no
// interactions become isolates), then actors named only by the log, in order
// of first appearance. Log-only actors get role "unknown". Every node has a
// "role" attribute.
//
// Ties come from pair rows (source -> target) and, for attendance rows, from
// the co-attendance projection (attendance.hpp), whose interactions carry the
// kind "co-attendance". In a directed network a co-attendance is mutual: it
// adds u -> v and v -> u.
#pragma once
#include <cstdint>
#include <string>

#include "movemap/attendance.hpp"
#include "movemap/attribute_table.hpp"
#include "movemap/contacts.hpp"
#include "movemap/graph.hpp"
#include "movemap/id_map.hpp"
#include "movemap/interaction_log.hpp"
#include "movemap/progress.hpp"
#include "movemap/role_changes.hpp"

namespace movemap {

inline constexpr const char* kCoAttendanceKind = "co-attendance";
inline constexpr const char* kUnknownRole = "unknown";

// The actor table: ids in table order and their attributes (one row per id).
struct ActorTable {
  IdMap ids;
  AttributeTable attributes;
  std::string source;                // file name, for messages ("" when built in memory)
  std::vector<std::uint64_t> lines;  // line of each actor's row (empty when not from a file)
};

struct NetworkOptions {
  bool directed = false;
  AttendanceWeighting attendance = AttendanceWeighting::Count;
  // Keep every interaction as a time-stamped contact (Network::contacts),
  // for the temporal measures. Off by default: 36 bytes per contact.
  bool keep_contacts = false;
};

struct NetworkStats {
  std::uint64_t interactions = 0;         // log rows used
  std::uint64_t pair_rows = 0;            // rows with a target
  std::uint64_t attendance_rows = 0;      // rows with an event
  std::uint64_t self_interactions = 0;    // pair rows with source == target (kept as self-loops)
  std::uint64_t coattendance_interactions = 0;  // projected pairs
  std::uint64_t actors_in_table = 0;
  std::uint64_t actors_created = 0;       // named by the log, missing from the table
  std::uint64_t actors_without_interactions = 0;  // in the table, absent from the log
  timestamp first_time = 0, last_time = 0;        // over the log (0 if empty)
};

struct Network {
  IdMap actors;              // node id -> external id
  AttributeTable attributes; // one row per node; has a "role" column
  IdMap kinds;               // kind ids used by ties().kind_ids
  Graph graph;
  Attendance attendance;
  Contacts contacts;         // empty unless NetworkOptions::keep_contacts
  RoleChanges role_changes;  // empty unless a role-change table was given
  NetworkStats stats;
  bool directed() const { return graph.directed(); }
};

// `actors` may be null (then every actor is created with role "unknown").
//
// `role_changes` (may be null; role_changes.hpp): checked
// (check_role_changes), stored as Network::role_changes, and the static
// "role" of each actor that changed is its last `to`: filled in where the
// actor table gives no role (or there is no table); an actor table role that
// differs is an InputError naming both files and lines. Actors named only by
// the role-change table are created after the log-only actors, in order of
// first appearance in the table, like log-only actors (counted in
// actors_created, and, having no interactions, in
// actors_without_interactions).
Network build_network(const InteractionLog& log, const ActorTable* actors,
                      const NetworkOptions& options, const RoleChangeTable* role_changes = nullptr);
// The same, consuming the log: its row columns are freed as soon as they are
// read, so the log and the graph under construction do not coexist (lower
// peak memory for large logs).
Network build_network(InteractionLog&& log, const ActorTable* actors, const NetworkOptions& options,
                      const RoleChangeTable* role_changes = nullptr);

}  // namespace movemap
