// Recruitment cascades (movemap/temporal/cascades.hpp): a hand-built log
// whose forest is written out below, and, on random logs, a direct check of
// the definition (recruiter = other party of the first contact, in contact
// order, with someone who joined strictly earlier) and of the tree sums.
#include "movemap/temporal/cascades.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <tuple>

#include "movemap/error.hpp"
#include "movemap/interaction_log.hpp"
#include "movemap/network.hpp"

namespace movemap {
namespace {

// Log (time: X-Y = X -> Y), an actor table adds the isolate I:
//   1: A-B   two newcomers: neither recruits the other
//   2: B-C   C joins at 2; B (joined 1) recruits it ...
//   2: A-C   ... before A, the same instant but later in the log
//   3: C-D   D joins at 3, recruited by C
//   3: E-F   two newcomers
//   4: F-A   F's first contact with an earlier joiner: A recruits F (at 4)
//   5: E-D   E and D both joined at 3: no recruit
//   6: G-G   a self-interaction: G joins, alone
//   7: H-E   H joins at 7, recruited by E
// Forest: B -> C -> D,  A -> F,  E -> H,  G.   I: no contacts.
// Node ids: table order I=0, then first appearance A=1 B=2 C=3 D=4 E=5 F=6 G=7 H=8.
Network example(bool directed) {
  ActorTable t;
  t.ids.intern("I");
  t.attributes = AttributeTable(1);
  t.attributes.column("role").values = {"citizen"};
  InteractionLogBuilder b;
  InteractionBatch x;
  for (const auto& [time, s, g] : std::vector<std::tuple<timestamp, const char*, const char*>>{
           {1, "A", "B"}, {2, "B", "C"}, {2, "A", "C"}, {3, "C", "D"}, {3, "E", "F"},
           {4, "F", "A"}, {5, "E", "D"}, {6, "G", "G"}, {7, "H", "E"}})
    x.push_back(time, s, g, "", "", 1.0);
  b.append(x);
  NetworkOptions o;
  o.directed = directed;
  o.keep_contacts = true;
  return build_network(b.finish(), &t, o);
}

constexpr node_id I = 0, A = 1, B = 2, C = 3, D = 4, E = 5, F = 6, G = 7, H = 8, X = kNone;
constexpr timestamp N = kNever;

TEST(RecruitmentCascades, HandExample) {
  for (const bool directed : {false, true}) {
    const Network net = example(directed);
    ASSERT_EQ(net.actors.name(A), "A");
    ASSERT_EQ(net.actors.name(H), "H");
    const Cascades c = recruitment_cascades(net);  // either way: meeting is enough
    //                                              I  A  B  C  D  E  F  G  H
    EXPECT_EQ(c.joined, (std::vector<timestamp>{N, 1, 1, 2, 3, 3, 3, 6, 7}));
    EXPECT_EQ(c.recruiter, (std::vector<node_id>{X, X, X, B, C, X, A, X, E}));
    EXPECT_EQ(c.recruited_at, (std::vector<timestamp>{N, N, N, 2, 3, N, 4, N, 7}));
    EXPECT_EQ(c.root, (std::vector<node_id>{X, A, B, B, B, E, A, G, E}));
    EXPECT_EQ(c.depth, (std::vector<std::uint32_t>{0, 0, 0, 1, 2, 0, 1, 0, 1}));
    EXPECT_EQ(c.size, (std::vector<std::uint64_t>{0, 2, 3, 2, 1, 2, 1, 1, 1}));
    EXPECT_EQ(c.height, (std::vector<std::uint32_t>{0, 1, 2, 1, 0, 1, 0, 0, 0}));
    EXPECT_EQ(c.recruits, (std::vector<std::uint64_t>{0, 1, 1, 1, 0, 1, 0, 0, 0}));
    EXPECT_EQ(c.roots, (std::vector<node_id>{A, B, E, G}));
    EXPECT_EQ(c.order, (std::vector<node_id>{A, F, B, C, D, E, H, G}));
    EXPECT_EQ(c.pre[F], 1u);
    EXPECT_EQ(c.pre[G], 7u);
  }
}

TEST(RecruitmentCascades, FollowDirection) {
  // Only a contact's source recruits: F -> A and H -> E no longer recruit F and H.
  CascadeOptions o;
  o.follow_direction = true;
  const Cascades c = recruitment_cascades(example(true), o);
  EXPECT_EQ(c.recruiter, (std::vector<node_id>{X, X, X, B, C, X, X, X, X}));
  EXPECT_EQ(c.roots, (std::vector<node_id>{A, B, E, F, G, H}));
  // Ignored in an undirected network.
  EXPECT_EQ(recruitment_cascades(example(false), o).roots, (std::vector<node_id>{A, B, E, G}));
}

TEST(RecruitmentCascades, Growth) {
  const Cascades c = recruitment_cascades(example(false));
  // Periods [0,2) [2,4) [4,8): B's cascade B(1) C(2) D(3); A's A(1) F(3); E's E(3) H(7); C's C(2) D(3).
  const CascadeGrowth g = cascade_growth(c, {B, A, E, C, I}, {0, 2, 4, 8});
  EXPECT_EQ(g.joined_in[0], (std::vector<std::uint64_t>{1, 2, 0}));
  EXPECT_EQ(g.size[0], (std::vector<std::uint64_t>{1, 3, 3}));
  EXPECT_EQ(g.size[1], (std::vector<std::uint64_t>{1, 2, 2}));
  EXPECT_EQ(g.joined_in[2], (std::vector<std::uint64_t>{0, 1, 1}));
  EXPECT_EQ(g.size[2], (std::vector<std::uint64_t>{0, 1, 2}));
  EXPECT_EQ(g.size[3], (std::vector<std::uint64_t>{0, 2, 2}));
  EXPECT_EQ(g.size[4], (std::vector<std::uint64_t>{0, 0, 0}));  // no contacts, no cascade
  // Members who joined before the first period count in every size, in no joined_in.
  const CascadeGrowth late = cascade_growth(c, {B}, {2, 4});
  EXPECT_EQ(late.joined_in[0], (std::vector<std::uint64_t>{2}));
  EXPECT_EQ(late.size[0], (std::vector<std::uint64_t>{3}));
  EXPECT_THROW(cascade_growth(c, {B}, {2}), UsageError);
  EXPECT_THROW(cascade_growth(c, {B}, {4, 2}), UsageError);
  EXPECT_THROW(cascade_growth(c, {99}, {0, 2}), UsageError);
}

TEST(RecruitmentCascades, NeedsContacts) {
  InteractionLogBuilder b;
  InteractionBatch x;
  x.push_back(1, "a", "b", "", "", 1.0);
  b.append(x);
  EXPECT_THROW(recruitment_cascades(build_network(b.finish(), nullptr, NetworkOptions{})), UsageError);
}

TEST(RecruitmentCascades, DefinitionHoldsOnRandomLogs) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 200; ++round) {
    const std::size_t n = 2 + rng() % 20, m = rng() % 80;
    const timestamp span = 1 + static_cast<timestamp>(rng() % 30);
    Contacts c;
    for (std::size_t k = 0; k < m; ++k) {
      c.time.push_back(static_cast<timestamp>(rng() % span));
      c.source.push_back(static_cast<node_id>(rng() % n));
      c.target.push_back(static_cast<node_id>(rng() % n));
    }
    std::vector<std::size_t> idx(m);
    for (std::size_t k = 0; k < m; ++k) idx[k] = k;
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return c.time[a] < c.time[b]; });
    Contacts s;
    for (const auto k : idx) s.time.push_back(c.time[k]), s.source.push_back(c.source[k]), s.target.push_back(c.target[k]);
    const bool directed = rng() % 2 == 0;
    CascadeOptions o;
    o.follow_direction = rng() % 2 == 0;
    const bool both = !directed || !o.follow_direction;
    const Cascades r = recruitment_cascades(s, n, directed, o);
    // joined = minimum contact time of the node.
    for (node_id u = 0; u < n; ++u) {
      timestamp first = kNever;
      for (std::size_t k = 0; k < m; ++k)
        if (s.source[k] == u || s.target[k] == u) first = std::min(first, s.time[k]);
      ASSERT_EQ(r.joined[u], first);
    }
    // recruiter: scan the contacts in order for the first with an earlier joiner.
    for (node_id u = 0; u < n; ++u) {
      node_id want = kNone;
      for (std::size_t k = 0; k < m && want == kNone; ++k) {
        if (s.target[k] == u && r.joined[s.source[k]] < r.joined[u]) want = s.source[k];
        else if (both && s.source[k] == u && r.joined[s.target[k]] < r.joined[u]) want = s.target[k];
      }
      ASSERT_EQ(r.recruiter[u], want) << "round " << round << " node " << u;
    }
    // depth, root, size, height by walking up from every node.
    std::vector<std::uint64_t> size(n, 0);
    std::vector<std::uint32_t> height(n, 0);
    for (node_id u = 0; u < n; ++u) {
      if (r.joined[u] == kNever) continue;
      std::uint32_t d = 0;
      node_id top = u;
      ++size[u];
      while (r.recruiter[top] != kNone) {
        top = r.recruiter[top];
        ++d;
        ++size[top];
        height[top] = std::max(height[top], d);
      }
      EXPECT_EQ(r.depth[u], d);
      EXPECT_EQ(r.root[u], top);
    }
    EXPECT_EQ(r.size, size);
    EXPECT_EQ(r.height, height);
    // Preorder ranges hold exactly the subtree.
    for (node_id u = 0; u < n; ++u) {
      if (r.joined[u] == kNever) continue;
      for (std::uint64_t i = r.pre[u]; i < r.pre[u] + r.size[u]; ++i) {
        node_id v = r.order[i];
        while (v != u && v != kNone) v = r.recruiter[v];
        EXPECT_EQ(v, u);
      }
    }
  }
}

}  // namespace
}  // namespace movemap
