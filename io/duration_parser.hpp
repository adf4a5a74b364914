// Durations as written on the command line and in Python: a positive whole
// number and a unit: s (seconds), m (minutes), h (hours), d (days), w (weeks),
// M (months, taken as 30 days), y (years, taken as 365 days); "90d", "2w",
// "3M". A bare number is seconds. Calendar months and quarters are window
// schemes of their own (--windows month|quarter), not durations.
#pragma once
#include <string_view>

#include "movemap/types.hpp"

namespace movemap {

// Seconds; throws UsageError naming `what` (e.g. "--window") on bad text.
timestamp parse_duration(std::string_view text, std::string_view what);

}  // namespace movemap
