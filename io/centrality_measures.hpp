// The centrality suite as one call, shared by the CLI (`movemap centrality`)
// and the Python module (`Network.centrality`): measure names -> columns.
// A measure exists here once; both surfaces only parse options into a
// CentralityRequest and hand the result to the writers / numpy.
//
// Measure names (the CLI's --measures, Python's list):
//   degree            in/out/total degree and strength + normalised degree
//                     (degree.hpp)
//   betweenness       exact node betweenness (betweenness.hpp)
//   tie_betweenness   exact tie (edge) betweenness, a tie column
//   betweenness_sampled  (epsilon, delta)-approximate betweenness
//   closeness, harmonic  (closeness.hpp)
//   eigenvector, pagerank, katz  (spectral.hpp)
//   core              k-core number (core_numbers.hpp)
//   clustering        local clustering coefficient (clustering.hpp)
// Network-level values (always, cheap ones; betweenness centralization when
// betweenness was asked for): degree_centralization, betweenness_centralization,
// transitivity, average_clustering.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "io/node_measures.hpp"
#include "movemap/centrality/path_length.hpp"
#include "movemap/network.hpp"
#include "movemap/progress.hpp"

namespace movemap {

struct CentralityRequest {
  std::vector<std::string> measures;       // names above; empty = the default set
  PathLength length = PathLength::hops;    // betweenness, closeness, harmonic
  bool normalized = true;                  // betweenness (node and tie)
  bool wf_improved = true;                 // closeness
  double epsilon = 0.01, delta = 0.1;      // betweenness_sampled
  std::uint64_t seed = 1;                  // betweenness_sampled
  double pagerank_alpha = 0.85;
  std::vector<std::string> seeds;          // personalised PageRank: actor ids
  double katz_alpha = 0.1, katz_beta = 1.0;
  double tolerance = 1e-10;                // eigenvector, pagerank, katz
  std::uint32_t max_iterations = 1000;
  bool weighted = true;                    // eigenvector, pagerank, katz use tie weights
  ProgressCallback progress;               // overall fraction, all measures
};

struct CentralityOutput {
  NodeMeasures nodes;                      // one or more columns per measure, in request order
  std::vector<std::pair<std::string, std::vector<double>>> ties;  // tie columns (tie_betweenness)
  std::vector<std::pair<std::string, double>> network;           // network-level values
  std::vector<std::pair<std::string, std::string>> notes;        // e.g. sample size, iterations
};

// All names accepted in CentralityRequest::measures, and the default set.
const std::vector<std::string>& centrality_measure_names();
const std::vector<std::string>& default_centrality_measures();

// Throws movemap::Error for an unknown measure name (listing the known ones),
// an unknown seed id, or a measure that failed to converge.
CentralityOutput compute_centrality(const Network& net, const CentralityRequest& request);

}  // namespace movemap
