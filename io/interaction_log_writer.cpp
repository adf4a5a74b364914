#include "io/interaction_log_writer.hpp"

#include <charconv>
#include <cmath>
#include <vector>

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

// Strings packed into one buffer: row writing looks ids up at random, and a
// few bytes per id stay in cache where std::string objects spread over the
// actor records would not.
class PackedStrings {
 public:
  template <typename Range, typename Get>
  PackedStrings(const Range& items, Get get) {
    offsets_.reserve(items.size() + 1);
    offsets_.push_back(0);
    for (const auto& item : items) {
      const std::string& s = get(item);
      if (s.find_first_of(",\"\r\n") != std::string::npos || (!s.empty() && (s.front() == ' ' || s.back() == ' ')))
        append_csv_field(chars_, s);  // generated names never need this; kept for safety
      else
        chars_ += s;
      offsets_.push_back(chars_.size());
    }
  }
  void append(std::string& out, std::size_t i) const {
    out.append(chars_, offsets_[i], offsets_[i + 1] - offsets_[i]);
  }

 private:
  std::string chars_;
  std::vector<std::size_t> offsets_;
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
  const PackedStrings ids(m.actors, [](const GeneratedActor& a) -> const std::string& { return a.id; });
  const PackedStrings events(m.events, [](const std::string& e) -> const std::string& { return e; });
  const PackedStrings kinds(m.kinds, [](const std::string& k) -> const std::string& { return k; });

  AtomicFile f(dir + "interactions.csv");
  std::string& b = f.buffer();
  b += "time,source,target,event,kind,weight\n";
  TimestampCache times;
  for (std::size_t i = 0; i < m.rows(); ++i) {
    times.append(b, m.time[i]);
    b += ',';
    ids.append(b, m.source[i]);
    b += ',';
    if (m.target[i] != kNone) ids.append(b, m.target[i]);
    b += ',';
    if (m.event[i] != kNone) events.append(b, m.event[i]);
    b += ',';
    kinds.append(b, m.kind[i]);
    b += ',';
    append_weight(b, m.weight[i]);
    b += '\n';
    f.flush_if_large();
  }
  f.commit();
}

}  // namespace movemap
