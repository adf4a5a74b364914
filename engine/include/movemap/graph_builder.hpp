// The parallel graph builder (TBB), the one place a Graph is made.
//
// Interactions are aggregated into ties: count, weight sum, first and last
// seen, and the set of kinds. The steps follow GAPBS's builder: count
// interactions per source (undirected: per smaller endpoint), prefix sum,
// scatter row indices into buckets, sort each bucket by (target, row) and
// aggregate runs. Sorting by row index inside a tie makes the weight sum
// independent of the thread count (bit-for-bit). Then the CSR(s) are laid out
// the same way from the tie table. O(m log d) work for m interactions and
// largest bucket d; memory about 16 bytes per interaction while building.
#pragma once
#include <cstdint>
#include <functional>
#include <span>

#include "movemap/graph.hpp"
#include "movemap/progress.hpp"

namespace movemap {

// One interaction between two actors (all spans the same length). `kind`
// may be empty (no kinds) and holds kNone for rows without a kind.
struct TieInput {
  std::span<const node_id> source;
  std::span<const node_id> target;
  std::span<const timestamp> time;
  std::span<const double> weight;
  std::span<const std::uint32_t> kind;
};

struct GraphBuildOptions {
  bool directed = false;
};

Graph build_graph(node_id num_nodes, const TieInput& input, const GraphBuildOptions& options);

// The same; `release_input` is called as soon as the input spans are no
// longer read (after the scatter), so a caller that owns them can free them
// before the tie table is built.
Graph build_graph(node_id num_nodes, const TieInput& input, const GraphBuildOptions& options,
                  const std::function<void()>& release_input);

// A Graph from an already aggregated tie table (sorted by (source, target),
// undirected ties with source <= target, no duplicates): only the CSR(s) are
// laid out, the tie values are kept as given. Used to restrict a network to
// some of its ties (subnetwork.hpp). Throws UsageError when the table is not
// sorted or names a node >= num_nodes. O(n + m).
Graph graph_from_ties(node_id num_nodes, TieTable ties, bool directed);

}  // namespace movemap
