// Temporal reach (movemap/temporal/reach.hpp): a hand-built contact list
// whose arrivals are worked out below, and a brute-force time-respecting
// search (relax every contact until nothing changes) on random contact
// lists with many simultaneous contacts.
#include "movemap/temporal/reach.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>

#include "movemap/error.hpp"
#include "movemap/interaction_log.hpp"
#include "movemap/network.hpp"

namespace movemap {
namespace {

Contacts contacts_of(const std::vector<std::tuple<timestamp, node_id, node_id>>& rows) {
  Contacts c;
  for (const auto& [t, u, v] : rows) {
    c.time.push_back(t);
    c.source.push_back(u);
    c.target.push_back(v);
    c.weight.push_back(1.0);
    c.kind.push_back(kNone);
    c.tie.push_back(0);
  }
  return c;
}

// Contacts (time, u -> v); within instant 3, 2 -> 4 comes before 1 -> 2 in
// the list, so reaching 4 at 3 needs the same-instant chain 1 -> 2 -> 4:
//   1: 0->1   2: 2->3   3: 2->4, 1->2   4: 3->5   5: 4->0   6: 5->4
// Seed 0, start = first contact (1).
//   directed, chains:  0@1 1@1 2@3 4@3; 3 (2->3 came before 2 was reached) and 5 never.
//   directed, strict:  0@1 1@1 2@3; 4 not (2 was reached at 3, not before).
//   both ways, chains: as directed, plus 5@6 (5->4 carries 4's reach back).
const Contacts kExample = contacts_of(
    {{1, 0, 1}, {2, 2, 3}, {3, 2, 4}, {3, 1, 2}, {4, 3, 5}, {5, 4, 0}, {6, 5, 4}});
constexpr timestamp N = kNever;

TEST(TemporalReach, HandExample) {
  ReachOptions o;
  o.seeds = {0};
  TemporalReach r = temporal_reach(kExample, 6, true, o);
  EXPECT_EQ(r.start, 1);
  EXPECT_EQ(r.arrival, (std::vector<timestamp>{1, 1, 3, N, 3, N}));
  EXPECT_EQ(r.reached, 4u);
  EXPECT_EQ(r.curve.time, (std::vector<timestamp>{1, 3}));
  EXPECT_EQ(r.curve.reached, (std::vector<std::uint64_t>{2, 4}));

  o.same_instant_chains = false;
  r = temporal_reach(kExample, 6, true, o);
  EXPECT_EQ(r.arrival, (std::vector<timestamp>{1, 1, 3, N, N, N}));
  EXPECT_EQ(r.curve.reached, (std::vector<std::uint64_t>{2, 3}));

  o.same_instant_chains = true;
  o.follow_direction = false;
  r = temporal_reach(kExample, 6, true, o);
  EXPECT_EQ(r.arrival, (std::vector<timestamp>{1, 1, 3, N, 3, 6}));
  EXPECT_EQ(r.curve.time, (std::vector<timestamp>{1, 3, 6}));
  EXPECT_EQ(r.curve.reached, (std::vector<std::uint64_t>{2, 4, 5}));
  // An undirected network behaves as both ways.
  o.follow_direction = true;
  EXPECT_EQ(temporal_reach(kExample, 6, false, o).arrival, r.arrival);

  // Start at 2: the 0->1 contact at 1 no longer counts.
  o.start = 2;
  r = temporal_reach(kExample, 6, true, o);
  EXPECT_EQ(r.arrival, (std::vector<timestamp>{2, N, N, N, N, N}));
  EXPECT_EQ(r.curve.time, (std::vector<timestamp>{2}));
  // Seed 1 from 2: 1->2 at 3 then the chain 2->4.
  o.seeds = {1};
  r = temporal_reach(kExample, 6, true, o);
  EXPECT_EQ(r.arrival, (std::vector<timestamp>{5, 2, 3, N, 3, N}));  // 4->0 at 5
}

TEST(TemporalReach, StrictSeedsUseContactsAtTheStart) {
  // Strict mode: seeds count as reached before the start instant, so 0->1 at
  // the start reaches 1, but 1->2 at the same instant does not reach 2.
  const Contacts c = contacts_of({{5, 0, 1}, {5, 1, 2}, {6, 1, 2}});
  ReachOptions o;
  o.seeds = {0};
  o.same_instant_chains = false;
  EXPECT_EQ(temporal_reach(c, 3, true, o).arrival, (std::vector<timestamp>{5, 5, 6}));
  o.same_instant_chains = true;
  EXPECT_EQ(temporal_reach(c, 3, true, o).arrival, (std::vector<timestamp>{5, 5, 5}));
}

TEST(TemporalReach, RejectsBadSeeds) {
  ReachOptions o;
  EXPECT_THROW(temporal_reach(kExample, 6, true, o), UsageError);
  o.seeds = {6};
  EXPECT_THROW(temporal_reach(kExample, 6, true, o), UsageError);
  // A network built without contacts.
  InteractionLogBuilder b;
  InteractionBatch x;
  x.push_back(1, "a", "b", "", "", 1.0);
  b.append(x);
  const Network plain = build_network(b.finish(), nullptr, NetworkOptions{});
  o.seeds = {0};
  EXPECT_THROW(temporal_reach(plain, o), UsageError);
}

TEST(TemporalReach, CancelledByProgress) {
  ReachOptions o;
  o.seeds = {0};
  std::vector<std::tuple<timestamp, node_id, node_id>> rows;
  for (timestamp t = 0; t < (1 << 21); ++t) rows.emplace_back(t, 0, 1);
  o.progress = [](double) { return false; };
  EXPECT_THROW(temporal_reach(contacts_of(rows), 2, true, o), Cancelled);
}

// Brute force: relax every contact until no arrival changes.
std::vector<timestamp> brute_force(const Contacts& c, std::size_t n, bool both_ways, bool strict,
                                   const std::set<node_id>& seeds, timestamp start) {
  std::vector<timestamp> arr(n, kNever);
  for (const auto s : seeds) arr[s] = start;
  auto ok = [&](node_id u, timestamp t) { return strict ? (seeds.count(u) > 0 || arr[u] < t) : arr[u] <= t; };
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t k = 0; k < c.size(); ++k) {
      const timestamp t = c.time[k];
      const node_id u = c.source[k], v = c.target[k];
      if (t < start || u == v) continue;
      if (ok(u, t) && t < arr[v]) arr[v] = t, changed = true;
      if (both_ways && ok(v, t) && t < arr[u]) arr[u] = t, changed = true;
    }
  }
  return arr;
}

TEST(TemporalReach, MatchesBruteForceOnRandomContacts) {
  std::mt19937_64 rng(2024);
  for (int round = 0; round < 400; ++round) {
    const std::size_t n = 2 + rng() % 14, m = rng() % 70;
    const timestamp span = 1 + static_cast<timestamp>(rng() % 25);  // small: many simultaneous contacts
    std::vector<std::tuple<timestamp, node_id, node_id>> rows;
    for (std::size_t k = 0; k < m; ++k)
      rows.emplace_back(static_cast<timestamp>(rng() % span), static_cast<node_id>(rng() % n),
                        static_cast<node_id>(rng() % n));
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
    const Contacts c = contacts_of(rows);
    ReachOptions o;
    std::set<node_id> seeds;
    for (std::size_t s = 0, k = 1 + rng() % 3; s < k; ++s) seeds.insert(static_cast<node_id>(rng() % n));
    o.seeds.assign(seeds.begin(), seeds.end());
    o.seeds.push_back(*seeds.begin());  // a repeat is ignored
    const bool directed = rng() % 2 == 0;
    o.follow_direction = rng() % 3 != 0;
    o.same_instant_chains = rng() % 2 == 0;
    if (rng() % 3 == 0) o.start = static_cast<timestamp>(rng() % span);
    const TemporalReach r = temporal_reach(c, n, directed, o);
    const timestamp start = o.start ? *o.start : (c.empty() ? 0 : c.time.front());
    const bool both = !directed || !o.follow_direction;
    const std::vector<timestamp> want = brute_force(c, n, both, !o.same_instant_chains, seeds, start);
    ASSERT_EQ(r.arrival, want) << "round " << round;
    EXPECT_EQ(r.reached, static_cast<std::uint64_t>(std::count_if(want.begin(), want.end(),
                                                                   [](timestamp t) { return t != kNever; })));
    // Curve: the start and every distinct later arrival, with the count reached by then.
    std::set<timestamp> times{start};
    for (const auto t : want)
      if (t != kNever) times.insert(t);
    ASSERT_EQ(r.curve.time, std::vector<timestamp>(times.begin(), times.end())) << "round " << round;
    for (std::size_t i = 0; i < r.curve.time.size(); ++i)
      EXPECT_EQ(r.curve.reached[i], static_cast<std::uint64_t>(std::count_if(
                                        want.begin(), want.end(), [&](timestamp t) { return t <= r.curve.time[i]; })));
  }
}

TEST(TemporalReach, OnANetworkLog) {
  // a -> b at day 1, b -> c at day 2, c -> a at day 0 (before: carries nothing from a).
  InteractionLogBuilder b;
  InteractionBatch x;
  x.push_back(86400, "a", "b", "", "", 1.0);
  x.push_back(2 * 86400, "b", "c", "", "", 1.0);
  x.push_back(0, "c", "a", "", "", 1.0);
  x.push_back(3 * 86400, "d", "", "ev", "", 1.0);
  x.push_back(3 * 86400, "c", "", "ev", "", 1.0);  // co-attendance c-d at day 3
  b.append(x);
  NetworkOptions no;
  no.directed = true;
  no.keep_contacts = true;
  const Network net = build_network(b.finish(), nullptr, no);
  ReachOptions o;
  o.seeds = {*net.actors.find("a")};
  const TemporalReach r = temporal_reach(net, o);
  EXPECT_EQ(r.start, 0);
  EXPECT_EQ(r.arrival[*net.actors.find("b")], 86400);
  EXPECT_EQ(r.arrival[*net.actors.find("c")], 2 * 86400);
  EXPECT_EQ(r.arrival[*net.actors.find("d")], 3 * 86400);  // co-attendance is mutual
}

}  // namespace
}  // namespace movemap
