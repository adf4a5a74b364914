// libFuzzer target: the CSV block reader (io/csv_reader.hpp) and the record
// splitter on arbitrary bytes.
//
// The first input byte picks the delimiter, the block and piece sizes (tiny
// ones, so records straddle block and piece boundaries) and quote awareness;
// the rest is the file. Checked beyond "no crash": the pieces of all blocks
// tile the input (after a BOM) exactly, in order, without gaps or overlaps,
// and every piece splits into records that consume it to its end.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "io/csv_reader.hpp"
#include "movemap/error.hpp"

namespace {
struct Closer {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::uint8_t mode = data[0];
  static const char kDelims[] = {',', ';', '\t', '|'};
  const char delim = kDelims[mode & 3];
  const bool quote_aware = (mode & 4) == 0;
  const std::size_t block = (mode & 8) ? 7 : 4096;
  const std::size_t piece = (mode & 16) ? 3 : 64;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  std::unique_ptr<std::FILE, Closer> f(fmemopen(text.data(), text.size(), "rb"));
  if (!f) return 0;
  movemap::CsvBlockReader reader(f.get(), "fuzz.csv", quote_aware, block, piece, delim);
  std::string joined;  // the bytes of all pieces, in order
  std::uint64_t last_line = 0;
  try {
    movemap::CsvBlock b;
    std::vector<movemap::CsvField> fields;
    while (reader.next_block(b)) {
      for (const auto& p : b.pieces) {
        if (p.begin > p.end || p.first_line < last_line) __builtin_trap();
        last_line = p.first_line;
        joined.append(p.begin, p.end);
        std::string arena;
        arena.reserve(p.end - p.begin);
        const char* arena_data = arena.data();
        std::uint64_t lines = p.first_line;
        for (const char* q = p.begin; q < p.end;) {
          std::string err;
          const char* next = movemap::split_csv_record(q, p.end, delim, fields, arena, lines, &err);
          if (next <= q || next > p.end) __builtin_trap();  // progress, within the piece
          if (arena.data() != arena_data) __builtin_trap();  // views into the arena stay valid
          for (const auto& fl : fields) (void)std::strlen(std::string(fl.text).c_str());
          q = next;
        }
      }
    }
  } catch (const movemap::Error&) {
    return 0;  // an unterminated quote at the end: a clean, reported error
  }
  const std::size_t skip = text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  if (joined != std::string_view(text).substr(skip)) __builtin_trap();  // nothing lost, nothing invented
  return 0;
}
