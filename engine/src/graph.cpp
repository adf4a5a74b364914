#include "movemap/graph.hpp"

#include <algorithm>
#include <string>

#include "movemap/error.hpp"

namespace movemap {

Graph::Graph(bool directed, node_id n, TieTable ties, Csr out, Csr in)
    : directed_(directed), n_(n), ties_(std::move(ties)), out_(std::move(out)), in_(std::move(in)) {
  for (std::size_t t = 0; t < ties_.size(); ++t) self_loops_ += ties_.source[t] == ties_.target[t] ? 1 : 0;
}

namespace {

void fail(const std::string& what) { throw Error("graph invariant violated: " + what); }

void check_csr(const Csr& c, node_id n, const TieTable& t, bool rows_are_sources, bool undirected) {
  if (c.offsets.size() != static_cast<std::size_t>(n) + 1) fail("offsets size != n + 1");
  if (c.offsets[0] != 0) fail("offsets[0] != 0");
  if (c.neighbors.size() != c.offsets[n] || c.ties.size() != c.offsets[n])
    fail("neighbors/ties size != offsets[n]");
  for (node_id u = 0; u < n; ++u) {
    if (c.offsets[u] > c.offsets[u + 1]) fail("offsets not monotone at node " + std::to_string(u));
    for (edge_id p = c.offsets[u]; p < c.offsets[u + 1]; ++p) {
      const node_id v = c.neighbors[p];
      if (v >= n) fail("neighbor out of range");
      if (p > c.offsets[u] && c.neighbors[p - 1] >= v) fail("row not strictly sorted");
      const edge_id e = c.ties[p];
      if (e >= t.size()) fail("tie id out of range");
      const node_id s = t.source[e], d = t.target[e];
      bool ok;
      if (undirected) ok = (s == u && d == v) || (s == v && d == u);
      else if (rows_are_sources) ok = (s == u && d == v);
      else ok = (s == v && d == u);
      if (!ok) fail("adjacency entry does not match its tie");
    }
  }
}

}  // namespace

void Graph::validate() const {
  const TieTable& t = ties_;
  const std::size_t m = t.size();
  if (t.target.size() != m || t.weight.size() != m || t.count.size() != m ||
      t.first_seen.size() != m || t.last_seen.size() != m || t.kind_offsets.size() != m + 1)
    fail("tie table columns differ in length");
  for (std::size_t e = 0; e < m; ++e) {
    if (t.source[e] >= n_ || t.target[e] >= n_) fail("tie endpoint out of range");
    if (!directed_ && t.source[e] > t.target[e]) fail("undirected tie with source > target");
    if (e > 0 && std::pair(t.source[e - 1], t.target[e - 1]) >= std::pair(t.source[e], t.target[e]))
      fail("ties not strictly sorted by (source, target)");
    if (t.count[e] == 0) fail("tie with count 0");
    if (t.first_seen[e] > t.last_seen[e]) fail("first_seen > last_seen");
    if (!(t.weight[e] > 0)) fail("tie weight not positive");
    for (auto p = t.kind_offsets[e] + 1; p < t.kind_offsets[e + 1]; ++p)
      if (t.kind_ids[p - 1] >= t.kind_ids[p]) fail("tie kinds not sorted and distinct");
  }
  check_csr(out_, n_, t, true, !directed_);
  if (directed_) {
    check_csr(in_, n_, t, false, false);
    if (out_.offsets[n_] != m || in_.offsets[n_] != m) fail("directed CSR entries != ties");
  } else {
    std::size_t loops = 0;
    for (std::size_t e = 0; e < m; ++e) loops += t.source[e] == t.target[e];
    if (out_.offsets[n_] != 2 * m - loops) fail("undirected CSR entries != 2m - self-loops");
  }
}

}  // namespace movemap
