// Streaming RFC 4180 reading, in blocks that can be parsed in parallel.
//
// CsvBlockReader reads a file (or any FILE*) in blocks of whole records: it
// tracks quote state across the block so a quoted field may hold the
// delimiter, doubled quotes and line breaks (LF or CRLF). Each block is cut
// into pieces of about `piece_bytes` at record boundaries, with the physical
// line number at which each piece starts, so pieces can be parsed
// independently. A UTF-8 byte-order mark at the start is skipped.
//
// split_csv_record() splits one record into fields (unquoting into a
// caller-provided arena).
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace movemap {

struct CsvPiece {
  const char* begin;
  const char* end;
  std::uint64_t first_line;  // physical line number of the first record
};

// A block of whole records that owns its bytes, so it can be parsed while
// the reader goes on to the next one.
// A byte buffer whose resize() leaves new bytes uninitialised: the reader
// sizes its buffer to a whole block (16 MiB) before fread fills it, and
// zero-filling would touch every page even when the file is far smaller
// (a 5 MB log kept 32-48 MiB resident through the read).
template <class T>
struct UninitializedAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <class U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;  // default-initialise: no zeroing for char
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
using CsvBuffer = std::vector<char, UninitializedAllocator<char>>;

struct CsvBlock {
  CsvBuffer data;
  std::vector<CsvPiece> pieces;  // pointing into data
};

class CsvBlockReader {
 public:
  // `file` is only used in messages. `quote_aware` = false for formats where
  // records are exactly lines (JSON Lines).
  CsvBlockReader(std::FILE* in, std::string file, bool quote_aware = true,
                 std::size_t block_bytes = 16u << 20, std::size_t piece_bytes = 1u << 20,
                 char delimiter = ',');
  // Reads the next block of whole records; false at end of input. Throws
  // InputError for an unterminated quoted field at end of input, IoError on
  // a read error.
  bool next(std::vector<CsvPiece>& pieces);
  // The same, but the block takes the bytes with it (the reader keeps a
  // copy of the unfinished tail only).
  bool next_block(CsvBlock& block);
  std::uint64_t bytes_read() const { return bytes_read_; }
  const std::string& file() const { return file_; }

 private:
  bool fill();
  std::FILE* in_;
  std::string file_;
  bool quote_aware_;
  char delim_;
  std::size_t block_bytes_, piece_bytes_;
  CsvBuffer buf_;
  std::size_t begin_ = 0, end_ = 0;  // unconsumed bytes in buf_
  std::uint64_t line_ = 1;           // line number at buf_[begin_]
  std::uint64_t bytes_read_ = 0;
  bool eof_ = false, first_ = true;
};

struct CsvField {
  std::string_view text;
  bool quoted = false;
};

// Splits the record starting at `p` (inside [p, end)) into `fields`, returns
// the position after the record's line break. Unquoted text is viewed in
// place; quoted fields with doubled quotes are unescaped into `arena` (whose
// capacity must be enough that it never reallocates: the input size is).
// `lines` is increased by the line breaks inside the record plus its end.
// On malformed input (text after a closing quote) sets *error.
const char* split_csv_record(const char* p, const char* end, char delimiter,
                             std::vector<CsvField>& fields, std::string& arena,
                             std::uint64_t& lines, std::string* error);

// Quotes a field for CSV output when it needs it (delimiter, quote, CR/LF,
// leading/trailing space).
void append_csv_field(std::string& out, std::string_view field, char delimiter = ',');

}  // namespace movemap
