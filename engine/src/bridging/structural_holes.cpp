#include "movemap/bridging/structural_holes.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <string>

namespace movemap {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Contact lists: for each node its neighbours other than itself (sorted),
// with the mutual weight a_ij > 0 of each.
struct Contacts {
  std::vector<edge_id> offsets;
  std::vector<node_id> nodes;
  std::vector<double> mutual;
  std::size_t size(node_id u) const { return offsets[u + 1] - offsets[u]; }
};

// Writes the contacts of u into (out, a) when out != nullptr; returns how
// many. A merge of the sorted out- and in-rows (directed) or the row alone.
std::size_t contact_row(const Graph& g, const double* weight, node_id u, node_id* out, double* a) {
  const auto on = g.out_neighbors(u);
  const auto ot = g.out_ties(u);
  const auto in = g.directed() ? g.in_neighbors(u) : std::span<const node_id>{};
  const auto it = g.directed() ? g.in_ties(u) : std::span<const edge_id>{};
  auto w = [&](edge_id t) { return weight ? weight[t] : 1.0; };
  std::size_t i = 0, j = 0, k = 0;
  while (i < on.size() || j < in.size()) {
    node_id v;
    double x = 0;
    if (j == in.size() || (i < on.size() && on[i] < in[j])) {
      v = on[i];
      x = w(ot[i++]);
    } else if (i == on.size() || in[j] < on[i]) {
      v = in[j];
      x = w(it[j++]);
    } else {  // both directions: add in the order w(u,v) + w(v,u)
      v = on[i];
      x = w(ot[i++]) + w(it[j++]);
    }
    if (v == u || !(x > 0)) continue;
    if (out) {
      out[k] = v;
      a[k] = x;
    }
    ++k;
  }
  return k;
}

Contacts contacts(const Graph& g, bool weighted) {
  const node_id n = g.num_nodes();
  const double* weight = weighted ? g.ties().weight.data() : nullptr;
  if (weighted) {
    for (const double x : g.ties().weight)
      if (!std::isfinite(x) || x < 0)
        throw UsageError("structural_holes: tie weights must be finite and >= 0 (found " + std::to_string(x) +
                         "); use the unweighted measures or fix the weights");
  }
  Contacts c;
  c.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, 2048), [&](const auto& r) {
    for (node_id u = r.begin(); u < r.end(); ++u) c.offsets[u + 1] = contact_row(g, weight, u, nullptr, nullptr);
  });
  for (node_id u = 0; u < n; ++u) c.offsets[u + 1] += c.offsets[u];
  c.nodes.resize(c.offsets[n]);
  c.mutual.resize(c.offsets[n]);
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, 2048), [&](const auto& r) {
    for (node_id u = r.begin(); u < r.end(); ++u)
      contact_row(g, weight, u, c.nodes.data() + c.offsets[u], c.mutual.data() + c.offsets[u]);
  });
  return c;
}

struct Scratch {
  std::vector<std::uint32_t> slot;  // slot[j]: position of j in the current row, kNone if not a contact
  std::vector<double> indirect, redundancy;
};

}  // namespace

StructuralHoles structural_holes(const Graph& g, const StructuralHolesOptions& options) {
  const node_id n = g.num_nodes();
  const Contacts c = contacts(g, options.weighted);

  // Row sums and row maxima of the mutual weights.
  std::vector<double> sum(n, 0.0), max(n, 0.0);
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, 2048), [&](const auto& r) {
    for (node_id u = r.begin(); u < r.end(); ++u) {
      double s = 0, m = 0;
      for (edge_id e = c.offsets[u]; e < c.offsets[u + 1]; ++e) {
        s += c.mutual[e];
        m = std::max(m, c.mutual[e]);
      }
      sum[u] = s;
      max[u] = m;
    }
  });

  StructuralHoles out;
  out.constraint.assign(n, kNaN);
  out.effective_size.assign(n, kNaN);
  out.efficiency.assign(n, kNaN);
  out.hierarchy.assign(n, kNaN);

  ProgressReporter progress(options.progress);
  std::atomic<std::uint64_t> done{0};
  tbb::enumerable_thread_specific<Scratch> scratch([n] { return Scratch{std::vector<std::uint32_t>(n, kNone), {}, {}}; });
  tbb::parallel_for(tbb::blocked_range<node_id>(0, n, 256), [&](const auto& r) {
    Scratch& s = scratch.local();
    for (node_id i = r.begin(); i < r.end(); ++i) {
      const std::size_t deg = c.size(i);
      if (deg == 0) continue;
      const node_id* row = c.nodes.data() + c.offsets[i];
      const double* a = c.mutual.data() + c.offsets[i];
      for (std::size_t k = 0; k < deg; ++k) s.slot[row[k]] = static_cast<std::uint32_t>(k);
      s.indirect.assign(deg, 0.0);
      s.redundancy.assign(deg, 0.0);
      // For each contact q and each contact j of q that is also a contact of
      // i: indirect_j += p_iq p_qj, redundancy_j += p_iq m_jq.
      for (std::size_t kq = 0; kq < deg; ++kq) {
        const node_id q = row[kq];
        const double p_iq = a[kq] / sum[i];
        for (edge_id e = c.offsets[q]; e < c.offsets[q + 1]; ++e) {
          const std::uint32_t kj = s.slot[c.nodes[e]];
          if (kj == kNone) continue;
          s.indirect[kj] += p_iq * (c.mutual[e] / sum[q]);
          s.redundancy[kj] += p_iq * (c.mutual[e] / max[c.nodes[e]]);
        }
      }
      double constraint = 0, effective = 0;
      for (std::size_t k = 0; k < deg; ++k) {
        const double local = a[k] / sum[i] + s.indirect[k];
        s.indirect[k] = local * local;  // now the local constraint c_ij
        constraint += s.indirect[k];
        effective += 1 - s.redundancy[k];
      }
      double hierarchy = kNaN;
      if (deg > 1) {
        const double N = static_cast<double>(deg), mean = constraint / N;
        double h = 0;
        for (std::size_t k = 0; k < deg; ++k) {
          const double ratio = s.indirect[k] / mean;
          if (ratio > 0) h += ratio * std::log(ratio);
        }
        hierarchy = h / (N * std::log(N));
      }
      out.constraint[i] = constraint;
      out.effective_size[i] = effective;
      out.efficiency[i] = effective / static_cast<double>(deg);
      out.hierarchy[i] = hierarchy;
      for (std::size_t k = 0; k < deg; ++k) s.slot[row[k]] = kNone;
    }
    if (progress.active()) {
      const std::uint64_t d = done.fetch_add(r.size()) + r.size();
      progress.report(static_cast<double>(d) / static_cast<double>(n));
    }
  });
  return out;
}

}  // namespace movemap
