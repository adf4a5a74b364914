// k-core numbers (Batagelj & Zaversnik 2003, O(n + m) bucket peeling).
//
// Convention: networkx core_number on the graph without self-loops (networkx
// refuses graphs with self-loops; movemap ignores them and says so here).
// For a directed graph the degree is in + out (networkx's convention);
// undirected, the number of distinct neighbours. Boost.Graph's core_numbers
// on the same graph is the test oracle (or the kernel, whichever is faster:
// see bench/centrality_bench.cpp).
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"

namespace movemap {

std::vector<std::uint32_t> core_numbers(const Graph& g);

}  // namespace movemap
