// The bridging suite as one call, shared by the CLI (`movemap bridging`) and
// the Python module (`Network.bridging`): measure names -> per-actor columns,
// tie columns, group tables and network-level values. A measure exists here
// once; both surfaces only parse options into a BridgingRequest and hand the
// result to the writers / pandas. docs/bridging.md has every convention; the
// kernels' own headers are engine/include/movemap/bridging/*.hpp.
//
// Measure names and what each adds (columns in request order; a name given
// twice runs once):
//   holes            constraint, effective_size, efficiency, hierarchy
//                    (structural_holes.hpp; one kernel run for all four)
//   constraint, effective_size, efficiency, hierarchy
//                    one of those columns alone (still one kernel run)
//   brokerage        per group_by attribute A: integer columns
//                    brokerage_A_<role> for role in coordinator, itinerant,
//                    representative, gatekeeper, liaison, total, and real
//                    columns brokerage_A_<role>_z (sna's z.nli); table
//                    brokerage_A (group-level counts, expected, sd, z)
//   cut_points       is_articulation_point (0/1), cut_off (integer); tie
//                    column is_bridge (0/1); network values bridges,
//                    articulation_points, bicomponents
//   communities      community (integer, 0..count-1 numbered by smallest
//                    member); network values modularity, communities,
//                    community_levels
//   community_roles  participation, within_module_z (of the communities
//                    found; runs communities when not asked for)
//   mixing           table mixing_A per attribute (group_from, group_to,
//                    ties, weight; only cells with at least one tie)
//   assortativity    network value assortativity_A per attribute (NaN when
//                    undefined, as networkx)
//   ei_index         table ei_index_A per attribute (one row per group, then
//                    "(overall)" with the permutation test's expected value
//                    and p-value); network values ei_index_A,
//                    ei_index_A_expected, ei_index_A_p_value
//   key_players      key_player_rank (integer, 1..k in the order chosen, 0
//                    for everyone else); table key_players (rank, id,
//                    fragmentation_after); network values
//                    fragmentation_before, fragmentation_after. Needs k >= 1.
// Default set (empty `measures`): holes, brokerage, cut_points, communities,
// community_roles, mixing, assortativity, ei_index, and key_players when
// key_players > 0.
//
// Groups. Each group_by attribute is an actor-table column (role, site,
// label or any other) or "community" (Louvain's / Leiden's result of this
// run; the word means that even when the actor table has a column of that
// name). Its values become codes 0..g-1 in sorted order of the values
// (numerically for long/double columns and for community, else by byte
// order of the text); actors with no value form one more group, named
// "(missing)", placed last. Empty group_by = "role", plus "site" when the
// actor table has a site column.
//
// Progress: one overall fraction, monotone, ending at exactly 1, each
// measure's share proportional to a rough cost.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "io/node_measures.hpp"
#include "movemap/network.hpp"
#include "movemap/progress.hpp"

namespace movemap {

struct BridgingRequest {
  std::vector<std::string> measures;   // names above; empty = the default set
  std::vector<std::string> group_by;   // attributes; empty = role (+ site when present)
  std::string algorithm = "louvain";   // communities: louvain or leiden
  double resolution = 1.0;             // modularity resolution gamma (> 0)
  std::uint64_t seed = 1;              // communities and the E-I permutation test
  std::uint32_t key_players = 0;       // k
  std::uint32_t permutations = 1000;   // E-I permutation test; 0 = no test
  bool weighted = true;                // holes, communities, community roles
  ProgressCallback progress;           // overall fraction, all measures
};

// One attribute's values as group codes (see "Groups" above).
struct GroupCoding {
  std::string attribute;
  std::vector<std::string> names;      // per code: the value, or "(missing)"
  std::vector<std::uint32_t> code;     // per node
  std::vector<std::uint64_t> sizes;    // actors per code
};

// A small table with typed columns (CSV, JSON and pandas from the same data).
struct TableColumn {
  enum class Kind { text, integer, real };
  std::string name;
  Kind kind = Kind::real;
  std::vector<std::string> text;
  std::vector<std::int64_t> ints;
  std::vector<double> reals;
};

struct GroupTable {
  std::string name;       // file stem: mixing_role, ei_index_site, brokerage_role, key_players
  std::string kind;       // mixing, ei_index, brokerage, key_players
  std::string attribute;  // the group_by attribute ("" for key_players)
  std::size_t rows = 0;
  std::vector<TableColumn> columns;
};

struct BridgingOutput {
  std::vector<std::string> measures;   // the measures run, in order (default set spelled out)
  std::vector<std::string> group_by;   // the attributes used, in order
  std::vector<GroupCoding> groups;     // one per group_by attribute (when a group measure ran)
  NodeMeasures nodes;                  // per-actor columns, in request order
  TieColumns ties;                     // is_bridge
  std::vector<GroupTable> tables;      // in measure order, then attribute order
  std::vector<std::pair<std::string, double>> network;     // network-level values
  std::vector<std::pair<std::string, std::string>> notes;  // run details
};

// All names accepted in BridgingRequest::measures, and the default set
// (without key_players, which joins it when key_players > 0).
const std::vector<std::string>& bridging_measure_names();
const std::vector<std::string>& default_bridging_measures();

// Checks the measure names and option ranges, not the attributes (they need
// the network): UsageError naming the problem. The CLI calls it before
// reading the log.
void check_bridging_request(const BridgingRequest& request);

// The group codes of one attribute (actor-table column; "community" needs
// `community`, one id per node). Throws UsageError for an unknown attribute,
// listing the known ones.
GroupCoding group_coding(const Network& net, const std::string& attribute,
                         const std::vector<std::uint32_t>* community = nullptr);

// Throws UsageError for an unknown measure or attribute or an option out of
// range (all checked before any computation); Cancelled when `progress`
// returns false.
BridgingOutput compute_bridging(const Network& net, const BridgingRequest& request);

// Writes each table as DIR/<name>.csv (atomically); returns the file names.
std::vector<std::string> write_group_tables(const std::string& dir, const BridgingOutput& out);
// DIR/bridging.json: measures, options, group names and sizes, network
// values, notes and every table (as arrays of row objects).
std::string bridging_json(const BridgingOutput& out, const BridgingRequest& request);
void write_bridging_json(const std::string& path, const BridgingOutput& out, const BridgingRequest& request);

}  // namespace movemap
