// Communities: Louvain and Leiden (parallel, seeded, deterministic for a seed
// whatever the thread count), modularity with a resolution parameter, and the
// Guimera-Amaral roles of each actor.
//
// Undirected view. Everything here works on one weighted undirected graph:
// an undirected graph as it is; a directed graph symmetrised with
// w{u,v} = w(u,v) + w(v,u) (the adjacency matrix A + A^T; igraph's
// as_undirected(mode="collapse", combine_edges="sum")), a directed self-loop
// keeping its weight w. Weights are the tie weights when `weighted`, else 1
// per tie (so a reciprocated directed pair weighs 2). Weights must be finite
// and >= 0 (UsageError otherwise); zero-weight ties change nothing.
//
// modularity: networkx.algorithms.community.modularity of that view,
//   Q = sum_c [ L_c / m - gamma * (d_c / 2m)^2 ]
// with m the total tie weight, L_c the weight of ties inside c and d_c the
// sum of the strengths of c's members; a self-loop of weight w counts w in m
// and L_c and 2w in the strength (networkx's convention). Labels may be any
// uint32 values; a graph without (positive) ties has Q = 0 (networkx divides
// by zero there, igraph returns NaN). O(n log n + m).
//
// louvain: Blondel, Guillaume, Lambiotte & Lefebvre 2008 with resolution
// gamma (igraph's community_multilevel, networkx's louvain_communities). Each
// level: local moving, then aggregation (one node per community, ties summed,
// ties inside a community become its self-loop) until a level merges
// nothing. Local moving visits the nodes in a random order drawn from the
// seed, cut into batches of max(1, n/64) nodes; the best move of every node
// of a batch (to a neighbouring community, or alone into an empty one) is
// decided in parallel against the state at the start of the batch, then the
// moves are applied serially in visiting order. The result therefore depends
// on the seed and the graph only, never on the thread count (small levels,
// n < 128, are exactly the sequential algorithm). A move into a community
// that an earlier move of the same batch emptied is dropped, so two
// singletons deciding in the same batch cannot swap. A node moves only for a
// modularity gain > 1e-13. Passes repeat until none moves or a pass gains
// < 1e-7 in modularity. After the last level, local moving of the original
// nodes from the multilevel partition runs until a pass moves nothing (at
// most 1000 passes): no single node move (to any community, or to a new one)
// then improves modularity by more than 1e-13. This final phase is not in
// Blondel et al.; it only raises modularity.
//
// leiden: Traag, Waltman & van Eck 2019 with the modularity objective
// (node weights = strengths, resolution gamma / 2m, as igraph's
// community_leiden(objective_function="modularity")). Per level: local moving
// (the routine above), refinement (Algorithm A.2: within each community,
// singletons that are well connected, E(v, C - v) >= gamma/2m k_v (d_C - k_v),
// join a well-connected refined community T chosen at random with
// probability ~ exp(gain / 0.01), gain = w(v, T) - gamma/2m k_v d_T >= 0 in
// tie-weight units as igraph's beta = 0.01; staying alone is a candidate
// with gain 0), aggregation on the refined partition with the non-refined
// partition as the initial partition of the aggregate. If the refinement
// merges nothing the level aggregates on the partition itself (as igraph).
// Communities are refined in parallel, each with its own random stream
// (seed, iteration, level, community): thread-independent. Iterations repeat
// from the previous partition until one leaves it unchanged (igraph's
// n_iterations = -1), at most 100.
//
// Both return communities numbered 0..count-1 by smallest member node id,
// `modularity` recomputed serially-equivalently by modularity() on the
// result, and `levels`, the aggregation levels run (for Leiden, the deepest
// of its iterations). Cost: O(m) per pass, typically O(m log n) in all.
// Progress is reported once per local-moving pass (an increasing estimate,
// 1.0 at the end); a cancelled callback throws Cancelled.
//
// community_roles: Guimera & Amaral 2005 on the undirected view without
// self-loops. k_i = strength (degree when !weighted), k_is = weight of i's
// ties to members of s. Participation P_i = 1 - sum_s (k_is / k_i)^2 (0 for
// a node without ties). Within-module z_i = (k_i,s_i - mean_s) / sd_s, mean
// and population standard deviation of k_j,s over the members j of i's
// community s; z_i = 0 when sd_s = 0 (e.g. a singleton). O(n log n + m).
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
