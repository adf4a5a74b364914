// JSON outputs (RapidJSON), written atomically.
#pragma once
#include <string>

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
std::string summary_json(const NetworkSummary& summary, const ReadStats& log_stats,
                         const CentralityOutput* centrality = nullptr, const CentralityRequest* request = nullptr);
void write_summary_json(const std::string& path, const NetworkSummary& summary, const ReadStats& log_stats,
                        const CentralityOutput* centrality = nullptr, const CentralityRequest* request = nullptr);

}  // namespace movemap
