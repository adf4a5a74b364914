// The one immutable graph of movemap: compressed sparse rows (CSR).
//
// Nodes are dense ids 0..n-1 (node_id, 32 bits); CSR offsets are 64-bit so
// the number of adjacency entries may exceed 2^32. Each distinct tie (an
// ordered pair for directed graphs, an unordered pair for undirected ones)
// has a tie id 0..m-1 and its aggregated properties in TieTable, sorted by
// (source, target); adjacency entries carry the tie id so edge properties are
// flat vectors (as in Boost's CSR graph with edge indices).
//
// Directed graphs keep the out-CSR and a reverse (in-)CSR. Undirected graphs
// keep one symmetric CSR: tie {u,v} appears in the rows of u and of v, a
// self-loop once in the row of u. Neighbour lists are sorted by node id.
//
// Build one with build_graph() (graph_builder.hpp); Graph itself has no
// mutators.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "movemap/types.hpp"

namespace movemap {

// Aggregated interactions per tie, indexed by tie id.
struct TieTable {
  std::vector<node_id> source, target;  // undirected: source <= target
  std::vector<double> weight;           // sum of interaction weights
  std::vector<std::uint64_t> count;     // number of interactions
  std::vector<timestamp> first_seen, last_seen;
  // Distinct kinds per tie, as a CSR into kind_ids (ids sorted ascending);
  // the ids index the network's kind IdMap.
  std::vector<std::uint64_t> kind_offsets{0};
  std::vector<std::uint32_t> kind_ids;

  std::size_t size() const { return source.size(); }
  std::span<const std::uint32_t> kinds(edge_id t) const {
    return {kind_ids.data() + kind_offsets[t], kind_ids.data() + kind_offsets[t + 1]};
  }
};

// One direction of adjacency.
struct Csr {
  std::vector<edge_id> offsets{0};  // size n+1
  std::vector<node_id> neighbors;   // size offsets[n]
  std::vector<edge_id> ties;        // tie id of each entry
};

class Graph {
 public:
  Graph() = default;
  Graph(bool directed, node_id n, TieTable ties, Csr out, Csr in);

  bool directed() const { return directed_; }
  node_id num_nodes() const { return n_; }
  edge_id num_ties() const { return ties_.size(); }
  const TieTable& ties() const { return ties_; }
  // Ties whose two ends are the same actor (counted once, when built).
  edge_id num_self_loops() const { return self_loops_; }

  // Adjacency entries of u: successors (directed) or neighbours (undirected).
  std::span<const node_id> out_neighbors(node_id u) const { return row(out_.neighbors, out_, u); }
  std::span<const edge_id> out_ties(node_id u) const { return row(out_.ties, out_, u); }
  // Predecessors (directed); the same as out_* for undirected graphs.
  std::span<const node_id> in_neighbors(node_id u) const { return row(in().neighbors, in(), u); }
  std::span<const edge_id> in_ties(node_id u) const { return row(in().ties, in(), u); }
  std::size_t out_entries(node_id u) const { return out_.offsets[u + 1] - out_.offsets[u]; }
  std::size_t in_entries(node_id u) const { return in().offsets[u + 1] - in().offsets[u]; }

  const Csr& out_csr() const { return out_; }
  const Csr& in_csr() const { return in(); }

  // Checks every CSR invariant (sizes, sorted rows, tie ids consistent with
  // the tie table, in/out symmetry); throws movemap::Error on a violation.
  // O(n + m log m); for tests and debug builds.
  void validate() const;

 private:
  const Csr& in() const { return directed_ ? in_ : out_; }
  template <class T>
  static std::span<const T> row(const std::vector<T>& v, const Csr& c, node_id u) {
    return {v.data() + c.offsets[u], v.data() + c.offsets[u + 1]};
  }

  bool directed_ = false;
  node_id n_ = 0;
  TieTable ties_;
  edge_id self_loops_ = 0;
  Csr out_;
  Csr in_;
};

}  // namespace movemap
