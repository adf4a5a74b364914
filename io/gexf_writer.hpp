// GEXF 1.3 for Gephi: the static network (as the GraphML export) and,
// optionally, the network over time: node and edge spells and per-window
// measures as dynamic attributes, so Gephi's Timeline plays the movement's
// growth. Valid against the GEXF 1.3 schema in ../shared/schemas.
//
// TODO(helper ripples): state the conventions (timeformat, how spells are
// derived from Network::contacts and the lapse period, attribute types,
// how a window's values become <attvalue start end>, ids as in GraphML).
// Written atomically.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "io/node_measures.hpp"
#include "movemap/network.hpp"

namespace movemap {

// A node measure over windows, sparse: for window w, the entries
// offsets[w] .. offsets[w+1] of `node` / `value` (nodes ascending) hold
// the values of the nodes that have one in that window.
struct WindowedNodeColumn {
  std::string name;
  std::vector<std::uint64_t> offsets{0};  // size windows + 1
  std::vector<node_id> node;
  std::vector<double> value;
};

struct GexfTimeline {
  // Window w covers [start[w], end[w]) (seconds since the epoch, UTC).
  std::vector<timestamp> start, end;
  std::vector<WindowedNodeColumn> node_columns;
};

struct GexfOptions {
  ExportOptions exports;
  // Dynamic mode (mode="dynamic"): node and edge spells from
  // Network::contacts (which must then be non-empty). lapse_seconds = 0:
  // an actor / tie exists from its first contact to the end of the log;
  // > 0: it lapses when unseen for that long (spells end lapse_seconds
  // after a contact, and restart at the next one).
  bool dynamic = false;
  timestamp lapse_seconds = 0;
  const GexfTimeline* timeline = nullptr;  // per-window dynamic attributes (dynamic mode)
};

void write_gexf(const std::string& path, const Network& net, const NodeMeasures& measures,
                const GexfOptions& options, const TieColumns& tie_columns = {});
std::string gexf_string(const Network& net, const NodeMeasures& measures, const GexfOptions& options,
                        const TieColumns& tie_columns = {});

}  // namespace movemap
