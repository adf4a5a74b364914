#include "io/interaction_log_writer.hpp"

#include <charconv>

#include "io/atomic_file.hpp"
#include "io/csv_reader.hpp"
#include "io/csv_writer.hpp"
#include "io/timestamp_parser.hpp"

namespace movemap {

void write_generated_movement(const GeneratedMovement& m, const std::string& out_dir) {
  ensure_directory(out_dir);
  const std::string dir = out_dir + (out_dir.empty() || out_dir.back() == '/' ? "" : "/");
  {
    AtomicFile f(dir + "actors.csv");
    std::string& b = f.buffer();
    b += "id,role,label,site,joined\n";
    for (const auto& a : m.actors) {
      append_csv_field(b, a.id);
      b += ',';
      b += a.role;
      b += ',';
      append_csv_field(b, a.label);
      b += ',';
      append_csv_field(b, a.site);
      b += ',';
      std::string t = format_timestamp(a.joined);
      b.append(t, 0, 10);  // the date
      b += '\n';
      f.flush_if_large();
    }
    f.commit();
  }
  AtomicFile f(dir + "interactions.csv");
  std::string& b = f.buffer();
  b += "time,source,target,event,kind,weight\n";
  for (std::size_t i = 0; i < m.rows(); ++i) {
    append_timestamp(b, m.time[i]);
    b += ',';
    b += m.actors[m.source[i]].id;
    b += ',';
    if (m.target[i] != kNone) b += m.actors[m.target[i]].id;
    b += ',';
    if (m.event[i] != kNone) b += m.events[m.event[i]];
    b += ',';
    b += m.kinds[m.kind[i]];
    b += ',';
    append_double(b, m.weight[i]);
    b += '\n';
    f.flush_if_large();
  }
  f.commit();
}

}  // namespace movemap
