#include "movemap/bridging/communities.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace movemap {
namespace {

// ---------------------------------------------------------------------------
// The weighted undirected view every routine here works on: symmetric CSR
// without self-loops, the self-loop weight of each node apart, and the
// strength k_u = (row sum) + 2 * loop_u (networkx counts a loop twice in the
// degree). total = sum of strengths = 2m.
struct WeightedView {
  node_id n = 0;
  std::vector<edge_id> offsets{0};
  std::vector<node_id> neighbors;
  std::vector<double> weights;
  std::vector<double> loop;
  std::vector<double> strength;
  double total = 0;

  std::size_t begin(node_id u) const { return offsets[u]; }
  std::size_t end(node_id u) const { return offsets[u + 1]; }
};

constexpr std::size_t kGrain = 1024;

double tie_weight(const Graph& g, edge_id t, bool weighted) { return weighted ? g.ties().weight[t] : 1.0; }

void check_weights(const Graph& g, bool weighted) {
  if (!weighted) return;
  for (const double w : g.ties().weight)
    if (!(w >= 0) || !std::isfinite(w))
      throw UsageError("communities: tie weights must be finite and non-negative (found " + std::to_string(w) +
                       "); use unweighted mode or fix the weights");
}

double sum_strengths(const WeightedView& v) {
  double s = 0;
  for (const double k : v.strength) s += k;  // node order: independent of threads
  return s;
}

// Undirected view of g: w(u,v) + w(v,u) for a directed graph, a directed
// self-loop keeping its weight.
WeightedView build_view(const Graph& g, bool weighted) {
  const node_id n = g.num_nodes();
  WeightedView v;
  v.n = n;
  v.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  v.loop.assign(n, 0.0);
  v.strength.assign(n, 0.0);
  // Row of u in the view: a merge of the sorted out- and in-rows, parallel
  // entries summed, zero weights dropped (they change no sum), the loop apart.
  struct Row {
    std::vector<std::pair<node_id, double>> entries;
    double loop = 0;
  };
  auto row = [&](node_id u, Row& out) {
    out.entries.clear();
    out.loop = 0;
    const auto a = g.out_neighbors(u);
    const auto at = g.out_ties(u);
    const auto b = g.directed() ? g.in_neighbors(u) : std::span<const node_id>{};
    const auto bt = g.directed() ? g.in_ties(u) : std::span<const edge_id>{};
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
      node_id x;
      double w;
      if (j == b.size() || (i < a.size() && a[i] <= b[j])) {
        x = a[i];
        w = tie_weight(g, at[i++], weighted);
      } else {
        x = b[j];
        w = tie_weight(g, bt[j++], weighted);
        if (x == u) continue;  // a directed loop is in both rows: count it once (from the out-row)
      }
      if (x == u) out.loop += w;
      else if (!out.entries.empty() && out.entries.back().first == x) out.entries.back().second += w;
      else out.entries.emplace_back(x, w);
    }
    std::erase_if(out.entries, [](const auto& e) { return e.second == 0; });
  };
  tbb::enumerable_thread_specific<Row> rows;
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, kGrain), [&](const auto& r) {
    auto& buf = rows.local();
    for (node_id u = r.begin(); u < r.end(); ++u) {
      row(u, buf);
      v.offsets[u + 1] = buf.entries.size();
    }
  });
  for (node_id u = 0; u < n; ++u) v.offsets[u + 1] += v.offsets[u];
  v.neighbors.resize(v.offsets[n]);
  v.weights.resize(v.offsets[n]);
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, kGrain), [&](const auto& r) {
    auto& buf = rows.local();
    for (node_id u = r.begin(); u < r.end(); ++u) {
      row(u, buf);
      double s = 0;
      std::size_t k = v.offsets[u];
      for (const auto& [x, w] : buf.entries) {
        v.neighbors[k] = x;
        v.weights[k++] = w;
        s += w;
      }
      v.loop[u] = buf.loop;
      v.strength[u] = s + 2 * buf.loop;
    }
  });
  v.total = sum_strengths(v);
  return v;
}

// ---------------------------------------------------------------------------
// Labels.

// Renumbers labels (any values below `bound`) by first appearance in node
// order, i.e. by smallest member node id; returns the number of labels.
std::uint32_t renumber(std::vector<std::uint32_t>& label, std::size_t bound) {
  std::vector<std::uint32_t> map(bound, kNone);
  std::uint32_t next = 0;
  for (auto& l : label) {
    if (map[l] == kNone) map[l] = next++;
    l = map[l];
  }
  return next;
}

// Any uint32 labels to 0..count-1 by smallest member.
std::uint32_t renumber_any(std::vector<std::uint32_t>& label) {
  std::vector<std::uint32_t> sorted = label;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (auto& l : label) l = static_cast<std::uint32_t>(std::lower_bound(sorted.begin(), sorted.end(), l) - sorted.begin());
  return renumber(label, sorted.size());
}

// Modularity of dense labels 0..count-1 on the view (networkx's formula).
double modularity_of(const WeightedView& v, const std::vector<std::uint32_t>& label, std::uint32_t count,
                     double gamma) {
  if (!(v.total > 0)) return 0.0;
  std::vector<double> inside(v.n, 0.0);  // 2 * weight of intra ties at u (loops: 2 * loop)
  tbb::parallel_for(tbb::blocked_range<node_id>(0, v.n, kGrain), [&](const auto& r) {
    for (node_id u = r.begin(); u < r.end(); ++u) {
      double s = 2 * v.loop[u];
      for (std::size_t e = v.begin(u); e < v.end(u); ++e)
        if (label[v.neighbors[e]] == label[u]) s += v.weights[e];
      inside[u] = s;
    }
  });
  std::vector<double> l(count, 0.0), d(count, 0.0);
  for (node_id u = 0; u < v.n; ++u) {
    l[label[u]] += inside[u];
    d[label[u]] += v.strength[u];
  }
  const double m = v.total / 2;
  double q = 0;
  for (std::uint32_t c = 0; c < count; ++c) {
    const double f = d[c] / v.total;
    q += (l[c] / 2) / m - gamma * f * f;
  }
  return q;
}

// ---------------------------------------------------------------------------
// Deterministic randomness: splitmix64, and a Fisher-Yates shuffle with a
// multiply-shift bound (the standard library's distributions are
// implementation-defined, these are not).
struct SplitMix {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t bound) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * bound) >> 64);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  SplitMix s{a ^ (b * 0xd1342543de82ef95ULL)};
  return s.next();
}

void shuffle(std::vector<node_id>& order, std::uint64_t seed) {
  SplitMix rng{seed};
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
}

// ---------------------------------------------------------------------------
// Local moving.
//
// One pass visits the nodes in a seeded random order, cut into batches of
// max(1, n/64) nodes. Within a batch every node's best move is decided in
// parallel against the state at the start of the batch; the moves are then
// applied serially in visiting order. The result depends on n and the seed
// only, never on the thread count; with batches of one node it is the
// sequential algorithm. A move into a community emptied earlier in the same
// batch is dropped, so two singletons deciding together cannot swap.

struct MoveScratch {
  std::vector<double> acc;
  std::vector<std::uint32_t> touched;
};

constexpr std::uint32_t kNewCommunity = kNone - 1;

struct Mover {
  const WeightedView& v;
  double gamma;
  std::vector<std::uint32_t>& label;  // values < v.n
  std::vector<double> sigma;          // strength sum per label
  std::vector<std::uint32_t> size;
  std::vector<std::uint32_t> free_labels;  // stack; may hold labels in use again (lazy)
  tbb::enumerable_thread_specific<MoveScratch> scratch;

  Mover(const WeightedView& view, double g, std::vector<std::uint32_t>& l)
      : v(view), gamma(g), label(l),
        scratch([n = view.n] { return MoveScratch{std::vector<double>(n, 0.0), {}}; }) {}

  void recount() {
    sigma.assign(v.n, 0.0);
    size.assign(v.n, 0);
    for (node_id u = 0; u < v.n; ++u) {
      sigma[label[u]] += v.strength[u];
      ++size[label[u]];
    }
    free_labels.clear();
    for (std::uint32_t c = v.n; c-- > 0;)
      if (size[c] == 0) free_labels.push_back(c);
  }

  // Best label for u against the current state, or kNone to stay.
  std::uint32_t decide(node_id u, MoveScratch& s) const {
    const std::uint32_t own = label[u];
    const double ku = v.strength[u];
    const double scale = gamma * ku / v.total;
    s.touched.clear();
    for (std::size_t e = v.begin(u); e < v.end(u); ++e) {
      const std::uint32_t c = label[v.neighbors[e]];
      if (s.acc[c] == 0) s.touched.push_back(c);
      s.acc[c] += v.weights[e];
    }
    const double stay = s.acc[own] - scale * (sigma[own] - ku);
    double best_gain = stay;
    std::uint32_t best = own;
    const bool alone = size[own] == 1;
    for (const std::uint32_t c : s.touched) {
      if (c == own) continue;
      const double gain = s.acc[c] - scale * sigma[c];
      if (gain > best_gain || (gain == best_gain && best != own && c < best)) {
        best_gain = gain;
        best = c;
      }
    }
    for (const std::uint32_t c : s.touched) s.acc[c] = 0;
    if (!alone && best_gain < 0) {
      best_gain = 0;
      best = kNewCommunity;
    }
    // Move only for a modularity gain above 1e-13 (gain / m is the change in Q).
    if (best != own && best_gain - stay > 1e-13 * (v.total / 2)) return best;
    return kNone;
  }

  void apply(node_id u, std::uint32_t target) {
    const std::uint32_t own = label[u];
    if (target == kNewCommunity) {
      if (size[own] == 1) return;
      while (size[free_labels.back()] != 0) free_labels.pop_back();
      target = free_labels.back();
      free_labels.pop_back();
    } else if (size[target] == 0) {
      return;  // its community was emptied earlier in this batch (e.g. two singletons swapping)
    }
    const double ku = v.strength[u];
    sigma[own] -= ku;
    if (--size[own] == 0) free_labels.push_back(own);
    sigma[target] += ku;
    ++size[target];
    label[u] = target;
  }

  // One pass; returns the number of moves.
  std::size_t pass(std::uint64_t seed) {
    recount();
    std::vector<node_id> order(v.n);
    for (node_id u = 0; u < v.n; ++u) order[u] = u;
    shuffle(order, seed);
    const std::size_t batch = std::max<std::size_t>(1, v.n / 64);
    std::vector<std::uint32_t> proposal(batch);
    std::size_t moves = 0;
    for (std::size_t b = 0; b < v.n; b += batch) {
      const std::size_t e = std::min<std::size_t>(v.n, b + batch);
      if (e - b < 64) {
        auto& s = scratch.local();
        for (std::size_t i = b; i < e; ++i) proposal[i - b] = decide(order[i], s);
      } else {
        tbb::parallel_for(tbb::blocked_range<std::size_t>(b, e, 32), [&](const auto& r) {
          auto& s = scratch.local();
          for (std::size_t i = r.begin(); i < r.end(); ++i) proposal[i - b] = decide(order[i], s);
        });
      }
      for (std::size_t i = b; i < e; ++i) {
        if (proposal[i - b] == kNone) continue;
        const std::uint32_t before = label[order[i]];
        apply(order[i], proposal[i - b]);
        moves += label[order[i]] != before;
      }
    }
    return moves;
  }
};

constexpr int kMaxPasses = 1000;

struct Progress {
  ProgressReporter reporter;
  std::size_t passes = 0;
  explicit Progress(const ProgressCallback& cb) : reporter(cb) {}
  void tick() {
    ++passes;
    reporter.report(static_cast<double>(passes) / static_cast<double>(passes + 16));
  }
};

// Local moving on v from `label` until a pass moves nothing, or (unless
// `exact`) a pass gains less than 1e-7 in modularity. Returns whether any
// node moved.
bool local_moving(const WeightedView& v, std::vector<std::uint32_t>& label, double gamma, std::uint64_t seed,
                  bool exact, Progress& progress) {
  if (!(v.total > 0)) return false;  // no ties: every node stays alone
  Mover mover(v, gamma, label);
  bool moved = false;
  double q = exact ? 0 : modularity_of(v, label, v.n, gamma);
  for (int p = 0; p < kMaxPasses; ++p) {
    progress.tick();
    const std::size_t moves = mover.pass(mix(seed, static_cast<std::uint64_t>(p)));
    if (moves == 0) break;
    moved = true;
    if (!exact) {
      const double q2 = modularity_of(v, label, v.n, gamma);
      if (q2 - q < 1e-7) break;
      q = q2;
    }
  }
  return moved;
}

// ---------------------------------------------------------------------------
// Aggregation: one node per label (dense 0..count-1); ties summed, intra
// ties become the self-loop. Rows are built in parallel, each summed in
// member order then neighbour order, so the result is thread-independent.
WeightedView aggregate(const WeightedView& v, const std::vector<std::uint32_t>& label, std::uint32_t count) {
  std::vector<std::size_t> member_offsets(static_cast<std::size_t>(count) + 1, 0);
  for (node_id u = 0; u < v.n; ++u) ++member_offsets[label[u] + 1];
  for (std::uint32_t c = 0; c < count; ++c) member_offsets[c + 1] += member_offsets[c];
  std::vector<node_id> members(v.n);
  {
    std::vector<std::size_t> fill(member_offsets.begin(), member_offsets.end() - 1);
    for (node_id u = 0; u < v.n; ++u) members[fill[label[u]]++] = u;
  }
  WeightedView a;
  a.n = count;
  a.offsets.assign(static_cast<std::size_t>(count) + 1, 0);
  a.loop.assign(count, 0.0);
  a.strength.assign(count, 0.0);
  struct Local {
    std::vector<double> acc;
    std::vector<std::uint32_t> touched;
    std::vector<char> seen;
  };
  tbb::enumerable_thread_specific<Local> local(
      [count] { return Local{std::vector<double>(count, 0.0), {}, std::vector<char>(count, 0)}; });
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, count, 64), [&](const auto& r) {
    auto& s = local.local();
    for (std::uint32_t c = r.begin(); c < r.end(); ++c) {
      std::size_t k = 0;
      for (std::size_t i = member_offsets[c]; i < member_offsets[c + 1]; ++i) {
        const node_id u = members[i];
        for (std::size_t e = v.begin(u); e < v.end(u); ++e) {
          const std::uint32_t d = label[v.neighbors[e]];
          if (d == c || s.seen[d]) continue;
          s.seen[d] = 1;
          s.touched.push_back(d);
          ++k;
        }
      }
      for (const auto d : s.touched) s.seen[d] = 0;
      s.touched.clear();
      a.offsets[c + 1] = k;
    }
  });
  for (std::uint32_t c = 0; c < count; ++c) a.offsets[c + 1] += a.offsets[c];
  a.neighbors.resize(a.offsets[count]);
  a.weights.resize(a.offsets[count]);
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, count, 64), [&](const auto& r) {
    auto& s = local.local();
    std::vector<std::pair<std::uint32_t, double>> row;
    for (std::uint32_t c = r.begin(); c < r.end(); ++c) {
      double intra = 0, loop = 0, strength = 0;
      for (std::size_t i = member_offsets[c]; i < member_offsets[c + 1]; ++i) {
        const node_id u = members[i];
        loop += v.loop[u];
        strength += v.strength[u];
        for (std::size_t e = v.begin(u); e < v.end(u); ++e) {
          const std::uint32_t d = label[v.neighbors[e]];
          if (d == c) {
            intra += v.weights[e];
            continue;
          }
          if (!s.seen[d]) {
            s.seen[d] = 1;
            s.touched.push_back(d);
          }
          s.acc[d] += v.weights[e];
        }
      }
      std::sort(s.touched.begin(), s.touched.end());
      std::size_t k = a.offsets[c];
      for (const auto d : s.touched) {
        a.neighbors[k] = d;
        a.weights[k] = s.acc[d];
        ++k;
        s.acc[d] = 0;
        s.seen[d] = 0;
      }
      s.touched.clear();
      a.loop[c] = loop + intra / 2;
      a.strength[c] = strength;
    }
  });
  a.total = v.total;
  return a;
}

// ---------------------------------------------------------------------------
// Leiden refinement (Traag, Waltman & van Eck 2019, Algorithm A.2,
// MergeNodesSubset) for the modularity objective: node weights are
// strengths and the resolution gamma / 2m. Each community of `label` is
// refined independently with its own random stream (seed, community), so
// communities are processed in parallel with thread-independent results.
// Returns refined labels (node ids of the level; renumber afterwards).
constexpr double kTheta = 0.01;  // randomness, in units of tie weight (igraph's beta)

std::vector<std::uint32_t> refine(const WeightedView& v, const std::vector<std::uint32_t>& label,
                                  std::uint32_t count, double gamma, std::uint64_t seed) {
  std::vector<std::size_t> member_offsets(static_cast<std::size_t>(count) + 1, 0);
  for (node_id u = 0; u < v.n; ++u) ++member_offsets[label[u] + 1];
  for (std::uint32_t c = 0; c < count; ++c) member_offsets[c + 1] += member_offsets[c];
  std::vector<node_id> members(v.n);
  {
    std::vector<std::size_t> fill(member_offsets.begin(), member_offsets.end() - 1);
    for (node_id u = 0; u < v.n; ++u) members[fill[label[u]]++] = u;
  }
  std::vector<std::uint32_t> refined(v.n);
  for (node_id u = 0; u < v.n; ++u) refined[u] = u;
  const double res = gamma / v.total;
  // Per refined label (= node id of its first member): strength sum, size and
  // E(T, C - T). Entries are touched only by the community owning the node.
  std::vector<double> rsigma(v.strength), ext(v.n, 0.0);
  std::vector<std::uint32_t> rsize(v.n, 1);
  struct Local {
    std::vector<double> acc;
    std::vector<std::uint32_t> touched;
    std::vector<std::uint32_t> cand;
    std::vector<double> gain;
  };
  tbb::enumerable_thread_specific<Local> local([n = v.n] { return Local{std::vector<double>(n, 0.0), {}, {}, {}}; });
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, count, 16), [&](const auto& r) {
    auto& s = local.local();
    for (std::uint32_t c = r.begin(); c < r.end(); ++c) {
      const std::size_t b = member_offsets[c], e = member_offsets[c + 1];
      if (e - b < 2) continue;
      double sigma_c = 0;
      for (std::size_t i = b; i < e; ++i) {
        const node_id u = members[i];
        sigma_c += v.strength[u];
        double k = 0;
        for (std::size_t x = v.begin(u); x < v.end(u); ++x)
          if (label[v.neighbors[x]] == c) k += v.weights[x];
        ext[u] = k;
      }
      std::vector<node_id> order(members.begin() + static_cast<std::ptrdiff_t>(b),
                                 members.begin() + static_cast<std::ptrdiff_t>(e));
      SplitMix rng{mix(seed, c)};
      for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
      for (const node_id u : order) {
        if (rsize[refined[u]] != 1) continue;
        const double ku = v.strength[u];
        if (ext[u] < res * ku * (sigma_c - ku)) continue;  // u not well connected to C
        s.touched.clear();
        for (std::size_t x = v.begin(u); x < v.end(u); ++x) {
          const node_id w = v.neighbors[x];
          if (label[w] != c) continue;
          const std::uint32_t t = refined[w];
          if (t == refined[u]) continue;
          if (s.acc[t] == 0) s.touched.push_back(t);
          s.acc[t] += v.weights[x];
        }
        // Candidates: well-connected refined communities with gain >= 0,
        // and staying alone (gain 0).
        s.cand.assign(1, refined[u]);
        s.gain.assign(1, 0.0);
        double best = 0;
        std::sort(s.touched.begin(), s.touched.end());
        for (const std::uint32_t t : s.touched) {
          const double w_ut = s.acc[t];
          s.acc[t] = 0;
          if (ext[t] < res * rsigma[t] * (sigma_c - rsigma[t])) continue;
          const double gain = w_ut - res * ku * rsigma[t];
          if (gain < 0) continue;
          s.cand.push_back(t);
          s.gain.push_back(gain);
          best = std::max(best, gain);
        }
        if (s.cand.size() == 1) continue;
        double total = 0;
        for (auto& gn : s.gain) total += (gn = std::exp((gn - best) / kTheta));
        double pick = rng.unit() * total;
        std::size_t chosen = s.cand.size() - 1;
        for (std::size_t i = 0; i < s.cand.size(); ++i) {
          if (pick < s.gain[i]) {
            chosen = i;
            break;
          }
          pick -= s.gain[i];
        }
        const std::uint32_t t = s.cand[chosen];
        if (t == refined[u]) continue;
        // E(T + u, C - T - u) = E(T, C - T) + E(u, C - u) - 2 w(u, T)
        double w_ut = 0;
        for (std::size_t x = v.begin(u); x < v.end(u); ++x)
          if (label[v.neighbors[x]] == c && refined[v.neighbors[x]] == t) w_ut += v.weights[x];
        ext[t] = ext[t] + ext[u] - 2 * w_ut;
        rsigma[t] += ku;
        ++rsize[t];
        --rsize[refined[u]];
        refined[u] = t;
      }
    }
  });
  return refined;
}

}  // namespace

// ---------------------------------------------------------------------------

double modularity(const Graph& g, const std::vector<std::uint32_t>& community, double resolution, bool weighted) {
  if (community.size() != g.num_nodes())
    throw UsageError("modularity: " + std::to_string(community.size()) + " community labels for " +
                     std::to_string(g.num_nodes()) + " nodes");
  if (!(resolution >= 0) || !std::isfinite(resolution))
    throw UsageError("modularity: resolution must be finite and >= 0");
  check_weights(g, weighted);
  const WeightedView v = build_view(g, weighted);
  std::vector<std::uint32_t> label = community;
  const std::uint32_t count = renumber_any(label);
  return modularity_of(v, label, count, resolution);
}

namespace {

void check_options(const Graph& g, const CommunityOptions& o, const char* what) {
  if (!(o.resolution >= 0) || !std::isfinite(o.resolution))
    throw UsageError(std::string(what) + ": resolution must be finite and >= 0");
  check_weights(g, o.weighted);
}

Partition finish(const WeightedView& v, std::vector<std::uint32_t> label, double gamma, std::uint32_t levels,
                 Progress& progress) {
  Partition p;
  p.count = renumber(label, v.n);
  p.modularity = modularity_of(v, label, p.count, gamma);
  p.community = std::move(label);
  p.levels = levels;
  progress.reporter.report(1.0);
  return p;
}

}  // namespace

Partition louvain(const Graph& g, const CommunityOptions& options) {
  check_options(g, options, "louvain");
  Progress progress(options.progress);
  const double gamma = options.resolution;
  const WeightedView base = build_view(g, options.weighted);
  std::vector<std::uint32_t> node_to(base.n);
  for (node_id u = 0; u < base.n; ++u) node_to[u] = u;
  WeightedView coarse;
  const WeightedView* level = &base;
  std::uint32_t levels = 0;
  while (true) {
    std::vector<std::uint32_t> label(level->n);
    for (node_id u = 0; u < level->n; ++u) label[u] = u;
    local_moving(*level, label, gamma, mix(options.seed, 2 * levels + 1), false, progress);
    const std::uint32_t count = renumber(label, level->n);
    if (count == level->n) break;
    for (auto& x : node_to) x = label[x];
    coarse = aggregate(*level, label, count);
    level = &coarse;
    ++levels;
  }
  // Final local moving of the original nodes from the multilevel partition
  // until no single move improves modularity.
  local_moving(base, node_to, gamma, mix(options.seed, 0), true, progress);
  return finish(base, std::move(node_to), gamma, levels, progress);
}

Partition leiden(const Graph& g, const CommunityOptions& options) {
  check_options(g, options, "leiden");
  Progress progress(options.progress);
  const double gamma = options.resolution;
  const WeightedView base = build_view(g, options.weighted);
  std::vector<std::uint32_t> partition(base.n);
  for (node_id u = 0; u < base.n; ++u) partition[u] = u;
  std::uint32_t levels = 0;
  constexpr int kMaxIterations = 100;
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    const std::uint64_t iseed = mix(options.seed, 0x1000 + static_cast<std::uint64_t>(iteration));
    std::vector<std::uint32_t> node_to(base.n);
    for (node_id u = 0; u < base.n; ++u) node_to[u] = u;
    std::vector<std::uint32_t> label = partition;
    WeightedView coarse;
    const WeightedView* level = &base;
    for (std::uint64_t depth = 0;; ++depth) {
      local_moving(*level, label, gamma, mix(iseed, 2 * depth + 1), false, progress);
      const std::uint32_t count = renumber(label, level->n);
      if (count == level->n) break;
      std::vector<std::uint32_t> refined = refine(*level, label, count, gamma, mix(iseed, 2 * depth + 2));
      std::uint32_t rcount = renumber(refined, level->n);
      if (rcount == level->n) {  // the refinement merged nothing: aggregate on the partition itself (as igraph)
        refined = label;
        rcount = count;
      }
      std::vector<std::uint32_t> next(rcount);
      for (node_id u = 0; u < level->n; ++u) next[refined[u]] = label[u];
      for (auto& x : node_to) x = refined[x];
      WeightedView a = aggregate(*level, refined, rcount);
      coarse = std::move(a);
      level = &coarse;
      label = std::move(next);
      levels = std::max<std::uint32_t>(levels, static_cast<std::uint32_t>(depth + 1));
    }
    std::vector<std::uint32_t> result(base.n);
    for (node_id u = 0; u < base.n; ++u) result[u] = label[node_to[u]];
    renumber(result, base.n);
    const bool stable = result == partition;
    partition = std::move(result);
    if (stable) break;
  }
  return finish(base, std::move(partition), gamma, levels, progress);
}

CommunityRoles community_roles(const Graph& g, const std::vector<std::uint32_t>& community, bool weighted) {
  if (community.size() != g.num_nodes())
    throw UsageError("community_roles: " + std::to_string(community.size()) + " community labels for " +
                     std::to_string(g.num_nodes()) + " nodes");
  check_weights(g, weighted);
  const WeightedView v = build_view(g, weighted);
  std::vector<std::uint32_t> label = community;
  const std::uint32_t count = renumber_any(label);
  CommunityRoles roles;
  roles.participation.assign(v.n, 0.0);
  roles.within_module_z.assign(v.n, 0.0);
  std::vector<double> k_own(v.n, 0.0);
  struct Local {
    std::vector<double> acc;
    std::vector<std::uint32_t> touched;
  };
  tbb::enumerable_thread_specific<Local> local([count] { return Local{std::vector<double>(count, 0.0), {}}; });
  tbb::parallel_for(tbb::blocked_range<node_id>(0, v.n, kGrain), [&](const auto& r) {
    auto& s = local.local();
    for (node_id u = r.begin(); u < r.end(); ++u) {
      double k = 0;
      for (std::size_t e = v.begin(u); e < v.end(u); ++e) {
        const std::uint32_t c = label[v.neighbors[e]];
        if (s.acc[c] == 0) s.touched.push_back(c);
        s.acc[c] += v.weights[e];
        k += v.weights[e];
      }
      std::sort(s.touched.begin(), s.touched.end());  // a fixed summation order
      double sum = 0;
      for (const auto c : s.touched) {
        if (k > 0) sum += (s.acc[c] / k) * (s.acc[c] / k);
      }
      k_own[u] = s.acc[label[u]];
      for (const auto c : s.touched) s.acc[c] = 0;
      s.touched.clear();
      roles.participation[u] = k > 0 ? 1 - sum : 0;
    }
  });
  std::vector<double> mean(count, 0.0), var(count, 0.0);
  std::vector<std::uint32_t> size(count, 0);
  for (node_id u = 0; u < v.n; ++u) {
    mean[label[u]] += k_own[u];
    ++size[label[u]];
  }
  for (std::uint32_t c = 0; c < count; ++c) mean[c] /= size[c];
  for (node_id u = 0; u < v.n; ++u) {
    const double d = k_own[u] - mean[label[u]];
    var[label[u]] += d * d;
  }
  for (node_id u = 0; u < v.n; ++u) {
    const double sd = std::sqrt(var[label[u]] / size[label[u]]);
    roles.within_module_z[u] = sd > 0 ? (k_own[u] - mean[label[u]]) / sd : 0.0;
  }
  return roles;
}

}  // namespace movemap
