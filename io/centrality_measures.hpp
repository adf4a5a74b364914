// The centrality suite as one call, shared by the CLI (`movemap centrality`)
// and the Python module (`Network.centrality`): measure names -> columns.
// A measure exists here once; both surfaces only parse options into a
// CentralityRequest and hand the result to the writers / numpy.
//
// Measure names (the CLI's --measures, Python's list) and the columns each
// adds to CentralityOutput::nodes (docs/centrality.md has every convention):
//   degree            degree_measures() without "component" (in_degree,
//                     out_degree, degree, in_strength, out_strength, strength;
//                     in_/out_ only when directed), then degree_centrality
//                     (networkx degree_centrality) and, directed,
//                     in_degree_centrality, out_degree_centrality
//   betweenness       "betweenness": exact node betweenness (betweenness.hpp)
//   tie_betweenness   tie column "betweenness" in CentralityOutput::ties
//   betweenness_sampled  "betweenness_sampled": (epsilon, delta)-approximate,
//                     always normalised; notes samples, vertex_diameter_bound,
//                     epsilon, delta, seed
//   closeness, harmonic  "closeness", "harmonic" (closeness.hpp)
//   eigenvector, pagerank, katz  "eigenvector", "pagerank", "katz"
//                     (spectral.hpp); notes <name>_iterations, <name>_residual
//   core              "core" (integer column; core_numbers.hpp)
//   clustering        "clustering": local clustering (clustering.hpp)
// Columns follow the request order; a name given twice runs once.
//
// Network-level values, in this order: degree_centralization, then
// betweenness_centralization when "betweenness" was asked for (computed from
// the same raw scores), transitivity and average_clustering when "clustering"
// was asked for (from its triangle count).
//
// Betweenness: the kernel is always run un-normalised, the raw scores feed
// betweenness_centralization, and the columns are scaled here by networkx's
// factors (2/((n-1)(n-2)) undirected, 1/((n-1)(n-2)) directed; ties
// 2/(n(n-1)) and 1/(n(n-1))) unless `normalized` is false. node and tie
// betweenness come from one kernel run when both are asked for.
//
// Non-convergence: when the measures were named explicitly, a spectral
// measure that does not converge throws movemap::Error (the message names the
// measure, iterations and residual). With the default set (empty
// `measures`), it becomes a NaN column and a note "<name>_error" instead, so
// a default run always completes.
//
// Progress: one overall fraction, monotone, ending at exactly 1. Each measure
// has a share proportional to a rough cost weight (shortest-path measures
// 10, spectral 3, the others and the network-level values 1).
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
  // Personalised PageRank: actor ids or ATTRIBUTE=VALUE selectors such as
  // "role=champion" (actor_selection.hpp). Empty = plain PageRank.
  std::vector<std::string> seeds;
  double katz_alpha = 0.1, katz_beta = 1.0;
  double tolerance = 1e-10;                // eigenvector, pagerank, katz
  std::uint32_t max_iterations = 1000;
  bool weighted = true;                    // eigenvector, pagerank, katz use tie weights
  ProgressCallback progress;               // overall fraction, all measures
};

struct CentralityOutput {
  std::vector<std::string> measures;       // the measures run, in order (the default set spelled out)
  NodeMeasures nodes;                      // one or more columns per measure, in request order
  TieColumns ties;                         // tie columns (tie_betweenness), indexed by tie id
  std::vector<std::pair<std::string, double>> network;           // network-level values
  std::vector<std::pair<std::string, std::string>> notes;        // e.g. sample size, iterations
};

// All names accepted in CentralityRequest::measures, and the default set:
// degree, betweenness, closeness, harmonic, pagerank, eigenvector, core,
// clustering.
const std::vector<std::string>& centrality_measure_names();
const std::vector<std::string>& default_centrality_measures();

// Checks the measure names and the option ranges, not the seeds (they need
// the network): UsageError naming the problem. compute_centrality() calls it
// first; the CLI also calls it before reading the log, to fail fast.
void check_centrality_request(const CentralityRequest& request);

// Throws UsageError (a movemap::Error) for an unknown measure name (listing
// the known ones), an unknown seed, or an option out of range (checked
// before any computation); movemap::Error for an explicitly requested
// measure that failed to converge; Cancelled when `progress` returns false.
CentralityOutput compute_centrality(const Network& net, const CentralityRequest& request);

}  // namespace movemap
