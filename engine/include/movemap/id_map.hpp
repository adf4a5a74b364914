// Dense ids for external string ids.
//
// IdMap interns strings: the first distinct string gets id 0, the next 1, and
// so on, so ids follow first appearance and are the same on every run. Names
// live in one contiguous arena (no per-string heap object). Lookup is an
// open-addressing table (linear probing, load <= 1/2) of 32-byte slots that
// hold the full hash, the length and the first 16 bytes of the name, so a
// probe for a short id touches one cache line; intern_batch() prefetches the
// slots of the keys ahead. find/intern cost O(|s|) expected.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "movemap/types.hpp"

namespace movemap {

class IdMap {
 public:
  IdMap() = default;

  // Returns the id of `s`, adding it if new.
  std::uint32_t intern(std::string_view s);
  // Same, with the hash precomputed by IdMap::hash(s).
  std::uint32_t intern(std::string_view s, std::uint64_t h);
  // out[i] = intern(keys[i], hashes[i]) for i < n, in order (so ids are as
  // with one-by-one calls), prefetching ahead. Empty keys give kNone when
  // `empty_is_none`.
  void intern_batch(const std::string_view* keys, const std::uint64_t* hashes, std::size_t n,
                    std::uint32_t* out, bool empty_is_none);
  std::optional<std::uint32_t> find(std::string_view s) const;
  std::string_view name(std::uint32_t id) const {
    return {arena_.data() + offsets_[id], static_cast<std::size_t>(offsets_[id + 1] - offsets_[id])};
  }
  std::uint32_t size() const { return static_cast<std::uint32_t>(offsets_.size() - 1); }
  bool empty() const { return size() == 0; }
  void reserve(std::size_t n);
  // All names in id order.
  std::vector<std::string> names() const;

  static std::uint64_t hash(std::string_view s) noexcept;

 private:
  struct Slot {
    std::uint64_t hash;
    std::uint32_t id_plus1;  // 0 = empty
    std::uint32_t length;
    char prefix[16];
  };
  static_assert(sizeof(Slot) == 32);
  bool matches(const Slot& slot, std::string_view s, std::uint64_t h) const;
  void rehash(std::size_t capacity);
  std::vector<char> arena_;
  std::vector<std::uint64_t> offsets_{0};
  std::vector<Slot> slots_;
};

}  // namespace movemap
