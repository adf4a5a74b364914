// Temporal reach: who the seeds can reach along time-respecting paths, when
// each actor is first reached, and how reach grows over time.
//
// Definition. Seeds are reached at the start time (ReachOptions::start,
// default the first contact's time). Contacts before the start are ignored.
// A contact u -> v at time t >= start reaches v when u was reached by then:
//   - chains within one instant allowed (default, same_instant_chains =
//     true): u was reached at or before t, so a -> b and b -> c at the same
//     instant carry reach from a to c whatever their order in the log (the
//     rule of tsna's tPath with graph.step.time = 0, as documented; not run
//     against R). The instants of a day-resolution log are days, and a
//     chain may then cross several ties in one day;
//   - strict (same_instant_chains = false): u was reached strictly before t
//     (seeds count as reached before every contact at or after the start),
//     i.e. time-respecting paths with strictly increasing times (Holme &
//     Saramaki 2012); one instant carries reach across one tie only.
// Direction: in a directed network a contact carries reach from its source
// to its target only (follow_direction = true, default) or both ways; in an
// undirected network always both ways. Self-contacts carry nothing.
// earliest arrival = the smallest t at which the actor is reached (the
// foremost time-respecting path); kNever when not reached.
//
// The reach curve is the step function "number reached by time t" (t
// included): one point at the start (the seeds and whoever is reached at
// that instant) and one at every later instant at which someone new was
// reached; resample it by day or month outside.
//
// Cost: one pass over the time-ordered contacts, O(contacts + nodes) time,
// O(nodes) memory (with same-instant chains, a search over the contacts of
// each instant, through per-instant linked adjacency lists). Serial (each
// instant depends on the previous ones); deterministic.
#pragma once
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "movemap/contacts.hpp"
#include "movemap/network.hpp"
#include "movemap/progress.hpp"
#include "movemap/types.hpp"

namespace movemap {

inline constexpr timestamp kNever = std::numeric_limits<timestamp>::max();

struct ReachOptions {
  std::vector<node_id> seeds;        // at least one; repeats ignored
  std::optional<timestamp> start;    // default: the first contact's time
  bool same_instant_chains = true;
  bool follow_direction = true;      // directed networks only
  ProgressCallback progress;
};

struct ReachCurve {
  std::vector<timestamp> time;           // ascending; time[0] = start
  std::vector<std::uint64_t> reached;    // reached by time[i] (seeds included)
};

struct TemporalReach {
  timestamp start = 0;
  std::vector<timestamp> arrival;  // per node: earliest arrival, or kNever
  std::uint64_t reached = 0;       // nodes with arrival != kNever (seeds included)
  ReachCurve curve;
};

// `directed`: whether contacts are directed (Network::directed()). Throws
// UsageError without seeds or with a seed id >= num_nodes.
TemporalReach temporal_reach(const Contacts& contacts, std::size_t num_nodes, bool directed,
                             const ReachOptions& options);
// The same on a network; UsageError when it has ties but no contacts (build
// it with NetworkOptions::keep_contacts).
TemporalReach temporal_reach(const Network& net, const ReachOptions& options);

}  // namespace movemap
