// The movement generator: determinism, exact sizes, structure promised in
// generator.hpp.
#include "movemap/generator.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

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

TEST(Generator, SameSeedSameMovementDifferentSeedDifferent) {
  const auto a = generate_movement(small(5)), b = generate_movement(small(5)), c = generate_movement(small(6));
  EXPECT_EQ(a.time, b.time);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.target, b.target);
  EXPECT_EQ(a.event, b.event);
  EXPECT_EQ(a.weight, b.weight);
  ASSERT_EQ(a.actors.size(), b.actors.size());
  for (std::size_t i = 0; i < a.actors.size(); ++i) EXPECT_EQ(a.actors[i].label, b.actors[i].label);
  EXPECT_NE(a.source, c.source);
}

TEST(Generator, ExactCountsSortedTimesAndOneOfTargetOrEvent) {
  const GeneratorOptions o = small(1);
  const auto g = generate_movement(o);
  EXPECT_EQ(g.actors.size(), o.actors);
  ASSERT_EQ(g.rows(), o.interactions);
  std::size_t attendance = 0;
  for (std::size_t i = 0; i < g.rows(); ++i) {
    if (i) {
      ASSERT_LE(g.time[i - 1], g.time[i]);
    }
    ASSERT_NE(g.target[i] == kNone, g.event[i] == kNone) << "row " << i;
    ASSERT_LT(g.source[i], g.actors.size());
    if (g.target[i] != kNone) {
      ASSERT_LT(g.target[i], g.actors.size());
      ASSERT_NE(g.source[i], g.target[i]);
    } else {
      ++attendance;
      ASSERT_LT(g.event[i], g.events.size());
    }
    ASSERT_TRUE(std::isfinite(g.weight[i]) && g.weight[i] > 0);
    ASSERT_LT(g.kind[i], g.kinds.size());
    ASSERT_GE(g.time[i], o.start);
    ASSERT_LT(g.time[i], o.start + static_cast<timestamp>(o.months * 31LL * 86400));
  }
  EXPECT_NEAR(static_cast<double>(attendance) / g.rows(), o.attendance_share, 0.01);
}

TEST(Generator, EveryRoleInEverySiteAndUniqueIds) {
  const auto g = generate_movement(small(2));
  std::set<std::pair<std::string, std::string>> site_roles;
  std::set<std::string> ids;
  for (const auto& a : g.actors) {
    site_roles.emplace(a.site, a.role);
    EXPECT_TRUE(ids.insert(a.id).second) << a.id;
    EXPECT_FALSE(a.label.empty());
  }
  EXPECT_EQ(site_roles.size(), 3u * 4u);
}

TEST(Generator, NobodyActsBeforeJoining) {
  const auto g = generate_movement(small(3));
  for (std::size_t i = 0; i < g.rows(); ++i) {
    ASSERT_LE(g.actors[g.source[i]].joined, g.time[i]);
    if (g.target[i] != kNone) {
      ASSERT_LE(g.actors[g.target[i]].joined, g.time[i]);
    }
  }
}

TEST(Generator, MomentumBuilds) {
  // Arrivals accelerate: more activity in the second half than in the first.
  const GeneratorOptions o = small(4);
  const auto g = generate_movement(o);
  const timestamp mid = o.start + static_cast<timestamp>(o.months * 30.436875 * 86400 / 2);
  std::size_t first = 0;
  for (const timestamp t : g.time) first += t < mid;
  EXPECT_LT(first, g.rows() / 2);
}

TEST(Generator, RejectsImpossibleOptions) {
  GeneratorOptions o = small(1);
  o.actors = 11;  // < 4 per site for 3 sites
  EXPECT_THROW(generate_movement(o), UsageError);
  o = small(1);
  o.months = 0;
  EXPECT_THROW(generate_movement(o), UsageError);
  o = small(1);
  o.attendance_share = 1.0;
  EXPECT_THROW(generate_movement(o), UsageError);
  o = small(1);
  o.interactions = 0;
  EXPECT_THROW(generate_movement(o), UsageError);
}

}  // namespace
}  // namespace movemap
