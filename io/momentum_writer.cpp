#include "io/momentum_writer.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cmath>
#include <cstdio>

#include "io/atomic_file.hpp"
#include "io/csv_reader.hpp"
#include "io/csv_writer.hpp"
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

}  // namespace

void write_momentum_tables(const std::string& dir, const Network& net, const MomentumResult& r) {
  const WindowIndicators& w = r.windows;
  {
    AtomicFile f(dir + "windows.csv");
    std::string& b = f.buffer();
    b += "window,start,end";
    append_header(b, w.overall);
    for (std::size_t k = 0; k < w.windows.size(); ++k) {
      b += std::to_string(k) + ',';
      append_timestamp(b, w.windows[k].start);
      b += ',';
      append_timestamp(b, w.windows[k].end);
      for (const auto& c : w.overall.columns) {
        b += ',';
        append_value(b, c, k);
      }
      b += '\n';
    }
    f.commit();
  }
  {
    AtomicFile f(dir + "windows.json");
    f.write(momentum_windows_json(r));
    f.commit();
  }
  {
    AtomicFile f(dir + "by_role.csv");
    std::string& b = f.buffer();
    b += "window,start,role";
    append_header(b, w.by_role);
    for (std::size_t i = 0; i < w.role.size(); ++i) {
      b += std::to_string(w.role_window[i]) + ',';
      append_timestamp(b, w.windows[w.role_window[i]].start);
      b += ',';
      append_csv_field(b, w.role[i]);
      for (const auto& c : w.by_role.columns) {
        b += ',';
        append_value(b, c, i);
      }
      b += '\n';
      f.flush_if_large();
    }
    f.commit();
  }
  {
    AtomicFile f(dir + "cohorts.csv");
    std::string& b = f.buffer();
    b += "cohort,size,months_since,active,share\n";
    const Cohorts& c = r.cohorts;
    for (std::size_t i = 0; i < c.cohort.size(); ++i) {
      b += month_text(c.cohort[i]) + ',' + std::to_string(c.size[i]) + ',' + std::to_string(c.months_since[i]) + ',' +
           std::to_string(c.active[i]) + ',';
      append_double(b, c.share[i]);
      b += '\n';
      f.flush_if_large();
    }
    f.commit();
  }
  {
    AtomicFile f(dir + "trajectories.csv");
    std::string& b = f.buffer();
    b += "window,start,actor,measure,value,rank\n";
    const WindowNodeValues& v = w.nodes;
    for (std::size_t i = 0; i < v.value.size(); ++i) {
      b += std::to_string(v.window[i]) + ',';
      append_timestamp(b, w.windows[v.window[i]].start);
      b += ',';
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

std::string momentum_windows_json(const MomentumResult& r) {
  rapidjson::StringBuffer sb;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(sb);
  const WindowIndicators& x = r.windows;
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
    for (const auto& c : x.overall.columns) {
      w.Key(c.name.c_str(), static_cast<rapidjson::SizeType>(c.name.size()));
      const double v = c.values[k];
      if (!std::isfinite(v)) w.Null();
      else if (c.integer) w.Int64(static_cast<std::int64_t>(v));
      else w.Double(v);
    }
    w.EndObject();
  }
  w.EndArray();
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
    WindowedNodeColumn value{v.measures[mi], {0}, {}, {}}, rank{v.measures[mi] + "_rank", {0}, {}, {}};
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
