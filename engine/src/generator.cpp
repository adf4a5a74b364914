#include "movemap/generator.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "movemap/error.hpp"

namespace movemap {
namespace {

// xoshiro256** seeded by splitmix64: the same stream on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& x : s_) {
      seed += 0x9e3779b97f4a7c15ull;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
      x = z ^ (z >> 31);
    }
  }
  std::uint64_t next() {
    const std::uint64_t r = rotl(s_[1] * 5, 7) * 9, t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return r;
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }  // bias negligible for our n
  bool chance(double p) { return uniform() < p; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

enum Role { Citizen, Champion, Anchor, Service, kRoles };
const char* const kRoleNames[kRoles] = {"citizen", "champion", "anchor", "service"};
const char kRolePrefix[kRoles] = {'c', 'h', 'a', 's'};

const char* const kSiteNames[] = {"Northfield", "Riverside", "Eastgate",  "Hillcrest", "Westbrook",
                                  "Southmead",  "Oakfield",  "Brookside", "Millbank",  "Ashworth"};
const char* const kFirst[] = {"Aisha", "Ben",     "Chloe",  "Dylan", "Ewa",    "Farah",   "Grace", "Harry",
                              "Imran", "Jade",    "Kwame",  "Leah",  "Mohammed", "Niamh", "Oliver", "Priya",
                              "Zoë",   "Siobhán", "Łukasz", "Aoife", "Chloé",  "José",    "Mária", "Tomás",
                              "Ruth",  "Sam",     "Tariq",  "Una",   "Victor", "Wen",     "Yusuf", "Zara"};
const char* const kLast[] = {"Ahmed", "Brown",   "Clarke", "Davies",   "Evans",   "Fraser",  "Green",
                             "Hughes", "Iqbal",  "Jones",  "Kowalski", "Lewis",   "Murphy",  "Nowak",
                             "O'Brien", "Patel", "Quinn",  "Roberts",  "Singh",   "Taylor",  "Williams",
                             "Nguyễn", "Müller", "Ó Súilleabháin"};
const char* const kAnchorKinds[] = {"NHS Foundation Trust", "City Council", "Housing Association",
                                    "Council for Voluntary Service", "Primary Care Network", "Community Trust"};
const char* const kServiceKinds[] = {"GP Surgery",  "Bread & Butter Foodbank", "Time Bank",  "Health Clinic",
                                     "Library",     "Leisure Centre",          "Pharmacy",   "Citizens Advice",
                                     "Mental Health Café", "Family Hub"};
const char* const kEventKinds[] = {"walk", "workshop", "community-meeting", "coffee-morning", "health-fair"};

enum Kind { Referral, Meeting, Message, Volunteering, Funding, kKinds };
const char* const kKindNames[kKinds] = {"referral", "meeting", "message", "volunteering", "funding"};
const double kKindShare[kKinds] = {0.30, 0.25, 0.25, 0.12, 0.08};

std::string padded(char prefix, std::uint64_t i, int width) {
  std::string d = std::to_string(i);
  return std::string(1, prefix) + std::string(width > static_cast<int>(d.size()) ? width - d.size() : 0, '0') + d;
}

int digits(std::uint64_t n) { return static_cast<int>(std::to_string(std::max<std::uint64_t>(n, 1)).size()); }

}  // namespace

GeneratedMovement generate_movement(const GeneratorOptions& o) {
  if (o.sites == 0) throw UsageError("generate: --sites must be at least 1");
  if (o.months == 0) throw UsageError("generate: --months must be at least 1");
  if (o.interactions == 0) throw UsageError("generate: --interactions must be at least 1");
  if (o.actors < 4ull * o.sites)
    throw UsageError("generate: --actors must be at least 4 per site (one of each role), i.e. " +
                     std::to_string(4ull * o.sites));
  if (!(o.attendance_share >= 0 && o.attendance_share < 1))
    throw UsageError("generate: --attendance-share must be in [0, 1)");
  if (o.actors > 4'000'000'000ull) throw UsageError("generate: --actors must be below 4e9");

  Rng rng(o.seed);
  GeneratedMovement g;
  const double period = o.months * 30.436875 * 86400.0;  // average Gregorian month
  const std::uint32_t S = o.sites;

  // --- actors: at least one of each role per site, then by share.
  const std::uint64_t n = o.actors;
  std::vector<Role> role(n);
  std::vector<std::uint32_t> site(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    site[i] = static_cast<std::uint32_t>(i % S);
    if (i < 4ull * S) {
      role[i] = static_cast<Role>(i / S);
      continue;
    }
    const double u = rng.uniform();
    role[i] = u < 0.80 ? Citizen : u < 0.88 ? Champion : u < 0.92 ? Anchor : Service;
  }
  std::uint64_t per_role[kRoles] = {};
  for (const Role r : role) ++per_role[r];
  std::uint64_t seen_role[kRoles] = {};
  g.actors.resize(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    GeneratedActor& a = g.actors[i];
    const Role r = role[i];
    a.id = padded(kRolePrefix[r], ++seen_role[r], std::max(4, digits(per_role[r])));
    a.role = kRoleNames[r];
    a.site = S <= std::size(kSiteNames) ? kSiteNames[site[i]] : "Site " + std::to_string(site[i] + 1);
    if (r == Citizen || r == Champion) {
      a.label = std::string(kFirst[rng.below(std::size(kFirst))]) + " " + kLast[rng.below(std::size(kLast))];
    } else {
      const char* kind = r == Anchor ? kAnchorKinds[rng.below(std::size(kAnchorKinds))]
                                     : kServiceKinds[rng.below(std::size(kServiceKinds))];
      a.label = a.site + " " + kind + " (" + a.id + ")";
    }
    // Organisations are there from the start; champions join early; citizens
    // arrive at a rate growing with time (density ~ t: the movement builds).
    double f = 0;
    if (r == Champion) f = 0.5 * rng.uniform();
    else if (r == Citizen) f = 0.95 * std::sqrt(rng.uniform());
    a.joined = o.start + static_cast<timestamp>(f * period);
  }

  // Eligible actors per (site, role), sorted by joining time, so "joined
  // before t" is a prefix found by binary search.
  std::vector<std::vector<std::uint32_t>> pool(S * kRoles);
  for (std::uint64_t i = 0; i < n; ++i) pool[site[i] * kRoles + role[i]].push_back(static_cast<std::uint32_t>(i));
  for (auto& p : pool)
    std::stable_sort(p.begin(), p.end(), [&](std::uint32_t a, std::uint32_t b) { return g.actors[a].joined < g.actors[b].joined; });
  auto joined_by = [&](const std::vector<std::uint32_t>& p, timestamp t) {
    return static_cast<std::uint64_t>(
        std::upper_bound(p.begin(), p.end(), t, [&](timestamp x, std::uint32_t a) { return x < g.actors[a].joined; }) -
        p.begin());
  };
  // A member of (site, role) who had joined by t: uniform, or (half the
  // time) the earlier of two draws, favouring long-standing, popular actors.
  auto pick = [&](std::uint32_t s, Role r, timestamp t) -> std::int64_t {
    const auto& p = pool[s * kRoles + r];
    const std::uint64_t k = joined_by(p, t);
    if (k == 0) return -1;
    std::uint64_t i = rng.below(k);
    if (rng.chance(0.5)) i = std::min(i, rng.below(k));
    return p[i];
  };
  // Recent partners: a small ring per actor, so ties repeat.
  constexpr int kRing = 4;
  std::vector<std::uint32_t> ring(n * kRing, kNone);
  std::vector<std::uint8_t> ring_pos(n, 0);
  auto remember = [&](std::uint32_t a, std::uint32_t b) {
    ring[a * kRing + ring_pos[a]] = b;
    ring_pos[a] = static_cast<std::uint8_t>((ring_pos[a] + 1) % kRing);
  };
  auto time_at = [&](double u) { return o.start + static_cast<timestamp>(period * std::sqrt(u)); };

  for (const char* k : kKindNames) g.kinds.emplace_back(k);
  for (const char* k : kEventKinds) g.kinds.emplace_back(k);
  const auto attendance_rows = static_cast<std::uint64_t>(std::llround(o.interactions * o.attendance_share));
  const std::uint64_t pair_rows = o.interactions - attendance_rows;
  g.time.reserve(o.interactions);
  g.source.reserve(o.interactions);
  g.target.reserve(o.interactions);
  g.event.reserve(o.interactions);
  g.kind.reserve(o.interactions);
  g.weight.reserve(o.interactions);
  auto emit = [&](timestamp t, std::uint32_t s, std::uint32_t tg, std::uint32_t ev, std::uint32_t k, double w) {
    g.time.push_back(t);
    g.source.push_back(s);
    g.target.push_back(tg);
    g.event.push_back(ev);
    g.kind.push_back(k);
    g.weight.push_back(w);
  };

  // --- pair interactions.
  for (std::uint64_t made = 0; made < pair_rows;) {
    const timestamp t = time_at(rng.uniform());
    double u = rng.uniform();
    int kind = 0;
    while (kind < kKinds - 1 && u >= kKindShare[kind]) u -= kKindShare[kind++];
    const std::uint32_t s = static_cast<std::uint32_t>(rng.below(S));
    const std::uint32_t s2 = rng.chance(0.1) && S > 1 ? static_cast<std::uint32_t>((s + 1 + rng.below(S - 1)) % S) : s;
    Role from, to;
    switch (kind) {
      case Referral: from = rng.chance(0.7) ? Citizen : Champion; to = Service; break;
      case Meeting: {
        const Role org[] = {Champion, Anchor, Service};
        from = org[rng.below(3)];
        to = org[rng.below(3)];
        break;
      }
      case Message: from = rng.chance(0.6) ? Citizen : Champion; to = rng.chance(0.6) ? Champion : Citizen; break;
      case Volunteering: from = Citizen; to = rng.chance(0.5) ? Anchor : Champion; break;
      default: from = Anchor; to = rng.chance(0.7) ? Champion : Anchor; break;
    }
    const std::int64_t a = pick(s, from, t);
    if (a < 0) continue;
    std::int64_t b = -1;
    const std::uint32_t recent = ring[a * kRing + rng.below(kRing)];
    if (recent != kNone && rng.chance(0.45) && g.actors[recent].joined <= t) b = recent;
    else b = pick(s2, to, t);
    if (b < 0 || b == a) continue;
    double w = 1.0;
    if (kind == Meeting) w = 0.5 * static_cast<double>(1 + rng.below(6));       // hours
    else if (kind == Volunteering) w = static_cast<double>(1 + rng.below(4));  // hours
    else if (kind == Funding) w = 0.5 * static_cast<double>(1 + rng.below(10)); // thousands of pounds
    emit(t, static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b), kNone,
         static_cast<std::uint32_t>(kind), w);
    remember(static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b));
    remember(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(a));
    ++made;
  }

  // --- group events: sizes 3 to 30 (mean about 7), numbered in time order.
  if (attendance_rows > 0) {
    std::vector<std::pair<timestamp, std::uint32_t>> events;  // (time, site)
    std::vector<std::uint32_t> sizes;
    std::uint64_t planned = 0;
    while (planned < attendance_rows) {
      std::uint32_t k = 3;
      while (k < 30 && rng.chance(0.8)) ++k;
      k = static_cast<std::uint32_t>(std::min<std::uint64_t>(k, attendance_rows - planned));
      // Events happen in daytime: 09:00 to 19:00.
      const timestamp day = (time_at(rng.uniform()) - o.start) / 86400 * 86400 + o.start;
      events.emplace_back(day + 9 * 3600 + static_cast<timestamp>(rng.below(10)) * 3600,
                          static_cast<std::uint32_t>(rng.below(S)));
      sizes.push_back(k);
      planned += k;
    }
    std::vector<std::uint32_t> order(events.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return events[a].first < events[b].first; });
    std::vector<std::uint32_t> per_site(S, 0);
    std::vector<std::uint32_t> members;
    for (const std::uint32_t e : order) {
      const auto [t, s] = events[e];
      const std::string site_name = g.actors[s].site;  // actor s is in site s (first 4*S actors)
      const std::uint32_t ev = static_cast<std::uint32_t>(g.events.size());
      char num[16];
      std::snprintf(num, sizeof num, "%05u", ++per_site[s]);
      g.events.push_back("ev-" + site_name + "-" + num);
      const std::uint32_t kind = static_cast<std::uint32_t>(kKinds + rng.below(std::size(kEventKinds)));
      members.clear();
      for (std::uint32_t tries = 0; members.size() < sizes[e] && tries < sizes[e] * 8; ++tries) {
        const double u = rng.uniform();
        const Role r = u < 0.70 ? Citizen : u < 0.90 ? Champion : u < 0.95 ? Anchor : Service;
        const std::int64_t a = pick(s, r, t);
        if (a < 0 || std::find(members.begin(), members.end(), a) != members.end()) continue;
        members.push_back(static_cast<std::uint32_t>(a));
      }
      // An event that found too few people still records the rows it
      // planned: the last attendee signs in again (a repeat row, counted
      // once in the bipartite form) so the row count stays exact.
      if (members.empty()) members.push_back(static_cast<std::uint32_t>(pool[s * kRoles + Anchor].front()));
      for (std::uint32_t i = 0; i < sizes[e]; ++i) {
        const std::uint32_t a = members[std::min<std::size_t>(i, members.size() - 1)];
        emit(t + static_cast<timestamp>(rng.below(30)) * 60, a, kNone, ev, kind, 1.0);
      }
    }
  }

  // --- rows in time order (stable: generation order breaks ties).
  const std::size_t R = g.time.size();
  std::vector<std::uint32_t> perm(R);
  std::iota(perm.begin(), perm.end(), 0);
  std::stable_sort(perm.begin(), perm.end(), [&](std::uint32_t a, std::uint32_t b) { return g.time[a] < g.time[b]; });
  auto permute = [&](auto& v) {
    std::remove_reference_t<decltype(v)> out(v.size());
    for (std::size_t i = 0; i < R; ++i) out[i] = v[perm[i]];
    v.swap(out);
  };
  permute(g.time);
  permute(g.source);
  permute(g.target);
  permute(g.event);
  permute(g.kind);
  permute(g.weight);
  return g;
}

}  // namespace movemap
