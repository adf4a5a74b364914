// Key players (Borgatti 2006, "Identifying sets of key players in a social
// network"): the k actors whose removal most fragments the network, found
// greedily.
//
// Fragmentation (Borgatti's F, as his KeyPlayer program computes it):
//   F = 1 - sum_k s_k (s_k - 1) / (r (r - 1))
// over the components k (sizes s_k) of the undirected view of the REMAINING
// nodes, r = number of remaining nodes (removed nodes are not counted in r).
// F is the share of ordered pairs of remaining actors that cannot reach each
// other: 0 for a connected network, 1 when every actor is isolated. Directions
// are ignored; self-loops and reciprocal pairs change nothing. With fewer than
// two remaining actors F is undefined: NaN.
//
// Greedy rule: k steps; each step removes the remaining actor whose removal
// gives the largest F (equivalently the fewest connected pairs, compared as
// exact integers), ties broken by the smallest node id. players lists them in
// the order chosen; fragmentation_after[i] is F after removing players[0..i];
// fragmentation_before is F of the whole network. k may not exceed n
// (UsageError). Once fewer than two actors would remain every candidate is
// alike and the smallest id is taken.
//
// Approximation, honestly: fragmentation is not submodular, so greedy
// selection has no constant-factor guarantee, and the set it returns for k
// is not always the best k-set.
// Measured in key_players_test (exhaustive search over every k-subset of 200
// random graphs of 12-16 actors): greedy found the optimal F on 185/200
// graphs for k = 2 and 169/200 for k = 3; the worst ratio greedy F / optimal
// F seen was 0.915 (k = 2) and 0.923 (k = 3). On larger graphs nothing is
// known beyond "a local choice, made well".
//
// Cost: each step is one iterative Hopcroft-Tarjan DFS over the remaining
// graph (serial, O(n + m)) whose subtree sizes and lowpoints give, for EVERY
// candidate at once, the component sizes its removal would leave (a
// non-articulation point only shrinks its component by one); the candidates
// are then scored in parallel (TBB parallel_reduce with an order-independent
// (pairs, id) minimum). O(k (n + m)) time, O(n) memory. Deterministic; the
// result does not depend on the thread count. progress is polled once per
// step (Cancelled when it returns false).
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"
#include "movemap/progress.hpp"

namespace movemap {

// Fragmentation F of the undirected view with `removed` nodes taken out
// (removed: empty = none, else one flag per node, else UsageError). O(n + m).
double fragmentation(const Graph& g, const std::vector<bool>& removed = {});

struct KeyPlayers {
  std::vector<node_id> players;                // in the order chosen
  double fragmentation_before = 0;
  std::vector<double> fragmentation_after;     // after removing players[0..i]
};

KeyPlayers key_players(const Graph& g, std::uint32_t k, const ProgressCallback& progress = {});

}  // namespace movemap
