// GraphML export (io/graphml_writer.hpp) and XML text safety
// (io/xml_text.hpp), on a small network whose ids and labels hold hostile
// text. Validated against the GraphML 1.0 schema with xmllint when present.
#include "support/temp_files.hpp"
#include "io/graphml_writer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "io/xml_text.hpp"
#include "movemap/error.hpp"
#include "movemap/interaction_log.hpp"
#include "movemap/network.hpp"

namespace movemap {
namespace {

namespace fs = std::filesystem;

const std::string kFffd = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Hostile texts.
const std::string kMarkup = "<&\"'>";
const std::string kControl = "ctl\x01\x1B end";
const std::string kZoe = "Zo\xC3\xAB";                  // Zoë
const std::string kNihon = "\xE6\x97\xA5\xE6\x9C\xAC";  // 日本
const std::string kInvalid = "bad\xFF\xFEutf8";
const std::string kHostileKind = "m&m's <x>\x01";
const std::string kTimes = "a\xC3\x97" "b";             // a×b (U+00D7 is no XML NameChar)

using testing::TempDir;

// XML entity and character references back to text (test-side decoder).
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string::npos) {
      ADD_FAILURE() << "bare '&' in " << s;
      return out;
    }
    const std::string ent = s.substr(i + 1, semi - i - 1);
    if (ent == "lt") out += '<';
    else if (ent == "gt") out += '>';
    else if (ent == "amp") out += '&';
    else if (ent == "quot") out += '"';
    else if (ent == "apos") out += '\'';
    else if (!ent.empty() && ent[0] == '#') {
      const unsigned long cp = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X')
                                   ? std::stoul(ent.substr(2), nullptr, 16)
                                   : std::stoul(ent.substr(1), nullptr, 10);
      if (cp < 0x80) {
        out += static_cast<char>(cp);
      } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
    } else {
      ADD_FAILURE() << "unknown entity &" << ent << ";";
    }
    i = semi + 1;
  }
  return out;
}

std::map<std::string, std::string> attributes(const std::string& tag_body) {
  std::map<std::string, std::string> out;
  static const std::regex attr(R"re(([A-Za-z_:][-A-Za-z0-9_.:]*)\s*=\s*"([^"]*)")re");
  for (std::sregex_iterator it(tag_body.begin(), tag_body.end(), attr), end; it != end; ++it)
    out[(*it)[1]] = (*it)[2];
  return out;
}

struct Key {
  std::string id, for_, name, type;
};

struct Element {
  std::map<std::string, std::string> attrs;
  std::map<std::string, std::string> data;  // key id -> unescaped text
};

struct Parsed {
  std::vector<Key> keys;
  std::vector<Element> nodes, edges;
  std::string graph_tag;
  // key id by (for, attr.name)
  std::string key_id(const std::string& for_, const std::string& name) const {
    for (const auto& k : keys)
      if (k.for_ == for_ && k.name == name) return k.id;
    return {};
  }
  const Key* key(const std::string& for_, const std::string& name) const {
    for (const auto& k : keys)
      if (k.for_ == for_ && k.name == name) return &k;
    return nullptr;
  }
};

std::map<std::string, std::string> data_of(const std::string& body) {
  std::map<std::string, std::string> out;
  static const std::regex data(R"re(<data\s+key\s*=\s*"([^"]*)"\s*(?:/>|>([\s\S]*?)</data>))re");
  for (std::sregex_iterator it(body.begin(), body.end(), data), end; it != end; ++it) {
    const std::string k = (*it)[1];
    EXPECT_EQ(out.count(k), 0u) << "two <data> for key " << k;
    out[k] = unescape((*it)[2]);
  }
  return out;
}

Parsed parse(const std::string& xml) {
  Parsed p;
  static const std::regex key(R"re(<key\s([^>]*?)(/?)>)re");
  for (std::sregex_iterator it(xml.begin(), xml.end(), key), end; it != end; ++it) {
    auto a = attributes((*it)[1]);
    p.keys.push_back({a["id"], a["for"], unescape(a["attr.name"]), a["attr.type"]});
  }
  static const std::regex node(R"re(<node\s([^>]*?)(?:/>|>([\s\S]*?)</node>))re");
  for (std::sregex_iterator it(xml.begin(), xml.end(), node), end; it != end; ++it) {
    Element e;
    e.attrs = attributes((*it)[1]);
    e.data = data_of((*it)[2]);
    p.nodes.push_back(std::move(e));
  }
  static const std::regex edge(R"re(<edge\s([^>]*?)(?:/>|>([\s\S]*?)</edge>))re");
  for (std::sregex_iterator it(xml.begin(), xml.end(), edge), end; it != end; ++it) {
    Element e;
    e.attrs = attributes((*it)[1]);
    e.data = data_of((*it)[2]);
    p.edges.push_back(std::move(e));
  }
  std::smatch m;
  static const std::regex graph(R"re(<graph\s[^>]*>)re");
  if (std::regex_search(xml, m, graph)) p.graph_tag = m[0];
  return p;
}

// Table actors: plain, "a b", Zoë, 日本, isolate (no interactions); the log
// adds "x<y&z" and "a×b".
ActorTable hostile_table() {
  ActorTable t;
  for (const std::string& id : {std::string("plain"), std::string("a b"), kZoe, kNihon,
                                std::string("isolate")})
    t.ids.intern(id);
  t.attributes = AttributeTable(5);
  auto set = [&](const char* name, std::vector<std::string> v) {
    AttributeColumn& c = t.attributes.column(name);
    c.values = std::move(v);
    c.infer_type();
  };
  set("role", {"champion", "citizen", "anchor", "service", "citizen"});
  set("label", {kMarkup, kControl, kZoe, kNihon + " \xE2\x80\x94 Tokyo", kInvalid});
  set("site", {"North", "South & East", "", "North", ""});
  set("rank", {"3", "1", "", "2", "5"});
  set("active", {"true", "false", "true", "", "false"});
  set("share", {"0.5", "1", "", "2.25", ""});
  return t;
}

InteractionLog hostile_log() {
  InteractionLogBuilder b;
  InteractionBatch batch;
  batch.push_back(1709285400, "plain", "a b", "", "meeting", 2.0);
  batch.push_back(1709290000, "a b", "plain", "", "referral", 1.0);
  batch.push_back(1709300000, "plain", kZoe, "", "", 0.5);
  batch.push_back(1709400000, kNihon, "x<y&z", "", "meeting", 1.0);
  batch.push_back(1709500000, kZoe, "", "ev1", "walk", 1.0);
  batch.push_back(1709500100, kNihon, "", "ev1", "walk", 1.0);
  batch.push_back(1709600000, "x<y&z", kTimes, "", "message", 4.0);
  batch.push_back(1709600001, kTimes, "x<y&z", "", kHostileKind, 1.0);
  b.append(batch);
  return b.finish();
}

struct Fixture {
  ActorTable table = hostile_table();
  Network net;
  NodeMeasures measures;
  explicit Fixture(bool directed = false) {
    NetworkOptions o;
    o.directed = directed;
    net = build_network(hostile_log(), &table, o);
    const node_id n = net.graph.num_nodes();
    std::vector<int> degree(n);
    std::vector<double> score(n);
    for (node_id i = 0; i < n; ++i) {
      degree[i] = static_cast<int>(i) * 10;
      score[i] = i == 0 ? 0.5 : 1.0 / (i + 2);
    }
    measures.add_integer("degree10", degree);
    measures.add_real("score", score);
  }
};

std::string actor_of(const Element& node) {
  return decode_graphml_id(unescape(node.attrs.at("id")));
}

// --------------------------------------------------------------- xml_text --

TEST(XmlText, EscapesMarkup) {
  EXPECT_EQ(xml_escaped("a<b"), "a&lt;b");
  EXPECT_EQ(xml_escaped("a>b"), "a&gt;b");
  EXPECT_EQ(xml_escaped("a&b"), "a&amp;b");
  EXPECT_EQ(unescape(xml_escaped(kMarkup)), kMarkup);
  const std::string e = xml_escaped(kMarkup);
  EXPECT_EQ(e.find('"'), std::string::npos) << e;
  EXPECT_EQ(e.find('\''), std::string::npos) << e;
  EXPECT_EQ(e.find('<'), std::string::npos) << e;
  EXPECT_EQ(e.find('>'), std::string::npos) << e;
  std::string out = "x";
  append_xml_escaped(out, "&");
  EXPECT_EQ(out, "x&amp;");
}

TEST(XmlText, ReplacesForbiddenCharacters) {
  EXPECT_EQ(xml_escaped("a\x01" "b"), "a" + kFffd + "b");
  EXPECT_EQ(xml_escaped(std::string("a\0b", 3)), "a" + kFffd + "b");
  EXPECT_EQ(xml_escaped("\x1B"), kFffd);
  EXPECT_EQ(xml_escaped("\x1F\x0B\x0C"), kFffd + kFffd + kFffd);
  EXPECT_EQ(xml_escaped("\xEF\xBF\xBE"), kFffd);  // U+FFFE
  EXPECT_EQ(xml_escaped("\xEF\xBF\xBF"), kFffd);  // U+FFFF
  EXPECT_EQ(xml_escaped("bad\xFF\xFEutf8"), "bad" + kFffd + kFffd + "utf8");
  // Tab and LF are allowed as they are.
  EXPECT_EQ(xml_escaped("a\tb\nc"), "a\tb\nc");
}

TEST(XmlText, ReplacesInvalidUtf8) {
  for (const std::string& bad : {std::string("\xC0\x80"), std::string("\xED\xA0\x80"),
                                std::string("x\xE6\x97"), std::string("\x80"),
                                std::string("\xF4\x90\x80\x80"), std::string("\xC3")}) {
    const std::string e = xml_escaped(bad);
    EXPECT_TRUE(valid_utf8(e)) << "from bytes of length " << bad.size();
    EXPECT_NE(e.find(kFffd), std::string::npos);
  }
}

TEST(XmlText, KeepsValidNonAscii) {
  const std::string s = kZoe + " " + kNihon + " \xF0\x9F\x98\x80 \xE2\x80\x94";
  EXPECT_EQ(xml_escaped(s), s);
}

TEST(XmlText, ValidUtf8) {
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8("ascii"));
  EXPECT_TRUE(valid_utf8(kZoe + kNihon + "\xF0\x9F\x98\x80"));
  EXPECT_TRUE(valid_utf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF
  EXPECT_FALSE(valid_utf8("\xFF"));
  EXPECT_FALSE(valid_utf8("\x80"));              // lone continuation
  EXPECT_FALSE(valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(valid_utf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(valid_utf8("\xE0\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(valid_utf8(kInvalid));
}

// ------------------------------------------------------------ graphml_id --

TEST(GraphmlId, RoundTripsAndIsAnXmlNameToken) {
  const std::vector<std::string> ids = {"plain",  "a b",   "x<y&z", kZoe,  kNihon, kTimes,
                                        "q\"1'",  "_x",    "-",     "a.b", "with:colon",
                                        "%41",    "_41",   "0",     "tab\there"};
  std::set<std::string> seen;
  for (const auto& id : ids) {
    const std::string g = graphml_id(id);
    EXPECT_EQ(decode_graphml_id(g), id) << g;
    EXPECT_TRUE(seen.insert(g).second) << "two ids encode to " << g;
    EXPECT_FALSE(g.empty());
    EXPECT_TRUE(valid_utf8(g));
    for (unsigned char c : g) {
      const bool ok = c >= 0x80 || std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == ':';
      EXPECT_TRUE(ok) << "byte 0x" << std::hex << int(c) << " in graphml_id(" << id << ") = " << g;
    }
  }
}

// --------------------------------------------------------------- graphml --

TEST(GraphmlWriter, NoForbiddenBytesAndValidUtf8) {
  Fixture f;
  const std::string xml = graphml_string(f.net, f.measures, ExportOptions{});
  ASSERT_FALSE(xml.empty());
  EXPECT_EQ(xml.rfind("<?xml", 0), 0u);
  for (std::size_t i = 0; i < xml.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(xml[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      ADD_FAILURE() << "control byte 0x" << std::hex << int(c) << " at " << std::dec << i;
    }
  }
  EXPECT_TRUE(valid_utf8(xml));
  EXPECT_EQ(xml.find("\xEF\xBF\xBE"), std::string::npos);
  EXPECT_EQ(xml.find("\xEF\xBF\xBF"), std::string::npos);
  // The raw hostile label never appears unescaped.
  EXPECT_EQ(xml.find(kMarkup), std::string::npos);
  EXPECT_EQ(xml.find("x<y"), std::string::npos);
  EXPECT_NE(xml.find("&lt;&amp;"), std::string::npos);
  // Non-ASCII text is kept as UTF-8.
  EXPECT_NE(xml.find(kZoe), std::string::npos);
  EXPECT_NE(xml.find(kNihon + " \xE2\x80\x94 Tokyo"), std::string::npos);
}

TEST(GraphmlWriter, KeysTypedAndDeclaredPerDomain) {
  Fixture f;
  const Parsed p = parse(graphml_string(f.net, f.measures, ExportOptions{}));
  ASSERT_FALSE(p.keys.empty());
  std::set<std::string> ids;
  const std::set<std::string> types = {"string", "int", "long", "float", "double", "boolean"};
  for (const auto& k : p.keys) {
    EXPECT_TRUE(ids.insert(k.id).second) << "duplicate key id " << k.id;
    EXPECT_NE(k.id, "d3");
    EXPECT_NE(k.id, "d7");
    EXPECT_TRUE(k.for_ == "node" || k.for_ == "edge") << k.id << " for=" << k.for_;
    EXPECT_TRUE(types.count(k.type)) << k.id << " attr.type=" << k.type;
    EXPECT_FALSE(k.name.empty()) << k.id;
    if (k.for_ == "node") {
      EXPECT_EQ(k.id[0], 'n') << k.id;
    }
    if (k.for_ == "edge") {
      EXPECT_EQ(k.id[0], 'e') << k.id;
    }
  }
  auto type = [&](const char* for_, const char* name) {
    const Key* k = p.key(for_, name);
    return k ? k->type : std::string("<missing>");
  };
  EXPECT_EQ(type("edge", "weight"), "double");
  EXPECT_EQ(type("edge", "count"), "long");
  EXPECT_EQ(type("edge", "first_seen"), "string");
  EXPECT_EQ(type("edge", "last_seen"), "string");
  EXPECT_EQ(type("edge", "kinds"), "string");
  EXPECT_EQ(type("node", "label"), "string");
  EXPECT_EQ(type("node", "role"), "string");
  EXPECT_EQ(type("node", "site"), "string");
  EXPECT_EQ(type("node", "rank"), "long");
  EXPECT_EQ(type("node", "active"), "boolean");
  EXPECT_EQ(type("node", "share"), "double");
  EXPECT_EQ(type("node", "degree10"), "long");
  EXPECT_EQ(type("node", "score"), "double");
}

TEST(GraphmlWriter, NodesCarryEscapedAttributes) {
  Fixture f;
  const Parsed p = parse(graphml_string(f.net, f.measures, ExportOptions{}));
  EXPECT_EQ(p.graph_tag.find("edgedefault=\"undirected\"") != std::string::npos, true) << p.graph_tag;
  ASSERT_EQ(p.nodes.size(), 7u);
  std::map<std::string, const Element*> by_actor;
  for (const auto& n : p.nodes) by_actor[actor_of(n)] = &n;
  const std::vector<std::string> expected_actors = {"plain", "a b", kZoe,   kNihon,
                                                    "isolate", "x<y&z", kTimes};
  for (const auto& a : expected_actors) ASSERT_TRUE(by_actor.count(a)) << "no node for " << a;
  const std::string label = p.key_id("node", "label");
  const std::string role = p.key_id("node", "role");
  const std::string site = p.key_id("node", "site");
  const std::string rank = p.key_id("node", "rank");
  const std::string deg = p.key_id("node", "degree10");
  const std::string score = p.key_id("node", "score");
  auto data = [&](const std::string& actor, const std::string& key) -> std::string {
    const auto& d = by_actor.at(actor)->data;
    auto it = d.find(key);
    return it == d.end() ? "<none>" : it->second;
  };
  EXPECT_EQ(data("plain", label), kMarkup);
  EXPECT_EQ(data("a b", label), "ctl" + kFffd + kFffd + " end");
  EXPECT_EQ(data(kZoe, label), kZoe);
  EXPECT_EQ(data(kNihon, label), kNihon + " \xE2\x80\x94 Tokyo");
  EXPECT_EQ(data("isolate", label), "bad" + kFffd + kFffd + "utf8");
  EXPECT_EQ(data("x<y&z", label), "<none>");  // log-only: no label
  EXPECT_EQ(data("plain", role), "champion");
  EXPECT_EQ(data("x<y&z", role), "unknown");
  EXPECT_EQ(data(kTimes, role), "unknown");
  EXPECT_EQ(data("a b", site), "South & East");
  EXPECT_EQ(data(kZoe, site), "<none>");      // missing values are not written
  EXPECT_EQ(data("isolate", site), "<none>");
  EXPECT_EQ(data("plain", rank), "3");
  EXPECT_EQ(data(kZoe, rank), "<none>");
  const std::string active = p.key_id("node", "active");
  EXPECT_EQ(data("plain", active), "true");
  EXPECT_EQ(data(kNihon, active), "<none>");
  EXPECT_EQ(std::stod(data(kNihon, p.key_id("node", "share"))), 2.25);
  // Measures by node id: node ids are table order then log order.
  EXPECT_EQ(data("plain", deg), "0");
  EXPECT_EQ(data("a b", deg), "10");
  EXPECT_EQ(data("isolate", deg), "40");
  EXPECT_EQ(data("x<y&z", deg), "50");
  EXPECT_EQ(data(kTimes, deg), "60");
  EXPECT_EQ(std::stod(data("plain", score)), 0.5);
  EXPECT_DOUBLE_EQ(std::stod(data("a b", score)), 1.0 / 3);  // node 1: 1/(1+2)
  EXPECT_EQ(std::stod(data(kZoe, score)), 0.25);
}

TEST(GraphmlWriter, EdgesCarryTieAggregates) {
  Fixture f;
  const Parsed p = parse(graphml_string(f.net, f.measures, ExportOptions{}));
  // Ties: plain-"a b", plain-Zoë, 日本-x<y&z, Zoë-日本 (co-attendance at
  // ev1), x<y&z-a×b.
  ASSERT_EQ(p.edges.size(), 5u);
  const std::string w = p.key_id("edge", "weight");
  const std::string c = p.key_id("edge", "count");
  const std::string fs_ = p.key_id("edge", "first_seen");
  const std::string ls = p.key_id("edge", "last_seen");
  const std::string k = p.key_id("edge", "kinds");
  ASSERT_FALSE(w.empty());
  ASSERT_FALSE(c.empty());
  ASSERT_FALSE(fs_.empty());
  ASSERT_FALSE(ls.empty());
  ASSERT_FALSE(k.empty());
  std::map<std::set<std::string>, const Element*> by_pair;
  for (const auto& e : p.edges) {
    const std::string s = decode_graphml_id(unescape(e.attrs.at("source")));
    const std::string t = decode_graphml_id(unescape(e.attrs.at("target")));
    by_pair[{s, t}] = &e;
  }
  auto edge = [&](const std::string& a, const std::string& b) -> const Element& {
    auto it = by_pair.find({a, b});
    if (it == by_pair.end()) throw std::runtime_error("no edge " + a + " - " + b);
    return *it->second;
  };
  auto get = [](const Element& e, const std::string& key) {
    auto it = e.data.find(key);
    return it == e.data.end() ? std::string("<none>") : it->second;
  };
  const Element& ab = edge("plain", "a b");
  EXPECT_EQ(std::stod(get(ab, w)), 3.0);
  EXPECT_EQ(get(ab, c), "2");
  EXPECT_EQ(get(ab, fs_), "2024-03-01T09:30:00Z");  // 1709285400
  EXPECT_EQ(get(ab, ls), "2024-03-01T10:46:40Z");   // 1709290000
  EXPECT_EQ(get(ab, k), "meeting;referral");
  const Element& pz = edge("plain", kZoe);
  EXPECT_EQ(std::stod(get(pz, w)), 0.5);
  EXPECT_EQ(get(pz, c), "1");
  EXPECT_EQ(get(pz, fs_), "2024-03-01T13:33:20Z");  // 1709300000
  EXPECT_EQ(get(pz, ls), "2024-03-01T13:33:20Z");
  const std::string pz_kinds = get(pz, k);
  EXPECT_TRUE(pz_kinds == "<none>" || pz_kinds.empty()) << pz_kinds;  // no kind
  const Element& nx = edge(kNihon, "x<y&z");
  EXPECT_EQ(get(nx, k), "meeting");
  EXPECT_EQ(get(nx, fs_), "2024-03-02T17:20:00Z");  // 1709400000
  const Element& zn = edge(kZoe, kNihon);
  EXPECT_EQ(std::stod(get(zn, w)), 1.0);
  EXPECT_EQ(get(zn, c), "1");
  EXPECT_EQ(get(zn, k), "co-attendance");
  EXPECT_EQ(get(zn, fs_), "2024-03-03T21:08:20Z");  // max first attendance 1709500100
  const Element& xt = edge("x<y&z", kTimes);
  EXPECT_EQ(std::stod(get(xt, w)), 5.0);
  EXPECT_EQ(get(xt, c), "2");
  // Sorted by bytes: "m&..." < "message"; the control byte becomes U+FFFD.
  EXPECT_EQ(get(xt, k), "m&m's <x>" + kFffd + ";message");
}

TEST(GraphmlWriter, DirectedNetwork) {
  Fixture f(true);
  const Parsed p = parse(graphml_string(f.net, f.measures, ExportOptions{}));
  EXPECT_NE(p.graph_tag.find("edgedefault=\"directed\""), std::string::npos) << p.graph_tag;
  // plain->a b, a b->plain, plain->Zoë, 日本->x<y&z, Zoë<->日本 (both
  // directions), x<y&z->a×b, a×b->x<y&z.
  EXPECT_EQ(p.edges.size(), 8u);
  int found = 0;
  for (const auto& e : p.edges) {
    const std::string s = decode_graphml_id(unescape(e.attrs.at("source")));
    const std::string t = decode_graphml_id(unescape(e.attrs.at("target")));
    if (s == "a b" && t == "plain") {
      ++found;
      EXPECT_EQ(e.data.at(p.key_id("edge", "kinds")), "referral");
      EXPECT_EQ(e.data.at(p.key_id("edge", "count")), "1");
    }
    if (s == "plain" && t == "a b") {
      ++found;
      EXPECT_EQ(std::stod(e.data.at(p.key_id("edge", "weight"))), 2.0);
    }
  }
  EXPECT_EQ(found, 2);
}

TEST(GraphmlWriter, ExportOptionsChooseColumns) {
  Fixture f;
  ExportOptions no_labels;
  no_labels.labels = false;
  const std::string xml = graphml_string(f.net, f.measures, no_labels);
  const Parsed p = parse(xml);
  EXPECT_EQ(p.key("node", "label"), nullptr);
  EXPECT_NE(p.key("node", "role"), nullptr);
  EXPECT_EQ(xml.find("&lt;&amp;"), std::string::npos);  // the label text is gone
  ExportOptions only_site;
  only_site.attributes = {"site"};
  const Parsed q = parse(graphml_string(f.net, f.measures, only_site));
  EXPECT_NE(q.key("node", "site"), nullptr);
  EXPECT_EQ(q.key("node", "role"), nullptr);
  EXPECT_EQ(q.key("node", "label"), nullptr);
  EXPECT_EQ(q.key("node", "rank"), nullptr);
  EXPECT_EQ(q.nodes.size(), 7u);
  EXPECT_NE(q.key("edge", "weight"), nullptr);
}

TEST(GraphmlWriter, WritesFileAndValidatesAgainstSchema) {
  Fixture f;
  TempDir dir;
  const fs::path out = dir.path / "net.graphml";
  write_graphml(out.string(), f.net, f.measures, ExportOptions{});
  std::ifstream in(out, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), graphml_string(f.net, f.measures, ExportOptions{}));
  // Nothing but the output in the directory (the temporary file is gone).
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.path)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1u);

  // Directed too.
  Fixture d(true);
  const fs::path out_d = dir.path / "directed.graphml";
  write_graphml(out_d.string(), d.net, d.measures, ExportOptions{});

  const std::string xsd = MOVEMAP_SOURCE_DIR "/../shared/schemas/graphml/graphml.xsd";
  if (!fs::exists(xsd)) GTEST_SKIP() << "GraphML schema not found at " << xsd;
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) GTEST_SKIP() << "xmllint not installed";
  for (const fs::path& file : {out, out_d}) {
    const std::string cmd = "xmllint --noout --schema '" + xsd + "' '" + file.string() + "' 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
}

TEST(GraphmlWriter, HostileColumnNamesStillValid) {
  // Actor tables are hand-made: column names with spaces, markup and
  // non-ASCII are usual. attr.name is an NMTOKEN in the GraphML schema.
  ActorTable t;
  t.ids.intern("a");
  t.ids.intern("b");
  t.attributes = AttributeTable(2);
  auto set = [&](const std::string& name, std::vector<std::string> v) {
    AttributeColumn& c = t.attributes.column(name);
    c.values = std::move(v);
    c.infer_type();
  };
  set("role", {"citizen", "champion"});
  set("first name", {"Ann", "Bob"});
  set("age (years)", {"34", "51"});
  set("x<y&\"z\"", {"1", "2"});
  set(kZoe + " " + kNihon, {"p", "q"});
  InteractionLogBuilder b;
  InteractionBatch batch;
  batch.push_back(0, "a", "b", "", "meeting", 1.0);
  b.append(batch);
  const Network net = build_network(b.finish(), &t, NetworkOptions{});
  NodeMeasures m;
  m.add_real("my score", {0.5, 0.25});
  const std::string xml = graphml_string(net, m, ExportOptions{});
  EXPECT_TRUE(valid_utf8(xml));
  const Parsed p = parse(xml);
  EXPECT_EQ(p.keys.size(), 11u);  // 6 node columns + 5 edge columns
  TempDir dir;
  const fs::path out = dir.path / "cols.graphml";
  write_graphml(out.string(), net, m, ExportOptions{});
  const std::string xsd = MOVEMAP_SOURCE_DIR "/../shared/schemas/graphml/graphml.xsd";
  if (!fs::exists(xsd)) GTEST_SKIP() << "GraphML schema not found at " << xsd;
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) GTEST_SKIP() << "xmllint not installed";
  const std::string cmd = "xmllint --noout --schema '" + xsd + "' '" + out.string() + "' 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd << "\n" << xml.substr(0, 2000);
}

TEST(GraphmlWriter, EmptyNetworkIsValid) {
  const Network net = build_network(InteractionLog{}, nullptr, NetworkOptions{});
  TempDir dir;
  const fs::path out = dir.path / "empty.graphml";
  write_graphml(out.string(), net, NodeMeasures{}, ExportOptions{});
  const Parsed p = parse(graphml_string(net, NodeMeasures{}, ExportOptions{}));
  EXPECT_TRUE(p.nodes.empty());
  EXPECT_TRUE(p.edges.empty());
  EXPECT_NE(p.graph_tag.find("edgedefault="), std::string::npos);
  const std::string xsd = MOVEMAP_SOURCE_DIR "/../shared/schemas/graphml/graphml.xsd";
  if (!fs::exists(xsd)) GTEST_SKIP() << "GraphML schema not found at " << xsd;
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) GTEST_SKIP() << "xmllint not installed";
  const std::string cmd = "xmllint --noout --schema '" + xsd + "' '" + out.string() + "' 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

TEST(GraphmlWriter, UnwritableDirectoryIsIoError) {
  Fixture f;
  EXPECT_THROW(write_graphml("/nonexistent-movemap-dir/sub/net.graphml", f.net, f.measures,
                             ExportOptions{}),
               IoError);
}

}  // namespace
}  // namespace movemap
