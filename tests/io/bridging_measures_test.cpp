// The bridging suite (io/bridging_measures.hpp): name and option validation,
// group coding (sorted values, "(missing)" last, numeric order for number
// columns, "community"), column and table names, hand-worked values on a
// tiny directed network, progress and cancellation, thread-count
// determinism and the writers. The kernels' own conventions are pinned in
// tests/engine/bridging; here the glue.
#include "io/bridging_measures.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "io/graphml_writer.hpp"
#include "movemap/error.hpp"
#include "movemap/interaction_log.hpp"
#include "support/temp_files.hpp"

namespace movemap {
namespace {

struct Pair {
  std::string source, target;
  double weight = 1;
};

struct Actor {
  std::string id, role, site;
};

// A network from (source, target, weight) rows; `actors` become the actor
// table (role and site columns; "" = missing).
Network make_network(const std::vector<Pair>& pairs, bool directed, const std::vector<Actor>& actors = {},
                     bool with_site = true) {
  InteractionLogBuilder b;
  InteractionBatch batch;
  timestamp t = 1'700'000'000;
  for (const auto& p : pairs) batch.push_back(t++, p.source, p.target, "", "meeting", p.weight);
  b.append(batch);
  ActorTable table;
  table.attributes = AttributeTable(actors.size());
  AttributeColumn& role = table.attributes.column("role");
  for (const auto& a : actors) {
    table.ids.intern(a.id);
    role.values[table.ids.size() - 1] = a.role;
  }
  role.infer_type();
  if (with_site) {
    AttributeColumn& site = table.attributes.column("site");
    for (std::size_t i = 0; i < actors.size(); ++i) site.values[i] = actors[i].site;
    site.infer_type();
  }
  NetworkOptions o;
  o.directed = directed;
  return build_network(b.finish(), actors.empty() ? nullptr : &table, o);
}

// A seeded random network of n actors with roles and sites.
Network random_network(int n, int m, bool directed, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Pair> pairs;
  for (int i = 0; i < m; ++i)
    pairs.push_back({"v" + std::to_string(rng() % n), "v" + std::to_string(rng() % n),
                     0.5 * static_cast<double>(1 + rng() % 4)});
  const char* roles[] = {"citizen", "champion", "anchor", "service"};
  std::vector<Actor> actors;
  for (int i = 0; i < n; ++i)
    actors.push_back({"v" + std::to_string(i), roles[(i * 7) % 4], i % 3 == 0 ? "north" : "south"});
  return make_network(pairs, directed, actors);
}

BridgingRequest request(std::vector<std::string> measures) {
  BridgingRequest r;
  r.measures = std::move(measures);
  return r;
}

std::vector<std::string> column_names(const BridgingOutput& out) {
  std::vector<std::string> names;
  for (const auto& c : out.nodes.columns) names.push_back(c.name);
  return names;
}

const MeasureColumn& column(const BridgingOutput& out, const std::string& name) {
  for (const auto& c : out.nodes.columns)
    if (c.name == name) return c;
  throw std::runtime_error("no column " + name);
}

const GroupTable& table(const BridgingOutput& out, const std::string& name) {
  for (const auto& t : out.tables)
    if (t.name == name) return t;
  throw std::runtime_error("no table " + name);
}

const TableColumn& table_column(const GroupTable& t, const std::string& name) {
  for (const auto& c : t.columns)
    if (c.name == name) return c;
  throw std::runtime_error("no table column " + name);
}

double network_value(const BridgingOutput& out, const std::string& name) {
  for (const auto& [k, v] : out.network)
    if (k == name) return v;
  throw std::runtime_error("no network value " + name);
}

// ------------------------------------------------------------ validation --

TEST(BridgingMeasures, NamesAndDefaultSet) {
  const auto& names = bridging_measure_names();
  for (const char* m : {"holes", "constraint", "effective_size", "efficiency", "hierarchy", "brokerage", "cut_points",
                        "communities", "community_roles", "mixing", "assortativity", "ei_index", "key_players"})
    EXPECT_NE(std::find(names.begin(), names.end(), m), names.end()) << m;
  const auto& d = default_bridging_measures();
  EXPECT_EQ(std::find(d.begin(), d.end(), "key_players"), d.end());
  EXPECT_EQ(d.front(), "holes");
}

TEST(BridgingMeasures, UnknownMeasureFailsAndListsKnownNames) {
  try {
    check_bridging_request(request({"holes", "brokrage"}));
    FAIL() << "no error";
  } catch (const UsageError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("\"brokrage\""), std::string::npos) << m;
    EXPECT_NE(m.find("known measures: holes, constraint"), std::string::npos) << m;
  }
}

TEST(BridgingMeasures, OptionsOutOfRangeAreUsageErrors) {
  BridgingRequest r;
  r.algorithm = "infomap";
  EXPECT_THROW(check_bridging_request(r), UsageError);
  r = BridgingRequest{};
  r.resolution = 0;
  EXPECT_THROW(check_bridging_request(r), UsageError);
  r.resolution = std::nan("");
  EXPECT_THROW(check_bridging_request(r), UsageError);
  r = request({"key_players"});  // k = 0
  EXPECT_THROW(check_bridging_request(r), UsageError);
  r.key_players = 2;
  EXPECT_NO_THROW(check_bridging_request(r));
}

TEST(BridgingMeasures, UnknownAttributeFailsBeforeAnyWorkAndListsKnownOnes) {
  const Network net = random_network(30, 60, true, 3);
  BridgingRequest r = request({"holes", "mixing"});
  r.group_by = {"role", "postcode"};
  int calls = 0;
  r.progress = [&](double) { return ++calls, true; };
  try {
    compute_bridging(net, r);
    FAIL() << "no error";
  } catch (const UsageError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("\"postcode\""), std::string::npos) << m;
    EXPECT_NE(m.find("known attributes: role, site, community"), std::string::npos) << m;
  }
  EXPECT_EQ(calls, 0);
}

TEST(BridgingMeasures, KeyPlayersBeyondTheActorsIsAUsageError) {
  const Network net = make_network({{"a", "b"}}, false);
  BridgingRequest r = request({"key_players"});
  r.key_players = 3;
  EXPECT_THROW(compute_bridging(net, r), UsageError);
}

// ---------------------------------------------------------- group coding --

TEST(BridgingMeasures, GroupCodesFollowSortedValuesWithMissingLast) {
  const Network net = make_network({{"a", "b"}, {"c", "d"}}, true,
                                   {{"a", "service", "north"}, {"b", "citizen", ""}, {"c", "anchor", "south"},
                                    {"d", "citizen", "north"}});
  const GroupCoding role = group_coding(net, "role");
  EXPECT_EQ(role.names, (std::vector<std::string>{"anchor", "citizen", "service"}));
  EXPECT_EQ(role.code, (std::vector<std::uint32_t>{2, 1, 0, 1}));
  EXPECT_EQ(role.sizes, (std::vector<std::uint64_t>{1, 2, 1}));
  const GroupCoding site = group_coding(net, "site");
  EXPECT_EQ(site.names, (std::vector<std::string>{"north", "south", "(missing)"}));
  EXPECT_EQ(site.code, (std::vector<std::uint32_t>{0, 2, 1, 0}));
  EXPECT_EQ(site.sizes, (std::vector<std::uint64_t>{2, 1, 1}));
  EXPECT_THROW(group_coding(net, "postcode"), UsageError);
  EXPECT_THROW(group_coding(net, "community"), UsageError);  // needs the partition
  const std::vector<std::uint32_t> community{1, 0, 1, 0};
  const GroupCoding c = group_coding(net, "community", &community);
  EXPECT_EQ(c.names, (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(c.code, community);
}

TEST(BridgingMeasures, NumberColumnsAreCodedInNumericOrder) {
  // "10" sorts before "9" as text, after it as a number.
  Network net = make_network({{"a", "b"}, {"b", "c"}}, true, {{"a", "x", "9"}, {"b", "x", "10"}, {"c", "x", "-1"}});
  ASSERT_EQ(net.attributes.find("site")->type, AttributeType::Long);
  const GroupCoding site = group_coding(net, "site");
  EXPECT_EQ(site.names, (std::vector<std::string>{"-1", "9", "10"}));
  EXPECT_EQ(site.code, (std::vector<std::uint32_t>{1, 2, 0}));
}

TEST(BridgingMeasures, DefaultGroupsAreRoleAndSiteWhenPresent) {
  const Network with_site = random_network(20, 40, true, 1);
  const BridgingOutput a = compute_bridging(with_site, request({"mixing"}));
  EXPECT_EQ(a.group_by, (std::vector<std::string>{"role", "site"}));
  const Network no_site = make_network({{"a", "b"}}, true, {{"a", "x", ""}, {"b", "y", ""}}, false);
  const BridgingOutput b = compute_bridging(no_site, request({"mixing"}));
  EXPECT_EQ(b.group_by, (std::vector<std::string>{"role"}));
  // No group measure: no groups.
  EXPECT_TRUE(compute_bridging(no_site, request({"cut_points"})).group_by.empty());
}

// --------------------------------------------------------------- columns --

TEST(BridgingMeasures, ColumnsTablesAndNetworkValuesOfTheDefaultSet) {
  const Network net = random_network(60, 200, true, 5);
  BridgingRequest r;
  r.key_players = 3;
  r.permutations = 50;
  const BridgingOutput out = compute_bridging(net, r);
  std::vector<std::string> want = {"constraint", "effective_size", "efficiency", "hierarchy"};
  for (const char* attr : {"role", "site"})
    for (const char* role : {"coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"}) {
      want.push_back(std::string("brokerage_") + attr + "_" + role);
      want.push_back(std::string("brokerage_") + attr + "_" + role + "_z");
    }
  // The kernel's role order, then total: check membership, then the fixed ones.
  const auto names = column_names(out);
  for (const auto& w : want) EXPECT_NE(std::find(names.begin(), names.end(), w), names.end()) << w;
  for (const char* w : {"is_articulation_point", "cut_off", "community", "participation", "within_module_z",
                        "key_player_rank"})
    EXPECT_NE(std::find(names.begin(), names.end(), w), names.end()) << w;
  EXPECT_EQ(names.size(), want.size() + 6);
  EXPECT_EQ(names.back(), "key_player_rank");
  EXPECT_TRUE(column(out, "cut_off").integer);
  EXPECT_TRUE(column(out, "community").integer);
  EXPECT_FALSE(column(out, "constraint").integer);
  ASSERT_EQ(out.ties.size(), 1u);
  EXPECT_EQ(out.ties[0].first, "is_bridge");
  EXPECT_EQ(out.ties[0].second.size(), net.graph.num_ties());

  std::vector<std::string> tables;
  for (const auto& t : out.tables) tables.push_back(t.name);
  EXPECT_EQ(tables, (std::vector<std::string>{"brokerage_role", "brokerage_site", "mixing_role", "mixing_site",
                                              "ei_index_role", "ei_index_site", "key_players"}));
  for (const char* k : {"bridges", "articulation_points", "bicomponents", "modularity", "communities",
                        "community_levels", "assortativity_role", "assortativity_site", "ei_index_role",
                        "ei_index_role_expected", "ei_index_role_p_value", "fragmentation_before",
                        "fragmentation_after"})
    EXPECT_NO_THROW(network_value(out, k)) << k;
  // The community column agrees with the community count.
  const auto& comm = column(out, "community").ints;
  EXPECT_EQ(*std::max_element(comm.begin(), comm.end()) + 1, network_value(out, "communities"));
  // Three key players, ranked 1..3, and the table names them in order.
  const auto& rank = column(out, "key_player_rank").ints;
  EXPECT_EQ(std::count_if(rank.begin(), rank.end(), [](auto v) { return v > 0; }), 3);
  const GroupTable& kp = table(out, "key_players");
  ASSERT_EQ(kp.rows, 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const node_id u = *net.actors.find(table_column(kp, "id").text[i]);
    EXPECT_EQ(rank[u], static_cast<std::int64_t>(i + 1));
  }
}

TEST(BridgingMeasures, OneHolesNameGivesOneColumnAndRepeatsRunOnce) {
  const Network net = random_network(30, 80, false, 2);
  const BridgingOutput out = compute_bridging(net, request({"efficiency", "holes", "efficiency"}));
  EXPECT_EQ(out.measures, (std::vector<std::string>{"efficiency", "holes"}));
  EXPECT_EQ(column_names(out),
            (std::vector<std::string>{"efficiency", "constraint", "effective_size", "hierarchy"}));
}

TEST(BridgingMeasures, CommunityGroupingRunsTheCommunitiesOnceAndMatchesTheColumn) {
  const Network net = random_network(80, 300, false, 9);
  BridgingRequest r = request({"communities", "mixing"});
  r.group_by = {"community"};
  const BridgingOutput out = compute_bridging(net, r);
  ASSERT_EQ(out.groups.size(), 1u);
  const auto& comm = column(out, "community").ints;
  for (node_id u = 0; u < net.graph.num_nodes(); ++u) EXPECT_EQ(out.groups[0].code[u], comm[u]);
  EXPECT_EQ(out.tables[0].name, "mixing_community");
}

// A directed hand-worked case whose values do not depend on how undirected
// ties are counted: a (citizen) -> b (champion) -> c (citizen), c -> d
// (citizen). Mixing by role: citizen->champion 1, champion->citizen 1,
// citizen->citizen 1. E-I by role: internal 1 (c->d), external 2:
// (2 - 1) / 3. The only bridges of the undirected view are all three ties;
// b and c are its articulation points.
TEST(BridgingMeasures, DirectedChainByHand) {
  const Network net = make_network({{"a", "b"}, {"b", "c"}, {"c", "d"}}, true,
                                   {{"a", "citizen", ""}, {"b", "champion", ""}, {"c", "citizen", ""},
                                    {"d", "citizen", ""}},
                                   false);
  BridgingRequest r = request({"mixing", "ei_index", "cut_points"});
  r.permutations = 0;
  const BridgingOutput out = compute_bridging(net, r);
  const GroupTable& mix = table(out, "mixing_role");
  ASSERT_EQ(mix.rows, 3u);  // cells with ties only: champion->citizen, citizen->champion, citizen->citizen
  EXPECT_EQ(table_column(mix, "group_from").text, (std::vector<std::string>{"champion", "citizen", "citizen"}));
  EXPECT_EQ(table_column(mix, "group_to").text, (std::vector<std::string>{"citizen", "champion", "citizen"}));
  EXPECT_EQ(table_column(mix, "ties").ints, (std::vector<std::int64_t>{1, 1, 1}));
  const GroupTable& ei = table(out, "ei_index_role");
  ASSERT_EQ(ei.rows, 3u);  // champion, citizen, (overall)
  EXPECT_EQ(table_column(ei, "group").text[2], "(overall)");
  EXPECT_EQ(table_column(ei, "internal").ints[2], 1);
  EXPECT_EQ(table_column(ei, "external").ints[2], 2);
  EXPECT_DOUBLE_EQ(table_column(ei, "ei").reals[2], 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(network_value(out, "ei_index_role"), 1.0 / 3.0);
  EXPECT_TRUE(std::isnan(network_value(out, "ei_index_role_p_value")));  // no test asked for
  EXPECT_EQ(column(out, "is_articulation_point").ints, (std::vector<std::int64_t>{0, 1, 1, 0}));
  EXPECT_EQ(out.ties[0].second, (std::vector<double>{1, 1, 1}));
  EXPECT_EQ(network_value(out, "bridges"), 3);
}

// ------------------------------------------------- progress, cancellation --

TEST(BridgingMeasures, ProgressIsMonotoneAndEndsAtOne) {
  const Network net = random_network(300, 1500, true, 7);
  std::vector<double> seen;
  BridgingRequest r;
  r.key_players = 2;
  r.permutations = 20;
  r.progress = [&](double f) {
    seen.push_back(f);
    return true;
  };
  compute_bridging(net, r);
  ASSERT_GT(seen.size(), 9u);
  EXPECT_EQ(seen.front(), 0.0);
  EXPECT_EQ(seen.back(), 1.0);
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_LE(seen[i - 1], seen[i]) << "report " << i;
}

TEST(BridgingMeasures, CancellationStops) {
  const Network net = random_network(200, 800, false, 11);
  int total = 0;
  {
    BridgingRequest r;
    r.permutations = 10;
    r.progress = [&](double) { return ++total, true; };
    compute_bridging(net, r);
  }
  ASSERT_GT(total, 3);
  for (const int stop_at : {1, 2, total / 2, total}) {
    int calls = 0;
    BridgingRequest r;
    r.permutations = 10;
    r.progress = [&](double) { return ++calls < stop_at; };
    EXPECT_THROW(compute_bridging(net, r), Cancelled) << "stop at report " << stop_at;
    EXPECT_EQ(calls, stop_at) << "no report after the one that cancelled";
  }
}

// ------------------------------------------------------------ determinism --

TEST(BridgingMeasures, SameBytesForOneTwoAndFourThreadsAndTheSameSeed) {
  const Network net = random_network(400, 2000, true, 13);
  BridgingRequest r;
  r.key_players = 3;
  r.permutations = 100;
  r.seed = 42;
  const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 8);
  auto run = [&](int threads) {
    tbb::task_arena arena(threads);
    BridgingOutput out;
    arena.execute([&] { out = compute_bridging(net, r); });
    return graphml_string(net, out.nodes, ExportOptions{}, out.ties) + bridging_json(out, r);
  };
  const std::string one = run(1);
  EXPECT_EQ(one, run(2));
  EXPECT_EQ(one, run(4));
  // Leiden too.
  r.algorithm = "leiden";
  const std::string leiden_one = run(1);
  EXPECT_EQ(leiden_one, run(2));
}

// ---------------------------------------------------------------- writers --

TEST(BridgingMeasures, TablesAsCsvAndJson) {
  const Network net = make_network({{"a", "b"}, {"b", "c"}}, true,
                                   {{"a", "citizen", "n,1"}, {"b", "champion", ""}, {"c", "citizen", "n,1"}});
  BridgingRequest r = request({"mixing", "ei_index"});
  r.group_by = {"site"};
  r.permutations = 0;
  const BridgingOutput out = compute_bridging(net, r);
  testing::TempDir dir;
  const auto files = write_group_tables(dir.path.string() + "/", out);
  EXPECT_EQ(files, (std::vector<std::string>{"mixing_site.csv", "ei_index_site.csv"}));
  const std::string mixing = testing::slurp((dir.path / "mixing_site.csv").string());
  // A value with a comma is quoted; "(missing)" is a group of its own.
  EXPECT_EQ(mixing, "group_from,group_to,ties,weight\n\"n,1\",(missing),1,1\n(missing),\"n,1\",1,1\n");
  const std::string ei = testing::slurp((dir.path / "ei_index_site.csv").string());
  EXPECT_NE(ei.find("group,actors,internal,external,ei,expected,p_value\n"), std::string::npos) << ei;
  EXPECT_NE(ei.find("(overall),3,0,2,1,,\n"), std::string::npos) << ei;  // no test: empty cells
  const std::string json = bridging_json(out, r);
  EXPECT_NE(json.find("\"mixing_site\": ["), std::string::npos) << json;
  EXPECT_NE(json.find("\"group\": \"(missing)\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"p_value\": null"), std::string::npos) << json;
}

}  // namespace
}  // namespace movemap
