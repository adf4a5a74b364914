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
//   With role changes (Network::role_changes) only:
//   role_transitions.csv  window, start, end, from, to, count (long: every
//        window and transition type); windows.json gains
//        "role_transitions": [{window, start, end, from, to, count}].
//   role_cohorts.csv  from, to, cohort (YYYY-MM), size, months_since,
//        active, share: the transition cohorts (role_transitions.hpp),
//        suppressed by cohort size like cohorts.csv.
//   role_changes.csv  actor, time, from, to: the changes (actor ids as
//        every output writes them: pseudonyms under --pseudonymise); not
//        written with min_group_size > 1 (it would give the suppressed
//        counts away).
// Integer columns are written as integers, other numbers in their shortest
// round-trip form ("nan" for NaN in CSV).
// Small-group suppression (min_group_size K > 1, io/group_suppression.hpp):
// in by_role.csv the rows of one window are a group table whose group size
// is the role's active + lapsed actors (everyone the row describes);
// cohorts.csv's groups are the cohorts (size). Suppressed rows keep their
// window / role / cohort and k, every other cell is empty, and a last
// column `suppressed` says true; secondary suppression as there (per window;
// over the cohorts). windows.csv / windows.json: a window whose row counts
// fewer than K actors (active + lapsed) is blanked the same way (JSON: null
// values, "suppressed": true); no secondary rule (windows overlap and have
// no published total). Single cells of a published row (e.g. 3 new actors in
// a window of 400) are not suppressed, except windows' role_changes cell,
// blank when 0 < changes < K; role_transitions rows of one window form a
// group table (size = count, secondary rule: the total is published); trajectories.csv (per actor, not a
// group table) is not suppressed.
#pragma once
#include <cstdint>
#include <string>

#include "io/gexf_writer.hpp"
#include "movemap/network.hpp"
#include "movemap/temporal/momentum.hpp"

namespace movemap {

// Writes the files above into `dir` (ending with '/').
void write_momentum_tables(const std::string& dir, const Network& net, const MomentumResult& r,
                           std::uint64_t min_group_size = 0);
std::string momentum_windows_json(const MomentumResult& r, std::uint64_t min_group_size = 0);
// Under --min-group-size K: whether window k's role_changes count is left
// blank (its changes come from 1 .. K-1 distinct actors); also the printed
// summary's rule.
bool hidden_changes(const WindowIndicators& w, std::size_t k, std::uint64_t min_group_size);

// The per-window node measures as a GEXF timeline, for write_gexf: per
// measure the columns "<measure>_window" (value) and "<measure>_window_rank"
// (distinct from the static columns, e.g. "degree").
GexfTimeline momentum_timeline(const MomentumResult& r);

}  // namespace movemap
