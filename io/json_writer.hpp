// JSON outputs (RapidJSON), written atomically.
#pragma once
#include <string>

#include "io/interaction_log_reader.hpp"
#include "movemap/structure/summary.hpp"

namespace movemap {

// The run summary: input accounting (rows read = accepted + rejected), the
// network summary and counts by role. Non-finite numbers are written null.
std::string summary_json(const NetworkSummary& summary, const ReadStats& log_stats);
void write_summary_json(const std::string& path, const NetworkSummary& summary,
                        const ReadStats& log_stats);

}  // namespace movemap
