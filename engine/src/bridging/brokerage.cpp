#include "movemap/bridging/brokerage.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <string>

namespace movemap {

const char* to_string(BrokerageRole role) {
  switch (role) {
    case BrokerageRole::coordinator: return "coordinator";
    case BrokerageRole::itinerant: return "itinerant";
    case BrokerageRole::representative: return "representative";
    case BrokerageRole::gatekeeper: return "gatekeeper";
    case BrokerageRole::liaison: return "liaison";
  }
  return "unknown";
}

namespace {

__extension__ typedef __int128 Int;  // exact combinatorial factors (up to N^5)
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kCoord = 0, kItin = 1, kRepr = 2, kGate = 3, kLiaison = 4, kTotal = 5;

double dbl(Int x) { return static_cast<double>(x); }

struct Scratch {
  std::vector<node_id> mark;         // mark[c] == b: c is a successor of broker b
  std::vector<std::uint64_t> count;  // successors of b per group
};

// Counts the brokered two-paths of every broker into out.count / total.
void count_roles(const Graph& g, const std::vector<std::uint32_t>& group, std::uint32_t groups, Brokerage& out,
                 const ProgressCallback& callback) {
  const node_id n = g.num_nodes();
  for (auto& c : out.count) c.assign(n, 0);
  out.total.assign(n, 0);
  ProgressReporter progress(callback);
  std::atomic<std::uint64_t> done{0};
  tbb::enumerable_thread_specific<Scratch> scratch(
      [&] { return Scratch{std::vector<node_id>(n, kNone), std::vector<std::uint64_t>(groups, 0)}; });
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, 64), [&](const auto& r) {
    Scratch& s = scratch.local();
    for (node_id b = r.begin(); b < r.end(); ++b) {
      const std::uint32_t gb = group[b];
      std::uint64_t successors = 0;
      for (const node_id c : g.out_neighbors(b)) {
        if (c == b) continue;
        s.mark[c] = b;
        ++s.count[group[c]];
        ++successors;
      }
      std::uint64_t role[kBrokerageRoles] = {0, 0, 0, 0, 0};
      for (const node_id a : g.in_neighbors(b)) {
        if (a == b) continue;
        const std::uint32_t ga = group[a];
        // Candidates c: successors of b other than a and not successors of a.
        std::uint64_t all = successors, with_b = s.count[gb], with_a = s.count[ga];
        auto drop = [&](node_id c) {
          --all;
          if (group[c] == gb) --with_b;
          else if (group[c] == ga) --with_a;
        };
        if (s.mark[a] == b) drop(a);
        for (const node_id c : g.out_neighbors(a))
          if (c != a && s.mark[c] == b) drop(c);
        if (ga == gb) {
          role[kCoord] += with_b;
          role[kRepr] += all - with_b;
        } else {
          role[kGate] += with_b;
          role[kItin] += with_a;
          role[kLiaison] += all - with_b - with_a;
        }
      }
      for (const node_id c : g.out_neighbors(b))
        if (c != b) s.count[group[c]] = 0;
      std::uint64_t t = 0;
      for (int k = 0; k < kBrokerageRoles; ++k) {
        out.count[k][b] = role[k];
        t += role[k];
      }
      out.total[b] = t;
    }
    if (progress.active()) {
      const std::uint64_t d = done.fetch_add(r.size()) + r.size();
      progress.report(static_cast<double>(d) / static_cast<double>(n));
    }
  });
}

}  // namespace

Brokerage brokerage(const Graph& g, const std::vector<std::uint32_t>& group, std::uint32_t groups,
                    const ProgressCallback& progress) {
  const node_id n = g.num_nodes();
  if (group.size() != n)
    throw UsageError("brokerage: " + std::to_string(group.size()) + " group ids for " + std::to_string(n) +
                     " nodes; give one group per node");
  for (node_id u = 0; u < n; ++u)
    if (group[u] >= groups)
      throw UsageError("brokerage: node " + std::to_string(u) + " has group " + std::to_string(group[u]) +
                       ", expected 0.." + std::to_string(static_cast<std::int64_t>(groups) - 1));

  Brokerage out;
  count_roles(g, group, groups, out, progress);

  // Null model: density over ordered pairs without self-loops.
  std::uint64_t arcs = 0;
  const TieTable& ties = g.ties();
  for (edge_id t = 0; t < ties.size(); ++t) arcs += ties.source[t] != ties.target[t];
  if (!g.directed()) arcs *= 2;
  const double N = n, d = static_cast<double>(arcs) / (N * (N - 1));
  out.density = d;
  const double p = d * d * (1 - d), a3 = std::pow(d, 3) * std::pow(1 - d, 3), a4 = std::pow(d, 4) * std::pow(1 - d, 2),
               a5 = std::pow(d, 5) * (1 - d);

  std::vector<Int> size(groups, 0);
  for (node_id u = 0; u < n; ++u) ++size[group[u]];
  const Int NN = n;
  Int S2 = 0, S3 = 0, S4 = 0;  // power sums of the group sizes (S1 = N)
  for (const Int x : size) {
    S2 += x * x;
    S3 += x * x * x;
    S4 += x * x * x * x;
  }

  // Per-broker moments by the broker's group: E and V, [role 0..5][group].
  std::array<std::vector<double>, 6> E, V;
  for (int k = 0; k < 6; ++k) {
    E[k].assign(groups, 0.0);
    V[k].assign(groups, 0.0);
  }
  auto moments = [&](int k, std::uint32_t i, Int e_factor, Int a3_factor) {
    E[k][i] = p * dbl(e_factor);
    V[k][i] = E[k][i] * (1 - p) + dbl(a3_factor) * a3;
  };
  for (std::uint32_t i = 0; i < groups; ++i) {
    const Int x = size[i], rest = NN - x;  // rest: nodes outside the broker's group
    const Int q2 = S2 - x * x, q3 = S3 - x * x * x;  // power sums over the other groups
    moments(kCoord, i, (x - 1) * (x - 2), 2 * (x - 1) * (x - 2) * (x - 3));
    // sum_j n_j(n_j-1) and sum_j n_j(n_j-1)(n_j-2) over the other groups
    const Int w1 = q2 - rest, w2 = q3 - 3 * q2 + 2 * rest;
    moments(kItin, i, w1, 2 * w2);
    // 2 ((n-1) C(N-n,2) + (N-n) C(n-1,2)) = (n-1)(N-n)(N-n-1) + (N-n)(n-1)(n-2)
    const Int r2 = (x - 1) * rest * (rest - 1) + rest * (x - 1) * (x - 2);
    moments(kRepr, i, rest * (x - 1), r2);
    moments(kGate, i, rest * (x - 1), r2);
    // 4 sum_j n_j C(A - n_j, 2), A = N - n: 2 sum_j n_j (A - n_j)(A - n_j - 1)
    //   = 2 (A(A-1) A - (2A-1) q2 + q3)
    const Int l2 = 2 * (rest * (rest - 1) * rest - (2 * rest - 1) * q2 + q3);
    moments(kLiaison, i, rest * rest - q2, l2);
    moments(kTotal, i, (NN - 1) * (NN - 2), 2 * (NN - 1) * (NN - 2) * (NN - 3));
  }

  // Per node.
  for (int k = 0; k < kBrokerageRoles; ++k) {
    out.expected[k].resize(n);
    out.sd[k].resize(n);
    out.z[k].resize(n);
  }
  out.expected_total.resize(n);
  out.sd_total.resize(n);
  out.z_total.resize(n);
  for (node_id u = 0; u < n; ++u) {
    const std::uint32_t i = group[u];
    for (int k = 0; k < kBrokerageRoles; ++k) {
      out.expected[k][u] = E[k][i];
      out.sd[k][u] = std::sqrt(V[k][i]);
      out.z[k][u] = (static_cast<double>(out.count[k][u]) - E[k][i]) / out.sd[k][u];
    }
    out.expected_total[u] = E[kTotal][i];
    out.sd_total[u] = std::sqrt(V[kTotal][i]);
    out.z_total[u] = (static_cast<double>(out.total[u]) - E[kTotal][i]) / out.sd_total[u];
  }

  // Per group.
  for (int k = 0; k < kBrokerageRoles; ++k) {
    out.group_count[k].assign(groups, 0);
    out.group_expected[k].assign(groups, 0.0);
    out.group_sd[k].assign(groups, kNaN);
    out.group_z[k].assign(groups, kNaN);
    for (node_id u = 0; u < n; ++u) out.group_count[k][group[u]] += out.count[k][u];
  }
  for (std::uint32_t i = 0; i < groups; ++i) {
    const Int x = size[i];
    for (int k = 0; k < kBrokerageRoles; ++k) out.group_expected[k][i] = dbl(x) * E[k][i];
    // The group's own term of sna's global variance (see the header).
    const Int c = x * (x - 1) * (x - 2);
    const double v_coord = p * dbl(c) * (1 - p) + dbl(c * (4 * x - 10)) * a3 - dbl(4 * c * (x - 3)) * a4 +
                           dbl(c * (x - 3)) * a5;
    const Int r = x * (NN - x) * (x - 1);
    const double v_repr = p * dbl(r) * (1 - p) + dbl(r * (NN - 3)) * a3 + dbl(r * (x - 2)) * a5;
    out.group_sd[kCoord][i] = std::sqrt(v_coord);
    out.group_sd[kRepr][i] = std::sqrt(v_repr);
    out.group_sd[kGate][i] = std::sqrt(v_repr);
    for (const int k : {kCoord, kRepr, kGate})
      out.group_z[k][i] = (static_cast<double>(out.group_count[k][i]) - out.group_expected[k][i]) / out.group_sd[k][i];
  }

  // Whole network (sna's gli).
  for (int k = 0; k < kBrokerageRoles; ++k)
    for (node_id u = 0; u < n; ++u) out.global_count[k] += out.count[k][u];
  for (int k = 0; k < kBrokerageRoles; ++k) out.global_count[kTotal] += out.global_count[k];

  Int e1 = 0, b3 = 0, b4 = 0, b5 = 0;  // coordinator
  Int e2 = 0, i3 = 0, i5 = 0;          // itinerant (and e2 = e3)
  Int r3 = 0, r5 = 0;                  // representative / gatekeeper
  for (const Int x : size) {
    const Int c = x * (x - 1) * (x - 2);
    e1 += c;
    b3 += c * (4 * x - 10);
    b4 += c * (x - 3);
    b5 += c * (x - 3);
    const Int r = x * (NN - x) * (x - 1);
    e2 += r;
    r3 += r * (NN - 3);
    r5 += r * (x - 2);
    // sum_y x y (x-1) (2x + 2y - 6) = x (x-1) ((2x-6) N + 2 S2), minus the y = x term
    i3 += x * (x - 1) * ((2 * x - 6) * NN + 2 * S2) - x * x * (x - 1) * (4 * x - 6);
    // sum_y x y (x-1) (N-x-1) = N x (x-1)(N-x-1), minus the y = x term
    i5 += NN * x * (x - 1) * (NN - x - 1) - x * x * (x - 1) * (NN - x - 1);
  }
  // Liaison: distinct ordered triples of groups (i, j, k):
  //   T3 = sum n_i n_j n_k = N^3 - 3 N S2 + 2 S3,
  //   U  = sum n_i^2 n_j n_k = S2 N^2 - S2^2 - 2 S3 N + 2 S4 (any one index squared),
  // and sna's summand n_i n_j n_k ((4(N-n_j) - 2(n_i+n_k+1)) a3 - (4(N-n_k) -
  // 2(n_i+n_j+1)) a4 + (N-(n_i+n_k+1)) a5) sums to
  //   T3 ((4N-2)(a3 - a4) + (N-1) a5) + U (-8 a3 + 8 a4 - 2 a5).
  const Int T3 = NN * NN * NN - 3 * NN * S2 + 2 * S3;
  const Int U = S2 * NN * NN - S2 * S2 - 2 * S3 * NN + 2 * S4;
  const Int e5 = NN * NN * NN - 3 * NN * S2 + 2 * S3;  // sum x y (N-x-y) - sum n^2 (N-2n) = T3
  const Int t = NN * (NN - 1) * (NN - 2);

  std::array<double, 6> ge{}, gv{};
  ge[kCoord] = p * dbl(e1);
  gv[kCoord] = ge[kCoord] * (1 - p) + dbl(b3) * a3 - 4 * dbl(b4) * a4 + dbl(b5) * a5;
  ge[kItin] = p * dbl(e2);
  gv[kItin] = ge[kItin] * (1 - p) + dbl(i3) * a3 + dbl(i5) * a5;
  ge[kRepr] = ge[kGate] = p * dbl(e2);
  gv[kRepr] = gv[kGate] = ge[kRepr] * (1 - p) + dbl(r3) * a3 + dbl(r5) * a5;
  ge[kLiaison] = p * dbl(e5);
  gv[kLiaison] = ge[kLiaison] * (1 - p) + dbl(T3) * ((4 * N - 2) * (a3 - a4) + (N - 1) * a5) +
                 dbl(U) * (-8 * a3 + 8 * a4 - 2 * a5);
  ge[kTotal] = p * dbl(t);
  gv[kTotal] = ge[kTotal] * (1 - p) + dbl(t) * ((4 * N - 10) * a3 - 4 * (N - 3) * a4 + (N - 3) * a5);
  for (int k = 0; k < 6; ++k) {
    out.global_expected[k] = ge[k];
    out.global_sd[k] = std::sqrt(gv[k]);
    out.global_z[k] = (static_cast<double>(out.global_count[k]) - ge[k]) / out.global_sd[k];
  }
  return out;
}

}  // namespace movemap
