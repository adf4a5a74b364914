// Ranks, rising actors and Kendall's tau-b. Tau values from scipy
// (tests/reference/kendall_tau_reference.py).
#include "movemap/temporal/trajectories.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "../support/temporal_logs.hpp"

namespace movemap {
namespace {

TEST(Trajectories, CompetitionRanksPerWindow) {
  WindowNodeValues v;
  v.measures = {"degree"};
  v.window = {0, 0, 0, 0, 1, 1};
  v.measure = {0, 0, 0, 0, 0, 0};
  v.node = {0, 1, 2, 3, 0, 1};
  v.value = {1, 2, 1, 0, std::numeric_limits<double>::quiet_NaN(), 5};
  EXPECT_EQ(window_ranks(v), (std::vector<std::uint32_t>{2, 1, 2, 4, 2, 1}));
}

// Hand log, tumbling 10: degree in w0 a 1, b 2, c 1, d 0 (ranks 2 1 2 4); in
// w4 a 1, b 1 (ranks 1 1). Rising, first -> last window: a +1, b 0.
TEST(Trajectories, RisingActorsOnHandLog) {
  const Network net = testing::hand_network(false);
  IndicatorOptions o;
  o.windows.width = 10;
  o.windows.step = 10;
  o.measures = {"degree"};
  const WindowIndicators r = window_indicators(net, o);
  const auto ranks = window_ranks(r.nodes);
  const RisingActors up = rising_actors(r.nodes, ranks, 5, 10);
  ASSERT_EQ(up.node.size(), 2u);
  EXPECT_EQ(up.node[0], 0u);  // a
  EXPECT_EQ(up.rank_first[0], 2u);
  EXPECT_EQ(up.rank_last[0], 1u);
  EXPECT_EQ(up.gain[0], 1);
  EXPECT_EQ(up.gain[1], 0);
}

TEST(Trajectories, KendallTauB) {
  // scipy.stats.kendalltau([1,2,3,4],[1,3,2,4]) = 0.6666666666666669
  EXPECT_NEAR(kendall_tau_b({1, 2, 3, 4}, {1, 3, 2, 4}), 0.6666666666666666, 1e-15);
  // scipy.stats.kendalltau([1,1,2,3],[1,2,2,3]) = 0.7999999999999999
  EXPECT_NEAR(kendall_tau_b({1, 1, 2, 3}, {1, 2, 2, 3}), 0.8, 1e-15);
  // scipy.stats.kendalltau([3,1,2,2,5,4],[1,1,3,2,6,6]) (see the reference script)
  EXPECT_NEAR(kendall_tau_b({3, 1, 2, 2, 5, 4}, {1, 1, 3, 2, 6, 6}), 0.592999453328881, 1e-12);
  EXPECT_TRUE(std::isnan(kendall_tau_b({1, 1, 1}, {1, 2, 3})));
}

// Against the O(n^2) definition on random vectors with many ties.
TEST(Trajectories, KendallTauBMatchesQuadraticDefinition) {
  std::mt19937_64 rng(3);
  for (int rep = 0; rep < 50; ++rep) {
    const std::size_t n = 2 + rng() % 60;
    std::vector<double> x(n), y(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = static_cast<double>(rng() % 7);
      y[i] = static_cast<double>(rng() % 5);
    }
    double c = 0, d = 0, tx = 0, ty = 0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        const double a = x[i] - x[j], b = y[i] - y[j];
        if (a == 0 && b == 0) continue;
        if (a == 0) tx += 1;
        else if (b == 0) ty += 1;
        else if (a * b > 0) c += 1;
        else d += 1;
      }
    const double denom = std::sqrt((c + d + tx) * (c + d + ty));
    if (denom == 0) continue;
    EXPECT_NEAR(kendall_tau_b(x, y), (c - d) / denom, 1e-12) << rep;
  }
}

TEST(Trajectories, SensitivityOfIdenticalWidthsIsOne) {
  const Network net = testing::random_network(60, 800, 9, false);
  WindowOptions o;
  const WindowSensitivity s = window_sensitivity(net, 1000, {200, 200, 500}, {"degree"}, o);
  ASSERT_EQ(s.tau_b.size(), 3u);
  EXPECT_DOUBLE_EQ(s.tau_b[0], 1.0);  // 200 vs 200
  EXPECT_GT(s.actors[2], 0u);
}

}  // namespace
}  // namespace movemap
