#include "movemap/id_map.hpp"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

namespace movemap {
namespace {

TEST(IdMap, FirstAppearanceOrder) {
  IdMap m;
  EXPECT_EQ(m.intern("zoe"), 0u);
  EXPECT_EQ(m.intern("ann"), 1u);
  EXPECT_EQ(m.intern("zoe"), 0u);
  EXPECT_EQ(m.intern(""), 2u);
  EXPECT_EQ(m.size(), 3u);
  EXPECT_EQ(m.name(0), "zoe");
  EXPECT_EQ(m.name(1), "ann");
  EXPECT_EQ(m.name(2), "");
  EXPECT_EQ(m.find("ann"), std::optional<std::uint32_t>(1));
  EXPECT_FALSE(m.find("bob").has_value());
}

TEST(IdMap, ManyKeysAgreeWithUnorderedMap) {
  IdMap m;
  std::unordered_map<std::string, std::uint32_t> ref;
  for (int i = 0; i < 200000; ++i) {
    const std::string k = "actor-" + std::to_string((i * 7919) % 150001) + (i % 3 ? "" : "é");
    const auto [it, fresh] = ref.emplace(k, static_cast<std::uint32_t>(ref.size()));
    ASSERT_EQ(m.intern(k), it->second) << k;
  }
  ASSERT_EQ(m.size(), ref.size());
  for (const auto& [k, id] : ref) {
    ASSERT_EQ(m.name(id), k);
    ASSERT_EQ(m.find(k), std::optional<std::uint32_t>(id));
  }
}

TEST(IdMap, BytesMatterNotCaseOrNormalisation) {
  IdMap m;
  EXPECT_NE(m.intern("Ann"), m.intern("ann"));
  // "é" precomposed (U+00E9) and decomposed (e + U+0301) are different ids.
  EXPECT_NE(m.intern("\xC3\xA9"), m.intern("e\xCC\x81"));
  EXPECT_NE(m.intern(std::string_view("a\0b", 3)), m.intern("a"));
}

}  // namespace
}  // namespace movemap
