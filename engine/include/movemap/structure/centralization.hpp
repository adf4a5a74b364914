// Freeman centralization: sum over nodes of (max score - score), divided by
// the largest value that sum can take for a graph of the same order (a star).
// Conventions are igraph's centralization_degree / centralization_betweenness
// (C core igraph_centralization_degree(mode=IGRAPH_ALL, loops=IGRAPH_NO_LOOPS,
// normalized=true) and igraph_centralization_betweenness(directed=true,
// normalized=true); python-igraph 1.0 does not expose them), which tests pin:
//  - degree: self-loops not counted. Undirected: number of incident ties,
//    maximum (n-1)(n-2) (undirected star). Directed: in + out degree ("all";
//    a reciprocated pair counts 2 at each end), maximum 2(n-1)(n-2) (a star
//    whose ties all run both ways), igraph_centralization_degree_tmax with
//    mode=IGRAPH_ALL, loops=IGRAPH_NO_LOOPS. A one-way directed star thus
//    scores 0.5.
//  - betweenness: raw betweenness (directed paths in a directed graph), maximum
//    (n-1)^2 (n-2) / 2 undirected, (n-1)^2 (n-2) directed
//    (igraph_centralization_betweenness_tmax).
// 0 for graphs too small to have a star (n < 3), where igraph divides by 0.
// Cost O(n + m) for degree, O(n) for betweenness given the scores.
#pragma once
#include <vector>

#include "movemap/graph.hpp"

namespace movemap {

double degree_centralization(const Graph& g);
// `raw_betweenness`: node betweenness with normalized = false, one score per
// node (UsageError otherwise).
double betweenness_centralization(const Graph& g, const std::vector<double>& raw_betweenness);

}  // namespace movemap
