#include "io/node_measures.hpp"

#include <algorithm>

#include "movemap/centrality/degree.hpp"
#include "movemap/error.hpp"
#include "movemap/structure/components.hpp"

namespace movemap {

NodeMeasures degree_measures(const Network& net) {
  DegreeResult deg = degree(net.graph);
  const Components weak = weak_components(net.graph);
  NodeMeasures m;
  if (net.directed()) {
    m.add_integer("in_degree", deg.in_degree);
    m.add_integer("out_degree", deg.out_degree);
  }
  m.add_integer("degree", deg.degree);
  if (net.directed()) {
    m.add_real("in_strength", std::move(deg.in_strength));
    m.add_real("out_strength", std::move(deg.out_strength));
  }
  m.add_real("strength", std::move(deg.strength));
  m.add_integer("component", weak.component);
  return m;
}

void check_tie_columns(const Network& net, const TieColumns& columns) {
  for (const auto& [name, values] : columns)
    if (values.size() != net.graph.num_ties())
      throw Error("tie column \"" + name + "\" has " + std::to_string(values.size()) + " values for " +
                  std::to_string(net.graph.num_ties()) + " ties");
}

std::string tie_kinds_text(const Network& net, edge_id tie) {
  const auto ids = net.graph.ties().kinds(tie);
  if (ids.size() == 1) return std::string(net.kinds.name(ids[0]));
  std::vector<std::string_view> names;
  names.reserve(ids.size());
  for (const auto k : ids) names.push_back(net.kinds.name(k));
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto n : names) {
    if (!out.empty()) out += ';';
    out += n;
  }
  return out;
}

}  // namespace movemap
