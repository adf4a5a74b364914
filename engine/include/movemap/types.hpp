// Basic types shared by the whole engine.
#pragma once
#include <cstdint>
#include <limits>

namespace movemap {

using node_id = std::uint32_t;    // dense actor id, 0..n-1
using edge_id = std::uint64_t;    // tie id / CSR offset (m may exceed 2^32)
using timestamp = std::int64_t;   // seconds since 1970-01-01T00:00:00Z (UTC)

inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

}  // namespace movemap
