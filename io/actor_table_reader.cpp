#include "io/actor_table_reader.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <unordered_map>

#include "io/csv_reader.hpp"
#include "io/log_row.hpp"
#include "movemap/error.hpp"

namespace movemap {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Collects rows into an ActorTable, checking ids.
class ActorBuilder {
 public:
  ActorBuilder(const std::string& file, const ActorColumns& cols) : file_(file), cols_(cols) {}

  // Maps input column names to attribute names; returns the id column index.
  void set_columns(const std::vector<std::string>& names, std::uint64_t line) {
    id_index_ = -1;
    attr_of_.assign(names.size(), "");
    std::unordered_map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (auto [it, fresh] = seen.emplace(names[i], i); !fresh)
        throw InputError(file_, line,
                         "column " + quoted_value(names[i]) + " appears twice in the header (columns " +
                             std::to_string(it->second + 1) + " and " + std::to_string(i + 1) +
                             "); expected each column name once");
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string& n = names[i];
      if (n == cols_.id) id_index_ = static_cast<int>(i);
      else if (n == cols_.role) attr_of_[i] = "role";
      else if (n == cols_.label) attr_of_[i] = "label";
      else if (n == cols_.site) attr_of_[i] = "site";
      else attr_of_[i] = n;
    }
    // Hashed, not pairwise: a header of a million columns stays linear.
    std::unordered_map<std::string, std::size_t> attr_seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (attr_of_[i].empty()) continue;
      if (auto [it, fresh] = attr_seen.emplace(attr_of_[i], i); !fresh)
        throw InputError(file_, line,
                         "columns " + quoted_value(names[it->second]) + " and " + quoted_value(names[i]) +
                             " would both become the attribute " + quoted_value(attr_of_[i]) +
                             "; rename one or change the column mapping");
    }
    if (id_index_ < 0) {
      std::string have;
      for (const auto& n : names) have += (have.empty() ? "" : ", ") + quoted_value(n);
      throw InputError(file_, line,
                       "missing column " + quoted_value(cols_.id) + " for the actor id (the header has: " + have +
                           "); map yours to it (CLI: --id-col NAME; Python: actor_columns={\"id\": NAME})");
    }
    // The names are distinct (checked above) and the table is new, so the
    // columns are appended directly rather than looked up one by one.
    column_of_.assign(names.size(), 0);
    auto& columns = table_.attributes.columns();
    for (std::size_t i = 0; i < names.size(); ++i)
      if (static_cast<int>(i) != id_index_) {
        column_of_[i] = columns.size();
        columns.push_back(AttributeColumn{attr_of_[i], AttributeType::String, {}});
      }
    count_ = names.size();
  }

  // values[i] for input column i (present[i] false = missing).
  void add(const std::vector<std::string_view>& values, std::uint64_t line) {
    const std::string_view id = values[id_index_];
    if (id.empty()) throw InputError(file_, line, "column '" + cols_.id + "': empty; expected an actor id");
    if (auto p = id_problem(id); !p.empty())
      throw InputError(file_, line, "column '" + cols_.id + "': the id " + quoted_value(id) + " " + p);
    const std::uint32_t before = table_.ids.size();
    const std::uint32_t n = table_.ids.intern(id);
    if (n < before)
      throw InputError(file_, line,
                       "duplicate actor id " + quoted_value(id) + " (first on line " + std::to_string(lines_[n]) +
                           "); expected each actor once");
    lines_.push_back(line);
    table_.attributes.resize(table_.ids.size());
    for (std::size_t i = 0; i < values.size(); ++i)
      if (static_cast<int>(i) != id_index_)
        table_.attributes.columns()[column_of_[i]].values[n] = std::string(values[i]);
  }

  std::size_t count() const { return count_; }

  ActorTable finish() {
    table_.attributes.resize(table_.ids.size());
    for (auto& c : table_.attributes.columns()) c.infer_type();
    table_.source = file_;
    table_.lines = lines_;
    return std::move(table_);
  }

  const std::string& file_;
  const ActorColumns& cols_;
  ActorTable table_;
  int id_index_ = -1;
  std::vector<std::string> attr_of_;
  std::vector<std::size_t> column_of_;  // input column -> attribute column
  std::vector<std::uint64_t> lines_;
  std::size_t count_ = 0;
};

struct FileCloser {
  void operator()(std::FILE* f) const { if (f && f != stdin) std::fclose(f); }
};

ActorTable read_csv(std::FILE* f, const std::string& name, char delim, const ActorColumns& cols) {
  CsvBlockReader reader(f, name, true, 4u << 20, 4u << 20, delim);
  ActorBuilder b(name, cols);
  std::vector<CsvPiece> pieces;
  std::vector<CsvField> fields;
  std::vector<std::string_view> values;
  bool have_header = false;
  while (reader.next(pieces)) {
    for (const auto& piece : pieces) {
      std::string arena;
      arena.reserve(piece.end - piece.begin);
      std::uint64_t line = piece.first_line;
      for (const char* p = piece.begin; p < piece.end;) {
        const std::uint64_t rec_line = line;
        std::string err;
        p = split_csv_record(p, piece.end, delim, fields, arena, line, &err);
        if (fields.size() == 1 && fields[0].text.empty() && !fields[0].quoted) continue;
        if (!err.empty()) throw InputError(name, rec_line, err);
        values.clear();
        for (const auto& fl : fields) values.push_back(fl.text);
        if (!have_header) {
          b.set_columns(std::vector<std::string>(values.begin(), values.end()), rec_line);
          have_header = true;
          continue;
        }
        if (values.size() != b.count())
          throw InputError(name, rec_line,
                           "expected " + std::to_string(b.count()) + " fields as in the header, found " +
                               std::to_string(values.size()));
        b.add(values, rec_line);
      }
    }
  }
  if (!have_header) throw InputError(name, 0, "the actor table is empty; expected a header row with an '" + cols.id + "' column");
  return b.finish();
}

// JSON Lines or a JSON array of objects.
ActorTable read_json(const std::string& text, const std::string& name, bool lines, const ActorColumns& cols) {
  ActorBuilder b(name, cols);
  std::vector<std::string> names;
  std::unordered_map<std::string, std::size_t> index;
  // First pass: the union of keys, in order of first appearance.
  std::vector<std::pair<std::uint64_t, rapidjson::Document>> objects;
  auto take = [&](rapidjson::Document&& d, std::uint64_t line) {
    if (!d.IsObject()) throw InputError(name, line, "expected a JSON object for each actor");
    for (auto& m : d.GetObject()) {
      std::string k(m.name.GetString(), m.name.GetStringLength());
      if (index.emplace(k, names.size()).second) names.push_back(k);
    }
    objects.emplace_back(line, std::move(d));
  };
  if (lines) {
    std::uint64_t line = 1;
    for (std::size_t p = 0; p < text.size(); ++line) {
      std::size_t e = text.find('\n', p);
      if (e == std::string::npos) e = text.size();
      const std::string_view l = trim_line_end(std::string_view(text).substr(p, e - p));
      p = e + 1;
      if (l.find_first_not_of(" \t") == std::string_view::npos) continue;
      rapidjson::Document d;
      d.Parse<rapidjson::kParseNumbersAsStringsFlag>(l.data(), l.size());
      if (d.HasParseError())
        throw InputError(name, line, "not valid JSON (" + json_error(d.GetParseError()) + "); expected one object per line");
      take(std::move(d), line);
    }
  } else {
    rapidjson::Document d;
    d.Parse<rapidjson::kParseNumbersAsStringsFlag>(text.data(), text.size());
    if (d.HasParseError()) {
      const std::uint64_t line = 1 + std::count(text.begin(), text.begin() + std::min(text.size(), d.GetErrorOffset()), '\n');
      throw InputError(name, line, "not valid JSON (" + json_error(d.GetParseError()) + ")");
    }
    if (!d.IsArray()) throw InputError(name, 1, "expected a JSON array of actor objects");
    std::uint64_t i = 0;
    for (auto& v : d.GetArray()) {
      rapidjson::Document o;
      o.CopyFrom(v, o.GetAllocator());
      take(std::move(o), ++i);  // element number stands in for the line
    }
  }
  b.set_columns(names, 1);
  std::vector<std::string_view> values(names.size());
  std::vector<std::string> store(names.size());
  std::vector<char> seen(names.size());
  for (auto& [line, d] : objects) {
    for (auto& s : store) s.clear();
    std::fill(seen.begin(), seen.end(), 0);
    // Each member by its column index, not FindMember per column (linear in
    // the keys, and keys holding a NUL are matched whole); the first of a
    // repeated key wins.
    for (const auto& m : d.GetObject()) {
      const std::size_t i = index.at(std::string(m.name.GetString(), m.name.GetStringLength()));
      if (seen[i]) continue;
      seen[i] = 1;
      const auto& v = m.value;
      if (v.IsString()) store[i].assign(v.GetString(), v.GetStringLength());
      else if (v.IsBool()) store[i] = v.GetBool() ? "true" : "false";
      else if (!v.IsNull())
        throw InputError(name, line, "field " + quoted_value(names[i]) + ": expected a string, number or boolean");
    }
    for (std::size_t i = 0; i < names.size(); ++i) values[i] = store[i];
    b.add(values, line);
  }
  return b.finish();
}

ActorTable read_from(std::FILE* f, const std::string& name, const ActorReadOptions& o) {
  LogFormat fmt = o.format;
  if (fmt == LogFormat::Auto) {
    if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) fmt = LogFormat::JsonLines;
    else if (ends_with(name, ".json")) fmt = LogFormat::JsonArray;
    else fmt = LogFormat::Csv;
  }
  if (fmt == LogFormat::Csv) {
    const char delim = o.delimiter ? o.delimiter : (ends_with(name, ".tsv") ? '\t' : ',');
    return read_csv(f, name, delim, o.columns);
  }
  std::string text;
  char buf[1 << 16];
  std::size_t r;
  while ((r = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, r);
  if (std::ferror(f)) throw IoError(name + ": read error: " + std::strerror(errno));
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw InputError(name, 0, "the actor table is empty");
  const bool lines = fmt == LogFormat::JsonLines || (o.format == LogFormat::Auto && text[first] == '{');
  return read_json(text, name, lines, o.columns);
}

}  // namespace

ActorTable read_actor_table(const std::string& path, const ActorReadOptions& options) {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) throw IoError(path + ": cannot open: " + std::strerror(errno));
  return read_from(f.get(), path, options);
}

ActorTable read_actor_table_text(std::string_view text, const std::string& name, const ActorReadOptions& options) {
  if (text.empty()) throw InputError(name, 0, "the actor table is empty; expected a header row with an '" + options.columns.id + "' column");
  std::unique_ptr<std::FILE, FileCloser> f(fmemopen(const_cast<char*>(text.data()), text.size(), "rb"));
  if (!f) throw IoError(name + ": cannot read text: " + std::strerror(errno));
  return read_from(f.get(), name, options);
}

}  // namespace movemap
