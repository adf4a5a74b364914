#include "movemap/temporal/indicators.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "movemap/error.hpp"
#include "movemap/structure/clustering.hpp"
#include "movemap/structure/components.hpp"
#include "movemap/structure/summary.hpp"
#include "movemap/temporal/trajectories.hpp"

namespace movemap {

const SeriesColumn* SeriesTable::find(const std::string& name) const {
  for (const auto& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}
const SeriesColumn& SeriesTable::at(const std::string& name) const {
  if (const SeriesColumn* c = find(name)) return *c;
  throw Error("no series column '" + name + "'");
}
SeriesColumn& SeriesTable::at(const std::string& name) {
  return const_cast<SeriesColumn&>(static_cast<const SeriesTable&>(*this).at(name));
}
SeriesColumn& SeriesTable::add(std::string name, bool integer, std::size_t rows) {
  columns.push_back(SeriesColumn{std::move(name), integer, std::vector<double>(rows, 0.0)});
  return columns.back();
}

const std::vector<std::string>& window_measure_names() {
  static const std::vector<std::string> names{"degree", "pagerank", "betweenness"};
  return names;
}

std::vector<timestamp> first_activity(const Network& net) {
  std::vector<timestamp> first(net.graph.num_nodes(), kNoActivity);
  const Contacts& c = net.contacts;
  for (std::size_t i = 0; i < c.size(); ++i) {
    first[c.source[i]] = std::min(first[c.source[i]], c.time[i]);
    first[c.target[i]] = std::min(first[c.target[i]], c.time[i]);
  }
  const Attendance& a = net.attendance;
  for (std::size_t i = 0; i < a.num_incidences(); ++i)
    first[a.event_persons[i]] = std::min(first[a.event_persons[i]], a.event_person_time[i]);
  return first;
}

namespace {

const char* const kActorStates[] = {"active", "new", "retained", "reactivated", "lapsed"};
// Indexed by state(): 0 = present (all), 1 new, 2 retained, 3 reactivated / renewed, 4 lapsed.
const char* const kTieStates[] = {"ties", "new_ties", "retained_ties", "renewed_ties", "lapsed_ties"};

// Interned values of a node attribute: id per node (kNone when missing).
struct Groups {
  std::vector<std::string> names;  // sorted
  std::vector<std::uint32_t> of;   // per node
};
Groups groups_of(const Network& net, const char* attribute) {
  const std::size_t n = net.graph.num_nodes();
  Groups g;
  g.of.assign(n, kNone);
  const AttributeColumn* col = net.attributes.find(attribute);
  if (!col) return g;
  std::map<std::string, std::uint32_t> ids;
  for (std::size_t u = 0; u < n; ++u)
    if (!col->missing(u)) ids.emplace(col->values[u], 0);
  for (auto& [name, id] : ids) {
    id = static_cast<std::uint32_t>(g.names.size());
    g.names.push_back(name);
  }
  for (std::size_t u = 0; u < n; ++u)
    if (!col->missing(u)) g.of[u] = ids.at(col->values[u]);
  return g;
}

std::uint32_t id_of(const Groups& g, const char* name) {
  const auto it = std::lower_bound(g.names.begin(), g.names.end(), name);
  return it != g.names.end() && *it == name ? static_cast<std::uint32_t>(it - g.names.begin()) : kNone;
}

// State of an element in window k: 0 absent, 1 new, 2 retained,
// 3 reactivated, 4 lapsed (absent now, present before).
int state(bool now, bool before, timestamp first, timestamp range_start) {
  if (now) return before ? 2 : (first >= range_start ? 1 : 3);
  return before ? 4 : 0;
}

}  // namespace

WindowIndicators window_indicators(const Network& net, const IndicatorOptions& options) {
  for (const auto& m : options.measures)
    if (std::find(window_measure_names().begin(), window_measure_names().end(), m) == window_measure_names().end())
      throw UsageError("unknown window measure '" + m + "'; expected degree, pagerank or betweenness");
  const auto [t0, t1] = activity_span(net);
  WindowIndicators out;
  out.windows = make_windows(t0, t1, options.windows);
  WindowSweep sweep(net, options.windows);
  const std::size_t nwin = out.windows.size();
  const node_id n = net.graph.num_nodes();
  const TieTable& ties = net.graph.ties();
  const edge_id m = ties.size();
  const std::vector<timestamp> first = first_activity(net);
  const Groups roles = groups_of(net, "role"), sites = groups_of(net, "site");
  const std::uint32_t citizen = id_of(roles, "citizen"), service = id_of(roles, "service"),
                      champion = id_of(roles, "champion"), anchor = id_of(roles, "anchor");
  const std::size_t nroles = roles.names.size();

  SeriesTable& T = out.overall;
  T.columns.reserve(20);  // column pointers below stay valid
  std::vector<SeriesColumn*> actor_col, tie_col;
  for (const char* s : kActorStates) actor_col.push_back(&T.add(s, true, nwin));
  for (const char* s : kTieStates) tie_col.push_back(&T.add(s, true, nwin));
  for (const char* s : {"density", "reciprocity"}) T.add(s, false, nwin);
  T.add("components", true, nwin);
  for (const char* s : {"largest_component_share", "average_clustering"}) T.add(s, false, nwin);
  for (const char* s : {"citizen_service_ties", "citizen_champion_ties", "anchor_ties", "cross_role_ties",
                        "cross_site_ties"})
    T.add(s, true, nwin);

  const std::size_t nrows = nwin * nroles;
  out.role_window.resize(nrows);
  out.role.resize(nrows);
  for (std::size_t k = 0; k < nwin; ++k)
    for (std::size_t r = 0; r < nroles; ++r) {
      out.role_window[k * nroles + r] = static_cast<std::uint32_t>(k);
      out.role[k * nroles + r] = roles.names[r];
    }
  SeriesTable& R = out.by_role;
  R.columns.reserve(10);
  for (const char* s : kActorStates) R.add(s, true, nrows);
  for (const char* s : {"ties", "new_ties", "renewed_ties", "lapsed_ties"}) R.add(s, true, nrows);
  std::vector<SeriesColumn*> ractor, rtie;
  for (const char* s : kActorStates) ractor.push_back(&R.at(s));
  for (const char* s : {"ties", "new_ties", "renewed_ties", "lapsed_ties"}) rtie.push_back(&R.at(s));
  // Tie state (1..4) -> by-role tie column (1 new, 3 renewed, 4 lapsed; retained counts only in "ties").
  auto rtie_index = [](int st) { return st == 1 ? 1 : st == 3 ? 2 : st == 4 ? 3 : -1; };

  out.nodes.measures = options.measures;
  ProgressReporter progress(options.progress);
  Bitmap prev_actor, prev_tie;
  prev_actor.resize(n);
  prev_tie.resize(m);

  for (std::size_t k = 0; k < nwin; ++k) {
    progress.report(static_cast<double>(k) / static_cast<double>(nwin));
    const Window& w = out.windows[k];
    sweep.advance(w);
    const Bitmap& ap = sweep.actor_present();
    const Bitmap& tp = sweep.tie_present();

    // Actor states: words where either bitmap has a bit.
    for (std::size_t x = 0; x < ap.words.size(); ++x)
      for (std::uint64_t bits = ap.words[x] | prev_actor.words[x]; bits; bits &= bits - 1) {
        const node_id u = static_cast<node_id>(x * 64 + static_cast<unsigned>(__builtin_ctzll(bits)));
        const bool now = ap.test(u);
        const int st = state(now, prev_actor.test(u), first[u], w.range_start);
        if (now) actor_col[0]->values[k] += 1;
        actor_col[st]->values[k] += 1;
        if (roles.of[u] != kNone) {
          const std::size_t row = k * nroles + roles.of[u];
          if (now) ractor[0]->values[row] += 1;
          ractor[st]->values[row] += 1;
        }
      }
    // Tie states and ties across groups.
    double& cs = T.at("citizen_service_ties").values[k];
    double& cc = T.at("citizen_champion_ties").values[k];
    double& an = T.at("anchor_ties").values[k];
    double& cr = T.at("cross_role_ties").values[k];
    double& csi = T.at("cross_site_ties").values[k];
    for (std::size_t x = 0; x < tp.words.size(); ++x)
      for (std::uint64_t bits = tp.words[x] | prev_tie.words[x]; bits; bits &= bits - 1) {
        const edge_id e = static_cast<edge_id>(x * 64 + static_cast<unsigned>(__builtin_ctzll(bits)));
        const bool now = tp.test(e);
        const int st = state(now, prev_tie.test(e), ties.first_seen[e], w.range_start);
        const node_id u = ties.source[e], v = ties.target[e];
        const std::uint32_t ru = roles.of[u], rv = roles.of[v];
        if (now) {
          tie_col[0]->values[k] += 1;
          if (u != v) {
            if ((ru == citizen && rv == service) || (ru == service && rv == citizen)) {
              if (citizen != kNone) cs += 1;
            }
            if ((ru == citizen && rv == champion) || (ru == champion && rv == citizen)) {
              if (citizen != kNone) cc += 1;
            }
            if (anchor != kNone && (ru == anchor || rv == anchor)) an += 1;
            if (ru != rv) cr += 1;
            if (sites.of[u] != kNone && sites.of[v] != kNone && sites.of[u] != sites.of[v]) csi += 1;
          }
        }
        tie_col[st]->values[k] += 1;
        const int ri = rtie_index(st);
        // By role: each distinct role of the two ends once.
        auto count_role = [&](std::uint32_t r) {
          if (r == kNone) return;
          const std::size_t row = k * nroles + r;
          if (now) rtie[0]->values[row] += 1;
          if (ri >= 0) rtie[ri]->values[row] += 1;
        };
        count_role(ru);
        if (rv != ru) count_role(rv);
      }

    // Structure of the window graph.
    const WindowGraph wg = window_graph(net, sweep);
    const Graph& g = wg.graph;
    T.at("density").values[k] = density(g);
    T.at("reciprocity").values[k] = reciprocity(g);
    const Components comp = weak_components(g);
    T.at("components").values[k] = comp.count();
    T.at("largest_component_share").values[k] =
        g.num_nodes() ? static_cast<double>(comp.largest()) / g.num_nodes() : 0.0;
    T.at("average_clustering").values[k] = average_clustering(g);

    // Node measures.
    for (std::uint32_t mi = 0; mi < options.measures.size(); ++mi) {
      const std::vector<double> v = window_node_measure(g, options.measures[mi]);
      for (node_id x = 0; x < g.num_nodes(); ++x) {
        out.nodes.window.push_back(static_cast<std::uint32_t>(k));
        out.nodes.node.push_back(wg.actor[x]);
        out.nodes.measure.push_back(mi);
        out.nodes.value.push_back(v[x]);
      }
    }
    prev_actor.words = ap.words;
    prev_tie.words = tp.words;
  }
  progress.report(1.0);
  return out;
}

}  // namespace movemap
