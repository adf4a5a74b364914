#include "movemap/structure/summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "movemap/structure/components.hpp"

namespace movemap {

double density(const Graph& g) {
  const double n = g.num_nodes();
  if (n <= 1) return 0.0;
  const double m = static_cast<double>(g.num_ties());
  return g.directed() ? m / (n * (n - 1)) : 2 * m / (n * (n - 1));
}

double reciprocity(const Graph& g) {
  if (!g.directed()) return std::numeric_limits<double>::quiet_NaN();
  const TieTable& t = g.ties();
  if (t.size() == 0) return 0.0;  // networkx divides by zero here; 0 ties, 0 reciprocated
  std::uint64_t reciprocated = 0;
  for (edge_id e = 0; e < t.size(); ++e) {
    const node_id u = t.source[e], v = t.target[e];
    if (u == v) continue;
    const auto nb = g.out_neighbors(v);
    reciprocated += std::binary_search(nb.begin(), nb.end(), u);
  }
  return static_cast<double>(reciprocated) / static_cast<double>(t.size());
}

NetworkSummary summarize(const Network& net, const Components* weak_in) {
  const Graph& g = net.graph;
  NetworkSummary s;
  s.directed = g.directed();
  s.actors = g.num_nodes();
  s.ties = g.num_ties();
  const TieTable& t = g.ties();
  for (edge_id e = 0; e < t.size(); ++e) {
    s.self_loops += t.source[e] == t.target[e];
    s.total_weight += t.weight[e];
  }
  for (node_id u = 0; u < g.num_nodes(); ++u)
    s.isolates += g.out_entries(u) == 0 && g.in_entries(u) == 0;
  s.density = density(g);
  s.reciprocity = reciprocity(g);
  Components computed;
  if (!weak_in) computed = weak_components(g);
  const Components& weak = weak_in ? *weak_in : computed;
  s.weak_components = weak.count();
  s.strong_components = strong_components(g).count();
  s.largest_component = weak.largest();
  s.largest_component_share = s.actors ? static_cast<double>(s.largest_component) / s.actors : 0.0;
  s.events = net.attendance.num_events();
  s.attendances = net.attendance.num_incidences();
  std::map<std::string, std::uint64_t> roles;
  if (const auto* role = net.attributes.find("role"))
    for (const auto& r : role->values) ++roles[r.empty() ? kUnknownRole : r];
  s.actors_by_role.assign(roles.begin(), roles.end());
  s.stats = net.stats;
  return s;
}

}  // namespace movemap
