// Bindings for the bridging suite: one call into the shared registry
// (io/bridging_measures.hpp, the same code `movemap bridging` runs) with the
// GIL released, progress and Ctrl-C through python_progress.hpp, and every
// numeric column handed to numpy without copying. The pandas surface is
// Network.bridging in network.py.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "bindings/network_object.hpp"
#include "bindings/numpy_array.hpp"
#include "bindings/python_progress.hpp"
#include "bindings/register.hpp"
#include "io/bridging_measures.hpp"
#include "movemap/error.hpp"

namespace py = pybind11;
namespace mm = movemap;
using movemap::bindings::node_column_arrays;
using movemap::bindings::owned_array;
using movemap::bindings::string_list;
using movemap::bindings::tie_column_arrays;
using movemap::bindings::PyNetwork;
using movemap::bindings::PythonProgress;

namespace {

// {"measures", "group_by", "groups": {attr: {"names": [...], "sizes": array,
//  "code": array}}, "nodes": {column: array}, "ties": {column: array},
//  "tables": {name: {"kind", "attribute", "columns": {column: array|list},
//  "blank": {column: bool array of suppressed cells}}},
//  "network": {name: float}, "notes": {name: str}}.
py::dict to_python(mm::BridgingOutput&& out) {
  py::dict nodes = node_column_arrays(std::move(out.nodes));
  py::dict ties = tie_column_arrays(std::move(out.ties));
  py::dict groups;
  for (mm::GroupCoding& gc : out.groups) {
    py::dict g;
    g["names"] = string_list(gc.names);
    g["suppressed"] = py::cast(std::vector<bool>(gc.suppressed.begin(), gc.suppressed.end()));
    g["sizes"] = owned_array(std::move(gc.sizes));
    g["code"] = owned_array(std::move(gc.code));  // suppressed: [] unless min_group_size > 1
    groups[py::str(gc.attribute)] = g;
  }
  py::dict tables;
  for (mm::BridgingTable& t : out.tables) {
    py::dict columns, blank;
    for (mm::TableColumn& c : t.columns) {
      if (!c.blank.empty()) {
        std::vector<std::uint8_t> mask(c.blank.begin(), c.blank.end());
        blank[py::str(c.name)] = owned_array(std::move(mask)).attr("astype")("bool");
      }
      if (c.kind == mm::TableColumn::Kind::text)
        columns[py::str(c.name)] = string_list(c.text);
      else if (c.kind == mm::TableColumn::Kind::integer)
        columns[py::str(c.name)] = owned_array(std::move(c.ints));
      else if (c.kind == mm::TableColumn::Kind::boolean)
        columns[py::str(c.name)] = owned_array(std::move(c.ints)).attr("astype")("bool");
      else
        columns[py::str(c.name)] = owned_array(std::move(c.reals));
    }
    py::dict table;
    table["kind"] = py::str(t.kind);
    table["attribute"] = py::str(t.attribute);
    table["columns"] = columns;
    table["blank"] = blank;  // {column: bool array}: suppressed cells (--min-group-size)
    tables[py::str(t.name)] = table;
  }
  py::dict network;
  for (const auto& [name, value] : out.network) network[py::str(name)] = value;
  py::dict notes;
  for (const auto& [name, value] : out.notes) notes[py::str(name)] = py::str(value);
  py::dict r;
  r["measures"] = string_list(out.measures);
  r["group_by"] = string_list(out.group_by);
  r["groups"] = groups;
  r["nodes"] = nodes;
  r["ties"] = ties;
  r["tables"] = tables;
  r["network"] = network;
  r["notes"] = notes;
  return r;
}

py::dict compute_bridging(const PyNetwork& n, const std::vector<std::string>& measures,
                          const std::vector<std::string>& group_by, const std::string& algorithm, double resolution,
                          std::uint64_t seed, std::uint32_t key_players, std::uint32_t permutations, bool weighted,
                          std::uint64_t min_group_size, py::object progress) {
  mm::BridgingRequest r;
  r.measures = measures;
  r.group_by = group_by;
  r.algorithm = algorithm;
  r.resolution = resolution;
  r.seed = seed;
  r.key_players = key_players;
  r.permutations = permutations;
  r.weighted = weighted;
  r.min_group_size = min_group_size;
  const PythonProgress reporter(std::move(progress));
  r.progress = reporter.callback();
  return to_python(reporter.run_released([&] { return mm::compute_bridging(n.net, r); }));
}

}  // namespace

void register_bridging(py::module_& m) {
  m.def("bridging_measure_names", &mm::bridging_measure_names,
        "Every measure name compute_bridging accepts (io/bridging_measures.hpp).");
  m.def("default_bridging_measures", &mm::default_bridging_measures,
        "The measures compute_bridging runs when `measures` is empty (key_players joins when key_players > 0).");
  m.def("compute_bridging", &compute_bridging, py::arg("network"), py::arg("measures") = std::vector<std::string>{},
        py::arg("group_by") = std::vector<std::string>{}, py::arg("algorithm") = "louvain",
        py::arg("resolution") = 1.0, py::arg("seed") = 1, py::arg("key_players") = 0,
        py::arg("permutations") = 1000, py::arg("weighted") = true, py::arg("min_group_size") = 0,
        py::arg("progress") = py::none(),
        "The bridging suite (the registry `movemap bridging` uses), GIL released. Returns {'measures', "
        "'group_by', 'groups': {attribute: {'names', 'sizes', 'code'}}, 'nodes': {column: array per node}, "
        "'ties': {column: array per tie}, 'tables': {name: {'kind', 'attribute', 'columns'}}, 'network': "
        "{name: float}, 'notes': {name: str}}; numeric arrays own their data (no copy). `progress` as in "
        "compute_centrality.");
}
