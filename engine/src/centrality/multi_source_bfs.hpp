// Bit-parallel multi-source breadth-first search (MS-BFS: Then et al. 2014,
// "The More the Merrier: Efficient Multi-Source Graph Traversal", PVLDB 8(4)).
// Private to engine/src/centrality.
//
// MultiSourceBfs<W> runs up to 64 * W BFSs at once, one per bit of W 64-bit
// words per node: seen[v] holds the sources that have reached v, visit[v]
// those whose frontier holds v at the current level and next[v] those that
// reach v at the next level. A level scans the frontier nodes once and, for
// each adjacency entry v -> w, ORs the new bits visit[v] & ~seen[w] into
// next[w] and seen[w]; so a node's adjacency row is read once per level for
// all sources whose frontier holds it, instead of once per source. Only the
// frontier is scanned (kept as a node list, in node order), so long paths
// cost no more than one BFS per source.
//
// The result is, per source i and level d >= 1, the number of nodes at hop
// distance exactly d from source i (level_count(d)[i]): all closeness and
// harmonic closeness need (r = 1 + sum_d count, S = sum_d d * count,
// harmonic = sum_d count / d). The counts are taken vertically: each next[]
// word of a level is added into a bit-sliced counter (plane j holds bit j of
// 64 counts), a few ANDs and XORs however many bits it holds, and the counts
// are read out of the planes once per level.
//
// Semantics are networkx's unweighted shortest paths
// (_single_source_shortest_path_basic): every tie has length 1, a self-loop
// or a repeated tie changes nothing, a source is at level 0.
// Searching along Adjacency::in gives distances *to* each source. Scratch:
// 3 * 8 * W bytes per node.
#pragma once
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <span>
#include <vector>

#include "movemap/graph.hpp"
#include "shortest_paths.hpp"

namespace movemap::detail {

template <unsigned W>
class MultiSourceBfs {
 public:
  static constexpr unsigned kWords = W;       // 64-bit words per node
  static constexpr unsigned kWidth = 64 * W;  // sources per search

  explicit MultiSourceBfs(node_id n) : n_(n), seen_(std::size_t{n} * W, 0), visit_(seen_), next_(seen_) {}

  // BFS from each of the `count` (1..kWidth) sources first, first + 1, ...
  // along A-adjacency; source first + i is bit i % 64 of word i / 64.
  template <Adjacency A>
  void run(const Graph& g, node_id first, unsigned count);

  // Levels reached: level_count(d) is valid for 1 <= d <= levels().
  std::size_t levels() const { return counts_.size() / kWidth; }
  // Per source, the number of nodes at distance exactly d.
  std::span<const std::uint32_t> level_count(std::size_t d) const {
    return {counts_.data() + (d - 1) * kWidth, kWidth};
  }

 private:
  // Vertical counters: per word k, 64 unsigned counters of up to 32 bits,
  // bit j of counter i in bit i of planes_[k][j]. Counts per level are at
  // most n - 1, which fits in 32 bits (node_id is 32-bit).
  void add(unsigned k, std::uint64_t x) {
    std::uint64_t* planes = planes_[k].data();
    std::size_t j = 0;
    for (; x != 0; ++j) {
      const std::uint64_t carry = planes[j] & x;
      planes[j] ^= x;
      x = carry;
    }
    used_ = std::max(used_, j);
  }
  // Appends the kWidth counts of this level to counts_ and clears the counters.
  void flush_level() {
    const std::size_t base = counts_.size();
    counts_.resize(base + kWidth, 0);
    for (unsigned k = 0; k < W; ++k) {
      std::uint32_t* out = counts_.data() + base + 64 * k;
      for (std::size_t j = 0; j < used_; ++j) {
        for (std::uint64_t p = planes_[k][j]; p != 0; p &= p - 1) {
          out[std::countr_zero(p)] |= std::uint32_t{1} << j;
        }
        planes_[k][j] = 0;
      }
    }
    used_ = 0;
  }

  node_id n_;
  std::vector<std::uint64_t> seen_, visit_, next_;  // W words per node
  std::vector<node_id> frontier_, upcoming_;        // nodes with visit_ / next_ != 0
  std::array<std::array<std::uint64_t, 32>, W> planes_{};
  std::size_t used_ = 0;               // planes in use
  std::vector<std::uint32_t> counts_;  // kWidth counts per level, level 1 first
};

template <unsigned W>
template <Adjacency A>
void MultiSourceBfs<W>::run(const Graph& g, node_id first, unsigned count) {
  // Clear what the previous search set (visit_ and next_ are all zero
  // between searches).
  std::fill(seen_.begin(), seen_.end(), std::uint64_t{0});
  counts_.clear();
  const Csr& c = adjacency<A>(g);
  const edge_id* offsets = c.offsets.data();
  const node_id* neighbors = c.neighbors.data();
  std::uint64_t* seen = seen_.data();
  std::uint64_t* visit = visit_.data();
  std::uint64_t* next = next_.data();

  frontier_.clear();
  for (unsigned i = 0; i < count; ++i) {
    const std::size_t s = first + i;
    seen[s * W + i / 64] = visit[s * W + i / 64] = std::uint64_t{1} << (i % 64);
    frontier_.push_back(static_cast<node_id>(s));
  }
  while (!frontier_.empty()) {
    upcoming_.clear();
    for (const node_id v : frontier_) {
      std::uint64_t bits[W];
      for (unsigned k = 0; k < W; ++k) bits[k] = visit[std::size_t{v} * W + k];
      for (edge_id e = offsets[v], end = offsets[v + 1]; e < end; ++e) {
        std::uint64_t* seen_w = seen + std::size_t{neighbors[e]} * W;
        std::uint64_t* next_w = next + std::size_t{neighbors[e]} * W;
        std::uint64_t fresh[W], any_fresh = 0, any_next = 0;
        for (unsigned k = 0; k < W; ++k) {
          fresh[k] = bits[k] & ~seen_w[k];
          any_fresh |= fresh[k];
          any_next |= next_w[k];
        }
        if (any_fresh == 0) continue;
        if (any_next == 0) upcoming_.push_back(neighbors[e]);
        for (unsigned k = 0; k < W; ++k) {
          next_w[k] |= fresh[k];
          seen_w[k] |= fresh[k];
        }
      }
    }
    for (const node_id v : frontier_) {
      for (unsigned k = 0; k < W; ++k) visit[std::size_t{v} * W + k] = 0;
    }
    if (upcoming_.empty()) break;
    // Visiting the next frontier in node order keeps the reads of the
    // adjacency rows and bitsets moving forward through memory: a large
    // frontier is collected by scanning next_ (no more than 16 nodes per
    // frontier node), a small one is sorted.
    if (upcoming_.size() >= n_ / 16) {
      upcoming_.clear();
      for (node_id w = 0; w < n_; ++w) {
        std::uint64_t any = 0;
        for (unsigned k = 0; k < W; ++k) any |= next[std::size_t{w} * W + k];
        if (any != 0) upcoming_.push_back(w);
      }
    } else {
      std::sort(upcoming_.begin(), upcoming_.end());
    }
    for (const node_id w : upcoming_) {
      for (unsigned k = 0; k < W; ++k) {
        const std::size_t i = std::size_t{w} * W + k;
        add(k, next[i]);
        visit[i] = next[i];
        next[i] = 0;
      }
    }
    flush_level();
    frontier_.swap(upcoming_);
  }
}

}  // namespace movemap::detail
