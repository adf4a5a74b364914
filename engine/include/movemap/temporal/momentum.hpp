// Momentum: is the movement growing, holding, rippling out? The per-window
// indicators (indicators.hpp) with growth, acceleration and a smoothed
// momentum index, arrival cohorts with their retention curves, node
// trajectories with ranks, rising actors and a window-sensitivity check
// (trajectories.hpp), in one call.
//
// Momentum columns added to the per-window table (k = window index, A_k =
// active actors, N_k new, R_k reactivated, L_k lapsed, U_k = retained):
//   growth_rate   g_k = (A_k - A_{k-1}) / A_{k-1}; NaN for k = 0 or A_{k-1} = 0
//   acceleration  a_k = g_k - g_{k-1}; NaN when either is NaN
//   net_inflow    x_k = (N_k + R_k - L_k) / (A_k + L_k), the net inflow as a
//                 share of everyone active in this or the previous window
//                 (A_k + L_k = |A_k union A_{k-1}|), in [-1, 1]; 0 when both
//                 windows are empty. Window 0: x_0 = 1 when any actor is active.
//   momentum      m_0 = x_0, m_k = alpha x_k + (1 - alpha) m_{k-1},
//                 alpha = 2 / (span + 1) (an exponentially weighted moving
//                 average: pandas x.ewm(span=span, adjust=False).mean());
//                 span = 3 windows by default (alpha = 0.5).
// Cohorts: an actor's cohort is the calendar month (UTC) of its first
// activity (contact or attendance); for cohort month c and k = 0, 1, ...
// up to the month of the last activity, active = the members with any
// activity in month c + k, share = active / size (share at k = 0 is 1).
// Independent of the window options (the lapse is not applied).
// Role transitions (a citizen who becomes a champion): with a role-change
// table (role_changes.hpp) the windows table has a role_changes column and
// WindowIndicators::transitions the changes per window and type
// (role_transitions.hpp); the by-role counts use each window's end roles;
// MomentumResult::role_cohorts follows each month's changers like the
// arrival cohorts.
// Cost: window_indicators plus O(contacts + attendances + actors * months)
// for cohorts and O(windows * actors log actors) for ranks.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "movemap/network.hpp"
#include "movemap/temporal/indicators.hpp"
#include "movemap/temporal/trajectories.hpp"

namespace movemap {

struct MomentumOptions {
  IndicatorOptions indicators;  // windows, node measures, progress
  double span = 3;              // EWMA span in windows (>= 1)
  std::size_t rising_top = 20;  // rising actors per measure
  // Widths for the window-sensitivity check (empty = no check; needs
  // node measures).
  std::vector<timestamp> sensitivity_widths;
};

struct Cohorts {
  std::vector<timestamp> cohort;           // start of the cohort's month
  std::vector<std::uint64_t> size;         // actors in the cohort
  std::vector<std::uint32_t> months_since; // k
  std::vector<std::uint64_t> active;       // members active in month c + k
  std::vector<double> share;               // active / size
};

struct MomentumResult {
  WindowIndicators windows;          // overall table with the momentum columns added
  std::vector<std::uint32_t> ranks;  // one per windows.nodes row (trajectories.hpp)
  RisingActors rising;
  WindowSensitivity sensitivity;
  Cohorts cohorts;
  RoleCohorts role_cohorts;          // empty without role changes (role_transitions.hpp)
};

// Adds growth_rate, acceleration, net_inflow and momentum to `table`
// (which must have active, new, reactivated, lapsed). Throws UsageError for
// span < 1.
void add_momentum_columns(SeriesTable& table, double span);

Cohorts arrival_cohorts(const Network& net);

MomentumResult momentum(const Network& net, const MomentumOptions& options);

}  // namespace movemap
