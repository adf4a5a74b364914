// GEXF 1.3 for Gephi: the static network (as the GraphML export) and,
// optionally, the network over time: node and edge spells and per-window
// measures as dynamic attributes, so Gephi's Timeline plays the movement's
// growth. Valid against the GEXF 1.3 RelaxNG schema in ../shared/schemas
// (no xsi:schemaLocation attribute: that schema rejects it). Written
// atomically; the same network and options give the same bytes.
//
// Conventions
// - Root: <gexf xmlns="http://gexf.net/1.3" version="1.3">, a <meta> with
//   <creator>movemap</creator> (no date, so output is reproducible), one
//   <graph> with defaultedgetype directed|undirected and idtype="string".
// - Node ids are the GraphML ids (graphml_id(): the actor id, with
//   characters outside XML name characters encoded as _xHHHH_), so the two
//   exports name nodes alike; when any id was encoded, a string attribute
//   "actor_id" holds the original. The node's label attribute (Gephi's
//   Label) is the actor table's label column when ExportOptions keeps it
//   and the cell is not empty; label is not repeated as a column.
// - Node attributes (<attributes class="node" mode="static">, ids n0..,
//   title = the column name as it is): the actor table's other columns kept
//   by ExportOptions (types boolean, long, double, string as inferred), then
//   the NodeMeasures (long or double). Missing cells are not written.
// - Edges: id = tie id, source/target as in the TieTable, the native weight
//   attribute (Gephi's Weight) = the tie's weight; edge attributes (ids e0..)
//   count (long), first_seen and last_seen (ISO 8601 UTC strings), kinds
//   (string, ';'-separated, sorted), then the extra TieColumns (double).
// - Numbers: the shortest text that reads back to the same double; NaN,
//   Infinity and -Infinity for non-finite measure values (what Java's
//   Double.parseDouble, used by Gephi, and Python's float() read).
// - Text is XML-escaped; characters XML 1.0 forbids become U+FFFD.
//
// Dynamic mode (GexfOptions::dynamic)
// - <graph mode="dynamic" timeformat="dateTime" timerepresentation="interval"
//   timezone="UTC">: Gephi's GEXF importer has branches for "date" and
//   "dateTime" (not "integer"); dateTime keeps the log's seconds. Times are
//   written "2024-03-01T09:30:00Z"; Gephi's intervals are closed [start, end].
// - Spells come from Network::contacts (a node is seen at each contact it
//   takes part in, as source or target; a tie at each contact naming it).
//   lapse_seconds = 0: one spell from the first contact to the end of the
//   log (max of NetworkStats::last_time and the last contact). lapse > 0: a
//   spell is a maximal run of contacts whose successive gaps are <= lapse;
//   it runs from the run's first contact to its last contact + lapse (not
//   cut at the end of the log: the actor or tie is shown until it lapses).
//   A gap > lapse ends the spell; the next contact starts a new one. Nodes
//   without contacts (actor-table isolates; attendance-only actors with
//   AttendanceWeighting::None) have no <spells>, which Gephi shows for the
//   whole timeline.
// - Per-window measures (GexfTimeline): one <attributes class="node"
//   mode="dynamic"> column per WindowedNodeColumn (ids w0.., type double,
//   title = its name, which must differ from every static node column).
//   Window w's value is written as <attvalue for value start end> over
//   [max(start[w], end[w-1]), end[w] - 1 s]: the part of the window after
//   the previous window ended, so the intervals of one node never overlap
//   (Gephi refuses overlapping intervals) and at any instant t Gephi shows
//   the value of the earliest-ending window that contains t. For tumbling
//   windows this is the window itself, for sliding windows its last step,
//   for cumulative windows the stretch it added. Window ends must increase
//   strictly and start[w] < end[w]. A node without a value in a window
//   gets no attvalue there.
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
  // Window w covers [start[w], end[w]) (seconds since the epoch, UTC);
  // ends strictly increasing.
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

// Presence intervals by the spell rule above, as a CSR: the spells of item
// i (a node, or a tie) are [start[k], end[k]] for k in offsets[i] ..
// offsets[i+1], in time order. Throws UsageError for lapse_seconds < 0.
struct GexfSpells {
  std::vector<std::uint64_t> offsets{0};
  std::vector<timestamp> start, end;
};
GexfSpells gexf_node_spells(const Network& net, timestamp lapse_seconds);
GexfSpells gexf_tie_spells(const Network& net, timestamp lapse_seconds);

// Throws UsageError on an inconsistent timeline, a timeline without dynamic
// mode, or dynamic mode on a network with ties but no contacts; IoError
// when the file cannot be written.
void write_gexf(const std::string& path, const Network& net, const NodeMeasures& measures,
                const GexfOptions& options, const TieColumns& tie_columns = {});
std::string gexf_string(const Network& net, const NodeMeasures& measures, const GexfOptions& options,
                        const TieColumns& tie_columns = {});

}  // namespace movemap
