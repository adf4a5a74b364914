// Dense ids for external string ids.
//
// IdMap interns strings: the first distinct string gets id 0, the next 1, and
// so on, so ids follow first appearance and are the same on every run. Names
// live in one contiguous arena (no per-string heap object); lookup is an
// open-addressing hash table of 8-byte slots. find/intern cost O(|s|)
// expected.
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
  void grow();
  std::vector<char> arena_;
  std::vector<std::uint64_t> offsets_{0};
  // slot = (upper 32 bits of hash) << 32 | (id + 1); 0 = empty.
  std::vector<std::uint64_t> slots_;
};

}  // namespace movemap
