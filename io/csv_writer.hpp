// CSV tables (RFC 4180, UTF-8, LF line ends), written atomically.
//
// Node table: id, the kept actor attributes, then the measures; one row per
// actor in node-id order. Tie table: source, target, weight, count,
// first_seen, last_seen, kinds, then any extra tie columns (tie
// betweenness), each one value per tie in tie-id order. Numbers use the shortest text that reads
// back to the same double.
#pragma once
#include <string>

#include "io/node_measures.hpp"
#include "movemap/network.hpp"

namespace movemap {

void write_node_table(const std::string& path, const Network& net, const NodeMeasures& measures,
                      const ExportOptions& options);
void write_tie_table(const std::string& path, const Network& net, const TieColumns& extra = {});

// Shortest round-trip text of a double ("nan", "inf" for non-finite).
void append_double(std::string& out, double v);

}  // namespace movemap
