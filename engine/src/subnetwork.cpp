#include "movemap/subnetwork.hpp"

#include <algorithm>
#include <limits>

#include "movemap/error.hpp"
#include "movemap/graph_builder.hpp"

namespace movemap {

namespace {

constexpr node_id kDropped = std::numeric_limits<node_id>::max();

// The tie of (u, v) in g (both kept, undirected: either order), by binary
// search in u's sorted row.
edge_id tie_of(const Graph& g, node_id u, node_id v) {
  if (!g.directed() && v < u) std::swap(u, v);
  const auto nb = g.out_neighbors(u);
  const auto pos = std::lower_bound(nb.begin(), nb.end(), v) - nb.begin();
  return g.out_ties(u)[pos];
}

}  // namespace

Network subnetwork(const Network& net, const SubnetworkOptions& options) {
  const Graph& g = net.graph;
  const node_id n = g.num_nodes();
  if (!options.keep_node.empty() && options.keep_node.size() != n)
    throw UsageError("subnetwork: the node selection has " + std::to_string(options.keep_node.size()) +
                     " entries for a network of " + std::to_string(n) + " actors; expected one per actor");
  const bool timed = options.from || options.to;
  if (options.from && options.to && !(*options.from < *options.to))
    throw UsageError("subnetwork: the interval [" + std::to_string(*options.from) + ", " +
                     std::to_string(*options.to) + ") is empty; expected from < to");
  const bool has_contacts = !net.contacts.empty() || g.num_ties() == 0;
  if (timed && !has_contacts)
    throw UsageError(
        "subnetwork: a time interval needs the network's interactions (contacts), and this network was built "
        "without them; build it with keep_contacts (NetworkOptions::keep_contacts, movemap.load(..., "
        "keep_contacts=True))");
  const timestamp from = options.from.value_or(std::numeric_limits<timestamp>::min());
  const timestamp to = options.to.value_or(std::numeric_limits<timestamp>::max());
  auto in_interval = [&](timestamp t) { return from <= t && (!options.to || t < to); };

  // Kept nodes, renumbered in order.
  std::vector<node_id> new_id(n, kDropped);
  std::vector<node_id> old_id;
  for (node_id u = 0; u < n; ++u)
    if (options.keep_node.empty() || options.keep_node[u]) {
      new_id[u] = static_cast<node_id>(old_id.size());
      old_id.push_back(u);
    }
  const node_id k = static_cast<node_id>(old_id.size());

  Network sub;
  for (node_id v = 0; v < k; ++v) sub.actors.intern(net.actors.name(old_id[v]));
  sub.attributes = AttributeTable(k);
  for (const AttributeColumn& c : net.attributes.columns()) {
    AttributeColumn& d = sub.attributes.column(c.name);
    d.values.resize(k);
    for (node_id v = 0; v < k; ++v) d.values[v] = c.values[old_id[v]];
    d.type = c.type;
  }
  sub.kinds = net.kinds;
  // Role changes of the kept actors (all of them, whatever the interval:
  // they are the actors' history, not interactions).
  for (std::size_t i = 0; i < net.role_changes.size(); ++i) {
    const node_id v = new_id[net.role_changes.actor[i]];
    if (v == kDropped) continue;
    sub.role_changes.actor.push_back(v);
    sub.role_changes.time.push_back(net.role_changes.time[i]);
    sub.role_changes.from.push_back(net.role_changes.from[i]);
    sub.role_changes.to.push_back(net.role_changes.to[i]);
  }

  // Contacts to keep (both ends kept, in the interval), in time order.
  const Contacts& c = net.contacts;
  std::vector<std::size_t> kept_contacts;
  for (std::size_t i = 0; i < c.size(); ++i)
    if (new_id[c.source[i]] != kDropped && new_id[c.target[i]] != kDropped && in_interval(c.time[i]))
      kept_contacts.push_back(i);

  const bool directed = g.directed();
  if (timed) {
    const std::size_t q = kept_contacts.size();
    std::vector<node_id> src(q), dst(q);
    std::vector<timestamp> time(q);
    std::vector<double> weight(q);
    std::vector<std::uint32_t> kind(q);
    for (std::size_t j = 0; j < q; ++j) {
      const std::size_t i = kept_contacts[j];
      src[j] = new_id[c.source[i]];
      dst[j] = new_id[c.target[i]];
      time[j] = c.time[i];
      weight[j] = c.weight[i];
      kind[j] = c.kind[i];
    }
    sub.graph = build_graph(k, TieInput{src, dst, time, weight, kind}, GraphBuildOptions{directed});
  } else {
    // Ties whose two ends are kept, values unchanged.
    const TieTable& t = g.ties();
    TieTable s;
    for (edge_id e = 0; e < t.size(); ++e) {
      const node_id a = new_id[t.source[e]], b = new_id[t.target[e]];
      if (a == kDropped || b == kDropped) continue;
      s.source.push_back(a);
      s.target.push_back(b);
      s.weight.push_back(t.weight[e]);
      s.count.push_back(t.count[e]);
      s.first_seen.push_back(t.first_seen[e]);
      s.last_seen.push_back(t.last_seen[e]);
      const auto ks = t.kinds(e);
      s.kind_ids.insert(s.kind_ids.end(), ks.begin(), ks.end());
      s.kind_offsets.push_back(s.kind_ids.size());
    }
    sub.graph = graph_from_ties(k, std::move(s), directed);
  }

  // The kept contacts, with their ties in the new graph.
  if (!c.empty()) {
    Contacts& d = sub.contacts;
    const std::size_t q = kept_contacts.size();
    d.time.resize(q);
    d.source.resize(q);
    d.target.resize(q);
    d.weight.resize(q);
    d.kind.resize(q);
    d.tie.resize(q);
    for (std::size_t j = 0; j < q; ++j) {
      const std::size_t i = kept_contacts[j];
      d.time[j] = c.time[i];
      d.source[j] = new_id[c.source[i]];
      d.target[j] = new_id[c.target[i]];
      d.weight[j] = c.weight[i];
      d.kind[j] = c.kind[i];
      d.tie[j] = tie_of(sub.graph, d.source[j], d.target[j]);
    }
  }

  // Attendance of kept persons, first attendance in the interval.
  const Attendance& a = net.attendance;
  std::vector<node_id> person;
  std::vector<std::uint32_t> event;
  std::vector<timestamp> when;
  for (std::uint32_t ev = 0; ev < a.num_events(); ++ev)
    for (edge_id p = a.event_offsets[ev]; p < a.event_offsets[ev + 1]; ++p) {
      const node_id u = new_id[a.event_persons[p]];
      if (u == kDropped || !in_interval(a.event_person_time[p])) continue;
      person.push_back(u);
      event.push_back(ev);
      when.push_back(a.event_person_time[p]);
    }
  sub.attendance = build_attendance(k, a.num_events(), person, event, when);
  sub.attendance.events = a.events;

  // Accounting of the kept part.
  NetworkStats& st = sub.stats;
  for (node_id v = 0; v < k; ++v) st.actors_in_table += old_id[v] < net.stats.actors_in_table;
  st.actors_created = k - st.actors_in_table;
  std::vector<bool> active(k, false);
  bool any_time = false;
  auto see_time = [&](timestamp t) {
    if (!any_time || t < st.first_time) st.first_time = t;
    if (!any_time || t > st.last_time) st.last_time = t;
    any_time = true;
  };
  if (!c.empty() || g.num_ties() == 0) {
    const auto co = net.kinds.find(kCoAttendanceKind);
    std::uint64_t co_contacts = 0;
    for (const std::size_t i : kept_contacts) {
      active[new_id[c.source[i]]] = active[new_id[c.target[i]]] = true;
      if (co && c.kind[i] == *co) {
        ++co_contacts;
      } else {
        ++st.pair_rows;
        st.self_interactions += c.source[i] == c.target[i];
      }
      see_time(c.time[i]);
    }
    st.coattendance_interactions = directed ? co_contacts / 2 : co_contacts;
  } else {
    const TieTable& t = sub.graph.ties();
    for (edge_id e = 0; e < t.size(); ++e) {
      active[t.source[e]] = active[t.target[e]] = true;
      st.pair_rows += t.count[e];
      if (t.source[e] == t.target[e]) st.self_interactions += t.count[e];
      see_time(t.first_seen[e]);
      see_time(t.last_seen[e]);
    }
  }
  for (std::size_t p = 0; p < person.size(); ++p) {
    active[person[p]] = true;
    see_time(when[p]);
  }
  st.attendance_rows = person.size();
  st.interactions = st.pair_rows + st.attendance_rows;
  st.actors_without_interactions = static_cast<std::uint64_t>(std::count(active.begin(), active.end(), false));
  return sub;
}

std::vector<std::uint8_t> nodes_with_attribute(const Network& net, std::string_view column,
                                               const std::vector<std::string>& values) {
  const AttributeColumn* col = net.attributes.find(column);
  if (!col) {
    std::string known;
    for (const AttributeColumn& c : net.attributes.columns()) known += (known.empty() ? "" : ", ") + c.name;
    throw UsageError("no actor attribute \"" + std::string(column) + "\"; the actors have: " + known);
  }
  const node_id n = net.graph.num_nodes();
  std::vector<std::uint8_t> keep(n, 0);
  for (const std::string& v : values) {
    bool found = false;
    for (node_id u = 0; u < n; ++u)
      if (col->values[u] == v) {
        keep[u] = 1;
        found = true;
      }
    if (!found) {
      std::vector<std::string> present;
      for (node_id u = 0; u < n; ++u)
        if (!col->values[u].empty()) present.push_back(col->values[u]);
      std::sort(present.begin(), present.end());
      present.erase(std::unique(present.begin(), present.end()), present.end());
      std::string list;
      for (const std::string& p : present) list += (list.empty() ? "\"" : ", \"") + p + "\"";
      throw UsageError("no actor has " + std::string(column) + " \"" + v + "\"; the values present are: " +
                       (list.empty() ? std::string("(none)") : list));
    }
  }
  return keep;
}

}  // namespace movemap
