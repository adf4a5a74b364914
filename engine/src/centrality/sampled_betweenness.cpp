// Riondato & Kornaropoulos (2016) sampling: see betweenness.hpp.
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <string>

#include "movemap/centrality/betweenness.hpp"
#include "movemap/error.hpp"
#include "movemap/structure/components.hpp"

namespace movemap {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::uint64_t kSamplesPerBlock = 64;

std::uint64_t mix64(std::uint64_t z) {  // splitmix64's finaliser
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Counter-based stream: the random numbers of sample i depend on (seed, i)
// only, whichever thread draws them.
class SampleRng {
 public:
  SampleRng(std::uint64_t seed, std::uint64_t sample) : state_(mix64(mix64(seed) + sample)) {}
  std::uint64_t next() { return mix64(state_ += 0x9e3779b97f4a7c15ULL); }
  // Uniform in [0, bound) (Lemire's multiply-shift with rejection: unbiased).
  std::uint64_t below(std::uint64_t bound) {
    for (;;) {
      const unsigned __int128 p = static_cast<unsigned __int128>(next()) * bound;
      const std::uint64_t low = static_cast<std::uint64_t>(p);
      if (low >= (0 - bound) % bound) return static_cast<std::uint64_t>(p >> 64);
    }
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)

 private:
  std::uint64_t state_;
};

double tie_length(PathLength p, double weight) {
  return p == PathLength::weight ? weight : 1.0 / weight;
}

// Which pairs can be joined at all: s reaches t only inside a weak
// component and (directed) from an earlier or the same strong component in a
// topological order of the condensation. Samples of other pairs skip the
// search, which would otherwise explore a whole component in vain.
struct Reachability {
  Components weak, strong;
  std::vector<std::uint32_t> topo_rank;  // per strong component; empty if undirected
  bool possible(node_id s, node_id t) const {
    if (weak.component[s] != weak.component[t]) return false;
    return topo_rank.empty() ||
           topo_rank[strong.component[s]] <= topo_rank[strong.component[t]];
  }
};

// Upper bound on the vertex diameter (most nodes on any shortest path).
// A shortest path visits the strong components it meets one after another,
// each at most once, and its part inside a component C is a shortest path
// within C. That part has at most |C| nodes; for any r in C its length is at
// most ecc_in(r) + ecc_out(r) (d(u,v) <= d(u,r) + d(r,v)), so with hop
// lengths it has at most ecc_out(r) + ecc_in(r) + 1 nodes (undirected:
// 2 ecc(r) + 1, RK's bound), and with weighted lengths at most
// (ecc_out(r) + ecc_in(r)) / (shortest tie inside C) + 1 (RK use only |C|
// for weighted graphs: far looser). The bound is the heaviest chain of
// components in the condensation (a DAG) with those node weights.
// O(n + m) for hops, O((n + m) log n) weighted.
// Fills reach.topo_rank (directed graphs) on the way; needs reach.strong.
std::uint64_t vertex_diameter_bound(const Graph& g, PathLength length, Reachability& reach) {
  const node_id n = g.num_nodes();
  const Components& sc = reach.strong;
  const std::uint32_t k = sc.count();
  std::vector<std::uint64_t> w(sc.size.begin(), sc.size.end());
  const auto& weight = g.ties().weight;

  // Largest distance from (backward: to) r inside r's component: BFS for
  // hops, Dijkstra otherwise.
  std::vector<double> dist(n, kInf);
  std::vector<node_id> reached;
  std::vector<std::pair<double, node_id>> heap;
  auto eccentricity = [&](node_id r, bool backward) {
    auto later = [](const auto& a, const auto& b) { return a > b; };
    reached.assign(1, r);
    dist[r] = 0;
    heap.assign(1, {0.0, r});
    double ecc = 0;
    for (std::size_t head = 0; length == PathLength::hops ? head < reached.size() : !heap.empty();) {
      node_id u;
      if (length == PathLength::hops) {
        u = reached[head++];
      } else {
        std::pop_heap(heap.begin(), heap.end(), later);
        const auto [d, x] = heap.back();
        heap.pop_back();
        if (d > dist[x]) continue;
        u = x;
      }
      ecc = std::max(ecc, dist[u]);
      const auto nb = backward ? g.in_neighbors(u) : g.out_neighbors(u);
      const auto ties = backward ? g.in_ties(u) : g.out_ties(u);
      for (std::size_t i = 0; i < nb.size(); ++i) {
        const node_id v = nb[i];
        if (sc.component[v] != sc.component[r]) continue;
        const double nd =
            dist[u] + (length == PathLength::hops ? 1.0 : tie_length(length, weight[ties[i]]));
        if (nd >= dist[v]) continue;
        if (dist[v] == kInf) reached.push_back(v);
        dist[v] = nd;
        if (length != PathLength::hops) {
          heap.emplace_back(nd, v);
          std::push_heap(heap.begin(), heap.end(), later);
        }
      }
    }
    for (const node_id u : reached) dist[u] = kInf;
    return ecc;
  };
  // Shortest tie inside each component (weighted lengths only).
  std::vector<double> shortest(k, kInf);
  if (length != PathLength::hops)
    for (node_id u = 0; u < n; ++u) {
      const auto nb = g.out_neighbors(u);
      const auto ties = g.out_ties(u);
      for (std::size_t i = 0; i < nb.size(); ++i)
        if (nb[i] != u && sc.component[nb[i]] == sc.component[u])
          shortest[sc.component[u]] =
              std::min(shortest[sc.component[u]], tie_length(length, weight[ties[i]]));
    }
  std::vector<bool> seen(k, false);
  for (node_id r = 0; r < n; ++r) {  // r: the smallest node of its component
    const std::uint32_t c = sc.component[r];
    if (seen[c] || w[c] == 1) continue;
    seen[c] = true;
    const double out = eccentricity(r, false);
    const double span = out + (g.directed() ? eccentricity(r, true) : out);
    // Weighted: a relative margin covers rounding in the summed lengths.
    const double hops =
        length == PathLength::hops ? span : std::floor(span / shortest[c] * (1 + 1e-6));
    if (hops + 1 < static_cast<double>(w[c])) w[c] = static_cast<std::uint64_t>(hops) + 1;
  }
  if (!g.directed()) return k == 0 ? 0 : *std::max_element(w.begin(), w.end());

  // Heaviest chain in the condensation, in Kahn's topological order.
  std::vector<std::uint64_t> offsets(static_cast<std::size_t>(k) + 1, 0);
  std::vector<std::uint32_t> indegree(k, 0);
  for (node_id u = 0; u < n; ++u)
    for (const node_id v : g.out_neighbors(u))
      if (sc.component[u] != sc.component[v]) {
        ++offsets[sc.component[u] + 1];
        ++indegree[sc.component[v]];
      }
  for (std::uint32_t c = 0; c < k; ++c) offsets[c + 1] += offsets[c];
  std::vector<std::uint32_t> succ(offsets[k]);
  {
    std::vector<std::uint64_t> next(offsets.begin(), offsets.end() - 1);
    for (node_id u = 0; u < n; ++u)
      for (const node_id v : g.out_neighbors(u))
        if (sc.component[u] != sc.component[v]) succ[next[sc.component[u]]++] = sc.component[v];
  }
  std::vector<std::uint64_t> best(w);
  std::vector<std::uint32_t> ready;
  for (std::uint32_t c = 0; c < k; ++c)
    if (indegree[c] == 0) ready.push_back(c);
  std::uint64_t bound = 0;
  reach.topo_rank.assign(k, 0);
  std::uint32_t rank = 0;
  while (!ready.empty()) {
    const std::uint32_t c = ready.back();
    ready.pop_back();
    reach.topo_rank[c] = rank++;
    bound = std::max(bound, best[c]);
    for (std::uint64_t i = offsets[c]; i < offsets[c + 1]; ++i) {
      const std::uint32_t d = succ[i];
      best[d] = std::max(best[d], best[c] + w[d]);
      if (--indegree[d] == 0) ready.push_back(d);
    }
  }
  return bound;
}

// r = ceil(c / eps'^2 * (floor(log2(VD - 2)) + 1 + ln(1 / delta))), c = 0.5,
// eps' = eps (n - 2) / n: RK's estimates are normalised by n(n-1), networkx's
// by (n-1)(n-2), so an error eps' in RK's scale is eps in networkx's.
std::uint64_t sample_size(double epsilon, double delta, std::uint64_t vd, node_id n) {
  const double eps = epsilon * (static_cast<double>(n) - 2) / static_cast<double>(n);
  const double vc = static_cast<double>(std::bit_width(vd - 2));  // floor(log2) + 1
  const double r = std::ceil(0.5 / (eps * eps) * (vc + std::log(1.0 / delta)));
  if (!(r < 0x1.0p62))
    throw UsageError("sampled betweenness: epsilon " + std::to_string(epsilon) +
                     " needs more than 2^62 samples; choose a larger epsilon");
  return static_cast<std::uint64_t>(r);
}

// Per-worker state: counts of the samples it drew and search scratch.
// Index 0 is the search from s (forward), 1 the search from t (backward,
// along in-ties); Dijkstra uses side 0 only.
struct Worker {
  std::vector<std::uint64_t> count;
  std::vector<double> dist[2], sigma[2];
  std::vector<std::uint32_t> settled_at;  // Dijkstra settle order, kNone if not
  std::vector<node_id> touched[2];
  std::vector<node_id> frontier[2], next;
  std::vector<std::pair<double, node_id>> heap;
  std::vector<node_id>* trace = nullptr;  // if set, receives every counted node
  explicit Worker(node_id n) : count(n, 0), settled_at(n, kNone) {
    for (int side = 0; side < 2; ++side) {
      dist[side].assign(n, kInf);
      sigma[side].assign(n, 0);
    }
  }
  void hit(node_id u) {
    ++count[u];
    if (trace) trace->push_back(u);
  }
  void visit(int side, node_id u, double d) {
    dist[side][u] = d;
    touched[side].push_back(u);
  }
  void reset() {
    for (int side = 0; side < 2; ++side) {
      for (const node_id u : touched[side]) {
        dist[side][u] = kInf;
        sigma[side][u] = 0;
        settled_at[u] = kNone;
      }
      touched[side].clear();
    }
  }
};

class Sampler {
 public:
  Sampler(const Graph& g, PathLength length, const Reachability& reach)
      : g_(g), length_(length), reach_(reach) {}

  // Draws sample `index` and counts the inner nodes of its path in w.count.
  void sample(std::uint64_t seed, std::uint64_t index, Worker& w) const {
    SampleRng rng(seed, index);
    const node_id n = g_.num_nodes();
    const node_id s = static_cast<node_id>(rng.below(n));
    node_id t = static_cast<node_id>(rng.below(n - 1));
    if (t >= s) ++t;
    if (reach_.possible(s, t)) draw(s, t, rng, w);
  }

  // One uniformly random shortest s-t path (none if t is unreachable): its
  // inner nodes gain 1 in w.count.
  void draw(node_id s, node_id t, SampleRng& rng, Worker& w) const {
    if (length_ == PathLength::hops) {
      bidirectional_bfs(s, t, rng, w);
    } else if (dijkstra(s, t, w)) {
      walk_from(t, s, 0, rng, w);
    }
    w.reset();
  }

 private:
  std::span<const node_id> row(int side, node_id u) const {
    return side == 0 ? g_.out_neighbors(u) : g_.in_neighbors(u);
  }

  // Balanced bidirectional BFS (as in KADABRA): grow whichever search has the
  // smaller frontier (by adjacency entries) one whole level at a time. The
  // first level that reaches nodes seen by the other search holds exactly
  // the nodes of the shortest s-t paths at that distance from its root (M),
  // each with complete path counts from both ends, and every shortest path
  // crosses M once. So: take m in M with probability sigma_s(m) sigma_t(m) /
  // sigma_st, then a uniform shortest s-m path and a uniform m-t path.
  void bidirectional_bfs(node_id s, node_id t, SampleRng& rng, Worker& w) const {
    const node_id root[2] = {s, t};
    for (int side = 0; side < 2; ++side) {
      w.visit(side, root[side], 0);
      w.sigma[side][root[side]] = 1;
      w.frontier[side].assign(1, root[side]);
    }
    auto work = [&](int side) {
      std::size_t e = 0;
      for (const node_id u : w.frontier[side])
        e += side == 0 ? g_.out_entries(u) : g_.in_entries(u);
      return e;
    };
    for (;;) {
      const int side = work(0) <= work(1) ? 0 : 1;
      const int other = 1 - side;
      auto& dist = w.dist[side];
      auto& sigma = w.sigma[side];
      w.next.clear();
      for (const node_id u : w.frontier[side]) {
        const double d = dist[u] + 1;
        for (const node_id v : row(side, u)) {
          if (dist[v] == kInf) {
            w.visit(side, v, d);
            w.next.push_back(v);
          }
          if (dist[v] == d) sigma[v] += sigma[u];
        }
      }
      if (w.next.empty()) return;  // t is not reachable from s
      double total = 0;
      for (const node_id m : w.next)
        if (w.dist[other][m] != kInf) total += sigma[m] * w.sigma[other][m];
      if (total > 0) {
        const double x = rng.unit() * total;
        double acc = 0;
        node_id meet = kNone;
        for (const node_id m : w.next) {
          if (w.dist[other][m] == kInf) continue;
          meet = m;  // the last candidate absorbs rounding
          acc += sigma[m] * w.sigma[other][m];
          if (x < acc) break;
        }
        if (meet != s && meet != t) w.hit(meet);
        walk_from(meet, s, 0, rng, w);
        walk_from(meet, t, 1, rng, w);
        return;
      }
      std::swap(w.frontier[side], w.next);
    }
  }

  // Shortest-path counts from s for every node closer than t, and for t.
  bool dijkstra(node_id s, node_id t, Worker& w) const {
    const auto& weight = g_.ties().weight;
    auto& dist = w.dist[0];
    auto& sigma = w.sigma[0];
    auto later = [](const auto& a, const auto& b) { return a > b; };  // min-heap
    std::uint32_t settled = 0;
    w.visit(0, s, 0);
    sigma[s] = 1;
    w.heap.assign(1, {0.0, s});
    while (!w.heap.empty()) {
      std::pop_heap(w.heap.begin(), w.heap.end(), later);
      const auto [d, u] = w.heap.back();
      w.heap.pop_back();
      if (w.settled_at[u] != kNone || d > dist[u]) continue;
      w.settled_at[u] = settled++;
      if (u == t) return true;
      const auto nb = g_.out_neighbors(u);
      const auto ties = g_.out_ties(u);
      for (std::size_t i = 0; i < nb.size(); ++i) {
        const node_id v = nb[i];
        if (w.settled_at[v] != kNone) continue;
        const double nd = dist[u] + tie_length(length_, weight[ties[i]]);
        if (nd < dist[v]) {
          if (dist[v] == kInf) w.visit(0, v, nd);
          dist[v] = nd;
          sigma[v] = sigma[u];
          w.heap.emplace_back(nd, v);
          std::push_heap(w.heap.begin(), w.heap.end(), later);
        } else if (nd == dist[v]) {
          sigma[v] += sigma[u];
        }
      }
    }
    return false;
  }

  // p is one step closer than v to the root of search `side` on a shortest
  // path (tie `tie` joins them).
  bool is_closer(int side, node_id p, node_id v, edge_id tie, const Worker& w) const {
    const auto& dist = w.dist[side];
    if (length_ == PathLength::hops) return dist[p] + 1 == dist[v];
    return w.settled_at[p] < w.settled_at[v] &&
           dist[p] + tie_length(length_, g_.ties().weight[tie]) == dist[v];
  }

  // One step of a uniformly random shortest path from v back to the root of
  // search `side`: neighbour p is taken with probability sigma(p) / sigma(v)
  // (predecessors along in-ties for the forward search, successors along
  // out-ties for the backward one).
  node_id walk(node_id v, int side, SampleRng& rng, const Worker& w) const {
    const auto& sigma = w.sigma[side];
    const double x = rng.unit() * sigma[v];
    const auto nb = side == 0 ? g_.in_neighbors(v) : g_.out_neighbors(v);
    const auto ties = side == 0 ? g_.in_ties(v) : g_.out_ties(v);
    double acc = 0;
    node_id chosen = kNone;
    for (std::size_t i = 0; i < nb.size(); ++i) {
      if (!is_closer(side, nb[i], v, ties[i], w)) continue;
      chosen = nb[i];  // the last candidate absorbs rounding
      acc += sigma[nb[i]];
      if (x < acc) break;
    }
    return chosen;
  }

  // Walks from v to `root` (the root of search `side`), counting the nodes
  // strictly between them.
  void walk_from(node_id v, node_id root, int side, SampleRng& rng, Worker& w) const {
    while (v != root) {
      v = walk(v, side, rng, w);
      if (v != root) w.hit(v);
    }
  }

  const Graph& g_;
  PathLength length_;
  const Reachability& reach_;
};

}  // namespace

std::vector<node_id> detail::sampled_shortest_path(const Graph& g, node_id s, node_id t, PathLength length,
                                                   std::uint64_t seed, std::uint64_t index) {
  const node_id n = g.num_nodes();
  if (s >= n || t >= n || s == t)
    throw UsageError("sampled_shortest_path: needs two distinct nodes below " + std::to_string(n));
  Reachability everything;  // draw() does not consult it
  const Sampler sampler(g, length, everything);
  Worker w(n);
  std::vector<node_id> inner;
  w.trace = &inner;
  SampleRng rng(seed, index);
  sampler.draw(s, t, rng, w);
  std::sort(inner.begin(), inner.end());
  return inner;
}

SampledBetweennessResult sampled_betweenness(const Graph& g, const SampledBetweennessOptions& options) {
  if (!(options.epsilon > 0 && options.epsilon < 1))
    throw UsageError("sampled betweenness: epsilon must be in (0, 1), got " +
                     std::to_string(options.epsilon));
  if (!(options.delta > 0 && options.delta < 1))
    throw UsageError("sampled betweenness: delta must be in (0, 1), got " +
                     std::to_string(options.delta));
  const node_id n = g.num_nodes();
  SampledBetweennessResult result;
  result.epsilon = options.epsilon;
  result.delta = options.delta;
  result.node.assign(n, 0.0);
  if (n < 3) return result;

  Reachability reach;
  reach.weak = weak_components(g);
  reach.strong = g.directed() ? strong_components(g) : reach.weak;
  result.vertex_diameter_bound = vertex_diameter_bound(g, options.length, reach);
  // With at most 2 nodes on every shortest path no node lies inside one:
  // every score is exactly 0 and nothing needs sampling.
  if (result.vertex_diameter_bound < 3) return result;
  const std::uint64_t r =
      sample_size(options.epsilon, options.delta, result.vertex_diameter_bound, n);
  result.samples = r;

  ProgressReporter progress(options.progress);
  progress.report(0.0);
  const Sampler sampler(g, options.length, reach);
  tbb::enumerable_thread_specific<Worker> workers([n] { return Worker(n); });
  const std::uint64_t blocks = (r + kSamplesPerBlock - 1) / kSamplesPerBlock;
  std::atomic<std::uint64_t> blocks_done{0};
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, blocks, 1), [&](const auto& range) {
    Worker& w = workers.local();
    for (std::uint64_t b = range.begin(); b < range.end(); ++b) {
      const std::uint64_t end = std::min(r, (b + 1) * kSamplesPerBlock);
      for (std::uint64_t i = b * kSamplesPerBlock; i < end; ++i) sampler.sample(options.seed, i, w);
      const std::uint64_t done = ++blocks_done;
      if (progress.active()) progress.report(static_cast<double>(done) / static_cast<double>(blocks));
    }
  });

  // Integer sums: the same for any split of the samples among workers.
  const double scale = static_cast<double>(n) / ((static_cast<double>(n) - 2) * static_cast<double>(r));
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, 4096), [&](const auto& range) {
    for (node_id u = range.begin(); u < range.end(); ++u) {
      std::uint64_t c = 0;
      for (const Worker& w : workers) c += w.count[u];
      result.node[u] = static_cast<double>(c) * scale;
    }
  });
  return result;
}

}  // namespace movemap
