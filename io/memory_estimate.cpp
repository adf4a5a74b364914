#include "io/memory_estimate.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "movemap/error.hpp"

namespace movemap {

namespace {

// (size in bytes, estimated number of lines) of a file, from the mean line
// length of its first MiB.
std::pair<std::uint64_t, std::uint64_t> size_and_lines(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return {0, 0};
  if (std::fseek(f.get(), 0, SEEK_END) != 0) return {0, 0};
  const long end = std::ftell(f.get());
  if (end <= 0) return {0, 0};
  std::rewind(f.get());
  std::vector<char> buf(1 << 20);
  const std::size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
  const auto newlines = static_cast<std::uint64_t>(std::count(buf.begin(), buf.begin() + n, '\n'));
  const auto size = static_cast<std::uint64_t>(end);
  if (n == size) return {size, newlines + (buf[n - 1] != '\n')};  // all of it was read
  // No line break in the sample (a JSON array on one line): assume 64
  // bytes per row, about the shortest JSON object of a row.
  const double per_line = newlines ? static_cast<double>(n) / newlines : 64.0;
  return {size, static_cast<std::uint64_t>(static_cast<double>(size) / per_line) + 1};
}

std::string human(std::uint64_t bytes) {
  char b[32];
  if (bytes >= (1ull << 30)) std::snprintf(b, sizeof b, "%.1f GiB", bytes / double(1ull << 30));
  else std::snprintf(b, sizeof b, "%.0f MiB", bytes / double(1ull << 20));
  return b;
}

}  // namespace

MemoryEstimate estimate_memory(const std::string& log_path, const std::string& actors_path) {
  MemoryEstimate e;
  const auto [bytes, rows] = size_and_lines(log_path);
  e.log_bytes = bytes;
  e.rows = rows;
  if (!actors_path.empty()) e.actors = size_and_lines(actors_path).second;
  e.need = kBaseBytes + e.rows * kBytesPerRow + e.actors * kBytesPerActor;
  return e;
}

std::optional<std::uint64_t> available_memory() {
  if (const char* env = std::getenv("MOVEMAP_MEMORY_LIMIT"); env && *env) {
    const std::string s = env;
    std::size_t pos = 0;
    unsigned long long v = 0;
    try {
      v = std::stoull(s, &pos);
    } catch (const std::exception&) {
      pos = 0;
    }
    std::uint64_t scale = 1;
    if (pos > 0 && pos + 1 == s.size()) {
      const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(s[pos])));
      scale = c == 'K' ? 1ull << 10 : c == 'M' ? 1ull << 20 : c == 'G' ? 1ull << 30 : 0;
      if (scale) ++pos;
    }
    if (pos == 0 || pos != s.size() || scale == 0)
      throw UsageError("MOVEMAP_MEMORY_LIMIT=\"" + s + "\": expected a number of bytes, e.g. 4000000000 or 4G");
    return v * scale;
  }
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("MemAvailable:", 0) == 0) {
      std::istringstream ls(line.substr(13));
      unsigned long long kb = 0;
      if (ls >> kb) return kb * 1024ull;
    }
  return std::nullopt;
}

void check_memory(const MemoryEstimate& e) {
  const auto avail = available_memory();
  if (!avail || e.need <= *avail) return;
  throw IoError("not enough memory: this log (" + human(e.log_bytes) + ", about " + std::to_string(e.rows) +
                " rows" + (e.actors ? ", " + std::to_string(e.actors) + " actors" : std::string()) +
                ") needs at least " + human(e.need) + "; " + human(*avail) + " available" +
                (std::getenv("MOVEMAP_MEMORY_LIMIT") ? " (MOVEMAP_MEMORY_LIMIT)" : " (MemAvailable)") +
                ". Free memory, use a larger machine, or split the log by period; to run anyway, set "
                "MOVEMAP_MEMORY_LIMIT to the bytes you know are available (docs/trust.md, Limits)");
}

}  // namespace movemap
