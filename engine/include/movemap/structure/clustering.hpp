// Clustering and transitivity on the undirected simple view of the graph:
// direction, weights and self-loops ignored (u and v are neighbours when
// there is a tie either way). This is networkx's clustering / transitivity /
// average_clustering on G.to_undirected() with self-loops removed, and
// igraph's transitivity_local_undirected (mode="zero") /
// transitivity_undirected.
//  - local clustering c(u) = 2 T(u) / (k(u)(k(u) - 1)), 0 when k(u) < 2;
//  - average clustering = mean of c(u) over all nodes (count_zeros=True);
//  - transitivity = 3 * triangles / connected triples, 0 when no triple.
// Parallel over nodes; counts are integers, so results do not depend on the
// thread count. Cost O(m^1.5) (sorted-neighbour intersection).
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"

namespace movemap {

std::vector<std::uint64_t> triangles(const Graph& g);   // per node
std::vector<double> local_clustering(const Graph& g);
double average_clustering(const Graph& g);
double transitivity(const Graph& g);

}  // namespace movemap
