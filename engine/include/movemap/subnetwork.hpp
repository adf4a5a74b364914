// A network restricted to some of its actors and/or to a time interval: the
// "look only at the champions and services", "look only at 2024" view that
// every analysis can then run on.
//
// Actors: SubnetworkOptions::keep_node selects nodes (empty = every node).
// Kept nodes are renumbered in their original order (a monotone map, so the
// tie table stays sorted by (source, target)); attributes, kinds and event
// ids carry over. The subnetwork has the ties whose two ends are kept, with
// their aggregated values unchanged (weight, count, first_seen, last_seen,
// kinds): the tie table is filtered, nothing is re-aggregated. This is
// igraph's induced_subgraph / networkx's G.subgraph(nodes), plus isolates:
// kept actors without a kept tie stay, as isolates.
//
// Time: with an interval [from, to) the ties are re-aggregated from the
// interactions (Network::contacts, so the network must have been built with
// NetworkOptions::keep_contacts) whose time t satisfies from <= t < to and
// whose two ends are kept. The result equals build_network on the log rows in
// that interval with the same actors (same weights, counts, first/last seen,
// kinds). Co-attendance contacts are filtered by their own time, the moment
// both attendees had been at the event (attendance.hpp). Every kept actor
// stays, active in the interval or not (as when the actor table lists it).
// Without contacts a time interval throws UsageError; an actor-only
// restriction needs no contacts.
//
// Role changes (Network::role_changes) of the kept actors are kept, all of
// them whatever the time interval (an actor's history, not interactions).
//
// The subnetwork keeps its own contacts (the kept ones, tie ids renumbered)
// when the network had them, so it can be restricted again or measured over
// time. The bipartite attendance keeps the kept persons' attendances whose
// first attendance time lies in the interval (event ids unchanged).
//
// NetworkStats of the result describe the kept part: actors_in_table,
// actors_created and actors_without_interactions over the kept actors;
// pair_rows, self_interactions, coattendance_interactions and
// first_time/last_time from the kept contacts (from the kept ties' counts
// and first/last seen when the network has no contacts: then pair_rows
// counts every interaction of the kept ties, co-attendance included, and
// coattendance_interactions is 0); attendance_rows = kept attendances;
// interactions = pair_rows + attendance_rows.
//
// Cost: O(n + m) for an actor restriction; O(n + c log c) with a time
// interval over c contacts (the graph builder's cost). Deterministic: the
// same result for any thread count.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "movemap/network.hpp"

namespace movemap {

struct SubnetworkOptions {
  // keep_node[u] != 0 keeps node u; size num_nodes, or empty to keep all.
  std::vector<std::uint8_t> keep_node;
  // Interactions at from <= t < to (UTC seconds); an unset end is open.
  std::optional<timestamp> from, to;
};

// Throws UsageError when keep_node has the wrong size, when from >= to, or
// when a time interval is asked of a network without contacts.
Network subnetwork(const Network& net, const SubnetworkOptions& options);

// keep_node for "actors whose attribute `column` is one of `values`".
// Throws UsageError for an unknown column (the message lists the columns) or
// a value no actor has (the message lists the values present), so a typo
// does not silently give an empty network.
std::vector<std::uint8_t> nodes_with_attribute(const Network& net, std::string_view column,
                                               const std::vector<std::string>& values);

}  // namespace movemap
