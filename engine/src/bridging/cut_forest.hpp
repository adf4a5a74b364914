// Internal: one iterative Hopcroft-Tarjan depth-first search over the
// undirected view of a Graph, shared by cut_points and key_players.
//
// The undirected view of node u is its out-row followed (directed graphs) by
// its in-row. Self-loops are skipped, and so is every entry leading back to
// the DFS parent: a reciprocal pair u -> v, v -> u is one undirected edge, so
// the second direction must not count as a back edge. Nodes with
// removed[v] set are treated as absent. No recursion (graphs of 10^6+ nodes):
// an explicit stack of (node, position in its row).
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "movemap/graph.hpp"

namespace movemap::detail {

struct CutForest {
  std::vector<node_id> parent;     // DFS parent; kNone for roots and removed nodes
  std::vector<std::uint32_t> disc;  // preorder index; kNone when not visited (removed)
  std::vector<std::uint32_t> low;   // lowpoint, over non-parent, non-loop entries
  std::vector<node_id> sub;        // size of the DFS subtree
  std::vector<node_id> preorder;   // visited nodes in discovery order
  std::vector<node_id> root;       // root of each visited node's tree (= its weak component)

  // Size of v's weak component (among the nodes not removed).
  node_id component_size(node_id v) const { return sub[root[v]]; }
  // The child subtree of w's parent that w heads is cut off from the rest of
  // the component when the parent is removed.
  bool separates(node_id w) const { return parent[w] != kNone && low[w] >= disc[parent[w]]; }
  // The tie {parent(w), w} is a bridge.
  bool bridge_below(node_id w) const { return parent[w] != kNone && low[w] > disc[parent[w]]; }
};

// Roots are taken in ascending node id; rows are walked in CSR order, so the
// forest depends only on the graph (and removed). O(n + m).
inline CutForest cut_forest(const Graph& g, const std::vector<bool>& removed = {}) {
  const node_id n = g.num_nodes();
  const bool two_rows = g.directed();
  const Csr& out = g.out_csr();
  const Csr& in = g.in_csr();
  auto gone = [&](node_id v) { return !removed.empty() && removed[v]; };
  auto row_size = [&](node_id u) -> edge_id {
    return (out.offsets[u + 1] - out.offsets[u]) + (two_rows ? in.offsets[u + 1] - in.offsets[u] : 0);
  };
  auto entry = [&](node_id u, edge_id i) -> node_id {
    const edge_id a = out.offsets[u + 1] - out.offsets[u];
    return i < a ? out.neighbors[out.offsets[u] + i] : in.neighbors[in.offsets[u] + (i - a)];
  };

  CutForest f;
  f.parent.assign(n, kNone);
  f.disc.assign(n, kNone);
  f.low.assign(n, kNone);
  f.sub.assign(n, 0);
  f.root.assign(n, kNone);
  f.preorder.reserve(n);
  std::vector<std::pair<node_id, edge_id>> stack;
  std::uint32_t clock = 0;
  auto discover = [&](node_id v, node_id p, node_id r) {
    f.parent[v] = p;
    f.disc[v] = f.low[v] = clock++;
    f.sub[v] = 1;
    f.root[v] = r;
    f.preorder.push_back(v);
    stack.emplace_back(v, 0);
  };
  for (node_id r = 0; r < n; ++r) {
    if (gone(r) || f.disc[r] != kNone) continue;
    discover(r, kNone, r);
    while (!stack.empty()) {
      auto& [u, pos] = stack.back();
      if (pos < row_size(u)) {
        const node_id v = entry(u, pos++);
        if (v == u || v == f.parent[u] || gone(v)) continue;
        if (f.disc[v] == kNone) {
          discover(v, u, r);  // invalidates u/pos; the loop re-reads the top
        } else if (f.disc[v] < f.low[u]) {
          f.low[u] = f.disc[v];
        }
      } else {
        const node_id done = u;
        stack.pop_back();
        const node_id p = f.parent[done];
        if (p != kNone) {
          if (f.low[done] < f.low[p]) f.low[p] = f.low[done];
          f.sub[p] += f.sub[done];
        }
      }
    }
  }
  return f;
}

// What removing each node would leave of its component: the pieces are the
// separated child subtrees and the rest of the component (if not empty).
struct RemovalPieces {
  std::vector<node_id> largest;        // largest piece (0 for an isolated node)
  std::vector<std::uint64_t> pairs;    // sum over pieces of p (p - 1)
};

inline RemovalPieces removal_pieces(const CutForest& f, node_id n) {
  RemovalPieces r;
  r.largest.assign(n, 0);
  r.pairs.assign(n, 0);
  std::vector<node_id> separated(n, 0);  // nodes in separated child subtrees
  for (node_id w = 0; w < n; ++w) {
    if (!f.separates(w)) continue;
    const node_id p = f.parent[w], s = f.sub[w];
    separated[p] += s;
    if (s > r.largest[p]) r.largest[p] = s;
    r.pairs[p] += static_cast<std::uint64_t>(s) * (s - 1);
  }
  for (node_id v = 0; v < n; ++v) {
    if (f.disc[v] == kNone) continue;
    const std::uint64_t rest = static_cast<std::uint64_t>(f.component_size(v)) - 1 - separated[v];
    if (rest > r.largest[v]) r.largest[v] = static_cast<node_id>(rest);
    if (rest > 1) r.pairs[v] += rest * (rest - 1);
  }
  return r;
}

}  // namespace movemap::detail
