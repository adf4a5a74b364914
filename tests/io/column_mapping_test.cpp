// Column mapping specifications (io/column_mapping.hpp).
#include "io/column_mapping.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "movemap/error.hpp"

namespace movemap {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(ParseColumnMapping, SimpleSpecification) {
  EXPECT_EQ(parse_column_mapping("time=When,source=From,target=To"),
            (Pairs{{"time", "When"}, {"source", "From"}, {"target", "To"}}));
  EXPECT_EQ(parse_column_mapping("kind=Type"), (Pairs{{"kind", "Type"}}));
}

TEST(ParseColumnMapping, DoubledCommaAndEqualsAreLiteral) {
  EXPECT_EQ(parse_column_mapping("time=Date,,Time"), (Pairs{{"time", "Date,Time"}}));
  EXPECT_EQ(parse_column_mapping("weight=a==b"), (Pairs{{"weight", "a=b"}}));
  EXPECT_EQ(parse_column_mapping("time=A,,B,source=C==D"),
            (Pairs{{"time", "A,B"}, {"source", "C=D"}}));
  // ",,," reads as an escaped comma then the separator.
  EXPECT_EQ(parse_column_mapping("time=A,,,source=B"), (Pairs{{"time", "A,"}, {"source", "B"}}));
  EXPECT_EQ(parse_column_mapping("time===x"), (Pairs{{"time", "=x"}}));
  EXPECT_EQ(parse_column_mapping("time=x=="), (Pairs{{"time", "x="}}));
}

TEST(ParseColumnMapping, SurroundingSpacesKeptInNames) {
  EXPECT_EQ(parse_column_mapping("time= When ,source=From"),
            (Pairs{{"time", " When "}, {"source", "From"}}));
}

TEST(ParseColumnMapping, NonAsciiNames) {
  EXPECT_EQ(parse_column_mapping("source=Qui\xC3\xA9n,target=\xE6\x97\xA5"),
            (Pairs{{"source", "Qui\xC3\xA9n"}, {"target", "\xE6\x97\xA5"}}));
}

TEST(ParseColumnMapping, MalformedThrowsUsageError) {
  EXPECT_THROW(parse_column_mapping("time"), UsageError);           // no '='
  EXPECT_THROW(parse_column_mapping("time=When,source"), UsageError);
  EXPECT_THROW(parse_column_mapping("=When"), UsageError);          // empty field
  EXPECT_THROW(parse_column_mapping("time="), UsageError);          // empty name
  EXPECT_THROW(parse_column_mapping("time=,source=x"), UsageError);  // empty name
  EXPECT_THROW(parse_column_mapping("time=a,=b"), UsageError);
}

TEST(ApplyColumnMapping, LogColumns) {
  LogColumns c;
  apply_column_mapping("time=When,source=From,target=To,event=Meeting,kind=Type,weight=Strength", c);
  EXPECT_EQ(c.time, "When");
  EXPECT_EQ(c.source, "From");
  EXPECT_EQ(c.target, "To");
  EXPECT_EQ(c.event, "Meeting");
  EXPECT_EQ(c.kind, "Type");
  EXPECT_EQ(c.weight, "Strength");
}

TEST(ApplyColumnMapping, LogColumnsPartialKeepsDefaults) {
  LogColumns c;
  apply_column_mapping("source=Who,,Sent", c);
  EXPECT_EQ(c.source, "Who,Sent");
  EXPECT_EQ(c.time, "time");
  EXPECT_EQ(c.target, "target");
  EXPECT_EQ(c.event, "event");
  EXPECT_EQ(c.kind, "kind");
  EXPECT_EQ(c.weight, "weight");
}

TEST(ApplyColumnMapping, ActorColumns) {
  ActorColumns c;
  apply_column_mapping("id=Name,role=Type,label=Display,site=Town", c);
  EXPECT_EQ(c.id, "Name");
  EXPECT_EQ(c.role, "Type");
  EXPECT_EQ(c.label, "Display");
  EXPECT_EQ(c.site, "Town");
  ActorColumns d;
  apply_column_mapping("label=Full name", d);
  EXPECT_EQ(d.label, "Full name");
  EXPECT_EQ(d.id, "id");
  EXPECT_EQ(d.role, "role");
  EXPECT_EQ(d.site, "site");
}

TEST(ApplyColumnMapping, UnknownFieldThrowsUsageErrorNamingIt) {
  LogColumns c;
  try {
    apply_column_mapping("time=When,colour=Blue", c);
    ADD_FAILURE() << "no UsageError";
  } catch (const UsageError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("colour"), std::string::npos) << m;
    // ... and lists the known fields.
    EXPECT_NE(m.find("source"), std::string::npos) << m;
    EXPECT_NE(m.find("weight"), std::string::npos) << m;
  }
  ActorColumns a;
  try {
    apply_column_mapping("time=When", a);  // a log field, not an actor field
    ADD_FAILURE() << "no UsageError";
  } catch (const UsageError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("time"), std::string::npos) << m;
    EXPECT_NE(m.find("role"), std::string::npos) << m;
  }
  LogColumns l;
  EXPECT_THROW(apply_column_mapping("id=Name", l), UsageError);
}

TEST(ApplyColumnMapping, MalformedSpecThrowsUsageError) {
  LogColumns c;
  EXPECT_THROW(apply_column_mapping("time", c), UsageError);
  ActorColumns a;
  EXPECT_THROW(apply_column_mapping("id=", a), UsageError);
}

}  // namespace
}  // namespace movemap
