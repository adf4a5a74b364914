// Random interaction sets for property tests, and deliberately simple serial
// reference implementations (maps and loops, no CSR) to check the parallel
// kernels against.
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "movemap/graph_builder.hpp"

namespace movemap::testing {

struct RandomInteractions {
  node_id n = 0;
  std::vector<node_id> source, target;
  std::vector<timestamp> time;
  std::vector<double> weight;
  std::vector<std::uint32_t> kind;
  TieInput input() const { return TieInput{source, target, time, weight, kind}; }
};

// m interactions among n nodes; some repeated pairs, self-loops, isolated
// nodes and disconnected parts (nodes >= n/2 only talk among themselves).
inline RandomInteractions random_interactions(node_id n, std::size_t m, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  RandomInteractions r;
  r.n = n;
  const node_id half = std::max<node_id>(1, n / 2);
  for (std::size_t i = 0; i < m; ++i) {
    node_id u, v;
    if (rng() % 3 == 0 && n > half + 1) {
      u = half + rng() % (n - half - 1);  // the last node stays isolated
      v = half + rng() % (n - half - 1);
    } else {
      u = rng() % half;
      v = rng() % 8 == 0 ? u : rng() % half;  // some self-loops
    }
    if (i > 0 && rng() % 4 == 0) {  // repeat an earlier pair
      const std::size_t j = rng() % i;
      u = r.source[j];
      v = r.target[j];
    }
    r.source.push_back(u);
    r.target.push_back(v);
    r.time.push_back(static_cast<timestamp>(1'600'000'000 + rng() % 100'000'000));
    r.weight.push_back(0.25 * static_cast<double>(1 + rng() % 16));
    r.kind.push_back(rng() % 5 == 0 ? kNone : static_cast<std::uint32_t>(rng() % 4));
  }
  return r;
}

struct RefTie {
  double weight = 0;
  std::uint64_t count = 0;
  timestamp first = 0, last = 0;
  std::set<std::uint32_t> kinds;
};

// Serial aggregation with std::map, summing weights in row order.
inline std::map<std::pair<node_id, node_id>, RefTie> reference_ties(const RandomInteractions& r, bool directed) {
  std::map<std::pair<node_id, node_id>, RefTie> out;
  for (std::size_t i = 0; i < r.source.size(); ++i) {
    node_id u = r.source[i], v = r.target[i];
    if (!directed && u > v) std::swap(u, v);
    RefTie& t = out[{u, v}];
    if (t.count == 0) t.first = t.last = r.time[i];
    t.weight += r.weight[i];
    ++t.count;
    t.first = std::min(t.first, r.time[i]);
    t.last = std::max(t.last, r.time[i]);
    if (r.kind[i] != kNone) t.kinds.insert(r.kind[i]);
  }
  return out;
}

// A small graph from an edge list, every interaction at time 0 with the
// given weight and no kind: for hand-worked examples.
inline Graph graph_of(node_id n, const std::vector<std::pair<node_id, node_id>>& edges, bool directed,
                      double weight = 1) {
  RandomInteractions r;
  r.n = n;
  for (const auto& [u, v] : edges) {
    r.source.push_back(u);
    r.target.push_back(v);
    r.time.push_back(0);
    r.weight.push_back(weight);
    r.kind.push_back(kNone);
  }
  return build_graph(n, r.input(), {directed});
}

}  // namespace movemap::testing
