#include "movemap/bridging/key_players.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include <limits>
#include <string>

#include "cut_forest.hpp"

namespace movemap {
namespace {

// sum over components s (s - 1), and how many nodes remain.
struct PairCount {
  std::uint64_t connected_pairs = 0;  // ordered pairs in the same component
  std::uint64_t remaining = 0;
};

PairCount pair_count(const detail::CutForest& f) {
  PairCount c;
  for (const node_id v : f.preorder) {
    ++c.remaining;
    if (f.parent[v] == kNone) c.connected_pairs += static_cast<std::uint64_t>(f.sub[v]) * (f.sub[v] - 1);
  }
  return c;
}

double fragmentation_of(std::uint64_t connected_pairs, std::uint64_t remaining) {
  if (remaining < 2) return std::numeric_limits<double>::quiet_NaN();
  const double r = static_cast<double>(remaining);
  return 1.0 - static_cast<double>(connected_pairs) / (r * (r - 1.0));
}

void check_removed(const Graph& g, const std::vector<bool>& removed) {
  if (!removed.empty() && removed.size() != g.num_nodes())
    throw UsageError("fragmentation: the removed mask has " + std::to_string(removed.size()) +
                     " entries; expected none or one per actor (" + std::to_string(g.num_nodes()) + ")");
}

}  // namespace

double fragmentation(const Graph& g, const std::vector<bool>& removed) {
  check_removed(g, removed);
  const PairCount c = pair_count(detail::cut_forest(g, removed));
  return fragmentation_of(c.connected_pairs, c.remaining);
}

KeyPlayers key_players(const Graph& g, std::uint32_t k, const ProgressCallback& progress) {
  const node_id n = g.num_nodes();
  if (k > n)
    throw UsageError("key_players: k = " + std::to_string(k) + " exceeds the number of actors (" +
                     std::to_string(n) + ")");
  ProgressReporter reporter(progress);
  std::vector<bool> removed(n, false);
  KeyPlayers kp;
  for (std::uint32_t step = 0; step <= k; ++step) {
    const detail::CutForest f = detail::cut_forest(g, removed);
    const PairCount now = pair_count(f);
    if (step == 0) kp.fragmentation_before = fragmentation_of(now.connected_pairs, now.remaining);
    if (step == k) break;
    const detail::RemovalPieces pieces = detail::removal_pieces(f, n);
    // Removing v replaces its component's s (s - 1) by the sum over the
    // pieces it leaves; the remaining count is the same for every candidate,
    // so the best candidate has the fewest connected pairs (exact integers).
    struct Best {
      std::uint64_t pairs = std::numeric_limits<std::uint64_t>::max();
      node_id v = kNone;
    };
    auto better = [](const Best& a, const Best& b) {
      return a.pairs < b.pairs || (a.pairs == b.pairs && a.v < b.v);
    };
    const Best best = tbb::parallel_reduce(
        tbb::blocked_range<node_id>(0, n, 4096), Best{},
        [&](const tbb::blocked_range<node_id>& r, Best acc) {
          for (node_id v = r.begin(); v < r.end(); ++v) {
            if (f.disc[v] == kNone) continue;  // removed
            const std::uint64_t s = f.component_size(v);
            const Best b{now.connected_pairs - s * (s - 1) + pieces.pairs[v], v};
            if (better(b, acc)) acc = b;
          }
          return acc;
        },
        [&](const Best& a, const Best& b) { return better(b, a) ? b : a; });
    removed[best.v] = true;
    kp.players.push_back(best.v);
    kp.fragmentation_after.push_back(fragmentation_of(best.pairs, now.remaining - 1));
    reporter.report(static_cast<double>(step + 1) / k);
  }
  return kp;
}

}  // namespace movemap
