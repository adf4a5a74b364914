#include "movemap/bridging/mixing.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

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

// Ties joining two different groups under `label` (self-loops never do).
std::uint64_t external_ties(const TieTable& t, const std::vector<std::uint32_t>& label) {
  std::uint64_t e = 0;
  for (std::size_t i = 0; i < t.size(); ++i) e += label[t.source[i]] != label[t.target[i]];
  return e;
}

double ei_of(std::uint64_t external, std::uint64_t internal) {
  const std::uint64_t all = external + internal;
  if (all == 0) return kNaN;
  return (static_cast<double>(external) - static_cast<double>(internal)) / static_cast<double>(all);
}

}  // namespace

MixingMatrix mixing_matrix(const Graph& g, const std::vector<std::uint32_t>& group, std::uint32_t groups) {
  check_groups(g, group, groups, "mixing_matrix");
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
  const MixingMatrix mm = mixing_matrix(g, group, groups);
  std::uint64_t total = 0;
  for (const std::uint64_t c : mm.ties) total += c;
  if (total == 0) return kNaN;
  const double sum = static_cast<double>(total);
  double trace = 0, s = 0;
  for (std::uint32_t i = 0; i < groups; ++i) {
    double row = 0, col = 0;
    for (std::uint32_t j = 0; j < groups; ++j) {
      row += static_cast<double>(mm.ties[static_cast<std::size_t>(i) * groups + j]);
      col += static_cast<double>(mm.ties[static_cast<std::size_t>(j) * groups + i]);
    }
    trace += static_cast<double>(mm.ties[static_cast<std::size_t>(i) * groups + i]) / sum;
    s += (row / sum) * (col / sum);
  }
  if (s == 1.0) return kNaN;  // one group holds every tie end: 0/0
  return (trace - s) / (1.0 - s);
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

  // Permutation i shuffles the labels with its own splitmix64 stream seeded
  // from (seed, i): the draws do not depend on which thread runs it.
  const std::uint32_t P = options.permutations;
  std::vector<double> permuted(P);
  std::uint64_t base = options.seed;
  const std::uint64_t stream0 = splitmix64(base);
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> scratch;
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, P, 4), [&](const auto& range) {
    std::vector<std::uint32_t>& label = scratch.local();
    for (std::uint32_t i = range.begin(); i < range.end(); ++i) {
      label = group;
      std::uint64_t state = stream0 + i;
      state = splitmix64(state);
      for (std::size_t j = label.size(); j > 1; --j) std::swap(label[j - 1], label[below(state, j)]);
      const std::uint64_t e = external_ties(t, label);  // self-loops add 0 to E and I
      permuted[i] = ei_of(e, ties - e);
    }
  });
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
