// Atomic output files (io/atomic_file.hpp).
#include "support/temp_files.hpp"
#include "io/atomic_file.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#include "movemap/error.hpp"

namespace movemap {
namespace {

namespace fs = std::filesystem;

using testing::TempDir;

using testing::slurp;

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  return out;
}

TEST(AtomicFile, CommitWritesTheFile) {
  TempDir dir;
  const fs::path target = dir.path / "out.csv";
  {
    AtomicFile f(target.string());
    EXPECT_EQ(f.path(), target.string());
    f.write("a,b\n");
    f.write(std::string_view("1,2\n"));
    f.commit();
  }
  EXPECT_EQ(slurp(target), "a,b\n1,2\n");
  EXPECT_EQ(entries(dir.path), (std::vector<std::string>{"out.csv"}));
}

TEST(AtomicFile, BinaryBytesKept) {
  TempDir dir;
  const fs::path target = dir.path / "bin";
  const std::string data("\0\r\n\xFF\x1B", 5);
  {
    AtomicFile f(target.string());
    f.write(data);
    f.commit();
  }
  EXPECT_EQ(slurp(target), data);
}

TEST(AtomicFile, NoCommitLeavesNothing) {
  TempDir dir;
  const fs::path target = dir.path / "out.graphml";
  {
    AtomicFile f(target.string());
    f.write(std::string(3u << 20, 'x'));  // more than the 1 MiB buffer: really on disk
    f.flush_if_large();
  }
  EXPECT_FALSE(fs::exists(target));
  EXPECT_TRUE(entries(dir.path).empty());
}

TEST(AtomicFile, ExceptionBeforeCommitLeavesNothing) {
  TempDir dir;
  const fs::path target = dir.path / "out.json";
  try {
    AtomicFile f(target.string());
    f.write("{\"partial\":");
    throw std::runtime_error("failure mid-write");
  } catch (const std::runtime_error&) {
  }
  EXPECT_TRUE(entries(dir.path).empty());
}

TEST(AtomicFile, ExistingTargetReplacedOnlyOnCommit) {
  TempDir dir;
  const fs::path target = dir.path / "table.csv";
  {
    std::ofstream o(target, std::ios::binary);
    o << "old\n";
  }
  {
    AtomicFile f(target.string());
    f.write(std::string(2u << 20, 'n'));
    f.flush_if_large();
    EXPECT_EQ(slurp(target), "old\n");  // not yet replaced
  }
  EXPECT_EQ(slurp(target), "old\n");  // abandoned: old content stays
  EXPECT_EQ(entries(dir.path), (std::vector<std::string>{"table.csv"}));
  {
    AtomicFile f(target.string());
    f.write("new\n");
    EXPECT_EQ(slurp(target), "old\n");
    f.commit();
    EXPECT_EQ(slurp(target), "new\n");
  }
  EXPECT_EQ(slurp(target), "new\n");
  EXPECT_EQ(entries(dir.path), (std::vector<std::string>{"table.csv"}));
}

TEST(AtomicFile, BufferAndFlushIfLarge) {
  TempDir dir;
  const fs::path target = dir.path / "big.txt";
  std::string expected;
  {
    AtomicFile f(target.string());
    for (int i = 0; i < 200000; ++i) {
      const std::string line = "line " + std::to_string(i) + "\n";
      f.buffer() += line;
      expected += line;
      f.flush_if_large();
    }
    f.write("tail");
    expected += "tail";
    f.commit();
  }
  EXPECT_EQ(slurp(target), expected);
}

TEST(AtomicFile, EmptyFileCommitted) {
  TempDir dir;
  const fs::path target = dir.path / "empty";
  {
    AtomicFile f(target.string());
    f.commit();
  }
  ASSERT_TRUE(fs::exists(target));
  EXPECT_EQ(fs::file_size(target), 0u);
}

TEST(AtomicFile, NonexistentDirectoryIsIoError) {
  TempDir dir;
  const fs::path target = dir.path / "no" / "such" / "dir" / "out.csv";
  EXPECT_THROW(
      {
        AtomicFile f(target.string());
        f.write("x");
        f.commit();
      },
      IoError);
  EXPECT_FALSE(fs::exists(dir.path / "no"));
}

TEST(EnsureDirectory, CreatesNestedDirectories) {
  TempDir dir;
  const fs::path nested = dir.path / "a" / "b" / "c";
  ensure_directory(nested.string());
  EXPECT_TRUE(fs::is_directory(nested));
  ensure_directory(nested.string());  // already there: fine
  EXPECT_TRUE(fs::is_directory(nested));
  // A file can then be written inside.
  {
    AtomicFile f((nested / "x.txt").string());
    f.write("ok");
    f.commit();
  }
  EXPECT_EQ(slurp(nested / "x.txt"), "ok");
}

TEST(EnsureDirectory, FileInTheWayIsIoError) {
  TempDir dir;
  const fs::path file = dir.path / "plainfile";
  {
    std::ofstream o(file);
    o << "x";
  }
  EXPECT_THROW(ensure_directory(file.string()), IoError);
  EXPECT_THROW(ensure_directory((file / "sub").string()), IoError);
}

}  // namespace
}  // namespace movemap

namespace movemap {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

void write_file(const fs::path& p, const std::string& text) {
  AtomicFile f(p.string());
  f.write(text);
  f.commit();
}

TEST(OutputBatch, FilesAppearOnlyOnCommit) {
  TempDir dir;
  {
    OutputBatch batch;
    EXPECT_EQ(OutputBatch::current(), &batch);
    write_file(dir.path / "a.csv", "a");
    write_file(dir.path / "b.csv", "b");
    EXPECT_FALSE(fs::exists(dir.path / "a.csv"));
    EXPECT_EQ(batch.targets(), (std::vector<std::string>{(dir.path / "a.csv").string(), (dir.path / "b.csv").string()}));
    batch.commit();
    EXPECT_EQ(OutputBatch::current(), nullptr);
    write_file(dir.path / "c.csv", "c");  // after commit: on its own
    EXPECT_TRUE(fs::exists(dir.path / "c.csv"));
  }
  EXPECT_EQ(testing::slurp((dir.path / "a.csv").string()), "a");
  EXPECT_EQ(dir.entries().size(), 3u);
}

TEST(OutputBatch, DiscardedWithoutCommitLeavesOldFilesAsTheyWere) {
  TempDir dir;
  dir.file("a.csv", "old");
  try {
    OutputBatch batch;
    write_file(dir.path / "a.csv", "new");
    write_file(dir.path / "b.csv", "new");
    throw std::runtime_error("a later step fails");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"a.csv"}));
  EXPECT_EQ(testing::slurp((dir.path / "a.csv").string()), "old");
  EXPECT_EQ(OutputBatch::current(), nullptr);
}

TEST(OutputBatch, DirectoryInTheWayFailsBeforeAnyRename) {
  TempDir dir;
  fs::create_directory(dir.path / "b.csv");
  OutputBatch batch;
  write_file(dir.path / "a.csv", "a");
  write_file(dir.path / "b.csv", "b");
  write_file(dir.path / "c.csv", "c");
  EXPECT_THROW(batch.commit(), IoError);
  // a.csv came first yet was not moved into place; no temporary is left.
  auto names = dir.entries();
  EXPECT_EQ(names, (std::vector<std::string>{"b.csv"}));
}

TEST(OutputBatch, Nested) {
  TempDir dir;
  OutputBatch outer;
  {
    OutputBatch inner;
    write_file(dir.path / "a.csv", "a");
    inner.commit();
  }
  EXPECT_TRUE(fs::exists(dir.path / "a.csv"));
  EXPECT_EQ(OutputBatch::current(), &outer);
  write_file(dir.path / "b.csv", "b");
  EXPECT_FALSE(fs::exists(dir.path / "b.csv"));
  outer.commit();
  EXPECT_TRUE(fs::exists(dir.path / "b.csv"));
}

}  // namespace
}  // namespace movemap
