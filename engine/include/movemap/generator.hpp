// Seeded generator of realistic, role-structured movement logs.
//
// Used for the shipped sample (data-samples/) and for benchmark inputs of any
// size. The same options and seed give the same movement on every machine
// (own integer RNG and distributions; no std:: distributions, whose output
// differs between standard libraries).
//
// The model (documented in docs/generator.md):
//  - actors are split across `sites`; roles citizen ~80%, champion ~8%,
//    anchor ~4%, service ~8% (at least one of each role per site);
//  - actors join over the period with an accelerating arrival rate (a
//    movement building momentum), anchors and services from the start;
//  - interactions between active actors, by role pairs: referrals
//    (citizen/champion -> service), meetings (champion/anchor/service),
//    messages, volunteering (citizen -> anchor/champion), funding (anchor ->
//    champion/anchor); mostly within a site, some across sites; partner
//    choice preferential to past partners and to popular actors;
//  - group events (walks, workshops, meetings) at each site, recorded as
//    attendance rows (event, no target), with a few dozen attendees at most.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "movemap/types.hpp"

namespace movemap {

struct GeneratorOptions {
  std::uint64_t actors = 600;
  std::uint64_t interactions = 12000;  // total rows, attendance rows included
  std::uint32_t sites = 2;
  std::uint32_t months = 24;
  std::uint64_t seed = 1;
  timestamp start = 1672531200;  // 2023-01-01T00:00:00Z
  double attendance_share = 0.25;  // share of rows that are attendance rows
};

struct GeneratedActor {
  std::string id;     // role letter + at least 4 digits: "c0042", "h0003", "a0001", "s0007"
  std::string role;   // citizen | champion | anchor | service
  std::string label;  // a display name (synthetic; some non-ASCII)
  std::string site;
  timestamp joined = 0;
};

struct GeneratedMovement {
  std::vector<GeneratedActor> actors;
  std::vector<std::string> events;  // event ids
  std::vector<std::string> kinds;   // kind names
  // Rows in time order. target or event is kNone (exactly one is set).
  std::vector<timestamp> time;
  std::vector<std::uint32_t> source, target, event, kind;
  std::vector<double> weight;
  std::size_t rows() const { return time.size(); }
};

// Throws UsageError for impossible options (e.g. fewer actors than 4 * sites,
// zero months).
GeneratedMovement generate_movement(const GeneratorOptions& options);

}  // namespace movemap
