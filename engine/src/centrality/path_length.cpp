#include "movemap/centrality/path_length.hpp"

#include <string>

#include "movemap/error.hpp"

namespace movemap {

PathLength parse_path_length(std::string_view name) {
  if (name == "hops") return PathLength::hops;
  if (name == "inverse") return PathLength::inverse;
  if (name == "weight") return PathLength::weight;
  throw UsageError("unknown path length '" + std::string(name) +
                   "': expected 'hops' (every tie has length 1), 'inverse' (length 1/weight) "
                   "or 'weight' (length = weight)");
}

const char* to_string(PathLength p) {
  switch (p) {
    case PathLength::hops: return "hops";
    case PathLength::inverse: return "inverse";
    case PathLength::weight: return "weight";
  }
  return "hops";
}

}  // namespace movemap
