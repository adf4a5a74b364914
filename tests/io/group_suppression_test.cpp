// Small-group suppression (io/group_suppression.hpp), on hand-made tables.
#include "io/group_suppression.hpp"

#include <gtest/gtest.h>

#include "io/json_writer.hpp"
#include "movemap/structure/summary.hpp"

namespace movemap {
namespace {

TEST(GroupSuppression, PrimaryOnly) {
  // sizes 3, 10, 1, 7 with K = 5: rows 0 and 2 (two suppressed, no secondary).
  EXPECT_EQ(small_groups({3, 10, 1, 7}, 5), (std::vector<bool>{true, false, true, false}));
  // Exactly K is published; 0 actors says nothing and stays.
  EXPECT_EQ(small_groups({5, 0, 9}, 5), (std::vector<bool>{false, false, false}));
}

TEST(GroupSuppression, SecondaryWhenOnlyOneRowIsSmall) {
  // 2 < 5 alone would be total - (9 + 6 + 20); the smallest other (6) goes too.
  EXPECT_EQ(small_groups({9, 2, 6, 20}, 5), (std::vector<bool>{false, true, true, false}));
  EXPECT_EQ(small_groups({9, 2, 6, 20}, 5, false), (std::vector<bool>{false, true, false, false}));
  // Ties between candidates: the first in table order.
  EXPECT_EQ(small_groups({6, 2, 6}, 5), (std::vector<bool>{true, true, false}));
  // A single group: nothing else to suppress.
  EXPECT_EQ(small_groups({2}, 5), (std::vector<bool>{true}));
}

TEST(GroupSuppression, OffForKAtMostOne) {
  EXPECT_EQ(small_groups({1, 0, 3}, 0), (std::vector<bool>{false, false, false}));
  EXPECT_EQ(small_groups({1, 0, 3}, 1), (std::vector<bool>{false, false, false}));
}

TEST(GroupSuppression, TableCellsAndCountsBlanked) {
  GroupTable t;
  t.columns = {"ties", "ei_index"};
  t.rows = {{"north", 12, {40.0, -0.5}, false}, {"south", 3, {7.0, 0.25}, false}, {"east", 4, {9.0, 0.1}, false}};
  EXPECT_EQ(suppress_small_groups(t, 5), 2u);
  EXPECT_FALSE(t.rows[0].suppressed);
  EXPECT_EQ(t.rows[0].actors, 12u);
  EXPECT_EQ(t.rows[0].cells[1], -0.5);
  for (int i : {1, 2}) {
    EXPECT_TRUE(t.rows[i].suppressed);
    EXPECT_FALSE(t.rows[i].actors);
    EXPECT_FALSE(t.rows[i].cells[0]);
    EXPECT_FALSE(t.rows[i].cells[1]);
  }
  // Applying it again changes nothing.
  EXPECT_EQ(suppress_small_groups(t, 5), 2u);
  EXPECT_FALSE(t.rows[0].suppressed);
}

TEST(GroupSuppression, SummaryJsonByRole) {
  NetworkSummary s;
  s.actors = 62;
  s.actors_by_role = {{"anchor", 4}, {"champion", 8}, {"citizen", 50}};
  const std::string plain = summary_json(s, ReadStats{});
  EXPECT_NE(plain.find("\"anchor\": 4"), std::string::npos);
  EXPECT_EQ(plain.find("by_role_suppressed"), std::string::npos);
  const std::string k5 = summary_json(s, ReadStats{}, nullptr, nullptr, 5);
  EXPECT_NE(k5.find("\"anchor\": null"), std::string::npos) << k5;
  EXPECT_NE(k5.find("\"champion\": null"), std::string::npos) << k5;  // secondary
  EXPECT_NE(k5.find("\"citizen\": 50"), std::string::npos) << k5;
  EXPECT_NE(k5.find("\"min_group_size\": 5"), std::string::npos) << k5;
  EXPECT_NE(k5.find("\"by_role_suppressed\": [\n      \"anchor\",\n      \"champion\"\n    ]"), std::string::npos)
      << k5;
}

}  // namespace
}  // namespace movemap
