// manifest.json (io/run_manifest.hpp) and the memory estimate
// (io/memory_estimate.hpp).
#include "io/run_manifest.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>

#include "io/memory_estimate.hpp"
#include "movemap/error.hpp"
#include "support/temp_files.hpp"

namespace movemap {
namespace {

using testing::TempDir;

// FIPS 180-2 appendix B.1 / B.2 examples, and the hash of nothing.
TEST(RunManifest, Sha256KnownAnswers) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(RunManifest, FileDigestAcrossBlocks) {
  TempDir dir;
  // 3 MB of 'a' + "abc": several 1 MB read blocks; compared with the in-memory hash.
  const std::string bytes = std::string(3 << 20, 'a') + "abc";
  const FileDigest d = sha256_file(dir.file("big", bytes));
  EXPECT_EQ(d.bytes, bytes.size());
  EXPECT_EQ(d.sha256, sha256_hex(bytes));
  EXPECT_THROW(sha256_file((dir.path / "missing").string()), IoError);
}

TEST(RunManifest, JsonFields) {
  TempDir dir;
  RunManifest m;
  m.verb = "map";
  m.command = {"map", "log.csv", "--seed", "7"};
  m.inputs = {{"log", dir.file("log.csv", "abc")}, {"actors", "-"}};
  m.log_columns = {{"time", "Date"}};
  m.options = {{"seed", std::uint64_t{7}}, {"attendance", std::string("count")}, {"undirected", true},
               {"epsilon", 0.01}};
  m.pseudonym_key_file = "/secret/key";
  m.outputs = {"nodes.csv", "manifest.json"};
  m.threads_requested = 2;
  m.threads_used = 2;
  m.timings = {{"read", 0.5}, {"write", 0.25}};
  const std::string text = manifest_json(m);
  rapidjson::Document doc;
  ASSERT_FALSE(doc.Parse(text.c_str()).HasParseError()) << text;
  EXPECT_STREQ(doc["verb"].GetString(), "map");
  EXPECT_EQ(doc["command"].Size(), 4u);
  EXPECT_EQ(doc["inputs"][0]["bytes"].GetUint64(), 3u);
  EXPECT_STREQ(doc["inputs"][0]["sha256"].GetString(),
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(doc["inputs"][1]["sha256"].IsNull());  // stdin
  EXPECT_STREQ(doc["log_columns"]["time"].GetString(), "Date");
  EXPECT_EQ(doc["options"]["seed"].GetUint64(), 7u);
  EXPECT_TRUE(doc["options"]["undirected"].GetBool());
  EXPECT_DOUBLE_EQ(doc["options"]["epsilon"].GetDouble(), 0.01);
  EXPECT_EQ(doc["random_seeds"]["seed"].GetUint64(), 7u);
  EXPECT_FALSE(doc["random_seeds"].HasMember("attendance"));
  EXPECT_STREQ(doc["pseudonymisation"]["key_file"].GetString(), "/secret/key");
  EXPECT_DOUBLE_EQ(doc["timings"]["total"].GetDouble(), 0.75);
  // Options are written sorted by name, whatever order they came in.
  EXPECT_LT(text.find("\"attendance\""), text.find("\"epsilon\""));
  EXPECT_LT(text.find("\"epsilon\""), text.find("\"seed\""));
}

TEST(MemoryEstimate, ScalesWithRowsAndActors) {
  TempDir dir;
  std::string small = "time,source,target\n", large = small;
  for (int i = 0; i < 1000; ++i) small += "2024-01-01,a,b\n";  // 15 bytes a row
  for (int i = 0; i < 100000; ++i) large += "2024-01-01,a,b\n";
  const MemoryEstimate s = estimate_memory(dir.file("s.csv", small));
  const MemoryEstimate l = estimate_memory(dir.file("l.csv", large));
  EXPECT_EQ(s.rows, 1001u);  // read whole: counted
  EXPECT_NEAR(static_cast<double>(l.rows), 100001, 2);  // 1.5 MB: from the first MiB
  EXPECT_EQ(l.need - s.need, (l.rows - s.rows) * kBytesPerRow);
  const MemoryEstimate a = estimate_memory(dir.file("s2.csv", small), dir.file("actors.csv", "id\nx\ny\nz\n"));
  EXPECT_EQ(a.actors, 4u);
  EXPECT_EQ(a.need, s.need + 4 * kBytesPerActor);
  EXPECT_EQ(estimate_memory((dir.path / "missing").string()).rows, 0u);
}

TEST(MemoryEstimate, LimitFromEnvironment) {
  const char* old = std::getenv("MOVEMAP_MEMORY_LIMIT");
  const std::string saved = old ? old : "";
  ::setenv("MOVEMAP_MEMORY_LIMIT", "3G", 1);
  EXPECT_EQ(available_memory(), 3ull << 30);
  ::setenv("MOVEMAP_MEMORY_LIMIT", "1234", 1);
  EXPECT_EQ(available_memory(), 1234u);
  MemoryEstimate e;
  e.need = 1235;
  EXPECT_THROW(check_memory(e), IoError);
  e.need = 1234;
  EXPECT_NO_THROW(check_memory(e));
  for (const char* bad : {"lots", "12X", "-", "5 G"}) {
    ::setenv("MOVEMAP_MEMORY_LIMIT", bad, 1);
    EXPECT_THROW(available_memory(), UsageError) << bad;
  }
  ::unsetenv("MOVEMAP_MEMORY_LIMIT");
  EXPECT_TRUE(available_memory().has_value());  // MemAvailable on Linux
  if (old) ::setenv("MOVEMAP_MEMORY_LIMIT", saved.c_str(), 1);
}

}  // namespace
}  // namespace movemap
