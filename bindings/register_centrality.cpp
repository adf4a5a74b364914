// Bindings for the centrality suite: one call into the shared registry
// (io/centrality_measures.hpp, the same code `movemap centrality` runs) with
// the GIL released, progress and Ctrl-C through python_progress.hpp, and
// every column handed to numpy without copying (the array's base owns the
// C++ vector). The pandas surface is Network.centrality in network.py.
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
#include "io/centrality_measures.hpp"
#include "movemap/centrality/path_length.hpp"
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

// {"measures": [...], "nodes": {column: array}, "ties": {column: array},
//  "network": {name: float}, "notes": {name: str}}; arrays own their data.
py::dict to_python(mm::CentralityOutput&& out) {
  py::dict nodes = node_column_arrays(std::move(out.nodes));
  py::dict ties = tie_column_arrays(std::move(out.ties));
  py::dict network;
  for (const auto& [name, value] : out.network) network[py::str(name)] = value;
  py::dict notes;
  for (const auto& [name, value] : out.notes) notes[py::str(name)] = py::str(value);
  py::dict r;
  r["measures"] = string_list(out.measures);
  r["nodes"] = nodes;
  r["ties"] = ties;
  r["network"] = network;
  r["notes"] = notes;
  return r;
}

py::dict compute_centrality(const PyNetwork& n, const std::vector<std::string>& measures, const std::string& length,
                            bool normalized, bool wf_improved, double epsilon, double delta, std::uint64_t seed,
                            double pagerank_alpha, const std::vector<std::string>& seeds, double katz_alpha,
                            double katz_beta, double tolerance, std::uint32_t max_iterations, bool weighted,
                            py::object progress) {
  mm::CentralityRequest r;
  r.measures = measures;
  try {
    r.length = mm::parse_path_length(length);
  } catch (const mm::Error&) {
    throw mm::UsageError("length=\"" + length + "\": expected \"hops\", \"inverse\" (1/weight) or \"weight\"");
  }
  r.normalized = normalized;
  r.wf_improved = wf_improved;
  r.epsilon = epsilon;
  r.delta = delta;
  r.seed = seed;
  r.pagerank_alpha = pagerank_alpha;
  r.seeds = seeds;
  r.katz_alpha = katz_alpha;
  r.katz_beta = katz_beta;
  r.tolerance = tolerance;
  r.max_iterations = max_iterations;
  r.weighted = weighted;
  const PythonProgress reporter(std::move(progress));
  r.progress = reporter.callback();
  return to_python(reporter.run_released([&] { return mm::compute_centrality(n.net, r); }));
}

}  // namespace

void register_centrality(py::module_& m) {
  m.def("centrality_measure_names", &mm::centrality_measure_names,
        "Every measure name compute_centrality accepts (io/centrality_measures.hpp).");
  m.def("default_centrality_measures", &mm::default_centrality_measures,
        "The measures compute_centrality runs when `measures` is empty.");
  m.def("compute_centrality", &compute_centrality, py::arg("network"), py::arg("measures") = std::vector<std::string>{},
        py::arg("length") = "hops", py::arg("normalized") = true, py::arg("wf_improved") = true,
        py::arg("epsilon") = 0.01, py::arg("delta") = 0.1, py::arg("seed") = 1, py::arg("pagerank_alpha") = 0.85,
        py::arg("seeds") = std::vector<std::string>{}, py::arg("katz_alpha") = 0.1, py::arg("katz_beta") = 1.0,
        py::arg("tolerance") = 1e-10, py::arg("max_iterations") = 1000, py::arg("weighted") = true,
        py::arg("progress") = py::none(),
        "The centrality suite (the registry `movemap centrality` uses), GIL released. Returns {'measures': [names "
        "run], 'nodes': {column: array per node}, 'ties': {column: array per tie}, 'network': {name: float}, "
        "'notes': {name: str}}; every array owns its data (no copy). `progress(fraction)` is called from the "
        "engine's threads with the GIL held; returning False cancels (movemap.Cancelled), raising cancels and "
        "re-raises; Ctrl-C cancels too.");
}
