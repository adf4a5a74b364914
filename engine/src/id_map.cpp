#include "movemap/id_map.hpp"

#include <cstring>

namespace movemap {
namespace {

inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

}  // namespace

std::uint64_t IdMap::hash(std::string_view s) noexcept {
  constexpr std::uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull;
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t h = mix(n ^ k0, k1);
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = mix(h ^ w, k1);
    p += 8;
    n -= 8;
  }
  std::uint64_t w = 0;
  if (n) std::memcpy(&w, p, n);
  return mix(h ^ w ^ (static_cast<std::uint64_t>(n) << 59), k0);
}

void IdMap::reserve(std::size_t n) {
  offsets_.reserve(n + 1);
  std::size_t cap = 16;
  while (cap < 2 * n) cap <<= 1;
  if (cap > slots_.size()) {
    const std::uint32_t count = size();
    slots_.assign(cap, 0);
    const std::uint64_t mask = cap - 1;
    for (std::uint32_t id = 0; id < count; ++id) {
      const std::uint64_t h = hash(name(id));
      std::uint64_t i = h & mask;
      while (slots_[i]) i = (i + 1) & mask;
      slots_[i] = (h & 0xffffffff00000000ull) | (static_cast<std::uint64_t>(id) + 1);
    }
  }
}

void IdMap::grow() { reserve(slots_.empty() ? 8 : slots_.size()); }

std::optional<std::uint32_t> IdMap::find(std::string_view s) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint64_t h = hash(s);
  const std::uint64_t mask = slots_.size() - 1, tag = h & 0xffffffff00000000ull;
  for (std::uint64_t i = h & mask;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (!slot) return std::nullopt;
    if ((slot & 0xffffffff00000000ull) == tag) {
      const auto id = static_cast<std::uint32_t>((slot & 0xffffffffull) - 1);
      if (name(id) == s) return id;
    }
  }
}

std::uint32_t IdMap::intern(std::string_view s) { return intern(s, hash(s)); }

std::uint32_t IdMap::intern(std::string_view s, std::uint64_t h) {
  if (2 * (static_cast<std::size_t>(size()) + 1) > slots_.size()) grow();
  const std::uint64_t mask = slots_.size() - 1, tag = h & 0xffffffff00000000ull;
  std::uint64_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (!slot) break;
    if ((slot & 0xffffffff00000000ull) == tag) {
      const auto id = static_cast<std::uint32_t>((slot & 0xffffffffull) - 1);
      if (name(id) == s) return id;
    }
  }
  const std::uint32_t id = size();
  arena_.insert(arena_.end(), s.begin(), s.end());
  offsets_.push_back(arena_.size());
  slots_[i] = tag | (static_cast<std::uint64_t>(id) + 1);
  return id;
}

std::vector<std::string> IdMap::names() const {
  std::vector<std::string> out;
  out.reserve(size());
  for (std::uint32_t i = 0; i < size(); ++i) out.emplace_back(name(i));
  return out;
}

}  // namespace movemap
