#include "io/csv_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "movemap/error.hpp"

namespace movemap {

CsvBlockReader::CsvBlockReader(std::FILE* in, std::string file, bool quote_aware, std::size_t block_bytes,
                               std::size_t piece_bytes, char delimiter)
    : in_(in), file_(std::move(file)), quote_aware_(quote_aware), delim_(delimiter),
      block_bytes_(std::max<std::size_t>(block_bytes, 1)), piece_bytes_(std::max<std::size_t>(piece_bytes, 1)) {}

bool CsvBlockReader::fill() {
  // Moves the unconsumed tail to the front and reads until the buffer holds
  // at least block_bytes (or the input ends). Returns false if nothing new.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  const std::size_t want = std::max(block_bytes_, end_ * 2);
  if (buf_.size() < want) buf_.resize(want);
  bool got = false;
  while (!eof_ && end_ < buf_.size()) {
    const std::size_t r = std::fread(buf_.data() + end_, 1, buf_.size() - end_, in_);
    if (r == 0) {
      if (std::ferror(in_)) throw IoError(file_ + ": read error: " + std::strerror(errno));
      eof_ = true;
      break;
    }
    end_ += r;
    bytes_read_ += r;
    got = true;
  }
  if (first_ && end_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) begin_ = 3;
  if (first_ && end_ >= 3) first_ = false;
  if (first_ && eof_) first_ = false;
  return got;
}

bool CsvBlockReader::next(std::vector<CsvPiece>& pieces) {
  pieces.clear();
  if (begin_ == end_ && eof_) return false;
  if (end_ - begin_ < block_bytes_ && !eof_) fill();
  while (true) {
    const char* b = buf_.data() + begin_;
    const char* e = buf_.data() + end_;
    if (b == e) return false;
    // Find record boundaries (positions just after a line break outside
    // quotes) and cut pieces of about piece_bytes_.
    std::uint64_t line = line_, piece_line = line_;
    const char* piece_start = b;
    const char* last_boundary = nullptr;
    std::uint64_t lines_at_boundary = line_;
    const bool has_quote = quote_aware_ && std::memchr(b, '"', e - b) != nullptr;
    if (!has_quote) {
      for (const char* p = b; p < e;) {
        const char* target = piece_start + piece_bytes_;
        if (target > e) target = e;
        const char* nl = target == e ? nullptr
                                     : static_cast<const char*>(std::memchr(target - 1, '\n', e - (target - 1)));
        if (!nl) {
          // The rest has no more complete piece; the last boundary is the last line break.
          const char* last = static_cast<const char*>(memrchr(piece_start, '\n', e - piece_start));
          if (last) {
            pieces.push_back({piece_start, last + 1, piece_line});
            piece_line += std::count(piece_start, last + 1, '\n');
            last_boundary = last + 1;
            lines_at_boundary = piece_line;
          }
          break;
        }
        pieces.push_back({piece_start, nl + 1, piece_line});
        piece_line += std::count(piece_start, nl + 1, '\n');
        piece_start = nl + 1;
        last_boundary = piece_start;
        lines_at_boundary = piece_line;
        p = piece_start;
      }
    } else {
      // RFC 4180 state machine: a quote opens a quoted field only at the
      // start of a field; inside, "" is a literal quote.
      enum { FieldStart, Unquoted, Quoted, QuoteInQuoted } st = FieldStart;
      for (const char* p = b; p < e; ++p) {
        const char c = *p;
        switch (st) {
          case FieldStart:
          case Unquoted:
          case QuoteInQuoted:
            if (c == '"' && st == FieldStart) st = Quoted;
            else if (c == '"' && st == QuoteInQuoted) st = Quoted;
            else if (c == delim_) st = FieldStart;
            else if (c == '\n') {
              ++line;
              st = FieldStart;
              last_boundary = p + 1;
              lines_at_boundary = line;
              if (last_boundary - piece_start >= static_cast<std::ptrdiff_t>(piece_bytes_)) {
                pieces.push_back({piece_start, last_boundary, piece_line});
                piece_start = last_boundary;
                piece_line = line;
              }
            } else st = Unquoted;
            break;
          case Quoted:
            if (c == '"') st = QuoteInQuoted;
            else if (c == '\n') ++line;
            break;
        }
      }
      if (last_boundary && piece_start < last_boundary) pieces.push_back({piece_start, last_boundary, piece_line});
      if (eof_ && st == Quoted) {
        // Find the line where the unterminated record starts.
        const char* rec = last_boundary ? last_boundary : b;
        throw InputError(file_, lines_at_boundary,
                         "unterminated quoted field (the file ends inside quotes that start in this record); "
                         "expected a closing '\"'" + std::string(rec == e ? "" : ""));
      }
    }
    if (eof_) {
      // Whatever follows the last boundary is the final record, without a line break.
      const char* tail = last_boundary ? last_boundary : b;
      if (tail < e) pieces.push_back({tail, e, lines_at_boundary});
      begin_ = end_;
      line_ = lines_at_boundary;
      return !pieces.empty();
    }
    if (last_boundary) {
      begin_ = last_boundary - buf_.data();
      line_ = lines_at_boundary;
      return true;
    }
    // No complete record in the buffer: read more (the buffer grows).
    pieces.clear();
    fill();
  }
}

bool CsvBlockReader::next_block(CsvBlock& block) {
  block.pieces.clear();
  if (!next(block.pieces)) return false;
  // Hand the buffer over; keep the unconsumed tail in a fresh one.
  CsvBuffer tail(buf_.begin() + begin_, buf_.begin() + end_);
  if (!eof_) tail.resize(std::max(block_bytes_, tail.size()));
  block.data = std::move(buf_);  // moving keeps the pieces' pointers valid
  buf_ = std::move(tail);
  end_ -= begin_;
  begin_ = 0;
  return true;
}

const char* split_csv_record(const char* p, const char* end, char delim, std::vector<CsvField>& fields,
                             std::string& arena, std::uint64_t& lines, std::string* error) {
  fields.clear();
  while (true) {
    if (p < end && *p == '"') {
      // Quoted field.
      ++p;
      const char* start = p;
      bool escaped = false;
      std::size_t arena_start = arena.size();
      while (true) {
        const char* q = static_cast<const char*>(std::memchr(p, '"', end - p));
        if (!q) {
          if (error) *error = "unterminated quoted field; expected a closing '\"'";
          lines += std::count(p, end, '\n');
          return end;
        }
        lines += std::count(p, q, '\n');
        if (q + 1 < end && q[1] == '"') {
          if (!escaped) {
            arena_start = arena.size();
            escaped = true;
            arena.append(start, q + 1);
          } else {
            arena.append(p, q + 1);
          }
          p = q + 2;
          continue;
        }
        if (escaped) arena.append(p, q);
        std::string_view text = escaped ? std::string_view(arena.data() + arena_start, arena.size() - arena_start)
                                        : std::string_view(start, q - start);
        fields.push_back({text, true});
        p = q + 1;
        break;
      }
      if (p == end) return end;
      if (*p == delim) {
        ++p;
        continue;
      }
      if (*p == '\n') {
        ++lines;
        return p + 1;
      }
      if (*p == '\r' && p + 1 < end && p[1] == '\n') {
        ++lines;
        return p + 2;
      }
      if (*p == '\r' && p + 1 == end) return end;
      if (error) *error = "text after a closing quote; expected the delimiter or the end of the line";
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
      if (!nl) return end;
      ++lines;
      return nl + 1;
    }
    // Unquoted field: up to the delimiter or the line break.
    const char* start = p;
    while (p < end && *p != delim && *p != '\n') ++p;
    const char* stop = p;
    if (p < end && *p == '\n' && stop > start && stop[-1] == '\r') --stop;
    else if (p == end && stop > start && stop[-1] == '\r') --stop;
    fields.push_back({std::string_view(start, stop - start), false});
    if (p == end) return end;
    if (*p == delim) {
      ++p;
      continue;
    }
    ++lines;  // '\n'
    return p + 1;
  }
}

void append_csv_field(std::string& out, std::string_view f, char delim) {
  bool quote = !f.empty() && (f.front() == ' ' || f.back() == ' ');
  for (const char c : f)
    if (c == delim || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  if (!quote) {
    out.append(f);
    return;
  }
  out.push_back('"');
  for (const char c : f) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace movemap
