#include "io/csv_writer.hpp"

#include <charconv>
#include <cmath>

#include "io/atomic_file.hpp"
#include "io/csv_reader.hpp"
#include "io/timestamp_parser.hpp"

namespace movemap {

void append_double(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "nan";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "inf" : "-inf";
    return;
  }
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, p);
}

void write_node_table(const std::string& path, const Network& net, const NodeMeasures& measures,
                      const ExportOptions& options) {
  AtomicFile f(path);
  std::string& b = f.buffer();
  std::vector<const AttributeColumn*> attrs;
  for (const auto& c : net.attributes.columns())
    if (options.keeps(c.name)) attrs.push_back(&c);
  b += "id";
  for (const auto* c : attrs) {
    b += ',';
    append_csv_field(b, c->name);
  }
  for (const auto& m : measures.columns) {
    b += ',';
    append_csv_field(b, m.name);
  }
  b += '\n';
  for (node_id u = 0; u < net.actors.size(); ++u) {
    append_csv_field(b, net.actors.name(u));
    for (const auto* c : attrs) {
      b += ',';
      append_csv_field(b, c->values[u]);
    }
    for (const auto& m : measures.columns) {
      b += ',';
      if (m.integer) b += std::to_string(m.ints[u]);
      else append_double(b, m.reals[u]);
    }
    b += '\n';
    f.flush_if_large();
  }
  f.commit();
}

void write_tie_table(const std::string& path, const Network& net, const TieColumns& extra) {
  check_tie_columns(net, extra);
  AtomicFile f(path);
  std::string& b = f.buffer();
  const TieTable& t = net.graph.ties();
  b += "source,target,weight,count,first_seen,last_seen,kinds";
  for (const auto& [name, values] : extra) {
    b += ',';
    append_csv_field(b, name);
  }
  b += '\n';
  std::string kinds;
  for (edge_id e = 0; e < t.size(); ++e) {
    append_csv_field(b, net.actors.name(t.source[e]));
    b += ',';
    append_csv_field(b, net.actors.name(t.target[e]));
    b += ',';
    append_double(b, t.weight[e]);
    b += ',';
    b += std::to_string(t.count[e]);
    b += ',';
    append_timestamp(b, t.first_seen[e]);
    b += ',';
    append_timestamp(b, t.last_seen[e]);
    b += ',';
    kinds = tie_kinds_text(net, e);
    append_csv_field(b, kinds);
    for (const auto& [name, values] : extra) {
      b += ',';
      append_double(b, values[e]);
    }
    b += '\n';
    f.flush_if_large();
  }
  f.commit();
}

}  // namespace movemap
