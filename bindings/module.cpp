// The movemap._core extension module: a few lines, one call per family.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>

#include "bindings/register.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "movemap's C++ engine (use the pure-Python package `movemap` instead)";
  m.attr("__version__") = MOVEMAP_VERSION;
  register_network(m);
  register_centrality(m);
  register_subnetwork(m);
  register_bridging(m);
  register_momentum(m);
  register_temporal(m);
  register_trust(m);
  // pybind11 looks numpy's C API and dtypes up on first use (~0.3 ms): do it
  // here, with the imports, rather than inside the first result's conversion.
  pybind11::array_t<double>(0);
  pybind11::array_t<std::int64_t>(0);
}
