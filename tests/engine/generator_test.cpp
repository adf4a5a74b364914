// The movement generator: determinism, exact sizes and the structure promised
// in generator.hpp and docs/generator.md.
#include "movemap/generator.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <string>

#include "movemap/error.hpp"

namespace movemap {
namespace {

GeneratorOptions small(std::uint64_t seed) {
  GeneratorOptions o;
  o.actors = 400;
  o.interactions = 6000;
  o.sites = 3;
  o.months = 12;
  o.seed = seed;
  return o;
}

// Period end as documented: months of 30.436875 days.
timestamp period_end(const GeneratorOptions& o) {
  return o.start + static_cast<timestamp>(o.months * 30.436875 * 86400);
}

// FNV-1a over everything the generator returns.
std::uint64_t fingerprint(const GeneratedMovement& g) {
  std::uint64_t h = 1469598103934665603ull;
  auto bytes = [&](const void* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) h = (h ^ static_cast<const unsigned char*>(p)[i]) * 1099511628211ull;
  };
  auto text = [&](const std::string& s) { bytes(s.data(), s.size() + 1); };
  for (const auto& a : g.actors) {
    text(a.id), text(a.role), text(a.label), text(a.site);
    bytes(&a.joined, sizeof a.joined);
  }
  for (const auto& e : g.events) text(e);
  for (const auto& k : g.kinds) text(k);
  for (std::size_t i = 0; i < g.rows(); ++i) {
    bytes(&g.time[i], sizeof g.time[i]);
    bytes(&g.source[i], 4), bytes(&g.target[i], 4), bytes(&g.event[i], 4), bytes(&g.kind[i], 4);
    bytes(&g.weight[i], sizeof(double));
  }
  return h;
}

TEST(Generator, SameSeedSameMovement) {
  const auto a = generate_movement(small(5)), b = generate_movement(small(5));
  EXPECT_EQ(a.time, b.time);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.target, b.target);
  EXPECT_EQ(a.event, b.event);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.weight, b.weight);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.kinds, b.kinds);
  ASSERT_EQ(a.actors.size(), b.actors.size());
  for (std::size_t i = 0; i < a.actors.size(); ++i) {
    EXPECT_EQ(a.actors[i].id, b.actors[i].id);
    EXPECT_EQ(a.actors[i].label, b.actors[i].label);
    EXPECT_EQ(a.actors[i].site, b.actors[i].site);
    EXPECT_EQ(a.actors[i].joined, b.actors[i].joined);
  }
  EXPECT_EQ(fingerprint(a), fingerprint(b));
}

TEST(Generator, DifferentSeedDifferentMovement) {
  const auto a = generate_movement(small(5)), c = generate_movement(small(6));
  EXPECT_NE(a.source, c.source);
  EXPECT_NE(a.time, c.time);
  std::size_t same_labels = 0;
  for (std::size_t i = 0; i < a.actors.size(); ++i) same_labels += a.actors[i].label == c.actors[i].label;
  EXPECT_LT(same_labels, a.actors.size() / 2);
}

TEST(Generator, ExactRowAndActorCounts) {
  struct Case {
    std::uint64_t actors, rows;
    std::uint32_t sites, months;
    double share;
  };
  for (const Case c : {Case{4, 1, 1, 1, 0.25}, Case{8, 7, 2, 1, 0.5}, Case{20, 333, 5, 3, 0.0},
                       Case{400, 6000, 3, 12, 0.25}, Case{1000, 20001, 2, 36, 0.6}, Case{50, 5000, 1, 2, 0.9}}) {
    GeneratorOptions o;
    o.actors = c.actors, o.interactions = c.rows, o.sites = c.sites, o.months = c.months;
    o.attendance_share = c.share;
    const auto g = generate_movement(o);
    EXPECT_EQ(g.actors.size(), c.actors) << c.actors << " actors, " << c.rows << " rows";
    EXPECT_EQ(g.rows(), c.rows) << c.actors << " actors, " << c.rows << " rows";
    EXPECT_EQ(g.source.size(), c.rows);
    EXPECT_EQ(g.target.size(), c.rows);
    EXPECT_EQ(g.event.size(), c.rows);
    EXPECT_EQ(g.kind.size(), c.rows);
    EXPECT_EQ(g.weight.size(), c.rows);
  }
}

TEST(Generator, RowsSortedWithinPeriodAndWellFormed) {
  const GeneratorOptions o = small(1);
  const auto g = generate_movement(o);
  ASSERT_EQ(g.rows(), o.interactions);
  for (std::size_t i = 0; i < g.rows(); ++i) {
    if (i) {
      ASSERT_LE(g.time[i - 1], g.time[i]) << "row " << i;
    }
    ASSERT_GE(g.time[i], o.start);
    ASSERT_LT(g.time[i], period_end(o));
    ASSERT_NE(g.target[i] == kNone, g.event[i] == kNone) << "row " << i << ": exactly one of target/event";
    ASSERT_LT(g.source[i], g.actors.size());
    if (g.target[i] != kNone) {
      ASSERT_LT(g.target[i], g.actors.size());
      ASSERT_NE(g.source[i], g.target[i]) << "row " << i;
    } else {
      ASSERT_LT(g.event[i], g.events.size());
    }
    ASSERT_TRUE(std::isfinite(g.weight[i]) && g.weight[i] > 0) << "row " << i << ": weight " << g.weight[i];
    ASSERT_LT(g.kind[i], g.kinds.size());
  }
}

TEST(Generator, KindsMatchRowTypesAndAreAllUsed) {
  const auto g = generate_movement(small(7));
  const std::set<std::string> pair_kinds = {"referral", "meeting", "message", "volunteering", "funding"};
  std::vector<std::size_t> used(g.kinds.size(), 0);
  std::map<std::string, std::set<std::string>> roles_by_kind;  // "source>target"
  for (std::size_t i = 0; i < g.rows(); ++i) {
    ++used[g.kind[i]];
    const std::string& kind = g.kinds[g.kind[i]];
    EXPECT_EQ(pair_kinds.count(kind) == 1, g.target[i] != kNone) << "row " << i << " kind " << kind;
    if (g.target[i] != kNone)
      roles_by_kind[kind].insert(g.actors[g.source[i]].role + ">" + g.actors[g.target[i]].role);
  }
  for (std::size_t k = 0; k < used.size(); ++k) EXPECT_GT(used[k], 0u) << g.kinds[k];
  for (const auto& k : pair_kinds) EXPECT_TRUE(roles_by_kind.count(k)) << k << " never generated";
  for (const auto& r : roles_by_kind["referral"]) EXPECT_TRUE(r == "citizen>service" || r == "champion>service") << r;
  for (const auto& r : roles_by_kind["volunteering"])
    EXPECT_TRUE(r == "citizen>anchor" || r == "citizen>champion") << r;
  for (const auto& r : roles_by_kind["funding"]) EXPECT_TRUE(r == "anchor>champion" || r == "anchor>anchor") << r;

  GeneratorOptions o = small(7);
  o.attendance_share = 0;
  const auto none = generate_movement(o);
  EXPECT_TRUE(none.events.empty());
  for (const auto& k : none.kinds) EXPECT_TRUE(pair_kinds.count(k)) << k;
  for (std::size_t i = 0; i < none.rows(); ++i) ASSERT_NE(none.target[i], kNone);
}

TEST(Generator, EveryRoleInEverySiteWithRealisticShares) {
  for (const std::uint64_t actors : {20ull, 21ull, 2000ull}) {
    GeneratorOptions o = small(2);
    o.actors = actors;
    o.sites = 5;
    const auto g = generate_movement(o);
    std::set<std::pair<std::string, std::string>> site_roles;
    std::set<std::string> sites;
    std::map<std::string, std::size_t> per_role;
    for (const auto& a : g.actors) {
      site_roles.emplace(a.site, a.role);
      sites.insert(a.site);
      ++per_role[a.role];
    }
    EXPECT_EQ(sites.size(), 5u) << actors << " actors";
    EXPECT_EQ(site_roles.size(), 5u * 4u) << actors << " actors";
    EXPECT_EQ(per_role.size(), 4u) << actors << " actors";
    if (actors == 2000) {
      EXPECT_NEAR(per_role["citizen"] / 2000.0, 0.80, 0.01);
      EXPECT_NEAR(per_role["champion"] / 2000.0, 0.08, 0.01);
      EXPECT_NEAR(per_role["anchor"] / 2000.0, 0.04, 0.01);
      EXPECT_NEAR(per_role["service"] / 2000.0, 0.08, 0.01);
    }
  }
}

TEST(Generator, IdsUniquePrefixedByRoleAndLabelsPresent) {
  const auto g = generate_movement(small(2));
  const std::map<std::string, char> prefix = {{"citizen", 'c'}, {"champion", 'h'}, {"anchor", 'a'}, {"service", 's'}};
  std::set<std::string> ids;
  bool non_ascii = false, apostrophe = false, ampersand = false;
  for (const auto& a : g.actors) {
    EXPECT_TRUE(ids.insert(a.id).second) << "duplicate id " << a.id;
    ASSERT_TRUE(prefix.count(a.role)) << a.role;
    EXPECT_EQ(a.id.front(), prefix.at(a.role)) << a.id;
    EXPECT_EQ(a.id.find_first_not_of("0123456789", 1), std::string::npos) << a.id;
    EXPECT_FALSE(a.label.empty()) << a.id;
    for (const char ch : a.label) non_ascii = non_ascii || static_cast<unsigned char>(ch) >= 0x80;
    apostrophe = apostrophe || a.label.find('\'') != std::string::npos;
    ampersand = ampersand || a.label.find('&') != std::string::npos;
  }
  EXPECT_TRUE(non_ascii) << "labels should exercise UTF-8";
  EXPECT_TRUE(apostrophe) << "labels should exercise escaping";
  EXPECT_TRUE(ampersand) << "labels should exercise XML escaping";
  std::set<std::string> events(g.events.begin(), g.events.end());
  EXPECT_EQ(events.size(), g.events.size()) << "event ids must be unique";
  for (const auto& e : g.events) EXPECT_EQ(e.rfind("ev-", 0), 0u) << e;
}

TEST(Generator, NobodyActsBeforeJoiningAndOrganisationsFromTheStart) {
  const GeneratorOptions o = small(3);
  const auto g = generate_movement(o);
  std::vector<timestamp> first(g.actors.size(), std::numeric_limits<timestamp>::max());
  for (std::size_t i = 0; i < g.rows(); ++i) {
    first[g.source[i]] = std::min(first[g.source[i]], g.time[i]);
    if (g.target[i] != kNone) first[g.target[i]] = std::min(first[g.target[i]], g.time[i]);
  }
  std::size_t late_joiners = 0;
  for (std::size_t a = 0; a < g.actors.size(); ++a) {
    const auto& actor = g.actors[a];
    EXPECT_LE(actor.joined, first[a]) << actor.id;
    EXPECT_GE(actor.joined, o.start) << actor.id;
    EXPECT_LT(actor.joined, period_end(o)) << actor.id;
    if (actor.role == "anchor" || actor.role == "service") {
      EXPECT_EQ(actor.joined, o.start) << actor.id;
    }
    late_joiners += actor.joined > o.start + (period_end(o) - o.start) / 2;
  }
  // Accelerating arrivals: most citizens join in the second half.
  EXPECT_GT(late_joiners, g.actors.size() / 2);
}

TEST(Generator, MomentumBuilds) {
  const GeneratorOptions o = small(4);
  const auto g = generate_movement(o);
  const timestamp mid = o.start + (period_end(o) - o.start) / 2;
  std::size_t first_half = 0;
  for (const timestamp t : g.time) first_half += t < mid;
  EXPECT_LT(first_half, g.rows() * 45 / 100);
  EXPECT_GT(first_half, g.rows() * 15 / 100);
}

TEST(Generator, AttendanceShareAndEventShape) {
  for (const double share : {0.1, 0.25, 0.5}) {
    GeneratorOptions o = small(9);
    o.attendance_share = share;
    const auto g = generate_movement(o);
    std::size_t attendance = 0;
    struct Seen {
      std::set<std::uint32_t> people;
      timestamp first = 0, last = 0;
      std::uint32_t kind = 0;
      std::set<std::string> sites;
      std::size_t rows = 0;
    };
    std::map<std::uint32_t, Seen> events;
    for (std::size_t i = 0; i < g.rows(); ++i) {
      if (g.event[i] == kNone) continue;
      ++attendance;
      Seen& e = events[g.event[i]];
      if (e.rows++ == 0) e.first = g.time[i], e.kind = g.kind[i];
      e.last = g.time[i];
      EXPECT_EQ(e.kind, g.kind[i]) << g.events[g.event[i]];
      e.people.insert(g.source[i]);
      e.sites.insert(g.actors[g.source[i]].site);
    }
    EXPECT_NEAR(static_cast<double>(attendance) / g.rows(), share, 0.001) << "share " << share;
    EXPECT_EQ(events.size(), g.events.size()) << "every event id is used";
    std::size_t total = 0;
    for (const auto& [ev, e] : events) {
      const std::string& id = g.events[ev];
      EXPECT_EQ(e.people.size(), e.rows) << id << ": one row per attendee";
      EXPECT_LE(e.rows, 45u) << id;
      EXPECT_LE(e.last - e.first, 15 * 60) << id << ": attendees sign in within minutes";
      ASSERT_EQ(e.sites.size(), 1u) << id << ": an event is held at one site";
      EXPECT_EQ(id.rfind("ev-" + *e.sites.begin() + "-", 0), 0u) << id;
      total += e.rows;
    }
    EXPECT_GT(static_cast<double>(total) / events.size(), 4.0) << "events should have a handful of attendees or more";
  }
}

TEST(Generator, MostlyWithinSiteAndPartnersRepeat) {
  const auto g = generate_movement(small(11));
  std::size_t pairs = 0, cross = 0;
  std::set<std::pair<std::uint32_t, std::uint32_t>> distinct;
  std::vector<std::size_t> degree(g.actors.size(), 0);
  for (std::size_t i = 0; i < g.rows(); ++i) {
    if (g.target[i] == kNone) continue;
    ++pairs;
    cross += g.actors[g.source[i]].site != g.actors[g.target[i]].site;
    distinct.emplace(std::min(g.source[i], g.target[i]), std::max(g.source[i], g.target[i]));
    ++degree[g.source[i]], ++degree[g.target[i]];
  }
  const double cross_share = static_cast<double>(cross) / pairs;
  EXPECT_GT(cross_share, 0.03);
  EXPECT_LT(cross_share, 0.15);
  EXPECT_LT(distinct.size(), pairs * 7 / 10) << "repeat partners should be common";
  // Preferential choice: the busiest actor has many times the mean activity.
  const std::size_t top = *std::max_element(degree.begin(), degree.end());
  EXPECT_GT(static_cast<double>(top), 5.0 * 2.0 * pairs / g.actors.size());
}

TEST(Generator, StartNeedNotBeMidnight) {
  GeneratorOptions o = small(12);
  o.start = 1700000000;  // 2023-11-14T22:13:20Z
  const auto g = generate_movement(o);
  for (std::size_t i = 0; i < g.rows(); ++i) {
    ASSERT_GE(g.time[i], o.start);
    ASSERT_LT(g.time[i], period_end(o));
    ASSERT_LE(g.actors[g.source[i]].joined, g.time[i]);
  }
}

TEST(Generator, RejectsImpossibleOptions) {
  GeneratorOptions o = small(1);
  o.actors = 11;  // < 4 per site for 3 sites
  EXPECT_THROW(generate_movement(o), UsageError);
  o.actors = 12;
  EXPECT_NO_THROW(generate_movement(o));
  o = small(1);
  o.sites = 0;
  EXPECT_THROW(generate_movement(o), UsageError);
  o = small(1);
  o.months = 0;
  EXPECT_THROW(generate_movement(o), UsageError);
  o = small(1);
  o.interactions = 0;
  EXPECT_THROW(generate_movement(o), UsageError);
  for (const double share : {1.0, -0.1, 1.5, std::nan("")}) {
    o = small(1);
    o.attendance_share = share;
    EXPECT_THROW(generate_movement(o), UsageError) << share;
  }
  try {
    o = small(1);
    o.actors = 5;
    generate_movement(o);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("actors"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace movemap
