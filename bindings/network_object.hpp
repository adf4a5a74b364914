// The C++ object behind movemap._core.Network, shared by the binding files:
// register_network.cpp defines the Python class, the other families
// (register_centrality.cpp, ...) take it as an argument.
#pragma once
#include "io/interaction_log_reader.hpp"
#include "movemap/network.hpp"

namespace movemap::bindings {

// A network and the accounting of the log it was built from.
struct PyNetwork {
  Network net;
  ReadStats read_stats;
};

}  // namespace movemap::bindings
