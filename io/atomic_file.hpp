// Output files written atomically: data goes to a temporary file beside the
// target, which is renamed over the target on commit(). If commit() is never
// reached (an exception, a full disk) the temporary file is removed, so a
// failure never leaves a half-written output.
//
// OutputBatch makes a set of files all-or-nothing: while one is open (in
// this process), AtomicFile::commit() finishes its temporary file (flush,
// sync, close) but leaves it under its temporary name; OutputBatch::commit()
// then checks that every target can be replaced (none is a directory) and
// renames them all. A batch destroyed without commit() (an exception, a full
// disk, Ctrl-C) removes every temporary, so the folder holds no file of the
// failed run, and files of earlier runs stay as they were. Batches nest: the
// innermost open one collects. Not thread-safe: open, write and commit from
// one thread (the writers run on the main thread).
#pragma once
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace movemap {

class AtomicFile {
 public:
  // Throws IoError when the temporary file cannot be created.
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view data);
  // Buffer that write() would append to; call flush_if_large() after
  // appending directly.
  std::string& buffer() { return buf_; }
  void flush_if_large() { if (buf_.size() >= (1u << 20)) flush(); }
  // Flushes, syncs, closes and renames; throws IoError (e.g. disk full).
  void commit();
  const std::string& path() const { return path_; }

 private:
  void flush();
  std::string path_, tmp_;
  std::FILE* f_ = nullptr;
  std::string buf_;
  bool committed_ = false;
};

class OutputBatch {
 public:
  OutputBatch();
  ~OutputBatch();
  OutputBatch(const OutputBatch&) = delete;
  OutputBatch& operator=(const OutputBatch&) = delete;
  // Renames every finished file into place (in the order they were
  // finished); throws IoError, before renaming any, when a target cannot be
  // replaced. Later AtomicFiles commit on their own.
  void commit();
  // The targets finished so far, in order.
  std::vector<std::string> targets() const;
  // The innermost open batch, or nullptr.
  static OutputBatch* current();

 private:
  friend class AtomicFile;
  void add(std::string tmp, std::string path);
  void discard() noexcept;
  std::vector<std::pair<std::string, std::string>> pending_;  // (temporary, target)
  OutputBatch* outer_;
  bool open_ = true;
};

// Creates a directory (and parents) if missing; throws IoError.
void ensure_directory(const std::string& dir);

}  // namespace movemap
