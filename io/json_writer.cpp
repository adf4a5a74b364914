#include "io/json_writer.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cmath>

#include "io/atomic_file.hpp"
#include "io/timestamp_parser.hpp"

namespace movemap {

std::string summary_json(const NetworkSummary& s, const ReadStats& in) {
  rapidjson::StringBuffer sb;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(sb);
  w.SetIndent(' ', 2);
  auto num = [&](const char* k, double v) {
    w.Key(k);
    if (std::isfinite(v)) w.Double(v);
    else w.Null();
  };
  auto u64 = [&](const char* k, std::uint64_t v) {
    w.Key(k);
    w.Uint64(v);
  };
  w.StartObject();
  w.Key("movemap_version");
  w.String(MOVEMAP_VERSION);
  w.Key("input");
  w.StartObject();
  u64("rows_read", in.rows_read);
  u64("accepted", in.accepted);
  u64("rejected", in.rejected);
  u64("blank_lines", in.blank_lines);
  w.Key("ignored_columns");
  w.StartArray();
  for (const auto& c : in.ignored_columns) w.String(c.c_str(), static_cast<rapidjson::SizeType>(c.size()));
  w.EndArray();
  w.EndObject();
  const NetworkStats& st = s.stats;
  w.Key("interactions");
  w.StartObject();
  u64("total", st.interactions);
  u64("pair_rows", st.pair_rows);
  u64("attendance_rows", st.attendance_rows);
  u64("self_interactions", st.self_interactions);
  u64("coattendance_pairs", st.coattendance_interactions);
  w.Key("first_time");
  w.String(st.interactions ? format_timestamp(st.first_time).c_str() : "");
  w.Key("last_time");
  w.String(st.interactions ? format_timestamp(st.last_time).c_str() : "");
  w.EndObject();
  w.Key("actors");
  w.StartObject();
  u64("total", s.actors);
  u64("in_actor_table", st.actors_in_table);
  u64("created_from_log", st.actors_created);
  u64("without_interactions", st.actors_without_interactions);
  w.Key("by_role");
  w.StartObject();
  for (const auto& [role, count] : s.actors_by_role) {
    w.Key(role.c_str(), static_cast<rapidjson::SizeType>(role.size()));
    w.Uint64(count);
  }
  w.EndObject();
  w.EndObject();
  w.Key("network");
  w.StartObject();
  w.Key("directed");
  w.Bool(s.directed);
  u64("actors", s.actors);
  u64("ties", s.ties);
  u64("self_loops", s.self_loops);
  u64("isolates", s.isolates);
  num("density", s.density);
  num("reciprocity", s.reciprocity);
  num("total_weight", s.total_weight);
  u64("weak_components", s.weak_components);
  u64("strong_components", s.strong_components);
  u64("largest_component", s.largest_component);
  num("largest_component_share", s.largest_component_share);
  u64("events", s.events);
  u64("attendances", s.attendances);
  w.EndObject();
  w.EndObject();
  std::string out(sb.GetString(), sb.GetSize());
  out += '\n';
  return out;
}

void write_summary_json(const std::string& path, const NetworkSummary& s, const ReadStats& in) {
  AtomicFile f(path);
  f.write(summary_json(s, in));
  f.commit();
}

}  // namespace movemap
