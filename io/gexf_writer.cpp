#include "io/gexf_writer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "io/atomic_file.hpp"
#include "io/csv_writer.hpp"
#include "io/graphml_writer.hpp"
#include "io/timestamp_parser.hpp"
#include "io/xml_text.hpp"
#include "movemap/error.hpp"

namespace movemap {
namespace {

constexpr timestamp kNoSpell = std::numeric_limits<timestamp>::min();

// Spells of `items` things, each seen at the contacts `seen(i, visit)` names
// (visit(item) once or twice per contact), by the rule in the header.
template <class Seen>
GexfSpells spells_of(const Network& net, std::size_t items, timestamp lapse, Seen seen) {
  if (lapse < 0) throw UsageError("lapse must be 0 (no lapse) or a positive number of seconds");
  const Contacts& c = net.contacts;
  timestamp log_end = net.stats.last_time;
  if (!c.empty()) log_end = std::max(log_end, c.time.back());
  GexfSpells out;
  std::vector<timestamp> first(items, kNoSpell);
  if (lapse == 0) {  // one spell per item seen: [first contact, end of the log]
    auto mark = [&](std::size_t i, timestamp t) {
      if (first[i] == kNoSpell) first[i] = t;
    };
    for (std::size_t k = 0; k < c.size(); ++k) seen(k, mark);
    out.offsets.assign(items + 1, 0);
    for (std::size_t i = 0; i < items; ++i) {
      out.offsets[i + 1] = out.offsets[i] + (first[i] != kNoSpell);
      if (first[i] != kNoSpell) out.start.push_back(first[i]);
    }
    out.end.assign(out.start.size(), log_end);
    return out;
  }
  std::vector<timestamp> last(items, kNoSpell);
  std::vector<std::uint64_t> owner;  // finished spells, in the order they end
  std::vector<timestamp> s0, s1;
  auto visit = [&](std::size_t i, timestamp t) {
    if (first[i] == kNoSpell) {
      first[i] = last[i] = t;
    } else if (t - last[i] > lapse) {
      owner.push_back(i);
      s0.push_back(first[i]);
      s1.push_back(last[i] + lapse);
      first[i] = last[i] = t;
    } else {
      last[i] = t;
    }
  };
  for (std::size_t k = 0; k < c.size(); ++k) seen(k, visit);
  for (std::size_t i = 0; i < items; ++i)
    if (first[i] != kNoSpell) {
      owner.push_back(i);
      s0.push_back(first[i]);
      s1.push_back(last[i] + lapse);
    }
  // Group by item (counting sort, stable: each item's spells stay in time order).
  out.offsets.assign(items + 1, 0);
  for (const auto i : owner) ++out.offsets[i + 1];
  for (std::size_t i = 0; i < items; ++i) out.offsets[i + 1] += out.offsets[i];
  out.start.resize(owner.size());
  out.end.resize(owner.size());
  std::vector<std::uint64_t> next(out.offsets.begin(), out.offsets.end() - 1);
  for (std::size_t k = 0; k < owner.size(); ++k) {
    const std::uint64_t at = next[static_cast<std::size_t>(owner[k])]++;
    out.start[at] = s0[k];
    out.end[at] = s1[k];
  }
  return out;
}

// xs:double-compatible text that Gephi (Double.parseDouble) and Python read.
void append_gexf_double(std::string& b, double v) {
  if (std::isfinite(v)) append_double(b, v);
  else b += std::isnan(v) ? "NaN" : (v > 0 ? "Infinity" : "-Infinity");
}

const char* gexf_type(AttributeType t) {
  switch (t) {
    case AttributeType::Boolean: return "boolean";
    case AttributeType::Long: return "long";
    case AttributeType::Double: return "double";
    case AttributeType::String: return "string";
  }
  return "string";
}

// Window w's value appears over [max(start[w], end[w-1]), end[w] - 1].
void check_timeline(const Network& net, const NodeMeasures& measures, const GexfOptions& options) {
  const GexfTimeline* tl = options.timeline;
  if (!tl) return;
  if (!options.dynamic) throw UsageError("a GEXF timeline (per-window values) needs dynamic mode");
  const std::size_t windows = tl->start.size();
  if (tl->end.size() != windows)
    throw UsageError("GEXF timeline: " + std::to_string(windows) + " window starts but " +
                     std::to_string(tl->end.size()) + " ends");
  for (std::size_t w = 0; w < windows; ++w) {
    if (tl->start[w] >= tl->end[w])
      throw UsageError("GEXF timeline: window " + std::to_string(w) + " ends before it starts");
    if (w > 0 && tl->end[w] <= tl->end[w - 1])
      throw UsageError("GEXF timeline: window ends must increase (window " + std::to_string(w) + ")");
  }
  const std::size_t n = net.actors.size();
  for (std::size_t i = 0; i < tl->node_columns.size(); ++i) {
    const WindowedNodeColumn& col = tl->node_columns[i];
    const std::string what = "GEXF timeline column \"" + col.name + "\": ";
    if (col.offsets.size() != windows + 1 || col.offsets.front() != 0)
      throw UsageError(what + "needs one offset per window plus one, starting at 0");
    if (col.node.size() != col.value.size() || col.offsets.back() != col.node.size())
      throw UsageError(what + "offsets, nodes and values disagree in size");
    for (std::size_t w = 0; w < windows; ++w) {
      if (col.offsets[w + 1] < col.offsets[w]) throw UsageError(what + "offsets must not decrease");
      for (std::uint64_t k = col.offsets[w]; k < col.offsets[w + 1]; ++k) {
        if (col.node[k] >= n) throw UsageError(what + "node id out of range");
        if (k > col.offsets[w] && col.node[k] <= col.node[k - 1])
          throw UsageError(what + "nodes must be ascending within a window");
      }
    }
    auto clash = [&](const std::string& name) { return name == col.name; };
    bool taken = std::any_of(measures.columns.begin(), measures.columns.end(),
                             [&](const MeasureColumn& m) { return clash(m.name); });
    for (const auto& c : net.attributes.columns())
      taken = taken || (options.exports.keeps(c.name) && clash(c.name));
    for (std::size_t j = 0; j < i; ++j) taken = taken || clash(tl->node_columns[j].name);
    if (taken) throw UsageError(what + "a node column of that name is already written");
  }
}

// The windowed columns regrouped by node: for node u, entries
// offsets[u] .. offsets[u+1] of (window, value), windows ascending.
struct NodeWindows {
  std::vector<std::uint64_t> offsets;
  std::vector<std::uint32_t> window;
  std::vector<double> value;
};

NodeWindows by_node(const WindowedNodeColumn& col, std::size_t n) {
  NodeWindows out;
  out.offsets.assign(n + 1, 0);
  for (const auto u : col.node) ++out.offsets[u + 1];
  for (std::size_t u = 0; u < n; ++u) out.offsets[u + 1] += out.offsets[u];
  out.window.resize(col.node.size());
  out.value.resize(col.node.size());
  std::vector<std::uint64_t> next(out.offsets.begin(), out.offsets.end() - 1);
  for (std::size_t w = 0; w + 1 < col.offsets.size(); ++w)
    for (std::uint64_t k = col.offsets[w]; k < col.offsets[w + 1]; ++k) {
      const std::uint64_t at = next[col.node[k]]++;
      out.window[at] = static_cast<std::uint32_t>(w);
      out.value[at] = col.value[k];
    }
  return out;
}

void append_attribute(std::string& b, const std::string& id, const std::string& title, const char* type) {
  b += "      <attribute id=\"" + id + "\" title=\"";
  append_xml_escaped(b, title);
  b += "\" type=\"";
  b += type;
  b += "\"/>\n";
}

void append_attvalue(std::string& b, const std::string& id, std::string_view value) {
  b += "<attvalue for=\"" + id + "\" value=\"";
  append_xml_escaped(b, value);
  b += "\"/>";
}

void append_spells(std::string& b, const GexfSpells& s, std::size_t item) {
  if (s.offsets[item] == s.offsets[item + 1]) return;
  b += "<spells>";
  for (std::uint64_t k = s.offsets[item]; k < s.offsets[item + 1]; ++k) {
    b += "<spell start=\"";
    append_timestamp(b, s.start[k]);
    b += "\" end=\"";
    append_timestamp(b, s.end[k]);
    b += "\"/>";
  }
  b += "</spells>";
}

template <class Sink>
void emit(Sink& out, const Network& net, const NodeMeasures& measures, const GexfOptions& options,
          const TieColumns& tie_columns) {
  check_tie_columns(net, tie_columns);
  for (const auto& m : measures.columns)
    if ((m.integer ? m.ints.size() : m.reals.size()) != net.actors.size())
      throw Error("node column \"" + m.name + "\" has the wrong number of values");
  check_timeline(net, measures, options);
  const bool dynamic = options.dynamic;
  if (dynamic && net.graph.num_ties() > 0 && net.contacts.empty())
    throw UsageError("a dynamic GEXF needs the network's contacts (build it with NetworkOptions::keep_contacts)");
  const std::size_t n = net.actors.size();
  GexfSpells node_spells, tie_spells;
  if (dynamic) {
    node_spells = gexf_node_spells(net, options.lapse_seconds);
    tie_spells = gexf_tie_spells(net, options.lapse_seconds);
  }
  const GexfTimeline* tl = dynamic ? options.timeline : nullptr;
  std::vector<NodeWindows> windowed;
  if (tl)
    for (const auto& col : tl->node_columns) windowed.push_back(by_node(col, n));

  std::string& b = out.buffer();
  b += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
       "  <meta>\n    <creator>movemap</creator>\n  </meta>\n";
  b += net.directed() ? "  <graph defaultedgetype=\"directed\" idtype=\"string\""
                      : "  <graph defaultedgetype=\"undirected\" idtype=\"string\"";
  b += dynamic ? " mode=\"dynamic\" timeformat=\"dateTime\" timerepresentation=\"interval\" timezone=\"UTC\">\n"
               : " mode=\"static\">\n";

  // Node columns.
  const AttributeColumn* label = options.exports.labels ? net.attributes.find("label") : nullptr;
  if (label && !options.exports.keeps("label")) label = nullptr;
  std::vector<const AttributeColumn*> attrs;
  for (const auto& c : net.attributes.columns())
    if (options.exports.keeps(c.name) && c.name != "label") attrs.push_back(&c);
  std::vector<std::string> ids(n);
  bool encoded = false;
  for (node_id u = 0; u < n; ++u) {
    ids[u] = graphml_id(net.actors.name(u));
    encoded = encoded || ids[u] != net.actors.name(u);
  }
  b += "    <attributes class=\"node\" mode=\"static\">\n";
  if (encoded) append_attribute(b, "actor_id", "actor_id", "string");
  std::size_t k = 0;
  for (const auto* c : attrs) append_attribute(b, "n" + std::to_string(k++), c->name, gexf_type(c->type));
  for (const auto& m : measures.columns)
    append_attribute(b, "n" + std::to_string(k++), m.name, m.integer ? "long" : "double");
  b += "    </attributes>\n";
  if (tl && !tl->node_columns.empty()) {
    b += "    <attributes class=\"node\" mode=\"dynamic\">\n";
    for (std::size_t i = 0; i < tl->node_columns.size(); ++i)
      append_attribute(b, "w" + std::to_string(i), tl->node_columns[i].name, "double");
    b += "    </attributes>\n";
  }
  b += "    <attributes class=\"edge\" mode=\"static\">\n";
  append_attribute(b, "e0", "count", "long");
  append_attribute(b, "e1", "first_seen", "string");
  append_attribute(b, "e2", "last_seen", "string");
  append_attribute(b, "e3", "kinds", "string");
  constexpr std::size_t kFixedEdgeColumns = 4;
  for (std::size_t i = 0; i < tie_columns.size(); ++i)
    append_attribute(b, "e" + std::to_string(kFixedEdgeColumns + i), tie_columns[i].first, "double");
  b += "    </attributes>\n";

  // Nodes.
  b += "    <nodes count=\"" + std::to_string(n) + "\">\n";
  std::string text;
  for (node_id u = 0; u < n; ++u) {
    b += "      <node id=\"";
    append_xml_escaped(b, ids[u]);
    b += '"';
    if (label && !label->values[u].empty()) {
      b += " label=\"";
      append_xml_escaped(b, label->values[u]);
      b += '"';
    }
    b += "><attvalues>";
    if (encoded) append_attvalue(b, "actor_id", net.actors.name(u));
    std::size_t key = 0;
    for (const auto* c : attrs) {
      if (!c->values[u].empty()) append_attvalue(b, "n" + std::to_string(key), c->values[u]);
      ++key;
    }
    for (const auto& m : measures.columns) {
      text.clear();
      if (m.integer) text = std::to_string(m.ints[u]);
      else append_gexf_double(text, m.reals[u]);
      append_attvalue(b, "n" + std::to_string(key++), text);
    }
    for (std::size_t i = 0; i < windowed.size(); ++i) {
      const NodeWindows& nw = windowed[i];
      for (std::uint64_t j = nw.offsets[u]; j < nw.offsets[u + 1]; ++j) {
        const std::uint32_t w = nw.window[j];
        const timestamp from = w > 0 ? std::max(tl->start[w], tl->end[w - 1]) : tl->start[w];
        b += "<attvalue for=\"w" + std::to_string(i) + "\" value=\"";
        append_gexf_double(b, nw.value[j]);
        b += "\" start=\"";
        append_timestamp(b, from);
        b += "\" end=\"";
        append_timestamp(b, tl->end[w] - 1);
        b += "\"/>";
      }
    }
    b += "</attvalues>";
    if (dynamic) append_spells(b, node_spells, u);
    b += "</node>\n";
    out.flush_if_large();
  }
  b += "    </nodes>\n";

  // Edges.
  const TieTable& t = net.graph.ties();
  b += "    <edges count=\"" + std::to_string(t.size()) + "\">\n";
  for (edge_id e = 0; e < t.size(); ++e) {
    b += "      <edge id=\"" + std::to_string(e) + "\" source=\"";
    append_xml_escaped(b, ids[t.source[e]]);
    b += "\" target=\"";
    append_xml_escaped(b, ids[t.target[e]]);
    b += "\" weight=\"";
    if (std::isfinite(t.weight[e])) append_double(b, t.weight[e]);
    else b += "INF";  // xs:double; only a sum that overflowed
    b += "\"><attvalues>";
    append_attvalue(b, "e0", std::to_string(t.count[e]));
    text.clear();
    append_timestamp(text, t.first_seen[e]);
    append_attvalue(b, "e1", text);
    text.clear();
    append_timestamp(text, t.last_seen[e]);
    append_attvalue(b, "e2", text);
    append_attvalue(b, "e3", tie_kinds_text(net, e));
    for (std::size_t i = 0; i < tie_columns.size(); ++i) {
      text.clear();
      append_gexf_double(text, tie_columns[i].second[e]);
      append_attvalue(b, "e" + std::to_string(kFixedEdgeColumns + i), text);
    }
    b += "</attvalues>";
    if (dynamic) append_spells(b, tie_spells, e);
    b += "</edge>\n";
    out.flush_if_large();
  }
  b += "    </edges>\n  </graph>\n</gexf>\n";
}

struct StringSink {
  std::string s;
  std::string& buffer() { return s; }
  void flush_if_large() {}
};

}  // namespace

GexfSpells gexf_node_spells(const Network& net, timestamp lapse_seconds) {
  const Contacts& c = net.contacts;
  return spells_of(net, net.actors.size(), lapse_seconds, [&](std::size_t k, auto& visit) {
    visit(c.source[k], c.time[k]);
    if (c.target[k] != c.source[k]) visit(c.target[k], c.time[k]);
  });
}

GexfSpells gexf_tie_spells(const Network& net, timestamp lapse_seconds) {
  const Contacts& c = net.contacts;
  return spells_of(net, net.graph.num_ties(), lapse_seconds,
                   [&](std::size_t k, auto& visit) { visit(c.tie[k], c.time[k]); });
}

void write_gexf(const std::string& path, const Network& net, const NodeMeasures& measures,
                const GexfOptions& options, const TieColumns& tie_columns) {
  AtomicFile f(path);
  emit(f, net, measures, options, tie_columns);
  f.commit();
}

std::string gexf_string(const Network& net, const NodeMeasures& measures, const GexfOptions& options,
                        const TieColumns& tie_columns) {
  StringSink s;
  emit(s, net, measures, options, tie_columns);
  return std::move(s.s);
}

}  // namespace movemap
