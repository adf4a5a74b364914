// Bipartite attendance and its projection, on a hand-worked example.
#include "movemap/attendance.hpp"

#include <gtest/gtest.h>

#include "movemap/network.hpp"

namespace movemap {
namespace {

// Persons a=0, b=1, c=2, d=3. Event 0: a (t 10), b (t 12), c (t 11), a again
// (t 5). Event 1: a (t 20), b (t 25). Event 2: d alone.
struct Example {
  std::vector<node_id> person{0, 1, 2, 0, 0, 1, 3};
  std::vector<std::uint32_t> event{0, 0, 0, 0, 1, 1, 2};
  std::vector<timestamp> time{10, 12, 11, 5, 20, 25, 30};
};

TEST(Attendance, BipartiteFormKeepsDistinctAttendeesAndFirstTimes) {
  Example x;
  const Attendance a = build_attendance(4, 3, x.person, x.event, x.time);
  ASSERT_EQ(a.num_events(), 3u);
  EXPECT_EQ(a.num_incidences(), 6u);  // a twice at event 0 counts once
  EXPECT_EQ(std::vector<node_id>(a.event_persons.begin(), a.event_persons.begin() + 3),
            (std::vector<node_id>{0, 1, 2}));
  EXPECT_EQ(a.event_person_time[0], 5);  // a's first attendance at event 0
  EXPECT_EQ(a.event_person_time[1], 12);
  // person -> events
  EXPECT_EQ(a.person_offsets, (std::vector<edge_id>{0, 2, 4, 5, 6}));
  EXPECT_EQ(a.person_events, (std::vector<std::uint32_t>{0, 1, 0, 1, 0, 2}));
}

TEST(Attendance, ProjectionCountAndNewman) {
  Example x;
  const Attendance a = build_attendance(4, 3, x.person, x.event, x.time);
  const CoAttendance c = project_coattendance(a, AttendanceWeighting::Count);
  // Event 0 (k=3): ab, ac, bc; event 1 (k=2): ab; event 2 (k=1): none.
  ASSERT_EQ(c.source.size(), 4u);
  EXPECT_EQ(c.source, (std::vector<node_id>{0, 0, 1, 0}));
  EXPECT_EQ(c.target, (std::vector<node_id>{1, 2, 2, 1}));
  EXPECT_EQ(c.time, (std::vector<timestamp>{12, 11, 12, 25}));  // max of first attendances
  EXPECT_EQ(c.weight, (std::vector<double>{1, 1, 1, 1}));
  const CoAttendance n = project_coattendance(a, AttendanceWeighting::Newman);
  EXPECT_EQ(n.weight, (std::vector<double>{0.5, 0.5, 0.5, 1.0}));  // 1/(k-1)
}

TEST(Attendance, NetworkAggregatesCoAttendanceTies) {
  // Same example through build_network, undirected: tie a-b has count 2
  // (two shared events), Newman weight 0.5 + 1 = 1.5 (networkx's
  // collaboration_weighted_projected_graph gives 1.5 for this example).
  InteractionLogBuilder b;
  InteractionBatch batch;
  const char* names[] = {"a", "b", "c", "d"};
  const char* events[] = {"e0", "e1", "e2"};
  Example x;
  for (std::size_t i = 0; i < x.person.size(); ++i)
    batch.push_back(x.time[i], names[x.person[i]], "", events[x.event[i]], "walk", 1.0);
  b.append(batch);
  const InteractionLog log = b.finish();
  NetworkOptions o;
  o.directed = false;
  o.attendance = AttendanceWeighting::Newman;
  const Network net = build_network(log, nullptr, o);
  ASSERT_EQ(net.graph.num_ties(), 3u);
  const TieTable& t = net.graph.ties();
  EXPECT_EQ(net.actors.name(t.source[0]), "a");
  EXPECT_EQ(net.actors.name(t.target[0]), "b");
  EXPECT_EQ(t.count[0], 2u);
  EXPECT_DOUBLE_EQ(t.weight[0], 1.5);
  EXPECT_EQ(net.kinds.name(t.kinds(0)[0]), kCoAttendanceKind);
  EXPECT_EQ(net.stats.attendance_rows, 7u);
  EXPECT_EQ(net.stats.coattendance_interactions, 4u);
  // Directed: mutual ties, a->b and b->a.
  o.directed = true;
  const Network dnet = build_network(log, nullptr, o);
  EXPECT_EQ(dnet.graph.num_ties(), 6u);
}

}  // namespace
}  // namespace movemap
