// Network::contacts: every interaction as a time-ordered contact with its tie,
// on a hand-built log whose contacts are written out below.
#include "movemap/contacts.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <random>
#include <string>

#include "movemap/network.hpp"

namespace movemap {
namespace {

// Rows (time, source, target or event):
//   0: t 30  b -> a
//   1: t 10  a -> b
//   2: t 10  c -> c    (self-interaction)
//   3: t 20  a at e1
//   4: t 25  c at e1
//   5: t 10  b -> a    (same instant as rows 1 and 2: log order kept)
InteractionLog example_log() {
  InteractionLogBuilder b;
  InteractionBatch x;
  x.push_back(30, "b", "a", "", "", 1.0);
  x.push_back(10, "a", "b", "", "", 2.0);
  x.push_back(10, "c", "c", "", "", 1.0);
  x.push_back(20, "a", "", "e1", "", 1.0);
  x.push_back(25, "c", "", "e1", "", 1.0);
  x.push_back(10, "b", "a", "", "", 1.0);
  b.append(x);
  return b.finish();
}

TEST(Contacts, EmptyUnlessAsked) {
  const Network net = build_network(example_log(), nullptr, NetworkOptions{});
  EXPECT_TRUE(net.contacts.empty());
}

TEST(Contacts, DirectedTimeOrderedWithTies) {
  NetworkOptions o;
  o.directed = true;
  o.keep_contacts = true;
  const Network net = build_network(example_log(), nullptr, o);
  // Nodes in order of first appearance: b=0, a=1, c=2. Contacts: the 4 pair rows, then the co-attendance
  // a-c at t 25 (both attended by then) as a -> c and c -> a.
  const Contacts& c = net.contacts;
  ASSERT_EQ(c.size(), 6u);
  EXPECT_EQ(c.time, (std::vector<timestamp>{10, 10, 10, 25, 25, 30}));
  EXPECT_EQ(c.source, (std::vector<node_id>{1, 2, 0, 1, 2, 0}));  // a, c, b, a, c, b
  EXPECT_EQ(c.target, (std::vector<node_id>{0, 2, 1, 2, 1, 1}));  // b, c, a, c, a, a
  EXPECT_EQ(c.weight, (std::vector<double>{2, 1, 1, 1, 1, 1}));
  const TieTable& t = net.graph.ties();
  for (std::size_t i = 0; i < c.size(); ++i) {
    EXPECT_EQ(t.source[c.tie[i]], c.source[i]) << i;
    EXPECT_EQ(t.target[c.tie[i]], c.target[i]) << i;
  }
  EXPECT_EQ(net.kinds.name(c.kind[3]), kCoAttendanceKind);
  EXPECT_EQ(c.kind[0], kNone);
}

TEST(Contacts, UndirectedTieOfEitherOrientation) {
  NetworkOptions o;
  o.directed = false;
  o.keep_contacts = true;
  const Network net = build_network(example_log(), nullptr, o);
  const Contacts& c = net.contacts;
  ASSERT_EQ(c.size(), 5u);  // one co-attendance contact when undirected
  const TieTable& t = net.graph.ties();
  for (std::size_t i = 0; i < c.size(); ++i) {
    const node_id lo = std::min(c.source[i], c.target[i]), hi = std::max(c.source[i], c.target[i]);
    EXPECT_EQ(t.source[c.tie[i]], lo);
    EXPECT_EQ(t.target[c.tie[i]], hi);
  }
  // Every tie's count is the number of its contacts.
  std::vector<std::uint64_t> count(net.graph.num_ties(), 0);
  for (edge_id e : c.tie) ++count[e];
  EXPECT_EQ(count, t.count);
}

TEST(Contacts, SameForOneAndTwoThreadsOnRandomLog) {
  InteractionLogBuilder b;
  InteractionBatch x;
  std::mt19937_64 rng(5);
  std::vector<std::string> names;
  for (int i = 0; i < 200; ++i) names.push_back("p" + std::to_string(i));
  for (int i = 0; i < 50000; ++i)
    x.push_back(static_cast<timestamp>(rng() % 1000), names[rng() % 200], names[rng() % 200], "", "", 1.0);
  b.append(x);
  const InteractionLog log = b.finish();
  NetworkOptions o;
  o.keep_contacts = true;
  o.directed = true;
  Network one, two;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = build_network(log, nullptr, o);
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
    two = build_network(log, nullptr, o);
  }
  EXPECT_EQ(one.contacts.time, two.contacts.time);
  EXPECT_EQ(one.contacts.source, two.contacts.source);
  EXPECT_EQ(one.contacts.tie, two.contacts.tie);
  // Stable: within an instant, log order.
  for (std::size_t i = 1; i < one.contacts.size(); ++i) ASSERT_LE(one.contacts.time[i - 1], one.contacts.time[i]);
  std::vector<std::uint64_t> count(one.graph.num_ties(), 0);
  for (edge_id e : one.contacts.tie) ++count[e];
  EXPECT_EQ(count, one.graph.ties().count);
}

}  // namespace
}  // namespace movemap
