// Per-window indicators of a movement's network (windows.hpp), overall and
// by role, and the node measures per window that trajectories.hpp ranks.
//
// The window graph G_k of window k: the actors present in its range (with
// any activity there, attendance included: attendance-only actors are
// isolates) and the ties with a contact there (windows.hpp, lapse
// included). Let A_k be its actor set, T_k its tie set, first(a) the time of
// a's first activity in the whole log, first(t) a tie's first contact, and
// r_k the window's range start. Window 0 has no previous window (A_-1 and
// T_-1 empty).
// Actor states (a partition of A_k, plus the lapsed):
//   retained     a in A_k and a in A_{k-1}
//   new          a in A_k, not in A_{k-1}, first(a) >= r_k (first ever activity)
//   reactivated  a in A_k, not in A_{k-1}, first(a) <  r_k (active before)
//   lapsed       a in A_{k-1}, not in A_k
// so active = new + retained + reactivated. With overlapping sliding windows
// an actor whose first activity lies in the overlap is new in k-1 and
// retained in k. Tie states likewise (new_ties, renewed_ties = the
// "reactivated" of ties, retained_ties, lapsed_ties).
// Structure of G_k: density and reciprocity as structure/summary.hpp
// (networkx density / overall_reciprocity; reciprocity NaN when
// undirected), largest_component_share = largest weak component / |A_k|
// (0 when empty), components = number of weak components, average_clustering
// as structure/clustering.hpp (networkx average_clustering on the undirected
// simple view, zeros counted).
// Ties across groups (self-loops never count): citizen_service_ties (one
// end role "citizen", the other "service"), citizen_champion_ties, anchor_ties
// (at least one end "anchor"), cross_role_ties (the ends' roles differ),
// cross_site_ties (both ends have a site and they differ). Roles and sites
// are the node attributes "role" and "site" (missing site: no site).
// By role (long format, one row per window and role, every role of the
// network, in name order): active, new, retained, reactivated, lapsed
// actors of that role; ties, new_ties, renewed_ties, lapsed_ties = ties of
// that state with at least one end of that role (a tie between two roles
// counts for each).
// Roles over time: with role changes (Network::role_changes), every by-role
// count, the ties across roles and the brokerage groups of window k use the
// role each actor held at the window's end (role_transitions.hpp: after
// every change with time < end_k; a lapsed actor too), and the table gains
// the column role_changes (after cross_site_ties) = the changes with time in
// [start_k, end_k), split by type in WindowIndicators::transitions; the
// by-role rows cover every role of the attribute and of the changes.
// Without role changes the static role is used throughout.
// Communities (IndicatorOptions::communities): communities = the number of
// Louvain communities of the window graph (bridging/communities.hpp, seed
// 1, resolution 1, weighted; isolates are communities of their own) and
// modularity = its modularity; the two columns are present only when asked
// for (Louvain costs about O(m_w log n_w) per window).
//
// Node measures per window (trajectories.hpp names them): "degree"
// (centrality/degree.hpp degree: networkx G.degree(), directed in + out),
// "pagerank" (centrality/spectral.hpp, networkx pagerank, weighted by window
// weights), "betweenness" (centrality/betweenness.hpp, normalised, hops),
// "constraint" (bridging/structural_holes.hpp: Burt's constraint, networkx
// constraint; NaN for isolates), "brokerage" (bridging/brokerage.hpp: the
// Gould-Fernandez total brokerage count with the actors' roles as groups,
// sna's brokerage column t).
//
// Cost: the sweep (windows.hpp) plus, per window, O(flips) for the states,
// ties across groups and reciprocity (running totals updated from the ties
// and actors whose presence flipped since the previous window), O(n + m_w)
// for the graph and components (union-find), O(m_w^1.5) for clustering,
// O(iterations * m_w) for PageRank. Windows are pipelined (at most three in
// flight): in window order the flips and the window graph, then the kernels
// (components, clustering, each node measure, side by side with
// tbb::parallel_invoke, each parallel and deterministic), then in window
// order the stored results; so the results are identical for any thread
// count.
// Progress: polled once per window; returning false throws Cancelled.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "movemap/network.hpp"
#include "movemap/progress.hpp"
#include "movemap/temporal/role_transitions.hpp"
#include "movemap/temporal/windows.hpp"

namespace movemap {

// One value per row; counts are integers held exactly in doubles.
struct SeriesColumn {
  std::string name;
  bool integer = false;
  std::vector<double> values;
};

struct SeriesTable {
  std::vector<SeriesColumn> columns;
  // The named column; throws Error when absent.
  const SeriesColumn& at(const std::string& name) const;
  SeriesColumn& at(const std::string& name);
  const SeriesColumn* find(const std::string& name) const;
  SeriesColumn& add(std::string name, bool integer, std::size_t rows);
};

// The node measure names window_indicators accepts.
const std::vector<std::string>& window_measure_names();

struct IndicatorOptions {
  WindowOptions windows;
  std::vector<std::string> measures;  // node measures per window (trajectories)
  bool communities = false;           // Louvain per window (communities, modularity)
  ProgressCallback progress;          // once per window
};

// Node measures per window, long format: row i is (window[i], node[i],
// measure[i] (index into `measures`), value[i]); rows ordered by window,
// then measure, then node. Only actors present in the window have rows.
struct WindowNodeValues {
  std::vector<std::string> measures;
  std::vector<std::uint32_t> window;
  std::vector<node_id> node;
  std::vector<std::uint32_t> measure;
  std::vector<double> value;
};

struct WindowIndicators {
  std::vector<Window> windows;
  SeriesTable overall;                 // one row per window
  std::vector<std::uint32_t> role_window;  // by role: row -> window
  std::vector<std::string> role;           // by role: row -> role
  SeriesTable by_role;
  WindowNodeValues nodes;
  RoleTransitions transitions;  // empty without role changes
};

// Throws UsageError for an unknown measure or bad window options, and
// (windows.hpp) when the network has ties but no contacts.
WindowIndicators window_indicators(const Network& net, const IndicatorOptions& options);

// First activity time per actor (contacts and attendance); kNoActivity for
// actors without any.
inline constexpr timestamp kNoActivity = INT64_MAX;
std::vector<timestamp> first_activity(const Network& net);

}  // namespace movemap
