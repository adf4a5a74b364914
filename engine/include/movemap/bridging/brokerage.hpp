// Gould-Fernandez (1989) brokerage roles, as R's sna::brokerage defines them
// (sna 2.x, R/brokerage in gli.R and brokerage_R in src/gli.c).
//
// Counts. A brokered two-path is an ordered triple a -> b -> c of distinct
// nodes with arcs a -> b and b -> c and NO arc a -> c (an arc c -> a does
// not matter). The broker b gets one role from the groups of a, b, c
// (sna's classification, in this order):
//   coordinator    w_I   a, b, c all in one group
//   representative b_IO  b with a, c elsewhere       (a b | c)
//   gatekeeper     b_OI  b with c, a elsewhere       (a | b c)
//   itinerant      w_O   a with c, b elsewhere       (b | a c)
//   liaison        b_O   a, b, c in three groups
// count[role][b] is the number of such two-paths through b; total[b] their
// sum (sna's column t). Self-loops are ignored. Ties are unweighted (a tie
// is an arc; weights and counts play no part).
// Undirected graphs: each tie is two arcs (as sna does with a symmetric
// network), so a - b - c with a, c not adjacent counts twice, as a -> b -> c
// and c -> b -> a: coordinator, itinerant and liaison counts are even, and
// every node's representative count equals its gatekeeper count.
//
// Null model (sna's, Gould and Fernandez 1989): a random digraph with the
// observed density d = arcs / (N (N - 1)), N nodes, arcs = directed ties
// without self-loops (undirected: 2 x ties without self-loops; sna counts
// self-loop rows in its edge list, the only difference), group sizes
// n_1..n_G fixed. With p = d^2 (1 - d), a3 = d^3 (1-d)^3, a4 = d^4 (1-d)^2,
// a5 = d^5 (1-d), C(x,2) = x(x-1)/2, and for a broker in group i
// (n = n_i, sums over groups j != i):
//   w_I : E = p (n-1)(n-2);        V = E(1-p) + 2 (n-1)(n-2)(n-3) a3
//   w_O : E = p sum n_j(n_j-1);    V = E(1-p) + 2 sum n_j(n_j-1)(n_j-2) a3
//   b_IO, b_OI: E = p (N-n)(n-1);  V = E(1-p) + 2 ((n-1) C(N-n,2) + (N-n) C(n-1,2)) a3
//   b_O : E = p ((N-n)^2 - sum n_j^2);  V = E(1-p) + 4 sum n_j C(N-n_j-n,2) a3
//   t   : E = p (N-1)(N-2);        V = E(1-p) + 2 (N-1)(N-2)(N-3) a3
// expected = E, sd = sqrt(V), z = (count - E) / sd, per node (sna exp.nli,
// sd.nli, z.nli; exp.grp and sd.grp are these values by group). z follows
// IEEE arithmetic as R does: 0/0 = NaN (e.g. a group of one has E = V = 0
// for w_I), x/0 = +-inf.
//
// Whole network (sna raw.gli / exp.gli / sd.gli / z.gli): global_* below,
// index 0..4 the roles and 5 the total, with sna's moments, e.g.
//   w_I: E = p sum n(n-1)(n-2),
//        V = E(1-p) + sum n(n-1)(n-2) ((4n-10) a3 - 4(n-3) a4 + (n-3) a5);
// the other roles likewise (the code transcribes sna's formulas; sna's
// O(G^3) triple loop for b_O is summed in closed form with power sums).
// The integer combinatorial factors are computed exactly in 128-bit
// integers, then multiplied by the d-polynomials in double.
//
// Per group (movemap's addition; sna reports only the per-broker moments by
// group): group_count[role][g] = sum of count over the brokers in g;
// group_expected = n_g x the per-broker E (exact, by linearity). group_sd and
// group_z are exact for coordinator, representative and gatekeeper: two-paths
// brokered by different groups then share no ordered pair, so the variance
// is sna's global variance restricted to the group's own term. For
// itinerant, liaison and the total, brokers of different groups share
// dyads (covariances not derived): group_sd, group_z are NaN there.
//
// Cost: O(n + m + sum_a outdeg(a)^2) time (for every arc a -> b, the
// successors of a are checked against a per-thread marker of the
// successors of b), O(n + G) scratch per thread. Parallel over brokers;
// counts are integers, moments computed serially: results are identical
// for any number of threads.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "movemap/graph.hpp"
#include "movemap/progress.hpp"

namespace movemap {

// In sna's column order: w_I, w_O, b_IO, b_OI, b_O.
enum class BrokerageRole : int { coordinator = 0, itinerant = 1, representative = 2, gatekeeper = 3, liaison = 4 };
inline constexpr int kBrokerageRoles = 5;
const char* to_string(BrokerageRole role);  // "coordinator", "itinerant", ...

struct Brokerage {
  // Per node (sna raw.nli / exp.nli / sd.nli / z.nli): index [role][node];
  // total = sum over roles (sna's column t).
  std::array<std::vector<std::uint64_t>, kBrokerageRoles> count;
  std::vector<std::uint64_t> total;
  std::array<std::vector<double>, kBrokerageRoles> expected, sd, z;
  std::vector<double> expected_total, sd_total, z_total;
  // Per group (see above): index [role][group].
  std::array<std::vector<std::uint64_t>, kBrokerageRoles> group_count;
  std::array<std::vector<double>, kBrokerageRoles> group_expected, group_sd, group_z;
  // Whole network (sna raw.gli / exp.gli / sd.gli / z.gli): index role, 5 = total.
  std::array<std::uint64_t, kBrokerageRoles + 1> global_count{};
  std::array<double, kBrokerageRoles + 1> global_expected{}, global_sd{}, global_z{};
  double density = 0;  // d of the null model
};

// `group`: one group id per node, 0..groups-1 (e.g. role codes); UsageError
// if the sizes differ or an id is out of range.
Brokerage brokerage(const Graph& g, const std::vector<std::uint32_t>& group, std::uint32_t groups,
                    const ProgressCallback& progress = {});

}  // namespace movemap
