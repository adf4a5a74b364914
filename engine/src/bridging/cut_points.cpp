#include "movemap/bridging/cut_points.hpp"

#include "cut_forest.hpp"

namespace movemap {

CutPoints cut_points(const Graph& g) {
  const node_id n = g.num_nodes();
  const detail::CutForest f = detail::cut_forest(g);
  const detail::RemovalPieces pieces = detail::removal_pieces(f, n);
  CutPoints c;

  // A root is a cut point with two or more DFS children, any other node when
  // one of its child subtrees is separated from the rest.
  std::vector<node_id> children(n, 0);
  std::vector<bool> cut(n, false);
  for (node_id w = 0; w < n; ++w) {
    const node_id p = f.parent[w];
    if (p == kNone) continue;
    ++children[p];
    if (f.parent[p] != kNone && f.separates(w)) cut[p] = true;
  }
  c.cut_off.assign(n, 0);
  for (node_id v = 0; v < n; ++v) {
    if (f.parent[v] == kNone && children[v] >= 2) cut[v] = true;
    if (!cut[v]) continue;
    c.articulation_points.push_back(v);
    c.cut_off[v] = static_cast<std::uint64_t>(f.component_size(v)) - 1 - pieces.largest[v];
  }

  // Tree edge (parent(w), w) opens a new biconnected component when w's
  // subtree is separated from its parent's side; otherwise it continues its
  // parent's. Every other tie joins a node to one of its ancestors and
  // belongs with the tree edge above the deeper end.
  std::vector<std::uint32_t> label(n, kNone);
  std::uint32_t raw = 0;
  for (const node_id w : f.preorder) {
    if (f.parent[w] == kNone) continue;
    label[w] = f.separates(w) ? raw++ : label[f.parent[w]];
  }
  const TieTable& t = g.ties();
  const edge_id m = t.size();
  c.bicomponent.assign(m, kNone);
  std::vector<std::uint32_t> remap(raw, kNone);  // renumber by smallest tie id
  for (edge_id e = 0; e < m; ++e) {
    node_id x = t.source[e], y = t.target[e];
    if (x == y) continue;
    if (f.disc[x] > f.disc[y]) std::swap(x, y);  // y is the deeper end
    std::uint32_t& id = remap[label[y]];
    if (id == kNone) id = c.bicomponents++;
    c.bicomponent[e] = id;
    if (f.parent[y] == x && f.bridge_below(y)) c.bridges.push_back(e);
  }
  return c;
}

}  // namespace movemap
