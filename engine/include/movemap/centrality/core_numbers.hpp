// k-core numbers (Batagelj & Zaversnik 2003, O(n + m) bucket peeling).
//
// Convention: networkx core_number on the graph without self-loops (networkx
// refuses graphs with self-loops; movemap ignores them and says so here).
// For a directed graph the degree is in + out (networkx's convention: a
// reciprocated pair u <-> v counts 2 at each end); undirected, the number of
// distinct neighbours. Serial throughout (the result cannot depend on the
// thread count): degrees are row lengths less a binary search for a
// self-loop in each sorted row, then one bin-sort peel over the CSR arrays.
// Boost.Graph's core_numbers on UndirectedView (boost_view.hpp) is the test
// oracle: the view shows each directed tie from both ends, i.e. in + out, so
// it agrees for directed and undirected graphs without self-loops (Boost
// counts a self-loop in the degree). Measured on 10^5 nodes (0.34M and 1.4M
// ties, 2 cores, loaded machine): this kernel 17-83 ms, Boost 28-91 ms,
// igraph's coreness 210 ms on the larger one, so this is the kernel.
// Since then (2026-11-25, centrality_bench, 1 thread, CPU time on a shared
// machine): generator S undirected 0.25-0.40 ms (was 0.55-0.57 with a
// parallel degree pass and a per-neighbour callback), M 6.8-8.0 ms
// undirected (7.7-8.5) and 8.6 ms directed (13.6-14.5). Tried and dropped:
// append-only buckets with stale entries (slower: 8.0 vs 6.1 ms on M) and a
// branch-free peel through a dummy slot (slower: 11 vs 7 ms).
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"

namespace movemap {

std::vector<std::uint32_t> core_numbers(const Graph& g);

}  // namespace movemap
