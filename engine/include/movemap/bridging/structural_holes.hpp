// Burt's (1992) structural holes: constraint, effective size, efficiency and
// hierarchy for every node.
//
// TODO(helper A): state every convention here (networkx's constraint /
// effective_size / local_constraint where they overlap; Burt 1992 for
// hierarchy; directed graphs use predecessors and successors; mutual weights
// w(u,v) + w(v,u); isolates give NaN as networkx does; weighted/unweighted).
#pragma once
#include <vector>

#include "movemap/graph.hpp"
#include "movemap/progress.hpp"

namespace movemap {

struct StructuralHolesOptions {
  bool weighted = true;        // false: every tie has weight 1
  ProgressCallback progress;   // fraction done; false cancels (throws Cancelled)
};

struct StructuralHoles {
  std::vector<double> constraint;      // per node
  std::vector<double> effective_size;  // per node
  std::vector<double> efficiency;      // effective size / number of neighbours
  std::vector<double> hierarchy;       // Burt's hierarchy (Coleman-Theil disorder)
};

StructuralHoles structural_holes(const Graph& g, const StructuralHolesOptions& options = {});

}  // namespace movemap
