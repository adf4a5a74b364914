#include "movemap/centrality/spectral.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <type_traits>

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#endif

#include "cpu_features.hpp"

namespace movemap {
namespace {

// Nodes per block. Blocks are fixed by n alone, so the per-block partial
// sums, added in block order, do not depend on the thread count.
constexpr std::size_t kBlock = 1024;

std::atomic<bool> portable_only{false};  // detail::use_portable_row_sums

// Runs block(begin, end) on each fixed block of nodes: in parallel when
// `parallel`, else one block after the other on this thread.
template <class Block>
void for_each_block(node_id n, bool parallel, const Block& block) {
  const std::size_t blocks = (static_cast<std::size_t>(n) + kBlock - 1) / kBlock;
  auto run = [&](std::size_t b) {
    block(static_cast<node_id>(b * kBlock), static_cast<node_id>(std::min<std::size_t>(n, (b + 1) * kBlock)));
  };
  if (parallel && blocks > 1) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1), [&](const auto& range) {
      for (std::size_t b = range.begin(); b < range.end(); ++b) run(b);
    });
  } else {
    for (std::size_t b = 0; b < blocks; ++b) run(b);
  }
}

// Runs block(begin, end) -> std::array<double, K> over the fixed node blocks
// and returns the element-wise sum of the block results, added in block
// order. In parallel when `parallel`, else one block after the other on this
// thread: the same blocks and the same sums, so the same bits either way.
template <std::size_t K, class Block>
std::array<double, K> blocked_reduce(node_id n, bool parallel, const Block& block) {
  std::vector<std::array<double, K>> partial((static_cast<std::size_t>(n) + kBlock - 1) / kBlock);
  for_each_block(n, parallel, [&](node_id begin, node_id end) { partial[begin / kBlock] = block(begin, end); });
  std::array<double, K> sum{};
  for (const auto& p : partial)
    for (std::size_t k = 0; k < K; ++k) sum[k] += p[k];
  return sum;
}

// ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)): how eight lanes are
// added (lanes_added_avx512 below adds a vector's lanes the same way).
inline double lanes_added(const double* l) {
  return ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]));
}

// The sums over i in [begin, end) of term(i) (a std::array<double, K>),
// each in eight lanes, lane l taking i = begin + l, begin + l + 8, ..., the
// lanes then added as ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)):
// eight independent chains, where one running sum would wait for each
// addition before the next.
template <std::size_t K, class Term>
std::array<double, K> lane_sums(node_id begin, node_id end, const Term& term) {
  double lane[K][8] = {};
  node_id i = begin;
  for (; i + 8 <= end; i += 8)
    for (unsigned l = 0; l < 8; ++l) {
      const std::array<double, K> t = term(i + l);
      for (std::size_t k = 0; k < K; ++k) lane[k][l] += t[k];
    }
  for (unsigned l = 0; i < end; ++i, ++l) {
    const std::array<double, K> t = term(i);
    for (std::size_t k = 0; k < K; ++k) lane[k][l] += t[k];
  }
  std::array<double, K> sum;
  for (std::size_t k = 0; k < K; ++k) sum[k] = lanes_added(lane[k]);
  return sum;
}

// Whether the iterations over g run their blocks in parallel (see
// IterationOptions::parallel_min_work).
bool run_parallel(const Graph& g, const IterationOptions& o) {
  const std::size_t work = static_cast<std::size_t>(g.num_nodes()) + g.in_csr().neighbors.size();
  return work >= o.parallel_min_work;
}

// One block of the PageRank pass over positions [0, count): for each i,
//   y = alpha * (row[i] + dangling_sum * p[i]) + (1 - alpha) * p[i]
// (p[i] = uniform when p is null), the change |y - x[i]| and, when i is
// dangling, y, each summed in eight lanes as lane_sums does; x[i] = y and
// z[i] = y * inv_out[i]. Portable, and with AVX-512 (eight positions per
// step): the same operations in the same order, so the same bits.
struct PageRankStep {
  double alpha, dangling_sum, uniform;
  const double* p;  // null: uniform
  const double* row;
  const double* inv_out;
  const unsigned char* dangling;
  double* x;
  double* z;
};

inline std::array<double, 2> pagerank_block_portable(const PageRankStep& s, std::size_t count) {
  double change[8] = {}, dangling[8] = {};
  const double a = s.alpha, ds = s.dangling_sum, c = 1.0 - s.alpha;
  for (std::size_t i = 0; i < count; ++i) {
    const unsigned l = i % 8;
    const double pv = s.p ? s.p[i] : s.uniform;
    const double y = a * (s.row[i] + ds * pv) + c * pv;
    change[l] += std::abs(y - s.x[i]);
    dangling[l] += s.dangling[i] ? y : 0.0;
    s.x[i] = y;
    s.z[i] = y * s.inv_out[i];
  }
  return {lanes_added(change), lanes_added(dangling)};
}

#if defined(__GNUC__) && defined(__x86_64__)
// lanes_added of the eight lanes of v.
[[gnu::target("avx512f,avx512vl")]] inline double lanes_added_avx512(__m512d v) {
  const __m256d h = _mm256_add_pd(_mm512_castpd512_pd256(v), _mm512_extractf64x4_pd(v, 1));
  const __m128d q = _mm_add_pd(_mm256_castpd256_pd128(h), _mm256_extractf128_pd(h, 1));
  return _mm_cvtsd_f64(_mm_add_sd(q, _mm_unpackhi_pd(q, q)));
}

[[gnu::target("avx512f,avx512vl,avx512bw")]] inline std::array<double, 2> pagerank_block_avx512(
    const PageRankStep& s, std::size_t count) {
  const __m512d a = _mm512_set1_pd(s.alpha), ds = _mm512_set1_pd(s.dangling_sum), c = _mm512_set1_pd(1.0 - s.alpha);
  __m512d change = _mm512_setzero_pd(), dangling = _mm512_setzero_pd();
  for (std::size_t i = 0; i < count; i += 8) {
    const __mmask8 m = count - i >= 8 ? __mmask8(0xff) : __mmask8((1u << (count - i)) - 1);
    const __m512d pv = s.p ? _mm512_maskz_loadu_pd(m, s.p + i) : _mm512_set1_pd(s.uniform);
    const __m512d y = _mm512_add_pd(_mm512_mul_pd(a, _mm512_add_pd(_mm512_maskz_loadu_pd(m, s.row + i),
                                                                   _mm512_mul_pd(ds, pv))),
                                    _mm512_mul_pd(c, pv));
    const __m512d x = _mm512_maskz_loadu_pd(m, s.x + i);
    change = _mm512_mask_add_pd(change, m, change, _mm512_abs_pd(_mm512_sub_pd(y, x)));
    const __m128i dg = _mm_maskz_loadu_epi8(m, s.dangling + i);
    const __mmask8 dm = _mm_test_epi8_mask(dg, dg) & m;
    dangling = _mm512_mask_add_pd(dangling, m, dangling, _mm512_maskz_mov_pd(dm, y));
    _mm512_mask_storeu_pd(s.x + i, m, y);
    _mm512_mask_storeu_pd(s.z + i, m, _mm512_mul_pd(y, _mm512_maskz_loadu_pd(m, s.inv_out + i)));
  }
  return {lanes_added_avx512(change), lanes_added_avx512(dangling)};
}
#endif

inline std::array<double, 2> pagerank_block(const PageRankStep& s, std::size_t count) {
#if defined(__GNUC__) && defined(__x86_64__)
  if (cpu::has_avx512() && !portable_only.load(std::memory_order_relaxed)) return pagerank_block_avx512(s, count);
#endif
  return pagerank_block_portable(s, count);
}

// The in-CSR (the symmetric CSR when undirected) laid out for the row
// sums as SELL-8 (Kreutzer et al., "A unified sparse matrix data format for
// efficient general sparse matrix-vector multiplication on modern
// processors with wide SIMD units", SIAM J. Sci. Comput. 2014): the nodes
// of each block of kBlock ids are put in order of row length, and each run
// of eight of them (a chunk) stores its rows side by side, entry j of lane
// l at 8j + l from the chunk's start, so one 8-wide load reads entry j of
// eight rows. A row's sum is then its lane's running sum
//   ((0 + x[u0] w0) + x[u1] w1) + ...   in row (CSR) order,
// one lane per row: eight rows advance together with one gather per step
// and no per-row reduction (an 8-lane sum per row cost more than the
// gathers on rows of ~8 entries). Lanes past their row's length are masked
// and change nothing. Compiled twice: portable, and with AVX-512 masked
// gathers, chosen once per process by the CPU; no fused multiply-adds in
// this file (CMakeLists.txt), so both give the same bits. A row's sum
// depends on its own row alone, never on where its node sits in the order
// or on the threads.
//
// Weights are stored in the narrowest exact form: none when every weight
// is 1 (or unweighted), float when every weight converts to float and back
// unchanged (counts of interactions do), else double. The sums are the same
// bits in every form (x * 1.0 == x; a float widens exactly); the narrower
// forms stream fewer bytes per entry, which bounds these loops.
//
// Neighbours are stored by their position in the order, not by id: the
// iterations keep every vector in the order (so the per-node updates read
// and write them in sequence, eight at a time) and map back to ids at the
// end (by_node).
class InAdjacency {
 public:
  InAdjacency(const Graph& g, bool weighted, bool parallel) : n_(g.num_nodes()) {
    const Csr& csr = g.in_csr();
    const auto& w = g.ties().weight;
    const std::size_t n = n_, slots = (n + 7) / 8 * 8, chunks = slots / 8;
    const std::size_t blocks = (n + kBlock - 1) / kBlock;
    order_.resize(n);
    length_.assign(slots, 0);
    start_.resize(chunks + 1);
    // f(b) for each block b of the iterations' fixed blocks (for_each_block).
    auto for_blocks = [&](auto&& f) {
      for_each_block(n_, parallel, [&](node_id begin, node_id) { f(begin / kBlock); });
    };
    // The order and the lengths, then each chunk's start (in entries).
    for_blocks([&](std::size_t b) { order_block(csr, b * kBlock, std::min(n, (b + 1) * kBlock)); });
    edge_id at = 0;
    for (std::size_t c = 0; c < chunks; ++c) {
      start_[c] = at;
      at += 8 * edge_id{*std::max_element(length_.begin() + 8 * c, length_.begin() + 8 * c + 8)};
    }
    start_[chunks] = at;
    // The entries, chunk by chunk: neighbours (by their position in the
    // order) and weights, 0 in the lanes past their row's end.
    std::vector<node_id> position(n);
    for_blocks([&](std::size_t b) {
      for (std::size_t i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i) position[order_[i]] = static_cast<node_id>(i);
    });
    neighbor_.resize(at);
    // One pass per weight form, each row's entries copied down its lane;
    // the float pass also counts, per block, the weights that are not 1 and
    // those that float does not hold exactly (it reads every tie's weight:
    // each tie is an entry of its target's in-row).
    std::vector<std::array<std::size_t, 2>> odd(blocks);  // {not 1, not a float}
    auto fill = [&](auto* out_weight) {
      using Weight = std::remove_pointer_t<decltype(out_weight)>;
      for_blocks([&](std::size_t b) {
        // Local pointers, so the stores below cannot be taken to change them.
        const edge_id* __restrict off = csr.offsets.data();
        const node_id* __restrict nb = csr.neighbors.data();
        const edge_id* __restrict tie = csr.ties.data();
        const double* __restrict weight = w.data();
        const node_id* __restrict pos = position.data();
        const node_id* __restrict order = order_.data();
        const edge_id* __restrict start = start_.data();
        node_id* __restrict out = neighbor_.data();
        Weight* __restrict out_w = out_weight;
        std::size_t not_one = 0, not_float = 0;
        for (std::size_t c = b * (kBlock / 8); c < std::min(chunks, (b + 1) * (kBlock / 8)); ++c) {
          const edge_id base = start[c], rows = (start[c + 1] - base) / 8;
          std::uint32_t len[8];
          edge_id first[8];
          for (unsigned l = 0; l < 8; ++l) {
            len[l] = length_[8 * c + l];
            first[l] = len[l] ? off[order[8 * c + l]] : 0;
          }
          // Step by step through the rows, writing the chunk in order
          // (lanes past their row's end stay 0, from resize).
          for (edge_id j = 0; j < rows; ++j)
            for (unsigned l = 0; l < 8; ++l)
              if (j < len[l]) {
                out[base + 8 * j + l] = pos[nb[first[l] + j]];
                if constexpr (!std::is_void_v<Weight>) {
                  const double x = weight[tie[first[l] + j]];
                  out_w[base + 8 * j + l] = static_cast<Weight>(x);
                  if constexpr (std::is_same_v<Weight, float>) {
                    not_one += x != 1.0 ? 1 : 0;
                    not_float += static_cast<double>(static_cast<float>(x)) != x ? 1 : 0;
                  }
                }
              }
        }
        odd[b] = {not_one, not_float};
      });
    };
    if (!weighted) {
      fill(static_cast<void*>(nullptr));
      return;
    }
    float_weight_.resize(at);
    fill(float_weight_.data());
    std::size_t not_one = 0, not_float = 0;
    for (const auto& [a, b] : odd) {
      not_one += a;
      not_float += b;
    }
    if (not_float > 0) {  // a weight float cannot hold: doubles (rare: counts are floats)
      std::vector<float>().swap(float_weight_);
      weight_.resize(at);
      fill(weight_.data());
    } else if (not_one == 0) {  // every weight 1: none stored
      std::vector<float>().swap(float_weight_);
    }
  }

  // The nodes in the order the passes visit them: block by block (a block
  // of the order holds the same nodes as that block of ids), and within a
  // block by in-row length, ascending (by id within a length).
  const node_id* order() const { return order_.data(); }

  // A vector by node id from one by position in order(), and back.
  std::vector<double> by_node(const std::vector<double>& at) const {
    std::vector<double> out(n_);
    for (std::size_t i = 0; i < n_; ++i) out[order_[i]] = at[i];
    return out;
  }
  std::vector<double> by_position(const std::vector<double>& of) const {
    std::vector<double> out(n_);
    for (std::size_t i = 0; i < n_; ++i) out[i] = of[order_[i]];
    return out;
  }

  // out[i - begin] = the sum over the in-entries (u, w) of v = order()[i]
  // of w * x[position of u] (unweighted: x[position of u]), in row order,
  // for i in [begin, end)
  // (one block: begin a multiple of kBlock). out must have room for
  // (end - begin) rounded up to a multiple of 8; the extra slots get 0.
  void row_sums(const double* x, node_id begin, node_id end, double* out) const {
    auto run = [&](const auto* wt) {
      using Weight = std::remove_cv_t<std::remove_pointer_t<decltype(wt)>>;
#if defined(__GNUC__) && defined(__x86_64__)
      // (The gathers take signed 32-bit indices: node ids from 2^31 on go
      // the portable way.)
      if (cpu::has_avx512() && !portable_only.load(std::memory_order_relaxed) &&
          n_ <= static_cast<std::size_t>(INT32_MAX))
        return chunks_avx512<Weight>(x, wt, begin, end, out);
#endif
      chunks_portable<Weight>(x, wt, begin, end, out);
    };
    if (!float_weight_.empty())
      run(float_weight_.data());
    else if (!weight_.empty())
      run(weight_.data());
    else
      run(static_cast<const void*>(nullptr));
  }

  // out[i - begin] = the sum of v = order()[i]'s in-row weights in row
  // order (the row length when there are no weights), as row_sums.
  void row_weight_sums(node_id begin, node_id end, double* out) const {
    for (std::size_t c = begin / 8; c < (static_cast<std::size_t>(end) + 7) / 8; ++c) {
      const std::uint32_t* len = length_.data() + 8 * c;
      double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      const edge_id rows = (start_[c + 1] - start_[c]) / 8;
      for (edge_id j = 0; j < rows; ++j)
        for (unsigned l = 0; l < 8; ++l)
          if (j < len[l])
            acc[l] += !float_weight_.empty() ? static_cast<double>(float_weight_[start_[c] + 8 * j + l])
                      : !weight_.empty()     ? weight_[start_[c] + 8 * j + l]
                                             : 1.0;
      for (unsigned l = 0; l < 8; ++l) out[8 * c + l - begin] = acc[l];
    }
  }

 private:
  // Nodes [begin, end) into order_ by row length (a counting sort; the
  // few rows of 64 entries and more sorted by length then id), and their
  // lengths into length_.
  void order_block(const Csr& csr, std::size_t begin, std::size_t end) {
    const edge_id* off = csr.offsets.data();
    static constexpr std::size_t kLong = 64;
    std::array<node_id, kLong + 2> start{};
    auto bucket = [off](std::size_t v) {
      return static_cast<std::size_t>(std::min<edge_id>(off[v + 1] - off[v], kLong));
    };
    for (std::size_t v = begin; v < end; ++v) ++start[bucket(v) + 1];
    for (std::size_t b = 1; b <= kLong + 1; ++b) start[b] += start[b - 1];
    const std::size_t long_from = begin + start[kLong];
    for (std::size_t v = begin; v < end; ++v) order_[begin + start[bucket(v)]++] = static_cast<node_id>(v);
    std::sort(order_.begin() + long_from, order_.begin() + end, [off](node_id a, node_id b) {
      const edge_id la = off[a + 1] - off[a], lb = off[b + 1] - off[b];
      return la != lb ? la < lb : a < b;
    });
    for (std::size_t i = begin; i < end; ++i)
      length_[i] = static_cast<std::uint32_t>(off[order_[i] + 1] - off[order_[i]]);
  }

  template <class Weight>
  void chunks_portable(const double* x, const Weight* wt, node_id begin, node_id end, double* out) const {
    for (std::size_t c = begin / 8; c < (static_cast<std::size_t>(end) + 7) / 8; ++c) {
      const std::uint32_t* len = length_.data() + 8 * c;
      const node_id* nb = neighbor_.data() + start_[c];
      double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      const edge_id rows = (start_[c + 1] - start_[c]) / 8;
      for (edge_id j = 0; j < rows; ++j)
        for (unsigned l = 0; l < 8; ++l)
          if (j < len[l]) {
            if constexpr (std::is_void_v<Weight>)
              acc[l] += x[nb[8 * j + l]];
            else
              acc[l] += x[nb[8 * j + l]] * static_cast<double>(wt[start_[c] + 8 * j + l]);
          }
      for (unsigned l = 0; l < 8; ++l) out[8 * c + l - begin] = acc[l];
    }
  }

#if defined(__GNUC__) && defined(__x86_64__)
  template <class Weight>
  [[gnu::target("avx512f,avx512vl")]] void chunks_avx512(const double* x, const Weight* wt, node_id begin,
                                                          node_id end, double* out) const {
    for (std::size_t c = begin / 8; c < (static_cast<std::size_t>(end) + 7) / 8; ++c) {
      const __m256i len = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(length_.data() + 8 * c));
      const node_id* nb = neighbor_.data() + start_[c];
      const edge_id rows = (start_[c + 1] - start_[c]) / 8;
      __m512d acc = _mm512_setzero_pd();
      for (edge_id j = 0; j < rows; ++j) {
        const __mmask8 m = _mm256_cmpgt_epu32_mask(len, _mm256_set1_epi32(static_cast<int>(j)));
        const __m256i idx = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(nb + 8 * j));
        __m512d t = _mm512_mask_i32gather_pd(_mm512_setzero_pd(), m, idx, x, 8);
        if constexpr (std::is_same_v<Weight, float>)
          t = _mm512_mul_pd(t, _mm512_cvtps_pd(_mm256_loadu_ps(wt + start_[c] + 8 * j)));
        else if constexpr (std::is_same_v<Weight, double>)
          t = _mm512_mul_pd(t, _mm512_loadu_pd(wt + start_[c] + 8 * j));
        acc = _mm512_mask_add_pd(acc, m, acc, t);
      }
      _mm512_storeu_pd(out + (8 * c - begin), acc);
    }
  }
#endif

  std::size_t n_;
  std::vector<node_id> order_;          // n
  std::vector<std::uint32_t> length_;   // per slot of the order (n rounded up to 8): its row's length
  std::vector<edge_id> start_;          // per chunk of 8 slots: its first entry; one more at the end
  std::vector<node_id> neighbor_;       // the entries, chunk by chunk, 8 lanes per row step
  std::vector<double> weight_;          // their weights, when double
  std::vector<float> float_weight_;     // or float
};

void check_iteration_options(const IterationOptions& o, const char* measure) {
  if (!(o.tolerance >= 0) || std::isinf(o.tolerance))
    throw UsageError(std::string(measure) + ": tolerance must be a finite number >= 0");
}

[[noreturn]] void throw_not_converged(const char* measure, const IterationResult& r, node_id n,
                                      double tolerance, const char* hint) {
  std::ostringstream msg;
  msg << measure << " did not converge in " << r.iterations << " iterations: residual sum |x - x_prev| = "
      << r.residual << " is not below n * tolerance = " << static_cast<double>(n) * tolerance
      << "; raise max_iterations or tolerance" << hint;
  throw ConvergenceError(msg.str(), r.iterations, r.residual);
}

double euclidean_norm(node_id n, bool parallel, const std::vector<double>& x) {
  const auto sq = blocked_reduce<1>(n, parallel, [&](node_id begin, node_id end) {
    return lane_sums<1>(begin, end, [&](node_id i) { return std::array<double, 1>{x[i] * x[i]}; });
  });
  return std::sqrt(sq[0]);
}

}  // namespace

IterationResult eigenvector_centrality(const Graph& g, const IterationOptions& options) {
  check_iteration_options(options, "eigenvector_centrality");
  const node_id n = g.num_nodes();
  IterationResult r;
  if (n == 0) return r;
  const bool parallel = run_parallel(g, options);
  const InAdjacency in(g, options.weighted, parallel);
  ProgressReporter progress(options.progress);
  // x and y by position in in.order() (as the row sums read them).
  std::vector<double> x(n, 1.0 / static_cast<double>(n)), y(n);
  const bool converged = [&] {
    for (std::uint32_t it = 0; it < options.max_iterations; ++it) {
      progress.report(static_cast<double>(it) / options.max_iterations);
      // y = (A^T + I) x, then y /= ||y||.
      const double* xs = x.data();
      double* ys = y.data();
      const auto sq = blocked_reduce<1>(n, parallel, [&](node_id begin, node_id end) {
        double row[kBlock];
        in.row_sums(xs, begin, end, row);
        return lane_sums<1>(begin, end, [&](node_id i) {
          const double yi = xs[i] + row[i - begin];
          ys[i] = yi;
          return std::array<double, 1>{yi * yi};
        });
      });
      const double norm = sq[0] > 0 ? std::sqrt(sq[0]) : 1.0;
      const auto residual = blocked_reduce<1>(n, parallel, [&](node_id begin, node_id end) {
        return lane_sums<1>(begin, end, [&](node_id i) {
          const double yi = ys[i] / norm;
          ys[i] = yi;
          return std::array<double, 1>{std::abs(yi - xs[i])};
        });
      });
      x.swap(y);
      r.iterations = it + 1;
      r.residual = residual[0];
      if (r.residual < static_cast<double>(n) * options.tolerance) return true;
    }
    return false;
  }();
  if (!converged) throw_not_converged("eigenvector_centrality", r, n, options.tolerance, "");
  r.values = in.by_node(x);
  return r;
}

IterationResult pagerank(const Graph& g, const PageRankOptions& options) {
  check_iteration_options(options, "pagerank");
  if (!(options.alpha >= 0 && options.alpha <= 1))
    throw UsageError("pagerank: alpha (damping) must be in [0, 1]");
  const node_id n = g.num_nodes();
  for (const node_id s : options.seeds)
    if (s >= n)
      throw UsageError("pagerank: seed node id " + std::to_string(s) + " is not below the number of nodes (" +
                       std::to_string(n) + ")");
  IterationResult r;
  if (n == 0) return r;
  const bool parallel = run_parallel(g, options);
  const InAdjacency in(g, options.weighted, parallel);
  const node_id* ord = in.order();
  // Every vector below is indexed by position in in.order() (as the row
  // sums read them), not by node id.

  // Teleport (and dangling) distribution p: uniform 1/n (no vector), or
  // uniform over the seeds.
  const double uniform = 1.0 / static_cast<double>(n);
  std::vector<double> p;
  if (!options.seeds.empty()) {
    std::vector<node_id> seeds = options.seeds;
    std::sort(seeds.begin(), seeds.end());
    seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
    std::vector<double> by_id(n, 0.0);
    for (const node_id s : seeds) by_id[s] = 1.0 / static_cast<double>(seeds.size());
    p = in.by_position(by_id);
  }

  // 1 / out-strength, 0 for a dangling node (no out-weight). An undirected
  // self-loop is one entry of its row, so its weight counts once, as in
  // networkx.
  const TieTable& ties = g.ties();
  std::vector<double> inv_out(n);
  // Dangling = no out-weight, kept apart from inv_out: finite weights whose
  // sum passes DBL_MAX would also give inv_out 0; such a node (flag 2) is an
  // input error below, as its shares cannot be represented.
  std::vector<unsigned char> dangling(n);
  for_each_block(n, parallel, [&](node_id begin, node_id end) {
    double row[kBlock];
    if (options.weighted && !g.directed())
      in.row_weight_sums(begin, end, row);  // the out-row is the in-row, its weights laid out together
    for (node_id i = begin; i < end; ++i) {
      const node_id u = ord[i];
      double s = 0;
      if (options.weighted && !g.directed()) {
        s = row[i - begin];
      } else if (options.weighted) {
        for (const edge_id e : g.out_ties(u)) s += ties.weight[e];
      } else {
        s = static_cast<double>(g.out_entries(u));
      }
      inv_out[i] = s == 0 ? 0.0 : 1.0 / s;
      dangling[i] = s == 0 ? 1 : std::isinf(s) ? 2 : 0;
    }
  });
  node_id overflow = n;
  for (node_id i = 0; i < n; ++i)
    if (dangling[i] == 2) overflow = std::min(overflow, ord[i]);
  if (overflow < n)
    throw InputError("", 0,
                     "pagerank: the out-weights of node " + std::to_string(overflow) +
                         " sum past the largest double (~1.8e308); expected weights whose sum per node is finite "
                         "(rescale them)");

  ProgressReporter progress(options.progress);
  const double alpha = options.alpha;
  // x is updated in place: the pass reads z (the previous iterate's shares),
  // never another node's x.
  std::vector<double> x(n, uniform);
  // z = x / out-strength, the share x sends along each unit of out-weight.
  std::vector<double> z(n), z_next(n);
  double dangling_sum = blocked_reduce<1>(n, parallel, [&](node_id begin, node_id end) {
    return lane_sums<1>(begin, end, [&](node_id i) {
      z[i] = x[i] * inv_out[i];
      return std::array<double, 1>{dangling[i] ? x[i] : 0.0};
    });
  })[0];

  // One pass per iteration: y = alpha * (M^T x + dangling_sum * p) +
  // (1 - alpha) * p, its L1 change from x, then x = y, z for the next
  // iteration and the dangling sum of y. The uniform case reads no p vector.
  const double* pp = p.empty() ? nullptr : p.data();
  const bool converged = [&] {
    for (std::uint32_t it = 0; it < options.max_iterations; ++it) {
      progress.report(static_cast<double>(it) / options.max_iterations);
      double* xs = x.data();
      const double* zs = z.data();
      double* zn = z_next.data();
      const double* io = inv_out.data();
      const unsigned char* dg = dangling.data();
      const auto sums = blocked_reduce<2>(n, parallel, [&](node_id begin, node_id end) {
        double row[kBlock];
        in.row_sums(zs, begin, end, row);
        const PageRankStep step{alpha, dangling_sum, uniform, pp ? pp + begin : nullptr, row,
                                io + begin, dg + begin, xs + begin, zn + begin};
        return pagerank_block(step, end - begin);
      });
      z.swap(z_next);
      dangling_sum = sums[1];
      r.iterations = it + 1;
      r.residual = sums[0];
      if (r.residual < static_cast<double>(n) * options.tolerance) return true;
    }
    return false;
  }();
  if (!converged) throw_not_converged("pagerank", r, n, options.tolerance, "");
  r.values = in.by_node(x);
  return r;
}

IterationResult katz_centrality(const Graph& g, const KatzOptions& options) {
  check_iteration_options(options, "katz_centrality");
  if (!std::isfinite(options.alpha) || !std::isfinite(options.beta))
    throw UsageError("katz_centrality: alpha and beta must be finite numbers");
  const node_id n = g.num_nodes();
  IterationResult r;
  if (n == 0) return r;
  const bool parallel = run_parallel(g, options);
  const InAdjacency in(g, options.weighted, parallel);
  ProgressReporter progress(options.progress);
  // x and y by position in in.order() (as the row sums read them).
  std::vector<double> x(n, 0.0), y(n);
  const bool converged = [&] {
    for (std::uint32_t it = 0; it < options.max_iterations; ++it) {
      progress.report(static_cast<double>(it) / options.max_iterations);
      const double alpha = options.alpha, beta = options.beta;
      const double* xs = x.data();
      double* ys = y.data();
      const auto residual = blocked_reduce<1>(n, parallel, [&](node_id begin, node_id end) {
        double row[kBlock];
        in.row_sums(xs, begin, end, row);
        return lane_sums<1>(begin, end, [&](node_id i) {
          const double yi = alpha * row[i - begin] + beta;
          ys[i] = yi;
          return std::array<double, 1>{std::abs(yi - xs[i])};
        });
      });
      x.swap(y);
      r.iterations = it + 1;
      r.residual = residual[0];
      if (r.residual < static_cast<double>(n) * options.tolerance) return true;
    }
    return false;
  }();
  if (!converged)
    throw_not_converged("katz_centrality", r, n, options.tolerance,
                        " (Katz converges only when alpha < 1 / largest eigenvalue of the adjacency matrix)");
  if (options.normalized) {
    const double norm = euclidean_norm(n, parallel, x);
    const double scale = norm > 0 ? 1.0 / norm : 1.0;
    for (node_id i = 0; i < n; ++i) x[i] *= scale;
  }
  r.values = in.by_node(x);
  return r;
}

namespace detail {
void use_portable_row_sums(bool yes) { portable_only.store(yes); }
bool row_sums_have_avx512() { return cpu::has_avx512(); }
}  // namespace detail

}  // namespace movemap
