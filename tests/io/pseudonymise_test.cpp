// Pseudonymisation (io/pseudonymise.hpp): the HMAC against RFC 4231's test
// vectors, the key file rules, and the network rewritten in place.
#include "io/pseudonymise.hpp"

#include <gtest/gtest.h>

#include <string>

#include "io/actor_table_reader.hpp"
#include "io/interaction_log_reader.hpp"
#include "movemap/error.hpp"
#include "support/temp_files.hpp"

namespace movemap {
namespace {

using testing::TempDir;

// RFC 4231 (Identifiers and Test Vectors for HMAC-SHA-224, -256, -384, -512),
// section 4: test cases 1, 2 (a key shorter than the block), 6 (a key longer
// than the block, hashed first) and 7.
TEST(Pseudonymise, HmacSha256MatchesRfc4231) {
  EXPECT_EQ(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hmac_sha256_hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(hmac_sha256_hex(std::string(131, '\xaa'),
                            "This is a test using a larger than block-size key and a larger than block-size "
                            "data. The key needs to be hashed before being used by the HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST(Pseudonymise, PseudonymIsTheFirst16BytesInHex) {
  const std::string key(20, '\x0b');
  EXPECT_EQ(pseudonym(key, "Hi There"), "b0344c61d8db38535ca8afceaf0bf12b");
  EXPECT_EQ(pseudonym(key, "Hi There").size(), 2 * kPseudonymBytes);
  EXPECT_NE(pseudonym(key, "ann"), pseudonym(key, "Ann"));
  EXPECT_NE(pseudonym(key, "ann"), pseudonym(std::string(20, '\x0c'), "ann"));
  EXPECT_EQ(pseudonym(key, "").size(), 32u);  // an empty message is defined too
}

TEST(Pseudonymise, KeyFileRules) {
  TempDir dir;
  EXPECT_THROW(read_pseudonym_key((dir.path / "missing").string()), IoError);
  const std::string shortkey = dir.file("short.key", std::string(15, 'k'));
  try {
    read_pseudonym_key(shortkey);
    FAIL() << "a 15-byte key was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find(shortkey), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("15 bytes"), std::string::npos) << e.what();
  }
  // Every byte counts, a trailing newline and NULs included.
  const std::string raw = std::string("0123456789abcde\0\n", 17);
  EXPECT_EQ(read_pseudonym_key(dir.file("ok.key", raw)), raw);
  EXPECT_THROW(check_pseudonym_key("too short"), UsageError);
}

Network sample_network() {
  LogReadOptions lo;
  const auto log = read_interaction_log_text(
      "time,source,target,event,kind,weight\n"
      "2024-01-01,ann,bob,,meeting,1\n"
      "2024-01-02,bob,cy,,meeting,2\n"
      "2024-01-03,dan,,e1,fair,1\n"
      "2024-01-03,ann,,e1,fair,1\n",
      "log.csv", lo);
  ActorReadOptions ao;
  const ActorTable actors = read_actor_table_text(
      "id,role,label,site,notes\n"
      "ann,champion,Ann Smith,north,lives at 3 Elm St\n"
      "bob,citizen,Bob Jones,south,\n",
      "actors.csv", ao);
  return build_network(log.log, &actors, NetworkOptions{});
}

TEST(Pseudonymise, RewritesIdsInPlaceAndDropsFreeText) {
  Network net = sample_network();
  const std::string key = "0123456789abcdef0123";
  ASSERT_EQ(net.actors.size(), 4u);
  const std::vector<std::string> before = net.actors.names();
  const auto edges_before = net.graph.num_ties();
  pseudonymise(net, key);
  ASSERT_EQ(net.actors.size(), 4u);
  for (std::uint32_t u = 0; u < 4; ++u) {
    EXPECT_EQ(net.actors.name(u), pseudonym(key, before[u])) << before[u];
    EXPECT_EQ(net.actors.find(pseudonym(key, before[u])), u);
    EXPECT_FALSE(net.actors.find(before[u]));
  }
  EXPECT_EQ(net.graph.num_ties(), edges_before);
  // Kept by default: role and site; dropped: label and the free text.
  EXPECT_NE(net.attributes.find("role"), nullptr);
  EXPECT_NE(net.attributes.find("site"), nullptr);
  EXPECT_EQ(net.attributes.find("label"), nullptr);
  EXPECT_EQ(net.attributes.find("notes"), nullptr);
  EXPECT_EQ(net.attributes.get("role", 0), "champion");
  EXPECT_EQ(net.attributes.get("site", 1), "south");
}

TEST(Pseudonymise, KeepsExactlyTheNamedAttributesAndRole) {
  Network net = sample_network();
  pseudonymise(net, "0123456789abcdef0123", {"label"});
  std::vector<std::string> names;
  for (const auto& c : net.attributes.columns()) names.push_back(c.name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"label", "role"}));
  EXPECT_EQ(net.attributes.get("label", 0), "Ann Smith");
}

TEST(Pseudonymise, SameKeySameNetworkDifferentKeyDifferentIds) {
  Network a = sample_network(), b = sample_network(), c = sample_network();
  pseudonymise(a, "key-number-one-16");
  pseudonymise(b, "key-number-one-16");
  pseudonymise(c, "key-number-two-16");
  EXPECT_EQ(a.actors.names(), b.actors.names());
  for (std::uint32_t u = 0; u < a.actors.size(); ++u) EXPECT_NE(a.actors.name(u), c.actors.name(u));
  Network d = sample_network();
  EXPECT_THROW(pseudonymise(d, "short"), UsageError);
  EXPECT_EQ(d.actors.name(0), "ann");  // untouched on refusal
}

}  // namespace
}  // namespace movemap
