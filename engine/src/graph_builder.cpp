#include "movemap/graph_builder.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_scan.h>
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <array>
#include <atomic>

#include "movemap/error.hpp"

namespace movemap {
namespace {

struct Entry {
  std::uint64_t row;
  node_id other;
};

// Exclusive prefix sum of counts[0..n) into offsets[0..n] (offsets[0] = 0).
void prefix_sum(const std::vector<std::uint64_t>& counts, std::vector<std::uint64_t>& offsets) {
  const std::size_t n = counts.size();
  offsets.assign(n + 1, 0);
  tbb::parallel_scan(
      tbb::blocked_range<std::size_t>(0, n, 1 << 14), std::uint64_t{0},
      [&](const tbb::blocked_range<std::size_t>& r, std::uint64_t sum, bool final) {
        for (std::size_t i = r.begin(); i < r.end(); ++i) {
          sum += counts[i];
          if (final) offsets[i + 1] = sum;
        }
        return sum;
      },
      [](std::uint64_t a, std::uint64_t b) { return a + b; });
}

// Buckets `count` items by key(i) (count, prefix sum, scatter), then sorts
// every bucket with `less`, in parallel. Returns bucket offsets.
template <class T, class KeyFn, class MakeFn, class Less>
std::vector<std::uint64_t> bucket_sort(std::size_t n_keys, std::size_t count, KeyFn key, MakeFn make,
                                       Less less, std::vector<T>& out) {
  std::vector<std::uint64_t> counts(n_keys, 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 1 << 14), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      for (const node_id k : key(i))
        if (k != kNone) std::atomic_ref<std::uint64_t>(counts[k]).fetch_add(1, std::memory_order_relaxed);
    }
  });
  std::vector<std::uint64_t> offsets;
  prefix_sum(counts, offsets);
  std::vector<std::uint64_t> cursor(offsets.begin(), offsets.end() - 1);
  out.resize(offsets[n_keys]);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 1 << 14), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      int slot = 0;
      for (const node_id k : key(i)) {
        if (k != kNone) {
          const auto pos =
              std::atomic_ref<std::uint64_t>(cursor[k]).fetch_add(1, std::memory_order_relaxed);
          out[pos] = make(i, slot);
        }
        ++slot;
      }
    }
  });
  // The scatter order inside a bucket depends on scheduling; sorting by a
  // total order makes the result deterministic.
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n_keys, 256), [&](const auto& r) {
    for (std::size_t k = r.begin(); k < r.end(); ++k)
      std::sort(out.begin() + offsets[k], out.begin() + offsets[k + 1], less);
  });
  return offsets;
}

}  // namespace

Graph build_graph(node_id n, const TieInput& in, const GraphBuildOptions& options) {
  const std::size_t m = in.source.size();
  if (in.target.size() != m || in.time.size() != m || in.weight.size() != m ||
      (!in.kind.empty() && in.kind.size() != m))
    throw UsageError("build_graph: input columns differ in length");
  for (std::size_t i = 0; i < m; ++i)
    if (in.source[i] >= n || in.target[i] >= n)
      throw UsageError("build_graph: interaction " + std::to_string(i) + " names node " +
                       std::to_string(std::max(in.source[i], in.target[i])) + " but n = " +
                       std::to_string(n));
  const bool directed = options.directed;

  // 1. Bucket interactions by source (undirected: smaller endpoint), each
  //    bucket sorted by (other end, row).
  std::vector<Entry> entries;
  const auto first = [&](std::size_t i) {
    return directed ? in.source[i] : std::min(in.source[i], in.target[i]);
  };
  const auto second = [&](std::size_t i) {
    return directed ? in.target[i] : std::max(in.source[i], in.target[i]);
  };
  const auto bucket_of = bucket_sort<Entry>(
      n, m, [&](std::size_t i) { return std::array<node_id, 1>{first(i)}; },
      [&](std::size_t i, int) { return Entry{i, second(i)}; },
      [](const Entry& a, const Entry& b) { return a.other != b.other ? a.other < b.other : a.row < b.row; },
      entries);

  // 2. Count ties and kinds per bucket.
  std::vector<std::uint64_t> ties_per(n, 0), kinds_per(n, 0);
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> scratch;
  const bool has_kinds = !in.kind.empty();
  auto distinct_kinds = [&](std::vector<std::uint32_t>& ks, std::uint64_t a, std::uint64_t b) {
    ks.clear();
    if (!has_kinds) return;
    for (auto p = a; p < b; ++p)
      if (in.kind[entries[p].row] != kNone) ks.push_back(in.kind[entries[p].row]);
    std::sort(ks.begin(), ks.end());
    ks.erase(std::unique(ks.begin(), ks.end()), ks.end());
  };
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, 256), [&](const auto& r) {
    auto& ks = scratch.local();
    for (node_id u = r.begin(); u < r.end(); ++u) {
      std::uint64_t t = 0, k = 0;
      for (auto p = bucket_of[u]; p < bucket_of[u + 1];) {
        auto q = p + 1;
        while (q < bucket_of[u + 1] && entries[q].other == entries[p].other) ++q;
        distinct_kinds(ks, p, q);
        ++t;
        k += ks.size();
        p = q;
      }
      ties_per[u] = t;
      kinds_per[u] = k;
    }
  });
  std::vector<std::uint64_t> tie_of, kind_of;
  prefix_sum(ties_per, tie_of);
  prefix_sum(kinds_per, kind_of);
  const std::size_t num_ties = tie_of[n];

  // 3. Aggregate each run into one tie; weights summed in row order.
  TieTable t;
  t.source.resize(num_ties);
  t.target.resize(num_ties);
  t.weight.resize(num_ties);
  t.count.resize(num_ties);
  t.first_seen.resize(num_ties);
  t.last_seen.resize(num_ties);
  t.kind_offsets.resize(num_ties + 1);
  t.kind_offsets[0] = 0;
  t.kind_ids.resize(kind_of[n]);
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, 256), [&](const auto& r) {
    auto& ks = scratch.local();
    for (node_id u = r.begin(); u < r.end(); ++u) {
      std::uint64_t e = tie_of[u], kpos = kind_of[u];
      for (auto p = bucket_of[u]; p < bucket_of[u + 1];) {
        auto q = p + 1;
        while (q < bucket_of[u + 1] && entries[q].other == entries[p].other) ++q;
        double w = 0;
        timestamp lo = in.time[entries[p].row], hi = lo;
        for (auto x = p; x < q; ++x) {
          const auto row = entries[x].row;
          w += in.weight[row];
          lo = std::min(lo, in.time[row]);
          hi = std::max(hi, in.time[row]);
        }
        distinct_kinds(ks, p, q);
        t.source[e] = u;
        t.target[e] = entries[p].other;
        t.weight[e] = w;
        t.count[e] = q - p;
        t.first_seen[e] = lo;
        t.last_seen[e] = hi;
        std::copy(ks.begin(), ks.end(), t.kind_ids.begin() + kpos);
        kpos += ks.size();
        t.kind_offsets[e + 1] = kpos;
        ++e;
        p = q;
      }
    }
  });
  entries.clear();
  entries.shrink_to_fit();

  // 4. Lay out the CSR(s) from the tie table.
  struct Adj {
    node_id neighbor;
    edge_id tie;
  };
  auto layout = [&](auto key, auto make) {
    std::vector<Adj> adj;
    Csr c;
    c.offsets = bucket_sort<Adj>(
        n, num_ties, key, make,
        [](const Adj& a, const Adj& b) { return a.neighbor < b.neighbor; }, adj);
    c.neighbors.resize(adj.size());
    c.ties.resize(adj.size());
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, adj.size(), 1 << 14), [&](const auto& r) {
      for (std::size_t i = r.begin(); i < r.end(); ++i) {
        c.neighbors[i] = adj[i].neighbor;
        c.ties[i] = adj[i].tie;
      }
    });
    return c;
  };
  Csr out, rev;
  if (directed) {
    out.offsets = tie_of;
    out.neighbors = t.target;
    out.ties.resize(num_ties);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, num_ties, 1 << 14), [&](const auto& r) {
      for (std::size_t i = r.begin(); i < r.end(); ++i) out.ties[i] = i;
    });
    rev = layout([&](std::size_t e) { return std::array<node_id, 1>{t.target[e]}; },
                 [&](std::size_t e, int) { return Adj{t.source[e], e}; });
  } else {
    out = layout(
        [&](std::size_t e) {
          return std::array<node_id, 2>{t.source[e], t.source[e] == t.target[e] ? kNone : t.target[e]};
        },
        [&](std::size_t e, int slot) { return Adj{slot == 0 ? t.target[e] : t.source[e], e}; });
  }
  return Graph(directed, n, std::move(t), std::move(out), std::move(rev));
}

}  // namespace movemap
