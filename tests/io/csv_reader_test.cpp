// RFC 4180 reading in blocks and pieces (io/csv_reader.hpp). Expected values
// are written by hand from RFC 4180 and the header's comments.
#include "io/csv_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "movemap/error.hpp"

namespace movemap {
namespace {

using Records = std::vector<std::vector<std::string>>;

// A FILE* holding `text`, positioned at the start (tmpfile works for empty
// input too, unlike fmemopen).
struct TempInput {
  explicit TempInput(const std::string& text) {
    f = std::tmpfile();
    if (f == nullptr) throw std::runtime_error("tmpfile failed");
    if (!text.empty()) std::fwrite(text.data(), 1, text.size(), f);
    std::rewind(f);
  }
  ~TempInput() { std::fclose(f); }
  TempInput(const TempInput&) = delete;
  TempInput& operator=(const TempInput&) = delete;
  std::FILE* f = nullptr;
};

// Splits [text) into records with split_csv_record.
Records split_all(const std::string& text, char delim = ',', std::string* error_out = nullptr) {
  Records out;
  std::string arena;
  arena.reserve(text.size() + 1);
  const char* p = text.data();
  const char* end = text.data() + text.size();
  std::vector<CsvField> fields;
  std::uint64_t lines = 0;
  while (p < end) {
    fields.clear();
    std::string error;
    const char* next = split_csv_record(p, end, delim, fields, arena, lines, &error);
    if (!error.empty()) {
      if (error_out) *error_out = error;
      return out;
    }
    if (next <= p) throw std::runtime_error("split_csv_record made no progress");
    std::vector<std::string> rec;
    for (const auto& f : fields) rec.emplace_back(f.text);
    out.push_back(std::move(rec));
    p = next;
  }
  return out;
}

// One piece as read: its bytes (copied) and first line.
struct PieceCopy {
  std::string text;
  std::uint64_t first_line;
};

std::vector<PieceCopy> read_pieces(const std::string& input, std::size_t block_bytes,
                                   std::size_t piece_bytes, bool quote_aware = true,
                                   char delim = ',', std::uint64_t* bytes_read = nullptr) {
  TempInput in(input);
  CsvBlockReader reader(in.f, "test.csv", quote_aware, block_bytes, piece_bytes, delim);
  std::vector<PieceCopy> out;
  std::vector<CsvPiece> pieces;
  int guard = 0;
  while (reader.next(pieces)) {
    for (const auto& p : pieces) out.push_back({std::string(p.begin, p.end), p.first_line});
    if (++guard > 1000000) throw std::runtime_error("reader never ends");
  }
  if (bytes_read) *bytes_read = reader.bytes_read();
  return out;
}

std::uint64_t count_lf(const std::string& s, std::size_t upto) {
  return static_cast<std::uint64_t>(std::count(s.begin(), s.begin() + upto, '\n'));
}

// Offsets at which records start, found by an independent RFC 4180 scan
// (a quote toggles the quoted state; a LF outside quotes ends a record).
std::vector<std::size_t> record_starts(const std::string& body) {
  std::vector<std::size_t> starts{0};
  bool quoted = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '"') quoted = !quoted;
    else if (body[i] == '\n' && !quoted) starts.push_back(i + 1);
  }
  return starts;
}

// Checks that the pieces cover `body` (the input without its BOM) exactly,
// in order, that each starts on the right physical line, and that each ends
// at a record boundary (the records of a piece split without reaching into
// the next one).
void check_pieces(const std::vector<PieceCopy>& pieces, const std::string& body, char delim = ',') {
  const std::vector<std::size_t> starts = record_starts(body);
  std::string joined;
  for (const auto& p : pieces) {
    const std::size_t offset = joined.size();
    EXPECT_EQ(p.first_line, 1 + count_lf(body, offset)) << "piece at byte " << offset;
    EXPECT_TRUE(std::binary_search(starts.begin(), starts.end(), offset))
        << "piece starts inside a record at byte " << offset;
    joined += p.text;
    // Each piece holds whole records: splitting it alone gives records whose
    // concatenated extents reach exactly its end, with no error.
    std::string error;
    split_all(p.text, delim, &error);
    EXPECT_TRUE(error.empty()) << "piece at byte " << offset << ": " << error;
  }
  EXPECT_EQ(joined, body);
}

// ---------------------------------------------------------------- split ----

TEST(SplitCsvRecord, PlainFields) {
  EXPECT_EQ(split_all("a,b,c\n"), (Records{{"a", "b", "c"}}));
  EXPECT_EQ(split_all("a,b\n1,2\n"), (Records{{"a", "b"}, {"1", "2"}}));
}

TEST(SplitCsvRecord, QuotedFieldsWithDelimiterQuotesAndNewlines) {
  // RFC 4180 2.6 and 2.7: quoted fields hold commas, line breaks and doubled
  // quotes.
  const std::string text = "\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\"\nnext,row\n";
  EXPECT_EQ(split_all(text), (Records{{"a,b", "say \"hi\"", "line1\nline2"}, {"next", "row"}}));
}

TEST(SplitCsvRecord, QuotedFlagAndEmptyQuotedField) {
  const std::string text = "\"x\",y,\"\"\n";
  std::string arena;
  arena.reserve(text.size());
  std::vector<CsvField> fields;
  std::uint64_t lines = 0;
  std::string error;
  const char* end = text.data() + text.size();
  const char* next = split_csv_record(text.data(), end, ',', fields, arena, lines, &error);
  EXPECT_TRUE(error.empty());
  EXPECT_EQ(next, end);
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[0].text, "x");
  EXPECT_TRUE(fields[0].quoted);
  EXPECT_EQ(fields[1].text, "y");
  EXPECT_FALSE(fields[1].quoted);
  EXPECT_EQ(fields[2].text, "");
  EXPECT_TRUE(fields[2].quoted);
  EXPECT_EQ(lines, 1u);
}

TEST(SplitCsvRecord, CrlfLineEnds) {
  EXPECT_EQ(split_all("a,b\r\nc,d\r\n"), (Records{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(split_all("\"x\",\"y\"\r\n\"z\"\r\n"), (Records{{"x", "y"}, {"z"}}));
  // Inside quotes a CRLF is data (RFC 4180 2.6).
  EXPECT_EQ(split_all("\"x\r\ny\",z\r\n"), (Records{{"x\r\ny", "z"}}));
}

TEST(SplitCsvRecord, EmptyFields) {
  EXPECT_EQ(split_all("a,,c\n"), (Records{{"a", "", "c"}}));
  EXPECT_EQ(split_all(",,\n"), (Records{{"", "", ""}}));
  EXPECT_EQ(split_all("a,\n"), (Records{{"a", ""}}));
  EXPECT_EQ(split_all(",a\n"), (Records{{"", "a"}}));
}

TEST(SplitCsvRecord, LastRecordWithoutTrailingNewline) {
  EXPECT_EQ(split_all("a,b\nc,d"), (Records{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(split_all("a,\"q\""), (Records{{"a", "q"}}));
}

TEST(SplitCsvRecord, CountsLinesInsideQuotedFields) {
  const std::string text = "a,\"1\n2\n3\",b\nnext\n";
  std::string arena;
  arena.reserve(text.size());
  std::vector<CsvField> fields;
  std::uint64_t lines = 10;
  std::string error;
  const char* end = text.data() + text.size();
  const char* next = split_csv_record(text.data(), end, ',', fields, arena, lines, &error);
  EXPECT_TRUE(error.empty());
  EXPECT_EQ(lines, 13u);  // two breaks inside the field + the record's end
  EXPECT_EQ(std::string(next, end), "next\n");
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[1].text, "1\n2\n3");
}

TEST(SplitCsvRecord, TextAfterClosingQuoteIsAnError) {
  std::string error;
  split_all("\"ab\"c,d\n", ',', &error);
  EXPECT_FALSE(error.empty());
}

TEST(SplitCsvRecord, OtherDelimiters) {
  EXPECT_EQ(split_all("a\tb,c\t\"d\te\"\n", '\t'), (Records{{"a", "b,c", "d\te"}}));
  EXPECT_EQ(split_all("a;b,c;d\n", ';'), (Records{{"a", "b,c", "d"}}));
}

TEST(SplitCsvRecord, NonAsciiKeptAsBytes) {
  EXPECT_EQ(split_all("Zo\xC3\xAB,\xE6\x97\xA5\xE6\x9C\xAC\n"),
            (Records{{"Zo\xC3\xAB", "\xE6\x97\xA5\xE6\x9C\xAC"}}));
}

// --------------------------------------------------------------- append ----

TEST(AppendCsvField, QuotesOnlyWhenNeeded) {
  auto q = [](std::string_view f, char d = ',') {
    std::string out;
    append_csv_field(out, f, d);
    return out;
  };
  EXPECT_EQ(q("plain"), "plain");
  EXPECT_EQ(q(""), "");
  EXPECT_EQ(q("a,b"), "\"a,b\"");
  EXPECT_EQ(q("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(q("a\nb"), "\"a\nb\"");
  EXPECT_EQ(q("a\rb"), "\"a\rb\"");
  EXPECT_EQ(q(" lead"), "\" lead\"");
  EXPECT_EQ(q("trail "), "\"trail \"");
  EXPECT_EQ(q("in side"), "in side");
  EXPECT_EQ(q("a,b", '\t'), "a,b");
  EXPECT_EQ(q("a\tb", '\t'), "\"a\tb\"");
  EXPECT_EQ(q("a;b", ';'), "\"a;b\"");
}

TEST(AppendCsvField, AppendsToExistingText) {
  std::string out = "x,";
  append_csv_field(out, "a,b");
  EXPECT_EQ(out, "x,\"a,b\"");
}

TEST(AppendCsvField, RoundTripsThroughSplit) {
  const std::vector<std::string> values = {"",        "plain",    "a,b",          "\"",
                                           "\"\"",    "x\ny",     "x\r\ny",       " sp ",
                                           "end\r",   "Zo\xC3\xAB", "a\"b,c\nd\"", ","};
  std::string line;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) line += ',';
    append_csv_field(line, values[i]);
  }
  line += '\n';
  const Records r = split_all(line);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0], values);
}

// --------------------------------------------------------------- reader ----

TEST(CsvBlockReader, EmptyInputHasNoRecords) {
  const auto pieces = read_pieces("", 16, 8);
  std::string joined;
  for (const auto& p : pieces) joined += p.text;
  EXPECT_EQ(joined, "");
}

TEST(CsvBlockReader, SmallInputOneBlock) {
  const std::string text = "a,b\n1,2\n3,4\n";
  std::uint64_t bytes = 0;
  const auto pieces = read_pieces(text, 16u << 20, 1u << 20, true, ',', &bytes);
  ASSERT_FALSE(pieces.empty());
  EXPECT_EQ(pieces[0].first_line, 1u);
  check_pieces(pieces, text);
  EXPECT_EQ(bytes, text.size());
}

TEST(CsvBlockReader, SkipsBom) {
  const std::string body = "time,source\n1,a\n";
  const auto pieces = read_pieces("\xEF\xBB\xBF" + body, 16u << 20, 1u << 20);
  ASSERT_FALSE(pieces.empty());
  EXPECT_EQ(pieces[0].first_line, 1u);
  check_pieces(pieces, body);
}

TEST(CsvBlockReader, BomOnlyInTinyBlocks) {
  const std::string body = "ab,cd\nef,gh\nij,kl\nmn,op\n";
  const auto pieces = read_pieces("\xEF\xBB\xBF" + body, 16, 8);
  check_pieces(pieces, body);
}

TEST(CsvBlockReader, LastRecordWithoutNewline) {
  const std::string text = "a,b\n1,2\n3,4";
  check_pieces(read_pieces(text, 16u << 20, 1u << 20), text);
  check_pieces(read_pieces(text, 16, 8), text);
}

TEST(CsvBlockReader, RecordsSpanningTinyBlocksKeepQuotesAndLines) {
  // Quoted fields with delimiters, doubled quotes and LF / CRLF line breaks,
  // far longer than the 16-byte blocks and 8-byte pieces.
  std::string text = "time,source,note\n";
  for (int i = 0; i < 40; ++i) {
    text += "2024-03-0" + std::to_string(1 + i % 9) + ",actor" + std::to_string(i) + ",";
    switch (i % 5) {
      case 0: text += "plain"; break;
      case 1: text += "\"with, comma\""; break;
      case 2: text += "\"multi\nline\nnote\""; break;
      case 3: text += "\"say \"\"x\"\"\r\nthen\""; break;
      case 4: text += "\"\""; break;
    }
    text += (i % 3 == 0) ? "\r\n" : "\n";
  }
  const auto pieces = read_pieces(text, 16, 8);
  EXPECT_GT(pieces.size(), 1u);
  check_pieces(pieces, text);

  // Every piece splits into whole records; together they are the file's.
  Records all;
  for (const auto& p : pieces) {
    Records r = split_all(p.text);
    all.insert(all.end(), r.begin(), r.end());
  }
  ASSERT_EQ(all.size(), 41u);
  EXPECT_EQ(all[0], (std::vector<std::string>{"time", "source", "note"}));
  EXPECT_EQ(all[1], (std::vector<std::string>{"2024-03-01", "actor0", "plain"}));
  EXPECT_EQ(all[2], (std::vector<std::string>{"2024-03-02", "actor1", "with, comma"}));
  EXPECT_EQ(all[3], (std::vector<std::string>{"2024-03-03", "actor2", "multi\nline\nnote"}));
  EXPECT_EQ(all[4], (std::vector<std::string>{"2024-03-04", "actor3", "say \"x\"\r\nthen"}));
  EXPECT_EQ(all[5], (std::vector<std::string>{"2024-03-05", "actor4", ""}));
  // i = 39: day 1 + 39 % 9 = 4, note kind 39 % 5 = 4 (empty quoted).
  EXPECT_EQ(all[40], (std::vector<std::string>{"2024-03-04", "actor39", ""}));
}

TEST(CsvBlockReader, PhysicalFirstLinesHandWorked) {
  // Line 1: h; lines 2-4: one record with two breaks inside quotes; line 5: x;
  // line 6: y. With 8-byte pieces, whichever piece starts at "x" starts on
  // line 5 and whichever starts at "y" on line 6.
  const std::string text = "h1,h2\n\"a\nb\nc\",d\nx1,x2\ny1,y2\n";
  const auto pieces = read_pieces(text, 16, 8);
  check_pieces(pieces, text);
  for (const auto& p : pieces) {
    if (p.text.rfind("x1", 0) == 0) { EXPECT_EQ(p.first_line, 5u); }
    if (p.text.rfind("y1", 0) == 0) { EXPECT_EQ(p.first_line, 6u); }
    if (p.text.rfind("\"a", 0) == 0) { EXPECT_EQ(p.first_line, 2u); }
  }
}

TEST(CsvBlockReader, FieldLargerThanBlock) {
  const std::string big(1000, 'z');
  std::string text = "a,b\n1," + big + "\n2,\"" + std::string(300, 'q') + "\n,\"\"" +
                     std::string(300, 'r') + "\"\n3,end\n";
  const auto pieces = read_pieces(text, 16, 8);
  check_pieces(pieces, text);
  Records all;
  for (const auto& p : pieces) {
    Records r = split_all(p.text);
    all.insert(all.end(), r.begin(), r.end());
  }
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[1], (std::vector<std::string>{"1", big}));
  EXPECT_EQ(all[2], (std::vector<std::string>{"2", std::string(300, 'q') + "\n,\"" + std::string(300, 'r')}));
  EXPECT_EQ(all[3], (std::vector<std::string>{"3", "end"}));
}

TEST(CsvBlockReader, UnterminatedQuoteAtEofThrowsInputError) {
  const std::string text = "a,b\n1,\"never closed\n2,3\n";
  for (std::size_t block : {std::size_t{16}, std::size_t{16u << 20}}) {
    TempInput in(text);
    CsvBlockReader reader(in.f, "broken.csv", true, block, block / 2);
    std::vector<CsvPiece> pieces;
    try {
      while (reader.next(pieces)) {
      }
      ADD_FAILURE() << "no InputError for an unterminated quote (block " << block << ")";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("broken.csv"), std::string::npos) << e.what();
    }
  }
}

TEST(CsvBlockReader, NotQuoteAwareSplitsAtEveryLine) {
  // JSON Lines: a stray quote does not join lines.
  const std::string text = "{\"a\":\"x\"}\n\"\n{\"b\":1}\n{\"c\":2}\n";
  const auto pieces = read_pieces(text, 16, 8, false);
  std::string joined;
  for (const auto& p : pieces) {
    EXPECT_EQ(p.first_line, 1 + count_lf(text, joined.size()));
    joined += p.text;
  }
  EXPECT_EQ(joined, text);
}

TEST(CsvBlockReader, TabDelimiterAndTinyBlocks) {
  const std::string text = "a\tb\n\"x\ty\"\t\"1\n2\"\nlast\trow\n";
  const auto pieces = read_pieces(text, 16, 8, true, '\t');
  check_pieces(pieces, text, '\t');
}

TEST(CsvBlockReader, NextBlockOwnsItsBytes) {
  std::string text = "h1,h2\n";
  for (int i = 0; i < 200; ++i) text += "row" + std::to_string(i) + ",\"v\n" + std::to_string(i) + "\"\n";
  TempInput in(text);
  CsvBlockReader reader(in.f, "own.csv", true, 64, 16);
  std::vector<CsvBlock> blocks;
  CsvBlock b;
  while (reader.next_block(b)) {
    blocks.push_back(std::move(b));
    b = CsvBlock{};
  }
  EXPECT_GT(blocks.size(), 1u);
  // All blocks are still readable after the reader moved on.
  std::string joined;
  for (const auto& blk : blocks) {
    for (const auto& p : blk.pieces) {
      ASSERT_GE(p.begin, blk.data.data());
      ASSERT_LE(p.end, blk.data.data() + blk.data.size());
      EXPECT_EQ(p.first_line, 1 + count_lf(text, joined.size()));
      joined.append(p.begin, p.end);
    }
  }
  EXPECT_EQ(joined, text);
}

}  // namespace
}  // namespace movemap
