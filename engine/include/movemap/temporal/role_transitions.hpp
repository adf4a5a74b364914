// Role transitions over time (a citizen who becomes a champion), from the
// network's role changes (role_changes.hpp, Network::role_changes).
//
// Roles over time: RoleTimeline interns every role of the "role" attribute
// and of the changes (names in name order) and holds each actor's role at a
// moving time: role_timeline() starts before every change (an actor with
// changes holds its first change's `from`, the others their static role);
// advance_roles(r, net, t) applies every change with time < t, so after
// advance_roles(r, net, e) an actor holds the role it had at the end of a
// window [s, e) (changes inside the window count). The momentum indicators
// (indicators.hpp) count each window's actors and ties by role this way.
//
// Transitions per window (role_transitions): for each window k and each
// transition type (from, to) that occurs in the table (types in name order
// of from, then to), the number of changes with start_k <= time < end_k.
// With overlapping sliding windows a change counts in every window holding
// its time; a change outside every window (before the first activity, say)
// counts in none. With each count, the distinct actors behind it (per row
// and per window).
// Transition cohorts (role_cohorts), the arrival cohorts of momentum.hpp
// for role changes: the cohort of type (from, to) and calendar month c
// (UTC) is the set of actors with a change of that type in month c (an actor
// counted once); for k = 0, 1, ... up to the month of the last activity in
// the network (k = 0 only when c is later, or there is no activity): size,
// active = members with any activity (contact or attendance) in month c + k,
// share = active / size. "Of the citizens who became champions in May, how
// many were still active three months on?" Independent of the window
// options (no lapse). Rows by type (name order), cohort, k.
// Cost: O(c log c) to sort the types plus O(windows * types + sum over
// windows of the changes in it); cohorts O(contacts + attendances + c log c
// + cohorts * months).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "movemap/network.hpp"
#include "movemap/temporal/windows.hpp"

namespace movemap {

struct RoleTimeline {
  std::vector<std::string> names;       // every role, sorted
  std::vector<std::uint32_t> of;        // per node: index into names, at the current time (kNone: no role)
  std::vector<std::uint32_t> from, to;  // per change of Network::role_changes
  std::size_t next = 0;                 // changes [0, next) applied
  timestamp at = INT64_MIN;             // every change with time < at applied
};

RoleTimeline role_timeline(const Network& net);
// Moves to time t (applies the changes with time < t; t earlier than the
// current time starts over from role_timeline's start).
void advance_roles(RoleTimeline& r, const Network& net, timestamp t);

struct RoleTransitions {
  std::vector<std::string> from, to;   // the transition types
  // Long format: row = window * types + type.
  std::vector<std::uint32_t> window;
  std::vector<std::uint32_t> type;
  std::vector<std::uint64_t> count;
  // Distinct actors behind the counts (an actor changing A -> B -> A -> B
  // in one window counts 2 changes but 1 actor): per row, and per window
  // over all types. Small-group suppression decides on these.
  std::vector<std::uint64_t> actors;
  std::vector<std::uint64_t> window_actors;
  std::size_t types() const { return from.size(); }
};

RoleTransitions role_transitions(const Network& net, const std::vector<Window>& windows);

struct RoleCohorts {
  std::vector<std::string> from, to;        // per row: the transition type
  std::vector<timestamp> cohort;            // start of the cohort's month
  std::vector<std::uint64_t> size;          // actors in the cohort
  std::vector<std::uint32_t> months_since;  // k
  std::vector<std::uint64_t> active;        // members active in month c + k
  std::vector<double> share;                // active / size
};

RoleCohorts role_cohorts(const Network& net);

}  // namespace movemap
