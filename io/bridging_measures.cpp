#include "io/bridging_measures.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <string_view>

#include "io/atomic_file.hpp"
#include "io/chained_progress.hpp"
#include "io/csv_reader.hpp"
#include "io/csv_writer.hpp"
#include "movemap/bridging/brokerage.hpp"
#include "movemap/bridging/communities.hpp"
#include "movemap/bridging/cut_points.hpp"
#include "movemap/bridging/key_players.hpp"
#include "movemap/bridging/mixing.hpp"
#include "movemap/bridging/structural_holes.hpp"
#include "movemap/error.hpp"

namespace movemap {
namespace {

constexpr const char* kMissingGroup = "(missing)";
constexpr const char* kCommunity = "community";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The typed columns of a GroupTable, added one by one.
struct TableBuilder {
  GroupTable t;
  TableBuilder(std::string name, std::string kind, std::string attribute, std::size_t rows) {
    t.name = std::move(name);
    t.kind = std::move(kind);
    t.attribute = std::move(attribute);
    t.rows = rows;
  }
  void text(std::string name, std::vector<std::string> v) {
    TableColumn c{std::move(name), TableColumn::Kind::text, std::move(v), {}, {}};
    t.columns.push_back(std::move(c));
  }
  template <class Int>
  void integer(std::string name, const std::vector<Int>& v) {
    TableColumn c{std::move(name), TableColumn::Kind::integer, {}, {}, {}};
    c.ints.assign(v.begin(), v.end());
    t.columns.push_back(std::move(c));
  }
  void real(std::string name, std::vector<double> v) {
    TableColumn c{std::move(name), TableColumn::Kind::real, {}, {}, std::move(v)};
    t.columns.push_back(std::move(c));
  }
};

struct Context {
  const Network& net;
  const BridgingRequest& req;
  BridgingOutput out;
  std::optional<StructuralHoles> holes;
  std::optional<Partition> partition;

  const Graph& g() const { return net.graph; }
  bool has_column(std::string_view name) const {
    return std::any_of(out.nodes.columns.begin(), out.nodes.columns.end(),
                       [&](const MeasureColumn& c) { return c.name == name; });
  }
  void note(std::string key, std::string v) { out.notes.emplace_back(std::move(key), std::move(v)); }

  // Louvain / Leiden, run once per request whoever needs it first.
  const Partition& ensure_partition(const ProgressCallback& p) {
    if (!partition) {
      CommunityOptions o;
      o.resolution = req.resolution;
      o.seed = req.seed;
      o.weighted = req.weighted;
      o.progress = p;
      partition = req.algorithm == "leiden" ? leiden(g(), o) : louvain(g(), o);
    }
    return *partition;
  }
  // The group codes of every group_by attribute (made once; "community"
  // needs the partition).
  const std::vector<GroupCoding>& codings(const ProgressCallback& p) {
    if (out.groups.empty())
      for (const auto& a : out.group_by)
        out.groups.push_back(group_coding(net, a, a == kCommunity ? &ensure_partition(p).community : nullptr));
    return out.groups;
  }
};

// The progress callback of part i of n of a stage.
ProgressCallback part(const ProgressCallback& stage, std::size_t i, std::size_t n) {
  if (!stage) return {};
  return [&stage, i, n](double f) { return stage((static_cast<double>(i) + std::clamp(f, 0.0, 1.0)) / n); };
}

const StructuralHoles& ensure_holes(Context& c, const ProgressCallback& p) {
  if (!c.holes) {
    StructuralHolesOptions o;
    o.weighted = c.req.weighted;
    o.progress = p;
    c.holes = structural_holes(c.g(), o);
  }
  return *c.holes;
}

void add_holes_column(Context& c, const ProgressCallback& p, const std::string& name) {
  if (c.has_column(name)) return;
  const StructuralHoles& h = ensure_holes(c, p);
  const std::vector<double>& v = name == "constraint"       ? h.constraint
                                 : name == "effective_size" ? h.effective_size
                                 : name == "efficiency"     ? h.efficiency
                                                            : h.hierarchy;
  c.out.nodes.add_real(name, v);
}

void run_holes(Context& c, const ProgressCallback& p) {
  for (const char* name : {"constraint", "effective_size", "efficiency", "hierarchy"}) add_holes_column(c, p, name);
}
void run_constraint(Context& c, const ProgressCallback& p) { add_holes_column(c, p, "constraint"); }
void run_effective_size(Context& c, const ProgressCallback& p) { add_holes_column(c, p, "effective_size"); }
void run_efficiency(Context& c, const ProgressCallback& p) { add_holes_column(c, p, "efficiency"); }
void run_hierarchy(Context& c, const ProgressCallback& p) { add_holes_column(c, p, "hierarchy"); }

void run_brokerage(Context& c, const ProgressCallback& p) {
  const auto& codings = c.codings(p);
  for (std::size_t a = 0; a < codings.size(); ++a) {
    const GroupCoding& gc = codings[a];
    const auto groups = static_cast<std::uint32_t>(gc.names.size());
    const Brokerage b = brokerage(c.g(), gc.code, groups, part(p, a, codings.size()));
    const std::string prefix = "brokerage_" + gc.attribute + "_";
    for (int r = 0; r < kBrokerageRoles; ++r) {
      const std::string role = to_string(static_cast<BrokerageRole>(r));
      c.out.nodes.add_integer(prefix + role, b.count[r]);
      c.out.nodes.add_real(prefix + role + "_z", b.z[r]);
    }
    c.out.nodes.add_integer(prefix + "total", b.total);
    c.out.nodes.add_real(prefix + "total_z", b.z_total);

    // One row per (group, role), then the whole network ("(overall)": the
    // five roles and the total, sna's gli moments).
    const std::size_t rows = std::size_t{groups} * kBrokerageRoles + kBrokerageRoles + 1;
    std::vector<std::string> group, role;
    std::vector<std::uint64_t> actors, count;
    std::vector<double> expected, sd, z;
    for (std::uint32_t k = 0; k < groups; ++k)
      for (int r = 0; r < kBrokerageRoles; ++r) {
        group.push_back(gc.names[k]);
        actors.push_back(gc.sizes[k]);
        role.emplace_back(to_string(static_cast<BrokerageRole>(r)));
        count.push_back(b.group_count[r][k]);
        expected.push_back(b.group_expected[r][k]);
        sd.push_back(b.group_sd[r][k]);
        z.push_back(b.group_z[r][k]);
      }
    for (int r = 0; r <= kBrokerageRoles; ++r) {
      group.emplace_back("(overall)");
      actors.push_back(c.g().num_nodes());
      role.emplace_back(r < kBrokerageRoles ? to_string(static_cast<BrokerageRole>(r)) : "total");
      count.push_back(b.global_count[r]);
      expected.push_back(b.global_expected[r]);
      sd.push_back(b.global_sd[r]);
      z.push_back(b.global_z[r]);
    }
    TableBuilder t("brokerage_" + gc.attribute, "brokerage", gc.attribute, rows);
    t.text("group", std::move(group));
    t.integer("actors", actors);
    t.text("role", std::move(role));
    t.integer("count", count);
    t.real("expected", std::move(expected));
    t.real("sd", std::move(sd));
    t.real("z", std::move(z));
    c.out.tables.push_back(std::move(t.t));
  }
}

void run_cut_points(Context& c, const ProgressCallback&) {
  const CutPoints cp = cut_points(c.g());
  std::vector<std::int64_t> is_ap(c.g().num_nodes(), 0);
  for (const node_id u : cp.articulation_points) is_ap[u] = 1;
  c.out.nodes.add_integer("is_articulation_point", is_ap);
  c.out.nodes.add_integer("cut_off", cp.cut_off);
  std::vector<double> is_bridge(c.g().num_ties(), 0.0);
  for (const edge_id e : cp.bridges) is_bridge[e] = 1.0;
  c.out.ties.emplace_back("is_bridge", std::move(is_bridge));
  c.out.network.emplace_back("bridges", static_cast<double>(cp.bridges.size()));
  c.out.network.emplace_back("articulation_points", static_cast<double>(cp.articulation_points.size()));
  c.out.network.emplace_back("bicomponents", static_cast<double>(cp.bicomponents));
}

void run_communities(Context& c, const ProgressCallback& p) {
  const Partition& part = c.ensure_partition(p);
  c.out.nodes.add_integer("community", part.community);
  c.out.network.emplace_back("modularity", part.modularity);
  c.out.network.emplace_back("communities", static_cast<double>(part.count));
  c.out.network.emplace_back("community_levels", static_cast<double>(part.levels));
}

void run_community_roles(Context& c, const ProgressCallback& p) {
  CommunityRoles r = community_roles(c.g(), c.ensure_partition(p).community, c.req.weighted);
  c.out.nodes.add_real("participation", std::move(r.participation));
  c.out.nodes.add_real("within_module_z", std::move(r.within_module_z));
}

void run_mixing(Context& c, const ProgressCallback& p) {
  for (const GroupCoding& gc : c.codings(p)) {
    const auto groups = static_cast<std::uint32_t>(gc.names.size());
    const MixingMatrix m = mixing_matrix(c.g(), gc.code, groups);
    std::vector<std::string> from, to;
    std::vector<std::uint64_t> ties;
    std::vector<double> weight;
    for (std::uint32_t i = 0; i < groups; ++i)
      for (std::uint32_t j = 0; j < groups; ++j) {
        const std::size_t cell = std::size_t{i} * groups + j;
        if (m.ties[cell] == 0) continue;
        from.push_back(gc.names[i]);
        to.push_back(gc.names[j]);
        ties.push_back(m.ties[cell]);
        weight.push_back(m.weight[cell]);
      }
    TableBuilder t("mixing_" + gc.attribute, "mixing", gc.attribute, from.size());
    t.text("group_from", std::move(from));
    t.text("group_to", std::move(to));
    t.integer("ties", ties);
    t.real("weight", std::move(weight));
    c.out.tables.push_back(std::move(t.t));
  }
}

void run_assortativity(Context& c, const ProgressCallback& p) {
  for (const GroupCoding& gc : c.codings(p))
    c.out.network.emplace_back("assortativity_" + gc.attribute,
                               attribute_assortativity(c.g(), gc.code, static_cast<std::uint32_t>(gc.names.size())));
}

void run_ei_index(Context& c, const ProgressCallback& p) {
  for (const GroupCoding& gc : c.codings(p)) {
    const auto groups = static_cast<std::uint32_t>(gc.names.size());
    EIIndexOptions o;
    o.permutations = c.req.permutations;
    o.seed = c.req.seed;
    const EIIndex e = ei_index(c.g(), gc.code, groups, o);
    std::vector<std::string> group = gc.names;
    group.emplace_back("(overall)");
    std::vector<std::uint64_t> actors = gc.sizes, internal = e.internal, external = e.external;
    actors.push_back(c.g().num_nodes());
    internal.push_back(e.total_internal);
    external.push_back(e.total_external);
    std::vector<double> ei = e.ei, expected(groups, kNaN), p_value(groups, kNaN);
    ei.push_back(e.overall);
    expected.push_back(e.permutations ? e.expected : kNaN);
    p_value.push_back(e.permutations ? e.p_value : kNaN);
    TableBuilder t("ei_index_" + gc.attribute, "ei_index", gc.attribute, std::size_t{groups} + 1);
    t.text("group", std::move(group));
    t.integer("actors", actors);
    t.integer("internal", internal);
    t.integer("external", external);
    t.real("ei", std::move(ei));
    t.real("expected", std::move(expected));
    t.real("p_value", std::move(p_value));
    c.out.tables.push_back(std::move(t.t));
    const std::string key = "ei_index_" + gc.attribute;
    c.out.network.emplace_back(key, e.overall);
    c.out.network.emplace_back(key + "_expected", e.permutations ? e.expected : kNaN);
    c.out.network.emplace_back(key + "_p_value", e.permutations ? e.p_value : kNaN);
  }
}

void run_key_players(Context& c, const ProgressCallback& p) {
  const std::uint32_t k = c.req.key_players;
  if (k > c.g().num_nodes())
    throw UsageError("key players: k = " + std::to_string(k) + " exceeds the number of actors (" +
                     std::to_string(c.g().num_nodes()) + ")");
  const KeyPlayers kp = key_players(c.g(), k, p);
  std::vector<std::int64_t> rank(c.g().num_nodes(), 0);
  std::vector<std::int64_t> ranks;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < kp.players.size(); ++i) {
    rank[kp.players[i]] = static_cast<std::int64_t>(i + 1);
    ranks.push_back(static_cast<std::int64_t>(i + 1));
    ids.emplace_back(c.net.actors.name(kp.players[i]));
  }
  c.out.nodes.add_integer("key_player_rank", rank);
  TableBuilder t("key_players", "key_players", "", kp.players.size());
  t.integer("rank", ranks);
  t.text("id", std::move(ids));
  t.real("fragmentation_after", kp.fragmentation_after);
  c.out.tables.push_back(std::move(t.t));
  c.out.network.emplace_back("fragmentation_before", kp.fragmentation_before);
  c.out.network.emplace_back("fragmentation_after",
                             kp.fragmentation_after.empty() ? kp.fragmentation_before : kp.fragmentation_after.back());
}

using Runner = void (*)(Context&, const ProgressCallback&);
struct Measure {
  const char* name;
  double weight;   // rough relative cost, for the progress shares
  bool grouped;    // uses the group_by attributes
  Runner run;
};

const Measure kMeasures[] = {
    {"holes", 3, false, run_holes},
    {"constraint", 3, false, run_constraint},
    {"effective_size", 3, false, run_effective_size},
    {"efficiency", 3, false, run_efficiency},
    {"hierarchy", 3, false, run_hierarchy},
    {"brokerage", 5, true, run_brokerage},
    {"cut_points", 1, false, run_cut_points},
    {"communities", 3, false, run_communities},
    {"community_roles", 1, false, run_community_roles},
    {"mixing", 1, true, run_mixing},
    {"assortativity", 1, true, run_assortativity},
    {"ei_index", 2, true, run_ei_index},
    {"key_players", 5, false, run_key_players},
};

const Measure* find_measure(std::string_view name) {
  for (const auto& m : kMeasures)
    if (name == m.name) return &m;
  return nullptr;
}

std::vector<std::string> checked_measures(const BridgingRequest& r) {
  std::vector<std::string> out;
  if (r.measures.empty()) {
    out = default_bridging_measures();
    if (r.key_players > 0) out.emplace_back("key_players");
    return out;
  }
  for (const auto& name : r.measures) {
    if (!find_measure(name))
      throw UsageError("unknown bridging measure \"" + name + "\"; known measures: " +
                       joined(bridging_measure_names()));
    if (!contains(out, name)) out.push_back(name);
  }
  return out;
}

void check_options(const BridgingRequest& r, const std::vector<std::string>& measures) {
  auto require = [](bool ok, const std::string& what) {
    if (!ok) throw UsageError(what);
  };
  require(r.algorithm == "louvain" || r.algorithm == "leiden",
          "community algorithm \"" + r.algorithm + "\": expected louvain or leiden");
  require(std::isfinite(r.resolution) && r.resolution > 0, "resolution must be a positive number, e.g. 1");
  require(!contains(measures, "key_players") || r.key_players > 0,
          "key_players needs the number of key players k >= 1 (--key-players K, key_players=K)");
  for (const auto& a : r.group_by) require(!a.empty(), "group_by: empty attribute name");
}

// The group_by attributes, checked against the network: the default when
// none were named.
std::vector<std::string> resolved_group_by(const Network& net, const BridgingRequest& r) {
  std::vector<std::string> out;
  if (r.group_by.empty()) {
    out.emplace_back("role");
    if (net.attributes.find("site")) out.emplace_back("site");
    return out;
  }
  for (const auto& a : r.group_by) {
    if (a != kCommunity && !net.attributes.find(a)) {
      std::vector<std::string> known;
      for (const auto& c : net.attributes.columns()) known.push_back(c.name);
      known.emplace_back(kCommunity);
      throw UsageError("unknown group attribute \"" + a + "\"; known attributes: " + joined(known));
    }
    if (!contains(out, a)) out.push_back(a);
  }
  return out;
}

template <class Writer>
void write_number(Writer& w, double v) {
  if (std::isfinite(v)) w.Double(v);
  else w.Null();
}

}  // namespace

const std::vector<std::string>& bridging_measure_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& m : kMeasures) v.emplace_back(m.name);
    return v;
  }();
  return names;
}

const std::vector<std::string>& default_bridging_measures() {
  static const std::vector<std::string> names = {"holes",           "brokerage", "cut_points",    "communities",
                                                 "community_roles", "mixing",    "assortativity", "ei_index"};
  return names;
}

void check_bridging_request(const BridgingRequest& request) {
  check_options(request, checked_measures(request));
}

GroupCoding group_coding(const Network& net, const std::string& attribute,
                         const std::vector<std::uint32_t>* community) {
  GroupCoding gc;
  gc.attribute = attribute;
  const std::size_t n = net.actors.size();
  if (attribute == kCommunity) {
    if (!community || community->size() != n)
      throw UsageError("group attribute \"community\" needs the communities of this network");
    std::uint32_t count = 0;
    for (const auto c : *community) count = std::max(count, c + 1);
    gc.code = *community;
    for (std::uint32_t k = 0; k < count; ++k) gc.names.push_back(std::to_string(k));
    gc.sizes.assign(count, 0);
    for (const auto c : gc.code) ++gc.sizes[c];
    return gc;
  }
  const AttributeColumn* col = net.attributes.find(attribute);
  if (!col) {
    std::vector<std::string> known;
    for (const auto& c : net.attributes.columns()) known.push_back(c.name);
    known.emplace_back(kCommunity);
    throw UsageError("unknown group attribute \"" + attribute + "\"; known attributes: " + joined(known));
  }
  // Distinct values, sorted numerically for number columns, else by bytes.
  std::vector<std::string> values;
  bool missing = false;
  for (std::size_t u = 0; u < n; ++u) {
    if (col->missing(u)) missing = true;
    else values.push_back(col->values[u]);
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  if (col->type == AttributeType::Long || col->type == AttributeType::Double) {
    auto number = [](const std::string& s) {
      double v = 0;
      std::from_chars(s.data(), s.data() + s.size(), v);
      return v;
    };
    std::stable_sort(values.begin(), values.end(),
                     [&](const std::string& a, const std::string& b) { return number(a) < number(b); });
  }
  std::map<std::string_view, std::uint32_t> index;
  for (std::uint32_t k = 0; k < values.size(); ++k) index.emplace(values[k], k);
  gc.names = values;
  const auto missing_code = static_cast<std::uint32_t>(values.size());
  if (missing) gc.names.emplace_back(kMissingGroup);
  gc.code.resize(n);
  gc.sizes.assign(gc.names.size(), 0);
  for (std::size_t u = 0; u < n; ++u) {
    gc.code[u] = col->missing(u) ? missing_code : index.at(col->values[u]);
    ++gc.sizes[gc.code[u]];
  }
  return gc;
}

BridgingOutput compute_bridging(const Network& net, const BridgingRequest& request) {
  Context c{net, request, {}, {}, {}};
  c.out.measures = checked_measures(request);
  check_options(request, c.out.measures);
  c.out.group_by = resolved_group_by(net, request);

  std::vector<const Measure*> plan;
  std::vector<double> weights;
  bool grouped = false;
  for (const auto& name : c.out.measures) {
    plan.push_back(find_measure(name));
    weights.push_back(plan.back()->weight);
    grouped = grouped || plan.back()->grouped;
  }
  if (!grouped) c.out.group_by.clear();
  weights.push_back(0.5);  // the codes of the group_by attributes
  ChainedProgress progress(request.progress, weights);
  progress.begin();
  for (std::size_t i = 0; i < plan.size(); ++i) {
    plan[i]->run(c, progress.stage(i));
    progress.complete(i);
  }
  if (grouped) c.codings(progress.stage(plan.size()));
  progress.complete(plan.size());
  if (c.partition) c.note("community_algorithm", request.algorithm);
  return std::move(c.out);
}

std::vector<std::string> write_group_tables(const std::string& dir, const BridgingOutput& out) {
  std::vector<std::string> names;
  for (const GroupTable& t : out.tables) {
    const std::string file = t.name + ".csv";
    AtomicFile f(dir + file);
    std::string& b = f.buffer();
    for (std::size_t j = 0; j < t.columns.size(); ++j) {
      if (j) b += ',';
      append_csv_field(b, t.columns[j].name);
    }
    b += '\n';
    for (std::size_t i = 0; i < t.rows; ++i) {
      for (std::size_t j = 0; j < t.columns.size(); ++j) {
        const TableColumn& c = t.columns[j];
        if (j) b += ',';
        if (c.kind == TableColumn::Kind::text) append_csv_field(b, c.text[i]);
        else if (c.kind == TableColumn::Kind::integer) b += std::to_string(c.ints[i]);
        else if (!std::isnan(c.reals[i])) append_double(b, c.reals[i]);  // NaN: empty cell
      }
      b += '\n';
      f.flush_if_large();
    }
    f.commit();
    names.push_back(file);
  }
  return names;
}

std::string bridging_json(const BridgingOutput& out, const BridgingRequest& r) {
  rapidjson::StringBuffer sb;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(sb);
  auto str = [&](const std::string& s) { w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size())); };
  auto strings = [&](const std::vector<std::string>& v) {
    w.StartArray();
    for (const auto& s : v) str(s);
    w.EndArray();
  };
  w.StartObject();
  w.Key("measures");
  strings(out.measures);
  w.Key("group_by");
  strings(out.group_by);
  w.Key("options");
  w.StartObject();
  w.Key("algorithm");
  str(r.algorithm);
  w.Key("resolution");
  w.Double(r.resolution);
  w.Key("seed");
  w.Uint64(r.seed);
  w.Key("key_players");
  w.Uint(r.key_players);
  w.Key("permutations");
  w.Uint(r.permutations);
  w.Key("weighted");
  w.Bool(r.weighted);
  w.EndObject();
  w.Key("groups");
  w.StartObject();
  for (const GroupCoding& gc : out.groups) {
    w.Key(gc.attribute.c_str(), static_cast<rapidjson::SizeType>(gc.attribute.size()));
    w.StartArray();
    for (std::size_t k = 0; k < gc.names.size(); ++k) {
      w.StartObject();
      w.Key("group");
      str(gc.names[k]);
      w.Key("actors");
      w.Uint64(gc.sizes[k]);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  w.Key("network");
  w.StartObject();
  for (const auto& [k, v] : out.network) {
    w.Key(k.c_str(), static_cast<rapidjson::SizeType>(k.size()));
    write_number(w, v);
  }
  w.EndObject();
  w.Key("notes");
  w.StartObject();
  for (const auto& [k, v] : out.notes) {
    w.Key(k.c_str(), static_cast<rapidjson::SizeType>(k.size()));
    str(v);
  }
  w.EndObject();
  w.Key("tables");
  w.StartObject();
  for (const GroupTable& t : out.tables) {
    w.Key(t.name.c_str(), static_cast<rapidjson::SizeType>(t.name.size()));
    w.StartArray();
    for (std::size_t i = 0; i < t.rows; ++i) {
      w.StartObject();
      for (const TableColumn& c : t.columns) {
        w.Key(c.name.c_str(), static_cast<rapidjson::SizeType>(c.name.size()));
        if (c.kind == TableColumn::Kind::text) str(c.text[i]);
        else if (c.kind == TableColumn::Kind::integer) w.Int64(c.ints[i]);
        else write_number(w, c.reals[i]);
      }
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize()) + "\n";
}

void write_bridging_json(const std::string& path, const BridgingOutput& out, const BridgingRequest& request) {
  AtomicFile f(path);
  f.write(bridging_json(out, request));
  f.commit();
}

}  // namespace movemap
