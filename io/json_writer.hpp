// JSON outputs (RapidJSON), written atomically.
#pragma once
#include <string>

#include "io/group_suppression.hpp"
#include "io/interaction_log_reader.hpp"
#include "movemap/structure/summary.hpp"

namespace movemap {

struct CentralityRequest;
struct CentralityOutput;

// The run summary: input accounting (rows read = accepted + rejected), the
// network summary and counts by role. Non-finite numbers are written null.
// With `centrality` and the `request` that produced it (movemap centrality),
// a "centrality" object follows: "measures" (the measures run), "options"
// (every option of the request; seeds as given), "network" (the network-level
// values) and "notes" (numbers where the note is a number, else text).
//
// `min_group_size` K > 0 (--min-group-size): actors.by_role goes through
// suppress_small_groups (group_suppression.hpp): a role with fewer than K
// actors (and, if it is the only one, the next smallest) is written null,
// listed in actors.by_role_suppressed, and actors.min_group_size = K. K = 0
// writes neither key (the output of earlier versions).
std::string summary_json(const NetworkSummary& summary, const ReadStats& log_stats,
                         const CentralityOutput* centrality = nullptr, const CentralityRequest* request = nullptr,
                         std::uint64_t min_group_size = 0);
void write_summary_json(const std::string& path, const NetworkSummary& summary, const ReadStats& log_stats,
                        const CentralityOutput* centrality = nullptr, const CentralityRequest* request = nullptr,
                        std::uint64_t min_group_size = 0);

// The actors-by-role counts as a group table (no value cells), small groups
// suppressed for K = min_group_size.
GroupTable actors_by_role_table(const NetworkSummary& summary, std::uint64_t min_group_size);

}  // namespace movemap
