#include "movemap/temporal/trajectories.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "movemap/bridging/brokerage.hpp"
#include "movemap/bridging/structural_holes.hpp"
#include "movemap/centrality/betweenness.hpp"
#include "movemap/centrality/spectral.hpp"
#include "movemap/error.hpp"

namespace movemap {

namespace {

// Strict "x before y" for ranking: larger first, NaN last.
bool before(double x, double y) {
  if (std::isnan(x)) return false;
  if (std::isnan(y)) return true;
  return x > y;
}
bool same(double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; }
// Ascending order with NaN above every number (for tau).
bool less_nan_high(double x, double y) {
  if (std::isnan(y)) return !std::isnan(x);
  if (std::isnan(x)) return false;
  return x < y;
}

}  // namespace

bool ranks_ascending(const std::string& measure) { return measure == "constraint"; }

std::vector<double> window_node_measure(const Graph& g, const std::string& measure,
                                        const std::vector<std::uint32_t>& group, std::uint32_t groups) {
  if (measure == "constraint") return structural_holes(g).constraint;
  if (measure == "brokerage") {
    if (group.size() != g.num_nodes()) throw UsageError("brokerage per window needs a group per node");
    const Brokerage b = brokerage(g, group, groups);
    return {b.total.begin(), b.total.end()};
  }
  if (measure == "degree") {
    // centrality/degree.hpp's degree (networkx G.degree()) from the CSR
    // row lengths alone, without the strengths: directed out + in entries
    // (a self-loop is one of each); undirected the row, a self-loop (one
    // entry of its row) counted twice.
    const node_id n = g.num_nodes();
    std::vector<double> d(n);
    for (node_id u = 0; u < n; ++u) {
      std::size_t k = g.out_entries(u);
      if (g.directed()) {
        k += g.in_entries(u);
      } else {
        const auto row = g.out_neighbors(u);
        k += std::binary_search(row.begin(), row.end(), u);
      }
      d[u] = static_cast<double>(k);
    }
    return d;
  }
  if (measure == "pagerank") return pagerank(g).values;
  if (measure == "betweenness") return betweenness(g).node;
  throw UsageError("unknown window measure '" + measure +
                   "'; expected degree, pagerank, betweenness, constraint or brokerage");
}

void window_groups(const Network& net, const WindowGraph& wg, std::vector<std::uint32_t>& group,
                   std::uint32_t& groups) {
  // Role codes in name order over the whole network (missing role: "").
  const AttributeColumn* role = net.attributes.find("role");
  std::vector<std::string> names;
  if (role) names.assign(role->values.begin(), role->values.end());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  groups = static_cast<std::uint32_t>(std::max<std::size_t>(names.size(), 1));
  group.assign(wg.actor.size(), 0);
  if (!role) return;
  for (std::size_t x = 0; x < wg.actor.size(); ++x)
    group[x] = static_cast<std::uint32_t>(
        std::lower_bound(names.begin(), names.end(), role->values[wg.actor[x]]) - names.begin());
}

std::vector<std::uint32_t> window_ranks(const WindowNodeValues& v) {
  const std::size_t rows = v.value.size();
  std::vector<std::uint32_t> rank(rows, 0);
  std::vector<std::size_t> order;
  for (std::size_t b = 0; b < rows;) {
    std::size_t e = b;
    while (e < rows && v.window[e] == v.window[b] && v.measure[e] == v.measure[b]) ++e;
    order.resize(e - b);
    std::iota(order.begin(), order.end(), b);
    const bool asc = ranks_ascending(v.measures[v.measure[b]]);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      return asc ? before(-v.value[x], -v.value[y]) : before(v.value[x], v.value[y]);
    });
    for (std::size_t i = 0; i < order.size(); ++i) {
      const bool tied = i > 0 && same(v.value[order[i]], v.value[order[i - 1]]);
      rank[order[i]] = tied ? rank[order[i - 1]] : static_cast<std::uint32_t>(i + 1);
    }
    b = e;
  }
  return rank;
}

RisingActors rising_actors(const WindowNodeValues& v, const std::vector<std::uint32_t>& ranks, std::uint32_t windows,
                           std::size_t top) {
  RisingActors out;
  if (windows == 0) return out;
  const std::uint32_t last = windows - 1;
  for (std::uint32_t mi = 0; mi < v.measures.size(); ++mi) {
    // node -> rank in the first / last window
    std::vector<std::pair<node_id, std::uint32_t>> first, final_;
    for (std::size_t i = 0; i < v.value.size(); ++i) {
      if (v.measure[i] != mi) continue;
      if (v.window[i] == 0) first.emplace_back(v.node[i], ranks[i]);
      if (v.window[i] == last) final_.emplace_back(v.node[i], ranks[i]);
    }
    // Both are in node order (rows are ordered by node within a window).
    struct Row {
      node_id node;
      std::uint32_t a, b;
      std::int64_t gain;
    };
    std::vector<Row> rows;
    for (std::size_t i = 0, j = 0; i < first.size() && j < final_.size();) {
      if (first[i].first < final_[j].first) ++i;
      else if (first[i].first > final_[j].first) ++j;
      else {
        rows.push_back(Row{first[i].first, first[i].second, final_[j].second,
                           static_cast<std::int64_t>(first[i].second) - static_cast<std::int64_t>(final_[j].second)});
        ++i;
        ++j;
      }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) { return x.gain > y.gain; });
    for (std::size_t i = 0; i < rows.size() && i < top; ++i) {
      out.measure.push_back(mi);
      out.node.push_back(rows[i].node);
      out.rank_first.push_back(rows[i].a);
      out.rank_last.push_back(rows[i].b);
      out.gain.push_back(rows[i].gain);
    }
  }
  return out;
}

double kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) throw UsageError("kendall_tau_b: vectors of different lengths");
  const std::size_t n = x.size();
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  std::vector<std::size_t> p(n);
  std::iota(p.begin(), p.end(), std::size_t{0});
  std::sort(p.begin(), p.end(), [&](std::size_t a, std::size_t b) {
    if (less_nan_high(x[a], x[b])) return true;
    if (less_nan_high(x[b], x[a])) return false;
    return less_nan_high(y[a], y[b]);
  });
  auto pairs = [](std::uint64_t k) { return k * (k - 1) / 2; };
  // n1: pairs tied in x; n3: tied in both.
  std::uint64_t n1 = 0, n3 = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && same(x[p[j]], x[p[i]])) ++j;
    n1 += pairs(j - i);
    for (std::size_t a = i; a < j;) {
      std::size_t b = a;
      while (b < j && same(y[p[b]], y[p[a]])) ++b;
      n3 += pairs(b - a);
      a = b;
    }
    i = j;
  }
  // Sort by y with a merge sort counting swaps (discordant pairs).
  std::vector<double> ys(n), buf(n);
  for (std::size_t i = 0; i < n; ++i) ys[i] = y[p[i]];
  std::uint64_t swaps = 0;
  for (std::size_t width = 1; width < n; width *= 2) {
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      const std::size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
      std::size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (less_nan_high(ys[j], ys[i])) {
          swaps += mid - i;
          buf[k++] = ys[j++];
        } else {
          buf[k++] = ys[i++];
        }
      }
      while (i < mid) buf[k++] = ys[i++];
      while (j < hi) buf[k++] = ys[j++];
    }
    ys.swap(buf);
  }
  std::uint64_t n2 = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && same(ys[j], ys[i])) ++j;
    n2 += pairs(j - i);
    i = j;
  }
  const std::uint64_t n0 = pairs(n);
  const double concordant_minus_discordant =
      static_cast<double>(n0) - static_cast<double>(n1) - static_cast<double>(n2) + static_cast<double>(n3) -
      2.0 * static_cast<double>(swaps);
  const double denom = std::sqrt(static_cast<double>(n0 - n1) * static_cast<double>(n0 - n2));
  if (denom == 0) return std::numeric_limits<double>::quiet_NaN();
  return concordant_minus_discordant / denom;
}

WindowSensitivity window_sensitivity(const Network& net, timestamp end, const std::vector<timestamp>& widths,
                                     const std::vector<std::string>& measures, const WindowOptions& options) {
  WindowSensitivity out;
  out.widths = widths;
  // Per width: the window graph's actors and each measure's values.
  std::vector<std::vector<node_id>> actors(widths.size());
  std::vector<std::vector<std::vector<double>>> values(widths.size());
  for (std::size_t i = 0; i < widths.size(); ++i) {
    if (widths[i] <= 0) throw UsageError("sensitivity widths must be > 0");
    WindowSweep sweep(net, options);
    const Window w{end - widths[i], end, end - widths[i] - options.lapse};
    sweep.advance(w);
    const WindowGraph wg = window_graph(net, sweep);
    actors[i] = wg.actor;
    std::vector<std::uint32_t> group;
    std::uint32_t groups = 0;
    window_groups(net, wg, group, groups);
    for (const auto& m : measures) values[i].push_back(window_node_measure(wg.graph, m, group, groups));
  }
  for (std::size_t mi = 0; mi < measures.size(); ++mi)
    for (std::size_t a = 0; a < widths.size(); ++a)
      for (std::size_t b = a + 1; b < widths.size(); ++b) {
        std::vector<double> x, y;
        for (std::size_t i = 0, j = 0; i < actors[a].size() && j < actors[b].size();) {
          if (actors[a][i] < actors[b][j]) ++i;
          else if (actors[a][i] > actors[b][j]) ++j;
          else {
            x.push_back(values[a][mi][i++]);
            y.push_back(values[b][mi][j++]);
          }
        }
        out.measure.push_back(measures[mi]);
        out.width_a.push_back(widths[a]);
        out.width_b.push_back(widths[b]);
        out.actors.push_back(x.size());
        out.tau_b.push_back(kendall_tau_b(x, y));
      }
  return out;
}

}  // namespace movemap
