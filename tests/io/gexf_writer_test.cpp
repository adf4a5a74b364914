// GEXF 1.3 export (io/gexf_writer.hpp): static columns, node and edge spells
// by the lapse rule on a hand-built log whose spells are written out below,
// per-window dynamic attributes, hostile text, argument checks, and
// validation against the GEXF 1.3 RelaxNG schema with xmllint when present.
#include "support/temp_files.hpp"
#include "io/gexf_writer.hpp"

#include <gtest/gtest.h>

#include <deque>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "io/timestamp_parser.hpp"
#include "io/xml_text.hpp"
#include "movemap/error.hpp"
#include "movemap/interaction_log.hpp"
#include "movemap/network.hpp"

namespace movemap {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

constexpr timestamp kBase = 1704067200;  // 2024-01-01T00:00:00Z

// Rows (seconds after kBase):
//     0  a -> b        100  a -> b
//    10  b -> c        105  c -> c   (self-interaction)
//   200  d -> e        220  d -> e   (gap 20 = the lapse below: one spell)
// Undirected; nodes by first appearance a=0 b=1 c=2 d=3 e=4; ties a-b, b-c,
// c-c, d-e.
InteractionLog spell_log() {
  InteractionLogBuilder b;
  InteractionBatch x;
  x.push_back(kBase + 0, "a", "b", "", "meeting", 1.0);
  x.push_back(kBase + 10, "b", "c", "", "referral", 2.0);
  x.push_back(kBase + 100, "a", "b", "", "message", 1.0);
  x.push_back(kBase + 105, "c", "c", "", "", 1.0);
  x.push_back(kBase + 200, "d", "e", "", "", 1.0);
  x.push_back(kBase + 220, "d", "e", "", "", 1.0);
  b.append(x);
  return b.finish();
}

Network spell_network(bool directed = false) {
  NetworkOptions o;
  o.directed = directed;
  o.keep_contacts = true;
  return build_network(spell_log(), nullptr, o);
}

using Spans = std::vector<std::pair<timestamp, timestamp>>;

Spans spans(const GexfSpells& s, std::size_t item) {
  Spans out;
  for (auto k = s.offsets[item]; k < s.offsets[item + 1]; ++k) out.emplace_back(s.start[k] - kBase, s.end[k] - kBase);
  return out;
}

edge_id tie_between(const Network& net, const std::string& u, const std::string& v) {
  const TieTable& t = net.graph.ties();
  for (edge_id e = 0; e < t.size(); ++e) {
    const std::string s(net.actors.name(t.source[e])), g(net.actors.name(t.target[e]));
    if ((s == u && g == v) || (s == v && g == u)) return e;
  }
  ADD_FAILURE() << "no tie " << u << "-" << v;
  return 0;
}

// Each <node ...>...</node> / <edge ...>...</edge> is on one line.
std::map<std::string, std::string> elements(const std::string& xml, const std::string& tag, const std::string& key) {
  std::map<std::string, std::string> out;
  const std::regex re("<" + tag + " [^\\n]*?" + key + "=\"([^\"]*)\"[^\\n]*</" + tag + ">");
  for (std::sregex_iterator it(xml.begin(), xml.end(), re), end; it != end; ++it) out[(*it)[1]] = (*it)[0];
  return out;
}

std::vector<std::string> all(const std::string& text, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it)
    out.push_back((*it).size() > 1 ? (*it)[1].str() : (*it)[0].str());
  return out;
}

std::string iso(timestamp seconds_after_base) { return format_timestamp(kBase + seconds_after_base); }

// xmllint against the RelaxNG schema; "" when valid or skipped (reason in *skip).
void expect_valid(const std::string& xml, const std::string& name) {
  const std::string rng = MOVEMAP_SOURCE_DIR "/../shared/schemas/gexf-1.3/gexf.rng";
  if (!fs::exists(rng)) GTEST_SKIP() << "GEXF schema not found at " << rng;
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) GTEST_SKIP() << "xmllint not installed";
  TempDir dir;
  const std::string path = dir.file(name, xml);
  const std::string cmd = "xmllint --noout --relaxng '" + rng + "' '" + path + "' 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd << "\n" << xml.substr(0, 3000);
}

TEST(GexfWriter, NodeSpellsByLapse) {
  const Network net = spell_network();
  ASSERT_EQ(net.actors.name(0), "a");
  ASSERT_EQ(net.actors.name(4), "e");
  // Lapse 20: a seen at 0, 100 -> [0,20] [100,120]; b at 0, 10, 100 -> [0,30] [100,120];
  // c at 10, 105 -> [10,30] [105,125]; d, e at 200, 220 (gap = lapse) -> [200,240].
  const GexfSpells s = gexf_node_spells(net, 20);
  EXPECT_EQ(spans(s, 0), (Spans{{0, 20}, {100, 120}}));
  EXPECT_EQ(spans(s, 1), (Spans{{0, 30}, {100, 120}}));
  EXPECT_EQ(spans(s, 2), (Spans{{10, 30}, {105, 125}}));
  EXPECT_EQ(spans(s, 3), (Spans{{200, 240}}));
  EXPECT_EQ(spans(s, 4), (Spans{{200, 240}}));
  // Lapse 19: the d-e gap of 20 now lapses.
  EXPECT_EQ(spans(gexf_node_spells(net, 19), 3), (Spans{{200, 219}, {220, 239}}));
  // No lapse: first contact to the end of the log (220).
  const GexfSpells z = gexf_node_spells(net, 0);
  EXPECT_EQ(spans(z, 0), (Spans{{0, 220}}));
  EXPECT_EQ(spans(z, 2), (Spans{{10, 220}}));
  EXPECT_EQ(spans(z, 4), (Spans{{200, 220}}));
  EXPECT_THROW(gexf_node_spells(net, -1), UsageError);
}

TEST(GexfWriter, TieSpellsByLapse) {
  for (const bool directed : {false, true}) {
    const Network net = spell_network(directed);
    const GexfSpells s = gexf_tie_spells(net, 20);
    EXPECT_EQ(spans(s, tie_between(net, "a", "b")), (Spans{{0, 20}, {100, 120}}));
    EXPECT_EQ(spans(s, tie_between(net, "b", "c")), (Spans{{10, 30}}));
    EXPECT_EQ(spans(s, tie_between(net, "c", "c")), (Spans{{105, 125}}));
    EXPECT_EQ(spans(s, tie_between(net, "d", "e")), (Spans{{200, 240}}));
    const GexfSpells z = gexf_tie_spells(net, 0);
    EXPECT_EQ(spans(z, tie_between(net, "c", "c")), (Spans{{105, 220}}));
  }
}

TEST(GexfWriter, StaticColumnsAndValid) {
  ActorTable t;
  for (const char* id : {"a", "b", "c", "isolate"}) t.ids.intern(id);
  t.attributes = AttributeTable(4);
  auto set = [&](const char* name, std::vector<std::string> v) {
    AttributeColumn& c = t.attributes.column(name);
    c.values = std::move(v);
    c.infer_type();
  };
  set("role", {"champion", "citizen", "service", "citizen"});
  set("label", {"Ann", "Bob", "", "Iso"});
  set("age", {"34", "", "51", "20"});
  NetworkOptions o;
  o.keep_contacts = true;
  const Network net = build_network(spell_log(), &t, o);
  NodeMeasures m = degree_measures(net);
  m.add_real("score", {0.5, std::nan(""), INFINITY, 1, 2, 3});
  const TieColumns ties{{"betweenness", std::vector<double>(net.graph.num_ties(), 0.25)}};
  const std::string xml = gexf_string(net, m, GexfOptions{}, ties);
  EXPECT_TRUE(valid_utf8(xml));
  EXPECT_NE(xml.find("<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">"), std::string::npos);
  EXPECT_NE(xml.find("defaultedgetype=\"undirected\""), std::string::npos);
  EXPECT_NE(xml.find("mode=\"static\">"), std::string::npos);
  EXPECT_EQ(xml.find("<spell"), std::string::npos);
  // Columns: role, age (label goes to the node label), then the measures.
  EXPECT_EQ(all(xml, "<attribute id=\"(n[0-9]+)\""),
            (std::vector<std::string>{"n0", "n1", "n2", "n3", "n4", "n5"}));
  EXPECT_EQ(all(xml, "<attribute id=\"n[0-9]+\" title=\"([^\"]*)\""),
            (std::vector<std::string>{"role", "age", "degree", "strength", "component", "score"}));
  EXPECT_NE(xml.find("title=\"age\" type=\"long\""), std::string::npos);
  EXPECT_NE(xml.find("title=\"degree\" type=\"long\""), std::string::npos);
  EXPECT_NE(xml.find("title=\"strength\" type=\"double\""), std::string::npos);
  EXPECT_EQ(all(xml, "<attribute id=\"(e[0-9]+)\" title=\"([^\"]*)\""),
            (std::vector<std::string>{"e0", "e1", "e2", "e3", "e4"}));
  const auto nodes = elements(xml, "node", "id");
  ASSERT_EQ(nodes.size(), 6u);
  EXPECT_NE(nodes.at("a").find("label=\"Ann\""), std::string::npos);
  EXPECT_EQ(nodes.at("c").find("label="), std::string::npos);  // empty label cell
  EXPECT_EQ(nodes.at("b").find("for=\"n1\""), std::string::npos);  // missing age not written
  EXPECT_NE(nodes.at("b").find("<attvalue for=\"n5\" value=\"NaN\"/>"), std::string::npos);
  EXPECT_NE(nodes.at("c").find("<attvalue for=\"n5\" value=\"Infinity\"/>"), std::string::npos);
  EXPECT_NE(nodes.at("isolate").find("<attvalue for=\"n2\" value=\"0\"/>"), std::string::npos);
  // The a-b tie: weight 2 over 2 interactions, first at 0, last at 100, kinds sorted.
  const auto edges = elements(xml, "edge", "id");
  ASSERT_EQ(edges.size(), 4u);
  const std::string ab = edges.at(std::to_string(tie_between(net, "a", "b")));
  EXPECT_NE(ab.find("source=\"a\" target=\"b\" weight=\"2\""), std::string::npos) << ab;
  EXPECT_NE(ab.find("<attvalue for=\"e0\" value=\"2\"/>"), std::string::npos);
  EXPECT_NE(ab.find("<attvalue for=\"e1\" value=\"" + iso(0) + "\"/>"), std::string::npos);
  EXPECT_NE(ab.find("<attvalue for=\"e2\" value=\"" + iso(100) + "\"/>"), std::string::npos);
  EXPECT_NE(ab.find("<attvalue for=\"e3\" value=\"meeting;message\"/>"), std::string::npos);
  EXPECT_NE(ab.find("<attvalue for=\"e4\" value=\"0.25\"/>"), std::string::npos);
  expect_valid(xml, "static.gexf");

  // ExportOptions: no labels, only role.
  GexfOptions narrow;
  narrow.exports.labels = false;
  narrow.exports.attributes = {"role"};
  const std::string x2 = gexf_string(net, NodeMeasures{}, narrow);
  EXPECT_EQ(x2.find("label="), std::string::npos);
  EXPECT_EQ(all(x2, "<attribute id=\"n[0-9]+\" title=\"([^\"]*)\""), (std::vector<std::string>{"role"}));
  expect_valid(x2, "narrow.gexf");
}

TEST(GexfWriter, DynamicSpellsInTheFile) {
  for (const bool directed : {false, true}) {
    const Network net = spell_network(directed);
    GexfOptions o;
    o.dynamic = true;
    o.lapse_seconds = 20;
    const std::string xml = gexf_string(net, degree_measures(net), o);
    EXPECT_NE(xml.find("mode=\"dynamic\" timeformat=\"dateTime\" timerepresentation=\"interval\" timezone=\"UTC\""),
              std::string::npos);
    EXPECT_NE(xml.find(directed ? "defaultedgetype=\"directed\"" : "defaultedgetype=\"undirected\""),
              std::string::npos);
    const auto nodes = elements(xml, "node", "id");
    EXPECT_EQ(all(nodes.at("b"), "<spell start=\"([^\"]*)\""), (std::vector<std::string>{iso(0), iso(100)}));
    EXPECT_EQ(all(nodes.at("b"), "end=\"([^\"]*)\"/>"), (std::vector<std::string>{iso(30), iso(120)}));
    EXPECT_EQ(iso(30), "2024-01-01T00:00:30Z");
    const auto edges = elements(xml, "edge", "id");
    const std::string cc = edges.at(std::to_string(tie_between(net, "c", "c")));
    EXPECT_NE(cc.find("<spells><spell start=\"" + iso(105) + "\" end=\"" + iso(125) + "\"/></spells>"),
              std::string::npos)
        << cc;
    expect_valid(xml, directed ? "dynamic_directed.gexf" : "dynamic.gexf");
  }
}

TEST(GexfWriter, TimelineAttvalues) {
  const Network net = spell_network();
  // Windows (seconds after kBase): sliding [0,100) [50,150) [100,200), then cumulative-like [0,300).
  GexfTimeline tl;
  tl.start = {kBase + 0, kBase + 50, kBase + 100, kBase + 0};
  tl.end = {kBase + 100, kBase + 150, kBase + 200, kBase + 300};
  WindowedNodeColumn deg{"window_degree", {0}, {}, {}};
  auto add = [&](std::vector<std::pair<node_id, double>> entries) {
    for (const auto& [u, v] : entries) deg.node.push_back(u), deg.value.push_back(v);
    deg.offsets.push_back(deg.node.size());
  };
  add({{0, 1}, {1, 2}, {2, 1}});  // window 0
  add({{0, 1}, {1, 1}, {2, 1}});  // window 1
  add({{0, 1}, {1, 1}, {2, 1}});  // window 2
  add({{0, 1}, {1, 2}, {2, 2}, {3, 1}, {4, 1}});
  tl.node_columns.push_back(deg);
  GexfOptions o;
  o.dynamic = true;
  o.timeline = &tl;
  const std::string xml = gexf_string(net, degree_measures(net), o);
  EXPECT_NE(xml.find("<attributes class=\"node\" mode=\"dynamic\">\n      <attribute id=\"w0\" "
                     "title=\"window_degree\" type=\"double\"/>"),
            std::string::npos);
  // Node b: [0, 99] value 2; [100, 149] (after window 0 ended) value 1; [150, 199] value 1; [200, 299] value 2.
  const auto nodes = elements(xml, "node", "id");
  const std::string b = nodes.at("b");
  EXPECT_EQ(all(b, "<attvalue for=\"w0\" value=\"([^\"]*)\""), (std::vector<std::string>{"2", "1", "1", "2"}));
  EXPECT_EQ(all(b, "for=\"w0\" value=\"[^\"]*\" start=\"([^\"]*)\""),
            (std::vector<std::string>{iso(0), iso(100), iso(150), iso(200)}));
  EXPECT_EQ(all(b, "for=\"w0\" value=\"[^\"]*\" start=\"[^\"]*\" end=\"([^\"]*)\""),
            (std::vector<std::string>{iso(99), iso(149), iso(199), iso(299)}));
  // d has a value in the last window only.
  EXPECT_EQ(all(nodes.at("d"), "for=\"w0\" value=\"[^\"]*\" start=\"([^\"]*)\""), (std::vector<std::string>{iso(200)}));
  expect_valid(xml, "timeline.gexf");
}

TEST(GexfWriter, RejectsBadRequests) {
  const Network net = spell_network();
  GexfTimeline tl;
  tl.start = {kBase, kBase + 10};
  tl.end = {kBase + 20, kBase + 20};  // ends do not increase
  GexfOptions o;
  o.timeline = &tl;
  EXPECT_THROW(gexf_string(net, NodeMeasures{}, o), UsageError);  // timeline without dynamic
  o.dynamic = true;
  EXPECT_THROW(gexf_string(net, NodeMeasures{}, o), UsageError);
  tl.end = {kBase + 20, kBase + 30};
  tl.node_columns.push_back(WindowedNodeColumn{"degree", {0, 1, 2}, {0, 0}, {1, 1}});
  EXPECT_THROW(gexf_string(net, degree_measures(net), o), UsageError);  // name clash with the static "degree"
  tl.node_columns[0].name = "wdeg";
  EXPECT_NO_THROW(gexf_string(net, degree_measures(net), o));
  tl.node_columns[0].node = {0, 9};  // node out of range
  EXPECT_THROW(gexf_string(net, NodeMeasures{}, o), UsageError);
  tl.node_columns[0] = WindowedNodeColumn{"wdeg", {0, 2, 2}, {1, 0}, {1, 1}};  // not ascending
  EXPECT_THROW(gexf_string(net, NodeMeasures{}, o), UsageError);
  // Dynamic mode without contacts.
  const Network plain = build_network(spell_log(), nullptr, NetworkOptions{});
  GexfOptions d;
  d.dynamic = true;
  EXPECT_THROW(gexf_string(plain, NodeMeasures{}, d), UsageError);
  EXPECT_NO_THROW(gexf_string(plain, NodeMeasures{}, GexfOptions{}));
  EXPECT_THROW(write_gexf("/nonexistent-movemap-dir/x/net.gexf", plain, NodeMeasures{}, GexfOptions{}), IoError);
}

TEST(GexfWriter, HostileTextStaysValid) {
  const std::string zoe = "Zo\xC3\xAB", control = "ctl\x01\x1B end", markup = "<&\"'>";
  ActorTable t;
  for (const std::string& id : {std::string("a b"), zoe, std::string("x<y&z"), std::string("_x0041_")}) t.ids.intern(id);
  t.attributes = AttributeTable(4);
  auto set = [&](const std::string& name, std::vector<std::string> v) {
    AttributeColumn& c = t.attributes.column(name);
    c.values = std::move(v);
    c.infer_type();
  };
  set("role", {"champion", "citizen", "service", "anchor"});
  set("label", {markup, control, zoe, "  spaced   out  "});
  set("first name" + markup, {"p", "q", "r", control});
  InteractionLogBuilder b;
  InteractionBatch x;
  x.push_back(kBase, "a b", zoe, "", "m&m's <x>\x01", 1.0);
  x.push_back(kBase + 5, "x<y&z", "_x0041_", "", "", 1.0);
  x.push_back(kBase + 9, zoe, "", "ev", "", 1.0);
  x.push_back(kBase + 9, "_x0041_", "", "ev", "", 1.0);
  b.append(x);
  NetworkOptions o;
  o.keep_contacts = true;
  o.directed = true;
  const Network net = build_network(b.finish(), &t, o);
  GexfOptions g;
  g.dynamic = true;
  g.lapse_seconds = 3;
  const std::string xml = gexf_string(net, degree_measures(net), g);
  EXPECT_TRUE(valid_utf8(xml));
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_EQ(xml.find('\x1B'), std::string::npos);
  // Encoded ids come with the original in actor_id.
  EXPECT_NE(xml.find("<attribute id=\"actor_id\" title=\"actor_id\" type=\"string\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<node id=\"a_x0020_b\" label=\"&lt;&amp;&quot;&apos;&gt;\"><attvalues><attvalue "
                     "for=\"actor_id\" value=\"a b\"/>"),
            std::string::npos)
      << xml;
  expect_valid(xml, "hostile.gexf");
  TempDir dir;
  const std::string path = (dir.path / "h.gexf").string();
  write_gexf(path, net, degree_measures(net), g);
  EXPECT_EQ(testing::slurp(path), xml);
  EXPECT_EQ(dir.entries().size(), 1u);
}

TEST(GexfWriter, EmptyNetworkIsValid) {
  NetworkOptions o;
  o.keep_contacts = true;
  const Network net = build_network(InteractionLog{}, nullptr, o);
  GexfOptions d;
  d.dynamic = true;
  expect_valid(gexf_string(net, NodeMeasures{}, GexfOptions{}), "empty_static.gexf");
  expect_valid(gexf_string(net, NodeMeasures{}, d), "empty_dynamic.gexf");
}

// Random logs: spells against a direct computation from the contact list
// (per item: sort its contact times, split at gaps > lapse).
TEST(GexfWriter, SpellsMatchContactsOnRandomLogs) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 20; ++round) {
    InteractionLogBuilder b;
    InteractionBatch x;
    std::deque<std::string> text;  // the batch holds views: the strings must outlive append()
    const int actors = 2 + static_cast<int>(rng() % 15), rows = 1 + static_cast<int>(rng() % 80);
    for (int r = 0; r < rows; ++r) {
      const std::string& s = text.emplace_back("n" + std::to_string(rng() % actors));
      const std::string& g = text.emplace_back("n" + std::to_string(rng() % actors));
      if (rng() % 5 == 0) {
        const std::string& e = text.emplace_back("e" + std::to_string(rng() % 4));
        x.push_back(kBase + static_cast<timestamp>(rng() % 500), s, "", e, "", 1.0);
      } else {
        x.push_back(kBase + static_cast<timestamp>(rng() % 500), s, g, "", "", 1.0);
      }
    }
    b.append(x);
    NetworkOptions o;
    o.keep_contacts = true;
    o.directed = round % 2 == 0;
    const Network net = build_network(b.finish(), nullptr, o);
    const timestamp lapse = round % 4 == 0 ? 0 : static_cast<timestamp>(rng() % 60);  // 0: no lapse
    const Contacts& c = net.contacts;
    timestamp log_end = net.stats.last_time;
    for (const auto t : c.time) log_end = std::max(log_end, t);
    auto expected = [&](const std::vector<timestamp>& times) {
      Spans out;
      std::vector<timestamp> ts = times;
      std::sort(ts.begin(), ts.end());
      for (std::size_t i = 0; i < ts.size();) {
        std::size_t j = i;
        while (j + 1 < ts.size() && ts[j + 1] - ts[j] <= lapse) ++j;
        if (lapse == 0) {
          out.emplace_back(ts[i] - kBase, log_end - kBase);
          break;
        }
        out.emplace_back(ts[i] - kBase, ts[j] + lapse - kBase);
        i = j + 1;
      }
      return out;
    };
    const GexfSpells ns = gexf_node_spells(net, lapse), ts = gexf_tie_spells(net, lapse);
    for (node_id u = 0; u < net.actors.size(); ++u) {
      std::vector<timestamp> times;
      for (std::size_t k = 0; k < c.size(); ++k)
        if (c.source[k] == u || c.target[k] == u) times.push_back(c.time[k]);
      EXPECT_EQ(spans(ns, u), expected(times)) << "round " << round << " node " << u;
    }
    for (edge_id e = 0; e < net.graph.num_ties(); ++e) {
      std::vector<timestamp> times;
      for (std::size_t k = 0; k < c.size(); ++k)
        if (c.tie[k] == e) times.push_back(c.time[k]);
      EXPECT_EQ(spans(ts, e), expected(times)) << "round " << round << " tie " << e;
    }
  }
}

}  // namespace
}  // namespace movemap
