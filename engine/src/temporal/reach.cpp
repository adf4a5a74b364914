#include "movemap/temporal/reach.hpp"

#include <algorithm>
#include <string>

#include "movemap/error.hpp"

namespace movemap {

TemporalReach temporal_reach(const Contacts& c, std::size_t num_nodes, bool directed, const ReachOptions& options) {
  if (options.seeds.empty()) throw UsageError("temporal reach needs at least one seed");
  for (const node_id s : options.seeds)
    if (s >= num_nodes)
      throw UsageError("seed node " + std::to_string(s) + " out of range (" + std::to_string(num_nodes) + " nodes)");
  ProgressReporter progress(options.progress);
  TemporalReach r;
  r.start = options.start ? *options.start : (c.empty() ? 0 : c.time.front());
  r.arrival.assign(num_nodes, kNever);
  std::vector<std::uint8_t> seed(num_nodes, 0);
  for (const node_id s : options.seeds)
    if (!seed[s]) {
      seed[s] = 1;
      r.arrival[s] = r.start;
      ++r.reached;
    }
  r.curve.time.push_back(r.start);
  r.curve.reached.push_back(r.reached);

  const bool both_ways = !directed || !options.follow_direction;
  const std::size_t m = c.size();
  std::size_t k = static_cast<std::size_t>(std::lower_bound(c.time.begin(), c.time.end(), r.start) - c.time.begin());
  auto reach = [&](node_id v, timestamp t) {
    r.arrival[v] = t;
    ++r.reached;
  };
  // Same-instant chains: the instant's contacts as linked adjacency lists
  // (head per node, reset after the instant), searched from the nodes that
  // were reached already.
  std::vector<std::uint32_t> head;
  std::vector<std::uint32_t> next;
  std::vector<node_id> to, touched, queue;
  if (options.same_instant_chains) head.assign(num_nodes, kNone);
  std::size_t next_report = std::size_t{1} << 20;

  while (k < m) {
    const timestamp t = c.time[k];
    std::size_t e = k;
    while (e < m && c.time[e] == t) ++e;
    const std::uint64_t before = r.reached;
    if (!options.same_instant_chains) {
      // u reached strictly before t (seeds: before every contact).
      auto before_t = [&](node_id u) { return seed[u] || r.arrival[u] < t; };
      for (std::size_t j = k; j < e; ++j) {
        const node_id u = c.source[j], v = c.target[j];
        if (u == v) continue;
        if (r.arrival[v] == kNever && before_t(u)) reach(v, t);
        if (both_ways && r.arrival[u] == kNever && before_t(v)) reach(u, t);
      }
    } else {
      auto add_arc = [&](node_id u, node_id v) {
        if (head[u] == kNone) touched.push_back(u);
        next.push_back(head[u]);
        to.push_back(v);
        head[u] = static_cast<std::uint32_t>(to.size() - 1);
      };
      for (std::size_t j = k; j < e; ++j) {
        const node_id u = c.source[j], v = c.target[j];
        if (u == v) continue;
        if (r.arrival[u] != kNever && r.arrival[v] == kNever) {
          reach(v, t);
          queue.push_back(v);
        } else if (r.arrival[u] == kNever) {
          add_arc(u, v);  // may carry reach once u is reached within this instant
        }
        if (both_ways) {
          if (r.arrival[v] != kNever && r.arrival[u] == kNever) {
            reach(u, t);
            queue.push_back(u);
          } else if (r.arrival[v] == kNever) {
            add_arc(v, u);
          }
        }
      }
      for (std::size_t q = 0; q < queue.size(); ++q)
        for (std::uint32_t a = head[queue[q]]; a != kNone; a = next[a])
          if (r.arrival[to[a]] == kNever) {
            reach(to[a], t);
            queue.push_back(to[a]);
          }
      for (const node_id u : touched) head[u] = kNone;
      touched.clear();
      next.clear();
      to.clear();
      queue.clear();
    }
    if (r.reached != before) {
      if (t == r.curve.time.back()) {
        r.curve.reached.back() = r.reached;  // the start instant itself
      } else {
        r.curve.time.push_back(t);
        r.curve.reached.push_back(r.reached);
      }
    }
    k = e;
    if (k >= next_report) {
      progress.report(static_cast<double>(k) / static_cast<double>(m));
      next_report = k + (std::size_t{1} << 20);
    }
  }
  return r;
}

TemporalReach temporal_reach(const Network& net, const ReachOptions& options) {
  if (net.graph.num_ties() > 0 && net.contacts.empty())
    throw UsageError("temporal reach needs the network's contacts (build it with NetworkOptions::keep_contacts)");
  return temporal_reach(net.contacts, net.actors.size(), net.directed(), options);
}

}  // namespace movemap
