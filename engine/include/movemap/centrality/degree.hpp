// Degree and strength.
//
// Conventions (networkx's): for an undirected graph the degree of u is the
// number of incident ties with a self-loop counted twice, and strength is the
// sum of incident tie weights with a self-loop's weight counted twice
// (G.degree(weight="weight")). For a directed graph in- and out-degree count
// ties into and out of u (a self-loop once each), degree = in + out. In an
// undirected graph in = out = degree.
// Normalised degree is degree / (n - 1), as networkx's degree_centrality
// (in_degree_centrality, out_degree_centrality); 0 when n <= 1.
// Cost O(n + m), parallel over nodes.
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"

namespace movemap {

struct DegreeResult {
  std::vector<std::uint64_t> in_degree, out_degree, degree;
  std::vector<double> in_strength, out_strength, strength;
};

DegreeResult degree(const Graph& g);

// degree / (n - 1); n <= 1 gives zeros.
std::vector<double> normalized_degree(const std::vector<std::uint64_t>& degree, node_id n);

}  // namespace movemap
