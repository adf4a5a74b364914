// Choosing actors by id or by attribute, for options that name a set of
// actors: personalised PageRank seeds (`movemap centrality --seeds`,
// Network.centrality(seeds=...)), and any later verb that starts from a seed
// set (champions).
//
// Each item is either
//   - an actor id, exactly as in the log / actor table, or
//   - ATTRIBUTE=VALUE, e.g. `role=champion` or `site=north`: every actor whose
//     attribute has that value (exact text match).
// An item that is an actor id is an id, even if it contains '=' (ids win).
// Unknown ids, unknown attributes and selectors that match nobody are errors
// (UsageError) naming the item, so a typo never silently empties the set.
#pragma once
#include <string>
#include <vector>

#include "movemap/network.hpp"

namespace movemap {

// Node ids of the selected actors, ascending, without repeats. `what` names
// the option in error messages ("seed" -> `unknown seed "x": ...`).
std::vector<node_id> select_actors(const Network& net, const std::vector<std::string>& items,
                                   const std::string& what = "actor");

}  // namespace movemap
