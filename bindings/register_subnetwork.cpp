// Bindings for subnetwork.hpp: a network restricted to some actors and/or a
// time interval. Argument conversion, the GIL released around the engine
// call, nothing else.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bindings/network_object.hpp"
#include "bindings/numpy_array.hpp"
#include "bindings/register.hpp"
#include "movemap/error.hpp"
#include "movemap/subnetwork.hpp"

namespace py = pybind11;
namespace mm = movemap;
using movemap::bindings::PyNetwork;

namespace {

std::unique_ptr<PyNetwork> subnetwork(const PyNetwork& net, const py::object& keep,
                                      std::optional<std::int64_t> from, std::optional<std::int64_t> to) {
  mm::SubnetworkOptions o;
  if (!keep.is_none()) {
    const auto mask = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>::ensure(keep);
    if (!mask) {
      PyErr_Clear();
      throw mm::UsageError("subnetwork: keep must be a boolean array with one value per actor");
    }
    if (mask.ndim() != 1) throw mm::UsageError("subnetwork: keep must be one-dimensional");
    o.keep_node.assign(mask.data(), mask.data() + mask.shape(0));
  }
  o.from = from;
  o.to = to;
  auto out = std::make_unique<PyNetwork>();
  out->read_stats = net.read_stats;
  py::gil_scoped_release release;
  out->net = mm::subnetwork(net.net, o);
  return out;
}

}  // namespace

void register_subnetwork(py::module_& m) {
  m.def("subnetwork", &subnetwork, py::arg("network"), py::arg("keep") = py::none(), py::arg("from_time") = py::none(),
        py::arg("to_time") = py::none(),
        "The network restricted to the actors with keep[u] true (None: all) and, with from_time/to_time (UTC "
        "seconds, [from, to), None = open), to the interactions in that interval, re-aggregated from the "
        "network's contacts (UsageError when it has none). engine/include/movemap/subnetwork.hpp.");
  m.def(
      "nodes_with_attribute",
      [](const PyNetwork& net, const std::string& column, const std::vector<std::string>& values) {
        std::vector<std::uint8_t> keep;
        {
          py::gil_scoped_release release;
          keep = mm::nodes_with_attribute(net.net, column, values);
        }
        return movemap::bindings::owned_array(std::move(keep)).attr("view")("bool");
      },
      py::arg("network"), py::arg("column"), py::arg("values"),
      "Boolean mask of the actors whose attribute `column` is one of `values`; UsageError for an unknown column "
      "or a value no actor has.");
  m.def(
      "has_contacts", [](const PyNetwork& net) { return !net.net.contacts.empty() || net.net.graph.num_ties() == 0; },
      py::arg("network"), "True when the network kept its interactions (contacts), so it can be cut by time.");
}
