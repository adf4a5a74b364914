// Key players (Borgatti 2006): the k actors whose removal most fragments the
// network, found greedily.
//
// TODO(helper B): state fragmentation F = 1 - sum_k s_k (s_k - 1) / (n (n - 1))
// over the components of the undirected view of the remaining nodes, the
// greedy rule and its tie-break, and what is (and is not) guaranteed about the
// approximation.
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"
#include "movemap/progress.hpp"

namespace movemap {

// Fragmentation of the undirected view with `removed` nodes taken out
// (removed may be empty = none).
double fragmentation(const Graph& g, const std::vector<bool>& removed = {});

struct KeyPlayers {
  std::vector<node_id> players;                // in the order chosen
  double fragmentation_before = 0;
  std::vector<double> fragmentation_after;     // after removing players[0..i]
};

KeyPlayers key_players(const Graph& g, std::uint32_t k, const ProgressCallback& progress = {});

}  // namespace movemap
