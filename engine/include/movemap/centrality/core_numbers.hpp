// k-core numbers: a level-synchronous peel in the order of Batagelj &
// Zaversnik (2003), O(n + m). Each level finds its first nodes by a scan:
// of all n degrees while at least n/8 nodes are left (reaching level k with
// n/8 nodes left means 2m >= k n / 8, so these scans cost O(m)), then of a
// list of the nodes left, pruned as it goes (a node is scanned at most
// core + 1 times).
//
// Convention: networkx core_number on the graph without self-loops (networkx
// refuses graphs with self-loops; movemap ignores them and says so here).
// For a directed graph the degree is in + out (networkx's convention: a
// reciprocated pair u <-> v counts 2 at each end); undirected, the number of
// distinct neighbours. Serial throughout (the result cannot depend on the
// thread count): degrees are row lengths less a binary search for a
// self-loop in each sorted row (none when the graph has no self-loop), then
// the peel: level k removes the nodes of degree k, each removal lowering
// the neighbours above k, which join the level when they reach k. Each row
// is peeled without data-dependent branches (core_numbers.cpp says how).
// Boost.Graph's core_numbers on UndirectedView (boost_view.hpp) is the test
// oracle: the view shows each directed tie from both ends, i.e. in + out, so
// it agrees for directed and undirected graphs without self-loops (Boost
// counts a self-loop in the degree).
// With AVX-512 (a run-time check; portable build elsewhere, the same
// numbers), rows of 8 or more entries are peeled sixteen entries at a time
// (gather the degrees, scatter the lowered ones: a row holds a neighbour
// once, so no two lanes collide; compress the joiners onto the frontier in
// row order) and the level scans compare sixteen degrees at a time; shorter
// rows stay scalar, where the vector peel was slower (as-22july06, mostly
// rows of 1-2 entries: 0.44 vs 0.39 ms with every row vectorised).
// Measured (centrality_bench, 1 thread, 2026-12-07): generator S undirected
// 0.15 ms, directed 0.23 ms; M undirected 2.4 ms, directed 4.0 ms (the
// portable peel alone, as at commit 0ea9156, the same day: 0.19, 0.32, 3.3
// and 5.6 ms). The
// Batagelj-Zaversnik bucket peel it replaced took 0.34, 0.44, 6.8-8.0 and
// 8.6 ms: its test "neighbour above u's degree" was a branch mispredicted
// for about half the entries, and each move swapped positions through four
// dependent loads. Tried and dropped before: append-only buckets with stale
// entries (8.0 vs 6.1 ms on M) and a branch-free bucket peel through a dummy
// slot (11 vs 7 ms); the same bucket peel with a branch-free first pass per
// row took 0.29 ms on S; the level peel with a pruned list of the remaining
// nodes from the start (no array scan) 0.27 ms.
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"

namespace movemap {

std::vector<std::uint32_t> core_numbers(const Graph& g);

namespace detail {
// Test hooks: the peel runs sixteen entries of a row at a time with AVX-512
// on a CPU that has it, unless use_portable_peel(true) is in effect; both
// give the same core numbers (tests compare them). peel_has_avx512():
// whether this CPU runs the AVX-512 peel.
void use_portable_peel(bool yes);
bool peel_has_avx512();
}  // namespace detail

}  // namespace movemap
