// Node trajectories: ranks of node measures per window, the actors whose
// rank rose most, and how sensitive the final rankings are to the window
// width.
//
// Ranks (window_ranks): within one window and measure, over the actors
// present in that window: rank 1 = the largest value; equal values share
// the smallest rank of their group ("competition" ranking, pandas
// rank(method="min", ascending=False)); NaN values rank last, after every
// number, equal to one another.
// Rising actors (rising_actors): per measure, the actors present in both
// the first and the last window, with gain = rank in the first window -
// rank in the last (positive = climbed); the `top` largest gains, ties by
// node id. Rank numbers grow with the window's size, so a growing network
// lowers everyone's gain alike; the order is what matters.
// Window sensitivity (window_sensitivity): for each width W in `widths`, the
// window [E - W, E) ending where the last window ends (E), with the same
// lapse and half-life; the node measure computed on each; for each pair of
// widths, Kendall's tau-b between the two value vectors over the actors
// present in both (tau-b = (C - D) / sqrt((n0 - n1)(n0 - n2)), n0 = n(n-1)/2,
// n1 / n2 the pairs tied in the first / second ranking: scipy.stats.kendalltau
// default, variant 'b'; NaN when either ranking is constant or fewer than 2
// actors). Knight's O(n log n) algorithm (merge sort counting swaps).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "movemap/network.hpp"
#include "movemap/temporal/indicators.hpp"

namespace movemap {

// Rank per row of `values` (rows grouped by window and measure as
// window_indicators produces them).
std::vector<std::uint32_t> window_ranks(const WindowNodeValues& values);

struct RisingActors {
  std::vector<std::uint32_t> measure;  // index into WindowNodeValues::measures
  std::vector<node_id> node;
  std::vector<std::uint32_t> rank_first, rank_last;
  std::vector<std::int64_t> gain;
};
RisingActors rising_actors(const WindowNodeValues& values, const std::vector<std::uint32_t>& ranks,
                           std::uint32_t windows, std::size_t top);

// Kendall's tau-b of two equally long vectors (NaN compares equal to NaN
// and above every number).
double kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y);

struct WindowSensitivity {
  std::vector<timestamp> widths;
  std::vector<std::string> measure;
  std::vector<timestamp> width_a, width_b;
  std::vector<std::uint64_t> actors;  // present in both windows
  std::vector<double> tau_b;
};
// `end` is the end of the final window; `options.windows` supplies lapse
// and half-life. Throws UsageError for a width <= 0.
WindowSensitivity window_sensitivity(const Network& net, timestamp end, const std::vector<timestamp>& widths,
                                     const std::vector<std::string>& measures, const WindowOptions& options);

// The values of one node measure (window_measure_names()) on a window graph.
std::vector<double> window_node_measure(const Graph& g, const std::string& measure);

}  // namespace movemap
