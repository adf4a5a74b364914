// Bridges and articulation points (Boost.Graph's biconnected_components and
// articulation_points on the undirected view), with for each articulation
// point how many actors its removal would cut off.
//
// TODO(helper B): state the conventions (directions ignored; self-loops and
// parallel directions; what "cut off" counts exactly: actors of its
// component that are no longer in the largest remaining part).
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
