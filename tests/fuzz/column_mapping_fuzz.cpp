// libFuzzer target: the column-mapping parser (io/column_mapping.hpp).
//
// Beyond "no crash": only UsageError is thrown; an accepted specification
// has non-empty fields and names, and writing its pairs back (',' and '='
// doubled in names) parses to the same pairs.
#include <cstdint>
#include <string>
#include <string_view>

#include "io/column_mapping.hpp"
#include "movemap/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view spec(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<std::string, std::string>> pairs;
  try {
    pairs = movemap::parse_column_mapping(spec);
  } catch (const movemap::UsageError&) {
    return 0;
  }
  std::string again;
  for (const auto& [field, name] : pairs) {
    if (field.empty() || name.empty()) __builtin_trap();
    if (!again.empty()) again += ',';
    again += field;
    again += '=';
    for (const char c : name) {
      again += c;
      if (c == ',' || c == '=') again += c;
    }
  }
  if (movemap::parse_column_mapping(again) != pairs) __builtin_trap();
  try {
    movemap::LogColumns lc;
    movemap::apply_column_mapping(spec, lc);
  } catch (const movemap::UsageError&) {
  }
  try {
    movemap::ActorColumns ac;
    movemap::apply_column_mapping(spec, ac);
  } catch (const movemap::UsageError&) {
  }
  return 0;
}
