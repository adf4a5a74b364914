// Per-window indicators on the hand-built log of support/temporal_logs.hpp
// (answers worked out below by hand), and against a serial verifier built on
// std::set on random logs; 1 vs 2 threads identical.
#include "movemap/temporal/indicators.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <map>
#include <set>

#include "movemap/error.hpp"
#include "../support/temporal_logs.hpp"

namespace movemap {
namespace {

std::vector<double> col(const WindowIndicators& r, const char* name) { return r.overall.at(name).values; }
using V = std::vector<double>;

IndicatorOptions tumbling10() {
  IndicatorOptions o;
  o.windows.width = 10;
  o.windows.step = 10;
  return o;
}

// Windows [0,10) [10,20) [20,30) [30,40) [40,50).
//  w0: a-b, b-c at t 0; d attends alone at t 5 -> active a b c d (all new);
//      ties ab, bc new. Graph: 4 nodes, 2 ties: density 2/6, components
//      {a,b,c} {d}: 2, largest share 3/4, clustering 0.
//  w1: a-b at 12 -> a b retained; c d lapsed; tie ab retained, bc lapsed.
//  w2: c-e at 25 -> c reactivated (first activity 0 < 20), e new; a b
//      lapsed; tie ce new, ab lapsed.
//  w3: nothing -> c e lapsed, tie ce lapsed; the empty graph: density 0,
//      no components, share 0.
//  w4: a-b at 41 -> a b reactivated; tie ab renewed.
TEST(Indicators, HandLogTumbling) {
  const Network net = testing::hand_network(false);
  const WindowIndicators r = window_indicators(net, tumbling10());
  ASSERT_EQ(r.windows.size(), 5u);
  EXPECT_EQ(col(r, "active"), (V{4, 2, 2, 0, 2}));
  EXPECT_EQ(col(r, "new"), (V{4, 0, 1, 0, 0}));
  EXPECT_EQ(col(r, "retained"), (V{0, 2, 0, 0, 0}));
  EXPECT_EQ(col(r, "reactivated"), (V{0, 0, 1, 0, 2}));
  EXPECT_EQ(col(r, "lapsed"), (V{0, 2, 2, 2, 0}));
  EXPECT_EQ(col(r, "ties"), (V{2, 1, 1, 0, 1}));
  EXPECT_EQ(col(r, "new_ties"), (V{2, 0, 1, 0, 0}));
  EXPECT_EQ(col(r, "retained_ties"), (V{0, 1, 0, 0, 0}));
  EXPECT_EQ(col(r, "renewed_ties"), (V{0, 0, 0, 0, 1}));
  EXPECT_EQ(col(r, "lapsed_ties"), (V{0, 1, 1, 1, 0}));
  EXPECT_DOUBLE_EQ(col(r, "density")[0], 2.0 / 6.0);
  EXPECT_EQ(col(r, "density")[1], 1.0);
  EXPECT_EQ(col(r, "density")[3], 0.0);
  EXPECT_EQ(col(r, "components"), (V{2, 1, 1, 0, 1}));
  EXPECT_EQ(col(r, "largest_component_share"), (V{0.75, 1, 1, 0, 1}));
  EXPECT_EQ(col(r, "average_clustering"), (V{0, 0, 0, 0, 0}));
  EXPECT_TRUE(std::isnan(col(r, "reciprocity")[0]));  // undirected
  // a citizen S1, b service S2, c champion S1, e citizen S1.
  // w0: ab citizen-service, across sites; bc service-champion, across sites.
  // w2: ce champion-citizen, same site.
  EXPECT_EQ(col(r, "citizen_service_ties"), (V{1, 1, 0, 0, 1}));
  EXPECT_EQ(col(r, "citizen_champion_ties"), (V{0, 0, 1, 0, 0}));
  EXPECT_EQ(col(r, "anchor_ties"), (V{0, 0, 0, 0, 0}));
  EXPECT_EQ(col(r, "cross_role_ties"), (V{2, 1, 1, 0, 1}));
  EXPECT_EQ(col(r, "cross_site_ties"), (V{2, 1, 0, 0, 1}));
}

TEST(Indicators, HandLogByRole) {
  const Network net = testing::hand_network(false);
  const WindowIndicators r = window_indicators(net, tumbling10());
  // Roles in name order: anchor, champion, citizen, service.
  ASSERT_EQ(r.role.size(), 20u);
  EXPECT_EQ(r.role[0], "anchor");
  EXPECT_EQ(r.role[2], "citizen");
  auto at = [&](std::size_t w, std::size_t role, const char* name) {
    return r.by_role.at(name).values[w * 4 + role];
  };
  EXPECT_EQ(at(0, 0, "active"), 1);  // d
  EXPECT_EQ(at(0, 0, "ties"), 0);
  EXPECT_EQ(at(0, 1, "new_ties"), 1);  // bc
  EXPECT_EQ(at(0, 3, "ties"), 2);      // b: ab, bc
  EXPECT_EQ(at(1, 0, "lapsed"), 1);    // d
  EXPECT_EQ(at(2, 1, "reactivated"), 1);  // c
  EXPECT_EQ(at(2, 2, "new"), 1);          // e
  EXPECT_EQ(at(2, 2, "lapsed"), 1);       // a
  EXPECT_EQ(at(2, 2, "ties"), 1);         // ce
  EXPECT_EQ(at(2, 1, "ties"), 1);         // ce
  EXPECT_EQ(at(2, 3, "lapsed_ties"), 1);  // ab (b service)
  EXPECT_EQ(at(4, 2, "renewed_ties"), 1); // ab (a citizen)
}

// Lapse 10: window [s,e) sees [s-10, e).
//  w1 [0,20): a b c d all retained.   w2 [10,30): a b c retained, e new, d lapsed.
//  w3 [20,40): c e retained, a b lapsed.   w4 [30,50): a b reactivated, c e lapsed
//  (the gap 25 -> 41 is longer than the lapse).
TEST(Indicators, HandLogLapse) {
  const Network net = testing::hand_network(false);
  IndicatorOptions o = tumbling10();
  o.windows.lapse = 10;
  const WindowIndicators r = window_indicators(net, o);
  EXPECT_EQ(col(r, "active"), (V{4, 4, 4, 2, 2}));
  EXPECT_EQ(col(r, "new"), (V{4, 0, 1, 0, 0}));
  EXPECT_EQ(col(r, "retained"), (V{0, 4, 3, 2, 0}));
  EXPECT_EQ(col(r, "reactivated"), (V{0, 0, 0, 0, 2}));
  EXPECT_EQ(col(r, "lapsed"), (V{0, 0, 1, 2, 2}));
  // ties: w1 ab bc; w2 ab ce (bc lapsed); w3 ce (ab lapsed); w4 ab renewed, ce lapsed
  EXPECT_EQ(col(r, "ties"), (V{2, 2, 2, 1, 1}));
  EXPECT_EQ(col(r, "lapsed_ties"), (V{0, 0, 1, 1, 1}));
  EXPECT_EQ(col(r, "renewed_ties"), (V{0, 0, 0, 0, 1}));
}

// Directed: a->b, b->a, a->c in one window: 3 ties, 2 reciprocated; density
// 3 / (3 * 2); degree (in + out) a 3, b 2, c 1.
TEST(Indicators, DirectedReciprocityAndDegree) {
  InteractionLogBuilder b;
  InteractionBatch x;
  x.push_back(1, "a", "b", "", "", 1);
  x.push_back(2, "b", "a", "", "", 1);
  x.push_back(3, "a", "c", "", "", 1);
  b.append(x);
  NetworkOptions no;
  no.directed = true;
  no.keep_contacts = true;
  const Network net = build_network(b.finish(), nullptr, no);
  IndicatorOptions o;
  o.windows.width = 100;
  o.measures = {"degree"};
  const WindowIndicators r = window_indicators(net, o);
  ASSERT_EQ(r.windows.size(), 1u);
  EXPECT_DOUBLE_EQ(col(r, "reciprocity")[0], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(col(r, "density")[0], 0.5);
  EXPECT_EQ(r.nodes.value, (V{3, 2, 1}));
  EXPECT_EQ(r.nodes.node, (std::vector<node_id>{0, 1, 2}));
}

TEST(Indicators, UnknownMeasureThrows) {
  const Network net = testing::hand_network(false);
  IndicatorOptions o;
  o.measures = {"closeness"};
  EXPECT_THROW(window_indicators(net, o), UsageError);
}

// Serial verifier: actor and tie sets per window from scratch (std::set),
// states by the definitions in indicators.hpp.
void verify(const Network& net, const IndicatorOptions& o) {
  const WindowIndicators r = window_indicators(net, o);
  const Contacts& c = net.contacts;
  const Attendance& at = net.attendance;
  std::map<node_id, timestamp> first_a;
  std::map<edge_id, timestamp> first_t;
  auto seen = [](auto& m, auto key, timestamp t) {
    auto it = m.find(key);
    if (it == m.end() || t < it->second) m[key] = t;
  };
  for (std::size_t i = 0; i < c.size(); ++i) {
    seen(first_a, c.source[i], c.time[i]);
    seen(first_a, c.target[i], c.time[i]);
    seen(first_t, c.tie[i], c.time[i]);
  }
  for (std::size_t i = 0; i < at.num_incidences(); ++i) seen(first_a, at.event_persons[i], at.event_person_time[i]);
  std::set<node_id> prev_a;
  std::set<edge_id> prev_t;
  for (std::size_t k = 0; k < r.windows.size(); ++k) {
    const Window& w = r.windows[k];
    std::set<node_id> A;
    std::set<edge_id> T;
    for (std::size_t i = 0; i < c.size(); ++i)
      if (c.time[i] >= w.range_start && c.time[i] < w.end) {
        A.insert(c.source[i]);
        A.insert(c.target[i]);
        T.insert(c.tie[i]);
      }
    for (std::size_t i = 0; i < at.num_incidences(); ++i)
      if (at.event_person_time[i] >= w.range_start && at.event_person_time[i] < w.end) A.insert(at.event_persons[i]);
    double nw = 0, re = 0, ra = 0, la = 0, nt = 0, rn = 0, lt = 0, cr = 0;
    for (node_id u : A) {
      if (prev_a.count(u)) re += 1;
      else if (first_a[u] >= w.range_start) nw += 1;
      else ra += 1;
    }
    for (node_id u : prev_a) la += A.count(u) ? 0 : 1;
    const auto& role = net.attributes.find("role")->values;
    for (edge_id e : T) {
      if (!prev_t.count(e)) (first_t[e] >= w.range_start ? nt : rn) += 1;
      const node_id u = net.graph.ties().source[e], v = net.graph.ties().target[e];
      if (u != v && role[u] != role[v]) cr += 1;
    }
    for (edge_id e : prev_t) lt += T.count(e) ? 0 : 1;
    ASSERT_EQ(col(r, "active")[k], static_cast<double>(A.size())) << k;
    EXPECT_EQ(col(r, "new")[k], nw) << k;
    EXPECT_EQ(col(r, "retained")[k], re) << k;
    EXPECT_EQ(col(r, "reactivated")[k], ra) << k;
    EXPECT_EQ(col(r, "lapsed")[k], la) << k;
    EXPECT_EQ(col(r, "ties")[k], static_cast<double>(T.size())) << k;
    EXPECT_EQ(col(r, "new_ties")[k], nt) << k;
    EXPECT_EQ(col(r, "renewed_ties")[k], rn) << k;
    EXPECT_EQ(col(r, "lapsed_ties")[k], lt) << k;
    EXPECT_EQ(col(r, "cross_role_ties")[k], cr) << k;
    const double n = static_cast<double>(A.size());
    const double dens = n > 1 ? static_cast<double>(T.size()) / (n * (n - 1)) * (net.directed() ? 1 : 2) : 0;
    EXPECT_NEAR(col(r, "density")[k], dens, 1e-12) << k;
    prev_a = std::move(A);
    prev_t = std::move(T);
  }
}

TEST(Indicators, MatchSerialVerifierOnRandomLogs) {
  for (std::uint64_t seed = 11; seed <= 16; ++seed)
    for (bool directed : {false, true}) {
      const Network net = testing::random_network(50, 500, seed, directed);
      IndicatorOptions o;
      o.windows.width = 120;
      o.windows.step = 40;
      verify(net, o);
      o.windows.lapse = 60;
      verify(net, o);
      o.windows.lapse = 0;
      o.windows.scheme = WindowScheme::Cumulative;
      verify(net, o);
    }
}

TEST(Indicators, SameForOneAndTwoThreads) {
  const Network net = testing::random_network(300, 6000, 5, true);
  IndicatorOptions o;
  o.windows.width = 150;
  o.windows.step = 50;
  o.measures = {"degree", "pagerank", "betweenness"};
  WindowIndicators one, two;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = window_indicators(net, o);
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
    two = window_indicators(net, o);
  }
  ASSERT_EQ(one.overall.columns.size(), two.overall.columns.size());
  for (std::size_t i = 0; i < one.overall.columns.size(); ++i) {
    const auto& x = one.overall.columns[i].values;
    const auto& y = two.overall.columns[i].values;
    ASSERT_EQ(x.size(), y.size());
    for (std::size_t j = 0; j < x.size(); ++j)
      EXPECT_TRUE((std::isnan(x[j]) && std::isnan(y[j])) || x[j] == y[j]) << one.overall.columns[i].name;
  }
  EXPECT_EQ(one.nodes.value, two.nodes.value);
  EXPECT_EQ(one.nodes.node, two.nodes.node);
}

}  // namespace
}  // namespace movemap
