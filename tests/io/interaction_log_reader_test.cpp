// Interaction log reading (io/interaction_log_reader.hpp): CSV, TSV, JSON
// Lines, JSON arrays; bad rows, rejects files, blank lines, BOM, big logs.
// Expected values are written by hand; Unix seconds were computed with
// Python's datetime (noted beside each literal).
#include "support/temp_files.hpp"
#include "io/interaction_log_reader.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <unistd.h>

#include "movemap/error.hpp"

namespace movemap {
namespace {

namespace fs = std::filesystem;

// 2024-03-01T09:30:00Z: int(datetime(2024,3,1,9,30,tzinfo=timezone.utc).timestamp())
constexpr timestamp kMar1_0930 = 1709285400;
// 2024-03-01T00:00:00Z
constexpr timestamp kMar1 = 1709251200;
// 2024-03-02T00:00:00Z
constexpr timestamp kMar2 = 1709337600;
// 2024-03-03T00:00:00Z
constexpr timestamp kMar3 = 1709424000;

using testing::TempDir;

using testing::slurp;

// A minimal RFC 4180 parser, independent of the code under test, for
// reading rejects files.
std::vector<std::vector<std::string>> parse_csv(const std::string& s) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

LogReadResult read(std::string_view text, const std::string& name, LogReadOptions o = {}) {
  return read_interaction_log_text(text, name, o);
}

// Reads `text` expecting an InputError whose message holds every one of
// `parts`; returns the message.
std::string expect_input_error(std::string_view text, const std::string& name,
                               const std::vector<std::string>& parts, LogReadOptions o = {}) {
  try {
    read_interaction_log_text(text, name, o);
  } catch (const InputError& e) {
    const std::string m = e.what();
    for (const auto& p : parts) EXPECT_NE(m.find(p), std::string::npos) << "'" << p << "' not in: " << m;
    return m;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected InputError, got: " << e.what();
    return {};
  }
  ADD_FAILURE() << "no InputError for:\n" << text;
  return {};
}

// Row i as names ("" for none), so tests do not depend on id order.
struct RowNames {
  timestamp time;
  std::string source, target, event, kind;
  double weight;
  bool operator==(const RowNames&) const = default;
};
std::ostream& operator<<(std::ostream& os, const RowNames& r) {
  return os << "{" << r.time << ", " << r.source << ", " << r.target << ", " << r.event << ", "
            << r.kind << ", " << r.weight << "}";
}

RowNames row(const InteractionLog& log, std::size_t i) {
  RowNames r;
  r.time = log.time.at(i);
  r.source = std::string(log.actors.name(log.source.at(i)));
  r.target = log.target.at(i) == kNone ? "" : std::string(log.actors.name(log.target[i]));
  r.event = log.event.at(i) == kNone ? "" : std::string(log.events.name(log.event[i]));
  r.kind = log.kind.at(i) == kNone ? "" : std::string(log.kinds.name(log.kind[i]));
  r.weight = log.weight.at(i);
  return r;
}

std::vector<RowNames> rows(const InteractionLog& log) {
  EXPECT_EQ(log.source.size(), log.rows());
  EXPECT_EQ(log.target.size(), log.rows());
  EXPECT_EQ(log.event.size(), log.rows());
  EXPECT_EQ(log.kind.size(), log.rows());
  EXPECT_EQ(log.weight.size(), log.rows());
  std::vector<RowNames> out;
  for (std::size_t i = 0; i < log.rows(); ++i) out.push_back(row(log, i));
  return out;
}

// The rows of the basic example, as every format should give them.
const std::vector<RowNames> kBasic = {
    {kMar1_0930, "ann", "bob", "", "referral", 2.0},
    {kMar1, "bob", "", "walk1", "", 1.0},
    {kMar1_0930, "cat", "ann", "", "meeting", 0.5},
};

// ------------------------------------------------------------- formats ----

TEST(ParseLogFormat, Names) {
  EXPECT_EQ(parse_log_format("auto"), LogFormat::Auto);
  EXPECT_EQ(parse_log_format("csv"), LogFormat::Csv);
  EXPECT_EQ(parse_log_format("jsonl"), LogFormat::JsonLines);
  EXPECT_EQ(parse_log_format("json"), LogFormat::JsonArray);
}

TEST(InteractionLogReader, Csv) {
  const std::string text =
      "time,source,target,event,kind,weight\n"
      "2024-03-01T09:30:00Z,ann,bob,,referral,2\n"
      "2024-03-01,bob,,walk1,,\n"
      "1709285400,cat,ann,,meeting,0.5\n";
  const auto r = read(text, "log.csv");
  EXPECT_EQ(rows(r.log), kBasic);
  EXPECT_EQ(r.stats.rows_read, 3u);
  EXPECT_EQ(r.stats.accepted, 3u);
  EXPECT_EQ(r.stats.rejected, 0u);
  EXPECT_EQ(r.stats.blank_lines, 0u);
  EXPECT_TRUE(r.stats.ignored_columns.empty());
}

TEST(InteractionLogReader, CsvCrlfAndNoFinalNewline) {
  const std::string text =
      "time,source,target,event,kind,weight\r\n"
      "2024-03-01T09:30:00Z,ann,bob,,referral,2\r\n"
      "2024-03-01,bob,,walk1,,\r\n"
      "1709285400,cat,ann,,meeting,0.5";
  EXPECT_EQ(rows(read(text, "log.csv").log), kBasic);
}

TEST(InteractionLogReader, CsvQuotedValues) {
  const std::string text =
      "time,source,target,kind\n"
      "\"2024-03-01\",\"ann, the first\",\"bob \"\"B\"\"\",\"a,b\"\n";
  const auto r = read(text, "log.csv");
  ASSERT_EQ(r.log.rows(), 1u);
  EXPECT_EQ(row(r.log, 0), (RowNames{kMar1, "ann, the first", "bob \"B\"", "", "a,b", 1.0}));
}

TEST(InteractionLogReader, Tsv) {
  const std::string text =
      "time\tsource\ttarget\tevent\tkind\tweight\n"
      "2024-03-01T09:30:00Z\tann\tbob\t\treferral\t2\n"
      "2024-03-01\tbob\t\twalk1\t\t\n"
      "1709285400\tcat\tann\t\tmeeting\t0.5\n";
  EXPECT_EQ(rows(read(text, "log.tsv").log), kBasic);
}

TEST(InteractionLogReader, ExplicitDelimiterAndFormat) {
  const std::string text =
      "time;source;target;event;kind;weight\n"
      "2024-03-01T09:30:00Z;ann;bob;;referral;2\n"
      "2024-03-01;bob;;walk1;;\n"
      "1709285400;cat;ann;;meeting;0.5\n";
  LogReadOptions o;
  o.format = LogFormat::Csv;
  o.delimiter = ';';
  EXPECT_EQ(rows(read(text, "export.dat", o).log), kBasic);
}

TEST(InteractionLogReader, JsonLines) {
  const std::string text =
      "{\"time\":\"2024-03-01T09:30:00Z\",\"source\":\"ann\",\"target\":\"bob\",\"kind\":\"referral\",\"weight\":2}\n"
      "{\"time\":\"2024-03-01\",\"source\":\"bob\",\"event\":\"walk1\"}\n"
      "{\"source\":\"cat\",\"time\":\"1709285400\",\"target\":\"ann\",\"kind\":\"meeting\",\"weight\":0.5}\n";
  const auto r = read(text, "log.jsonl");
  EXPECT_EQ(rows(r.log), kBasic);
  EXPECT_EQ(r.stats.rows_read, 3u);
  EXPECT_EQ(r.stats.accepted, 3u);
  EXPECT_EQ(rows(read(text, "log.ndjson").log), kBasic);
  // .json whose first non-blank byte is not '[' is JSON Lines too.
  EXPECT_EQ(rows(read(text, "log.json").log), kBasic);
}

TEST(InteractionLogReader, JsonArray) {
  const std::string text =
      "  \n[\n"
      "  {\"time\":\"2024-03-01T09:30:00Z\",\"source\":\"ann\",\"target\":\"bob\",\"kind\":\"referral\",\"weight\":2},\n"
      "  {\"time\":\"2024-03-01\",\"source\":\"bob\",\"event\":\"walk1\"},\n"
      "  {\"time\":\"1709285400\",\"source\":\"cat\",\"target\":\"ann\",\"kind\":\"meeting\",\"weight\":0.5}\n"
      "]\n";
  const auto r = read(text, "log.json");
  EXPECT_EQ(rows(r.log), kBasic);
  EXPECT_EQ(r.stats.accepted, 3u);
  LogReadOptions o;
  o.format = LogFormat::JsonArray;
  EXPECT_EQ(rows(read(text, "whatever.txt", o).log), kBasic);
}

TEST(InteractionLogReader, JsonEscapedStrings) {
  const std::string text =
      "{\"time\":\"2024-03-01\",\"source\":\"Zo\\u00eb\",\"target\":\"a\\\"b\",\"kind\":\"x,y\"}\n";
  const auto r = read(text, "log.jsonl");
  ASSERT_EQ(r.log.rows(), 1u);
  EXPECT_EQ(row(r.log, 0), (RowNames{kMar1, "Zo\xC3\xAB", "a\"b", "", "x,y", 1.0}));
}

TEST(InteractionLogReader, JsonWithBom) {
  const std::string bom = "\xEF\xBB\xBF";
  const std::string jsonl =
      bom + "{\"time\":\"2024-03-01\",\"source\":\"ann\",\"target\":\"bob\"}\n";
  EXPECT_EQ(rows(read(jsonl, "log.jsonl").log),
            (std::vector<RowNames>{{kMar1, "ann", "bob", "", "", 1.0}}));
  const std::string array =
      bom + "[{\"time\":\"2024-03-01\",\"source\":\"ann\",\"target\":\"bob\"}]\n";
  EXPECT_EQ(rows(read(array, "log.json").log),
            (std::vector<RowNames>{{kMar1, "ann", "bob", "", "", 1.0}}));
}

TEST(InteractionLogReader, JsonLinesBlankLinesAndCustomKeys) {
  const std::string text =
      "\n"
      "{\"When\":\"2024-03-01\",\"From\":\"ann\",\"To\":\"bob\",\"Strength\":3}\n"
      "\n"
      "\n"
      "{\"When\":\"2024-03-02\",\"From\":\"bob\",\"To\":\"ann\"}\n";
  LogReadOptions o;
  o.columns.time = "When";
  o.columns.source = "From";
  o.columns.target = "To";
  o.columns.weight = "Strength";
  const auto r = read(text, "log.jsonl", o);
  EXPECT_EQ(rows(r.log), (std::vector<RowNames>{{kMar1, "ann", "bob", "", "", 3.0},
                                                {kMar2, "bob", "ann", "", "", 1.0}}));
  EXPECT_EQ(r.stats.rows_read, 2u);
  EXPECT_EQ(r.stats.blank_lines, 3u);
}

TEST(InteractionLogReader, JsonLinesNonObjectLine) {
  const std::string text =
      "{\"time\":\"2024-03-01\",\"source\":\"ann\",\"target\":\"bob\"}\n"
      "[1,2]\n";
  expect_input_error(text, "name.jsonl", {"name.jsonl:2:"});
}

TEST(InteractionLogReader, JsonNumericUnixTime) {
  // Unix seconds as a JSON number: the same timestamp as the string form.
  const std::string text = "{\"time\":1709285400,\"source\":\"ann\",\"target\":\"bob\"}\n";
  EXPECT_EQ(rows(read(text, "log.jsonl").log),
            (std::vector<RowNames>{{kMar1_0930, "ann", "bob", "", "", 1.0}}));
}

TEST(InteractionLogReader, HeaderErrorsThrowEvenWithRejects) {
  TempDir dir;
  LogReadOptions o;
  o.rejects_path = (dir.path / "r.csv").string();
  expect_input_error("source,target\na,b\n", "log.csv", {"log.csv", "time"}, o);
}

// ------------------------------------------------------------ interning ----

TEST(InteractionLogReader, IdsInternedInFirstAppearanceOrder) {
  // Each row names at most one new actor, so the order is unambiguous:
  // x, y, z, w; events ev1, ev2; kinds walk, referral, meeting.
  const std::string text =
      "time,source,target,event,kind\n"
      "1,x,,ev1,walk\n"
      "2,y,x,,referral\n"
      "3,z,y,,\n"
      "4,y,,ev2,walk\n"
      "5,w,,ev1,meeting\n"
      "6,x,w,,referral\n";
  {
    const auto r = read(text, "log.csv");
    const InteractionLog& log = r.log;
    EXPECT_EQ(log.actors.names(), (std::vector<std::string>{"x", "y", "z", "w"}));
    EXPECT_EQ(log.events.names(), (std::vector<std::string>{"ev1", "ev2"}));
    EXPECT_EQ(log.kinds.names(), (std::vector<std::string>{"walk", "referral", "meeting"}));
    EXPECT_EQ(log.time, (std::vector<timestamp>{1, 2, 3, 4, 5, 6}));
    EXPECT_EQ(log.source, (std::vector<std::uint32_t>{0, 1, 2, 1, 3, 0}));
    EXPECT_EQ(log.target, (std::vector<std::uint32_t>{kNone, 0, 1, kNone, kNone, 3}));
    EXPECT_EQ(log.event, (std::vector<std::uint32_t>{0, kNone, kNone, 1, 0, kNone}));
    EXPECT_EQ(log.kind, (std::vector<std::uint32_t>{0, 1, kNone, 0, 2, 1}));
    EXPECT_EQ(log.weight, (std::vector<double>(6, 1.0)));
  }
}

TEST(InteractionLogReader, WeightForms) {
  const std::string text =
      "time,source,target,weight\n"
      "1,a,b,1.5\n"
      "2,a,b,\n"
      "3,a,b,1e2\n"
      "4,a,b,0.001\n"
      "5,a,b,7\n";
  const auto r = read(text, "log.csv");
  EXPECT_EQ(r.log.weight, (std::vector<double>{1.5, 1.0, 100.0, 0.001, 7.0}));
}

// -------------------------------------------------------------- columns ----

TEST(InteractionLogReader, CustomColumnNames) {
  const std::string text =
      "When,From,To,Type,Strength,Notes\n"
      "2024-03-01T09:30:00Z,ann,bob,referral,2,first\n"
      "2024-03-01T09:30:00Z,cat,ann,meeting,0.5,\n";
  LogReadOptions o;
  o.columns.time = "When";
  o.columns.source = "From";
  o.columns.target = "To";
  o.columns.kind = "Type";
  o.columns.weight = "Strength";
  const auto r = read(text, "log.csv", o);
  EXPECT_EQ(rows(r.log), (std::vector<RowNames>{{kMar1_0930, "ann", "bob", "", "referral", 2.0},
                                                {kMar1_0930, "cat", "ann", "", "meeting", 0.5}}));
  EXPECT_EQ(r.stats.ignored_columns, (std::vector<std::string>{"Notes"}));
}

TEST(InteractionLogReader, UnknownColumnsListed) {
  const std::string text = "notes,time,source,extra,target\nhello,1,a,x,b\n";
  const auto r = read(text, "log.csv");
  EXPECT_EQ(r.stats.ignored_columns, (std::vector<std::string>{"notes", "extra"}));
  EXPECT_EQ(rows(r.log), (std::vector<RowNames>{{1, "a", "b", "", "", 1.0}}));
}

TEST(InteractionLogReader, MissingRequiredColumn) {
  expect_input_error("source,target\na,b\n", "log.csv", {"log.csv", "time"});
  expect_input_error("time,target\n1,b\n", "log.csv", {"log.csv", "source"});
  // Names are case-sensitive.
  expect_input_error("Time,Source,Target\n1,a,b\n", "log.csv", {"log.csv", "time"});
  LogReadOptions o;
  o.columns.time = "When";
  expect_input_error("time,source,target\n1,a,b\n", "log.csv", {"log.csv", "When"}, o);
}

TEST(InteractionLogReader, DuplicatedMappedColumnIsAnError) {
  expect_input_error("time,source,target,time\n1,a,b,2\n", "log.csv", {"log.csv", "time"});
}

TEST(InteractionLogReader, HeaderOnlyGivesEmptyLog) {
  const auto r = read("time,source,target\n", "log.csv");
  EXPECT_EQ(r.log.rows(), 0u);
  EXPECT_EQ(r.stats.rows_read, 0u);
}

TEST(InteractionLogReader, NeitherTargetNorEventColumnIsAnError) {
  expect_input_error("time,source,kind\n1,a,meeting\n", "log.csv", {"log.csv"});
}

TEST(InteractionLogReader, BomBeforeHeader) {
  const std::string text = "\xEF\xBB\xBFtime,source,target\n2024-03-01,ann,bob\n";
  const auto r = read(text, "log.csv");
  EXPECT_EQ(rows(r.log), (std::vector<RowNames>{{kMar1, "ann", "bob", "", "", 1.0}}));
  EXPECT_TRUE(r.stats.ignored_columns.empty());
}

// ------------------------------------------------------------- bad rows ----

// Lines 1-5 are good; line 2-4 is one record (a quoted note with two line
// breaks), line 5 a plain row. The bad row goes on line 6, a good row on 7.
std::string with_bad_row(const std::string& bad) {
  return "time,source,target,event,kind,weight,note\n"                    // 1
         "2024-03-01,ann,bob,,meeting,1,\"multi\nline\nnote\"\n"          // 2-4
         "2024-03-02,bob,ann,,,,\n"                                       // 5
         + bad + "\n"                                                     // 6
         "2024-03-03,ann,bob,,,,\n";                                      // 7
}

TEST(InteractionLogReader, BadRowFieldCount) {
  expect_input_error(with_bad_row("2024-03-02,ann,bob,,meeting,1"), "name.csv", {"name.csv:6:"});
  expect_input_error(with_bad_row("2024-03-02,ann,bob,,meeting,1,x,y"), "name.csv", {"name.csv:6:"});
}

TEST(InteractionLogReader, BadRowTime) {
  expect_input_error(with_bad_row(",ann,bob,,meeting,1,"), "name.csv", {"name.csv:6:", "'time'"});
  expect_input_error(with_bad_row("2024-13-01,ann,bob,,meeting,1,"), "name.csv",
                     {"name.csv:6:", "'time'"});
  expect_input_error(with_bad_row("2023-02-29,ann,bob,,meeting,1,"), "name.csv",
                     {"name.csv:6:", "'time'"});
  expect_input_error(with_bad_row("soon,ann,bob,,meeting,1,"), "name.csv", {"name.csv:6:", "'time'"});
}

TEST(InteractionLogReader, BadRowSource) {
  expect_input_error(with_bad_row("2024-03-02,,bob,,meeting,1,"), "name.csv",
                     {"name.csv:6:", "'source'"});
  expect_input_error(with_bad_row("2024-03-02,a\x01" "b,bob,,meeting,1,"), "name.csv",
                     {"name.csv:6:", "'source'"});
  expect_input_error(with_bad_row("2024-03-02,a\x1b" "b,bob,,meeting,1,"), "name.csv",
                     {"name.csv:6:", "'source'"});
  expect_input_error(with_bad_row("2024-03-02,\"a\nb\",bob,,meeting,1,"), "name.csv",
                     {"name.csv:6:", "'source'"});
  expect_input_error(with_bad_row("2024-03-02,bad\xff,bob,,meeting,1,"), "name.csv",
                     {"name.csv:6:", "'source'"});
}

TEST(InteractionLogReader, BadRowTargetOrEventIds) {
  expect_input_error(with_bad_row("2024-03-02,ann,\xc3\x28,,meeting,1,"), "name.csv",
                     {"name.csv:6:", "'target'"});
  expect_input_error(with_bad_row("2024-03-02,ann,,ev\x02,meeting,1,"), "name.csv",
                     {"name.csv:6:", "'event'"});
}

TEST(InteractionLogReader, BadRowBothOrNeitherTargetAndEvent) {
  const std::string both = expect_input_error(with_bad_row("2024-03-02,ann,bob,ev1,meeting,1,"),
                                              "name.csv", {"name.csv:6:"});
  EXPECT_TRUE(both.find("target") != std::string::npos || both.find("event") != std::string::npos)
      << both;
  const std::string neither =
      expect_input_error(with_bad_row("2024-03-02,ann,,,meeting,1,"), "name.csv", {"name.csv:6:"});
  EXPECT_TRUE(neither.find("target") != std::string::npos ||
              neither.find("event") != std::string::npos)
      << neither;
}

TEST(InteractionLogReader, BadRowWeight) {
  for (const char* w : {"0", "-1", "abc", "nan", "inf", "-inf", "1e999", "2x"}) {
    SCOPED_TRACE(w);
    expect_input_error(with_bad_row(std::string("2024-03-02,ann,bob,,meeting,") + w + ","),
                       "name.csv", {"name.csv:6:", "'weight'"});
  }
}

TEST(InteractionLogReader, BadRowMessageNamesMappedColumn) {
  const std::string text =
      "When,From,To,Strength\n"
      "2024-03-01,ann,bob,1\n"
      "2024-03-01,ann,bob,-2\n";
  LogReadOptions o;
  o.columns.time = "When";
  o.columns.source = "From";
  o.columns.target = "To";
  o.columns.weight = "Strength";
  expect_input_error(text, "name.csv", {"name.csv:3:", "Strength"}, o);
}

TEST(InteractionLogReader, FirstBadRowInFileOrderIsReported) {
  std::string text = "time,source,target\n";
  for (int i = 0; i < 500; ++i) text += "2024-03-01,a" + std::to_string(i) + ",b\n";
  text += "2024-03-01,,b\n";  // line 502: empty source
  for (int i = 0; i < 500; ++i) text += "2024-03-01,c" + std::to_string(i) + ",b\n";
  text += "bad,x,y\n";        // line 1003: bad time
  expect_input_error(text, "name.csv", {"name.csv:502:", "'source'"});
}

TEST(InteractionLogReader, JsonLinesBadRowLine) {
  const std::string text =
      "{\"time\":\"2024-03-01\",\"source\":\"a\",\"target\":\"b\"}\n"
      "\n"
      "{\"time\":\"2024-02-30\",\"source\":\"a\",\"target\":\"b\"}\n";
  expect_input_error(text, "name.jsonl", {"name.jsonl:3:", "'time'"});
  const std::string broken =
      "{\"time\":\"2024-03-01\",\"source\":\"a\",\"target\":\"b\"}\n"
      "{\"time\":\"2024-03-01\",\"source\":\"a\",\n";
  expect_input_error(broken, "name.jsonl", {"name.jsonl:2:"});
  const std::string weight =
      "{\"time\":\"2024-03-01\",\"source\":\"a\",\"target\":\"b\",\"weight\":0}\n";
  expect_input_error(weight, "name.jsonl", {"name.jsonl:1:", "'weight'"});
}

TEST(InteractionLogReader, JsonArrayBadRow) {
  const std::string text =
      "[{\"time\":\"2024-03-01\",\"source\":\"a\",\"target\":\"b\"},\n"
      " {\"time\":\"2024-03-01\",\"source\":\"\",\"target\":\"b\"}]\n";
  // The bad object is on line 2: every bad-row message is "file:line: ...".
  expect_input_error(text, "name.json", {"name.json:2:", "'source'"});
  expect_input_error("[{\"time\":\"2024-03-01\",", "name.json", {"name.json"});
}

// -------------------------------------------------------------- rejects ----

TEST(InteractionLogReader, RejectsFileHoldsExactlyTheBadRows) {
  TempDir dir;
  const std::string rejects = (dir.path / "rejects.csv").string();
  const std::string text =
      "time,source,target,event,kind,weight,note\n"                  // 1
      "2024-03-01,ann,bob,,meeting,1,\"multi\nline\"\n"              // 2-3
      "2024-13-01,ann,bob,,meeting,1,x\n"                            // 4 bad time
      "2024-03-02,bob,ann,,,,\n"                                     // 5
      "2024-03-02,,ann,,,,\n"                                        // 6 bad source
      "2024-03-02,cat,ann,,,0,\"a \"\"quoted\"\" note\"\n"           // 7 bad weight
      "\n"                                                           // 8 blank
      "2024-03-03,cat,,walk,,,\n"                                    // 9
      "2024-03-03,dan,bob,,,2\n"                                     // 10 field count
      "2024-02-30,dan,bob,,,,\"two\nlines\"\n"                       // 11-12 bad time
      "2024-03-03,dan,cat,,referral,0.5,\n";                         // 13
  LogReadOptions o;
  o.rejects_path = rejects;
  const auto r = read(text, "name.csv", o);
  EXPECT_EQ(r.stats.rows_read, 9u);
  EXPECT_EQ(r.stats.accepted, 4u);
  EXPECT_EQ(r.stats.rejected, 5u);
  EXPECT_EQ(r.stats.rows_read, r.stats.accepted + r.stats.rejected);
  EXPECT_EQ(r.stats.blank_lines, 1u);
  EXPECT_EQ(rows(r.log), (std::vector<RowNames>{{kMar1, "ann", "bob", "", "meeting", 1.0},
                                                {kMar2, "bob", "ann", "", "", 1.0},
                                                {kMar3, "cat", "", "walk", "", 1.0},
                                                {kMar3, "dan", "cat", "", "referral", 0.5}}));

  ASSERT_TRUE(fs::exists(rejects));
  const auto table = parse_csv(slurp(rejects));
  ASSERT_EQ(table.size(), 6u) << slurp(rejects);
  EXPECT_EQ(table[0], (std::vector<std::string>{"line", "column", "reason", "record"}));
  for (std::size_t i = 1; i < table.size(); ++i) ASSERT_EQ(table[i].size(), 4u) << i;
  const std::vector<std::string> lines = {"4", "6", "7", "10", "11"};
  const std::vector<std::string> records = {
      "2024-13-01,ann,bob,,meeting,1,x",
      "2024-03-02,,ann,,,,",
      "2024-03-02,cat,ann,,,0,\"a \"\"quoted\"\" note\"",
      "2024-03-03,dan,bob,,,2",
      "2024-02-30,dan,bob,,,,\"two\nlines\"",
  };
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(table[i + 1][0], lines[i]) << i;
    EXPECT_EQ(table[i + 1][3], records[i]) << i;
    EXPECT_FALSE(table[i + 1][2].empty()) << "no reason for rejected line " << lines[i];
  }
  EXPECT_EQ(table[1][1], "time");
  EXPECT_EQ(table[2][1], "source");
  EXPECT_EQ(table[3][1], "weight");
  EXPECT_EQ(table[5][1], "time");
  // No temporary file is left beside the rejects file.
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.path)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1u);
}

TEST(InteractionLogReader, RejectsWithJsonLines) {
  TempDir dir;
  const std::string rejects = (dir.path / "rej.csv").string();
  const std::string bad = "{\"time\":\"2024-03-01\",\"source\":\"a\",\"target\":\"b\",\"event\":\"e\"}";
  const std::string text =
      "{\"time\":\"2024-03-01\",\"source\":\"a\",\"target\":\"b\"}\n" + bad + "\n" +
      "{\"time\":\"2024-03-02\",\"source\":\"b\",\"event\":\"e\"}\n";
  LogReadOptions o;
  o.rejects_path = rejects;
  const auto r = read(text, "name.jsonl", o);
  EXPECT_EQ(r.stats.rows_read, 3u);
  EXPECT_EQ(r.stats.accepted, 2u);
  EXPECT_EQ(r.stats.rejected, 1u);
  const auto table = parse_csv(slurp(rejects));
  ASSERT_EQ(table.size(), 2u);
  ASSERT_EQ(table[1].size(), 4u);
  EXPECT_EQ(table[1][0], "2");
  EXPECT_EQ(table[1][3], bad);
}

TEST(InteractionLogReader, RejectsRecordWithoutLineEnd) {
  TempDir dir;
  const std::string rejects = (dir.path / "rej.csv").string();
  const std::string text =
      "time,source,target\r\n"
      "2024-03-01,a,b\r\n"
      "2024-03-01,a,\r\n"
      "2024-03-01,b,a";
  LogReadOptions o;
  o.rejects_path = rejects;
  const auto r = read(text, "crlf.csv", o);
  EXPECT_EQ(r.stats.accepted, 2u);
  EXPECT_EQ(r.stats.rejected, 1u);
  const auto table = parse_csv(slurp(rejects));
  ASSERT_EQ(table.size(), 2u);
  ASSERT_EQ(table[1].size(), 4u);
  EXPECT_EQ(table[1][0], "3");
  EXPECT_EQ(table[1][3], "2024-03-01,a,");
}

// --------------------------------------------------------- blank lines ----

TEST(InteractionLogReader, BlankLinesCountedApart) {
  const std::string text =
      "time,source,target\n"   // 1
      "\n"                     // 2
      "2024-03-01,ann,bob\n"   // 3
      "\r\n"                   // 4
      "\n"                     // 5
      "2024-03-02,bob,ann\n"   // 6
      "\n";                    // 7
  const auto r = read(text, "log.csv");
  EXPECT_EQ(r.stats.rows_read, 2u);
  EXPECT_EQ(r.stats.accepted, 2u);
  EXPECT_EQ(r.stats.blank_lines, 4u);
  EXPECT_EQ(rows(r.log), (std::vector<RowNames>{{kMar1, "ann", "bob", "", "", 1.0},
                                                {kMar2, "bob", "ann", "", "", 1.0}}));
}

TEST(InteractionLogReader, LineNumbersCountBlankLines) {
  const std::string text =
      "time,source,target\n"   // 1
      "\n"                     // 2
      "2024-03-01,ann,bob\n"   // 3
      "\n"                     // 4
      "2024-03-01,\"x\ny\",bob\n"  // 5-6: an id with a line break: bad
      "2024-03-01,ann,bob\n";  // 7
  expect_input_error(text, "name.csv", {"name.csv:5:", "'source'"});
  const std::string text2 =
      "time,source,target\n"   // 1
      "\n"                     // 2
      "2024-03-01,\"ann\",\"b\no\nb\"\n"  // 3-5 (newline in target: bad, skip it)
      "\n"                     // 6
      "2024-03-32,ann,bob\n";  // 7
  TempDir dir;
  LogReadOptions o;
  o.rejects_path = (dir.path / "r.csv").string();
  const auto r = read(text2, "name.csv", o);
  EXPECT_EQ(r.stats.rejected, 2u);
  EXPECT_EQ(r.stats.blank_lines, 2u);
  const auto table = parse_csv(slurp(dir.path / "r.csv"));
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table[1][0], "3");
  EXPECT_EQ(table[2][0], "7");
}

// ------------------------------------------------------------ big logs ----

// A generated log with quoted fields (commas, quotes, line breaks in an
// ignored note column), pair and attendance rows, empty kinds and weights.
struct Generated {
  std::string csv, tsv, jsonl;
  std::vector<RowNames> expected;
};

std::string json_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      o += '\\';
      o += c;
    } else if (c == '\n') {
      o += "\\n";
    } else {
      o += c;
    }
  }
  return o;
}

Generated generate(int n, bool with_formats) {
  Generated g;
  g.csv = "time,source,target,event,kind,weight,note\n";
  if (with_formats) g.tsv = "time\tsource\ttarget\tevent\tkind\tweight\tnote\n";
  const char* kinds[] = {"", "referral", "meeting", "message"};
  const char* weights[] = {"", "2", "0.25"};
  const double weight_values[] = {1.0, 2.0, 0.25};
  for (int i = 0; i < n; ++i) {
    RowNames r;
    std::string time_text;
    if (i % 10 == 0) {
      time_text = "2024-03-01T09:30:00+01:00";
      r.time = 1709281800;  // datetime(2024,3,1,9,30,tzinfo=+1h).timestamp()
    } else {
      r.time = 1704067200 + static_cast<timestamp>(i) * 37;  // 2024-01-01T00:00Z + 37 i
      time_text = std::to_string(r.time);
    }
    r.source = (i % 11 == 0 ? "Zo\xC3\xAB " : "s") + std::to_string((i * 7) % 1009);
    if (i % 6 == 0) {
      r.event = "ev" + std::to_string(i % 13);
    } else {
      r.target = (i % 17 == 0 ? "t, \"q\" " : "t") + std::to_string(i % 89);
    }
    r.kind = kinds[i % 4];
    r.weight = weight_values[i % 3];
    g.expected.push_back(r);
    const std::string note = i % 5 == 0 ? "line one\nline, two" : "n" + std::to_string(i);
    auto q = [](const std::string& s) {
      std::string o = "\"";
      for (char c : s) {
        if (c == '"') o += '"';
        o += c;
      }
      return o + "\"";
    };
    auto field = [&](const std::string& s) {
      return s.find_first_of(",\"\n") != std::string::npos ? q(s) : s;
    };
    g.csv += time_text + "," + field(r.source) + "," + field(r.target) + "," + r.event + "," +
             r.kind + "," + weights[i % 3] + "," + field(note) + "\n";
    if (with_formats) {
      g.tsv += time_text + "\t" + r.source + "\t" + field(r.target) + "\t" + r.event + "\t" + r.kind +
               "\t" + weights[i % 3] + "\t" + field(note) + "\n";
      g.jsonl += "{\"time\":\"" + time_text + "\",\"source\":\"" + json_escape(r.source) + "\"";
      if (!r.target.empty()) g.jsonl += ",\"target\":\"" + json_escape(r.target) + "\"";
      if (!r.event.empty()) g.jsonl += ",\"event\":\"" + r.event + "\"";
      if (!r.kind.empty()) g.jsonl += ",\"kind\":\"" + r.kind + "\"";
      if (i % 3) g.jsonl += std::string(",\"weight\":") + weights[i % 3];
      g.jsonl += ",\"note\":\"" + json_escape(note) + "\"}\n";
    }
  }
  return g;
}

// Ids follow first appearance: after each row, the actor ids seen so far are
// exactly 0..k-1 (whatever the order of source and target inside one row);
// events and kinds (one per row) follow first appearance exactly.
void check_first_appearance(const InteractionLog& log, const std::vector<RowNames>& expected) {
  std::set<std::string> seen;
  std::uint32_t max_id_plus1 = 0;
  std::vector<std::string> events, kinds;
  std::set<std::string> seen_events, seen_kinds;
  for (std::size_t i = 0; i < log.rows(); ++i) {
    seen.insert(expected[i].source);
    if (!expected[i].target.empty()) seen.insert(expected[i].target);
    max_id_plus1 = std::max(max_id_plus1, log.source[i] + 1);
    if (log.target[i] != kNone) max_id_plus1 = std::max(max_id_plus1, log.target[i] + 1);
    ASSERT_EQ(max_id_plus1, seen.size()) << "row " << i;
    if (!expected[i].event.empty() && seen_events.insert(expected[i].event).second)
      events.push_back(expected[i].event);
    if (!expected[i].kind.empty() && seen_kinds.insert(expected[i].kind).second)
      kinds.push_back(expected[i].kind);
  }
  EXPECT_EQ(log.actors.size(), seen.size());
  EXPECT_EQ(log.events.names(), events);
  EXPECT_EQ(log.kinds.names(), kinds);
}

TEST(InteractionLogReader, GeneratedLogAllFormatsAgree) {
  const Generated g = generate(3000, true);
  const auto csv = read(g.csv, "gen.csv");
  EXPECT_EQ(csv.stats.rows_read, 3000u);
  EXPECT_EQ(csv.stats.accepted, 3000u);
  EXPECT_EQ(csv.stats.ignored_columns, (std::vector<std::string>{"note"}));
  ASSERT_EQ(csv.log.rows(), 3000u);
  EXPECT_EQ(rows(csv.log), g.expected);
  check_first_appearance(csv.log, g.expected);

  const auto tsv = read(g.tsv, "gen.tsv");
  EXPECT_EQ(rows(tsv.log), g.expected);
  const auto jsonl = read(g.jsonl, "gen.jsonl");
  EXPECT_EQ(rows(jsonl.log), g.expected);
  check_first_appearance(jsonl.log, g.expected);
  // Same ids whatever the format.
  EXPECT_EQ(csv.log.actors.names(), tsv.log.actors.names());
  EXPECT_EQ(csv.log.actors.names(), jsonl.log.actors.names());

  // The first 50 rows alone give the same first 50 rows.
  std::string small = "time,source,target,event,kind,weight,note\n";
  {
    std::size_t pos = g.csv.find('\n') + 1;
    // Take records by counting unquoted line breaks.
    bool quoted = false;
    int records = 0;
    std::size_t i = pos;
    for (; i < g.csv.size() && records < 50; ++i) {
      if (g.csv[i] == '"') quoted = !quoted;
      if (g.csv[i] == '\n' && !quoted) ++records;
    }
    small += g.csv.substr(pos, i - pos);
  }
  const auto s = read(small, "small.csv");
  ASSERT_EQ(s.log.rows(), 50u);
  EXPECT_EQ(rows(s.log), std::vector<RowNames>(g.expected.begin(), g.expected.begin() + 50));
  EXPECT_EQ(std::vector<std::uint32_t>(csv.log.source.begin(), csv.log.source.begin() + 50),
            s.log.source);
  EXPECT_EQ(std::vector<std::uint32_t>(csv.log.target.begin(), csv.log.target.begin() + 50),
            s.log.target);
}

TEST(InteractionLogReader, LargeFileManyBlocksAndThreadCountIndependent) {
  // About 19 MB: more than one 16 MiB block and many 1 MiB pieces.
  const Generated g = generate(450000, false);
  ASSERT_GT(g.csv.size(), 17u << 20);
  TempDir dir;
  const fs::path path = dir.path / "big.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << g.csv;
  }
  std::vector<double> fractions;
  LogReadOptions o;
  o.progress = [&](double f) {
    fractions.push_back(f);
    return true;
  };
  const auto r = read_interaction_log(path.string(), o);
  EXPECT_EQ(r.stats.rows_read, 450000u);
  EXPECT_EQ(r.stats.accepted, 450000u);
  ASSERT_EQ(r.log.rows(), 450000u);
  const auto got = rows(r.log);
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (!(got[i] == g.expected[i])) {
      ADD_FAILURE() << "row " << i << ": " << got[i] << " != " << g.expected[i];
      break;
    }
  }
  check_first_appearance(r.log, g.expected);
  for (double f : fractions) {
    EXPECT_GE(f, 0.0);
    EXPECT_LE(f, 1.0);
  }

  // One thread gives the same ids.
  tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  const auto r1 = read_interaction_log(path.string(), LogReadOptions{});
  EXPECT_EQ(r1.log.source, r.log.source);
  EXPECT_EQ(r1.log.target, r.log.target);
  EXPECT_EQ(r1.log.event, r.log.event);
  EXPECT_EQ(r1.log.kind, r.log.kind);
  EXPECT_EQ(r1.log.time, r.log.time);
  EXPECT_EQ(r1.log.weight, r.log.weight);
  EXPECT_EQ(r1.log.actors.names(), r.log.actors.names());
}

TEST(InteractionLogReader, LargeFileBadRowLineAndCancel) {
  // A bad row far into the file (past the first block) reports its line.
  std::string text = "time,source,target,note\n";
  std::uint64_t line = 1;
  const std::string pad(40, 'p');
  while (text.size() < (17u << 20)) {
    text += "1709285400,a,b,\"" + pad + "\n" + pad + "\"\n";
    line += 2;
  }
  text += "1709285400,a,,\n";  // neither target nor event
  const std::uint64_t bad_line = line + 1;
  text += "1709285400,a,b,x\n";
  TempDir dir;
  const fs::path path = dir.path / "name.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  try {
    read_interaction_log(path.string(), LogReadOptions{});
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& e) {
    const std::string expect = "name.csv:" + std::to_string(bad_line) + ":";
    EXPECT_NE(std::string(e.what()).find(expect), std::string::npos)
        << "expected " << expect << " in " << e.what();
  }
  // A progress callback that says stop cancels the read.
  LogReadOptions o;
  o.progress = [](double) { return false; };
  EXPECT_THROW(read_interaction_log(path.string(), o), Cancelled);
}

TEST(InteractionLogReader, LargeLogRejectsInFileOrder) {
  // About 18 MB with a bad row every 997 rows: the rejects file lists them
  // all, in file order, across pieces and blocks parsed in parallel.
  std::string text = "time,source,target,note\n";
  std::vector<std::uint64_t> bad_lines;
  std::vector<std::string> bad_records;
  std::uint64_t line = 1;
  std::uint64_t good = 0;
  const std::string pad(30, 'p');
  for (int i = 0; text.size() < (18u << 20); ++i) {
    ++line;
    std::string rec;
    if (i % 997 == 500) {
      rec = (i % 2 ? "2024-02-30" : "1709285400") + std::string(",s") + std::to_string(i) +
            (i % 2 ? ",t" : ",") + ",x";  // bad time, or neither target nor event
      bad_lines.push_back(line);
      bad_records.push_back(rec);
    } else {
      rec = "1709285400,s" + std::to_string(i % 5000) + ",t" + std::to_string(i % 777) + ",\"" +
            pad + "\n" + pad + "\"";
      ++line;  // the note holds a line break
      ++good;
    }
    text += rec + "\n";
  }
  TempDir dir;
  const fs::path path = dir.path / "big.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  LogReadOptions o;
  o.rejects_path = (dir.path / "rejects.csv").string();
  const auto r = read_interaction_log(path.string(), o);
  EXPECT_EQ(r.stats.accepted, good);
  EXPECT_EQ(r.stats.rejected, bad_lines.size());
  EXPECT_EQ(r.stats.rows_read, good + bad_lines.size());
  const auto table = parse_csv(slurp(dir.path / "rejects.csv"));
  ASSERT_EQ(table.size(), bad_lines.size() + 1);
  for (std::size_t i = 0; i < bad_lines.size(); ++i) {
    ASSERT_EQ(table[i + 1].size(), 4u);
    ASSERT_EQ(table[i + 1][0], std::to_string(bad_lines[i])) << "reject " << i;
    ASSERT_EQ(table[i + 1][3], bad_records[i]) << "reject " << i;
  }
  // Without a rejects file the first bad row in file order is reported.
  try {
    read_interaction_log(path.string(), LogReadOptions{});
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& e) {
    const std::string expect = "big.csv:" + std::to_string(bad_lines.front()) + ":";
    EXPECT_NE(std::string(e.what()).find(expect), std::string::npos) << expect << " not in " << e.what();
  }
}

TEST(InteractionLogReader, FirstBadRowAcrossPieces) {
  // ~4 MB in memory: the bad row near the end must not win over the one
  // near the start, whichever piece finishes first.
  std::string text = "time,source,target\n";
  std::uint64_t line = 1, first_bad = 0;
  for (int i = 0; i < 150000; ++i) {
    ++line;
    if (i == 1000) {
      text += "1709285400,,b\n";  // empty source
      first_bad = line;
    } else if (i == 140000) {
      text += "nope,a,b\n";
    } else {
      text += "1709285400,actor" + std::to_string(i) + ",b\n";
    }
  }
  expect_input_error(text, "name.csv", {"name.csv:" + std::to_string(first_bad) + ":", "'source'"});
}

TEST(InteractionLogReader, UnterminatedQuoteIsInputError) {
  expect_input_error("time,source,target\n2024-03-01,\"ann,bob\n", "name.csv", {"name.csv"});
}

TEST(InteractionLogReader, IdsKeepSpacesAsRfc4180Says) {
  // RFC 4180: spaces are part of a field. " ann" and "ann" are two actors;
  // the time accepts surrounding spaces (timestamp_parser.hpp).
  const auto r = read("time,source,target\n 2024-03-01 ,ann, ann\n", "log.csv");
  ASSERT_EQ(r.log.rows(), 1u);
  EXPECT_EQ(row(r.log, 0), (RowNames{kMar1, "ann", " ann", "", "", 1.0}));
  EXPECT_EQ(r.log.actors.size(), 2u);
}

TEST(InteractionLogReader, MissingFileIsIoError) {
  EXPECT_THROW(read_interaction_log("/nonexistent/dir/log.csv", LogReadOptions{}), IoError);
}

}  // namespace
}  // namespace movemap
