// Output files written atomically: data goes to a temporary file beside the
// target, which is renamed over the target on commit(). If commit() is never
// reached (an exception, a full disk) the temporary file is removed, so a
// failure never leaves a half-written output.
#pragma once
#include <cstdio>
#include <string>
#include <string_view>

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

// Creates a directory (and parents) if missing; throws IoError.
void ensure_directory(const std::string& dir);

}  // namespace movemap
