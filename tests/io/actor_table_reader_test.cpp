// Actor tables (io/actor_table_reader.hpp).
#include "io/actor_table_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "movemap/error.hpp"

namespace movemap {
namespace {

ActorTable read(std::string_view text, const std::string& name, ActorReadOptions o = {}) {
  return read_actor_table_text(text, name, o);
}

std::vector<std::string> values(const ActorTable& t, std::string_view column) {
  const AttributeColumn* c = t.attributes.find(column);
  if (c == nullptr) {
    ADD_FAILURE() << "no column " << column;
    return {};
  }
  return c->values;
}

AttributeType type_of(const ActorTable& t, std::string_view column) {
  const AttributeColumn* c = t.attributes.find(column);
  if (c == nullptr) {
    ADD_FAILURE() << "no column " << column;
    return AttributeType::String;
  }
  return c->type;
}

std::string expect_input_error(std::string_view text, const std::string& name,
                               const std::vector<std::string>& parts, ActorReadOptions o = {}) {
  try {
    read_actor_table_text(text, name, o);
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

TEST(ActorTableReader, StandardColumnsAndExtras) {
  const std::string text =
      "id,role,label,site,age,score,active,notes\n"
      "ann,champion,Ann A,North,34,0.5,true,likes walks\n"
      "bob,citizen,,South,,2,false,\n"
      "cat,anchor,Cat C,,41,1e3,,\"multi\nline\"\n";
  const ActorTable t = read(text, "actors.csv");
  EXPECT_EQ(t.ids.names(), (std::vector<std::string>{"ann", "bob", "cat"}));
  EXPECT_EQ(t.attributes.rows(), 3u);
  EXPECT_EQ(values(t, "role"), (std::vector<std::string>{"champion", "citizen", "anchor"}));
  EXPECT_EQ(values(t, "label"), (std::vector<std::string>{"Ann A", "", "Cat C"}));
  EXPECT_EQ(values(t, "site"), (std::vector<std::string>{"North", "South", ""}));
  EXPECT_EQ(values(t, "age"), (std::vector<std::string>{"34", "", "41"}));
  EXPECT_EQ(values(t, "score"), (std::vector<std::string>{"0.5", "2", "1e3"}));
  EXPECT_EQ(values(t, "active"), (std::vector<std::string>{"true", "false", ""}));
  EXPECT_EQ(values(t, "notes"), (std::vector<std::string>{"likes walks", "", "multi\nline"}));
  // Types from the non-missing values: boolean, long, double, string.
  EXPECT_EQ(type_of(t, "age"), AttributeType::Long);
  EXPECT_EQ(type_of(t, "score"), AttributeType::Double);
  EXPECT_EQ(type_of(t, "active"), AttributeType::Boolean);
  EXPECT_EQ(type_of(t, "notes"), AttributeType::String);
  EXPECT_EQ(type_of(t, "role"), AttributeType::String);
  EXPECT_EQ(type_of(t, "label"), AttributeType::String);
  // Missing cells are missing.
  const AttributeColumn* label = t.attributes.find("label");
  ASSERT_NE(label, nullptr);
  EXPECT_FALSE(label->missing(0));
  EXPECT_TRUE(label->missing(1));
  EXPECT_EQ(t.attributes.get("site", 2), "");
}

TEST(ActorTableReader, TypeInferenceEdgeCases) {
  const std::string text =
      "id,mixed,negative,big,flag\n"
      "a,1,-5,9223372036854775807,true\n"
      "b,x,0,1,false\n"
      "c,2,12,2,true\n";
  const ActorTable t = read(text, "actors.csv");
  EXPECT_EQ(type_of(t, "mixed"), AttributeType::String);  // "x" is not a number
  EXPECT_EQ(type_of(t, "negative"), AttributeType::Long);
  EXPECT_EQ(type_of(t, "big"), AttributeType::Long);      // INT64_MAX fits
  EXPECT_EQ(type_of(t, "flag"), AttributeType::Boolean);
  const ActorTable t2 = read("id,n\na,1\nb,2.5\n", "actors.csv");
  EXPECT_EQ(type_of(t2, "n"), AttributeType::Double);  // long and double -> double
  const ActorTable t3 = read("id,n\na,true\nb,1\n", "actors.csv");
  EXPECT_EQ(type_of(t3, "n"), AttributeType::String);  // boolean and number -> string
}

TEST(ActorTableReader, MappedColumns) {
  const std::string text =
      "Name,Type,Display,Town,Since\n"
      "ann,champion,Ann A,North,2019\n"
      "bob,service,Bob's GP,South,2021\n";
  ActorReadOptions o;
  o.columns.id = "Name";
  o.columns.role = "Type";
  o.columns.label = "Display";
  o.columns.site = "Town";
  const ActorTable t = read(text, "actors.csv", o);
  EXPECT_EQ(t.ids.names(), (std::vector<std::string>{"ann", "bob"}));
  // Stored under movemap's names whatever the input calls them.
  EXPECT_EQ(values(t, "role"), (std::vector<std::string>{"champion", "service"}));
  EXPECT_EQ(values(t, "label"), (std::vector<std::string>{"Ann A", "Bob's GP"}));
  EXPECT_EQ(values(t, "site"), (std::vector<std::string>{"North", "South"}));
  EXPECT_EQ(values(t, "Since"), (std::vector<std::string>{"2019", "2021"}));
  EXPECT_EQ(t.attributes.find("Type"), nullptr);
  EXPECT_EQ(t.attributes.find("Display"), nullptr);
  EXPECT_EQ(t.attributes.find("Town"), nullptr);
}

TEST(ActorTableReader, OnlyIdColumnRequired) {
  const ActorTable t = read("id\nann\nbob\n", "actors.csv");
  EXPECT_EQ(t.ids.names(), (std::vector<std::string>{"ann", "bob"}));
  EXPECT_EQ(t.attributes.rows(), 2u);
  EXPECT_THROW(read("name,role\nann,citizen\n", "actors.csv"), InputError);
}

TEST(ActorTableReader, TsvBomAndCrlf) {
  const std::string text = "\xEF\xBB\xBFid\trole\tlabel\r\nann\tchampion\tAnn, A\r\nbob\tcitizen\t\r\n";
  const ActorTable t = read(text, "actors.tsv");
  EXPECT_EQ(t.ids.names(), (std::vector<std::string>{"ann", "bob"}));
  EXPECT_EQ(values(t, "role"), (std::vector<std::string>{"champion", "citizen"}));
  EXPECT_EQ(values(t, "label"), (std::vector<std::string>{"Ann, A", ""}));
}

TEST(ActorTableReader, JsonLinesAndArray) {
  const std::string jsonl =
      "{\"id\":\"ann\",\"role\":\"champion\",\"label\":\"Zo\\u00eb\",\"age\":34}\n"
      "{\"id\":\"bob\",\"role\":\"citizen\",\"age\":51}\n";
  const ActorTable t = read(jsonl, "actors.jsonl");
  EXPECT_EQ(t.ids.names(), (std::vector<std::string>{"ann", "bob"}));
  EXPECT_EQ(values(t, "role"), (std::vector<std::string>{"champion", "citizen"}));
  EXPECT_EQ(values(t, "label"), (std::vector<std::string>{"Zo\xC3\xAB", ""}));
  EXPECT_EQ(values(t, "age"), (std::vector<std::string>{"34", "51"}));
  EXPECT_EQ(type_of(t, "age"), AttributeType::Long);
  const std::string array =
      "[{\"id\":\"ann\",\"role\":\"champion\",\"site\":\"North\"},\n"
      " {\"id\":\"bob\",\"site\":\"South\"}]";
  const ActorTable a = read(array, "actors.json");
  EXPECT_EQ(a.ids.names(), (std::vector<std::string>{"ann", "bob"}));
  EXPECT_EQ(values(a, "site"), (std::vector<std::string>{"North", "South"}));
  EXPECT_EQ(values(a, "role"), (std::vector<std::string>{"champion", ""}));
}

TEST(ActorTableReader, DuplicateIdThrowsWithLine) {
  const std::string text =
      "id,role,notes\n"            // 1
      "ann,champion,\"two\nlines\"\n"  // 2-3
      "bob,citizen,\n"             // 4
      "ann,citizen,\n";            // 5
  const std::string m = expect_input_error(text, "actors.csv", {"actors.csv:5:"});
  EXPECT_NE(m.find("ann"), std::string::npos) << m;
}

TEST(ActorTableReader, BadRowsThrowWithLine) {
  expect_input_error("id,role\nann,champion\n,citizen\n", "actors.csv", {"actors.csv:3:"});
  expect_input_error("id,role\nann,champion\nbob\n", "actors.csv", {"actors.csv:3:"});
  expect_input_error("id,role\nann,champion\nbob,citizen,extra\n", "actors.csv", {"actors.csv:3:"});
  expect_input_error("id,role\nann,champion\nb\x01ob,citizen\n", "actors.csv", {"actors.csv:3:"});
  expect_input_error("id,role\nann,champion\nb\xffob,citizen\n", "actors.csv", {"actors.csv:3:"});
  expect_input_error("{\"id\":\"a\"}\n{\"id\":\"a\"}\n", "actors.jsonl", {"actors.jsonl:2:"});
}

TEST(ActorTableReader, MissingFileIsIoError) {
  EXPECT_THROW(read_actor_table("/nonexistent/dir/actors.csv", ActorReadOptions{}), IoError);
}

}  // namespace
}  // namespace movemap
