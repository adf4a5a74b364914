// Every interaction of a network as a time-stamped contact between two nodes,
// in time order: the temporal form that momentum, reach and cascades read.
//
// One contact per pair row of the log (self-interactions included) and one
// per co-attendance pair (attendance.hpp: at the time both had attended);
// in a directed network a co-attendance gives two contacts, u -> v and
// v -> u, as it gives two ties. With AttendanceWeighting::None attendance
// rows make no contacts (the person-event form is Network::attendance).
// Each contact names the tie it was aggregated into (Graph tie id).
//
// Order: ascending time; contacts at the same instant keep the order in
// which build_network produced them (pair rows in log order, then
// co-attendance pairs in event order, u -> v copies before v -> u). The
// order is the same for any thread count.
// Memory: 36 bytes per contact.
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/types.hpp"

namespace movemap {

struct Contacts {
  std::vector<timestamp> time;        // ascending
  std::vector<node_id> source, target;
  std::vector<double> weight;         // the interaction's weight (> 0)
  std::vector<std::uint32_t> kind;    // kind id (Network::kinds) or kNone
  std::vector<edge_id> tie;           // tie id in Network::graph

  std::size_t size() const { return time.size(); }
  bool empty() const { return time.empty(); }
};

}  // namespace movemap
