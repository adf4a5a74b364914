// Computed per-node columns handed to the writers (GraphML, CSV, JSON).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "movemap/network.hpp"

namespace movemap {

struct MeasureColumn {
  std::string name;
  bool integer = false;            // written as GraphML "long", else "double"
  std::vector<std::int64_t> ints;  // when integer
  std::vector<double> reals;       // otherwise
};

struct NodeMeasures {
  std::vector<MeasureColumn> columns;

  template <class Int>
  void add_integer(std::string name, const std::vector<Int>& v) {
    MeasureColumn c{std::move(name), true, {}, {}};
    c.ints.assign(v.begin(), v.end());
    columns.push_back(std::move(c));
  }
  void add_real(std::string name, std::vector<double> v) {
    columns.push_back(MeasureColumn{std::move(name), false, {}, std::move(v)});
  }
};

// Computed per-tie columns (tie betweenness), indexed by tie id, written
// after the fixed tie columns (GraphML edge keys e5.., CSV columns after
// kinds) as doubles.
using TieColumns = std::vector<std::pair<std::string, std::vector<double>>>;
// Throws movemap::Error unless every column has one value per tie.
void check_tie_columns(const Network& net, const TieColumns& columns);

// What node attributes an export carries. By default every actor-table
// column; `attributes` (when non-empty) keeps only the named ones ("id" is
// always written); `labels` = false drops the label column.
struct ExportOptions {
  std::vector<std::string> attributes;
  bool labels = true;
  bool keeps(const std::string& column) const {
    if (column == "label" && !labels) return false;
    if (attributes.empty()) return true;
    for (const auto& a : attributes)
      if (a == column) return true;
    return false;
  }
};

// The first measures every export carries (movemap map, Python writers):
// in_degree, out_degree (directed only), degree, in_strength, out_strength
// (directed only), strength, component (weak component id).
NodeMeasures degree_measures(const Network& net);

// A tie's kinds as written: distinct kind names sorted by name, joined
// with ';'.
std::string tie_kinds_text(const Network& net, edge_id tie);

}  // namespace movemap
