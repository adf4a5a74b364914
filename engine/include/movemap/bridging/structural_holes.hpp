// Burt's (1992) structural holes: constraint, effective size, efficiency and
// hierarchy for every node.
//
// Contacts and proportions. The contacts N(i) of node i are its neighbours
// other than i: predecessors and successors for a directed graph. Self-loops
// are ignored (Burt's j != i; igraph's constraint ignores them too, while
// networkx counts them: it matches on the graph without self-loops). The
// mutual weight is a_ij = w(i,j) + w(j,i), the sum of the tie weights in
// both directions (an undirected tie counts in both, so a_ij = 2 w(i,j));
// unweighted (weighted = false) every tie has weight 1, so a reciprocated
// directed pair has a_ij = 2 and a one-way pair 1. A pair with a_ij = 0
// (zero-weight ties) is not a contact, as in networkx's default all-nodes
// computation. Weights must be finite and >= 0 (UsageError otherwise).
//   p_ij = a_ij / sum_{k in N(i)} a_ik            (proportional tie strength)
//   m_jq = a_jq / max_{k in N(j)} a_jk            (marginal strength)
//
// Measures (networkx's constraint / local_constraint / effective_size on the
// loop-free graph with weight=None or weight="weight", to ~1e-15 relative;
// for effective size that is nx.effective_size(G, nodes=list(G)): networkx
// 3.6's all-nodes sparse-matrix path divides a_jq by the maximum of q
// instead of j, which differs on weighted or directed graphs - a networkx
// bug; its node-list path, its docs and its UCINET test values agree with
// Burt's formula below):
//  - local constraint c_ij = (p_ij + sum_{q in N(i)} p_iq p_qj)^2;
//  - constraint C_i = sum_{j in N(i)} c_ij (igraph's Graph.constraint gives
//    the same on simple graphs);
//  - effective size E_i = sum_{j in N(i)} (1 - sum_{q in N(i)} p_iq m_jq);
//    for unweighted undirected graphs this equals Borgatti's (1997)
//    n - 2t/n (n = |N(i)|, t = ties among the contacts), which networkx uses
//    when given a node list;
//  - efficiency = E_i / |N(i)| (Burt: effective size over the number of
//    contacts; networkx's documentation divides by G.degree, which agrees on
//    undirected loop-free graphs but counts a reciprocated directed pair
//    twice);
//  - hierarchy (Burt 1992, p. 71; the Coleman-Theil disorder index of the
//    local constraints, as in Burt's STRUCTURE and UCINET):
//      H_i = sum_{j in N(i)} r_j ln r_j / (N ln N),
//      r_j = c_ij / (C_i / N), N = |N(i)|, with 0 ln 0 = 0.
//    H is 0 when the constraint is spread evenly over the contacts and
//    tends to 1 as it concentrates on one. For N = 1 the formula is 0/0 and
//    hierarchy is NaN (undefined, like the isolate case).
// Nodes without contacts (isolates, or only self-loops / zero-weight ties)
// get NaN for all four, as networkx does for constraint and effective size.
//
// Cost: O(n + m) to build the contact lists, then O(sum_i |N(i)|^2) time;
// O(n) scratch per thread (a marker array). Parallel over nodes; each node's
// values are computed serially in adjacency order, so the results are
// bit-identical for any number of threads.
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
