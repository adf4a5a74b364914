// One register_<family>() per bindings source file; module.cpp calls each.
#pragma once
#include <pybind11/pybind11.h>

// Logs, actor tables, networks, degree, components, summary and the writers;
// also the exception classes and their translation.
void register_network(pybind11::module_& m);
// The centrality suite (io/centrality_measures.hpp): compute_centrality and the
// measure names.
void register_centrality(pybind11::module_& m);
// subnetwork.hpp: a network restricted to actors and/or a time interval.
void register_subnetwork(pybind11::module_& m);
// The bridging suite (io/bridging_measures.hpp): compute_bridging and the
// measure names.
void register_bridging(pybind11::module_& m);
// Momentum over time (engine/include/movemap/temporal/momentum.hpp), and the
// duration parser the CLI uses.
void register_momentum(pybind11::module_& m);
// Temporal measures on Network::contacts and the GEXF writer: temporal_reach,
// recruitment_cascades, cascade_growth, write_gexf.
void register_temporal(pybind11::module_& m);
// Pseudonymisation (io/pseudonymise.hpp): read_pseudonym_key, pseudonym,
// pseudonymise.
void register_trust(pybind11::module_& m);
