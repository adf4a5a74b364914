#include "movemap/structure/centralization.hpp"

#include <algorithm>
#include <span>
#include <string>

#include "movemap/error.hpp"

namespace movemap {
namespace {

// sum over nodes of (max - score) = n * max - sum, as igraph_centralization.
double freeman_sum(const std::vector<double>& scores) {
  const double max = *std::max_element(scores.begin(), scores.end());
  double sum = 0;
  for (const double x : scores) sum += x;
  return static_cast<double>(scores.size()) * max - sum;
}

}  // namespace

double degree_centralization(const Graph& g) {
  const node_id n = g.num_nodes();
  if (n < 3) return 0.0;
  // Degree without self-loops: the row length, less one where the sorted
  // row holds u itself (a binary search, skipped when the graph has no
  // self-loop). One pass for the largest degree and the sum, as
  // freeman_sum (integers: exact in any order).
  const bool loops = g.num_self_loops() > 0;
  auto without_loop = [loops](std::span<const node_id> row, node_id u) {
    return row.size() - (loops && std::binary_search(row.begin(), row.end(), u) ? 1 : 0);
  };
  std::size_t max = 0, sum = 0;
  for (node_id u = 0; u < n; ++u) {
    std::size_t d = without_loop(g.out_neighbors(u), u);
    if (g.directed()) d += without_loop(g.in_neighbors(u), u);
    max = std::max(max, d);
    sum += d;
  }
  const double nn = n;
  const double tmax = g.directed() ? 2 * (nn - 1) * (nn - 2) : (nn - 1) * (nn - 2);
  return (nn * static_cast<double>(max) - static_cast<double>(sum)) / tmax;
}

double betweenness_centralization(const Graph& g, const std::vector<double>& raw_betweenness) {
  const node_id n = g.num_nodes();
  if (raw_betweenness.size() != n)
    throw UsageError("betweenness_centralization: " + std::to_string(raw_betweenness.size()) +
                     " betweenness scores given for a network of " + std::to_string(n) +
                     " actors; pass the raw (normalized = false) node betweenness of this network");
  if (n < 3) return 0.0;
  const double nn = n;
  const double tmax = (nn - 1) * (nn - 1) * (nn - 2) / (g.directed() ? 1.0 : 2.0);
  return freeman_sum(raw_betweenness) / tmax;
}

}  // namespace movemap
