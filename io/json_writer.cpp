#include "io/json_writer.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <charconv>
#include <cmath>

#include "io/atomic_file.hpp"
#include "io/centrality_measures.hpp"
#include "io/timestamp_parser.hpp"

namespace movemap {
namespace {

// A note's text as a JSON number when all of it reads as one, else a string.
template <class Writer>
void note_value(Writer& w, const std::string& text) {
  const char* first = text.data();
  const char* end = first + text.size();
  std::uint64_t u = 0;
  const auto iu = std::from_chars(first, end, u);
  if (!text.empty() && iu.ec == std::errc() && iu.ptr == end) {
    w.Uint64(u);
    return;
  }
  double v = 0;
  const auto id = std::from_chars(first, end, v);
  if (!text.empty() && id.ec == std::errc() && id.ptr == end && std::isfinite(v)) {
    w.Double(v);
    return;
  }
  w.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
}

template <class Writer>
void centrality_object(Writer& w, const CentralityOutput& c, const CentralityRequest& r) {
  auto num = [&](const char* k, double v) {
    w.Key(k);
    if (std::isfinite(v)) w.Double(v);
    else w.Null();
  };
  auto flag = [&](const char* k, bool v) {
    w.Key(k);
    w.Bool(v);
  };
  auto str = [&](const std::string& s) { w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size())); };
  auto strings = [&](const char* k, const std::vector<std::string>& v) {
    w.Key(k);
    w.StartArray();
    for (const auto& s : v) str(s);
    w.EndArray();
  };
  w.Key("centrality");
  w.StartObject();
  strings("measures", c.measures);
  w.Key("options");
  w.StartObject();
  w.Key("length");
  w.String(to_string(r.length));
  flag("normalized", r.normalized);
  flag("wf_improved", r.wf_improved);
  num("epsilon", r.epsilon);
  num("delta", r.delta);
  w.Key("seed");
  w.Uint64(r.seed);
  num("pagerank_alpha", r.pagerank_alpha);
  strings("seeds", r.seeds);
  num("katz_alpha", r.katz_alpha);
  num("katz_beta", r.katz_beta);
  num("tolerance", r.tolerance);
  w.Key("max_iterations");
  w.Uint(r.max_iterations);
  flag("weighted", r.weighted);
  w.EndObject();
  w.Key("network");
  w.StartObject();
  for (const auto& [k, v] : c.network) num(k.c_str(), v);
  w.EndObject();
  w.Key("notes");
  w.StartObject();
  for (const auto& [k, v] : c.notes) {
    str(k);
    note_value(w, v);
  }
  w.EndObject();
  w.EndObject();
}

}  // namespace

GroupTable actors_by_role_table(const NetworkSummary& s, std::uint64_t min_group_size) {
  GroupTable t;
  for (const auto& [role, count] : s.actors_by_role) t.rows.push_back({role, count, {}, false});
  suppress_small_groups(t, min_group_size);
  return t;
}

std::string summary_json(const NetworkSummary& s, const ReadStats& in, const CentralityOutput* centrality,
                         const CentralityRequest* request, std::uint64_t min_group_size) {
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
  const GroupTable by_role = actors_by_role_table(s, min_group_size);
  for (const auto& r : by_role.rows) {
    w.Key(r.group.c_str(), static_cast<rapidjson::SizeType>(r.group.size()));
    if (r.actors) w.Uint64(*r.actors);
    else w.Null();
  }
  w.EndObject();
  if (min_group_size > 0) {
    u64("min_group_size", min_group_size);
    w.Key("by_role_suppressed");
    w.StartArray();
    for (const auto& r : by_role.rows)
      if (r.suppressed) w.String(r.group.c_str(), static_cast<rapidjson::SizeType>(r.group.size()));
    w.EndArray();
  }
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
  if (centrality && request) centrality_object(w, *centrality, *request);
  w.EndObject();
  std::string out(sb.GetString(), sb.GetSize());
  out += '\n';
  return out;
}

void write_summary_json(const std::string& path, const NetworkSummary& s, const ReadStats& in,
                        const CentralityOutput* centrality, const CentralityRequest* request,
                        std::uint64_t min_group_size) {
  AtomicFile f(path);
  f.write(summary_json(s, in, centrality, request, min_group_size));
  f.commit();
}

}  // namespace movemap
