#include "io/graphml_writer.hpp"

#include "io/atomic_file.hpp"
#include "io/csv_writer.hpp"
#include "io/timestamp_parser.hpp"
#include "io/xml_text.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace movemap {
namespace {

// Characters left as they are in a GraphML id: ASCII name characters and
// common letters that libxml2 accepts in xs:NMTOKEN (XML 1.0 4th edition
// Letter production); the rest is escaped.
bool plain_id_char(char32_t c) {
  if (c < 0x80)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == ':' || c == '_';
  static const char32_t ranges[][2] = {
      {0xC0, 0xD6},     {0xD8, 0xF6},     {0xF8, 0xFF},     {0x100, 0x131},   {0x134, 0x13E},
      {0x141, 0x148},   {0x14A, 0x17E},   {0x391, 0x3A1},   {0x3A3, 0x3CE},   {0x410, 0x44F},
      {0x5D0, 0x5EA},   {0x621, 0x63A},   {0x641, 0x64A},   {0x905, 0x939},   {0x3041, 0x3094},
      {0x30A1, 0x30FA}, {0x4E00, 0x9FA5}, {0xAC00, 0xD7A3}};
  for (const auto& r : ranges)
    if (c >= r[0] && c <= r[1]) return true;
  return false;
}

void append_escape(std::string& out, char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "_x%04X_", static_cast<unsigned>(c));
  out += buf;
}

// attr.name is an xs:NMTOKEN in the GraphML schema, so a column name with
// spaces or markup ("first name", "age (years)") is encoded the way node ids
// are (space -> _x0020_; decode_graphml_id() reverses it). Key names must also
// not collide with Gephi's reserved node properties (x, y, z, size, r, g, b,
// color), which it would read as visual data.
std::string safe_attr_name(const std::string& name) {
  static const char* const reserved[] = {"x", "y", "z", "size", "r", "g", "b", "color"};
  for (const char* r : reserved)
    if (name == r) return name + "_attr";
  return graphml_id(name);
}

// xs:double text: NaN, INF, -INF for the non-finite values.
void append_graphml_double(std::string& b, double v) {
  if (std::isfinite(v)) append_double(b, v);
  else b += std::isnan(v) ? "NaN" : (v > 0 ? "INF" : "-INF");
}

template <class Sink>
void emit(Sink& out, const Network& net, const NodeMeasures& measures, const ExportOptions& options,
          const TieColumns& tie_columns) {
  check_tie_columns(net, tie_columns);
  std::string& b = out.buffer();
  b += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
       "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
       "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
       "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  std::vector<const AttributeColumn*> attrs;
  for (const auto& c : net.attributes.columns())
    if (options.keeps(c.name)) attrs.push_back(&c);
  std::vector<std::string> ids(net.actors.size());
  bool encoded = false;
  for (node_id u = 0; u < net.actors.size(); ++u) {
    ids[u] = graphml_id(net.actors.name(u));
    encoded = encoded || ids[u] != net.actors.name(u);
  }
  std::size_t k = 0;
  if (encoded) b += "  <key id=\"n_actor_id\" for=\"node\" attr.name=\"actor_id\" attr.type=\"string\"/>\n";
  for (const auto* c : attrs) {
    b += "  <key id=\"n" + std::to_string(k++) + "\" for=\"node\" attr.name=\"";
    append_xml_escaped(b, safe_attr_name(c->name));
    b += "\" attr.type=\"";
    b += to_string(c->type);
    b += "\"/>\n";
  }
  for (const auto& m : measures.columns) {
    b += "  <key id=\"n" + std::to_string(k++) + "\" for=\"node\" attr.name=\"";
    append_xml_escaped(b, safe_attr_name(m.name));
    b += m.integer ? "\" attr.type=\"long\"/>\n" : "\" attr.type=\"double\"/>\n";
  }
  b += "  <key id=\"e0\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
       "  <key id=\"e1\" for=\"edge\" attr.name=\"count\" attr.type=\"long\"/>\n"
       "  <key id=\"e2\" for=\"edge\" attr.name=\"first_seen\" attr.type=\"string\"/>\n"
       "  <key id=\"e3\" for=\"edge\" attr.name=\"last_seen\" attr.type=\"string\"/>\n"
       "  <key id=\"e4\" for=\"edge\" attr.name=\"kinds\" attr.type=\"string\"/>\n";
  constexpr std::size_t kFixedEdgeKeys = 5;
  for (std::size_t i = 0; i < tie_columns.size(); ++i) {
    b += "  <key id=\"e" + std::to_string(kFixedEdgeKeys + i) + "\" for=\"edge\" attr.name=\"";
    append_xml_escaped(b, safe_attr_name(tie_columns[i].first));
    b += "\" attr.type=\"double\"/>\n";
  }
  b += net.directed() ? "  <graph id=\"movement\" edgedefault=\"directed\">\n"
                      : "  <graph id=\"movement\" edgedefault=\"undirected\">\n";
  for (node_id u = 0; u < net.actors.size(); ++u) {
    b += "    <node id=\"";
    append_xml_escaped(b, ids[u]);
    b += "\">";
    if (encoded) {
      b += "<data key=\"n_actor_id\">";
      append_xml_escaped(b, net.actors.name(u));
      b += "</data>";
    }
    std::size_t key = 0;
    for (const auto* c : attrs) {
      const std::string& v = c->values[u];
      if (!v.empty()) {
        b += "<data key=\"n" + std::to_string(key) + "\">";
        append_xml_escaped(b, v);
        b += "</data>";
      }
      ++key;
    }
    for (const auto& m : measures.columns) {
      b += "<data key=\"n" + std::to_string(key++) + "\">";
      if (m.integer) b += std::to_string(m.ints[u]);
      else append_graphml_double(b, m.reals[u]);
      b += "</data>";
    }
    b += "</node>\n";
    out.flush_if_large();
  }
  const TieTable& t = net.graph.ties();
  std::string kinds;
  for (edge_id e = 0; e < t.size(); ++e) {
    b += "    <edge source=\"";
    append_xml_escaped(b, ids[t.source[e]]);
    b += "\" target=\"";
    append_xml_escaped(b, ids[t.target[e]]);
    b += "\"><data key=\"e0\">";
    append_double(b, t.weight[e]);
    b += "</data><data key=\"e1\">";
    b += std::to_string(t.count[e]);
    b += "</data><data key=\"e2\">";
    append_timestamp(b, t.first_seen[e]);
    b += "</data><data key=\"e3\">";
    append_timestamp(b, t.last_seen[e]);
    b += "</data><data key=\"e4\">";
    kinds = tie_kinds_text(net, e);
    append_xml_escaped(b, kinds);
    b += "</data>";
    for (std::size_t i = 0; i < tie_columns.size(); ++i) {
      b += "<data key=\"e" + std::to_string(kFixedEdgeKeys + i) + "\">";
      append_graphml_double(b, tie_columns[i].second[e]);
      b += "</data>";
    }
    b += "</edge>\n";
    out.flush_if_large();
  }
  b += "  </graph>\n</graphml>\n";
}

struct StringSink {
  std::string s;
  std::string& buffer() { return s; }
  void flush_if_large() {}
};

}  // namespace

std::string graphml_id(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    char32_t c = b0;
    std::size_t n = 1;
    if (b0 >= 0x80) {
      n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1;
      if (i + n > s.size() || !valid_utf8(s.substr(i, n))) {
        append_escape(out, 0xFFFD);  // not UTF-8: ids are checked on reading, so only from hand-made tables
        ++i;
        continue;
      }
      c = b0 & (0xFF >> (n + 1));
      for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    const bool underscore_x = c == '_' && i + 1 < s.size() && s[i + 1] == 'x';
    if (plain_id_char(c) && !underscore_x) out.append(s.data() + i, n);
    else append_escape(out, c);
    i += n;
  }
  if (out.empty()) out = "_x0000_";  // never happens for checked ids
  return out;
}

std::string decode_graphml_id(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '_' && i + 2 < s.size() && s[i + 1] == 'x') {
      std::size_t j = i + 2;
      char32_t c = 0;
      while (j < s.size() && std::isxdigit(static_cast<unsigned char>(s[j])) && j - i < 10)
        c = c * 16 + (std::isdigit(static_cast<unsigned char>(s[j])) ? s[j] - '0' : (std::toupper(s[j]) - 'A' + 10)), ++j;
      if (j < s.size() && s[j] == '_' && j - i >= 6) {
        if (c < 0x80) out += static_cast<char>(c);
        else if (c < 0x800) out += static_cast<char>(0xC0 | (c >> 6)), out += static_cast<char>(0x80 | (c & 0x3F));
        else if (c < 0x10000)
          out += static_cast<char>(0xE0 | (c >> 12)), out += static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
              out += static_cast<char>(0x80 | (c & 0x3F));
        else
          out += static_cast<char>(0xF0 | (c >> 18)), out += static_cast<char>(0x80 | ((c >> 12) & 0x3F)),
              out += static_cast<char>(0x80 | ((c >> 6) & 0x3F)), out += static_cast<char>(0x80 | (c & 0x3F));
        i = j + 1;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

void write_graphml(const std::string& path, const Network& net, const NodeMeasures& measures,
                   const ExportOptions& options, const TieColumns& tie_columns) {
  AtomicFile f(path);
  emit(f, net, measures, options, tie_columns);
  f.commit();
}

std::string graphml_string(const Network& net, const NodeMeasures& measures, const ExportOptions& options,
                           const TieColumns& tie_columns) {
  StringSink s;
  emit(s, net, measures, options, tie_columns);
  return std::move(s.s);
}

}  // namespace movemap
