// Timestamps: ISO 8601 dates and date-times, or Unix seconds.
//
// Accepted forms (stored as UTC seconds since 1970-01-01T00:00:00Z):
//   2024-03-01                      midnight UTC
//   2024-03-01T09:30  09:30:15  09:30:15.250   ('T' or one space)
//   ... followed by Z, +01:00, -0500 or +01 (offsets honoured)
//   1709285400  -86400              Unix seconds (an optional sign, digits)
// A date-time without offset is taken as UTC. Fractions of a second are
// truncated toward the start of the second. Years 0001-9999. Spaces around
// the value are ignored. Anything else (month 13, 30 February, 25:00,
// trailing text, a 60th second) is rejected with a reason.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "movemap/calendar.hpp"  // days_from_civil, civil_from_days (used with the parser)
#include "movemap/types.hpp"

namespace movemap {

// The value, or nullopt with the reason in *why (when given).
std::optional<timestamp> parse_timestamp(std::string_view text, std::string* why = nullptr);

// "2024-03-01T09:30:00Z".
std::string format_timestamp(timestamp t);
// Appends the same form to `out` (no allocation when out has capacity).
void append_timestamp(std::string& out, timestamp t);


}  // namespace movemap
