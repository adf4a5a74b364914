#include "movemap/temporal/indicators.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <string>

#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/parallel_invoke.h>

#include "movemap/bridging/communities.hpp"
#include "movemap/error.hpp"
#include "movemap/structure/clustering.hpp"
#include "movemap/structure/summary.hpp"
#include "movemap/temporal/role_transitions.hpp"
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
  static const std::vector<std::string> names{"degree", "pagerank", "betweenness", "constraint", "brokerage"};
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

constexpr edge_id kNoTie = ~edge_id{0};

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

// Number of weak components and the size of the largest, by union-find
// over the tie table (path halving, union toward the smaller index): the
// counts of structure/components.hpp's weak_components without a DFS over
// the CSR (about 2x faster on window graphs of 10^5-10^6 ties).
void weak_component_sizes(const Graph& g, std::uint64_t& count, std::uint64_t& largest) {
  const node_id n = g.num_nodes();
  std::vector<node_id> parent(n);
  for (node_id u = 0; u < n; ++u) parent[u] = u;
  auto find = [&](node_id u) {
    while (parent[u] != u) u = parent[u] = parent[parent[u]];
    return u;
  };
  const TieTable& t = g.ties();
  for (std::size_t e = 0; e < t.size(); ++e) {
    const node_id a = find(t.source[e]), b = find(t.target[e]);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<std::uint64_t> size(n, 0);
  count = largest = 0;
  for (node_id u = 0; u < n; ++u) {
    const node_id r = find(u);
    if (r == u) ++count;
    largest = std::max(largest, ++size[r]);
  }
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
      throw UsageError("unknown window measure '" + m +
                       "'; expected degree, pagerank, betweenness, constraint or brokerage");
  const auto [t0, t1] = activity_span(net);
  WindowIndicators out;
  out.windows = make_windows(t0, t1, options.windows);
  WindowSweep sweep(net, options.windows);
  const std::size_t nwin = out.windows.size();
  const node_id n = net.graph.num_nodes();
  const TieTable& ties = net.graph.ties();
  const edge_id m = ties.size();
  const std::vector<timestamp> first = first_activity(net);
  Groups roles = groups_of(net, "role");
  const Groups sites = groups_of(net, "site");
  // With role changes, each window counts an actor under the role it held
  // at the window's end (role_transitions.hpp); without, the static role.
  const bool varying = !net.role_changes.empty();
  RoleTimeline timeline;
  if (varying) {
    timeline = role_timeline(net);
    roles.names = timeline.names;
  }
  const std::vector<std::uint32_t>& role_of = varying ? timeline.of : roles.of;
  const bool brokerage =
      std::find(options.measures.begin(), options.measures.end(), "brokerage") != options.measures.end();
  const std::uint32_t citizen = id_of(roles, "citizen"), service = id_of(roles, "service"),
                      champion = id_of(roles, "champion"), anchor = id_of(roles, "anchor");
  const std::size_t nroles = roles.names.size();

  SeriesTable& T = out.overall;
  T.columns.reserve(32);
  std::vector<SeriesColumn*> actor_col, tie_col;
  for (const char* s : kActorStates) actor_col.push_back(&T.add(s, true, nwin));
  for (const char* s : kTieStates) tie_col.push_back(&T.add(s, true, nwin));
  for (const char* s : {"density", "reciprocity"}) T.add(s, false, nwin);
  T.add("components", true, nwin);
  for (const char* s : {"largest_component_share", "average_clustering"}) T.add(s, false, nwin);
  for (const char* s : {"citizen_service_ties", "citizen_champion_ties", "anchor_ties", "cross_role_ties",
                        "cross_site_ties"})
    T.add(s, true, nwin);
  if (varying) T.add("role_changes", true, nwin);
  if (options.communities) {
    T.add("communities", true, nwin);
    T.add("modularity", false, nwin);
  }
  // Pointers into the finished column list.
  for (std::size_t i = 0; i < 5; ++i) {
    actor_col[i] = &T.at(kActorStates[i]);
    tie_col[i] = &T.at(kTieStates[i]);
  }

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

  // Reciprocity per window from the global reverse tie of each tie (a
  // present tie u -> v is reciprocated when v -> u is present too):
  // networkx overall_reciprocity without a search per window.
  std::vector<edge_id> reverse;
  if (net.directed()) {
    reverse.assign(m, kNoTie);
    for (edge_id e = 0; e < m; ++e) {
      const node_id u = ties.source[e], v = ties.target[e];
      if (u == v) continue;
      const auto nb = net.graph.out_neighbors(v);
      const auto it = std::lower_bound(nb.begin(), nb.end(), u);
      if (it != nb.end() && *it == u) reverse[e] = net.graph.out_ties(v)[static_cast<std::size_t>(it - nb.begin())];
    }
  }

  out.nodes.measures = options.measures;
  ProgressReporter progress(options.progress);
  Bitmap prev_actor, prev_tie;
  prev_actor.resize(n);
  prev_tie.resize(m);

  // A pipeline over the windows (at most three in flight): (1) in window
  // order, advance the sweep, count the states from what flipped and build
  // the window graph; (2) in parallel, the window's kernels; (3) in window
  // order, store the results. Stage 1 of window k+1 overlaps stage 2 of
  // window k (and of k-1).
  struct Job {
    std::size_t k = 0;
    WindowGraph wg;
    double recip = 0, avg_clustering = 0;
    double communities = std::numeric_limits<double>::quiet_NaN(), modularity = communities;
    std::uint64_t components = 0, largest = 0;
    std::vector<std::vector<double>> values;
    std::vector<std::uint32_t> group;  // brokerage groups, with role changes
    std::uint32_t groups = 0;
  };
  std::size_t next = 0;
  // Running totals over the current window (see stage 1).
  std::vector<std::int64_t> role_active(nroles, 0), role_ties(nroles, 0);
  std::int64_t across[5] = {0, 0, 0, 0, 0};  // the five ties-across-groups columns, in order
  std::int64_t both = 0;                      // present ties whose reverse is present
  std::vector<edge_id> flipped;
  SeriesColumn* across_col[5];
  {
    const char* names[] = {"citizen_service_ties", "citizen_champion_ties", "anchor_ties", "cross_role_ties",
                           "cross_site_ties"};
    for (std::size_t x = 0; x < 5; ++x) across_col[x] = &T.at(names[x]);
  }
  // A present tie's share of the running totals (ties across groups, ties
  // by role: each distinct role of the two ends once), added (sign 1) or
  // taken away (-1), with the ends' current roles.
  auto tie_total = [&](edge_id e, std::int64_t sign) {
    const node_id u = ties.source[e], v = ties.target[e];
    const std::uint32_t ru = role_of[u], rv = role_of[v];
    if (u != v) {
      if ((ru == citizen && rv == service) || (ru == service && rv == citizen)) {
        if (citizen != kNone) across[0] += sign;
      }
      if ((ru == citizen && rv == champion) || (ru == champion && rv == citizen)) {
        if (citizen != kNone) across[1] += sign;
      }
      if (anchor != kNone && (ru == anchor || rv == anchor)) across[2] += sign;
      if (ru != rv) across[3] += sign;
      if (sites.of[u] != kNone && sites.of[v] != kNone && sites.of[u] != sites.of[v]) across[4] += sign;
    }
    if (ru != kNone) role_ties[ru] += sign;
    if (rv != kNone && rv != ru) role_ties[rv] += sign;
  };
  // Actor u's share of the running totals of the previous window's sets
  // (prev_actor, prev_tie): itself if present, and its present ties (a
  // self-loop once).
  auto restate = [&](node_id u, std::int64_t sign) {
    if (prev_actor.test(u) && role_of[u] != kNone) role_active[role_of[u]] += sign;
    for (const edge_id e : net.graph.out_ties(u))
      if (prev_tie.test(e)) tie_total(e, sign);
    if (net.directed())
      for (const edge_id e : net.graph.in_ties(u))
        if (ties.source[e] != ties.target[e] && prev_tie.test(e)) tie_total(e, sign);
  };
  tbb::parallel_pipeline(
      3,
      tbb::make_filter<void, std::shared_ptr<Job>>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& fc) -> std::shared_ptr<Job> {
            if (next == nwin) {
              fc.stop();
              return nullptr;
            }
            const std::size_t k = next++;
            progress.report(static_cast<double>(k) / static_cast<double>(nwin));
            auto job = std::make_shared<Job>();
            job->k = k;
            const Window& w = out.windows[k];
            sweep.advance(w);
            const Bitmap& ap = sweep.actor_present();
            const Bitmap& tp = sweep.tie_present();
            if (varying) {
              // Role changes before this window's end, applied to the
              // running totals (still those of the previous window's sets):
              // an actor's contributions leave under its old role and come
              // back under the new one.
              const RoleChanges& rc = net.role_changes;
              if (w.end < timeline.at) throw Error("momentum windows: window ends must not decrease");
              for (; timeline.next < rc.size() && rc.time[timeline.next] < w.end; ++timeline.next) {
                const node_id u = rc.actor[timeline.next];
                restate(u, -1);
                timeline.of[u] = timeline.to[timeline.next];
                restate(u, +1);
              }
              timeline.at = w.end;
            }

            // Only what flipped since the previous window is visited:
            // prev_actor / prev_tie hold the previous window's sets and take
            // each flip as it is counted (a flip listed twice by the sweep,
            // out and back in, matches them and is skipped); counts over the
            // whole window (present ties across groups, per role, reciprocated
            // ties) are running totals.
            for (const node_id u : sweep.actors_flipped()) {
              const bool now = ap.test(u);
              if (now == prev_actor.test(u)) continue;
              if (now) prev_actor.set(u);
              else prev_actor.reset(u);
              const int st = state(now, !now, first[u], w.range_start);
              actor_col[st]->values[k] += 1;
              if (role_of[u] != kNone) {
                ractor[st]->values[k * nroles + role_of[u]] += 1;
                role_active[role_of[u]] += now ? 1 : -1;
              }
            }
            const double active = static_cast<double>(sweep.actors_present());
            actor_col[0]->values[k] = active;
            actor_col[2]->values[k] = active - actor_col[1]->values[k] - actor_col[3]->values[k];
            for (std::size_t r = 0; r < nroles; ++r) {
              const std::size_t row = k * nroles + r;
              ractor[0]->values[row] = static_cast<double>(role_active[r]);
              ractor[2]->values[row] = ractor[0]->values[row] - ractor[1]->values[row] - ractor[3]->values[row];
            }
            // Tie states, ties across groups, reciprocity. In tie order: the
            // tie table and the roles are then visited by ascending source.
            flipped.assign(sweep.ties_flipped().begin(), sweep.ties_flipped().end());
            std::sort(flipped.begin(), flipped.end());
            for (const edge_id e : flipped) {
              const bool now = tp.test(e);
              if (now == prev_tie.test(e)) continue;
              const node_id u = ties.source[e], v = ties.target[e];
              const std::int64_t sign = now ? 1 : -1;
              const edge_id r = reverse.empty() ? kNoTie : reverse[e];
              // The reverse tie, present: both become / stop being reciprocated.
              if (r != kNoTie && prev_tie.test(r)) both += 2 * sign;
              if (now) prev_tie.set(e);
              else prev_tie.reset(e);
              const int st = state(now, !now, ties.first_seen[e], w.range_start);
              tie_col[st]->values[k] += 1;
              tie_total(e, sign);
              const int ri = rtie_index(st);
              if (ri >= 0) {  // by role: each distinct role of the two ends once
                const std::uint32_t ru = role_of[u], rv = role_of[v];
                if (ru != kNone) rtie[ri]->values[k * nroles + ru] += 1;
                if (rv != kNone && rv != ru) rtie[ri]->values[k * nroles + rv] += 1;
              }
            }
            const double present = static_cast<double>(sweep.ties_present());
            tie_col[0]->values[k] = present;
            tie_col[2]->values[k] = present - tie_col[1]->values[k] - tie_col[3]->values[k];
            for (std::size_t r = 0; r < nroles; ++r) rtie[0]->values[k * nroles + r] = static_cast<double>(role_ties[r]);
            for (std::size_t x = 0; x < 5; ++x) across_col[x]->values[k] = static_cast<double>(across[x]);
            if (!net.directed()) job->recip = std::numeric_limits<double>::quiet_NaN();
            else if (sweep.ties_present() > 0) job->recip = static_cast<double>(both) / present;
            job->wg = window_graph(net, sweep, false);
            if (varying && brokerage) {
              // The roles at this window's end, taken now: the next
              // window's stage 1 moves the timeline while this one's
              // kernels run.
              job->groups = static_cast<std::uint32_t>(std::max<std::size_t>(nroles, 1));
              job->group.resize(job->wg.actor.size());
              for (std::size_t x = 0; x < job->wg.actor.size(); ++x) {
                const std::uint32_t r = role_of[job->wg.actor[x]];
                job->group[x] = r == kNone ? 0 : r;
              }
            }
            return job;
          }) &
          tbb::make_filter<std::shared_ptr<Job>, std::shared_ptr<Job>>(
              tbb::filter_mode::parallel,
              [&](std::shared_ptr<Job> job) {
                // Independent kernels side by side (components, serial,
                // beside the parallel ones); each is deterministic.
                const Graph& g = job->wg.graph;
                job->values.resize(options.measures.size());
                std::vector<std::uint32_t> group = std::move(job->group);
                std::uint32_t groups = job->groups;
                if (brokerage && !varying) window_groups(net, job->wg, group, groups);
                tbb::parallel_invoke([&] {
                                       weak_component_sizes(g, job->components, job->largest);
                                       if (options.communities) {
                                         const Partition p = louvain(g);
                                         job->communities = p.count;
                                         job->modularity = p.modularity;
                                       }
                                     },
                                     [&] { job->avg_clustering = average_clustering(g); },
                                     [&] {
                                       tbb::parallel_for(std::size_t{0}, options.measures.size(), [&](std::size_t mi) {
                                         job->values[mi] =
                                             window_node_measure(g, options.measures[mi], group, groups);
                                       });
                                     });
                return job;
              }) &
          tbb::make_filter<std::shared_ptr<Job>, void>(
              tbb::filter_mode::serial_in_order, [&](std::shared_ptr<Job> job) {
                const std::size_t k = job->k;
                const Graph& g = job->wg.graph;
                T.at("density").values[k] = density(g);
                T.at("reciprocity").values[k] = job->recip;
                T.at("components").values[k] = static_cast<double>(job->components);
                T.at("largest_component_share").values[k] =
                    g.num_nodes() ? static_cast<double>(job->largest) / g.num_nodes() : 0.0;
                T.at("average_clustering").values[k] = job->avg_clustering;
                if (options.communities) {
                  T.at("communities").values[k] = job->communities;
                  T.at("modularity").values[k] = job->modularity;
                }
                for (std::uint32_t mi = 0; mi < options.measures.size(); ++mi) {
                  const std::vector<double>& v = job->values[mi];
                  for (node_id x = 0; x < g.num_nodes(); ++x) {
                    out.nodes.window.push_back(static_cast<std::uint32_t>(k));
                    out.nodes.node.push_back(job->wg.actor[x]);
                    out.nodes.measure.push_back(mi);
                    out.nodes.value.push_back(v[x]);
                  }
                }
              }));
  if (varying) {
    out.transitions = role_transitions(net, out.windows);
    SeriesColumn& total = T.at("role_changes");
    for (std::size_t i = 0; i < out.transitions.count.size(); ++i)
      total.values[out.transitions.window[i]] += static_cast<double>(out.transitions.count[i]);
  }
  progress.report(1.0);
  return out;
}

}  // namespace movemap
