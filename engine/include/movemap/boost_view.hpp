// Boost.Graph views of a movemap::Graph, with no second copy of the edges
// (as graph-tool does with its own storage). Boost algorithms run on them:
//
//   movemap::UndirectedView uv{g};   // undirected_tag: connected_components,
//                                    // biconnected_components, core numbers
//   movemap::DirectedView dv{g};     // bidirectional: strong_components, ...
//
// UndirectedView of a directed graph shows every tie from both ends (out- and
// in-entries of a node, in that order); of an undirected graph, the CSR as it
// is. DirectedView requires a directed graph for meaningful results; on an
// undirected graph it shows each tie in both directions.
// Vertex descriptors are node ids; edge descriptors carry the tie id, so
// edge properties index the TieTable. get(boost::vertex_index, view) is the
// identity map.
#pragma once
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>
#include <utility>

#include "movemap/graph.hpp"

namespace movemap {

struct CsrEdge {
  node_id source = 0, target = 0;
  edge_id tie = 0;
  bool operator==(const CsrEdge& o) const {
    return source == o.source && target == o.target && tie == o.tie;
  }
  bool operator!=(const CsrEdge& o) const { return !(*this == o); }
};

namespace detail {

// Walks the adjacency entries of `u` in up to two CSR rows (a, then b). An
// entry of a row marked `into` is the edge (neighbour -> u), otherwise
// (u -> neighbour).
struct RowPair {
  node_id u = 0;
  const node_id* an = nullptr;
  const edge_id* at = nullptr;
  std::size_t na = 0;
  bool a_into = false;
  const node_id* bn = nullptr;
  const edge_id* bt = nullptr;
  bool b_into = false;
  CsrEdge at_pos(std::size_t pos) const {
    if (pos < na) return a_into ? CsrEdge{an[pos], u, at[pos]} : CsrEdge{u, an[pos], at[pos]};
    const std::size_t i = pos - na;
    return b_into ? CsrEdge{bn[i], u, bt[i]} : CsrEdge{u, bn[i], bt[i]};
  }
  node_id neighbor_at(std::size_t pos) const { return pos < na ? an[pos] : bn[pos - na]; }
};

template <class Value, bool Neighbor>
class RowIterator : public boost::iterator_facade<RowIterator<Value, Neighbor>, Value,
                                                  std::random_access_iterator_tag, Value,
                                                  std::ptrdiff_t> {
 public:
  RowIterator() = default;
  RowIterator(const RowPair& rows, std::size_t pos) : rows_(rows), pos_(pos) {}

 private:
  friend class boost::iterator_core_access;
  Value dereference() const {
    if constexpr (Neighbor) return rows_.neighbor_at(pos_);
    else return rows_.at_pos(pos_);
  }
  bool equal(const RowIterator& o) const { return pos_ == o.pos_; }
  void increment() { ++pos_; }
  void decrement() { --pos_; }
  void advance(std::ptrdiff_t d) { pos_ += d; }
  std::ptrdiff_t distance_to(const RowIterator& o) const {
    return static_cast<std::ptrdiff_t>(o.pos_) - static_cast<std::ptrdiff_t>(pos_);
  }
  RowPair rows_;
  std::size_t pos_ = 0;
};

using CsrEdgeIterator = RowIterator<CsrEdge, false>;
using CsrAdjacencyIterator = RowIterator<node_id, true>;

inline RowPair single_row(const Csr& c, node_id u, bool into) {
  RowPair r;
  r.u = u;
  r.an = c.neighbors.data() + c.offsets[u];
  r.at = c.ties.data() + c.offsets[u];
  r.na = c.offsets[u + 1] - c.offsets[u];
  r.a_into = into;
  return r;
}

}  // namespace detail

// UndirectedView: undirected_tag. DirectedView: bidirectional directed.
template <bool Undirected>
struct BoostView {
  const Graph& g;
  explicit BoostView(const Graph& graph) : g(graph) {}

  // Rows seen as out-edges of u.
  detail::RowPair out_rows(node_id u) const {
    detail::RowPair r = detail::single_row(g.out_csr(), u, false);
    if (Undirected && g.directed()) {
      const Csr& in = g.in_csr();
      r.bn = in.neighbors.data() + in.offsets[u];
      r.bt = in.ties.data() + in.offsets[u];
    }
    return r;
  }
  std::size_t out_count(node_id u) const {
    return g.out_entries(u) + ((Undirected && g.directed()) ? g.in_entries(u) : 0);
  }
  detail::RowPair in_rows(node_id u) const {
    if constexpr (Undirected) return out_rows(u);
    else return detail::single_row(g.in_csr(), u, true);
  }
  std::size_t in_count(node_id u) const { return Undirected ? out_count(u) : g.in_entries(u); }
};
using UndirectedView = BoostView<true>;
using DirectedView = BoostView<false>;

struct boost_view_traversal_tag : virtual boost::vertex_list_graph_tag,
                                  virtual boost::incidence_graph_tag,
                                  virtual boost::adjacency_graph_tag,
                                  virtual boost::bidirectional_graph_tag {};

// --- Boost.Graph free functions (found by ADL) ---------------------------
template <bool U>
inline node_id source(const CsrEdge& e, const BoostView<U>&) { return e.source; }
template <bool U>
inline node_id target(const CsrEdge& e, const BoostView<U>&) { return e.target; }
template <bool U>
inline node_id num_vertices(const BoostView<U>& v) { return v.g.num_nodes(); }
template <bool U>
inline edge_id num_edges(const BoostView<U>& v) { return v.g.num_ties(); }
template <bool U>
inline std::pair<boost::counting_iterator<node_id>, boost::counting_iterator<node_id>> vertices(
    const BoostView<U>& v) {
  return {boost::counting_iterator<node_id>(0), boost::counting_iterator<node_id>(v.g.num_nodes())};
}
template <bool U>
inline std::pair<detail::CsrEdgeIterator, detail::CsrEdgeIterator> out_edges(
    node_id u, const BoostView<U>& v) {
  const detail::RowPair r = v.out_rows(u);
  return {detail::CsrEdgeIterator(r, 0), detail::CsrEdgeIterator(r, v.out_count(u))};
}
template <bool U>
inline std::size_t out_degree(node_id u, const BoostView<U>& v) { return v.out_count(u); }
template <bool U>
inline std::pair<detail::CsrEdgeIterator, detail::CsrEdgeIterator> in_edges(
    node_id u, const BoostView<U>& v) {
  const detail::RowPair r = v.in_rows(u);
  return {detail::CsrEdgeIterator(r, 0), detail::CsrEdgeIterator(r, v.in_count(u))};
}
template <bool U>
inline std::size_t in_degree(node_id u, const BoostView<U>& v) { return v.in_count(u); }
template <bool U>
inline std::size_t degree(node_id u, const BoostView<U>& v) {
  return U ? v.out_count(u) : v.out_count(u) + v.in_count(u);
}
template <bool U>
inline std::pair<detail::CsrAdjacencyIterator, detail::CsrAdjacencyIterator> adjacent_vertices(
    node_id u, const BoostView<U>& v) {
  const detail::RowPair r = v.out_rows(u);
  return {detail::CsrAdjacencyIterator(r, 0), detail::CsrAdjacencyIterator(r, v.out_count(u))};
}
template <bool U>
inline boost::typed_identity_property_map<node_id> get(boost::vertex_index_t, const BoostView<U>&) {
  return {};
}

}  // namespace movemap

namespace boost {

template <bool U>
struct graph_traits<movemap::BoostView<U>> {
  using vertex_descriptor = movemap::node_id;
  using edge_descriptor = movemap::CsrEdge;
  using directed_category = std::conditional_t<U, undirected_tag, bidirectional_tag>;
  using edge_parallel_category = allow_parallel_edge_tag;
  using traversal_category = movemap::boost_view_traversal_tag;
  using vertex_iterator = counting_iterator<movemap::node_id>;
  using out_edge_iterator = movemap::detail::CsrEdgeIterator;
  using in_edge_iterator = movemap::detail::CsrEdgeIterator;
  using adjacency_iterator = movemap::detail::CsrAdjacencyIterator;
  using vertices_size_type = movemap::node_id;
  using edges_size_type = movemap::edge_id;
  using degree_size_type = std::size_t;
  static vertex_descriptor null_vertex() { return movemap::kNone; }
};

template <bool U>
struct property_map<movemap::BoostView<U>, vertex_index_t> {
  using type = typed_identity_property_map<movemap::node_id>;
  using const_type = type;
};

}  // namespace boost
