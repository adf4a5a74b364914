#include "movemap/id_map.hpp"

#include <algorithm>
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

bool IdMap::matches(const Slot& slot, std::string_view s, std::uint64_t h) const {
  if (slot.hash != h || slot.length != s.size()) return false;
  const std::size_t head = std::min<std::size_t>(s.size(), sizeof slot.prefix);
  if (std::memcmp(slot.prefix, s.data(), head) != 0) return false;
  if (s.size() <= sizeof slot.prefix) return true;
  return std::memcmp(arena_.data() + offsets_[slot.id_plus1 - 1], s.data(), s.size()) == 0;
}

void IdMap::rehash(std::size_t capacity) {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(capacity, Slot{});
  const std::size_t mask = capacity - 1;
  for (const Slot& s : old) {
    if (!s.id_plus1) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].id_plus1) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void IdMap::reserve(std::size_t n) {
  offsets_.reserve(n + 1);
  std::size_t cap = 16;
  while (cap < 2 * n) cap <<= 1;
  if (cap > slots_.size()) rehash(cap);
}

std::optional<std::uint32_t> IdMap::find(std::string_view s) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint64_t h = hash(s);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (!slot.id_plus1) return std::nullopt;
    if (matches(slot, s, h)) return slot.id_plus1 - 1;
  }
}

std::uint32_t IdMap::intern(std::string_view s) { return intern(s, hash(s)); }

std::uint32_t IdMap::intern(std::string_view s, std::uint64_t h) {
  if (2 * (static_cast<std::size_t>(size()) + 1) > slots_.size())
    rehash(slots_.empty() ? 16 : 2 * slots_.size());
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (!slot.id_plus1) break;
    if (matches(slot, s, h)) return slot.id_plus1 - 1;
  }
  const std::uint32_t id = size();
  arena_.insert(arena_.end(), s.begin(), s.end());
  offsets_.push_back(arena_.size());
  Slot& slot = slots_[i];
  slot.hash = h;
  slot.id_plus1 = id + 1;
  slot.length = static_cast<std::uint32_t>(s.size());
  std::memset(slot.prefix, 0, sizeof slot.prefix);
  std::memcpy(slot.prefix, s.data(), std::min<std::size_t>(s.size(), sizeof slot.prefix));
  return id;
}

void IdMap::intern_batch(const std::string_view* keys, const std::uint64_t* hashes, std::size_t n,
                         std::uint32_t* out, bool empty_is_none) {
  constexpr std::size_t kAhead = 16;
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n && !slots_.empty())
      __builtin_prefetch(&slots_[hashes[i + kAhead] & (slots_.size() - 1)]);
    if (empty_is_none && keys[i].empty()) {
      out[i] = kNone;
      continue;
    }
    out[i] = intern(keys[i], hashes[i]);
  }
}

std::vector<std::string> IdMap::names() const {
  std::vector<std::string> out;
  out.reserve(size());
  for (std::uint32_t i = 0; i < size(); ++i) out.emplace_back(name(i));
  return out;
}

}  // namespace movemap
