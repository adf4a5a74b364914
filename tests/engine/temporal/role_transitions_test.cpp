// Roles over time on the hand-built log of support/temporal_logs.hpp with a
// hand-written role-change table (answers worked out below by hand), the
// table's rules, and the final role checked against the actor table.
#include "movemap/temporal/role_transitions.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "movemap/calendar.hpp"
#include "movemap/error.hpp"
#include "movemap/role_changes.hpp"
#include "movemap/subnetwork.hpp"
#include "movemap/temporal/indicators.hpp"

namespace movemap {
namespace {

using V = std::vector<double>;

// The hand log (temporal_logs.hpp): a-b t0, b-c t0, d attends alone t5,
// a-b t12, c-e t25, a-b t41; a citizen, b service, c champion, d anchor,
// e citizen, z citizen (never active). Here the actor table gives each
// actor its final role: a's is empty (the changes fill it in), e's is
// champion; the changes are:
//   a  t15  citizen  -> champion
//   e  t20  citizen  -> champion   (on the boundary of [10,20) / [20,30))
//   c  t30  champion -> citizen
//   y  t35  citizen  -> service    (y: only in the change table)
//   c  t45  citizen  -> champion
RoleChangeTable hand_changes() {
  RoleChangeTable t;
  t.source = "changes.csv";
  auto add = [&](const char* id, timestamp time, const char* from, const char* to) {
    t.id.push_back(id);
    t.time.push_back(time);
    t.from.push_back(from);
    t.to.push_back(to);
    t.line.push_back(t.id.size() + 1);
  };
  // File order differs from time order on purpose.
  add("c", 45, "citizen", "champion");
  add("a", 15, "citizen", "champion");
  add("e", 20, "citizen", "champion");
  add("c", 30, "champion", "citizen");
  add("y", 35, "citizen", "service");
  return t;
}

ActorTable hand_table(const char* role_of_a = "") {
  ActorTable table;
  for (const char* id : {"a", "b", "c", "d", "e", "z"}) table.ids.intern(id);
  table.attributes.resize(6);
  table.attributes.column("role").values = {role_of_a, "service", "champion", "anchor", "champion", "citizen"};
  table.attributes.column("site").values = {"S1", "S2", "S1", "", "S1", "S2"};
  table.source = "actors.csv";
  table.lines = {2, 3, 4, 5, 6, 7};
  return table;
}

Network hand_network_with_changes(const RoleChangeTable& changes, const char* role_of_a = "") {
  const ActorTable table = hand_table(role_of_a);
  InteractionLogBuilder b;
  InteractionBatch x;
  x.push_back(0, "a", "b", "", "", 1);
  x.push_back(0, "b", "c", "", "", 1);
  x.push_back(5, "d", "", "e1", "", 1);
  x.push_back(12, "a", "b", "", "", 2);
  x.push_back(25, "c", "e", "", "", 1);
  x.push_back(41, "a", "b", "", "", 1);
  b.append(x);
  NetworkOptions o;
  o.directed = false;
  o.keep_contacts = true;
  return build_network(b.finish(), &table, o, &changes);
}

IndicatorOptions tumbling10() {
  IndicatorOptions o;
  o.windows.width = 10;
  o.windows.step = 10;
  o.windows.anchor = WindowAnchor::Start;
  return o;
}

TEST(RoleChanges, StoredInTimeOrderWithFinalRoles) {
  const Network net = hand_network_with_changes(hand_changes());
  ASSERT_EQ(net.graph.num_nodes(), 7u);  // y created after the log-only actors (none)
  EXPECT_EQ(net.actors.name(6), "y");
  EXPECT_EQ(net.stats.actors_created, 1u);
  EXPECT_EQ(net.stats.actors_without_interactions, 2u);  // z, y
  const auto& role = net.attributes.find("role")->values;
  EXPECT_EQ(role, (std::vector<std::string>{"champion", "service", "champion", "anchor", "champion", "citizen",
                                            "service"}));
  const RoleChanges& c = net.role_changes;
  EXPECT_EQ(c.time, (std::vector<timestamp>{15, 20, 30, 35, 45}));
  EXPECT_EQ(c.actor, (std::vector<node_id>{0, 4, 2, 6, 2}));
  EXPECT_EQ(c.to[2], "citizen");
}

// Roles at each window end [0,10) [10,20) [20,30) [30,40) [40,50):
//   end 10: a citizen, b service, c champion, d anchor, e citizen
//   end 20: a champion (15 < 20); e still citizen (20 is not < 20)
//   end 30: e champion; c still champion (30 is not < 30)
//   end 40: c citizen; y service
//   end 50: c champion
// Activity (indicators_test.cpp): w0 a b c d new; w1 a b retained, c d
// lapsed; w2 c reactivated, e new, a b lapsed; w3 c e lapsed; w4 a b
// reactivated. Ties: w0 ab bc new; w1 ab retained, bc lapsed; w2 ce new,
// ab lapsed; w3 ce lapsed; w4 ab renewed.
TEST(RoleTransitions, HandLogByRoleAtWindowEnd) {
  const Network net = hand_network_with_changes(hand_changes());
  const WindowIndicators r = window_indicators(net, tumbling10());
  ASSERT_EQ(r.windows.size(), 5u);
  // Roles in name order: anchor 0, champion 1, citizen 2, service 3.
  ASSERT_EQ(r.role.size(), 20u);
  EXPECT_EQ(r.role[1], "champion");
  auto at = [&](std::size_t w, std::size_t role, const char* name) {
    return r.by_role.at(name).values[w * 4 + role];
  };
  auto series = [&](std::size_t role, const char* name) {
    V v;
    for (std::size_t w = 0; w < 5; ++w) v.push_back(at(w, role, name));
    return v;
  };
  // champion: w0 c; w1 a (retained), c lapsed; w2 c reactivated + e new, a
  // lapsed; w3 e lapsed (c is a citizen by then); w4 a reactivated.
  EXPECT_EQ(series(1, "active"), (V{1, 1, 2, 0, 1}));
  EXPECT_EQ(series(1, "new"), (V{1, 0, 1, 0, 0}));
  EXPECT_EQ(series(1, "retained"), (V{0, 1, 0, 0, 0}));
  EXPECT_EQ(series(1, "reactivated"), (V{0, 0, 1, 0, 1}));
  EXPECT_EQ(series(1, "lapsed"), (V{0, 1, 1, 1, 0}));
  // citizen: w0 a; then nobody active (a and e became champions); w3 c lapsed.
  EXPECT_EQ(series(2, "active"), (V{1, 0, 0, 0, 0}));
  EXPECT_EQ(series(2, "lapsed"), (V{0, 0, 0, 1, 0}));
  // service: b throughout.
  EXPECT_EQ(series(3, "active"), (V{1, 1, 0, 0, 1}));
  // Ties by role: w0 ab citizen+service, bc service+champion; w1 ab
  // champion+service, bc lapsed; w2 ce champion-champion (once), ab lapsed;
  // w3 ce lapsed, c citizen / e champion; w4 ab renewed.
  EXPECT_EQ(series(1, "ties"), (V{1, 1, 1, 0, 1}));
  EXPECT_EQ(series(1, "new_ties"), (V{1, 0, 1, 0, 0}));
  EXPECT_EQ(series(1, "lapsed_ties"), (V{0, 1, 1, 1, 0}));
  EXPECT_EQ(series(1, "renewed_ties"), (V{0, 0, 0, 0, 1}));
  EXPECT_EQ(series(2, "ties"), (V{1, 0, 0, 0, 0}));
  EXPECT_EQ(series(2, "lapsed_ties"), (V{0, 0, 0, 1, 0}));
  EXPECT_EQ(series(3, "ties"), (V{2, 1, 0, 0, 1}));
  EXPECT_EQ(series(3, "lapsed_ties"), (V{0, 1, 1, 0, 0}));
  // Ties across roles with the end roles.
  EXPECT_EQ(r.overall.at("citizen_service_ties").values, (V{1, 0, 0, 0, 0}));
  EXPECT_EQ(r.overall.at("citizen_champion_ties").values, (V{0, 0, 0, 0, 0}));
  EXPECT_EQ(r.overall.at("cross_role_ties").values, (V{2, 1, 0, 0, 1}));
  // The overall actor counts do not depend on roles.
  EXPECT_EQ(r.overall.at("active").values, (V{4, 2, 2, 0, 2}));
}

// Changes with start <= time < end: w1 a (citizen->champion, t15); w2 e
// (t20); w3 c champion->citizen (t30), y citizen->service (t35); w4 c
// citizen->champion (t45). Types in name order: (champion, citizen),
// (citizen, champion), (citizen, service).
TEST(RoleTransitions, HandLogPerWindow) {
  const Network net = hand_network_with_changes(hand_changes());
  const WindowIndicators r = window_indicators(net, tumbling10());
  const RoleTransitions& t = r.transitions;
  ASSERT_EQ(t.types(), 3u);
  EXPECT_EQ(t.from, (std::vector<std::string>{"champion", "citizen", "citizen"}));
  EXPECT_EQ(t.to, (std::vector<std::string>{"citizen", "champion", "service"}));
  ASSERT_EQ(t.count.size(), 15u);
  EXPECT_EQ(t.count, (std::vector<std::uint64_t>{0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0}));
  EXPECT_EQ(t.window[7], 2u);
  EXPECT_EQ(t.type[7], 1u);
  EXPECT_EQ(r.overall.at("role_changes").values, (V{0, 1, 1, 2, 1}));
  // Sliding windows of width 20, step 10, anchored at the start: [0,20)
  // [10,30) [20,40) [30,50) [40,60): a change counts in both windows that
  // hold it.
  IndicatorOptions o = tumbling10();
  o.windows.width = 20;
  const WindowIndicators s = window_indicators(net, o);
  EXPECT_EQ(s.overall.at("role_changes").values, (V{1, 2, 3, 3, 1}));
  // Distinct actors behind the counts: [30,50) holds c t30, y t35, c t45,
  // 3 changes by 2 actors; one actor per type and window everywhere.
  EXPECT_EQ(s.transitions.window_actors, (std::vector<std::uint64_t>{1, 2, 3, 2, 1}));
  EXPECT_EQ(s.transitions.actors, s.transitions.count);
  EXPECT_EQ(t.window_actors, (std::vector<std::uint64_t>{0, 1, 1, 2, 1}));
  // One actor changing citizen -> champion -> citizen -> champion in one
  // window: 2 changes of that type, 1 actor.
  RoleChangeTable back_and_forth;
  back_and_forth.source = "changes.csv";
  const char* roles[] = {"citizen", "champion", "citizen", "champion", "citizen"};
  for (int i = 0; i < 4; ++i) {
    back_and_forth.id.push_back("y");
    back_and_forth.time.push_back(41 + i);
    back_and_forth.from.push_back(roles[i]);
    back_and_forth.to.push_back(roles[i + 1]);
    back_and_forth.line.push_back(static_cast<std::uint64_t>(i + 2));
  }
  const WindowIndicators b = window_indicators(hand_network_with_changes(back_and_forth), tumbling10());
  EXPECT_EQ(b.transitions.count, (std::vector<std::uint64_t>{0, 0, 0, 0, 0, 0, 0, 0, 2, 2}));
  EXPECT_EQ(b.transitions.actors, (std::vector<std::uint64_t>{0, 0, 0, 0, 0, 0, 0, 0, 1, 1}));
  EXPECT_EQ(b.transitions.window_actors, (std::vector<std::uint64_t>{0, 0, 0, 0, 1}));
}

TEST(RoleTransitions, WithoutChangesNothingChanges) {
  RoleChangeTable none;
  const Network net = hand_network_with_changes(none, "citizen");
  const WindowIndicators r = window_indicators(net, tumbling10());
  EXPECT_EQ(r.overall.find("role_changes"), nullptr);
  EXPECT_EQ(r.transitions.types(), 0u);
  EXPECT_EQ(r.overall.at("citizen_service_ties").values, (V{1, 1, 0, 0, 1}));
}

TEST(RoleTransitions, TimelineStartsBeforeEveryChange) {
  const Network net = hand_network_with_changes(hand_changes());
  RoleTimeline t = role_timeline(net);
  EXPECT_EQ(t.names, (std::vector<std::string>{"anchor", "champion", "citizen", "service"}));
  // Before any change: a citizen, c champion (its first change's from), y citizen.
  EXPECT_EQ(t.of[0], 2u);
  EXPECT_EQ(t.of[2], 1u);
  EXPECT_EQ(t.of[6], 2u);
  advance_roles(t, net, 31);
  EXPECT_EQ(t.of[2], 2u);  // c citizen after t30
  advance_roles(t, net, 100);
  EXPECT_EQ(t.of[2], 1u);
  advance_roles(t, net, 16);  // backwards: starts over
  EXPECT_EQ(t.of[0], 1u);
  EXPECT_EQ(t.of[2], 1u);
}

TEST(RoleTransitions, SubnetworkKeepsTheKeptActorsChanges) {
  const Network net = hand_network_with_changes(hand_changes());
  SubnetworkOptions so;
  so.keep_node = {0, 1, 1, 1, 1, 1, 1};  // drop a
  const Network sub = subnetwork(net, so);
  EXPECT_EQ(sub.role_changes.size(), 4u);
  EXPECT_EQ(sub.role_changes.actor, (std::vector<node_id>{3, 1, 5, 1}));  // e c y c renumbered
}

// Transition cohorts over months (UTC). Log: p-q 2024-01-05, p-r
// 2024-02-10, q attends alone 2024-03-03, r-s 2024-03-20 (last activity:
// March). Changes: p citizen->champion 2024-01-20, q the same 2024-01-31
// 23:00, r the same 2024-02-01, s service->anchor 2024-05-01.
//   (citizen, champion, 2024-01) = {p, q}: Jan both; Feb p; Mar q (attendance)
//   (citizen, champion, 2024-02) = {r}: Feb r; Mar r
//   (service, anchor, 2024-05) = {s}: after the last activity month, k = 0
//   only, s inactive in May.
TEST(RoleTransitions, CohortsByMonth) {
  auto at = [](unsigned month, unsigned day, int hour = 12) {
    return static_cast<timestamp>(days_from_civil(2024, month, day)) * 86400 + hour * 3600;
  };
  InteractionLogBuilder b;
  InteractionBatch x;
  x.push_back(at(1, 5), "p", "q", "", "", 1);
  x.push_back(at(2, 10), "p", "r", "", "", 1);
  x.push_back(at(3, 3), "q", "", "ev", "", 1);
  x.push_back(at(3, 20), "r", "s", "", "", 1);
  b.append(x);
  RoleChangeTable t;
  auto add = [&](const char* id, timestamp time, const char* from, const char* to) {
    t.id.push_back(id);
    t.time.push_back(time);
    t.from.push_back(from);
    t.to.push_back(to);
    t.line.push_back(t.id.size() + 1);
  };
  add("p", at(1, 20), "citizen", "champion");
  add("q", at(1, 31, 23), "citizen", "champion");
  add("r", at(2, 1, 0), "citizen", "champion");
  add("s", at(5, 1), "service", "anchor");
  NetworkOptions o;
  o.keep_contacts = true;
  const Network net = build_network(b.finish(), nullptr, o, &t);
  const RoleCohorts c = role_cohorts(net);
  ASSERT_EQ(c.size.size(), 6u);
  EXPECT_EQ(c.from, (std::vector<std::string>{"citizen", "citizen", "citizen", "citizen", "citizen", "service"}));
  EXPECT_EQ(c.to[5], "anchor");
  const timestamp jan = days_from_civil(2024, 1, 1) * 86400, feb = days_from_civil(2024, 2, 1) * 86400,
                  may = days_from_civil(2024, 5, 1) * 86400;
  EXPECT_EQ(c.cohort, (std::vector<timestamp>{jan, jan, jan, feb, feb, may}));
  EXPECT_EQ(c.size, (std::vector<std::uint64_t>{2, 2, 2, 1, 1, 1}));
  EXPECT_EQ(c.months_since, (std::vector<std::uint32_t>{0, 1, 2, 0, 1, 0}));
  EXPECT_EQ(c.active, (std::vector<std::uint64_t>{2, 1, 1, 1, 1, 0}));
  EXPECT_EQ(c.share, (V{1, 0.5, 0.5, 1, 1, 0}));
  RoleChangeTable none;
  EXPECT_TRUE(role_cohorts(hand_network_with_changes(none, "citizen")).size.empty());
}

std::string error_of(const RoleChangeTable& t, const char* role_of_a = "") {
  try {
    hand_network_with_changes(t, role_of_a);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(RoleChanges, RulesNameFileAndLine) {
  {
    RoleChangeTable t = hand_changes();
    t.to[4] = "citizen";  // y t35 citizen -> citizen
    EXPECT_EQ(error_of(t).rfind("changes.csv:6: actor 'y' changes from 'citizen' to the same role", 0), 0u)
        << error_of(t);
    // c t30 champion -> champion (line 5) also breaks c's chain on line 2
    // (t45 from citizen): the earlier row is named.
    t = hand_changes();
    t.to[3] = "champion";
    EXPECT_EQ(error_of(t).rfind("changes.csv:2: actor 'c' changes from 'citizen', but its previous change (line 5)",
                                0),
              0u)
        << error_of(t);
  }
  {
    RoleChangeTable t = hand_changes();
    t.time[0] = 30;  // c twice at t30 (rows 2 and 5): the later row is named
    EXPECT_EQ(error_of(t).rfind("changes.csv:5: actor 'c' has a second role change at the same time as line 2", 0),
              0u)
        << error_of(t);
  }
  {
    RoleChangeTable t = hand_changes();
    t.from[0] = "service";  // c t45 service -> champion, but t30 left it citizen
    const std::string e = error_of(t);
    EXPECT_EQ(e.rfind("changes.csv:2: actor 'c' changes from 'service'", 0), 0u) << e;
    EXPECT_NE(e.find("left it 'citizen'"), std::string::npos) << e;
  }
  {
    RoleChangeTable t = hand_changes();
    t.id[4].clear();
    EXPECT_EQ(error_of(t).rfind("changes.csv:6: empty actor id", 0), 0u) << error_of(t);
  }
  {
    RoleChangeTable t = hand_changes();
    t.from[1].clear();
    EXPECT_EQ(error_of(t).rfind("changes.csv:3: empty 'from' role", 0), 0u) << error_of(t);
  }
  {
    // Of errors under different rules, the earliest row: the broken chain
    // on line 2 before the same-role change on line 4.
    RoleChangeTable t = hand_changes();
    t.from[0] = "service";  // line 2: c t45 service -> champion, but t30 left it citizen
    t.to[2] = "citizen";    // line 4: e t20 citizen -> citizen
    EXPECT_EQ(error_of(t).rfind("changes.csv:2: actor 'c' changes from 'service'", 0), 0u) << error_of(t);
    t.from[0] = "citizen";  // only line 4 is left
    EXPECT_EQ(error_of(t).rfind("changes.csv:4: actor 'e' changes from 'citizen' to the same role", 0), 0u)
        << error_of(t);
  }
}

TEST(RoleChanges, FinalRoleAgreesWithTheActorTable) {
  // a ends as champion; the actor table says citizen: both places named.
  const std::string e = error_of(hand_changes(), "citizen");
  EXPECT_EQ(e.rfind("changes.csv:3: actor 'a' ends as 'champion'", 0), 0u) << e;
  EXPECT_NE(e.find("actors.csv:2 gives the role 'citizen'"), std::string::npos) << e;
  EXPECT_EQ(error_of(hand_changes(), "champion"), "(no error)");
}

}  // namespace
}  // namespace movemap
