#include "io/interaction_log_reader.hpp"

#include <rapidjson/document.h>
#include <rapidjson/reader.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <set>

#include "io/atomic_file.hpp"
#include "io/csv_reader.hpp"
#include "io/log_row.hpp"
#include "io/timestamp_parser.hpp"
#include "movemap/error.hpp"

namespace movemap {

LogFormat parse_log_format(std::string_view name) {
  if (name == "auto" || name.empty()) return LogFormat::Auto;
  if (name == "csv" || name == "tsv") return LogFormat::Csv;
  if (name == "jsonl" || name == "ndjson" || name == "json-lines") return LogFormat::JsonLines;
  if (name == "json") return LogFormat::JsonArray;
  throw UsageError("unknown format \"" + std::string(name) + "\"; expected auto, csv, jsonl or json");
}

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  return true;
}

// ----------------------------------------------------------------- CSV ----

struct PieceResult {
  InteractionBatch batch;
  std::string arena;
  std::vector<RowReject> rejects;
  std::uint64_t rows = 0, blank = 0;
  std::uint64_t bytes = 0;  // input bytes of the piece
};

class LogReader {
 public:
  LogReader(const std::string& name, const LogReadOptions& opt, std::uint64_t total_bytes)
      : name_(name), opt_(opt), total_(total_bytes) {
    if (!opt.rejects_path.empty()) rejects_ = std::make_unique<RejectWriter>(opt.rejects_path);
  }

  LogReadResult finish() {
    if (rejects_) rejects_->commit();
    LogReadResult r{builder_.finish(), stats_};
    return r;
  }

  // Accepts the rows of one piece, in order (throws on the first reject
  // unless rejects are being written).
  void take(PieceResult& pr) {
    stats_.rows_read += pr.rows;
    stats_.blank_lines += pr.blank;
    if (!pr.rejects.empty()) {
      if (!rejects_) {
        const RowReject& r = pr.rejects.front();
        throw InputError(name_, r.line, r.reason);
      }
      for (const auto& r : pr.rejects) rejects_->add(r);
      stats_.rejected += pr.rejects.size();
    }
    stats_.accepted += pr.batch.rows();
    bytes_taken_ += pr.bytes;
    if (!reserved_ && total_ > 0 && stats_.rows_read >= 10000) {
      // Room for the whole file at the rate seen so far (+5%), so the
      // columns are not regrown (and briefly doubled) along the way.
      reserved_ = true;
      const double per_byte = double(stats_.rows_read) / double(std::max<std::uint64_t>(bytes_taken_, 1));
      builder_.reserve(static_cast<std::size_t>(per_byte * double(total_) * 1.05) + 1024);
    }
    builder_.append(pr.batch);
  }

  void progress(std::uint64_t bytes) {
    if (opt_.progress && total_ > 0 && !opt_.progress(std::min(1.0, double(bytes) / double(total_))))
      throw Cancelled();
  }

  // Blocks flow through three stages: read (serial), parse pieces in
  // parallel and hash ids, then take rows in file order (serial: interning,
  // counting, the first error). Parsing block k+1 overlaps taking block k.
  // Two blocks in flight give that overlap; four let the reader run ahead
  // with two more 16 MiB blocks and their parsed rows (generator M, 47 MB:
  // peak 186 -> 169 MiB in Python, read time unchanged at ~0.3 s).
  struct Work {
    CsvBlock block;
    std::vector<PieceResult> results;
    std::uint64_t bytes = 0;
    std::exception_ptr error;  // from the reader, re-thrown in order
  };

  // Nothing is thrown inside the pipeline: an exception there leaks the
  // blocks in flight (TBB does not destroy the tokens of a cancelled
  // pipeline; LeakSanitizer found ~33 MB per failed read). The first error
  // is kept, the input stops, the blocks in flight drain unprocessed, and
  // the error is re-thrown after the pipeline.
  template <class Parse>
  void run_pipeline(CsvBlockReader& reader, const std::function<void(CsvBlock&)>& on_first, Parse parse) {
    bool done = false, first = true;
    std::exception_ptr failure;        // set and read by the last (serial) stage only
    std::atomic<bool> failed{false};   // tells the other stages to skip their work
    tbb::parallel_pipeline(
        2,
        tbb::make_filter<void, std::shared_ptr<Work>>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control& fc) -> std::shared_ptr<Work> {
              if (done || failed.load(std::memory_order_relaxed)) {
                fc.stop();
                return nullptr;
              }
              auto w = std::make_shared<Work>();
              try {
                if (!reader.next_block(w->block)) {
                  fc.stop();
                  return nullptr;
                }
                if (first) {
                  first = false;
                  on_first(w->block);
                }
              } catch (...) {
                w->error = std::current_exception();
                done = true;
              }
              w->bytes = reader.bytes_read();
              return w;
            }) &
            tbb::make_filter<std::shared_ptr<Work>, std::shared_ptr<Work>>(
                tbb::filter_mode::parallel,
                [&](std::shared_ptr<Work> w) {
                  if (w->error || failed.load(std::memory_order_relaxed)) return w;
                  try {
                    w->results.assign(w->block.pieces.size(), PieceResult{});
                    tbb::parallel_for(std::size_t(0), w->block.pieces.size(), [&](std::size_t i) {
                      parse(w->block.pieces[i], w->results[i]);
                      w->results[i].batch.compute_hashes();
                    });
                  } catch (...) {
                    w->error = std::current_exception();
                  }
                  return w;
                }) &
            tbb::make_filter<std::shared_ptr<Work>, void>(tbb::filter_mode::serial_in_order,
                                                          [&](std::shared_ptr<Work> w) {
                                                            if (failure) return;  // draining
                                                            try {
                                                              if (w->error) std::rethrow_exception(w->error);
                                                              for (auto& pr : w->results) take(pr);
                                                              progress(w->bytes);
                                                            } catch (...) {
                                                              failure = std::current_exception();
                                                              failed.store(true, std::memory_order_relaxed);
                                                            }
                                                          }));
    if (failure) std::rethrow_exception(failure);
  }

  void read_csv(std::FILE* f, char delim) {
    CsvBlockReader reader(f, name_, true, 16u << 20, 1u << 20, delim);
    bool have_header = false;
    tbb::enumerable_thread_specific<std::vector<CsvField>> tls_fields;
    // The header: the first non-blank record of the first block.
    auto on_first = [&](CsvBlock& block) {
      std::vector<CsvField> fields;
      std::string arena;
      for (CsvPiece& p0 : block.pieces) {
        arena.reserve(p0.end - p0.begin);
        while (p0.begin < p0.end) {
          std::uint64_t line = p0.first_line, next = line;
          std::string err;
          const char* after = split_csv_record(p0.begin, p0.end, delim, fields, arena, next, &err);
          p0.begin = after;
          p0.first_line = next;
          if (fields.size() == 1 && fields[0].text.empty() && !fields[0].quoted) {
            ++stats_.blank_lines;
            continue;
          }
          if (!err.empty()) throw InputError(name_, line, "header: " + err);
          std::vector<std::string> names;
          for (const auto& fl : fields) names.emplace_back(fl.text);
          header_ = LogHeader(names, opt_.columns, name_, line, true);
          stats_.ignored_columns = header_.ignored;
          have_header = true;
          return;
        }
      }
    };
    run_pipeline(reader, on_first, [&](const CsvPiece& piece, PieceResult& pr) {
      if (have_header) parse_csv_piece(piece, delim, pr, tls_fields.local());
    });
    if (!have_header)
      throw InputError(name_, 0, "the file is empty; expected a header row naming the columns (" +
                                     header_hint(opt_.columns) + ")");
  }

  void parse_csv_piece(const CsvPiece& piece, char delim, PieceResult& pr, std::vector<CsvField>& fields) {
    pr.arena.reserve(piece.end - piece.begin);
    pr.bytes = piece.end - piece.begin;
    std::uint64_t line = piece.first_line;
    RawRow raw;
    for (const char* p = piece.begin; p < piece.end;) {
      const std::uint64_t rec_line = line;
      const char* rec = p;
      std::string err;
      p = split_csv_record(p, piece.end, delim, fields, pr.arena, line, &err);
      if (fields.size() == 1 && fields[0].text.empty() && !fields[0].quoted) {
        ++pr.blank;
        continue;
      }
      ++pr.rows;
      const std::string_view record = trim_line_end(std::string_view(rec, p - rec));
      if (!err.empty()) {
        pr.rejects.push_back({rec_line, "", err, std::string(record)});
        continue;
      }
      if (fields.size() != header_.count) {
        pr.rejects.push_back({rec_line, "",
                              "expected " + std::to_string(header_.count) + " fields as in the header, found " +
                                  std::to_string(fields.size()),
                              std::string(record)});
        continue;
      }
      raw = RawRow{};
      for (int k = 0; k < kLogFields; ++k)
        if (header_.index[k] >= 0) raw.value[k] = fields[header_.index[k]].text, raw.present[k] = true;
      std::string reason;
      std::string column;
      if (!check_row(raw, header_, pr.batch, reason, column))
        pr.rejects.push_back({rec_line, column, std::move(reason), std::string(record)});
    }
  }

  // ----------------------------------------------------------- JSON Lines --
  void read_jsonl(std::FILE* f) {
    CsvBlockReader reader(f, name_, false);
    header_ = LogHeader::for_json(opt_.columns);
    run_pipeline(
        reader, [&](CsvBlock& block) { note_ignored_keys(block.pieces); },
        [&](const CsvPiece& piece, PieceResult& pr) { parse_jsonl_piece(piece, pr); });
    // Like an empty CSV (no header): most likely a failed export, not a log
    // of no interactions.
    if (stats_.rows_read == 0)
      throw InputError(name_, 0, "the file is empty (no JSON object on any line); expected one JSON object per "
                                 "line with the fields " + header_hint(opt_.columns));
  }

  bool note_ignored_keys(const std::vector<CsvPiece>& pieces) {
    for (const auto& piece : pieces) {
      const char* p = piece.begin;
      while (p < piece.end) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', piece.end - p));
        const char* e = nl ? nl : piece.end;
        rapidjson::Document d;
        d.Parse<rapidjson::kParseNumbersAsStringsFlag>(p, e - p);
        if (!d.HasParseError() && d.IsObject()) {
          for (auto& m : d.GetObject()) {
            const std::string key(m.name.GetString(), m.name.GetStringLength());
            if (!header_.is_mapped(key)) stats_.ignored_columns.push_back(key);
          }
          return true;
        }
        p = e + (nl ? 1 : 0);
      }
    }
    return false;
  }

  void parse_jsonl_piece(const CsvPiece& piece, PieceResult& pr) {
    pr.arena.reserve(piece.end - piece.begin);
    pr.bytes = piece.end - piece.begin;
    std::uint64_t line = piece.first_line;
    rapidjson::Document d;
    for (const char* p = piece.begin; p < piece.end; ++line) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', piece.end - p));
      const char* e = nl ? nl : piece.end;
      const std::string_view text = trim_line_end(std::string_view(p, e - p));
      p = nl ? nl + 1 : piece.end;
      if (text.find_first_not_of(" \t\r") == std::string_view::npos) {
        ++pr.blank;
        continue;
      }
      ++pr.rows;
      d.Parse<rapidjson::kParseNumbersAsStringsFlag>(text.data(), text.size());
      if (d.HasParseError()) {
        pr.rejects.push_back({line, "",
                              "not valid JSON (" + json_error(d.GetParseError()) + " at character " +
                                  std::to_string(d.GetErrorOffset() + 1) + "); expected one JSON object per line",
                              std::string(text)});
        continue;
      }
      if (!d.IsObject()) {
        pr.rejects.push_back({line, "", "expected a JSON object per line", std::string(text)});
        continue;
      }
      RawRow raw;
      std::string reason;
      if (!json_object_row(d, raw, pr.arena, reason)) {
        pr.rejects.push_back({line, "", reason, std::string(text)});
        continue;
      }
      std::string column;
      if (!check_row(raw, header_, pr.batch, reason, column))
        pr.rejects.push_back({line, "", std::move(reason), std::string(text)});
    }
  }

  // Fills `raw` from a JSON object; strings are copied into `arena` (whose
  // reserved capacity is the input size, so views stay valid).
  bool json_object_row(const rapidjson::Value& obj, RawRow& raw, std::string& arena, std::string& reason) {
    for (int k = 0; k < kLogFields; ++k) {
      const std::string& key = header_.json_keys[k];
      const auto it = obj.FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
      if (it == obj.MemberEnd() || it->value.IsNull()) continue;
      const auto& v = it->value;
      if (!v.IsString()) {
        reason = "field '" + key + "': expected a string or a number, found " +
                 (v.IsBool() ? "true/false" : v.IsObject() ? "an object" : "an array");
        return false;
      }
      const std::size_t start = arena.size();
      arena.append(v.GetString(), v.GetStringLength());
      raw.value[k] = std::string_view(arena.data() + start, v.GetStringLength());
      raw.present[k] = true;
    }
    return true;
  }

  // ---------------------------------------------------------- JSON array --
  void read_json_array(const std::string& text);

  const std::string& name_;
  const LogReadOptions& opt_;
  std::uint64_t total_;
  LogHeader header_;
  ReadStats stats_;
  InteractionLogBuilder builder_;
  std::unique_ptr<RejectWriter> rejects_;
  std::uint64_t bytes_taken_ = 0;
  bool reserved_ = false;
};

// SAX handler for a JSON array of objects; one row at a time.
struct ArrayHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ArrayHandler> {
  int depth = 0;
  std::string key;
  std::string values[kLogFields];
  bool present[kLogFields] = {};
  std::string bad;
  const LogHeader* header = nullptr;
  std::function<void()> on_row;
  std::function<void()> on_start;
  bool top_is_array = false;

  bool set(const char* s, std::size_t n, const char* what) {
    if (depth != 2) return true;
    for (int k = 0; k < kLogFields; ++k)
      if (header->json_keys[k] == key) {
        if (what) {
          if (bad.empty()) bad = "field '" + key + "': expected a string or a number, found " + what;
        } else {
          values[k].assign(s, n);
          present[k] = true;
        }
      }
    return true;
  }
  bool Null() { return depth == 2 ? true : Default(); }
  bool Bool(bool) { return depth == 2 ? set(nullptr, 0, "true/false") : Default(); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) { return depth == 2 ? set(s, n, nullptr) : Default(); }
  bool String(const char* s, rapidjson::SizeType n, bool) { return depth == 2 ? set(s, n, nullptr) : Default(); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (depth == 2) key.assign(s, n);
    return true;
  }
  bool StartObject() {
    ++depth;
    if (depth == 1) return false;  // top level must be an array
    if (depth == 2) {
      for (int k = 0; k < kLogFields; ++k) values[k].clear(), present[k] = false;
      bad.clear();
      on_start();
    } else if (depth == 3 && bad.empty()) {
      bad = "field '" + key + "': expected a string or a number, found an object";
    }
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    if (depth == 2) on_row();
    --depth;
    return true;
  }
  bool StartArray() {
    ++depth;
    if (depth == 1) top_is_array = true;
    else if (depth == 2) {
      bad = "expected a JSON object, found an array";
      on_start();
    } else if (depth == 3 && bad.empty())
      bad = "field '" + key + "': expected a string or a number, found an array";
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    if (depth == 2) on_row();
    --depth;
    return true;
  }
  bool Default() {
    // A scalar element of the top-level array.
    if (depth == 1) {
      bad = "expected a JSON object, found a scalar";
      on_start();
      on_row();
    }
    return true;
  }
};

// Counts lines as RapidJSON consumes characters.
struct LineCountingStream {
  using Ch = char;
  const char* src;
  const char* begin;
  const char* end;
  std::uint64_t line = 1;
  Ch Peek() const { return src < end ? *src : '\0'; }
  Ch Take() {
    if (src >= end) return '\0';
    if (*src == '\n') ++line;
    return *src++;
  }
  std::size_t Tell() const { return static_cast<std::size_t>(src - begin); }
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  std::size_t PutEnd(Ch*) { return 0; }
};

void LogReader::read_json_array(const std::string& text) {
  header_ = LogHeader::for_json(opt_.columns);
  LineCountingStream stream{text.data(), text.data(), text.data() + text.size()};
  ArrayHandler h;
  h.header = &header_;
  PieceResult pr;
  std::deque<std::string> store;  // owns the strings of the current batch
  std::uint64_t row_line = 0;
  h.on_start = [&] { row_line = stream.line; };
  bool first = true;
  h.on_row = [&] {
    ++pr.rows;
    if (first) first = false;
    if (!h.bad.empty()) {
      pr.rejects.push_back({row_line, "", h.bad, "(element of the JSON array on line " + std::to_string(row_line) + ")"});
    } else {
      RawRow raw;
      for (int k = 0; k < kLogFields; ++k)
        if (h.present[k]) {
          store.push_back(h.values[k]);
          raw.value[k] = store.back();
          raw.present[k] = true;
        }
      std::string reason;
      std::string column;
      if (!check_row(raw, header_, pr.batch, reason, column))
        pr.rejects.push_back({row_line, "", std::move(reason),
                              "(element of the JSON array on line " + std::to_string(row_line) + ")"});
    }
    if (pr.rows >= 65536) {
      take(pr);
      pr = PieceResult{};
      store.clear();
    }
  };
  rapidjson::Reader reader;
  const auto ok = reader.Parse<rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseStopWhenDoneFlag>(stream, h);
  if (!h.top_is_array)
    throw InputError(name_, 1, "expected a JSON array of objects ('[' ... ']'), or use JSON Lines (.jsonl)");
  if (ok.IsError())
    throw InputError(name_, stream.line,
                     "not valid JSON (" + json_error(ok.Code()) + " at character " + std::to_string(ok.Offset() + 1) + ")");
  // Nothing but white space may follow the array.
  while (stream.Peek() == ' ' || stream.Peek() == '\n' || stream.Peek() == '\r' || stream.Peek() == '\t') stream.Take();
  if (stream.src != stream.end) throw InputError(name_, stream.line, "unexpected text after the JSON array");
  take(pr);
}

std::string read_whole(std::FILE* f, const std::string& name) {
  std::string s;
  char buf[1 << 16];
  while (true) {
    const std::size_t r = std::fread(buf, 1, sizeof buf, f);
    s.append(buf, r);
    if (r < sizeof buf) {
      if (std::ferror(f)) throw IoError(name + ": read error: " + std::strerror(errno));
      break;
    }
  }
  if (s.size() >= 3 && s.compare(0, 3, "\xEF\xBB\xBF") == 0) s.erase(0, 3);
  return s;
}

struct FileCloser {
  void operator()(std::FILE* f) const { if (f && f != stdin) std::fclose(f); }
};

LogReadResult read_from(std::FILE* f, const std::string& name, const LogReadOptions& options,
                        std::uint64_t total_bytes) {
  LogFormat fmt = options.format;
  char delim = options.delimiter;
  if (fmt == LogFormat::Auto) {
    if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) fmt = LogFormat::JsonLines;
    else if (ends_with(name, ".json")) fmt = LogFormat::JsonArray;  // refined below
    else fmt = LogFormat::Csv;
  }
  if (!delim) delim = ends_with(name, ".tsv") || ends_with(name, ".tab") ? '\t' : ',';
  LogReader reader(name, options, total_bytes);
  if (fmt == LogFormat::Csv) {
    reader.read_csv(f, delim);
  } else if (fmt == LogFormat::JsonLines) {
    reader.read_jsonl(f);
  } else {
    const std::string text = read_whole(f, name);
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '{' && options.format == LogFormat::Auto) {
      std::unique_ptr<std::FILE, FileCloser> mem(fmemopen(const_cast<char*>(text.data()), text.size(), "rb"));
      reader.read_jsonl(mem.get());
    } else if (first == std::string::npos) {
      throw InputError(name, 0, "the file is empty; expected a JSON array of interaction objects");
    } else {
      reader.read_json_array(text);
    }
  }
  return reader.finish();
}

}  // namespace

LogReadResult read_interaction_log(const std::string& path, const LogReadOptions& options) {
  if (path == "-") return read_from(stdin, "<stdin>", options, 0);
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) throw IoError(path + ": cannot open: " + std::strerror(errno));
  std::uint64_t size = 0;
  if (std::fseek(f.get(), 0, SEEK_END) == 0) {
    size = static_cast<std::uint64_t>(std::ftell(f.get()));
    std::fseek(f.get(), 0, SEEK_SET);
  }
  return read_from(f.get(), path, options, size);
}

LogReadResult read_interaction_log_text(std::string_view text, const std::string& name,
                                        const LogReadOptions& options) {
  if (text.empty()) {
    // fmemopen rejects a zero-size buffer.
    static char empty_buf[1] = {0};
    std::unique_ptr<std::FILE, FileCloser> f(fmemopen(empty_buf, 0 + 1, "rb"));
    std::fgetc(f.get());
    return read_from(f.get(), name, options, 0);
  }
  std::unique_ptr<std::FILE, FileCloser> f(fmemopen(const_cast<char*>(text.data()), text.size(), "rb"));
  if (!f) throw IoError(name + ": cannot read text: " + std::strerror(errno));
  return read_from(f.get(), name, options, text.size());
}

}  // namespace movemap
