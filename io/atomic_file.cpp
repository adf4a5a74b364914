#include "io/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include "movemap/error.hpp"

namespace movemap {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  std::random_device rd;
  for (int attempt = 0; attempt < 16 && !f_; ++attempt) {
    tmp_ = path_ + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 1000000);
    // "x": fail if it exists, never clobber.
    f_ = std::fopen(tmp_.c_str(), "wbx");
    if (!f_ && errno != EEXIST) break;
  }
  if (!f_) throw IoError(path_ + ": cannot create output file: " + std::strerror(errno));
  buf_.reserve(1 << 20);
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    if (f_) std::fclose(f_);
    std::remove(tmp_.c_str());
  }
}

void AtomicFile::write(std::string_view data) {
  buf_.append(data);
  flush_if_large();
}

void AtomicFile::flush() {
  if (buf_.empty()) return;
  if (std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size())
    throw IoError(path_ + ": write failed: " + std::strerror(errno));
  buf_.clear();
}

void AtomicFile::commit() {
  flush();
  if (std::fflush(f_) != 0) throw IoError(path_ + ": write failed: " + std::strerror(errno));
  if (::fsync(::fileno(f_)) != 0 && errno != EINVAL)
    throw IoError(path_ + ": write failed (sync): " + std::strerror(errno));
  const int rc = std::fclose(f_);
  f_ = nullptr;
  if (rc != 0) throw IoError(path_ + ": write failed: " + std::strerror(errno));
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0)
    throw IoError(path_ + ": cannot move the finished file into place: " + std::strerror(errno));
  committed_ = true;
}

void ensure_directory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    throw IoError(dir + ": cannot create output directory: " + (ec ? ec.message() : "not a directory"));
}

}  // namespace movemap
