// Connected components, through Boost.Graph on the CSR (boost_view.hpp).
//
// weak_components: components of the graph with directions ignored (Boost's
// connected_components). strong_components: Boost's strong_components
// (Tarjan); for an undirected graph they equal the weak ones.
// Component ids are renumbered so that component 0 holds node 0, and ids
// increase with each component's smallest node id. Cost O(n + m).
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"

namespace movemap {

struct Components {
  std::vector<std::uint32_t> component;  // per node
  std::vector<std::uint64_t> size;       // per component
  std::uint32_t count() const { return static_cast<std::uint32_t>(size.size()); }
  std::uint64_t largest() const;
};

Components weak_components(const Graph& g);
Components strong_components(const Graph& g);

}  // namespace movemap
