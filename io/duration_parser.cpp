#include "io/duration_parser.hpp"

#include <charconv>
#include <string>

#include "movemap/error.hpp"

namespace movemap {

timestamp parse_duration(std::string_view text, std::string_view what) {
  auto fail = [&]() -> timestamp {
    throw UsageError(std::string(what) + " \"" + std::string(text) +
                     "\": expected a positive whole number and a unit, e.g. 90d, 12h, 2w, 3M (30-day months), 1y");
  };
  if (text.empty()) return fail();
  std::int64_t unit = 1;
  std::string_view num = text;
  switch (text.back()) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    case 'w': unit = 7 * 86400; break;
    case 'M': unit = 30 * 86400; break;
    case 'y': unit = 365 * 86400; break;
    default: unit = 0;
  }
  if (unit) num.remove_suffix(1);
  else unit = 1;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), v);
  if (num.empty() || ec != std::errc() || p != num.data() + num.size() || v <= 0 || v > INT64_MAX / unit / 4)
    return fail();
  return v * unit;
}

}  // namespace movemap
