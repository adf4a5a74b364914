#include "movemap/graph_builder.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_scan.h>

#include <algorithm>
#include <atomic>

#include "movemap/error.hpp"

namespace movemap {
namespace {

// One interaction in its source's bucket, with everything aggregation needs,
// so aggregating reads memory in order.
struct Entry {
  std::uint64_t row;
  node_id other;
  std::uint32_t kind;
  double weight;
  timestamp time;
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

// Counting scatter of ties into rows, in tie order: since ties are sorted by
// (source, target), every row comes out sorted by neighbour.
Csr layout(node_id n, const TieTable& t, bool into_target_rows, bool both_ends) {
  const std::size_t m = t.size();
  std::vector<std::uint64_t> counts(n, 0);
  for (std::size_t e = 0; e < m; ++e) {
    if (both_ends) {
      ++counts[t.source[e]];
      if (t.target[e] != t.source[e]) ++counts[t.target[e]];
    } else {
      ++counts[into_target_rows ? t.target[e] : t.source[e]];
    }
  }
  Csr c;
  prefix_sum(counts, c.offsets);
  c.neighbors.resize(c.offsets[n]);
  c.ties.resize(c.offsets[n]);
  std::vector<std::uint64_t>& cursor = counts;
  std::copy(c.offsets.begin(), c.offsets.end() - 1, cursor.begin());
  for (std::size_t e = 0; e < m; ++e) {
    const node_id s = t.source[e], d = t.target[e];
    if (both_ends) {
      auto p = cursor[s]++;
      c.neighbors[p] = d;
      c.ties[p] = e;
      if (d != s) {
        p = cursor[d]++;
        c.neighbors[p] = s;
        c.ties[p] = e;
      }
    } else {
      const node_id row = into_target_rows ? d : s;
      const auto p = cursor[row]++;
      c.neighbors[p] = into_target_rows ? s : d;
      c.ties[p] = e;
    }
  }
  return c;
}

}  // namespace

Graph build_graph(node_id n, const TieInput& in, const GraphBuildOptions& options) {
  return build_graph(n, in, options, [] {});
}

Graph build_graph(node_id n, const TieInput& in, const GraphBuildOptions& options,
                  const std::function<void()>& release_input) {
  const std::size_t m = in.source.size();
  if (in.target.size() != m || in.time.size() != m || in.weight.size() != m ||
      (!in.kind.empty() && in.kind.size() != m))
    throw UsageError("build_graph: input columns differ in length");
  const bool directed = options.directed;
  const bool has_kinds = !in.kind.empty();
  auto first = [&](std::size_t i) { return directed ? in.source[i] : std::min(in.source[i], in.target[i]); };
  auto second = [&](std::size_t i) { return directed ? in.target[i] : std::max(in.source[i], in.target[i]); };

  // 1. Count per bucket, prefix sum, scatter (parallel; the order inside a
  //    bucket depends on scheduling until the sort below).
  std::vector<std::uint64_t> counts(n, 0);
  std::atomic<std::size_t> bad_row{m};
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, m, 1 << 14), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      if (in.source[i] >= n || in.target[i] >= n) {
        std::size_t cur = bad_row.load();
        while (i < cur && !bad_row.compare_exchange_weak(cur, i)) {
        }
        continue;
      }
      std::atomic_ref<std::uint64_t>(counts[first(i)]).fetch_add(1, std::memory_order_relaxed);
    }
  });
  if (const std::size_t i = bad_row.load(); i < m)
    throw UsageError("build_graph: interaction " + std::to_string(i) + " names node " +
                     std::to_string(std::max(in.source[i], in.target[i])) + " but n = " + std::to_string(n));
  std::vector<std::uint64_t> bucket_of;
  prefix_sum(counts, bucket_of);
  std::vector<std::uint64_t>& cursor = counts;
  std::copy(bucket_of.begin(), bucket_of.end() - 1, cursor.begin());
  std::vector<Entry> entries(m);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, m, 1 << 14), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      const auto pos = std::atomic_ref<std::uint64_t>(cursor[first(i)]).fetch_add(1, std::memory_order_relaxed);
      entries[pos] = Entry{i, second(i), has_kinds ? in.kind[i] : kNone, in.weight[i], in.time[i]};
    }
  });
  release_input();
  std::vector<std::uint64_t>().swap(counts);

  // 2. Sort each bucket by (other end, row); count ties and distinct kinds.
  std::vector<std::uint64_t> ties_per(n, 0), kinds_per(n, 0);
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> scratch;
  auto distinct_kinds = [&](std::vector<std::uint32_t>& ks, std::uint64_t a, std::uint64_t b) {
    ks.clear();
    for (auto p = a; p < b; ++p)
      if (entries[p].kind != kNone) ks.push_back(entries[p].kind);
    std::sort(ks.begin(), ks.end());
    ks.erase(std::unique(ks.begin(), ks.end()), ks.end());
  };
  auto run_end = [&](std::uint64_t p, std::uint64_t end) {
    auto q = p + 1;
    while (q < end && entries[q].other == entries[p].other) ++q;
    return q;
  };
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, 256), [&](const auto& r) {
    auto& ks = scratch.local();
    for (node_id u = r.begin(); u < r.end(); ++u) {
      std::sort(entries.begin() + bucket_of[u], entries.begin() + bucket_of[u + 1],
                [](const Entry& a, const Entry& b) { return a.other != b.other ? a.other < b.other : a.row < b.row; });
      std::uint64_t t = 0, k = 0;
      for (auto p = bucket_of[u]; p < bucket_of[u + 1];) {
        const auto q = run_end(p, bucket_of[u + 1]);
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
  std::vector<std::uint64_t>().swap(ties_per);
  std::vector<std::uint64_t>().swap(kinds_per);
  const std::size_t num_ties = tie_of[n];

  // 3. Aggregate each run into one tie; weights summed in row order.
  TieTable t;
  t.source.resize(num_ties);
  t.target.resize(num_ties);
  t.weight.resize(num_ties);
  t.count.resize(num_ties);
  t.first_seen.resize(num_ties);
  t.last_seen.resize(num_ties);
  t.kind_offsets.assign(num_ties + 1, 0);
  t.kind_ids.resize(kind_of[n]);
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, 256), [&](const auto& r) {
    auto& ks = scratch.local();
    for (node_id u = r.begin(); u < r.end(); ++u) {
      std::uint64_t e = tie_of[u], kpos = kind_of[u];
      for (auto p = bucket_of[u]; p < bucket_of[u + 1];) {
        const auto q = run_end(p, bucket_of[u + 1]);
        double w = 0;
        timestamp lo = entries[p].time, hi = lo;
        for (auto x = p; x < q; ++x) {
          w += entries[x].weight;
          lo = std::min(lo, entries[x].time);
          hi = std::max(hi, entries[x].time);
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
  std::vector<Entry>().swap(entries);

  // 4. CSR(s).
  Csr out, rev;
  if (directed) {
    out.offsets = std::move(tie_of);
    out.neighbors = t.target;
    out.ties.resize(num_ties);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, num_ties, 1 << 14), [&](const auto& r) {
      for (std::size_t i = r.begin(); i < r.end(); ++i) out.ties[i] = i;
    });
    rev = layout(n, t, true, false);
  } else {
    out = layout(n, t, false, true);
  }
  return Graph(directed, n, std::move(t), std::move(out), std::move(rev));
}

Graph graph_from_ties(node_id n, TieTable t, bool directed) {
  const std::size_t m = t.size();
  if (t.target.size() != m || t.weight.size() != m || t.count.size() != m || t.first_seen.size() != m ||
      t.last_seen.size() != m || t.kind_offsets.size() != m + 1)
    throw UsageError("graph_from_ties: tie columns differ in length");
  for (std::size_t e = 0; e < m; ++e) {
    if (t.source[e] >= n || t.target[e] >= n) throw UsageError("graph_from_ties: a tie names a node >= num_nodes");
    if (!directed && t.source[e] > t.target[e]) throw UsageError("graph_from_ties: undirected tie with source > target");
    if (e > 0 && !(t.source[e - 1] < t.source[e] || (t.source[e - 1] == t.source[e] && t.target[e - 1] < t.target[e])))
      throw UsageError("graph_from_ties: ties not sorted by (source, target) or repeated");
  }
  Csr out, rev;
  if (directed) {
    out = layout(n, t, false, false);
    rev = layout(n, t, true, false);
  } else {
    out = layout(n, t, false, true);
  }
  return Graph(directed, n, std::move(t), std::move(out), std::move(rev));
}

}  // namespace movemap

