#include "movemap/centrality/core_numbers.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#endif

#include "cpu_features.hpp"

namespace movemap {
namespace {

// Entries of the sorted row [begin, end) other than a self-loop of u (a row
// holds u at most once: ties are distinct).
std::uint32_t entries_without_loop(const node_id* begin, const node_id* end, node_id u) {
  return static_cast<std::uint32_t>(end - begin) - (std::binary_search(begin, end, u) ? 1u : 0u);
}

std::atomic<bool> portable_only{false};  // detail::use_portable_peel

#if defined(__GNUC__) && defined(__x86_64__)
// The peel of one row (see core_numbers) sixteen entries at a time: gather
// the neighbours' degrees, lower those above k (a scatter: a row holds each
// neighbour once, so no two lanes write the same degree), and append those
// that reached k to the frontier in row order, as the portable peel does.
// Writes up to 16 slots past the new tail. Node ids below 2^31 (the gathers'
// indices are signed).
[[gnu::target("avx512f,avx512vl")]] std::size_t peel_row_avx512(const node_id* w_it, const node_id* w_end,
                                                                 std::uint32_t k, std::uint32_t* dg, node_id* fr,
                                                                 std::size_t tail) {
  const __m512i kk = _mm512_set1_epi32(static_cast<int>(k));
  const __m512i one = _mm512_set1_epi32(1);
  for (; w_it < w_end; w_it += 16) {
    const std::size_t rest = static_cast<std::size_t>(w_end - w_it);
    const __mmask16 m = rest >= 16 ? __mmask16(0xffff) : __mmask16((1u << rest) - 1);
    const __m512i w = _mm512_maskz_loadu_epi32(m, w_it);
    const __m512i d = _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), m, w, dg, 4);
    const __mmask16 above = _mm512_mask_cmpgt_epu32_mask(m, d, kk);
    const __m512i lowered = _mm512_sub_epi32(d, one);
    _mm512_mask_i32scatter_epi32(dg, above, w, lowered, 4);
    const __mmask16 join = _mm512_mask_cmpeq_epi32_mask(above, lowered, kk);
    _mm512_storeu_si512(fr + tail, _mm512_maskz_compress_epi32(join, w));
    tail += static_cast<std::size_t>(__builtin_popcount(join));
  }
  return tail;
}

// The scan that starts a level (see core_numbers): appends every u in
// [0, n) with dg[u] == k to the frontier, in id order, sixteen degrees per
// compare; returns the new tail. Writes up to 16 slots past it.
[[gnu::target("avx512f,avx512vl")]] std::size_t scan_level_avx512(const std::uint32_t* dg, node_id n,
                                                                   std::uint32_t k, node_id* fr, std::size_t tail) {
  const __m512i kk = _mm512_set1_epi32(static_cast<int>(k));
  const __m512i step = _mm512_set1_epi32(16);
  __m512i ids = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  for (node_id u = 0; u < n; u += 16) {
    const node_id rest = n - u;
    const __mmask16 in = rest >= 16 ? __mmask16(0xffff) : __mmask16((1u << rest) - 1);
    const __mmask16 m = _mm512_mask_cmpeq_epi32_mask(in, _mm512_maskz_loadu_epi32(in, dg + u), kk);
    if (m != 0) {
      _mm512_storeu_si512(fr + tail, _mm512_maskz_compress_epi32(m, ids));
      tail += static_cast<std::size_t>(__builtin_popcount(m));
    }
    ids = _mm512_add_epi32(ids, step);
  }
  return tail;
}
#endif

}  // namespace

namespace detail {
void use_portable_peel(bool yes) { portable_only.store(yes); }
bool peel_has_avx512() { return cpu::has_avx512(); }
}  // namespace detail

std::vector<std::uint32_t> core_numbers(const Graph& g) {
  const node_id n = g.num_nodes();
  std::vector<std::uint32_t> deg(n, 0);
  if (n == 0) return deg;
  const Csr& out = g.out_csr();
  const Csr& in = g.in_csr();  // the same rows as `out` when undirected
  const bool directed = g.directed();
  const edge_id* out_off = out.offsets.data();
  const node_id* out_nb = out.neighbors.data();
  const edge_id* in_off = in.offsets.data();
  const node_id* in_nb = in.neighbors.data();

  // Degree without self-loops: row lengths, less one where the sorted row
  // holds u itself (a binary search, not a scan of the row; none at all
  // when the tie table has no self-loop, the usual case).
  const bool loops = g.num_self_loops() > 0;
  for (node_id u = 0; u < n; ++u) {
    if (!loops) {
      deg[u] = static_cast<std::uint32_t>(out_off[u + 1] - out_off[u] + (directed ? in_off[u + 1] - in_off[u] : 0));
      continue;
    }
    std::uint32_t d = entries_without_loop(out_nb + out_off[u], out_nb + out_off[u + 1], u);
    if (directed) d += entries_without_loop(in_nb + in_off[u], in_nb + in_off[u + 1], u);
    deg[u] = d;
  }

  // Level-synchronous peel (the order of Batagelj & Zaversnik, without
  // their bucket bookkeeping). At level k, every remaining node has degree
  // >= k; the frontier starts with those of degree exactly k. Removing a
  // frontier node u lowers each remaining neighbour w with degree above k
  // by one, and w joins the frontier when it reaches k. A node's degree
  // when it leaves is its core number. Removed nodes keep a degree <= k, so
  // the test "above k" also skips them (and a self-loop, w == u).
  //
  // Each row is done in two passes with no data-dependent branch: the
  // first lists the neighbours above k (every entry is written, the count
  // advances only for a hit), the second lowers them and appends those that
  // reach k (the frontier's end advances only for those). A branch on the
  // test was mispredicted for about half the entries, and the buckets'
  // position swaps were a chain of four dependent loads per move; the
  // degrees alone (4 bytes a node) stay in the first-level cache on graphs
  // of 10^4 nodes. A row holds each neighbour once and a move lowers that
  // neighbour only, so the first pass sees what a one-pass peel would see.
  std::uint32_t* const dg = deg.data();
  std::uint32_t longest = 0;
  for (node_id u = 0; u < n; ++u) {
    longest = std::max<std::uint32_t>(longest, static_cast<std::uint32_t>(out_off[u + 1] - out_off[u]));
    if (directed) longest = std::max<std::uint32_t>(longest, static_cast<std::uint32_t>(in_off[u + 1] - in_off[u]));
  }
  std::vector<node_id> hits(longest);
  // A node joins the frontier once; the branch-free appends also write one
  // slot past the last node that joined (the AVX-512 peel up to 16), so 16
  // slots more than n.
  std::vector<node_id> frontier(static_cast<std::size_t>(n) + 16);
#if defined(__GNUC__) && defined(__x86_64__)
  const bool avx512 = cpu::has_avx512() && !portable_only.load(std::memory_order_relaxed) && n <= INT32_MAX;
#else
  const bool avx512 = false;
#endif
  std::vector<node_id> remaining;  // built once few nodes are left (below)
  node_id* const hit = hits.data();
  node_id* const fr = frontier.data();
  std::size_t tail = 0;  // frontier entries so far (all levels)
  auto peel_row = [&](const node_id* w_it, const node_id* w_end, std::uint32_t k) {
#if defined(__GNUC__) && defined(__x86_64__)
    if (avx512 && w_end - w_it >= 8) {
      tail = peel_row_avx512(w_it, w_end, k, dg, fr, tail);
      return;
    }
#endif
    std::size_t count = 0;
    for (; w_it != w_end; ++w_it) {
      const node_id w = *w_it;
      hit[count] = w;
      count += dg[w] > k ? 1 : 0;
    }
    for (std::size_t j = 0; j < count; ++j) {
      const node_id w = hit[j];
      const std::uint32_t d = --dg[w];
      fr[tail] = w;
      tail += d == k ? 1 : 0;
    }
  };
  // The nodes that start level k: those of degree k. Nodes removed at
  // earlier levels have a degree below k by then, so while most nodes are
  // left, a scan of the degree array finds them (sixteen at a time with
  // AVX-512, else four on x86-64: a level's few hits are rare among the
  // compares); once fewer than
  // an eighth are left, a list of the remaining nodes is scanned instead,
  // and pruned as it goes.
  std::size_t left = n;  // nodes not yet in the frontier, when `remaining` is in use
  bool listed = false;
  auto start_level = [&](std::uint32_t k) {
    if (!listed) {
#if defined(__GNUC__) && defined(__x86_64__)
      if (avx512) {
        tail = scan_level_avx512(dg, n, k, fr, tail);
        return;
      }
#endif
      node_id u = 0;
#if defined(__SSE2__)
      const __m128i kk = _mm_set1_epi32(static_cast<int>(k));
      const node_id n4 = n - n % 4;  // (u + 4 <= n would wrap for n near 2^32)
      for (; u < n4; u += 4) {
        const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(dg + u));
        unsigned m = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(d, kk))));
        for (; m != 0; m &= m - 1) fr[tail++] = u + static_cast<node_id>(__builtin_ctz(m));
      }
#endif
      for (; u < n; ++u) {
        fr[tail] = u;
        tail += dg[u] == k ? 1 : 0;
      }
      return;
    }
    std::size_t kept = 0;
    node_id* const rem = remaining.data();
    for (std::size_t i = 0; i < left; ++i) {
      const node_id u = rem[i];
      const std::uint32_t d = dg[u];
      fr[tail] = u;
      tail += d == k ? 1 : 0;
      rem[kept] = u;
      kept += d > k ? 1 : 0;
    }
    left = kept;
  };
  // The smallest degree above k among the nodes left (for a level with no
  // node); UINT32_MAX when none is left.
  auto next_level = [&](std::uint32_t k) {
    std::uint32_t lowest = UINT32_MAX;
    if (!listed) {
      for (node_id u = 0; u < n; ++u) lowest = std::min(lowest, dg[u] > k ? dg[u] : UINT32_MAX);
    } else {
      for (std::size_t i = 0; i < left; ++i) lowest = std::min(lowest, dg[remaining[i]]);
    }
    return lowest;
  };
  std::uint32_t k = *std::min_element(deg.begin(), deg.end());
  while (tail < n) {
    if (!listed && (n - tail) * 8 < n) {
      // Few nodes left: list them (those not removed: degree k or more).
      remaining.reserve(n - tail);
      for (node_id u = 0; u < n; ++u)
        if (dg[u] >= k) remaining.push_back(u);
      left = remaining.size();
      listed = true;
    }
    const std::size_t level_start = tail;
    start_level(k);
    if (tail == level_start) {  // no node at this level: go to the next one that has some
      k = next_level(k);
      continue;
    }
    for (std::size_t i = level_start; i < tail; ++i) {
      const node_id u = fr[i];
      peel_row(out_nb + out_off[u], out_nb + out_off[u + 1], k);
      if (directed) peel_row(in_nb + in_off[u], in_nb + in_off[u + 1], k);
    }
    ++k;
  }
  return deg;  // deg[u] is now u's core number
}

}  // namespace movemap
