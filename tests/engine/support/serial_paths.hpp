// A deliberately simple serial reference for the shortest-path measures
// (betweenness, closeness, harmonic closeness), to check the parallel Brandes
// kernels against. Nothing here is Brandes: adjacency is a std::map built
// from the TieTable alone (not the CSR); distances come from Bellman-style
// relaxation (sweep every tie until nothing changes); path counts follow the
// recursive definition; betweenness is summed pair by pair.
//
// Floating point: networkx sums a path's lengths from the source outwards and
// compares distances exactly. The relaxation below sums in the same order
// (d(w) = d(v) + length(v, w) from the source), so its distances are the same
// doubles, and "v -> w is on a shortest path from s" is the exact test
// d_s(v) + length(v, w) == d_s(w). Then, for each source s,
//   sigma_s(v) = 1 if v == s, else the sum of sigma_s(u) over such u -> v,
//   tau_s(v, t) = 1 if v == t, else the sum of tau_s(w, t) over such v -> w,
// and the shortest s-t paths through v number sigma_s(v) * tau_s(v, t) (the
// textbook sigma_sv * sigma_vt when d(s,v) + d(v,t) = d(s,t), with the
// exactness of networkx's float comparisons). O(n^3 d) per graph: small
// graphs only.
#pragma once
#include <cstdint>
#include <limits>
#include <map>
#include <utility>
#include <vector>

#include "movemap/centrality/path_length.hpp"
#include "movemap/graph.hpp"
#include "movemap/graph_builder.hpp"

namespace movemap::testing {

// Hand-drawn test graphs: one interaction per row (repeat a row to repeat the
// interaction; weights of a pair add up).
struct PathRow {
  node_id source, target;
  double weight = 1.0;
};

inline Graph path_rows_graph(node_id n, const std::vector<PathRow>& rows, bool directed) {
  std::vector<node_id> s, t;
  std::vector<timestamp> time(rows.size(), 0);
  std::vector<double> w;
  for (const PathRow& r : rows) {
    s.push_back(r.source);
    t.push_back(r.target);
    w.push_back(r.weight);
  }
  return build_graph(n, TieInput{s, t, time, w, {}}, {directed});
}

// The tie id of u -> v (either way round when undirected); kNone if absent.
inline edge_id path_tie_id(const Graph& g, node_id u, node_id v) {
  const TieTable& t = g.ties();
  if (!g.directed() && u > v) std::swap(u, v);
  for (edge_id e = 0; e < t.size(); ++e) {
    if (t.source[e] == u && t.target[e] == v) return e;
  }
  return kNone;
}

struct SerialGraph {
  struct Arc {
    double length;
    edge_id tie;
  };
  node_id n = 0;
  bool directed = false;
  // out[v][w] and in[w][v]: the tie v -> w (undirected ties both ways).
  std::map<node_id, std::map<node_id, Arc>> out, in;
};

inline SerialGraph serial_graph(const Graph& g, PathLength p) {
  SerialGraph s;
  s.n = g.num_nodes();
  s.directed = g.directed();
  const TieTable& t = g.ties();
  for (edge_id e = 0; e < t.size(); ++e) {
    const double len = p == PathLength::hops ? 1.0 : p == PathLength::inverse ? 1.0 / t.weight[e] : t.weight[e];
    const node_id u = t.source[e], v = t.target[e];
    s.out[u][v] = {len, e};
    s.in[v][u] = {len, e};
    if (!g.directed()) {
      s.out[v][u] = {len, e};
      s.in[u][v] = {len, e};
    }
  }
  return s;
}

inline constexpr double kSerialInf = std::numeric_limits<double>::infinity();

// Distances from s (along out-arcs) or, with `to`, distances to s summed
// from s outwards along in-arcs (networkx's closeness on G.reverse()).
inline std::vector<double> serial_distances(const SerialGraph& g, node_id s, bool to = false) {
  std::vector<double> d(g.n, kSerialInf);
  d[s] = 0.0;
  const auto& arcs = to ? g.in : g.out;
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& [v, row] : arcs) {
      if (d[v] == kSerialInf) continue;
      for (const auto& [w, a] : row) {
        if (d[v] + a.length < d[w]) {
          d[w] = d[v] + a.length;
          changed = true;
        }
      }
    }
  }
  return d;
}

struct SerialBetweenness {
  std::vector<double> node, tie;  // raw sums over ordered pairs (s, t)
};

// Sum over ordered pairs s != t of the share of shortest s-t paths through
// each inner node and through each tie.
inline SerialBetweenness serial_betweenness_ordered(const SerialGraph& g, edge_id num_ties) {
  SerialBetweenness b;
  b.node.assign(g.n, 0.0);
  b.tie.assign(num_ties, 0.0);
  for (node_id s = 0; s < g.n; ++s) {
    const std::vector<double> d = serial_distances(g, s);
    auto tight = [&](node_id v, node_id w, double len) {
      return v != w && d[v] != kSerialInf && d[v] + len == d[w];
    };
    std::map<node_id, double> sigma_memo;
    auto sigma = [&](auto&& self, node_id v) -> double {
      if (v == s) return 1.0;
      if (auto it = sigma_memo.find(v); it != sigma_memo.end()) return it->second;
      double total = 0.0;
      if (auto row = g.in.find(v); row != g.in.end()) {
        for (const auto& [u, a] : row->second) {
          if (tight(u, v, a.length)) total += self(self, u);
        }
      }
      return sigma_memo[v] = total;
    };
    std::map<std::pair<node_id, node_id>, double> tau_memo;
    auto tau = [&](auto&& self, node_id v, node_id t) -> double {
      if (v == t) return 1.0;
      if (auto it = tau_memo.find({v, t}); it != tau_memo.end()) return it->second;
      double total = 0.0;
      if (auto row = g.out.find(v); row != g.out.end()) {
        for (const auto& [w, a] : row->second) {
          if (tight(v, w, a.length)) total += self(self, w, t);
        }
      }
      return tau_memo[{v, t}] = total;
    };
    for (node_id t = 0; t < g.n; ++t) {
      if (t == s || d[t] == kSerialInf) continue;
      const double paths = sigma(sigma, t);
      for (node_id v = 0; v < g.n; ++v) {
        if (v == s || v == t || d[v] == kSerialInf) continue;
        b.node[v] += sigma(sigma, v) * tau(tau, v, t) / paths;
      }
      for (const auto& [v, row] : g.out) {
        if (d[v] == kSerialInf) continue;
        for (const auto& [w, a] : row) {
          if (tight(v, w, a.length)) b.tie[a.tie] += sigma(sigma, v) * tau(tau, w, t) / paths;
        }
      }
    }
  }
  return b;
}

// With networkx's scaling (betweenness_centrality, edge_betweenness_centrality).
inline SerialBetweenness serial_betweenness(const Graph& graph, PathLength p, bool normalized) {
  const SerialGraph g = serial_graph(graph, p);
  SerialBetweenness b = serial_betweenness_ordered(g, graph.num_ties());
  const double n = g.n;
  if (g.n > 2) {
    const double f = normalized ? 1.0 / ((n - 1) * (n - 2)) : g.directed ? 1.0 : 0.5;
    for (double& x : b.node) x *= f;
  }
  if (g.n > 1) {
    const double f = normalized ? 1.0 / (n * (n - 1)) : g.directed ? 1.0 : 0.5;
    for (double& x : b.tie) x *= f;
  }
  return b;
}

// networkx's closeness_centrality over distances *to* each node.
inline std::vector<double> serial_closeness(const Graph& graph, PathLength p, bool wf_improved) {
  const SerialGraph g = serial_graph(graph, p);
  std::vector<double> c(g.n, 0.0);
  for (node_id u = 0; u < g.n; ++u) {
    const std::vector<double> d = serial_distances(g, u, /*to=*/true);
    double total = 0.0, reach = 0.0;
    for (const double x : d) {
      if (x == kSerialInf) continue;
      total += x;
      reach += 1.0;
    }
    if (total > 0.0) {
      c[u] = (reach - 1.0) / total;
      if (wf_improved) c[u] *= (reach - 1.0) / (g.n - 1.0);
    }
  }
  return c;
}

// networkx's harmonic_centrality: h(u) = sum over v != u of 1 / d(v, u), with
// d(v, u) found from v (as networkx does).
inline std::vector<double> serial_harmonic(const Graph& graph, PathLength p) {
  const SerialGraph g = serial_graph(graph, p);
  std::vector<double> h(g.n, 0.0);
  for (node_id v = 0; v < g.n; ++v) {
    const std::vector<double> d = serial_distances(g, v);
    for (node_id u = 0; u < g.n; ++u) {
      if (u != v && d[u] != kSerialInf) h[u] += 1.0 / d[u];
    }
  }
  return h;
}

}  // namespace movemap::testing
