// Network summary on a hand-built movement; expected values worked by hand
// with networkx's definitions (nx.density, nx.overall_reciprocity).
#include "movemap/structure/summary.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace movemap {
namespace {

Network example(bool directed) {
  // Actor table: ann (champion), bob (citizen), gp (service), zed (anchor,
  // no interactions). Log: ann->bob, bob->ann, bob->gp, gp->gp, and carl
  // (not in the table) -> ann.
  ActorTable table;
  table.attributes = AttributeTable(0);
  for (const char* id : {"ann", "bob", "gp", "zed"}) table.ids.intern(id);
  table.attributes.resize(4);
  auto& role = table.attributes.column("role");
  role.values = {"champion", "citizen", "service", "anchor"};
  InteractionLogBuilder b;
  InteractionBatch batch;
  batch.push_back(1, "ann", "bob", "", "", 1);
  batch.push_back(2, "bob", "ann", "", "", 1);
  batch.push_back(3, "bob", "gp", "", "", 1);
  batch.push_back(4, "gp", "gp", "", "", 1);
  batch.push_back(5, "carl", "ann", "", "", 2);
  b.append(batch);
  NetworkOptions o;
  o.directed = directed;
  return build_network(b.finish(), &table, o);
}

TEST(Summary, DirectedHandExample) {
  const NetworkSummary s = summarize(example(true));
  EXPECT_EQ(s.actors, 5u);  // ann bob gp zed carl
  EXPECT_EQ(s.ties, 5u);
  EXPECT_EQ(s.self_loops, 1u);
  EXPECT_EQ(s.isolates, 1u);  // zed
  EXPECT_DOUBLE_EQ(s.density, 5.0 / 20.0);           // m / (n (n-1))
  EXPECT_DOUBLE_EQ(s.reciprocity, 2.0 / 5.0);        // ann<->bob reciprocated
  EXPECT_EQ(s.weak_components, 2u);                  // {ann,bob,gp,carl}, {zed}
  EXPECT_EQ(s.strong_components, 4u);                // {ann,bob}, {gp}, {carl}, {zed}
  EXPECT_EQ(s.largest_component, 4u);
  EXPECT_DOUBLE_EQ(s.largest_component_share, 0.8);
  EXPECT_DOUBLE_EQ(s.total_weight, 6.0);
  EXPECT_EQ(s.stats.actors_created, 1u);             // carl
  EXPECT_EQ(s.stats.actors_without_interactions, 1u);
  EXPECT_EQ(s.stats.self_interactions, 1u);
  const std::vector<std::pair<std::string, std::uint64_t>> roles{
      {"anchor", 1}, {"champion", 1}, {"citizen", 1}, {"service", 1}, {"unknown", 1}};
  EXPECT_EQ(s.actors_by_role, roles);
}

TEST(Summary, UndirectedHandExample) {
  const NetworkSummary s = summarize(example(false));
  EXPECT_EQ(s.ties, 4u);  // {ann,bob} {bob,gp} {gp,gp} {carl,ann}
  EXPECT_DOUBLE_EQ(s.density, 2.0 * 4 / 20.0);
  EXPECT_TRUE(std::isnan(s.reciprocity));
  EXPECT_EQ(s.weak_components, 2u);
  EXPECT_EQ(s.strong_components, 2u);
}

}  // namespace
}  // namespace movemap
