#include "movemap/temporal/momentum.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "movemap/error.hpp"

namespace movemap {

void add_momentum_columns(SeriesTable& table, double span) {
  if (!(span >= 1) || !std::isfinite(span)) throw UsageError("momentum span must be a number >= 1 (windows)");
  const std::vector<double> A = table.at("active").values, N = table.at("new").values,
                            R = table.at("reactivated").values, L = table.at("lapsed").values;
  const std::size_t k = A.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> g(k, nan), acc(k, nan), x(k, 0.0), mom(k, 0.0);
  for (std::size_t i = 0; i < k; ++i) {
    if (i > 0 && A[i - 1] > 0) g[i] = (A[i] - A[i - 1]) / A[i - 1];
    if (i > 0 && !std::isnan(g[i]) && !std::isnan(g[i - 1])) acc[i] = g[i] - g[i - 1];
    const double denom = A[i] + L[i];
    x[i] = denom > 0 ? (N[i] + R[i] - L[i]) / denom : 0.0;
  }
  const double alpha = 2.0 / (span + 1.0);
  for (std::size_t i = 0; i < k; ++i) mom[i] = i == 0 ? x[0] : alpha * x[i] + (1 - alpha) * mom[i - 1];
  table.columns.reserve(table.columns.size() + 4);
  table.add("growth_rate", false, 0).values = std::move(g);
  table.add("acceleration", false, 0).values = std::move(acc);
  table.add("net_inflow", false, 0).values = std::move(x);
  table.add("momentum", false, 0).values = std::move(mom);
}

Cohorts arrival_cohorts(const Network& net) {
  Cohorts out;
  const std::vector<timestamp> first = first_activity(net);
  const node_id n = net.graph.num_nodes();
  long long m_lo = 0, m_hi = -1;
  std::vector<long long> cohort(n, 0);
  for (node_id u = 0; u < n; ++u) {
    if (first[u] == kNoActivity) continue;
    cohort[u] = utc_month(first[u]);
    if (m_lo > m_hi) m_lo = m_hi = cohort[u];
    m_lo = std::min(m_lo, cohort[u]);
  }
  // (actor, month) activity pairs: each stream is time-ordered, so a
  // per-actor "last month seen" marker drops repeats within a stream; the
  // sort + unique removes those seen in both streams.
  std::vector<std::uint64_t> pairs;
  std::vector<long long> last(n, std::numeric_limits<long long>::min());
  auto see = [&](node_id u, timestamp t) {
    const long long mo = utc_month(t);
    if (last[u] == mo) return;
    last[u] = mo;
    m_hi = std::max(m_hi, mo);
    pairs.push_back(static_cast<std::uint64_t>(u) << 32 | static_cast<std::uint64_t>(mo - m_lo));
  };
  const Contacts& c = net.contacts;
  for (std::size_t i = 0; i < c.size(); ++i) {
    see(c.source[i], c.time[i]);
    see(c.target[i], c.time[i]);
  }
  std::fill(last.begin(), last.end(), std::numeric_limits<long long>::min());
  const ActivityStream a = attendance_stream(net);
  for (std::size_t i = 0; i < a.time.size(); ++i) see(a.actor[i], a.time[i]);
  if (pairs.empty()) return out;
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

  const std::size_t months = static_cast<std::size_t>(m_hi - m_lo + 1);
  std::vector<std::uint64_t> size(months, 0), active(months * months, 0);  // [cohort][k]
  for (node_id u = 0; u < n; ++u)
    if (first[u] != kNoActivity) ++size[static_cast<std::size_t>(cohort[u] - m_lo)];
  for (const std::uint64_t p : pairs) {
    const node_id u = static_cast<node_id>(p >> 32);
    const std::size_t mo = static_cast<std::size_t>(p & 0xffffffffu);
    const std::size_t co = static_cast<std::size_t>(cohort[u] - m_lo);
    ++active[co * months + (mo - co)];
  }
  for (std::size_t co = 0; co < months; ++co) {
    if (size[co] == 0) continue;
    for (std::size_t k = 0; co + k < months; ++k) {
      out.cohort.push_back(utc_month_start(m_lo + static_cast<long long>(co)));
      out.size.push_back(size[co]);
      out.months_since.push_back(static_cast<std::uint32_t>(k));
      out.active.push_back(active[co * months + k]);
      out.share.push_back(static_cast<double>(active[co * months + k]) / static_cast<double>(size[co]));
    }
  }
  return out;
}

MomentumResult momentum(const Network& net, const MomentumOptions& options) {
  if (!(options.span >= 1) || !std::isfinite(options.span))
    throw UsageError("momentum span must be a number >= 1 (windows)");
  MomentumResult r;
  r.windows = window_indicators(net, options.indicators);
  add_momentum_columns(r.windows.overall, options.span);
  r.ranks = window_ranks(r.windows.nodes);
  r.rising = rising_actors(r.windows.nodes, r.ranks, static_cast<std::uint32_t>(r.windows.windows.size()),
                           options.rising_top);
  if (!options.sensitivity_widths.empty() && !options.indicators.measures.empty() && !r.windows.windows.empty())
    r.sensitivity = window_sensitivity(net, r.windows.windows.back().end, options.sensitivity_widths,
                                       options.indicators.measures, options.indicators.windows);
  r.cohorts = arrival_cohorts(net);
  r.role_cohorts = role_cohorts(net);
  return r;
}

}  // namespace movemap
