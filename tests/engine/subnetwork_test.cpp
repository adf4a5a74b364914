// subnetwork(): a hand example whose kept ties are written out below, and a
// comparison with the network built from the filtered log (the definition
// the header promises) on random logs.
#include "movemap/subnetwork.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <map>
#include <random>
#include <string>
#include <tuple>

#include "movemap/error.hpp"
#include "movemap/graph_builder.hpp"
#include "movemap/structure/summary.hpp"

namespace movemap {
namespace {

// Actors (table order): a champion, b citizen, c service, d citizen.
ActorTable example_actors() {
  ActorTable t;
  for (const char* id : {"a", "b", "c", "d"}) t.ids.intern(id);
  t.attributes = AttributeTable(4);
  t.attributes.column("role").values = {"champion", "citizen", "service", "citizen"};
  t.attributes.column("site").values = {"north", "north", "south", ""};
  return t;
}

// Rows: t10 a->b w1 referral; t20 a->b w2 meeting; t30 b->c w1; t40 c->a w1;
// t50 b->d w0.5; t60 d->d w1 (self).
InteractionLog example_log() {
  InteractionLogBuilder b;
  InteractionBatch x;
  x.push_back(10, "a", "b", "", "referral", 1.0);
  x.push_back(20, "a", "b", "", "meeting", 2.0);
  x.push_back(30, "b", "c", "", "", 1.0);
  x.push_back(40, "c", "a", "", "", 1.0);
  x.push_back(50, "b", "d", "", "", 0.5);
  x.push_back(60, "d", "d", "", "", 1.0);
  b.append(x);
  return b.finish();
}

Network example(bool directed, bool contacts) {
  const ActorTable t = example_actors();
  NetworkOptions o;
  o.directed = directed;
  o.keep_contacts = contacts;
  return build_network(example_log(), &t, o);
}

using TieRow = std::tuple<std::string, std::string, double, std::uint64_t, timestamp, timestamp, std::string>;

// The tie table by external ids, kinds joined in id order of their names.
std::vector<TieRow> tie_rows(const Network& net) {
  std::vector<TieRow> rows;
  const TieTable& t = net.graph.ties();
  for (edge_id e = 0; e < t.size(); ++e) {
    std::vector<std::string> ks;
    for (auto k : t.kinds(e)) ks.emplace_back(net.kinds.name(k));
    std::sort(ks.begin(), ks.end());
    std::string kinds;
    for (const auto& k : ks) kinds += k + ";";
    std::string s(net.actors.name(t.source[e])), d(net.actors.name(t.target[e]));
    if (!net.directed() && d < s) std::swap(s, d);
    rows.emplace_back(s, d, t.weight[e], t.count[e], t.first_seen[e], t.last_seen[e], kinds);
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

TEST(Subnetwork, RolesKeepTiesBetweenKeptActorsUnchanged) {
  for (bool contacts : {false, true}) {
    const Network net = example(true, contacts);
    SubnetworkOptions o;
    o.keep_node = nodes_with_attribute(net, "role", {"champion", "citizen"});
    EXPECT_EQ(o.keep_node, (std::vector<std::uint8_t>{1, 1, 0, 1}));
    const Network sub = subnetwork(net, o);
    sub.graph.validate();
    ASSERT_EQ(sub.actors.size(), 3u);  // a, b, d renumbered 0, 1, 2
    EXPECT_EQ(sub.actors.name(2), "d");
    EXPECT_EQ(sub.attributes.get("role", 2), "citizen");
    EXPECT_EQ(sub.attributes.get("site", 1), "north");
    // a->b aggregates rows 1 and 2; b->c and c->a leave with c.
    EXPECT_EQ(tie_rows(sub), (std::vector<TieRow>{{"a", "b", 3.0, 2, 10, 20, "meeting;referral;"},
                                                  {"b", "d", 0.5, 1, 50, 50, ""},
                                                  {"d", "d", 1.0, 1, 60, 60, ""}}));
    EXPECT_EQ(sub.stats.pair_rows, 4u);
    EXPECT_EQ(sub.stats.self_interactions, 1u);
    EXPECT_EQ(sub.stats.first_time, 10);
    EXPECT_EQ(sub.stats.last_time, 60);
    EXPECT_EQ(sub.stats.actors_in_table, 3u);
    EXPECT_EQ(sub.stats.actors_without_interactions, 0u);
    EXPECT_EQ(sub.contacts.size(), contacts ? 4u : 0u);
    for (std::size_t i = 0; i < sub.contacts.size(); ++i) {
      EXPECT_EQ(sub.graph.ties().source[sub.contacts.tie[i]], sub.contacts.source[i]);
      EXPECT_EQ(sub.graph.ties().target[sub.contacts.tie[i]], sub.contacts.target[i]);
    }
  }
}

TEST(Subnetwork, IntervalReaggregatesContacts) {
  const Network net = example(false, true);
  SubnetworkOptions o;
  o.from = 20;
  o.to = 50;  // rows at 20, 30, 40; 50 excluded
  const Network sub = subnetwork(net, o);
  sub.graph.validate();
  EXPECT_EQ(sub.actors.size(), 4u);  // every actor stays; d is an isolate here
  EXPECT_EQ(tie_rows(sub), (std::vector<TieRow>{{"a", "b", 2.0, 1, 20, 20, "meeting;"},
                                                {"a", "c", 1.0, 1, 40, 40, ""},
                                                {"b", "c", 1.0, 1, 30, 30, ""}}));
  EXPECT_EQ(sub.stats.interactions, 3u);
  EXPECT_EQ(sub.stats.actors_without_interactions, 1u);
  EXPECT_EQ(sub.stats.first_time, 20);
  EXPECT_EQ(sub.stats.last_time, 40);
  // Open ends: from 50 on.
  SubnetworkOptions late;
  late.from = 50;
  EXPECT_EQ(tie_rows(subnetwork(net, late)),
            (std::vector<TieRow>{{"b", "d", 0.5, 1, 50, 50, ""}, {"d", "d", 1.0, 1, 60, 60, ""}}));
  // Roles and time together: citizens and the champion, before 30.
  SubnetworkOptions both;
  both.keep_node = nodes_with_attribute(net, "role", {"champion", "citizen"});
  both.to = 30;
  EXPECT_EQ(tie_rows(subnetwork(net, both)),
            (std::vector<TieRow>{{"a", "b", 3.0, 2, 10, 20, "meeting;referral;"}}));
}

TEST(Subnetwork, Errors) {
  const Network plain = example(true, false);
  SubnetworkOptions o;
  o.from = 10;
  EXPECT_THROW(subnetwork(plain, o), UsageError);  // no contacts
  const Network net = example(true, true);
  o.to = 10;
  EXPECT_THROW(subnetwork(net, o), UsageError);  // empty interval
  SubnetworkOptions bad;
  bad.keep_node = {1, 0};
  EXPECT_THROW(subnetwork(net, bad), UsageError);
  EXPECT_THROW(nodes_with_attribute(net, "colour", {"red"}), UsageError);
  EXPECT_THROW(nodes_with_attribute(net, "role", {"champoin"}), UsageError);
  try {
    nodes_with_attribute(net, "role", {"champoin"});
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("\"champion\""), std::string::npos) << e.what();
  }
  // Keeping nobody is allowed: an empty network.
  SubnetworkOptions none;
  none.keep_node.assign(4, 0);
  const Network empty = subnetwork(net, none);
  EXPECT_EQ(empty.graph.num_nodes(), 0u);
  EXPECT_EQ(empty.graph.num_ties(), 0u);
  EXPECT_EQ(summarize(empty).actors, 0u);
}

// Random logs: pair rows and attendance rows (each event at one time, each
// person attending an event once, so "the rows in the interval" and "the
// contacts in the interval" name the same co-attendances).
struct Row {
  timestamp t;
  std::string s, d, e, k;
  double w;
};

InteractionLog log_of(const std::vector<Row>& rows) {
  InteractionLogBuilder b;
  InteractionBatch x;
  for (const Row& r : rows) x.push_back(r.t, r.s, r.d, r.e, r.k, r.w);
  b.append(x);
  return b.finish();
}

TEST(Subnetwork, EqualsNetworkOfFilteredLog) {
  std::mt19937_64 rng(7);
  const char* roles[] = {"citizen", "champion", "anchor", "service"};
  std::uint64_t total_ties = 0, total_contacts = 0;  // the comparison is not vacuous
  for (int round = 0; round < 60; ++round) {
    const int n = 4 + static_cast<int>(rng() % 20);
    ActorTable table;
    table.attributes = AttributeTable(n);
    auto& role = table.attributes.column("role");
    for (int i = 0; i < n; ++i) {
      table.ids.intern("p" + std::to_string(i));
      role.values[i] = roles[rng() % 4];
    }
    std::vector<Row> rows;
    const int m = 20 + static_cast<int>(rng() % 100);
    for (int i = 0; i < m; ++i)
      rows.push_back({static_cast<timestamp>(rng() % 100), "p" + std::to_string(rng() % n),
                      "p" + std::to_string(rng() % n), "", (rng() % 2) ? "referral" : "", 0.5 * (1 + rng() % 4)});
    const int events = static_cast<int>(rng() % 5);
    for (int ev = 0; ev < events; ++ev) {
      const timestamp when = static_cast<timestamp>(rng() % 100);
      for (int i = 0; i < n; ++i)
        if (rng() % 3 == 0) rows.push_back({when, "p" + std::to_string(i), "", "e" + std::to_string(ev), "", 1.0});
    }
    std::shuffle(rows.begin(), rows.end(), rng);
    const bool directed = round % 2 == 0;
    NetworkOptions no;
    no.directed = directed;
    no.keep_contacts = true;
    const Network net = build_network(log_of(rows), &table, no);

    // Random role subset and interval.
    std::vector<std::string> keep_roles;
    for (const char* r : roles)
      if (rng() % 2 && net.attributes.find("role"))
        for (node_id u = 0; u < net.graph.num_nodes(); ++u)
          if (net.attributes.get("role", u) == r) {
            keep_roles.push_back(r);
            break;
          }
    SubnetworkOptions o;
    if (!keep_roles.empty()) o.keep_node = nodes_with_attribute(net, "role", keep_roles);
    const timestamp a = static_cast<timestamp>(rng() % 100), b = a + 1 + static_cast<timestamp>(rng() % 60);
    if (round % 3 != 0) {
      o.from = a;
      o.to = b;
    }
    const Network sub = subnetwork(net, o);
    sub.graph.validate();

    auto kept = [&](const std::string& id) {
      if (keep_roles.empty()) return true;
      const std::string_view r = table.attributes.get("role", *table.ids.find(id));
      return std::find(keep_roles.begin(), keep_roles.end(), r) != keep_roles.end();
    };
    std::vector<Row> filtered;
    for (const Row& r : rows) {
      if (o.from && !(a <= r.t && r.t < b)) continue;
      if (!kept(r.s) || (!r.d.empty() && !kept(r.d))) continue;
      filtered.push_back(r);
    }
    ActorTable kept_table;
    kept_table.attributes = AttributeTable(0);
    std::vector<std::string> kept_roles_col;
    for (std::uint32_t i = 0; i < table.ids.size(); ++i)
      if (kept(std::string(table.ids.name(i)))) {
        kept_table.ids.intern(table.ids.name(i));
        kept_roles_col.emplace_back(table.attributes.get("role", i));
      }
    kept_table.attributes = AttributeTable(kept_roles_col.size());
    kept_table.attributes.column("role").values = kept_roles_col;
    const Network expected = build_network(log_of(filtered), &kept_table, no);

    ASSERT_EQ(sub.actors.names(), expected.actors.names()) << round;
    EXPECT_EQ(tie_rows(sub), tie_rows(expected)) << round;
    const NetworkStats &x = sub.stats, &y = expected.stats;
    EXPECT_EQ(x.interactions, y.interactions) << round;
    EXPECT_EQ(x.pair_rows, y.pair_rows) << round;
    EXPECT_EQ(x.attendance_rows, y.attendance_rows) << round;
    EXPECT_EQ(x.self_interactions, y.self_interactions) << round;
    EXPECT_EQ(x.coattendance_interactions, y.coattendance_interactions) << round;
    EXPECT_EQ(x.actors_in_table, y.actors_in_table) << round;
    EXPECT_EQ(x.actors_without_interactions, y.actors_without_interactions) << round;
    if (y.interactions) {
      EXPECT_EQ(x.first_time, y.first_time) << round;
      EXPECT_EQ(x.last_time, y.last_time) << round;
    }
    EXPECT_EQ(sub.attendance.num_incidences(), expected.attendance.num_incidences()) << round;
    EXPECT_EQ(sub.contacts.size(), expected.contacts.size()) << round;
    EXPECT_EQ(sub.contacts.time, expected.contacts.time) << round;
    total_ties += sub.graph.num_ties();
    total_contacts += sub.contacts.size();
  }
  EXPECT_GT(total_ties, 200u);
  EXPECT_GT(total_contacts, 300u);
}

TEST(GraphFromTies, LaysOutTheGivenTable) {
  TieTable t;
  t.source = {0, 0, 1, 2};
  t.target = {1, 2, 2, 2};
  t.weight = {1, 2, 3, 4};
  t.count = {1, 1, 2, 1};
  t.first_seen = {5, 6, 7, 8};
  t.last_seen = {5, 6, 9, 8};
  t.kind_offsets = {0, 0, 0, 0, 0};
  for (bool directed : {true, false}) {
    const Graph g = graph_from_ties(3, t, directed);
    g.validate();
    EXPECT_EQ(g.ties().weight, t.weight);
    if (directed) {
      EXPECT_EQ(std::vector<node_id>(g.in_neighbors(2).begin(), g.in_neighbors(2).end()),
                (std::vector<node_id>{0, 1, 2}));
    } else {
      // Row of 2: neighbours 0, 1 and its self-loop once.
      EXPECT_EQ(std::vector<node_id>(g.out_neighbors(2).begin(), g.out_neighbors(2).end()),
                (std::vector<node_id>{0, 1, 2}));
    }
  }
  TieTable unsorted = t;
  std::swap(unsorted.target[0], unsorted.target[1]);
  EXPECT_THROW(graph_from_ties(3, unsorted, true), UsageError);
  EXPECT_THROW(graph_from_ties(2, t, true), UsageError);  // node 2 >= 2
}

TEST(Subnetwork, SameForOneAndTwoThreads) {
  const Network net = example(true, true);
  SubnetworkOptions o;
  o.from = 15;
  Network one, two;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = subnetwork(net, o);
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
    two = subnetwork(net, o);
  }
  EXPECT_EQ(tie_rows(one), tie_rows(two));
}

}  // namespace
}  // namespace movemap
