// Communities: Louvain and Leiden (parallel, seeded, deterministic for a seed
// whatever the thread count), modularity with a resolution parameter, and the
// Guimera-Amaral roles of each actor.
//
// TODO(helper C): state the conventions (directed graphs: the undirected view
// with w(u,v) + w(v,u), as igraph requires undirected; networkx's modularity
// with resolution gamma; how determinism is obtained; the Leiden refinement;
// participation coefficient and within-module degree z-score definitions).
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"
#include "movemap/progress.hpp"

namespace movemap {

struct CommunityOptions {
  double resolution = 1.0;
  std::uint64_t seed = 1;
  bool weighted = true;
  ProgressCallback progress;
};

struct Partition {
  std::vector<std::uint32_t> community;  // per node, 0..count-1, numbered by smallest member node id
  std::uint32_t count = 0;
  double modularity = 0;
  std::uint32_t levels = 0;              // aggregation levels run
};

Partition louvain(const Graph& g, const CommunityOptions& options = {});
Partition leiden(const Graph& g, const CommunityOptions& options = {});

double modularity(const Graph& g, const std::vector<std::uint32_t>& community, double resolution = 1.0,
                  bool weighted = true);

struct CommunityRoles {
  std::vector<double> participation;     // participation coefficient P_i
  std::vector<double> within_module_z;   // within-community degree z-score z_i
};

CommunityRoles community_roles(const Graph& g, const std::vector<std::uint32_t>& community, bool weighted = true);

}  // namespace movemap
