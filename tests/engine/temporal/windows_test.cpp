// Window schemes and the incremental sweep: hand-written bounds, and the
// sweep's per-window sets, counts and weights against a rebuilt-from-scratch
// serial count over the contacts in each window's range on random logs.
#include "movemap/temporal/windows.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "movemap/error.hpp"
#include "../support/temporal_logs.hpp"

namespace movemap {
namespace {

constexpr timestamp kDay = 86400;

// Anchored at the end (default): K = floor((117 - 100) / 5) + 1 = 4 windows,
// ends 118 - 3*5, ..., 118: [93,103) [98,108) [103,113) [108,118).
TEST(Windows, SlidingAnchoredAtTheEnd) {
  WindowOptions o;
  o.width = 10;
  o.step = 5;
  const auto w = make_windows(100, 117, o);
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[0].start, 93);
  EXPECT_EQ(w[0].end, 103);
  EXPECT_EQ(w[3].start, 108);
  EXPECT_EQ(w[3].end, 118);
  o.lapse = 3;
  EXPECT_EQ(make_windows(100, 117, o)[1].range_start, 95);
  // One window when the log is shorter than a step.
  EXPECT_EQ(make_windows(100, 103, o).size(), 1u);
}

TEST(Windows, SlidingCoversTheLastActivity) {
  WindowOptions o;
  o.width = 10;
  o.step = 5;
  o.anchor = WindowAnchor::Start;
  const auto w = make_windows(100, 117, o);
  // starts 100, 105, 110, 115 (115 <= 117 < 120)
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[0].start, 100);
  EXPECT_EQ(w[0].end, 110);
  EXPECT_EQ(w[3].start, 115);
  EXPECT_EQ(w[3].end, 125);
  o.lapse = 3;
  EXPECT_EQ(make_windows(100, 117, o)[1].range_start, 102);
}

TEST(Windows, CalendarMonthsAndQuarters) {
  // 2024-01-31T12:00Z .. 2024-04-01T00:00Z
  const timestamp first = 1706702400, last = 1711929600;
  WindowOptions o;
  o.scheme = WindowScheme::Month;
  const auto m = make_windows(first, last, o);
  ASSERT_EQ(m.size(), 4u);                 // Jan, Feb, Mar, Apr
  EXPECT_EQ(m[0].start, 1704067200);       // 2024-01-01
  EXPECT_EQ(m[1].start, 1706745600);       // 2024-02-01
  EXPECT_EQ(m[1].end - m[1].start, 29 * kDay);  // leap February
  EXPECT_EQ(m[3].start, 1711929600);       // 2024-04-01
  o.scheme = WindowScheme::Quarter;
  const auto q = make_windows(first, last, o);
  ASSERT_EQ(q.size(), 2u);                 // Q1, Q2
  EXPECT_EQ(q[0].start, 1704067200);
  EXPECT_EQ(q[0].end, 1711929600);
  EXPECT_EQ(q[1].end, 1719792000);         // 2024-07-01
}

TEST(Windows, CumulativeStartsAtTheFirstActivity) {
  WindowOptions o;
  o.scheme = WindowScheme::Cumulative;
  o.step = 10;
  const auto w = make_windows(0, 25, o);
  ASSERT_EQ(w.size(), 3u);
  for (const auto& x : w) EXPECT_EQ(x.start, 0);
  EXPECT_EQ(w[2].end, 30);
}

TEST(Windows, BadOptionsThrow) {
  WindowOptions o;
  o.width = 0;
  EXPECT_THROW(make_windows(0, 1, o), UsageError);
  o.width = 1;
  o.lapse = -1;
  EXPECT_THROW(make_windows(0, 1, o), UsageError);
  o.lapse = 0;
  o.half_life = -2;
  EXPECT_THROW(make_windows(0, 1, o), UsageError);
}

TEST(Windows, SweepNeedsContacts) {
  InteractionLogBuilder b;
  InteractionBatch x;
  x.push_back(0, "a", "b", "", "", 1);
  b.append(x);
  const Network net = build_network(b.finish(), nullptr, NetworkOptions{});
  EXPECT_THROW(WindowSweep(net, WindowOptions{}), UsageError);
}

TEST(Windows, WindowGraphIsValid) {
  const Network net = testing::hand_network(false);
  WindowOptions o;
  o.width = 10;
  o.step = 10;
  WindowSweep s(net, o);
  s.advance(Window{0, 10, 0});
  const WindowGraph g = window_graph(net, s);
  g.graph.validate();
  // a, b, c, d present (d by attendance); ties a-b, b-c.
  EXPECT_EQ(g.graph.num_nodes(), 4u);
  EXPECT_EQ(g.graph.num_ties(), 2u);
  EXPECT_EQ(g.actor, (std::vector<node_id>{0, 1, 2, 3}));
}

// Serial verifier: for each window, every contact and attendance in its
// range counted from scratch into maps.
struct Rebuilt {
  std::set<node_id> actors;
  std::map<edge_id, std::pair<std::uint32_t, double>> ties;  // count, weight
};
Rebuilt rebuild(const Network& net, const Window& w, double half_life) {
  Rebuilt r;
  const Contacts& c = net.contacts;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c.time[i] < w.range_start || c.time[i] >= w.end) continue;
    r.actors.insert(c.source[i]);
    r.actors.insert(c.target[i]);
    auto& t = r.ties[c.tie[i]];
    t.first += 1;
    t.second += half_life > 0 ? c.weight[i] * std::exp2(-static_cast<double>(w.end - c.time[i]) / half_life)
                              : c.weight[i];
  }
  const Attendance& a = net.attendance;
  for (std::size_t i = 0; i < a.num_incidences(); ++i)
    if (a.event_person_time[i] >= w.range_start && a.event_person_time[i] < w.end) r.actors.insert(a.event_persons[i]);
  return r;
}

void check_sweep(const Network& net, const WindowOptions& o) {
  const auto [t0, t1] = activity_span(net);
  const auto windows = make_windows(t0, t1, o);
  ASSERT_FALSE(windows.empty());
  WindowSweep s(net, o);
  std::set<node_id> prev_actors;
  std::set<edge_id> prev_ties;
  for (std::size_t k = 0; k < windows.size(); ++k) {
    s.advance(windows[k]);
    const Rebuilt r = rebuild(net, windows[k], o.half_life);
    // The flips: every element whose presence differs from the previous
    // window's (rebuilt) set is listed an odd number of times, the others
    // an even number (out and back in).
    std::map<node_id, int> af;
    std::map<edge_id, int> tf;
    for (const node_id u : s.actors_flipped()) ++af[u];
    for (const edge_id e : s.ties_flipped()) ++tf[e];
    for (node_id u = 0; u < net.graph.num_nodes(); ++u)
      ASSERT_EQ(af[u] % 2 == 1, (prev_actors.count(u) > 0) != (r.actors.count(u) > 0)) << "window " << k;
    for (edge_id e = 0; e < net.graph.num_ties(); ++e)
      ASSERT_EQ(tf[e] % 2 == 1, (prev_ties.count(e) > 0) != (r.ties.count(e) > 0)) << "window " << k;
    prev_actors = r.actors;
    prev_ties.clear();
    for (const auto& [e, cw] : r.ties) prev_ties.insert(e);
    ASSERT_EQ(s.actors_present(), r.actors.size()) << "window " << k;
    ASSERT_EQ(s.ties_present(), r.ties.size()) << "window " << k;
    for (node_id u = 0; u < net.graph.num_nodes(); ++u) ASSERT_EQ(s.actor_present().test(u), r.actors.count(u) > 0);
    for (edge_id e = 0; e < net.graph.num_ties(); ++e) {
      const auto it = r.ties.find(e);
      ASSERT_EQ(s.tie_present().test(e), it != r.ties.end());
      if (it == r.ties.end()) {
        EXPECT_EQ(s.tie_count()[e], 0u);
        EXPECT_EQ(s.tie_weight()[e], 0.0);
        continue;
      }
      EXPECT_EQ(s.tie_count()[e], it->second.first);
      EXPECT_NEAR(s.tie_weight()[e], it->second.second, 1e-9 * (1 + it->second.second));
    }
    const WindowGraph full = window_graph(net, s);
    full.graph.validate();
    // Without the tie details: the same nodes, ties, weights and rows.
    const WindowGraph lean = window_graph(net, s, false);
    EXPECT_EQ(lean.actor, full.actor);
    EXPECT_EQ(lean.tie, full.tie);
    EXPECT_EQ(lean.graph.ties().source, full.graph.ties().source);
    EXPECT_EQ(lean.graph.ties().target, full.graph.ties().target);
    EXPECT_EQ(lean.graph.ties().weight, full.graph.ties().weight);
    EXPECT_TRUE(lean.graph.ties().count.empty());
    EXPECT_EQ(lean.graph.out_csr().neighbors, full.graph.out_csr().neighbors);
    EXPECT_EQ(lean.graph.in_csr().ties, full.graph.in_csr().ties);
  }
}

TEST(Windows, IncrementalEqualsRebuiltOnRandomLogs) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed)
    for (bool directed : {false, true}) {
      const Network net = testing::random_network(40, 400, seed, directed);
      WindowOptions o;
      o.width = 100;
      o.step = 30;
      check_sweep(net, o);                     // overlapping
      o.step = 100;
      check_sweep(net, o);                     // tumbling
      o.width = 40;
      o.step = 90;
      check_sweep(net, o);                     // gaps between windows
      o.width = 100;
      o.step = 30;
      o.lapse = 70;
      check_sweep(net, o);                     // lapse shorter than the quiet gap
      o.lapse = 0;
      o.half_life = 25;
      check_sweep(net, o);
      o.half_life = 0;
      o.scheme = WindowScheme::Cumulative;
      check_sweep(net, o);
    }
}

}  // namespace
}  // namespace movemap
