// Time windows over a network's contacts, maintained incrementally.
//
// Schemes (all bounds in UTC seconds, every window half-open [start, end)):
//  - Sliding, K = floor((t1 - t0) / step) + 1 windows (t0, t1 = the first
//    and last activity), anchored at the end (default, WindowAnchor::End):
//    window k is [e_k - width, e_k) with e_k = t1 + 1 - (K-1-k)*step, so the
//    last window ends just after the last activity and is complete (no
//    trailing window half past the end of the log that would show an
//    artificial drop), and the first one's end is > t0. Anchored at the
//    start (WindowAnchor::Start): [t0 + k*step, t0 + k*step + width), the
//    last one containing t1. step == width gives tumbling windows; step >
//    width leaves gaps (activity in a gap belongs to no window).
//  - Month / Quarter: calendar months / quarters (UTC), from the one holding
//    the first activity to the one holding the last.
//  - Cumulative: [t0, t0 + (k+1)*step): everything up to the window end,
//    ends on the step grid until an end passes the last activity.
// Activity = a contact (Network::contacts: both endpoints active at its
// time) or an attendance (Network::attendance: the person active at the
// first time they attended that event, even without a co-attendee).
//
// Fading. A lapse period L >= 0 keeps every actor and tie present for L
// after each of its contacts (present at time x when it had a contact in
// [x - L, x]): window [s, e) then sees the activity timestamped in
// [s - L, e) (its "range"). A tie unseen for more than L is gone. L = 0: the
// window sees its own activity only. A half-life h > 0 weights each contact
// by 2^(-(e - t) / h) at the window end e (tie weight = sum over the
// contacts in range); presence is unchanged.
//
// Incremental maintenance (WindowSweep): the contacts in the current range
// are contacts[lo, hi) of the time-ordered array; moving to the next window
// adds the contacts entering (hi advances to the new end) and removes those
// leaving (lo advances to the new range start), updating per-tie counts and
// weight sums and per-actor activity counts; a tie / actor is present while
// its count is > 0 (kept as bitmaps). Ranges must not move backwards (every
// scheme above has non-decreasing starts and ends). Cost over a whole
// sweep: O(contacts + attendances) updates plus O((ties + actors) / 64)
// per window for the bitmaps. Weight sums add and subtract doubles, so with
// non-integer weights a tie's window weight may differ from a fresh sum in
// the last bits (a tie's weight is reset to exactly 0 when it leaves); with
// a half-life the weights are recomputed from the range's contacts (O(range)
// per window), exactly.
// Deterministic: sequential, in contact order.
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"
#include "movemap/network.hpp"
#include "movemap/types.hpp"

namespace movemap {

enum class WindowScheme { Sliding, Month, Quarter, Cumulative };
enum class WindowAnchor { End, Start };

struct WindowOptions {
  WindowScheme scheme = WindowScheme::Sliding;
  timestamp width = 90 * 86400;  // Sliding
  timestamp step = 30 * 86400;   // Sliding and Cumulative
  WindowAnchor anchor = WindowAnchor::End;  // Sliding
  timestamp lapse = 0;           // L, seconds (0 = none)
  double half_life = 0;          // h, seconds (0 = no decay)
};

struct Window {
  timestamp start = 0, end = 0;  // [start, end)
  timestamp range_start = 0;     // start - lapse: first activity time seen
};

// Throws UsageError for a width or step <= 0 (Sliding / Cumulative), a
// negative lapse, or a negative / non-finite half-life. No windows when
// first > last.
std::vector<Window> make_windows(timestamp first, timestamp last, const WindowOptions& options);

// Calendar month (UTC) of t as year * 12 + (month - 1), and that month's
// first second.
long long utc_month(timestamp t);
timestamp utc_month_start(long long month);

// First and last activity time of the network (contacts and attendance);
// {1, 0} (first > last) when there is none.
std::pair<timestamp, timestamp> activity_span(const Network& net);

// Attendance incidences as a time-ordered activity stream (person, time),
// ties in time broken by (event, person) order.
struct ActivityStream {
  std::vector<timestamp> time;
  std::vector<node_id> actor;
};
ActivityStream attendance_stream(const Network& net);

// Bit set with word access.
struct Bitmap {
  std::vector<std::uint64_t> words;
  void resize(std::size_t n) { words.assign((n + 63) / 64, 0); }
  bool test(std::size_t i) const { return (words[i >> 6] >> (i & 63)) & 1u; }
  void set(std::size_t i) { words[i >> 6] |= std::uint64_t{1} << (i & 63); }
  void reset(std::size_t i) { words[i >> 6] &= ~(std::uint64_t{1} << (i & 63)); }
};

class WindowSweep {
 public:
  // `net` must outlive the sweep; its contacts are required unless the
  // network has no ties (throws UsageError when ties exist but contacts were
  // not kept: NetworkOptions::keep_contacts).
  WindowSweep(const Network& net, const WindowOptions& options);

  // Moves to window w (its range must not start or end before the current one's).
  void advance(const Window& w);

  const Bitmap& tie_present() const { return tie_present_; }
  const Bitmap& actor_present() const { return actor_present_; }
  const std::vector<std::uint32_t>& tie_count() const { return tie_count_; }  // contacts in range
  const std::vector<double>& tie_weight() const { return tie_weight_; }       // (decayed) weight in range
  std::uint64_t ties_present() const { return ties_present_; }
  std::uint64_t actors_present() const { return actors_present_; }
  // The ties / actors whose presence flipped during the last advance(), in
  // the order it happened (one that left and came back within that advance
  // is listed twice, and is present as before). Lets a consumer update its
  // own per-window state in O(changes) rather than scanning the bitmaps.
  const std::vector<edge_id>& ties_flipped() const { return ties_flipped_; }
  const std::vector<node_id>& actors_flipped() const { return actors_flipped_; }

 private:
  void add_actor(node_id a);
  void remove_actor(node_id a);

  const Network& net_;
  WindowOptions options_;
  ActivityStream attendance_;
  std::size_t lo_ = 0, hi_ = 0, alo_ = 0, ahi_ = 0;  // contacts / attendance in range
  std::vector<std::uint32_t> tie_count_, actor_count_;
  std::vector<double> tie_weight_;
  Bitmap tie_present_, actor_present_;
  std::uint64_t ties_present_ = 0, actors_present_ = 0;
  std::vector<edge_id> ties_flipped_;
  std::vector<node_id> actors_flipped_;
};

// The graph of one window: the present actors (renumbered 0..n_w-1 in
// global node order) and the present ties (tie table in global tie order,
// so sorted by (source, target)), weights = window weights, count = contacts
// in range, first_seen / last_seen = the global tie's, no kinds.
struct WindowGraph {
  Graph graph;
  std::vector<node_id> actor;  // local node -> global node
  std::vector<edge_id> tie;    // local tie -> global tie
};
// tie_details = false skips the tie table's count, first_seen, last_seen
// and kind_offsets (left empty: such a graph does not validate()), which no
// node measure or structure kernel reads; window_indicators builds its 100s
// of window graphs that way (a third less memory traffic per window).
WindowGraph window_graph(const Network& net, const WindowSweep& sweep, bool tie_details = true);

}  // namespace movemap
