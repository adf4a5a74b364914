// Bridges and articulation points (cut points) of the undirected view, with
// for each articulation point how many actors its removal would cut off.
//
// Conventions (match networkx's bridges() and articulation_points() on
// G.to_undirected() with self-loops removed):
// - Directions are ignored. In a directed graph a reciprocal pair u -> v,
//   v -> u (two tie ids) is ONE undirected edge: if that edge is a bridge,
//   BOTH tie ids are listed in `bridges`, and both carry the same
//   `bicomponent`. (Counted as two parallel edges the pair could never be a
//   bridge; a researcher asks whether u and v would fall apart.)
// - Self-loops are ignored: never bridges, bicomponent[t] = kNone.
// - bridges: tie ids, ascending. articulation_points: node ids, ascending
//   (a node whose removal increases the number of components of the
//   undirected view).
// - cut_off[v]: with C the weak component of v, the number of actors of
//   C \ {v} that are NOT in the largest piece left when v is removed, i.e.
//   the actors v cuts off from the main body of its component: |C| - 1 minus
//   the size of the largest component of C \ {v}. 0 for every node that is
//   not an articulation point. Pieces of equal size: one of them counts as
//   the largest (the figure does not depend on which).
// - bicomponent[t]: id of the biconnected component of tie t (Boost's
//   biconnected_components edge map, with the convention above for
//   reciprocal pairs); ids 0..bicomponents-1, numbered by the smallest tie id
//   in each component (bicomponent[0] == 0 unless tie 0 is a self-loop). A
//   bridge is a bicomponent of one undirected edge. Isolated nodes and nodes
//   with only self-loops belong to no bicomponent.
//
// Algorithm: one iterative Hopcroft-Tarjan depth-first search (no recursion,
// so graphs of millions of actors do not overflow the stack) with DFS
// subtree sizes, which give every node's pieces. Boost.Graph's
// biconnected_components / articulation_points are the test oracle. Serial;
// O(n + m) time, about 6 words of scratch per node. Deterministic.
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"

namespace movemap {

struct CutPoints {
  std::vector<edge_id> bridges;               // tie ids, ascending
  std::vector<node_id> articulation_points;   // ascending
  std::vector<std::uint64_t> cut_off;         // per node; 0 unless an articulation point
  std::vector<std::uint32_t> bicomponent;     // per tie: biconnected component id
  std::uint32_t bicomponents = 0;
};

CutPoints cut_points(const Graph& g);

}  // namespace movemap
