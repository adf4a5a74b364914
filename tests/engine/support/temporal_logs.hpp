// Hand-built and random logs for the temporal tests.
#pragma once
#include <random>
#include <string>
#include <vector>

#include "movemap/network.hpp"

namespace movemap::testing {

// Actors a (citizen, S1), b (service, S2), c (champion, S1), d (anchor, no
// site), e (citizen, S1), z (citizen, never active). Rows:
//   t  0  a - b
//   t  0  b - c        (the same instant)
//   t  5  d at event e1 (alone: active, no tie)
//   t 12  a - b
//   t 25  c - e
//   t 41  a - b        (after a gap of 29 with no activity at all)
inline Network hand_network(bool directed) {
  ActorTable table;
  for (const char* id : {"a", "b", "c", "d", "e", "z"}) table.ids.intern(id);
  table.attributes.resize(6);
  table.attributes.column("role").values = {"citizen", "service", "champion", "anchor", "citizen", "citizen"};
  table.attributes.column("site").values = {"S1", "S2", "S1", "", "S1", "S2"};
  InteractionLogBuilder b;
  InteractionBatch x;
  x.push_back(0, "a", "b", "", "", 1);
  x.push_back(0, "b", "c", "", "", 1);
  x.push_back(5, "d", "", "e1", "", 1);
  x.push_back(12, "a", "b", "", "", 2);
  x.push_back(25, "c", "e", "", "", 1);
  x.push_back(41, "a", "b", "", "", 1);
  b.append(x);
  NetworkOptions o;
  o.directed = directed;
  o.keep_contacts = true;
  return build_network(b.finish(), &table, o);
}

// A random log: n actors with random roles and sites, m rows over `span`
// seconds, with simultaneous rows (times on a coarse grid), repeated pairs,
// attendance rows (some events with one attendee), self-interactions, and a
// quiet gap in the middle third longer than typical lapse periods.
inline Network random_network(std::uint32_t n, std::size_t m, std::uint64_t seed, bool directed,
                              timestamp span = 1000) {
  std::mt19937_64 rng(seed);
  ActorTable table;
  const char* roles[] = {"citizen", "champion", "anchor", "service"};
  std::vector<std::string> ids;
  for (std::uint32_t i = 0; i < n; ++i) ids.push_back("p" + std::to_string(i));
  for (const auto& id : ids) table.ids.intern(id);
  table.attributes.resize(n);
  table.attributes.column("role");
  table.attributes.column("site");  // both columns exist before references are taken (column() may grow the table)
  auto& role = *table.attributes.find("role");
  auto& site = *table.attributes.find("site");
  for (std::uint32_t i = 0; i < n; ++i) {
    role.values[i] = roles[rng() % 4];
    site.values[i] = rng() % 5 == 0 ? "" : "S" + std::to_string(rng() % 3);
  }
  InteractionLogBuilder b;
  InteractionBatch x;
  std::vector<std::string> events;
  for (int i = 0; i < 8; ++i) events.push_back("ev" + std::to_string(i));
  for (std::size_t i = 0; i < m; ++i) {
    timestamp t = static_cast<timestamp>(rng() % static_cast<std::uint64_t>(span / 10)) * 10;
    if (t > span / 3 && t < span / 2) t += span / 6;  // quiet gap
    const std::string& s = ids[rng() % n];
    if (rng() % 6 == 0) {
      x.push_back(t, s, "", events[rng() % events.size()], "", 1);
    } else {
      const std::string& tg = rng() % 10 == 0 ? s : ids[rng() % n];
      x.push_back(t, s, tg, "", "", 0.5 * static_cast<double>(1 + rng() % 4));
    }
  }
  b.append(x);
  NetworkOptions o;
  o.directed = directed;
  o.keep_contacts = true;
  return build_network(b.finish(), &table, o);
}

}  // namespace movemap::testing
