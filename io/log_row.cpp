#include "io/log_row.hpp"

#include <rapidjson/error/en.h>

#include <charconv>
#include <cmath>

#include "io/csv_reader.hpp"
#include "io/timestamp_parser.hpp"
#include "io/xml_text.hpp"
#include "movemap/error.hpp"

namespace movemap {

namespace {
const char* const kFieldNames[kLogFields] = {"time", "source", "target", "event", "kind", "weight"};

const std::string& mapped(const LogColumns& c, int k) {
  switch (k) {
    case kTime: return c.time;
    case kSource: return c.source;
    case kTarget: return c.target;
    case kEvent: return c.event;
    case kKind: return c.kind;
    default: return c.weight;
  }
}
}  // namespace

LogHeader::LogHeader(const std::vector<std::string>& names, const LogColumns& columns, const std::string& file,
                     std::uint64_t line, bool is_csv)
    : count(names.size()), csv(is_csv) {
  for (int k = 0; k < kLogFields; ++k) {
    json_keys[k] = mapped(columns, k);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] != json_keys[k]) continue;
      if (index[k] >= 0)
        throw InputError(file, line,
                         "column '" + names[i] + "' appears twice in the header (columns " +
                             std::to_string(index[k] + 1) + " and " + std::to_string(i + 1) +
                             "); expected each column name once");
      index[k] = static_cast<int>(i);
    }
  }
  // At most 20 names: a header of a million columns still gives a short message.
  std::string have;
  for (std::size_t i = 0; i < names.size() && i < 20; ++i) have += (i ? ", " : "") + quoted_value(names[i]);
  if (names.size() > 20) have += ", ... (" + std::to_string(names.size()) + " columns)";
  auto missing = [&](int k, const std::string& extra) {
    const char* f = kFieldNames[k];
    return "missing column " + quoted_value(json_keys[k]) + " for the " + f + extra +
           " (the header has: " + have + "); map your column to it (CLI: --" + f + "-col NAME; Python: columns={\"" + f + "\": NAME})";
  };
  if (index[kTime] < 0) throw InputError(file, line, missing(kTime, ""));
  if (index[kSource] < 0) throw InputError(file, line, missing(kSource, ""));
  if (index[kTarget] < 0 && index[kEvent] < 0)
    throw InputError(file, line, missing(kTarget, " (or " + quoted_value(json_keys[kEvent]) + " for attendance rows)"));
  has_target = index[kTarget] >= 0;
  has_event = index[kEvent] >= 0;
  for (const auto& n : names)
    if (!is_mapped(n)) ignored.push_back(n);
}

LogHeader LogHeader::for_json(const LogColumns& columns) {
  LogHeader h;
  h.csv = false;
  for (int k = 0; k < kLogFields; ++k) {
    h.json_keys[k] = mapped(columns, k);
    h.index[k] = k;
  }
  return h;
}

bool LogHeader::is_mapped(const std::string& name) const {
  for (int k = 0; k < kLogFields; ++k)
    if (json_keys[k] == name) return true;
  return false;
}

std::string LogHeader::describe(int k) const {
  if (csv) return "column " + std::to_string(index[k] + 1) + " '" + json_keys[k] + "'";
  return "field '" + json_keys[k] + "'";
}

std::string quoted_value(std::string_view v) {
  std::string out = "\"";
  std::size_t n = 0;
  for (const char c : v) {
    if (++n > 60) {
      out += "...";
      break;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      static const char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else if (c == '"') {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string id_problem(std::string_view id) {
  bool ascii = true;
  for (const char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      static const char hex[] = "0123456789abcdef";
      return std::string("contains the control character 0x") + hex[u >> 4] + hex[u & 15] +
             "; expected printable text";
    }
    if (u >= 0x80) ascii = false;
  }
  if (!ascii && !valid_utf8(id)) return "is not valid UTF-8; expected text encoded as UTF-8";
  return {};
}

bool check_row(const RawRow& raw, const LogHeader& h, InteractionBatch& batch, std::string& reason,
               std::string& column) {
  auto fail = [&](int k, const std::string& what) {
    column = h.json_keys[k];
    reason = h.describe(k) + ": " + what;
    return false;
  };
  const std::string_view tv = raw.value[kTime];
  if (!raw.present[kTime] || tv.empty())
    return fail(kTime, "missing; expected an ISO 8601 date or date-time (2024-03-01, 2024-03-01T09:30:00Z) or Unix seconds");
  std::string why;
  const auto t = parse_timestamp(tv, &why);
  if (!t)
    return fail(kTime, quoted_value(tv) + " is not a valid time (" + why +
                           "); expected an ISO 8601 date or date-time (2024-03-01, 2024-03-01T09:30:00Z, +01:00 offsets) or Unix seconds");
  const std::string_view s = raw.value[kSource];
  if (s.empty()) return fail(kSource, "empty; expected an actor id");
  if (auto p = id_problem(s); !p.empty()) return fail(kSource, "the id " + quoted_value(s) + " " + p);
  const std::string_view tg = raw.value[kTarget], ev = raw.value[kEvent];
  if (!tg.empty() && !ev.empty()) {
    column.clear();
    reason = "the row has both a target (" + quoted_value(tg) + ") and an event (" + quoted_value(ev) +
             "); expected one of them: a target for an interaction between two actors, an event for attendance";
    return false;
  }
  if (tg.empty() && ev.empty()) {
    column.clear();
    if (h.has_target && h.has_event)
      reason = "neither target nor event is set; expected an actor id in " + h.describe(kTarget) +
               " or an event id in " + h.describe(kEvent);
    else if (h.has_target)
      reason = h.describe(kTarget) + ": empty; expected an actor id";
    else
      reason = h.describe(kEvent) + ": empty; expected an event id";
    if (!h.has_target || !h.has_event) column = h.json_keys[h.has_target ? kTarget : kEvent];
    return false;
  }
  if (!tg.empty())
    if (auto p = id_problem(tg); !p.empty()) return fail(kTarget, "the id " + quoted_value(tg) + " " + p);
  if (!ev.empty())
    if (auto p = id_problem(ev); !p.empty()) return fail(kEvent, "the id " + quoted_value(ev) + " " + p);
  const std::string_view k = raw.value[kKind];
  if (!k.empty())
    if (auto p = id_problem(k); !p.empty()) return fail(kKind, "the kind " + quoted_value(k) + " " + p);
  double w = 1.0;
  const std::string_view wv = raw.value[kWeight];
  if (!wv.empty()) {
    const char* b = wv.data();
    const char* e = wv.data() + wv.size();
    while (b < e && *b == ' ') ++b;
    while (e > b && e[-1] == ' ') --e;
    if (b < e && *b == '+') ++b;
    auto [p, ec] = std::from_chars(b, e, w);
    if (ec != std::errc() || p != e || b == e || !std::isfinite(w) || !(w > 0))
      return fail(kWeight, quoted_value(wv) + " is not a positive number; expected a number > 0 (an empty cell means 1)");
  }
  batch.push_back(*t, s, tg, ev, k, w);
  return true;
}

std::string_view trim_line_end(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string header_hint(const LogColumns& c) {
  return c.time + ", " + c.source + ", " + c.target + " or " + c.event + "; optional " + c.kind + ", " + c.weight;
}

std::string json_error(int code) { return rapidjson::GetParseError_En(static_cast<rapidjson::ParseErrorCode>(code)); }

RejectWriter::RejectWriter(const std::string& path) : file_(path) { file_.write("line,column,reason,record\n"); }

void RejectWriter::add(const RowReject& r) {
  std::string& b = file_.buffer();
  b += std::to_string(r.line);
  b += ',';
  append_csv_field(b, r.column);
  b += ',';
  append_csv_field(b, r.reason);
  b += ',';
  append_csv_field(b, r.record);
  b += '\n';
  file_.flush_if_large();
}

}  // namespace movemap
