// Recruitment cascades: who first brought each actor in, as a forest, with
// each cascade's size, depth and growth over time.
//
// Definition. An actor joins at its first contact (as source or target;
// Network::contacts). Its recruiter is the other party of its first contact
// with an actor who joined strictly earlier than it did: contacts are taken
// in Network::contacts order (time, then log position: pair rows in log
// order, then co-attendance pairs), so among contacts at the same instant
// the earliest in the log wins. Contacts with actors who joined at the same
// instant or later never recruit (two newcomers meeting recruit neither), so
// join times decrease strictly along recruiter links and the links form a
// forest. The recruiting contact may come after the actor joined (its first
// contacts were with other newcomers). Actors with no such contact are
// roots (the founders, and newcomers who only ever met newer actors);
// actors without contacts are in no cascade.
// Direction: by default a contact recruits either way (meeting is enough);
// with follow_direction in a directed network only the source of a contact
// can recruit its target (a referral recruits the person referred).
//
// Per actor: depth (0 for roots), root, subtree size (itself included) and
// height (longest recruiter chain below it; 0 for leaves), and its direct
// recruits. A cascade is a root's subtree; "per champion" cascades are the
// subtrees of chosen actors (cascade_growth).
//
// Cost: two passes over the contacts plus O(n log n) for the forest
// (ordering by join time); O(n) memory. Serial and deterministic.
#pragma once
#include <cstdint>
#include <vector>

#include "movemap/contacts.hpp"
#include "movemap/network.hpp"
#include "movemap/progress.hpp"
#include "movemap/temporal/reach.hpp"
#include "movemap/types.hpp"

namespace movemap {

struct CascadeOptions {
  bool follow_direction = false;  // directed networks only
  ProgressCallback progress;
};

struct Cascades {
  // Per node (kNever / kNone when the actor has no contacts).
  std::vector<timestamp> joined;        // first contact
  std::vector<node_id> recruiter;       // kNone for roots
  std::vector<timestamp> recruited_at;  // time of the recruiting contact; kNever for roots
  std::vector<node_id> root;            // itself for roots
  std::vector<std::uint32_t> depth;     // recruiter links up to the root
  std::vector<std::uint64_t> size;      // subtree size, itself included (0 without contacts)
  std::vector<std::uint32_t> height;    // longest chain of recruits below
  std::vector<std::uint64_t> recruits;  // direct recruits
  std::vector<node_id> roots;           // ascending node id
  // Preorder of the forest (roots ascending, children by join time then
  // node id): node order[i]'s subtree is order[pre[u] .. pre[u] + size[u]).
  std::vector<node_id> order;
  std::vector<std::uint64_t> pre;       // kNone-like max for nodes without contacts
};

Cascades recruitment_cascades(const Contacts& contacts, std::size_t num_nodes, bool directed,
                              const CascadeOptions& options = {});
// The same on a network; UsageError when it has ties but no contacts.
Cascades recruitment_cascades(const Network& net, const CascadeOptions& options = {});

// Growth of the cascades headed by `heads` (any actors: roots, champions):
// size[h][p] = members of head h's subtree (itself included) who joined
// before bounds[p + 1], for the periods [bounds[p], bounds[p+1]) (bounds
// ascending, at least two). joined_in[h][p] = those who joined within
// period p. Cost O(sum of the heads' subtree sizes + periods x heads).
struct CascadeGrowth {
  std::vector<std::vector<std::uint64_t>> size, joined_in;
};
CascadeGrowth cascade_growth(const Cascades& cascades, const std::vector<node_id>& heads,
                             const std::vector<timestamp>& bounds);

}  // namespace movemap
