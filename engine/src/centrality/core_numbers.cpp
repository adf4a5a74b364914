#include "movemap/centrality/core_numbers.hpp"

#include <algorithm>

namespace movemap {
namespace {

// Entries of the sorted row [begin, end) other than a self-loop of u (a row
// holds u at most once: ties are distinct).
std::uint32_t entries_without_loop(const node_id* begin, const node_id* end, node_id u) {
  return static_cast<std::uint32_t>(end - begin) - (std::binary_search(begin, end, u) ? 1u : 0u);
}

}  // namespace

std::vector<std::uint32_t> core_numbers(const Graph& g) {
  const node_id n = g.num_nodes();
  std::vector<std::uint32_t> deg(n, 0);
  if (n == 0) return deg;
  const Csr& out = g.out_csr();
  const Csr& in = g.in_csr();  // the same rows as `out` when undirected
  const bool directed = g.directed();
  const edge_id* out_off = out.offsets.data();
  const node_id* out_nb = out.neighbors.data();
  const edge_id* in_off = in.offsets.data();
  const node_id* in_nb = in.neighbors.data();

  // Degree without self-loops: row lengths, less one where the sorted row
  // holds u itself (a binary search, not a scan of the row; none at all
  // when the tie table has no self-loop, the usual case).
  const TieTable& ties = g.ties();
  bool loops = false;
  for (std::size_t t = 0; t < ties.size() && !loops; ++t) loops = ties.source[t] == ties.target[t];
  for (node_id u = 0; u < n; ++u) {
    if (!loops) {
      deg[u] = static_cast<std::uint32_t>(out_off[u + 1] - out_off[u] + (directed ? in_off[u + 1] - in_off[u] : 0));
      continue;
    }
    std::uint32_t d = entries_without_loop(out_nb + out_off[u], out_nb + out_off[u + 1], u);
    if (directed) d += entries_without_loop(in_nb + in_off[u], in_nb + in_off[u + 1], u);
    deg[u] = d;
  }

  // Batagelj & Zaversnik: nodes sorted by current degree in `order`, bucket
  // d starting at start[d]; pos[u] is u's place in `order`. Peel in order;
  // when a neighbour w of u has a larger degree, move w to the front of its
  // bucket and shrink that bucket by one. A self-loop (w == u) never has a
  // larger degree, so the peel skips it without a test of its own.
  const std::uint32_t max_deg = *std::max_element(deg.begin(), deg.end());
  std::vector<node_id> start(static_cast<std::size_t>(max_deg) + 1, 0);
  for (node_id u = 0; u < n; ++u) ++start[deg[u]];
  node_id acc = 0;
  for (auto& s : start) {
    const node_id c = s;
    s = acc;
    acc += c;
  }
  // deg and pos side by side: a peel step reads both for the same node.
  struct Slot {
    std::uint32_t deg;
    node_id pos;
  };
  std::vector<Slot> slot(n);
  std::vector<node_id> order(n);
  for (node_id u = 0; u < n; ++u) {
    const node_id p = start[deg[u]]++;
    slot[u] = {deg[u], p};
    order[p] = u;
  }
  for (std::uint32_t d = max_deg; d > 0; --d) start[d] = start[d - 1];  // back to bucket starts
  start[0] = 0;

  Slot* const sl = slot.data();
  node_id* const st = start.data();
  node_id* const ord = order.data();
  auto peel_row = [&](const node_id* w_it, const node_id* w_end, std::uint32_t du) {
    for (; w_it != w_end; ++w_it) {
      const node_id w = *w_it;
      const Slot sw = sl[w];
      if (sw.deg <= du) continue;
      const node_id first = st[sw.deg];
      const node_id x = ord[first];
      ord[sw.pos] = x;
      sl[x].pos = sw.pos;
      ord[first] = w;
      st[sw.deg] = first + 1;
      sl[w] = {sw.deg - 1, first};
    }
  };
  for (node_id i = 0; i < n; ++i) {
    const node_id u = ord[i];
    const std::uint32_t du = sl[u].deg;
    peel_row(out_nb + out_off[u], out_nb + out_off[u + 1], du);
    if (directed) peel_row(in_nb + in_off[u], in_nb + in_off[u + 1], du);
  }
  for (node_id u = 0; u < n; ++u) deg[u] = sl[u].deg;
  return deg;  // deg[u] is now u's core number
}

}  // namespace movemap
