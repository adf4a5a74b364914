#include "movemap/temporal/role_transitions.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace movemap {

RoleTimeline role_timeline(const Network& net) {
  RoleTimeline r;
  const node_id n = net.graph.num_nodes();
  const RoleChanges& c = net.role_changes;
  const AttributeColumn* role = net.attributes.find("role");
  if (role)
    for (node_id u = 0; u < n; ++u)
      if (!role->missing(u)) r.names.push_back(role->values[u]);
  r.names.insert(r.names.end(), c.from.begin(), c.from.end());
  r.names.insert(r.names.end(), c.to.begin(), c.to.end());
  std::sort(r.names.begin(), r.names.end());
  r.names.erase(std::unique(r.names.begin(), r.names.end()), r.names.end());
  auto id = [&](const std::string& s) {
    return static_cast<std::uint32_t>(std::lower_bound(r.names.begin(), r.names.end(), s) - r.names.begin());
  };
  r.from.resize(c.size());
  r.to.resize(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) {
    r.from[i] = id(c.from[i]);
    r.to[i] = id(c.to[i]);
  }
  r.of.assign(n, kNone);
  if (role)
    for (node_id u = 0; u < n; ++u)
      if (!role->missing(u)) r.of[u] = id(role->values[u]);
  // Before every change: each actor's first change's `from` (changes are in
  // time order, so the last one written backwards is the first).
  for (std::size_t i = c.size(); i-- > 0;) r.of[c.actor[i]] = r.from[i];
  return r;
}

void advance_roles(RoleTimeline& r, const Network& net, timestamp t) {
  const RoleChanges& c = net.role_changes;
  if (t < r.at) {
    RoleTimeline fresh = role_timeline(net);
    r.of = std::move(fresh.of);
    r.next = 0;
  }
  for (; r.next < c.size() && c.time[r.next] < t; ++r.next) r.of[c.actor[r.next]] = r.to[r.next];
  r.at = t;
}

RoleTransitions role_transitions(const Network& net, const std::vector<Window>& windows) {
  RoleTransitions out;
  const RoleChanges& c = net.role_changes;
  std::map<std::pair<std::string, std::string>, std::uint32_t> types;
  for (std::size_t i = 0; i < c.size(); ++i) types.emplace(std::make_pair(c.from[i], c.to[i]), 0);
  for (auto& [key, index] : types) {
    index = static_cast<std::uint32_t>(out.from.size());
    out.from.push_back(key.first);
    out.to.push_back(key.second);
  }
  std::vector<std::uint32_t> type_of(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) type_of[i] = types.at({c.from[i], c.to[i]});
  const std::size_t nt = out.types();
  out.window.resize(windows.size() * nt);
  out.type.resize(windows.size() * nt);
  out.count.assign(windows.size() * nt, 0);
  out.actors.assign(windows.size() * nt, 0);
  out.window_actors.assign(windows.size(), 0);
  std::vector<std::pair<std::uint32_t, node_id>> pairs;  // (type, actor) of a window's changes
  std::vector<node_id> actors;
  for (std::size_t k = 0; k < windows.size(); ++k) {
    for (std::size_t y = 0; y < nt; ++y) {
      out.window[k * nt + y] = static_cast<std::uint32_t>(k);
      out.type[k * nt + y] = static_cast<std::uint32_t>(y);
    }
    const auto lo = std::lower_bound(c.time.begin(), c.time.end(), windows[k].start) - c.time.begin();
    const auto hi = std::lower_bound(c.time.begin(), c.time.end(), windows[k].end) - c.time.begin();
    pairs.clear();
    actors.clear();
    for (auto i = lo; i < hi; ++i) {
      const std::size_t j = static_cast<std::size_t>(i);
      ++out.count[k * nt + type_of[j]];
      pairs.emplace_back(type_of[j], c.actor[j]);
      actors.push_back(c.actor[j]);
    }
    std::sort(pairs.begin(), pairs.end());
    for (std::size_t j = 0; j < pairs.size(); ++j)
      out.actors[k * nt + pairs[j].first] += j == 0 || pairs[j] != pairs[j - 1];
    std::sort(actors.begin(), actors.end());
    out.window_actors[k] =
        static_cast<std::uint64_t>(std::unique(actors.begin(), actors.end()) - actors.begin());
  }
  return out;
}

RoleCohorts role_cohorts(const Network& net) {
  RoleCohorts out;
  const RoleChanges& c = net.role_changes;
  if (c.empty()) return out;
  // The actors that changed (index per node, kNone for the others), and the
  // months each was active in: one array lookup per activity, the month
  // computed only for changers (the network's last month aside).
  std::vector<std::uint32_t> index(net.graph.num_nodes(), kNone);
  std::uint32_t changers = 0;
  for (const node_id u : c.actor)
    if (index[u] == kNone) index[u] = changers++;
  std::vector<std::set<long long>> months(changers);
  std::vector<long long> seen(changers, std::numeric_limits<long long>::min());  // last month inserted
  timestamp latest = std::numeric_limits<timestamp>::min();
  auto see = [&](node_id u, timestamp t) {
    latest = std::max(latest, t);
    if (index[u] == kNone) return;
    const long long mo = utc_month(t);
    if (seen[index[u]] == mo) return;  // streams are time-ordered: repeats are adjacent
    seen[index[u]] = mo;
    months[index[u]].insert(mo);
  };
  const Contacts& k = net.contacts;
  for (std::size_t j = 0; j < k.size(); ++j) {
    see(k.source[j], k.time[j]);
    see(k.target[j], k.time[j]);
  }
  const ActivityStream a = attendance_stream(net);
  for (std::size_t j = 0; j < a.time.size(); ++j) see(a.actor[j], a.time[j]);
  const long long last = latest == std::numeric_limits<timestamp>::min() ? std::numeric_limits<long long>::min()
                                                                         : utc_month(latest);
  // Cohorts: (from, to, month) -> members.
  std::map<std::tuple<std::string, std::string, long long>, std::set<node_id>> cohorts;
  for (std::size_t j = 0; j < c.size(); ++j) cohorts[{c.from[j], c.to[j], utc_month(c.time[j])}].insert(c.actor[j]);
  for (const auto& [key, members] : cohorts) {
    const auto& [from, to, month] = key;
    const long long span = last > month ? last - month : 0;
    for (long long d = 0; d <= span; ++d) {
      std::uint64_t active = 0;
      for (const node_id u : members) active += months[index[u]].count(month + d);
      out.from.push_back(from);
      out.to.push_back(to);
      out.cohort.push_back(utc_month_start(month));
      out.size.push_back(members.size());
      out.months_since.push_back(static_cast<std::uint32_t>(d));
      out.active.push_back(active);
      out.share.push_back(static_cast<double>(active) / static_cast<double>(members.size()));
    }
  }
  return out;
}

}  // namespace movemap
