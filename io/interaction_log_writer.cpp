#include "io/interaction_log_writer.hpp"

#include <charconv>
#include <cmath>

#include "io/atomic_file.hpp"
#include "io/csv_reader.hpp"
#include "io/timestamp_parser.hpp"

namespace movemap {
namespace {

// Rows come in time order, so the date part ("2024-03-01T") changes rarely:
// it is formatted once per day and the time of day is written by hand.
class TimestampCache {
 public:
  void append(std::string& out, timestamp t) {
    const timestamp day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    if (day != day_ || prefix_.empty()) {
      prefix_.clear();
      append_timestamp(prefix_, day * 86400);
      prefix_.resize(11);  // "YYYY-MM-DDT"
      day_ = day;
    }
    const auto s = static_cast<unsigned>(t - day * 86400);
    const unsigned h = s / 3600, m = s / 60 % 60, sec = s % 60;
    out += prefix_;
    const char hms[9] = {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
                         static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), ':',
                         static_cast<char>('0' + sec / 10), static_cast<char>('0' + sec % 10), 'Z'};
    out.append(hms, sizeof hms);
  }

 private:
  timestamp day_ = 0;
  std::string prefix_;
};

void append_weight(std::string& out, double w) {
  if (w == 1.0) {
    out += '1';
    return;
  }
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, w);  // shortest round-trip text
  out.append(buf, end);
}

}  // namespace

void write_generated_movement(const GeneratedMovement& m, const std::string& out_dir) {
  ensure_directory(out_dir);
  const std::string dir = out_dir.empty() ? "./" : out_dir.back() == '/' ? out_dir : out_dir + "/";
  {
    AtomicFile f(dir + "actors.csv");
    std::string& b = f.buffer();
    b += "id,role,label,site,joined\n";
    std::string date;
    for (const auto& a : m.actors) {
      append_csv_field(b, a.id);
      b += ',';
      append_csv_field(b, a.role);
      b += ',';
      append_csv_field(b, a.label);
      b += ',';
      append_csv_field(b, a.site);
      b += ',';
      date.clear();
      append_timestamp(date, a.joined);
      b.append(date, 0, 10);  // YYYY-MM-DD
      b += '\n';
      f.flush_if_large();
    }
    f.commit();
  }
  // Generated ids, event ids and kind names need no CSV quoting; that is
  // checked once here rather than on every row (and quoted if ever needed).
  auto plain = [](const std::string& s) {
    return s.find_first_of(",\"\r\n") == std::string::npos && (s.empty() || (s.front() != ' ' && s.back() != ' '));
  };
  bool all_plain = true;
  for (const auto& a : m.actors) all_plain = all_plain && plain(a.id);
  for (const auto& e : m.events) all_plain = all_plain && plain(e);
  for (const auto& k : m.kinds) all_plain = all_plain && plain(k);
  auto put = [all_plain](std::string& out, const std::string& s) {
    if (all_plain) out += s;
    else append_csv_field(out, s);
  };

  AtomicFile f(dir + "interactions.csv");
  std::string& b = f.buffer();
  b += "time,source,target,event,kind,weight\n";
  TimestampCache times;
  for (std::size_t i = 0; i < m.rows(); ++i) {
    times.append(b, m.time[i]);
    b += ',';
    put(b, m.actors[m.source[i]].id);
    b += ',';
    if (m.target[i] != kNone) put(b, m.actors[m.target[i]].id);
    b += ',';
    if (m.event[i] != kNone) put(b, m.events[m.event[i]]);
    b += ',';
    put(b, m.kinds[m.kind[i]]);
    b += ',';
    append_weight(b, m.weight[i]);
    b += '\n';
    f.flush_if_large();
  }
  f.commit();
}

}  // namespace movemap
