// The movemap._core extension module: a few lines, one call per family.
#include <pybind11/pybind11.h>

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
}
