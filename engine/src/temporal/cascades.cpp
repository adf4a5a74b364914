#include "movemap/temporal/cascades.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <string>

#include "movemap/error.hpp"

namespace movemap {

Cascades recruitment_cascades(const Contacts& c, std::size_t n, bool directed, const CascadeOptions& options) {
  ProgressReporter progress(options.progress);
  Cascades r;
  r.joined.assign(n, kNever);
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (r.joined[c.source[k]] == kNever) r.joined[c.source[k]] = c.time[k];
    if (r.joined[c.target[k]] == kNever) r.joined[c.target[k]] = c.time[k];
  }
  progress.report(0.25);
  r.recruiter.assign(n, kNone);
  r.recruited_at.assign(n, kNever);
  const bool both_ways = !directed || !options.follow_direction;
  for (std::size_t k = 0; k < c.size(); ++k) {
    const node_id u = c.source[k], v = c.target[k];
    if (r.recruiter[v] == kNone && r.joined[u] < r.joined[v]) {
      r.recruiter[v] = u;
      r.recruited_at[v] = c.time[k];
    }
    if (both_ways && r.recruiter[u] == kNone && r.joined[v] < r.joined[u]) {
      r.recruiter[u] = v;
      r.recruited_at[u] = c.time[k];
    }
  }
  progress.report(0.5);

  // Actors with contacts by (join time, id): recruiters come before their recruits.
  std::vector<node_id> by_join;
  for (node_id u = 0; u < n; ++u)
    if (r.joined[u] != kNever) by_join.push_back(u);
  std::sort(by_join.begin(), by_join.end(),
            [&](node_id a, node_id b) { return r.joined[a] < r.joined[b] || (r.joined[a] == r.joined[b] && a < b); });
  r.root.assign(n, kNone);
  r.depth.assign(n, 0);
  r.size.assign(n, 0);
  r.height.assign(n, 0);
  r.recruits.assign(n, 0);
  for (const node_id u : by_join) {
    const node_id p = r.recruiter[u];
    r.root[u] = p == kNone ? u : r.root[p];
    r.depth[u] = p == kNone ? 0 : r.depth[p] + 1;
    if (p != kNone) ++r.recruits[p];
  }
  for (auto it = by_join.rbegin(); it != by_join.rend(); ++it) {
    const node_id u = *it, p = r.recruiter[u];
    r.size[u] += 1;
    if (p != kNone) {
      r.size[p] += r.size[u];
      r.height[p] = std::max(r.height[p], r.height[u] + 1);
    }
  }
  for (node_id u = 0; u < n; ++u)
    if (r.joined[u] != kNever && r.recruiter[u] == kNone) r.roots.push_back(u);

  // Children lists in (join time, id) order, then an iterative preorder.
  std::vector<std::uint64_t> first(n + 1, 0);
  for (node_id u = 0; u < n; ++u) first[u + 1] = first[u] + r.recruits[u];
  std::vector<node_id> child(first[n]);
  std::vector<std::uint64_t> fill(first.begin(), first.end() - 1);
  for (const node_id u : by_join)
    if (r.recruiter[u] != kNone) child[fill[r.recruiter[u]]++] = u;
  r.pre.assign(n, std::numeric_limits<std::uint64_t>::max());
  r.order.reserve(by_join.size());
  std::vector<node_id> stack;
  for (const node_id root : r.roots) {
    stack.push_back(root);
    while (!stack.empty()) {
      const node_id u = stack.back();
      stack.pop_back();
      r.pre[u] = r.order.size();
      r.order.push_back(u);
      for (std::uint64_t k = first[u + 1]; k > first[u]; --k) stack.push_back(child[k - 1]);
    }
  }
  progress.report(1.0);
  return r;
}

Cascades recruitment_cascades(const Network& net, const CascadeOptions& options) {
  if (net.graph.num_ties() > 0 && net.contacts.empty())
    throw UsageError("recruitment cascades need the network's contacts (build it with NetworkOptions::keep_contacts)");
  return recruitment_cascades(net.contacts, net.actors.size(), net.directed(), options);
}

CascadeGrowth cascade_growth(const Cascades& cascades, const std::vector<node_id>& heads,
                             const std::vector<timestamp>& bounds) {
  if (bounds.size() < 2) throw UsageError("cascade growth needs at least one period (two bounds)");
  for (std::size_t i = 1; i < bounds.size(); ++i)
    if (bounds[i] <= bounds[i - 1]) throw UsageError("cascade growth: period bounds must increase");
  const std::size_t n = cascades.joined.size(), periods = bounds.size() - 1;
  CascadeGrowth g;
  for (const node_id h : heads) {
    if (h >= n) throw UsageError("cascade head " + std::to_string(h) + " out of range");
    std::vector<std::uint64_t> in(periods, 0);
    std::uint64_t earlier = 0;
    if (cascades.joined[h] != kNever) {
      const std::uint64_t from = cascades.pre[h], to = from + cascades.size[h];
      for (std::uint64_t i = from; i < to; ++i) {
        const timestamp t = cascades.joined[cascades.order[i]];
        if (t < bounds.front()) ++earlier;
        else if (t < bounds.back())
          ++in[static_cast<std::size_t>(std::upper_bound(bounds.begin(), bounds.end(), t) - bounds.begin()) - 1];
      }
    }
    std::vector<std::uint64_t> size(periods);
    std::uint64_t running = earlier;
    for (std::size_t p = 0; p < periods; ++p) size[p] = running += in[p];
    g.size.push_back(std::move(size));
    g.joined_in.push_back(std::move(in));
  }
  return g;
}

}  // namespace movemap
