// Network-level summary.
//
// density: networkx's nx.density: m / (n (n-1)) directed, 2m / (n (n-1))
// undirected, self-loops included in m; 0 when n <= 1.
// reciprocity: networkx's overall_reciprocity for directed graphs (share of
// ties whose reverse tie exists; self-loops are not reciprocated); NaN for
// undirected graphs, where it is not defined.
// largest_component_share: size of the largest weak component / n.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "movemap/network.hpp"
#include "movemap/structure/components.hpp"

namespace movemap {

struct NetworkSummary {
  bool directed = false;
  std::uint64_t actors = 0;
  std::uint64_t ties = 0;
  std::uint64_t self_loops = 0;
  std::uint64_t isolates = 0;
  double density = 0;
  double reciprocity = 0;  // NaN when undirected
  double total_weight = 0;
  std::uint64_t weak_components = 0;
  std::uint64_t strong_components = 0;
  std::uint64_t largest_component = 0;
  double largest_component_share = 0;
  std::uint64_t events = 0;
  std::uint64_t attendances = 0;
  std::vector<std::pair<std::string, std::uint64_t>> actors_by_role;  // sorted by role
  NetworkStats stats;
};

double density(const Graph& g);
double reciprocity(const Graph& g);
// `weak` may pass weak components already computed (else computed here).
NetworkSummary summarize(const Network& net, const Components* weak = nullptr);

}  // namespace movemap
