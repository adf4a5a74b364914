#include "io/role_change_reader.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "io/csv_reader.hpp"
#include "io/log_row.hpp"
#include "io/timestamp_parser.hpp"
#include "movemap/error.hpp"

namespace movemap {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f && f != stdin) std::fclose(f);
  }
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

RoleChangeTable read_csv(std::FILE* f, const std::string& name, char delim, const RoleChangeColumns& cols) {
  CsvBlockReader reader(f, name, true, 4u << 20, 4u << 20, delim);
  RoleChangeTable t;
  t.source = name;
  const std::string* field_col[4] = {&cols.id, &cols.time, &cols.from, &cols.to};
  const char* field_name[4] = {"id", "time", "from", "to"};
  int index[4] = {-1, -1, -1, -1};
  std::size_t count = 0;
  bool have_header = false;
  std::vector<CsvPiece> pieces;
  std::vector<CsvField> fields;
  while (reader.next(pieces)) {
    for (const auto& piece : pieces) {
      std::string arena;
      arena.reserve(piece.end - piece.begin);
      std::uint64_t line = piece.first_line;
      for (const char* p = piece.begin; p < piece.end;) {
        const std::uint64_t rec = line;
        std::string err;
        p = split_csv_record(p, piece.end, delim, fields, arena, line, &err);
        if (fields.size() == 1 && fields[0].text.empty() && !fields[0].quoted) continue;
        if (!err.empty()) throw InputError(name, rec, err);
        if (!have_header) {
          have_header = true;
          count = fields.size();
          for (std::size_t i = 0; i < fields.size(); ++i) {
            const std::string_view h = fields[i].text;
            int which = -1;
            for (int k = 0; k < 4; ++k)
              if (h == *field_col[k]) which = k;
            if (which < 0)
              throw InputError(name, rec,
                               "unknown column " + quoted_value(h) + " (column " + std::to_string(i + 1) +
                                   "); expected only the columns '" + cols.id + "', '" + cols.time + "', '" +
                                   cols.from + "', '" + cols.to +
                                   "' (map yours with --role-change-columns id=..,time=..,from=..,to=..)");
            if (index[which] >= 0)
              throw InputError(name, rec,
                               "column " + quoted_value(h) + " appears twice in the header; expected each column once");
            index[which] = static_cast<int>(i);
          }
          for (int k = 0; k < 4; ++k)
            if (index[k] < 0)
              throw InputError(name, rec,
                               "missing column '" + *field_col[k] + "' (the " + field_name[k] +
                                   " of each change); expected the columns '" + cols.id + "', '" + cols.time + "', '" +
                                   cols.from + "', '" + cols.to + "'");
          continue;
        }
        if (fields.size() != count)
          throw InputError(name, rec,
                           "expected " + std::to_string(count) + " fields as in the header, found " +
                               std::to_string(fields.size()));
        auto where = [&](int k) {
          return "column " + std::to_string(index[k] + 1) + " '" + *field_col[k] + "': ";
        };
        for (int k : {0, 2, 3}) {
          const std::string_view v = fields[index[k]].text;
          if (v.empty())
            throw InputError(name, rec,
                             where(k) + "empty; expected " +
                                 (k == 0 ? "the id of the actor whose role changed" : "a role"));
          if (auto problem = id_problem(v); !problem.empty())
            throw InputError(name, rec, where(k) + quoted_value(v) + " " + problem);
        }
        const std::string_view tv = fields[index[1]].text;
        std::string why;
        const auto time = parse_timestamp(tv, &why);
        if (!time)
          throw InputError(name, rec,
                           where(1) + quoted_value(tv) + ": " + why +
                               "; expected an ISO 8601 date or date-time (2024-03-01, 2024-03-01T09:30:00Z) or "
                               "Unix seconds");
        t.id.emplace_back(fields[index[0]].text);
        t.time.push_back(*time);
        t.from.emplace_back(fields[index[2]].text);
        t.to.emplace_back(fields[index[3]].text);
        t.line.push_back(rec);
      }
    }
  }
  if (!have_header)
    throw InputError(name, 0, "the role-change table is empty; expected a header row with the columns '" + cols.id +
                                  "', '" + cols.time + "', '" + cols.from + "', '" + cols.to + "'");
  check_role_changes(t);
  return t;
}

RoleChangeTable read_from(std::FILE* f, const std::string& name, const RoleChangeReadOptions& o) {
  if (ends_with(name, ".json") || ends_with(name, ".jsonl") || ends_with(name, ".ndjson"))
    throw UsageError(name + ": the role-change table is read as CSV or TSV only; expected a .csv or .tsv file");
  const char delim = o.delimiter ? o.delimiter : (ends_with(name, ".tsv") ? '\t' : ',');
  return read_csv(f, name, delim, o.columns);
}

}  // namespace

RoleChangeTable read_role_changes(const std::string& path, const RoleChangeReadOptions& options) {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) throw IoError(path + ": cannot open: " + std::strerror(errno));
  return read_from(f.get(), path, options);
}

RoleChangeTable read_role_changes_text(std::string_view text, const std::string& name,
                                       const RoleChangeReadOptions& options) {
  if (text.empty())
    throw InputError(name, 0, "the role-change table is empty; expected a header row with the columns id, time, from, to");
  std::unique_ptr<std::FILE, FileCloser> f(fmemopen(const_cast<char*>(text.data()), text.size(), "rb"));
  if (!f) throw IoError(name + ": cannot read text: " + std::strerror(errno));
  return read_from(f.get(), name, options);
}

}  // namespace movemap
