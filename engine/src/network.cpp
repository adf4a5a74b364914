#include "movemap/network.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <numeric>

#include "movemap/graph_builder.hpp"

namespace movemap {

namespace {

// Network::contacts from the tie input (after build_graph, which reads it):
// sorted by (time, input position), each with its tie id looked up in the
// built graph's sorted rows. Consumes the input one column at a time (each
// input column is freed as soon as its sorted copy exists), so the peak is
// the input plus the order, the tie ids and one sorted column, not two
// copies of every column.
template <class T>
std::vector<T> permuted(std::vector<T>& in, const std::vector<std::size_t>& order) {
  std::vector<T> out(order.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, order.size(), 4096),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t i = r.begin(); i != r.end(); ++i) out[i] = in[order[i]];
                    });
  std::vector<T>().swap(in);
  return out;
}

Contacts make_contacts(const Graph& g, std::vector<node_id>& src, std::vector<node_id>& dst,
                       std::vector<timestamp>& time, std::vector<double>& weight, std::vector<std::uint32_t>& kind) {
  const std::size_t k = src.size();
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), std::size_t{0});
  tbb::parallel_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return time[a] < time[b] || (time[a] == time[b] && a < b);
  });
  Contacts c;
  c.tie.resize(k);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, k, 4096), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      const std::size_t j = order[i];
      node_id u = src[j], v = dst[j];
      if (!g.directed() && v < u) std::swap(u, v);
      const auto nb = g.out_neighbors(u);
      const auto pos = std::lower_bound(nb.begin(), nb.end(), v) - nb.begin();
      c.tie[i] = g.out_ties(u)[pos];
    }
  });
  c.time = permuted(time, order);
  c.source = permuted(src, order);
  c.target = permuted(dst, order);
  c.weight = permuted(weight, order);
  c.kind = permuted(kind, order);
  return c;
}

// Network::role_changes and the final roles from the role-change table
// (network.hpp): called once the nodes and the role column exist, before
// missing roles become "unknown".
void attach_role_changes(Network& net, const RoleChangeTable& t, const ActorTable* table) {
  check_role_changes(t);
  const std::size_t c = t.size();
  std::vector<std::size_t> order(c);
  std::vector<node_id> node(c);
  for (std::size_t i = 0; i < c; ++i) {
    order[i] = i;
    node[i] = *net.actors.find(t.id[i]);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return t.time[a] != t.time[b] ? t.time[a] < t.time[b] : node[a] < node[b];
  });
  RoleChanges& rc = net.role_changes;
  std::vector<std::size_t> last(net.actors.size(), c);  // row of each actor's last change
  for (const std::size_t i : order) {
    rc.actor.push_back(node[i]);
    rc.time.push_back(t.time[i]);
    rc.from.push_back(t.from[i]);
    rc.to.push_back(t.to[i]);
    last[node[i]] = i;
  }
  AttributeColumn& role = net.attributes.column("role");
  for (node_id u = 0; u < last.size(); ++u) {
    const std::size_t i = last[u];
    if (i == c) continue;
    if (role.values[u].empty()) {
      role.values[u] = t.to[i];
      continue;
    }
    if (role.values[u] == t.to[i]) continue;
    const bool in_table = table && u < table->ids.size();
    const std::string where = !in_table ? std::string("the actor table")
                              : table->source.empty() || table->lines.size() <= u
                                  ? "the actor table (row " + std::to_string(u + 1) + ")"
                                  : table->source + ":" + std::to_string(table->lines[u]);
    throw InputError(t.source, t.line[i],
                     "actor '" + t.id[i] + "' ends as '" + t.to[i] + "' after its last role change, but " + where +
                         " gives the role '" + role.values[u] +
                         "'; expected the actor table's role to be the role after the last change (or empty)");
  }
}

Network build(const InteractionLog& log_in, InteractionLog* consume, const ActorTable* table,
              const NetworkOptions& options, const RoleChangeTable* changes) {
  const InteractionLog& log = consume ? *consume : log_in;
  Network net;
  NetworkStats& st = net.stats;
  const std::size_t rows = log.rows();

  // Node ids: the table's actors in table order, then log-only actors in
  // order of first appearance.
  if (table) {
    net.actors.reserve(table->ids.size() + log.actors.size());
    for (std::uint32_t i = 0; i < table->ids.size(); ++i) net.actors.intern(table->ids.name(i));
    net.attributes = table->attributes;
    st.actors_in_table = table->ids.size();
  }
  std::vector<node_id> node_of(log.actors.size());
  if (table) {
    for (std::uint32_t i = 0; i < log.actors.size(); ++i) node_of[i] = net.actors.intern(log.actors.name(i));
  } else {
    net.actors = log.actors;  // same ids, same order
    for (std::uint32_t i = 0; i < log.actors.size(); ++i) node_of[i] = i;
  }
  if (changes)
    for (const auto& id : changes->id)
      if (!id.empty()) net.actors.intern(id);  // (an empty id fails check_role_changes)
  const node_id n = net.actors.size();
  st.actors_created = n - st.actors_in_table;
  net.attributes.resize(n);
  if (changes) attach_role_changes(net, *changes, table);
  AttributeColumn& role = net.attributes.column("role");
  for (auto& r : role.values)
    if (r.empty()) r = kUnknownRole;
  role.infer_type();

  // Which table actors never appear in the log.
  {
    std::vector<bool> seen(n, false);
    for (std::size_t i = 0; i < rows; ++i) {
      seen[node_of[log.source[i]]] = true;
      if (log.target[i] != kNone) seen[node_of[log.target[i]]] = true;
    }
    st.actors_without_interactions = std::count(seen.begin(), seen.end(), false);
  }

  // Split rows into pair interactions and attendance. The co-attendance
  // projection is computed first so the tie input is allocated once.
  st.interactions = rows;
  std::size_t pair_rows = 0;
  for (std::size_t i = 0; i < rows; ++i) pair_rows += log.target[i] != kNone;
  st.pair_rows = pair_rows;
  st.attendance_rows = rows - pair_rows;
  for (std::size_t i = 0; i < rows; ++i) {
    if (i == 0 || log.time[i] < st.first_time) st.first_time = log.time[i];
    if (i == 0 || log.time[i] > st.last_time) st.last_time = log.time[i];
  }
  {
    std::vector<node_id> att_person;
    std::vector<std::uint32_t> att_event;
    std::vector<timestamp> att_time;
    att_person.reserve(rows - pair_rows);
    att_event.reserve(rows - pair_rows);
    att_time.reserve(rows - pair_rows);
    for (std::size_t i = 0; i < rows; ++i)
      if (log.target[i] == kNone) {
        att_person.push_back(node_of[log.source[i]]);
        att_event.push_back(log.event[i]);
        att_time.push_back(log.time[i]);
      }
    net.attendance = build_attendance(n, log.events.size(), att_person, att_event, att_time);
  }
  net.attendance.events = log.events;
  net.kinds = log.kinds;
  CoAttendance co = project_coattendance(net.attendance, options.attendance);
  st.coattendance_interactions = co.source.size();
  const int copies = options.directed ? 2 : 1;  // mutual in a directed network
  const std::size_t total = pair_rows + co.source.size() * copies;
  std::vector<node_id> src, dst;
  std::vector<timestamp> time;
  std::vector<double> weight;
  std::vector<std::uint32_t> kind;
  src.reserve(total);
  dst.reserve(total);
  time.reserve(total);
  weight.reserve(total);
  kind.reserve(total);
  for (std::size_t i = 0; i < rows; ++i) {
    if (log.target[i] == kNone) continue;
    src.push_back(node_of[log.source[i]]);
    dst.push_back(node_of[log.target[i]]);
    st.self_interactions += src.back() == dst.back();
    time.push_back(log.time[i]);
    weight.push_back(log.weight[i]);
    kind.push_back(log.kind[i]);
  }
  if (consume) {
    // The rows are no longer needed; the id maps are (kept).
    std::vector<timestamp>().swap(consume->time);
    std::vector<std::uint32_t>().swap(consume->source);
    std::vector<std::uint32_t>().swap(consume->target);
    std::vector<std::uint32_t>().swap(consume->event);
    std::vector<std::uint32_t>().swap(consume->kind);
    std::vector<double>().swap(consume->weight);
  }
  if (!co.source.empty()) {
    const std::uint32_t k = net.kinds.intern(kCoAttendanceKind);
    for (int c = 0; c < copies; ++c) {
      src.insert(src.end(), (c ? co.target : co.source).begin(), (c ? co.target : co.source).end());
      dst.insert(dst.end(), (c ? co.source : co.target).begin(), (c ? co.source : co.target).end());
      time.insert(time.end(), co.time.begin(), co.time.end());
      weight.insert(weight.end(), co.weight.begin(), co.weight.end());
      kind.insert(kind.end(), co.source.size(), k);
    }
  }
  co = CoAttendance{};

  TieInput in{src, dst, time, weight, kind};
  if (options.keep_contacts) {
    // The contacts need the input after the graph exists: keep it.
    net.graph = build_graph(n, in, GraphBuildOptions{options.directed}, [] {});
    net.contacts = make_contacts(net.graph, src, dst, time, weight, kind);
    return net;
  }
  net.graph = build_graph(n, in, GraphBuildOptions{options.directed}, [&] {
    std::vector<node_id>().swap(src);
    std::vector<node_id>().swap(dst);
    std::vector<timestamp>().swap(time);
    std::vector<double>().swap(weight);
    std::vector<std::uint32_t>().swap(kind);
  });
  return net;
}

}  // namespace

Network build_network(const InteractionLog& log, const ActorTable* actors, const NetworkOptions& options,
                      const RoleChangeTable* role_changes) {
  return build(log, nullptr, actors, options, role_changes);
}

Network build_network(InteractionLog&& log, const ActorTable* actors, const NetworkOptions& options,
                      const RoleChangeTable* role_changes) {
  return build(log, &log, actors, options, role_changes);
}

}  // namespace movemap
