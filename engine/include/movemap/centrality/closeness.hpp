// Closeness and harmonic closeness, defined on disconnected graphs.
//
// Conventions are networkx's, exactly: distances are measured *to* u (for a
// directed graph, along incoming paths: networkx's closeness_centrality and
// harmonic_centrality on a DiGraph).
//  - closeness(u) = (r - 1) / S, where r is the number of nodes that reach u
//    (u included) and S the sum of their distances to u; 0 when r = 1. With
//    wf_improved (default, Wasserman & Faust 1994) it is further scaled by
//    (r - 1) / (n - 1).
//  - harmonic(u) = sum over v != u that reach u of 1 / d(v, u) (not
//    normalised, as networkx; divide by n - 1 for a [0, 1] score).
// Lengths as PathLength says. Parallel over nodes, one BFS / Dijkstra per
// node; each score depends on its own search only, so results are identical
// for any thread count. Cost O(nm) unweighted, O(nm + n^2 log n) weighted.
#pragma once
#include <vector>

#include "movemap/centrality/path_length.hpp"
#include "movemap/graph.hpp"
#include "movemap/progress.hpp"

namespace movemap {

struct ClosenessOptions {
  PathLength length = PathLength::hops;
  bool wf_improved = true;
  ProgressCallback progress;
};

std::vector<double> closeness(const Graph& g, const ClosenessOptions& options = {});
std::vector<double> harmonic_closeness(const Graph& g, const ClosenessOptions& options = {});

}  // namespace movemap
