// The momentum outputs (movemap momentum, Python Network.write_momentum):
// CSV tables and a JSON time series, written atomically.
//   windows.csv / windows.json  one row per window: window (index), start,
//        end (ISO 8601 UTC), then every column of the per-window table
//        (temporal/indicators.hpp, momentum.hpp); JSON: {"windows": [{...}]},
//        non-finite numbers null.
//   by_role.csv     window, start, role, then the by-role columns.
//   cohorts.csv     cohort (YYYY-MM), size, months_since, active, share.
//   trajectories.csv  window, start, actor, measure, value, rank (long).
//   rising.csv      measure, actor, rank_first, rank_last, gain.
//   sensitivity.csv measure, width_a, width_b (seconds), actors, tau_b.
// Integer columns are written as integers, other numbers in their shortest
// round-trip form ("nan" for NaN in CSV).
#pragma once
#include <string>

#include "io/gexf_writer.hpp"
#include "movemap/network.hpp"
#include "movemap/temporal/momentum.hpp"

namespace movemap {

// Writes the files above into `dir` (ending with '/').
void write_momentum_tables(const std::string& dir, const Network& net, const MomentumResult& r);
std::string momentum_windows_json(const MomentumResult& r);

// The per-window node measures as a GEXF timeline (one WindowedNodeColumn
// per measure, plus "<measure>_rank"), for write_gexf.
GexfTimeline momentum_timeline(const MomentumResult& r);

}  // namespace movemap
