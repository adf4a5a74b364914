// Mixing between groups (role, site, community, any attribute): tie matrices,
// attribute assortativity and the E-I index.
//
// group[v] in 0..groups-1 for every actor (otherwise UsageError). Ties are
// the aggregated ties of the Graph (repeated interactions are one tie);
// counts are unweighted, as in networkx.
//
// mixing_matrix: networkx's attribute_mixing_matrix(G, attr, mapping =
// identity, normalized=False). Rows = group of the source, columns = group
// of the target. A directed tie counts once in [g(source)][g(target)]
// (a reciprocal pair is two ties). An undirected tie {u, v}, u != v, counts
// in [g(u)][g(v)] AND in [g(v)][g(u)] (so twice on the diagonal when both
// ends share a group); an undirected self-loop once on the diagonal (a
// directed self-loop too). `weight` holds the same cells with the same
// multiplicity, summing tie weights (summed in tie-id order). Dense
// groups x groups: meant for up to a few thousand groups.
//
// attribute_assortativity: networkx's attribute_assortativity_coefficient
// (Newman 2003, eq. 2) on that matrix e normalised to sum 1:
// r = (trace e - sum_i a_i b_i) / (1 - sum_i a_i b_i), a/b its row/column
// sums. Self-loops included exactly as networkx includes them. NaN when one
// group holds every tie end (networkx: nan) and when there are no ties
// (there networkx returns 0.0, an artefact of its empty matrix; igraph's
// assortativity_nominal gives NaN, as we do). Undirected graphs also equal
// igraph's assortativity_nominal(directed=False) (checked on karate).
// Agrees with networkx to ~1e-15 (different summation order).
//
// ei_index (Krackhardt & Stern 1988): E-I = (E - I) / (E + I), from -1 (all
// ties internal) to +1 (all external). Each tie counts once (an undirected
// tie once; a directed reciprocal pair as two ties); self-loops are ignored.
// Per group g: I = ties with both ends in g, E = ties with exactly one end in
// g; ei[g] NaN when g has no ties. Overall: I = ties within any group, E =
// ties between groups (each once, so sum_g external[g] = 2 total_external);
// overall NaN without ties.
// Permutation test (permutations > 0 and at least one tie): group labels are
// shuffled across ALL actors (isolated ones too; group sizes kept) by
// Fisher-Yates, and the overall E-I recomputed on the same ties.
// Permutation i draws from its own splitmix64 stream started at
// splitmix64(splitmix64(seed) + i), bounded draws by Lemire's unbiased
// multiply-and-reject; so results are identical for any thread count and on
// any platform. expected = mean of the permuted E-I (summed in permutation
// order); p_value = (1 + #{i : |EI_i - expected| >= |EI_obs - expected|
// (within 1e-12)}) / (1 + permutations), two-sided, never 0. Without a test
// (permutations = 0, or no ties) expected and p_value are NaN and
// permutations = 0.
// Cost: matrix and counts O(n + m) serial; the test O(P (n + m)) in parallel
// over permutations (TBB, per-thread label scratch).
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"

namespace movemap {

struct MixingMatrix {
  std::uint32_t groups = 0;
  std::vector<std::uint64_t> ties;   // groups x groups, row-major [from * groups + to]
  std::vector<double> weight;        // the same cells, summed tie weights
};

MixingMatrix mixing_matrix(const Graph& g, const std::vector<std::uint32_t>& group, std::uint32_t groups);

// networkx's attribute_assortativity_coefficient (NaN when undefined).
double attribute_assortativity(const Graph& g, const std::vector<std::uint32_t>& group, std::uint32_t groups);

struct EIIndexOptions {
  std::uint32_t permutations = 1000;  // 0: no test
  std::uint64_t seed = 1;
};

struct EIIndex {
  std::vector<std::uint64_t> internal, external;  // per group
  std::vector<double> ei;                         // per group, NaN when the group has no ties
  std::uint64_t total_internal = 0, total_external = 0;
  double overall = 0;                              // whole-network E-I
  double expected = 0;                            // mean overall E-I under permutation (NaN: no test)
  double p_value = 1;                             // two-sided, permutation test (NaN: no test)
  std::uint32_t permutations = 0;                 // permutations run (0: no test)
};

EIIndex ei_index(const Graph& g, const std::vector<std::uint32_t>& group, std::uint32_t groups,
                 const EIIndexOptions& options = {});

}  // namespace movemap
