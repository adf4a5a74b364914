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
  if (OutputBatch* batch = OutputBatch::current()) {
    batch->add(tmp_, path_);  // the batch owns the temporary from here
    committed_ = true;
    return;
  }
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0)
    throw IoError(path_ + ": cannot move the finished file into place: " + std::strerror(errno));
  committed_ = true;
}

namespace {
OutputBatch* g_current_batch = nullptr;
}

OutputBatch::OutputBatch() : outer_(g_current_batch) { g_current_batch = this; }

OutputBatch::~OutputBatch() {
  if (open_) discard();
  if (g_current_batch == this) g_current_batch = outer_;
}

OutputBatch* OutputBatch::current() {
  OutputBatch* b = g_current_batch;
  return b && b->open_ ? b : nullptr;
}

void OutputBatch::add(std::string tmp, std::string path) {
  try {
    pending_.emplace_back(std::move(tmp), std::move(path));
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
}

std::vector<std::string> OutputBatch::targets() const {
  std::vector<std::string> out;
  for (const auto& [tmp, path] : pending_) out.push_back(path);
  return out;
}

void OutputBatch::discard() noexcept {
  for (const auto& [tmp, path] : pending_) std::remove(tmp.c_str());
  pending_.clear();
  open_ = false;
}

void OutputBatch::commit() {
  if (!open_) return;
  for (const auto& [tmp, path] : pending_) {
    std::error_code ec;
    const auto st = std::filesystem::symlink_status(path, ec);
    if (!ec && std::filesystem::exists(st) && std::filesystem::is_directory(st)) {
      const std::string why = path + ": cannot write the output: a directory of that name is in the way";
      discard();
      throw IoError(why);
    }
  }
  for (std::size_t i = 0; i < pending_.size(); ++i)
    if (std::rename(pending_[i].first.c_str(), pending_[i].second.c_str()) != 0) {
      const std::string why = std::strerror(errno);
      const std::string path = pending_[i].second;
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(i));
      discard();
      throw IoError(path + ": cannot move the finished file into place: " + why);
    }
  pending_.clear();
  open_ = false;
}

void ensure_directory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    throw IoError(dir + ": cannot create output directory: " + (ec ? ec.message() : "not a directory"));
}

}  // namespace movemap
