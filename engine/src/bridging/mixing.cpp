#include "movemap/bridging/mixing.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "movemap/error.hpp"

namespace movemap {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_groups(const Graph& g, const std::vector<std::uint32_t>& group, std::uint32_t groups,
                  const char* what) {
  if (group.size() != g.num_nodes())
    throw UsageError(std::string(what) + ": " + std::to_string(group.size()) + " group labels for " +
                     std::to_string(g.num_nodes()) + " actors; expected one per actor");
  for (std::size_t v = 0; v < group.size(); ++v)
    if (group[v] >= groups)
      throw UsageError(std::string(what) + ": actor " + std::to_string(v) + " has group " +
                       std::to_string(group[v]) + "; expected 0.." + std::to_string(groups) + " - 1");
}

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Uniform in [0, bound) without bias (Lemire's multiply-and-reject).
std::uint64_t below(std::uint64_t& state, std::uint64_t bound) {
  unsigned __int128 m = static_cast<unsigned __int128>(splitmix64(state)) * bound;
  auto low = static_cast<std::uint64_t>(m);
  if (low < bound) {
    const std::uint64_t threshold = (0 - bound) % bound;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(splitmix64(state)) * bound;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}


double ei_of(std::uint64_t external, std::uint64_t internal) {
  const std::uint64_t all = external + internal;
  if (all == 0) return kNaN;
  return (static_cast<double>(external) - static_cast<double>(internal)) / static_cast<double>(all);
}

// Overall E-I of each permutation of the labels. Permutation i draws from its
// own splitmix64 stream started at splitmix64(stream0 + i), so the draws do
// not depend on which thread runs it. Labels are held in the narrowest type
// that fits (Label): the same swaps, a smaller array to shuffle and to look
// up while scanning the ties.
template <class Label>
std::vector<double> permuted_ei(const TieTable& t, const std::vector<std::uint32_t>& group, std::uint64_t ties,
                                std::uint32_t permutations, std::uint64_t stream0, ProgressReporter& reporter) {
  const std::vector<Label> labels(group.begin(), group.end());
  std::vector<double> out(permutations);
  std::atomic<std::uint32_t> done{0};  // for progress only
  tbb::enumerable_thread_specific<std::vector<Label>> scratch;
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, permutations, 4), [&](const auto& range) {
    std::vector<Label>& label = scratch.local();
    for (std::uint32_t i = range.begin(); i < range.end(); ++i) {
      label = labels;
      std::uint64_t state = stream0 + i;
      state = splitmix64(state);
      for (std::size_t j = label.size(); j > 1; --j) std::swap(label[j - 1], label[below(state, j)]);
      std::uint64_t e = 0;  // ties between groups; self-loops add nothing
      for (std::size_t k = 0; k < t.size(); ++k) e += label[t.source[k]] != label[t.target[k]];
      out[i] = ei_of(e, ties - e);
    }
    if (reporter.active()) reporter.report(static_cast<double>(done += range.size()) / permutations);
  });
  return out;
}

}  // namespace

MixingMatrix mixing_matrix(const Graph& g, const std::vector<std::uint32_t>& group, std::uint32_t groups) {
  check_groups(g, group, groups, "mixing_matrix");
  if (groups > kMaxMatrixGroups)
    throw UsageError("mixing_matrix: " + std::to_string(groups) + " groups would need a dense " +
                     std::to_string(groups) + " x " + std::to_string(groups) + " matrix; at most " +
                     std::to_string(kMaxMatrixGroups) + " groups (merge small groups first)");
  MixingMatrix mm;
  mm.groups = groups;
  const std::size_t cells = static_cast<std::size_t>(groups) * groups;
  mm.ties.assign(cells, 0);
  mm.weight.assign(cells, 0.0);
  const TieTable& t = g.ties();
  for (edge_id e = 0; e < t.size(); ++e) {  // tie order: sums independent of threads
    const std::uint32_t a = group[t.source[e]], b = group[t.target[e]];
    const std::size_t ab = static_cast<std::size_t>(a) * groups + b;
    ++mm.ties[ab];
    mm.weight[ab] += t.weight[e];
    if (!g.directed() && t.source[e] != t.target[e]) {
      const std::size_t ba = static_cast<std::size_t>(b) * groups + a;
      ++mm.ties[ba];
      mm.weight[ba] += t.weight[e];
    }
  }
  return mm;
}

double attribute_assortativity(const Graph& g, const std::vector<std::uint32_t>& group, std::uint32_t groups) {
  check_groups(g, group, groups, "attribute_assortativity");
  // The trace and the row / column sums of the mixing matrix, counted with
  // its multiplicities (no groups x groups matrix: any number of groups).
  std::vector<std::uint64_t> row(groups, 0), col(groups, 0);
  std::uint64_t diagonal = 0, total = 0;
  const TieTable& t = g.ties();
  for (edge_id e = 0; e < t.size(); ++e) {
    const std::uint32_t a = group[t.source[e]], b = group[t.target[e]];
    const std::uint64_t times = (!g.directed() && t.source[e] != t.target[e]) ? 2 : 1;
    total += times;
    if (a == b) diagonal += times;
    ++row[a];
    ++col[b];
    if (times == 2) {
      ++row[b];
      ++col[a];
    }
  }
  if (total == 0) return kNaN;
  const double sum = static_cast<double>(total);
  double s = 0;
  for (std::uint32_t i = 0; i < groups; ++i)
    s += (static_cast<double>(row[i]) / sum) * (static_cast<double>(col[i]) / sum);
  if (s == 1.0) return kNaN;  // one group holds every tie end: 0/0
  return (static_cast<double>(diagonal) / sum - s) / (1.0 - s);
}

EIIndex ei_index(const Graph& g, const std::vector<std::uint32_t>& group, std::uint32_t groups,
                 const EIIndexOptions& options) {
  check_groups(g, group, groups, "ei_index");
  EIIndex r;
  r.internal.assign(groups, 0);
  r.external.assign(groups, 0);
  const TieTable& t = g.ties();
  for (edge_id e = 0; e < t.size(); ++e) {
    if (t.source[e] == t.target[e]) continue;
    const std::uint32_t a = group[t.source[e]], b = group[t.target[e]];
    if (a == b) {
      ++r.internal[a];
      ++r.total_internal;
    } else {
      ++r.external[a];
      ++r.external[b];
      ++r.total_external;
    }
  }
  r.ei.resize(groups);
  for (std::uint32_t k = 0; k < groups; ++k) r.ei[k] = ei_of(r.external[k], r.internal[k]);
  r.overall = ei_of(r.total_external, r.total_internal);
  r.expected = kNaN;
  r.p_value = kNaN;
  const std::uint64_t ties = r.total_external + r.total_internal;
  if (options.permutations == 0 || ties == 0) return r;

  const std::uint32_t P = options.permutations;
  std::uint64_t base = options.seed;
  const std::uint64_t stream0 = splitmix64(base);
  ProgressReporter reporter(options.progress);
  const std::vector<double> permuted =
      groups <= 256     ? permuted_ei<std::uint8_t>(t, group, ties, P, stream0, reporter)
      : groups <= 65536 ? permuted_ei<std::uint16_t>(t, group, ties, P, stream0, reporter)
                        : permuted_ei<std::uint32_t>(t, group, ties, P, stream0, reporter);
  double sum = 0;
  for (const double x : permuted) sum += x;  // permutation order
  r.expected = sum / P;
  const double observed = std::abs(r.overall - r.expected);
  std::uint64_t extreme = 0;
  for (const double x : permuted) extreme += std::abs(x - r.expected) >= observed - 1e-12;
  r.p_value = static_cast<double>(1 + extreme) / (1.0 + P);
  r.permutations = P;
  return r;
}

}  // namespace movemap
