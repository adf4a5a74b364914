#include "io/momentum_writer.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cmath>
#include <cstdio>
#include <map>

#include "io/atomic_file.hpp"
#include "io/csv_reader.hpp"
#include "io/csv_writer.hpp"
#include "io/group_suppression.hpp"
#include "io/timestamp_parser.hpp"

namespace movemap {
namespace {

void append_value(std::string& b, const SeriesColumn& c, std::size_t i) {
  const double v = c.values[i];
  if (c.integer && std::isfinite(v)) b += std::to_string(static_cast<long long>(v));
  else append_double(b, v);
}

void append_header(std::string& b, const SeriesTable& t) {
  for (const auto& c : t.columns) {
    b += ',';
    append_csv_field(b, c.name);
  }
  b += '\n';
}

std::string month_text(timestamp t) { return format_timestamp(t).substr(0, 7); }

// Windows whose row describes fewer than K actors (active + lapsed, everyone
// the row counts): no secondary rule, windows overlap and have no published
// total to subtract from.
std::vector<bool> hidden_windows(const WindowIndicators& w, std::uint64_t min_group_size) {
  std::vector<bool> hide(w.windows.size(), false);
  if (min_group_size <= 1 || w.windows.empty()) return hide;
  const SeriesColumn* active = nullptr;
  const SeriesColumn* lapsed = nullptr;
  for (const auto& c : w.overall.columns) {
    if (c.name == "active") active = &c;
    if (c.name == "lapsed") lapsed = &c;
  }
  if (!active || !lapsed) return hide;
  std::vector<std::uint64_t> sizes(w.windows.size());
  for (std::size_t k = 0; k < sizes.size(); ++k)
    sizes[k] = static_cast<std::uint64_t>(active->values[k] + lapsed->values[k]);
  return small_groups(sizes, min_group_size, /*secondary=*/false);
}

}  // namespace

// The role_changes cell of window k is blank: the window's changes come
// from fewer than K distinct actors (1 .. K-1; the number published stays
// the count of changes).
bool hidden_changes(const WindowIndicators& w, std::size_t k, std::uint64_t min_group_size) {
  if (min_group_size <= 1 || k >= w.transitions.window_actors.size()) return false;
  const std::uint64_t a = w.transitions.window_actors[k];
  return a > 0 && a < min_group_size;
}

namespace {

// Suppressed role_transitions rows: per window, the types are the groups
// (size = the distinct actors with a change of that type; the count of
// changes is what is published), secondary rule included (the window's
// total is published as role_changes).
std::vector<bool> hidden_transitions(const RoleTransitions& t, std::uint64_t min_group_size) {
  std::vector<bool> hide(t.count.size(), false);
  if (min_group_size <= 1 || t.types() == 0) return hide;
  for (std::size_t b = 0; b < t.count.size(); b += t.types()) {
    const std::vector<std::uint64_t> sizes(t.actors.begin() + static_cast<std::ptrdiff_t>(b),
                                           t.actors.begin() + static_cast<std::ptrdiff_t>(b + t.types()));
    const std::vector<bool> h = small_groups(sizes, min_group_size);
    for (std::size_t i = 0; i < h.size(); ++i) hide[b + i] = h[i];
  }
  return hide;
}

}  // namespace

void write_momentum_tables(const std::string& dir, const Network& net, const MomentumResult& r,
                           std::uint64_t min_group_size) {
  const WindowIndicators& w = r.windows;
  const bool suppress = min_group_size > 1;
  // Suppressed by_role rows: per window, sizes = active + lapsed per role.
  std::vector<bool> role_hidden(w.role.size(), false);
  if (suppress && !w.role.empty()) {
    const auto& active = w.by_role.at("active").values;
    const auto& lapsed = w.by_role.at("lapsed").values;
    for (std::size_t b = 0; b < w.role.size();) {
      std::size_t e = b;
      while (e < w.role.size() && w.role_window[e] == w.role_window[b]) ++e;
      std::vector<std::uint64_t> sizes;
      for (std::size_t i = b; i < e; ++i) sizes.push_back(static_cast<std::uint64_t>(active[i] + lapsed[i]));
      const std::vector<bool> hide = small_groups(sizes, min_group_size);
      for (std::size_t i = b; i < e; ++i) role_hidden[i] = hide[i - b];
      b = e;
    }
  }
  // Suppressed cohorts (by cohort size, one decision per cohort).
  std::vector<bool> cohort_hidden(r.cohorts.cohort.size(), false);
  if (suppress && !r.cohorts.cohort.empty()) {
    std::vector<std::uint64_t> sizes;
    std::vector<std::size_t> first_row;
    for (std::size_t i = 0; i < r.cohorts.cohort.size(); ++i)
      if (r.cohorts.months_since[i] == 0) {
        sizes.push_back(r.cohorts.size[i]);
        first_row.push_back(i);
      }
    const std::vector<bool> hide = small_groups(sizes, min_group_size);
    for (std::size_t c = 0; c < sizes.size(); ++c) {
      const std::size_t end = c + 1 < first_row.size() ? first_row[c + 1] : r.cohorts.cohort.size();
      for (std::size_t i = first_row[c]; i < end; ++i) cohort_hidden[i] = hide[c];
    }
  }
  {
    AtomicFile f(dir + "windows.csv");
    std::string& b = f.buffer();
    const std::vector<bool> window_hidden = hidden_windows(w, min_group_size);
    b += "window,start,end";
    append_header(b, w.overall);
    if (suppress) b.insert(b.size() - 1, ",suppressed");
    for (std::size_t k = 0; k < w.windows.size(); ++k) {
      b += std::to_string(k) + ',';
      append_timestamp(b, w.windows[k].start);
      b += ',';
      append_timestamp(b, w.windows[k].end);
      const bool changes_hidden = hidden_changes(w, k, min_group_size);
      for (const auto& c : w.overall.columns) {
        b += ',';
        if (!window_hidden[k] && !(changes_hidden && c.name == "role_changes")) append_value(b, c, k);
      }
      if (suppress) b += window_hidden[k] ? ",true" : ",false";
      b += '\n';
    }
    f.commit();
  }
  {
    AtomicFile f(dir + "windows.json");
    f.write(momentum_windows_json(r, min_group_size));
    f.commit();
  }
  {
    AtomicFile f(dir + "by_role.csv");
    std::string& b = f.buffer();
    b += "window,start,role";
    for (const auto& c : w.by_role.columns) {
      b += ',';
      append_csv_field(b, c.name);
    }
    b += suppress ? ",suppressed\n" : "\n";
    for (std::size_t i = 0; i < w.role.size(); ++i) {
      b += std::to_string(w.role_window[i]) + ',';
      append_timestamp(b, w.windows[w.role_window[i]].start);
      b += ',';
      append_csv_field(b, w.role[i]);
      for (const auto& c : w.by_role.columns) {
        b += ',';
        if (!role_hidden[i]) append_value(b, c, i);
      }
      if (suppress) b += role_hidden[i] ? ",true" : ",false";
      b += '\n';
      f.flush_if_large();
    }
    f.commit();
  }
  {
    AtomicFile f(dir + "cohorts.csv");
    std::string& b = f.buffer();
    b += suppress ? "cohort,size,months_since,active,share,suppressed\n" : "cohort,size,months_since,active,share\n";
    const Cohorts& c = r.cohorts;
    for (std::size_t i = 0; i < c.cohort.size(); ++i) {
      if (cohort_hidden[i]) {
        b += month_text(c.cohort[i]) + ",," + std::to_string(c.months_since[i]) + ",,,true\n";
        continue;
      }
      b += month_text(c.cohort[i]) + ',' + std::to_string(c.size[i]) + ',' + std::to_string(c.months_since[i]) + ',' +
           std::to_string(c.active[i]) + ',';
      append_double(b, c.share[i]);
      b += suppress ? ",false\n" : "\n";
      f.flush_if_large();
    }
    f.commit();
  }
  if (!net.role_changes.empty()) {
    AtomicFile f(dir + "role_transitions.csv");
    std::string& b = f.buffer();
    b += suppress ? "window,start,end,from,to,count,suppressed\n" : "window,start,end,from,to,count\n";
    const RoleTransitions& t = w.transitions;
    const std::vector<bool> hide = hidden_transitions(t, min_group_size);
    for (std::size_t i = 0; i < t.count.size(); ++i) {
      const Window& win = w.windows[t.window[i]];
      b += std::to_string(t.window[i]) + ',';
      append_timestamp(b, win.start);
      b += ',';
      append_timestamp(b, win.end);
      b += ',';
      append_csv_field(b, t.from[t.type[i]]);
      b += ',';
      append_csv_field(b, t.to[t.type[i]]);
      b += ',';
      if (!hide[i]) b += std::to_string(t.count[i]);
      if (suppress) b += hide[i] ? ",true" : ",false";
      b += '\n';
    }
    f.commit();
  }
  if (!net.role_changes.empty()) {
    // Transition cohorts, suppressed by cohort size (one decision per
    // cohort). The groups are the types within one cohort month, secondary
    // rule included within the month, as role_transitions.csv does within a
    // window: with monthly windows a cohort's size is that month's count of
    // its type and windows.csv publishes the month's total, so a rule over
    // all cohorts at once could leave a hidden count recoverable by
    // difference (docs/trust.md).
    const RoleCohorts& c = r.role_cohorts;
    std::vector<bool> hidden(c.cohort.size(), false);
    if (suppress) {
      std::vector<std::size_t> first_row;  // per cohort: its row with k = 0
      for (std::size_t i = 0; i < c.cohort.size(); ++i)
        if (c.months_since[i] == 0) first_row.push_back(i);
      std::map<timestamp, std::vector<std::size_t>> by_month;  // cohort month -> its cohorts
      for (std::size_t g = 0; g < first_row.size(); ++g) by_month[c.cohort[first_row[g]]].push_back(g);
      std::vector<bool> hide(first_row.size(), false);
      for (const auto& [month, groups] : by_month) {
        std::vector<std::uint64_t> sizes;
        for (std::size_t g : groups) sizes.push_back(c.size[first_row[g]]);
        const std::vector<bool> h = small_groups(sizes, min_group_size);
        for (std::size_t j = 0; j < groups.size(); ++j) hide[groups[j]] = h[j];
      }
      for (std::size_t g = 0; g < first_row.size(); ++g) {
        const std::size_t end = g + 1 < first_row.size() ? first_row[g + 1] : c.cohort.size();
        for (std::size_t i = first_row[g]; i < end; ++i) hidden[i] = hide[g];
      }
    }
    AtomicFile f(dir + "role_cohorts.csv");
    std::string& b = f.buffer();
    b += suppress ? "from,to,cohort,size,months_since,active,share,suppressed\n"
                  : "from,to,cohort,size,months_since,active,share\n";
    for (std::size_t i = 0; i < c.cohort.size(); ++i) {
      append_csv_field(b, c.from[i]);
      b += ',';
      append_csv_field(b, c.to[i]);
      b += ',' + month_text(c.cohort[i]) + ',';
      if (hidden[i]) {
        b += "," + std::to_string(c.months_since[i]) + ",,,true\n";
        continue;
      }
      b += std::to_string(c.size[i]) + ',' + std::to_string(c.months_since[i]) + ',' + std::to_string(c.active[i]) +
           ',';
      append_double(b, c.share[i]);
      b += suppress ? ",false\n" : "\n";
    }
    f.commit();
  }
  if (!net.role_changes.empty() && !suppress) {
    // One row per actor and change: like trajectories.csv a per-actor table
    // (ids pseudonymised with --pseudonymise); not written under
    // --min-group-size, where it would give away the suppressed counts.
    AtomicFile f(dir + "role_changes.csv");
    std::string& b = f.buffer();
    b += "actor,time,from,to\n";
    const RoleChanges& c = net.role_changes;
    for (std::size_t i = 0; i < c.size(); ++i) {
      append_csv_field(b, net.actors.name(c.actor[i]));
      b += ',';
      append_timestamp(b, c.time[i]);
      b += ',';
      append_csv_field(b, c.from[i]);
      b += ',';
      append_csv_field(b, c.to[i]);
      b += '\n';
    }
    f.commit();
  }
  {
    AtomicFile f(dir + "trajectories.csv");
    std::string& b = f.buffer();
    b += "window,start,actor,measure,value,rank\n";
    const WindowNodeValues& v = w.nodes;
    // "k,start," per window, formatted once (millions of rows).
    std::vector<std::string> prefix(w.windows.size());
    for (std::size_t k = 0; k < w.windows.size(); ++k) {
      prefix[k] = std::to_string(k) + ',';
      append_timestamp(prefix[k], w.windows[k].start);
      prefix[k] += ',';
    }
    for (std::size_t i = 0; i < v.value.size(); ++i) {
      b += prefix[v.window[i]];
      append_csv_field(b, net.actors.name(v.node[i]));
      b += ',' + v.measures[v.measure[i]] + ',';
      append_double(b, v.value[i]);
      b += ',' + std::to_string(r.ranks[i]) + '\n';
      f.flush_if_large();
    }
    f.commit();
  }
  {
    AtomicFile f(dir + "rising.csv");
    std::string& b = f.buffer();
    b += "measure,actor,rank_first,rank_last,gain\n";
    const RisingActors& x = r.rising;
    for (std::size_t i = 0; i < x.node.size(); ++i) {
      b += w.nodes.measures[x.measure[i]] + ',';
      append_csv_field(b, net.actors.name(x.node[i]));
      b += ',' + std::to_string(x.rank_first[i]) + ',' + std::to_string(x.rank_last[i]) + ',' +
           std::to_string(x.gain[i]) + '\n';
    }
    f.commit();
  }
  {
    AtomicFile f(dir + "sensitivity.csv");
    std::string& b = f.buffer();
    b += "measure,width_a,width_b,actors,tau_b\n";
    const WindowSensitivity& s = r.sensitivity;
    for (std::size_t i = 0; i < s.tau_b.size(); ++i) {
      b += s.measure[i] + ',' + std::to_string(s.width_a[i]) + ',' + std::to_string(s.width_b[i]) + ',' +
           std::to_string(s.actors[i]) + ',';
      append_double(b, s.tau_b[i]);
      b += '\n';
    }
    f.commit();
  }
}

std::string momentum_windows_json(const MomentumResult& r, std::uint64_t min_group_size) {
  rapidjson::StringBuffer sb;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(sb);
  const WindowIndicators& x = r.windows;
  const std::vector<bool> hidden = hidden_windows(x, min_group_size);
  w.StartObject();
  w.Key("windows");
  w.StartArray();
  for (std::size_t k = 0; k < x.windows.size(); ++k) {
    w.StartObject();
    w.Key("window");
    w.Uint64(k);
    const std::string s = format_timestamp(x.windows[k].start), e = format_timestamp(x.windows[k].end);
    w.Key("start");
    w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
    w.Key("end");
    w.String(e.c_str(), static_cast<rapidjson::SizeType>(e.size()));
    const bool changes_hidden = hidden_changes(x, k, min_group_size);
    for (const auto& c : x.overall.columns) {
      w.Key(c.name.c_str(), static_cast<rapidjson::SizeType>(c.name.size()));
      const double v = c.values[k];
      if (hidden[k] || !std::isfinite(v) || (changes_hidden && c.name == "role_changes")) w.Null();
      else if (c.integer) w.Int64(static_cast<std::int64_t>(v));
      else w.Double(v);
    }
    if (min_group_size > 1) {
      w.Key("suppressed");
      w.Bool(hidden[k]);
    }
    w.EndObject();
  }
  w.EndArray();
  if (x.transitions.types() > 0) {
    const RoleTransitions& t = x.transitions;
    const std::vector<bool> hide = hidden_transitions(t, min_group_size);
    w.Key("role_transitions");
    w.StartArray();
    for (std::size_t i = 0; i < t.count.size(); ++i) {
      w.StartObject();
      w.Key("window");
      w.Uint64(t.window[i]);
      const std::string s = format_timestamp(x.windows[t.window[i]].start),
                        e = format_timestamp(x.windows[t.window[i]].end);
      w.Key("start");
      w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
      w.Key("end");
      w.String(e.c_str(), static_cast<rapidjson::SizeType>(e.size()));
      w.Key("from");
      w.String(t.from[t.type[i]].c_str(), static_cast<rapidjson::SizeType>(t.from[t.type[i]].size()));
      w.Key("to");
      w.String(t.to[t.type[i]].c_str(), static_cast<rapidjson::SizeType>(t.to[t.type[i]].size()));
      w.Key("count");
      if (hide[i]) w.Null();
      else w.Uint64(t.count[i]);
      if (min_group_size > 1) {
        w.Key("suppressed");
        w.Bool(hide[i]);
      }
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  std::string out(sb.GetString(), sb.GetSize());
  out += '\n';
  return out;
}

GexfTimeline momentum_timeline(const MomentumResult& r) {
  GexfTimeline t;
  const WindowIndicators& x = r.windows;
  for (const Window& w : x.windows) {
    t.start.push_back(w.start);
    t.end.push_back(w.end);
  }
  const WindowNodeValues& v = x.nodes;
  for (std::uint32_t mi = 0; mi < v.measures.size(); ++mi) {
    WindowedNodeColumn value{v.measures[mi] + "_window", {0}, {}, {}},
        rank{v.measures[mi] + "_window_rank", {0}, {}, {}};
    std::size_t i = 0;
    for (std::uint32_t k = 0; k < x.windows.size(); ++k) {
      for (; i < v.value.size() && v.window[i] == k; ++i) {
        if (v.measure[i] != mi) continue;
        value.node.push_back(v.node[i]);
        value.value.push_back(v.value[i]);
        rank.node.push_back(v.node[i]);
        rank.value.push_back(r.ranks[i]);
      }
      value.offsets.push_back(value.node.size());
      rank.offsets.push_back(rank.node.size());
    }
    t.node_columns.push_back(std::move(value));
    t.node_columns.push_back(std::move(rank));
  }
  return t;
}

}  // namespace movemap
