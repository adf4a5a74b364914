// How a tie's length is taken for shortest-path measures (betweenness,
// closeness, harmonic closeness).
//
// movemap's tie weight is a *strength* (sum of interaction weights: more or
// stronger interactions = a closer relationship), while shortest paths need a
// *distance*. The choice is explicit:
//   hops     every tie has length 1 (unweighted; the default);
//   inverse  length = 1 / weight: strong ties are short (the usual choice for
//            interaction-strength networks, Opsahl et al. 2010 with alpha = 1;
//            networkx: G[u][v]["distance"] = 1 / G[u][v]["weight"]);
//   weight   length = weight, as is: for logs whose weight is already a cost
//            or a distance (networkx's weight="weight").
// Weights are positive (the reader rejects others), so lengths are positive.
#pragma once
#include <string_view>

namespace movemap {

enum class PathLength { hops, inverse, weight };

// "hops" | "inverse" | "weight"; throws movemap::Error otherwise.
PathLength parse_path_length(std::string_view name);
const char* to_string(PathLength p);

}  // namespace movemap
