#include "movemap/temporal/windows.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "movemap/calendar.hpp"
#include "movemap/error.hpp"

namespace movemap {

namespace {

constexpr timestamp kDay = 86400;

timestamp floor_day(timestamp t) { return (t >= 0 ? t / kDay : (t - kDay + 1) / kDay); }

// Month index (year * 12 + month - 1) of t, and the start of a month index.
long long month_of(timestamp t) {
  long long y;
  unsigned m, d;
  civil_from_days(floor_day(t), y, m, d);
  return y * 12 + (m - 1);
}
timestamp month_start(long long index) {
  const long long y = index >= 0 ? index / 12 : (index - 11) / 12;
  const unsigned m = static_cast<unsigned>(index - y * 12) + 1;
  return days_from_civil(y, m, 1) * kDay;
}

}  // namespace

long long utc_month(timestamp t) { return month_of(t); }
timestamp utc_month_start(long long month) { return month_start(month); }

std::vector<Window> make_windows(timestamp first, timestamp last, const WindowOptions& o) {
  if (o.lapse < 0) throw UsageError("lapse period must be >= 0 seconds");
  if (!std::isfinite(o.half_life) || o.half_life < 0) throw UsageError("half-life must be a finite number >= 0");
  std::vector<Window> out;
  auto push = [&](timestamp s, timestamp e) { out.push_back(Window{s, e, s - o.lapse}); };
  switch (o.scheme) {
    case WindowScheme::Sliding:
      if (o.width <= 0) throw UsageError("window width must be > 0");
      if (o.step <= 0) throw UsageError("window step must be > 0");
      if (first > last) return out;
      if (o.anchor == WindowAnchor::Start) {
        for (timestamp s = first; s <= last; s += o.step) push(s, s + o.width);
      } else {
        const timestamp k = (last - first) / o.step;  // K - 1
        for (timestamp i = k; i >= 0; --i) {
          const timestamp e = last + 1 - i * o.step;
          push(e - o.width, e);
        }
      }
      break;
    case WindowScheme::Cumulative:
      if (o.step <= 0) throw UsageError("window step must be > 0");
      if (first > last) return out;
      for (timestamp e = first + o.step;; e += o.step) {
        out.push_back(Window{first, e, first});
        if (e > last) break;
      }
      break;
    case WindowScheme::Month:
    case WindowScheme::Quarter: {
      if (first > last) return out;
      const long long span = o.scheme == WindowScheme::Month ? 1 : 3;
      long long m0 = month_of(first), m1 = month_of(last);
      m0 -= ((m0 % span) + span) % span;
      for (long long m = m0; m <= m1; m += span) push(month_start(m), month_start(m + span));
      break;
    }
  }
  return out;
}

std::pair<timestamp, timestamp> activity_span(const Network& net) {
  timestamp lo = 1, hi = 0;
  auto see = [&](timestamp t) {
    if (lo > hi) lo = hi = t;
    else {
      lo = std::min(lo, t);
      hi = std::max(hi, t);
    }
  };
  if (!net.contacts.empty()) {
    see(net.contacts.time.front());
    see(net.contacts.time.back());
  }
  for (timestamp t : net.attendance.event_person_time) see(t);
  return {lo, hi};
}

ActivityStream attendance_stream(const Network& net) {
  const Attendance& a = net.attendance;
  const std::size_t k = a.num_incidences();
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return a.event_person_time[x] < a.event_person_time[y]; });
  ActivityStream s;
  s.time.resize(k);
  s.actor.resize(k);
  for (std::size_t i = 0; i < k; ++i) {
    s.time[i] = a.event_person_time[order[i]];
    s.actor[i] = a.event_persons[order[i]];
  }
  return s;
}

WindowSweep::WindowSweep(const Network& net, const WindowOptions& options)
    : net_(net), options_(options), attendance_(attendance_stream(net)) {
  if (net.graph.num_ties() > 0 && net.contacts.empty())
    throw UsageError(
        "windows need the network's contacts: build it with NetworkOptions::keep_contacts (Python: "
        "movemap.load(..., keep_contacts=True))");
  const std::size_t m = net.graph.num_ties(), n = net.graph.num_nodes();
  tie_count_.assign(m, 0);
  tie_weight_.assign(m, 0.0);
  actor_count_.assign(n, 0);
  tie_present_.resize(m);
  actor_present_.resize(n);
}

void WindowSweep::add_actor(node_id a) {
  if (actor_count_[a]++ == 0) {
    actor_present_.set(a);
    actors_flipped_.push_back(a);
    ++actors_present_;
  }
}

void WindowSweep::remove_actor(node_id a) {
  if (--actor_count_[a] == 0) {
    actor_present_.reset(a);
    actors_flipped_.push_back(a);
    --actors_present_;
  }
}

void WindowSweep::advance(const Window& w) {
  const Contacts& c = net_.contacts;
  const std::size_t nc = c.size();
  const bool decay = options_.half_life > 0;
  ties_flipped_.clear();
  actors_flipped_.clear();
  // Remove contacts that leave (time < range start), then skip any that
  // were never added (a gap between windows), then add those entering.
  while (lo_ < hi_ && c.time[lo_] < w.range_start) {
    const edge_id t = c.tie[lo_];
    if (--tie_count_[t] == 0) {
      tie_present_.reset(t);
      ties_flipped_.push_back(t);
      --ties_present_;
      tie_weight_[t] = 0.0;
    } else if (!decay) {
      tie_weight_[t] -= c.weight[lo_];
    }
    remove_actor(c.source[lo_]);
    remove_actor(c.target[lo_]);
    ++lo_;
  }
  if (lo_ == hi_) {
    while (hi_ < nc && c.time[hi_] < w.range_start) ++hi_;
    lo_ = hi_;
  }
  while (hi_ < nc && c.time[hi_] < w.end) {
    const edge_id t = c.tie[hi_];
    if (tie_count_[t]++ == 0) {
      tie_present_.set(t);
      ties_flipped_.push_back(t);
      ++ties_present_;
    }
    if (!decay) tie_weight_[t] += c.weight[hi_];
    add_actor(c.source[hi_]);
    add_actor(c.target[hi_]);
    ++hi_;
  }
  // Attendance: the same two pointers over the attendance stream.
  const ActivityStream& a = attendance_;
  while (alo_ < ahi_ && a.time[alo_] < w.range_start) remove_actor(a.actor[alo_++]);
  if (alo_ == ahi_) {
    while (ahi_ < a.time.size() && a.time[ahi_] < w.range_start) ++ahi_;
    alo_ = ahi_;
  }
  while (ahi_ < a.time.size() && a.time[ahi_] < w.end) add_actor(a.actor[ahi_++]);

  if (decay) {
    // 2^(-(end - t) / h) per contact, summed per tie in contact order.
    for (std::size_t i = lo_; i < hi_; ++i) tie_weight_[c.tie[i]] = 0.0;
    const double h = options_.half_life;
    for (std::size_t i = lo_; i < hi_; ++i)
      tie_weight_[c.tie[i]] += c.weight[i] * std::exp2(-static_cast<double>(w.end - c.time[i]) / h);
  }
}

WindowGraph window_graph(const Network& net, const WindowSweep& sweep, bool tie_details) {
  const Graph& g = net.graph;
  const TieTable& all = g.ties();
  const node_id n = g.num_nodes();
  WindowGraph out;
  // Local ids of present actors, in global order.
  std::vector<node_id> local(n, kNone);
  const Bitmap& ap = sweep.actor_present();
  out.actor.reserve(sweep.actors_present());
  for (std::size_t w = 0; w < ap.words.size(); ++w)
    for (std::uint64_t bits = ap.words[w]; bits; bits &= bits - 1) {
      const node_id u = static_cast<node_id>(w * 64 + static_cast<unsigned>(__builtin_ctzll(bits)));
      local[u] = static_cast<node_id>(out.actor.size());
      out.actor.push_back(u);
    }
  const node_id nw = static_cast<node_id>(out.actor.size());

  TieTable t;
  const Bitmap& tp = sweep.tie_present();
  out.tie.reserve(sweep.ties_present());
  for (std::size_t w = 0; w < tp.words.size(); ++w)
    for (std::uint64_t bits = tp.words[w]; bits; bits &= bits - 1)
      out.tie.push_back(static_cast<edge_id>(w * 64 + static_cast<unsigned>(__builtin_ctzll(bits))));
  const std::size_t mw = out.tie.size();
  t.source.resize(mw);
  t.target.resize(mw);
  t.weight.resize(mw);
  for (std::size_t i = 0; i < mw; ++i) {
    const edge_id e = out.tie[i];
    t.source[i] = local[all.source[e]];
    t.target[i] = local[all.target[e]];
    t.weight[i] = sweep.tie_weight()[e];
  }
  if (tie_details) {
    t.count.resize(mw);
    t.first_seen.resize(mw);
    t.last_seen.resize(mw);
    t.kind_offsets.assign(mw + 1, 0);
    for (std::size_t i = 0; i < mw; ++i) {
      const edge_id e = out.tie[i];
      t.count[i] = sweep.tie_count()[e];
      t.first_seen[i] = all.first_seen[e];
      t.last_seen[i] = all.last_seen[e];
    }
  } else {
    t.kind_offsets.clear();
  }

  // CSR by one stable scatter in tie order: ties are sorted by (source,
  // target) and local ids keep global order, so every row comes out sorted
  // (undirected: the entries (v, u) with v < u precede the (u, v), v >= u).
  const bool directed = g.directed();
  Csr out_csr, in_csr;
  auto layout = [&](Csr& csr, bool by_source, bool both) {
    csr.offsets.assign(static_cast<std::size_t>(nw) + 1, 0);
    for (std::size_t i = 0; i < mw; ++i) {
      ++csr.offsets[(by_source ? t.source[i] : t.target[i]) + 1];
      if (both && t.source[i] != t.target[i]) ++csr.offsets[t.target[i] + 1];
    }
    for (node_id u = 0; u < nw; ++u) csr.offsets[u + 1] += csr.offsets[u];
    csr.neighbors.resize(csr.offsets[nw]);
    csr.ties.resize(csr.offsets[nw]);
    std::vector<edge_id> pos(csr.offsets.begin(), csr.offsets.end() - 1);
    for (std::size_t i = 0; i < mw; ++i) {
      const node_id s = t.source[i], d = t.target[i];
      const node_id row = by_source ? s : d, other = by_source ? d : s;
      csr.neighbors[pos[row]] = other;
      csr.ties[pos[row]++] = i;
      if (both && s != d) {
        csr.neighbors[pos[d]] = s;
        csr.ties[pos[d]++] = i;
      }
    }
  };
  if (directed) {
    layout(out_csr, true, false);
    layout(in_csr, false, false);
  } else {
    layout(out_csr, true, true);
  }
  out.graph = Graph(directed, nw, std::move(t), std::move(out_csr), std::move(in_csr));
  return out;
}

}  // namespace movemap
