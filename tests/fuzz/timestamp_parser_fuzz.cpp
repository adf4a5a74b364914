// libFuzzer target: parse_timestamp (io/timestamp_parser.hpp).
//
// Beyond "no crash": an accepted value lies in years 0001-9999 (offsets may
// move it by under a day), a reason is given for every rejection, and the
// canonical form of an accepted value parses back to the same value.
#include <cstdint>
#include <string>
#include <string_view>

#include "io/timestamp_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string why;
  const auto t = movemap::parse_timestamp(text, &why);
  if (!t) {
    if (why.empty()) __builtin_trap();
    return 0;
  }
  // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, widened by a day of offset.
  if (*t < -62135596800LL - 86400 || *t > 253402300799LL + 86400) __builtin_trap();
  if (*t < -62135596800LL || *t > 253402300799LL) return 0;  // not representable as year 0001-9999
  const std::string canonical = movemap::format_timestamp(*t);
  const auto back = movemap::parse_timestamp(canonical);
  if (!back || *back != *t) __builtin_trap();
  return 0;
}
