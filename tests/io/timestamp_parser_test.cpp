// ISO 8601 / Unix-seconds timestamps (io/timestamp_parser.hpp). Expected
// seconds were computed with Python's datetime, e.g.
//   int(datetime(2024,3,1,9,30,tzinfo=timezone.utc).timestamp()) == 1709285400
// and days with (date(y,m,d) - date(1970,1,1)).days.
#include "io/timestamp_parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace movemap {
namespace {

void expect_value(std::string_view text, timestamp expected) {
  std::string why;
  const auto v = parse_timestamp(text, &why);
  ASSERT_TRUE(v.has_value()) << "'" << text << "' rejected: " << why;
  EXPECT_EQ(*v, expected) << "'" << text << "'";
}

void expect_rejected(std::string_view text) {
  std::string why;
  const auto v = parse_timestamp(text, &why);
  EXPECT_FALSE(v.has_value()) << "'" << text << "' accepted as " << (v ? *v : 0);
  if (!v) {
    EXPECT_FALSE(why.empty()) << "no reason for '" << text << "'";
  }
}

TEST(TimestampParser, DateOnlyIsMidnightUtc) {
  expect_value("2024-03-01", 1709251200);  // datetime(2024,3,1,tz=utc)
  expect_value("1970-01-01", 0);
  expect_value("1969-12-31", -86400);
}

TEST(TimestampParser, DateTimeForms) {
  expect_value("2024-03-01T09:30", 1709285400);
  expect_value("2024-03-01T09:30:15", 1709285415);
  expect_value("2024-03-01 09:30", 1709285400);
  expect_value("2024-03-01 09:30:15", 1709285415);
  expect_value("2024-03-01T00:00:00", 1709251200);
  expect_value("2024-03-01T23:59:59", 1709251200 + 86399);
}

TEST(TimestampParser, FractionsTruncateTowardStartOfSecond) {
  expect_value("2024-03-01T09:30:15.250", 1709285415);
  expect_value("2024-03-01T09:30:15.999999", 1709285415);
  expect_value("2024-03-01T09:30:15.5Z", 1709285415);
  // Before 1970 the second that holds 23:59:59.5 starts at -1.
  expect_value("1969-12-31T23:59:59.5Z", -1);
}

TEST(TimestampParser, OffsetsHonoured) {
  expect_value("2024-03-01T09:30Z", 1709285400);
  expect_value("2024-03-01T09:30:00Z", 1709285400);
  // 09:30+01:00 is 08:30Z.
  expect_value("2024-03-01T09:30:00+01:00", 1709281800);
  expect_value("2024-03-01T09:30+01:00", 1709281800);
  expect_value("2024-03-01T09:30:00+01", 1709281800);
  expect_value("2024-03-01T09:30:00+0100", 1709281800);
  // 09:30-05:00 is 14:30Z.
  expect_value("2024-03-01T09:30:00-0500", 1709303400);
  expect_value("2024-03-01T09:30:00-05:00", 1709303400);
  expect_value("2024-03-01 09:30:00-05", 1709303400);
  // Half-hour offset: 09:30:15+05:30 is 04:00:15Z.
  expect_value("2024-03-01T09:30:15+05:30", 1709265615);
  // An offset that moves the instant into the next year:
  // 2023-12-31T23:30-01:00 == 2024-01-01T00:30Z.
  expect_value("2023-12-31T23:30-01:00", 1704069000);
  expect_value("2024-03-01T09:30:15.250+01:00", 1709281815);
  expect_value("2024-03-01T09:30:00+00:00", 1709285400);
}

TEST(TimestampParser, UnixSeconds) {
  expect_value("1709285400", 1709285400);
  expect_value("0", 0);
  expect_value("-86400", -86400);
  expect_value("+86400", 86400);
  // Bare digits are Unix seconds, not an ISO basic date (the header lists
  // only the extended forms): 20240301 s is 1970-08-23T06:18:21Z.
  expect_value("20240301", 20240301);
}

TEST(TimestampParser, SurroundingSpacesIgnored) {
  expect_value("  2024-03-01  ", 1709251200);
  expect_value(" 1709285400 ", 1709285400);
  expect_value("\t2024-03-01T09:30Z ", 1709285400);
}

TEST(TimestampParser, LeapYears) {
  expect_value("2024-02-29", 1709164800);
  expect_value("2000-02-29", 951782400);  // divisible by 400: leap
  expect_rejected("2023-02-29");
  expect_rejected("1900-02-29");          // divisible by 100, not 400
  expect_rejected("2024-02-30");
  expect_rejected("2024-02-31");
}

TEST(TimestampParser, YearRange) {
  expect_value("0001-01-01", -62135596800);
  expect_value("9999-12-31T23:59:59", 253402300799);
  expect_rejected("0000-01-01");
  expect_rejected("10000-01-01");
}

TEST(TimestampParser, InvalidFieldsRejected) {
  expect_rejected("2024-13-01");
  expect_rejected("2024-00-10");
  expect_rejected("2024-01-00");
  expect_rejected("2024-04-31");
  expect_rejected("2024-01-32");
  expect_rejected("2024-03-01T25:00");
  expect_rejected("2024-03-01T09:60");
  expect_rejected("2024-03-01T09:30:60");  // the 60th second
  expect_rejected("2024-03-01T09:30:61");
}

TEST(TimestampParser, MalformedRejected) {
  expect_rejected("");
  expect_rejected("   ");
  expect_rejected("2024-03-01x");
  expect_rejected("2024-03-01T09:30:00Zjunk");
  expect_rejected("2024-03-01T09:30:00+01:00 extra");
  expect_rejected("1709285400abc");
  expect_rejected("12.5");
  expect_rejected("-");
  expect_rejected("yesterday");
  expect_rejected("2024/03/01");
  expect_rejected("2024-3-1");
  expect_rejected("2024-03-01T");
  expect_rejected("2024-03-01T9:30");
  expect_rejected("2024-03-01T09:30:00.");
  expect_rejected("2024-03-01  09:30");  // 'T' or exactly one space
}

TEST(TimestampParser, InvalidOffsetsRejected) {
  expect_rejected("2024-03-01T09:30:00+01:60");  // minute 60
  expect_rejected("2024-03-01T09:30:00+1");      // one-digit hour
  expect_rejected("2024-03-01T09:30:00+01:5");
  expect_rejected("2024-03-01T09:30:00+");
  expect_rejected("2024-03-01T09:30:00ZZ");
}

TEST(TimestampParser, UnixSecondsOutOfRangeRejected) {
  expect_value("-0", 0);
  // Larger than any int64: must not wrap around.
  expect_rejected("99999999999999999999");
  expect_rejected("-99999999999999999999");
}

TEST(TimestampParser, WhyIsOptional) {
  EXPECT_FALSE(parse_timestamp("not a time").has_value());
  EXPECT_EQ(parse_timestamp("2024-03-01"), std::optional<timestamp>(1709251200));
}

TEST(FormatTimestamp, KnownValues) {
  EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_timestamp(1709285400), "2024-03-01T09:30:00Z");
  EXPECT_EQ(format_timestamp(1709164800), "2024-02-29T00:00:00Z");
  EXPECT_EQ(format_timestamp(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_timestamp(951782400), "2000-02-29T00:00:00Z");
  EXPECT_EQ(format_timestamp(253402300799), "9999-12-31T23:59:59Z");
  EXPECT_EQ(format_timestamp(-62135596800), "0001-01-01T00:00:00Z");
}

TEST(FormatTimestamp, AppendKeepsPrefix) {
  std::string out = "t=";
  append_timestamp(out, 1709285415);
  EXPECT_EQ(out, "t=2024-03-01T09:30:15Z");
}

TEST(FormatTimestamp, RoundTrip) {
  const std::vector<timestamp> values = {0,          1,          -1,          86399,     86400,
                                         -86401,     1709285415, 951782399,   951782400, 4102444799,
                                         -2208988800, 253402300799, -62135596800};
  for (timestamp t : values) {
    const std::string s = format_timestamp(t);
    const auto back = parse_timestamp(s);
    ASSERT_TRUE(back.has_value()) << s;
    EXPECT_EQ(*back, t) << s;
  }
}

TEST(CivilDays, KnownValues) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(2024, 2, 29), 19782);
  EXPECT_EQ(days_from_civil(2024, 3, 1), 19783);
  EXPECT_EQ(days_from_civil(1900, 3, 1), -25508);
  EXPECT_EQ(days_from_civil(1, 1, 1), -719162);
  EXPECT_EQ(days_from_civil(9999, 12, 31), 2932896);
}

TEST(CivilDays, InverseKnownValues) {
  long long y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(19782, y, m, d);
  EXPECT_EQ(y, 2024);
  EXPECT_EQ(m, 2u);
  EXPECT_EQ(d, 29u);
  civil_from_days(-1, y, m, d);
  EXPECT_EQ(y, 1969);
  EXPECT_EQ(m, 12u);
  EXPECT_EQ(d, 31u);
  civil_from_days(-719162, y, m, d);
  EXPECT_EQ(y, 1);
  EXPECT_EQ(m, 1u);
  EXPECT_EQ(d, 1u);
}

TEST(CivilDays, RoundTripEveryDayOf1899To2101) {
  // Walk day by day with a hand-rolled calendar, checking both directions.
  auto leap = [](long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
  const unsigned len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  long long z = days_from_civil(1899, 1, 1);
  EXPECT_EQ(z, -25932);  // (date(1899,1,1) - date(1970,1,1)).days
  for (long long y = 1899; y <= 2101; ++y) {
    for (unsigned m = 1; m <= 12; ++m) {
      const unsigned n = len[m - 1] + (m == 2 && leap(y) ? 1 : 0);
      for (unsigned d = 1; d <= n; ++d, ++z) {
        ASSERT_EQ(days_from_civil(y, m, d), z) << y << "-" << m << "-" << d;
        long long yy = 0;
        unsigned mm = 0, dd = 0;
        civil_from_days(z, yy, mm, dd);
        ASSERT_EQ(yy, y);
        ASSERT_EQ(mm, m);
        ASSERT_EQ(dd, d);
      }
    }
  }
}

}  // namespace
}  // namespace movemap
