// Freeman centralization: sum over nodes of (max score - score), divided by
// the largest value that sum can take for a graph of the same order (a star).
// Conventions are igraph's centralization_degree / centralization_betweenness
// (normalized=True), which tests pin:
//  - degree: undirected, total degree without self-loops, max (n-1)(n-2);
//    directed, in+out degree ("all"), max 2(n-1)(n-2)... as igraph's
//    centralization_degree_tmax(loops=False) gives;
//  - betweenness: raw betweenness, max (n-1)^2 (n-2) / 2 undirected,
//    (n-1)^2 (n-2) directed.
// 0 for graphs too small to have a star (n < 3).
#pragma once
#include <vector>

#include "movemap/graph.hpp"

namespace movemap {

double degree_centralization(const Graph& g);
// `raw_betweenness`: node betweenness with normalized = false.
double betweenness_centralization(const Graph& g, const std::vector<double>& raw_betweenness);

}  // namespace movemap
