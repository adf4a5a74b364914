// Mixing between groups (role, site, community, any attribute): tie matrices,
// attribute assortativity and the E-I index.
//
// TODO(helper B): state the conventions (matrix rows = source group;
// undirected ties counted in both cells (or once on the diagonal?); networkx's
// attribute_assortativity_coefficient; Krackhardt-Stern E-I = (E - I)/(E + I)
// per group and overall; the permutation test: group labels shuffled with a
// seeded generator, p-value with the +1 correction).
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
  double expected = 0;                            // mean overall E-I under permutation
  double p_value = 1;                             // two-sided, permutation test
  std::uint32_t permutations = 0;
};

EIIndex ei_index(const Graph& g, const std::vector<std::uint32_t>& group, std::uint32_t groups,
                 const EIIndexOptions& options = {});

}  // namespace movemap
