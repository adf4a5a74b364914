// Group events: the person–event bipartite network and its projection.
//
// Attendance rows (an actor attended an event) form a bipartite network. It
// is kept as two CSRs (person -> events, event -> persons) with each
// attendee's first attendance time. Repeated rows for the same
// (person, event) count once.
//
// Projection to co-attendance: each pair of distinct attendees {u, v} of an
// event of k distinct attendees gets one co-attendance interaction, with
// weight 1 (AttendanceWeighting::Count) or 1/(k-1) (Newman 2001, as
// networkx's bipartite.collaboration_weighted_projected_graph), at time
// max(first attendance of u, first attendance of v): the moment both had
// been there. Events with one attendee produce no ties.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "movemap/id_map.hpp"
#include "movemap/types.hpp"

namespace movemap {

// None keeps the bipartite form only: attendance makes no person-person ties.
enum class AttendanceWeighting { Count, Newman, None };

struct Attendance {
  IdMap events;
  // person -> events (sorted), with first attendance time.
  std::vector<edge_id> person_offsets{0};
  std::vector<std::uint32_t> person_events;
  // event -> persons (sorted), with first attendance time.
  std::vector<edge_id> event_offsets{0};
  std::vector<node_id> event_persons;
  std::vector<timestamp> event_person_time;

  std::uint32_t num_events() const { return static_cast<std::uint32_t>(event_offsets.size() - 1); }
  std::size_t num_incidences() const { return event_persons.size(); }
};

// Builds the bipartite form from attendance rows (person[i] attended event[i]
// at time[i]); num_events is the size of the event id space.
Attendance build_attendance(node_id num_persons, std::uint32_t num_events,
                            std::span<const node_id> person, std::span<const std::uint32_t> event,
                            std::span<const timestamp> time);

// Projected co-attendance interactions, one per attendee pair per event, in
// event order then (u, v) order with u < v.
struct CoAttendance {
  std::vector<node_id> source, target;
  std::vector<timestamp> time;
  std::vector<double> weight;
};
CoAttendance project_coattendance(const Attendance& attendance, AttendanceWeighting weighting);

}  // namespace movemap
