#include "io/group_suppression.hpp"

namespace movemap {

std::vector<bool> small_groups(const std::vector<std::uint64_t>& sizes, std::uint64_t min_group_size,
                               bool secondary) {
  std::vector<bool> out(sizes.size(), false);
  if (min_group_size <= 1) return out;
  std::size_t suppressed = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i)
    if (sizes[i] > 0 && sizes[i] < min_group_size) {
      out[i] = true;
      ++suppressed;
    }
  if (secondary && suppressed == 1) {
    std::size_t best = sizes.size();
    for (std::size_t i = 0; i < sizes.size(); ++i)
      if (!out[i] && sizes[i] > 0 && (best == sizes.size() || sizes[i] < sizes[best])) best = i;
    if (best < sizes.size()) out[best] = true;
  }
  return out;
}

std::size_t suppress_small_groups(GroupTable& table, std::uint64_t min_group_size, bool secondary) {
  std::vector<std::uint64_t> sizes;
  sizes.reserve(table.rows.size());
  // An already blank row counts as one of 1 actor: suppressed, and the
  // secondary rule sees it.
  for (const auto& r : table.rows) sizes.push_back(r.actors ? *r.actors : 1);
  const std::vector<bool> flags = small_groups(sizes, min_group_size, secondary);
  std::size_t n = 0;
  for (std::size_t i = 0; i < table.rows.size(); ++i)
    if (flags[i]) {
      auto& r = table.rows[i];
      r.actors.reset();
      for (auto& c : r.cells) c.reset();
      r.suppressed = true;
      ++n;
    }
  return n;
}

}  // namespace movemap
