// Momentum columns and arrival cohorts on hand-built logs (answers worked
// out in the comments).
#include "movemap/temporal/momentum.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "movemap/error.hpp"
#include "../support/temporal_logs.hpp"

namespace movemap {
namespace {

using V = std::vector<double>;

// From the tumbling-10 windows of the hand log (indicators_test.cpp):
// A = 4 2 2 0 2, N = 4 0 1 0 0, R = 0 0 1 0 2, L = 0 2 2 2 0.
// growth g = nan, -0.5, 0, -1, nan (A_3 = 0); acceleration nan, nan, 0.5, -1, nan;
// net inflow x = 4/4, -2/4, 0/4, -2/2, 2/2; momentum (alpha 0.5)
// 1, 0.25, 0.125, -0.4375, 0.28125.
TEST(Momentum, HandLogColumns) {
  const Network net = testing::hand_network(false);
  MomentumOptions o;
  o.indicators.windows.width = 10;
  o.indicators.windows.step = 10;
  const MomentumResult r = momentum(net, o);
  const SeriesTable& t = r.windows.overall;
  const V g = t.at("growth_rate").values, a = t.at("acceleration").values;
  EXPECT_TRUE(std::isnan(g[0]));
  EXPECT_EQ(g[1], -0.5);
  EXPECT_EQ(g[2], 0);
  EXPECT_EQ(g[3], -1);
  EXPECT_TRUE(std::isnan(g[4]));
  EXPECT_TRUE(std::isnan(a[1]));
  EXPECT_EQ(a[2], 0.5);
  EXPECT_EQ(a[3], -1);
  EXPECT_TRUE(std::isnan(a[4]));
  EXPECT_EQ(t.at("net_inflow").values, (V{1, -0.5, 0, -1, 1}));
  EXPECT_EQ(t.at("momentum").values, (V{1, 0.25, 0.125, -0.4375, 0.28125}));
  o.span = 0.5;
  EXPECT_THROW(momentum(net, o), UsageError);
}

// a-b 2024-01-15, a-c 2024-02-10, c-d 2024-03-05, e attends alone 2024-03-20.
// Cohorts: Jan {a, b}: k0 2, k1 1 (a in Feb), k2 0; Feb {c}: k0 1, k1 1;
// Mar {d, e}: k0 2.
TEST(Momentum, ArrivalCohorts) {
  InteractionLogBuilder b;
  InteractionBatch x;
  x.push_back(1705276800, "a", "b", "", "", 1);
  x.push_back(1707523200, "a", "c", "", "", 1);
  x.push_back(1709596800, "c", "d", "", "", 1);
  x.push_back(1710892800, "e", "", "ev", "", 1);
  b.append(x);
  NetworkOptions no;
  no.keep_contacts = true;
  const Network net = build_network(b.finish(), nullptr, no);
  const Cohorts c = arrival_cohorts(net);
  EXPECT_EQ(c.cohort, (std::vector<timestamp>{1704067200, 1704067200, 1704067200, 1706745600, 1706745600,
                                                  1709251200}));
  EXPECT_EQ(c.months_since, (std::vector<std::uint32_t>{0, 1, 2, 0, 1, 0}));
  EXPECT_EQ(c.size, (std::vector<std::uint64_t>{2, 2, 2, 1, 1, 2}));
  EXPECT_EQ(c.active, (std::vector<std::uint64_t>{2, 1, 0, 1, 1, 2}));
  EXPECT_EQ(c.share, (V{1, 0.5, 0, 1, 1, 1}));
}

}  // namespace
}  // namespace movemap
