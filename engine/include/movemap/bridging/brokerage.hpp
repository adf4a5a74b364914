// Gould-Fernandez (1989) brokerage roles, as R's sna::brokerage defines them.
//
// TODO(helper A): state the definitions (open two-paths a -> b -> c with no
// a -> c, a != c; roles from the groups of a, b, c), the group-size null
// (expected counts and standard deviations as sna), the z-scores, and the
// documented treatment of undirected graphs.
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
  // Per group (sna raw.gli / exp.gli / sd.gli / z.gli): index [role][group].
  std::array<std::vector<std::uint64_t>, kBrokerageRoles> group_count;
  std::array<std::vector<double>, kBrokerageRoles> group_expected, group_sd, group_z;
};

// `group`: one group id per node, 0..groups-1 (e.g. role codes).
Brokerage brokerage(const Graph& g, const std::vector<std::uint32_t>& group, std::uint32_t groups,
                    const ProgressCallback& progress = {});

}  // namespace movemap
