#include "io/timestamp_parser.hpp"

#include <charconv>
#include <limits>

namespace movemap {

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

bool leap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(long long y, unsigned m) {
  static const unsigned d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}

std::optional<timestamp> fail(std::string* why, const char* reason) {
  if (why) *why = reason;
  return std::nullopt;
}

}  // namespace

std::optional<timestamp> parse_timestamp(std::string_view s, std::string* why) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return fail(why, "empty");

  // Unix seconds: an optional sign and digits only.
  {
    std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    bool all_digits = i < s.size();
    for (std::size_t j = i; j < s.size() && all_digits; ++j) all_digits = s[j] >= '0' && s[j] <= '9';
    if (all_digits) {
      timestamp v = 0;
      const char* b = s.data() + (s[0] == '+' ? 1 : 0);
      auto [p, ec] = std::from_chars(b, s.data() + s.size(), v);
      if (ec != std::errc() || p != s.data() + s.size())
        return fail(why, "Unix seconds out of range");
      // Keep within years 0001-9999 like the ISO forms.
      if (v < -62135596800LL || v > 253402300799LL) return fail(why, "Unix seconds out of range (years 0001-9999)");
      return v;
    }
  }

  int y, mo, d;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return fail(why, "not a date (YYYY-MM-DD)");
  if (y < 1) return fail(why, "year 0000 is out of range");
  if (mo < 1 || mo > 12) return fail(why, "month must be 01-12");
  if (d < 1 || static_cast<unsigned>(d) > days_in_month(y, mo)) return fail(why, "day does not exist in that month");
  timestamp t = days_from_civil(y, mo, d) * 86400LL;
  std::size_t i = 10;
  if (i == s.size()) return t;
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return fail(why, "unexpected text after the date");
  ++i;
  int hh, mm, ss = 0;
  if (!digits(s, i, 2, hh) || i + 2 >= s.size() || s[i + 2] != ':' || !digits(s, i + 3, 2, mm))
    return fail(why, "time must be HH:MM or HH:MM:SS");
  i += 5;
  if (i < s.size() && s[i] == ':') {
    if (!digits(s, i + 1, 2, ss)) return fail(why, "seconds must be two digits");
    i += 3;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      std::size_t j = i + 1;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      if (j == i + 1) return fail(why, "empty fraction of a second");
      i = j;
    }
  }
  if (hh > 23) return fail(why, "hour must be 00-23");
  if (mm > 59) return fail(why, "minute must be 00-59");
  if (ss > 59) return fail(why, "second must be 00-59");
  t += hh * 3600LL + mm * 60LL + ss;
  if (i == s.size()) return t;
  if (s[i] == 'Z' || s[i] == 'z') {
    if (i + 1 != s.size()) return fail(why, "unexpected text after 'Z'");
    return t;
  }
  if (s[i] != '+' && s[i] != '-') return fail(why, "unexpected text after the time (expected Z or an offset like +01:00)");
  const int sign = s[i] == '-' ? -1 : 1;
  ++i;
  int oh, om = 0;
  if (!digits(s, i, 2, oh)) return fail(why, "offset must be +HH, +HH:MM or +HHMM");
  i += 2;
  if (i < s.size()) {
    if (s[i] == ':') ++i;
    if (!digits(s, i, 2, om)) return fail(why, "offset must be +HH, +HH:MM or +HHMM");
    i += 2;
  }
  if (i != s.size()) return fail(why, "unexpected text after the offset");
  if (oh > 23 || om > 59) return fail(why, "offset out of range");
  return t - sign * (oh * 3600LL + om * 60LL);
}

void append_timestamp(std::string& out, timestamp t) {
  long long days = t / 86400, secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  long long y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[32];
  const int hh = static_cast<int>(secs / 3600), mm = static_cast<int>(secs / 60 % 60), ss = static_cast<int>(secs % 60);
  char* p = buf;
  auto put = [&](long long v, int width) {
    char tmp[24];
    int n = 0;
    bool neg = v < 0;
    unsigned long long u = neg ? -static_cast<unsigned long long>(v) : v;
    do { tmp[n++] = static_cast<char>('0' + u % 10); u /= 10; } while (u);
    while (n < width) tmp[n++] = '0';
    if (neg) *p++ = '-';
    while (n) *p++ = tmp[--n];
  };
  put(y, 4); *p++ = '-'; put(m, 2); *p++ = '-'; put(d, 2); *p++ = 'T';
  put(hh, 2); *p++ = ':'; put(mm, 2); *p++ = ':'; put(ss, 2); *p++ = 'Z';
  out.append(buf, p);
}

std::string format_timestamp(timestamp t) {
  std::string s;
  append_timestamp(s, t);
  return s;
}

}  // namespace movemap
