#include "movemap/generator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "movemap/error.hpp"

// Reproducibility: every random draw comes from our own xoshiro256** stream,
// and the only floating-point operations whose results feed the output are
// comparisons of exact uniforms, single products (no a*b+c that a compiler
// could fuse) and floor. No libm transcendental function is called, so the
// output is the same bytes with any standard library, compiler or CPU.
//
// The movement is generated day by day in time order: actors joining on day d
// become available on day d (joined = midnight of that day), rows of day d are
// generated, sorted by (second of day, generation order) and appended. Partner
// choice therefore only ever sees actors who have joined, and "recent
// partners" are really recent.

namespace movemap {
namespace {

__extension__ typedef unsigned __int128 uint128;  // GCC and Clang on 64-bit targets

// xoshiro256** seeded by splitmix64.
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
  // Uniform in [0, 1) with 53 random bits (exact, so comparisons are portable).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  // Uniform integer in [0, n): Lemire's multiply-high (bias < n / 2^64).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<uint128>(next()) * n) >> 64);
  }
  // Index into a table of cumulative probabilities (last entry 1).
  template <std::size_t N>
  int choose(const double (&cumulative)[N]) {
    const double u = uniform();
    int i = 0;
    while (i + 1 < static_cast<int>(N) && u >= cumulative[i]) ++i;
    return i;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// ---- vocabulary -------------------------------------------------------------

enum Role : std::uint8_t { Citizen, Champion, Anchor, Service, kRoles };
constexpr const char* kRoleNames[kRoles] = {"citizen", "champion", "anchor", "service"};
constexpr char kRolePrefix[kRoles] = {'c', 'h', 'a', 's'};
// Actors are laid out organisations first, then champions, then citizens.
constexpr Role kRoleOrder[kRoles] = {Anchor, Service, Champion, Citizen};

constexpr const char* kSiteNames[] = {
    "Northfield", "Riverside", "Eastgate",  "Hillcrest",   "Westbrook", "Southmead",  "Oakfield",
    "Brookside",  "Millbank",  "Ashworth",  "Moorside",    "Fairfield", "Castlefields", "Greenhill",
    "Harbourside", "Meadowbank", "Stonebridge", "Parkhill", "Woodhouse", "Kingsmead"};

constexpr const char* kFirstNames[] = {
    "Aisha", "Ben",    "Chloe", "Dylan",  "Ewa",     "Farah",   "Grace",  "Harry",    "Imran",  "Jade",
    "Kwame", "Leah",   "Mohammed", "Niamh", "Oliver", "Priya",  "Ruth",   "Sam",      "Tariq",  "Una",
    "Victor", "Wen",   "Yusuf", "Zara",   "Joan",    "Delroy",  "Fatima", "Gareth",   "Hannah", "Kevin",
    "Zoë",   "Siobhán", "Łukasz", "Aoife", "Chloé",  "José",    "Mária",  "Tomás",    "Seán",   "Oisín",
    "Renée", "Agnieszka", "Björn", "Ngozi", "Dương",  "Ayşe",    "Małgorzata", "Ciarán"};
constexpr const char* kLastNames[] = {
    "Ahmed",   "Brown",    "Clarke",  "Davies", "Evans",   "Fraser", "Green",  "Hughes", "Iqbal",
    "Jones",   "Kowalski", "Lewis",   "Murphy", "Nowak",   "Patel",  "Quinn",  "Roberts", "Singh",
    "Taylor",  "Williams", "Wilson",  "Begum",  "Okafor",  "Mensah", "Khan",   "Smith",  "Thomas",
    "O'Brien", "O'Connor", "D'Souza", "Nguyễn", "Müller",  "Ó Súilleabháin", "Łęcka", "Yılmaz", "Kovačević"};
// Organisation names; "{}" is replaced by the site name.
constexpr const char* kAnchorNames[] = {
    "{} City Council",          "{} NHS Foundation Trust",    "{} Housing Association",
    "{} Council for Voluntary Service", "{} Primary Care Network", "{} Community Trust",
    "{} Public Health Team",    "{} Mosque & Community Centre", "St Mary's Church, {}",
    "{} Tenants' Association"};
constexpr const char* kServiceNames[] = {
    "Bread & Butter Foodbank, {}", "{} Time Bank",        "{} Medical Practice",   "{} Health Clinic",
    "Citizens Advice {}",          "{} Library",          "{} Leisure Centre",     "{} Pharmacy",
    "Mind in {}",                  "{} Family Hub",       "{} Men's Shed",         "{} Community Kitchen",
    "Age UK {}",                   "{} Sexual Health Clinic", "{} Food Co-op",     "{} Credit Union"};

// A second, third... organisation of one type in a site is told apart by its street.
constexpr const char* kStreets[] = {"High Street",   "Station Road", "Church Lane",  "Victoria Road", "Mill Lane",
                                    "Park Avenue",   "Oak Lane",     "Queen Street", "King's Road",   "Market Square",
                                    "Canal Walk",    "Albert Road",  "Chapel Street", "Green Lane",   "Bridge Street",
                                    "Windmill Hill"};

// Interaction kinds, then event kinds (attendance rows).
enum Kind : std::uint8_t { Referral, Meeting, Message, Volunteering, Funding, kPairKinds };
constexpr const char* kKindNames[] = {"referral",       "meeting",  "message",  "volunteering",
                                      "funding",        "walk",     "workshop", "community-meeting",
                                      "coffee-morning", "health-fair"};
constexpr int kAllKinds = static_cast<int>(std::size(kKindNames));
constexpr int kEventKinds = kAllKinds - kPairKinds;

// Shares of pair-interaction kinds (cumulative).
constexpr double kKindCum[kPairKinds] = {0.27, 0.49, 0.79, 0.95, 1.0};
// Source role per kind: cumulative over (citizen, champion, anchor, service).
constexpr double kSourceCum[kPairKinds][kRoles] = {
    {0.65, 1.0, 1.0, 1.0},   // referral: citizen / champion
    {0.0, 0.40, 0.70, 1.0},  // meeting: champion / anchor / service
    {0.45, 0.85, 0.85, 1.0}, // message: citizen / champion / service
    {1.0, 1.0, 1.0, 1.0},    // volunteering: citizen
    {0.0, 0.0, 1.0, 1.0}};   // funding: anchor
// Target role per kind, cumulative.
constexpr double kTargetCum[kPairKinds][kRoles] = {
    {0.0, 0.0, 0.0, 1.0},    // referral -> service
    {0.0, 0.35, 0.70, 1.0},  // meeting -> champion / anchor / service
    {0.30, 0.80, 0.80, 1.0}, // message -> citizen / champion / service
    {0.0, 0.50, 1.0, 1.0},   // volunteering -> champion / anchor
    {0.0, 0.70, 1.0, 1.0}};  // funding -> champion / anchor
// Roles a kind may target (for re-using a recent partner).
constexpr std::uint8_t kTargetMask[kPairKinds] = {
    1 << Service, 1 << Champion | 1 << Anchor | 1 << Service, 1 << Citizen | 1 << Champion | 1 << Service,
    1 << Champion | 1 << Anchor, 1 << Champion | 1 << Anchor};
// Working hours [from, to) per kind.
constexpr int kHours[kPairKinds][2] = {{9, 17}, {9, 19}, {7, 23}, {9, 21}, {9, 17}};
constexpr double kFundingThousands[] = {0.25, 0.5, 1, 2, 2.5, 5, 10, 25, 50};

// Event kinds on weekdays and at weekends (cumulative), their hours and sizes.
constexpr double kEventCumWeekday[kEventKinds] = {0.20, 0.45, 0.70, 0.92, 1.0};
constexpr double kEventCumWeekend[kEventKinds] = {0.55, 0.65, 0.70, 0.80, 1.0};
constexpr int kEventHours[kEventKinds][2] = {{10, 12}, {10, 18}, {18, 20}, {10, 11}, {11, 15}};
constexpr std::uint32_t kEventSize[kEventKinds][2] = {{4, 25}, {5, 20}, {6, 40}, {3, 15}, {10, 45}};
// Attendee roles (cumulative): mostly citizens, some champions and staff.
constexpr double kAttendeeCum[kRoles] = {0.72, 0.88, 0.92, 1.0};

// Day-of-week activity (Monday first): pair interactions are a weekday
// affair, group events lean towards Wednesdays and Saturdays.
constexpr std::uint64_t kPairDow[7] = {10, 10, 10, 10, 9, 4, 3};
constexpr std::uint64_t kEventDow[7] = {6, 5, 8, 6, 5, 10, 7};

constexpr int kRing = 4;                 // recent-partner slots per actor
constexpr double kRepeatPartner = 0.45;  // chance to re-use a recent partner
constexpr double kPreferential = 0.55;   // chance to pick by past activity, not uniformly
constexpr double kCrossSite = 0.10;      // chance a new partner is from another site
constexpr double kRepeatAttendee = 0.40; // chance an attendee is a past attendee of the site
constexpr std::size_t kHistory = 1 << 16; // activity entries kept per group

std::string padded_id(char prefix, std::uint64_t number, int width) {
  std::string digits = std::to_string(number);
  std::string id(1, prefix);
  if (static_cast<int>(digits.size()) < width) id.append(static_cast<std::size_t>(width) - digits.size(), '0');
  return id += digits;
}

int decimal_digits(std::uint64_t n) {
  int d = 1;
  while (n >= 10) n /= 10, ++d;
  return d;
}

std::string fill_template(std::string_view pattern, const std::string& site) {
  std::string out;
  const auto at = pattern.find("{}");
  out.append(pattern.substr(0, at));
  out += site;
  out.append(pattern.substr(at + 2));
  return out;
}

// floor(total * part / whole) without overflow.
std::uint64_t share_of(std::uint64_t total, std::uint64_t part, std::uint64_t whole) {
  return static_cast<std::uint64_t>(static_cast<uint128>(total) * part / whole);
}

struct Row {
  std::uint64_t key;  // second of the day << 40 | generation order within the day
  std::uint32_t source, target, event, kind;
  double weight;
};

}  // namespace

GeneratedMovement generate_movement(const GeneratorOptions& o) {
  if (o.sites == 0) throw UsageError("generate: --sites must be at least 1");
  if (o.months == 0) throw UsageError("generate: --months must be at least 1");
  if (o.months > 1200) throw UsageError("generate: --months must be at most 1200 (100 years)");
  if (o.interactions == 0) throw UsageError("generate: --interactions must be at least 1");
  if (o.actors < 4ull * o.sites)
    throw UsageError("generate: --actors must be at least 4 per site (one of each role), i.e. at least " +
                     std::to_string(4ull * o.sites) + " for " + std::to_string(o.sites) + " sites");
  if (o.actors >= kNone) throw UsageError("generate: --actors must be below 4294967295");
  if (!(o.attendance_share >= 0 && o.attendance_share < 1))
    throw UsageError("generate: --attendance-share must be in [0, 1)");

  Rng rng(o.seed);
  GeneratedMovement g;
  const std::uint64_t n = o.actors;
  const std::uint32_t S = o.sites;
  // Whole days in the period (average Gregorian month of 30.436875 days).
  const std::uint64_t D = std::max<std::uint64_t>(1, std::uint64_t{o.months} * 30436875 / 1000000);

  // ---- sites ------------------------------------------------------------------
  std::vector<std::string> site_name(S), site_token(S);
  std::vector<std::uint64_t> site_cum(S);  // cumulative site weights (sizes differ)
  for (std::uint32_t s = 0; s < S; ++s) {
    constexpr std::size_t kBase = std::size(kSiteNames);
    site_name[s] = kSiteNames[s % kBase];
    if (s >= kBase) site_name[s] += " " + std::to_string(s / kBase + 1);
    site_token[s] = site_name[s];
    std::replace(site_token[s].begin(), site_token[s].end(), ' ', '-');
    site_cum[s] = (s ? site_cum[s - 1] : 0) + 60 + rng.below(41);
  }
  auto pick_site = [&] {
    const std::uint64_t x = rng.below(site_cum.back());
    return static_cast<std::uint32_t>(std::upper_bound(site_cum.begin(), site_cum.end(), x) - site_cum.begin());
  };

  // ---- actors -------------------------------------------------------------------
  // Role counts: exact shares, at least one of each role per site.
  std::uint64_t count[kRoles];
  count[Anchor] = std::max<std::uint64_t>(S, (n * 4 + 50) / 100);
  count[Service] = std::max<std::uint64_t>(S, (n * 8 + 50) / 100);
  count[Champion] = std::max<std::uint64_t>(S, (n * 8 + 50) / 100);
  count[Citizen] = n - count[Anchor] - count[Service] - count[Champion];  // >= S since n >= 4S

  std::vector<std::uint8_t> role(n);
  std::vector<std::uint32_t> site(n), day(n);
  g.actors.resize(n);
  {
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> tmp_site;
    std::vector<std::uint32_t> org_seen(S);
    std::uint64_t base = 0;
    for (const Role r : kRoleOrder) {
      const std::uint64_t c = count[r];
      keys.resize(c);
      tmp_site.resize(c);
      for (std::uint64_t j = 0; j < c; ++j) {
        tmp_site[j] = j < S ? static_cast<std::uint32_t>(j) : pick_site();
        // Join day: organisations from the start; champions over the first
        // three quarters; citizens at an accelerating rate (85% with density
        // 2f on [0, 1): the max of two uniforms; 15% uniformly).
        std::uint64_t d = 0;
        if (r == Champion && j >= S) {
          d = static_cast<std::uint64_t>(std::floor(rng.uniform() * 0.75 * static_cast<double>(D)));
        } else if (r == Citizen) {
          const double f = rng.chance(0.15) ? rng.uniform() : std::max(rng.uniform(), rng.uniform());
          d = static_cast<std::uint64_t>(std::floor(f * 0.98 * static_cast<double>(D)));
        }
        keys[j] = std::min<std::uint64_t>(d, D - 1) << 32 | j;
      }
      std::sort(keys.begin(), keys.end());  // ids numbered in joining order
      const int width = std::max(4, decimal_digits(c));
      std::fill(org_seen.begin(), org_seen.end(), 0);
      std::vector<std::uint32_t> offset(S);
      for (auto& x : offset) x = static_cast<std::uint32_t>(rng.below(1u << 16));
      for (std::uint64_t k = 0; k < c; ++k) {
        const std::uint64_t i = base + k;
        const std::uint32_t s = tmp_site[keys[k] & 0xffffffffu];
        role[i] = r;
        site[i] = s;
        day[i] = static_cast<std::uint32_t>(keys[k] >> 32);
        GeneratedActor& a = g.actors[i];
        a.id = padded_id(kRolePrefix[r], k + 1, width);
        a.role = kRoleNames[r];
        a.site = site_name[s];
        a.joined = o.start + static_cast<timestamp>(day[i]) * 86400;
        if (r == Citizen || r == Champion) {
          a.label = kFirstNames[rng.below(std::size(kFirstNames))];
          a.label += ' ';
          a.label += kLastNames[rng.below(std::size(kLastNames))];
        } else {
          // Each site cycles through the organisation types from a random
          // start; a type's second, third... instance gets a number.
          const std::size_t types = r == Anchor ? std::size(kAnchorNames) : std::size(kServiceNames);
          const std::uint32_t seen = org_seen[s]++;
          const std::size_t t = (offset[s] + seen) % types;
          a.label = fill_template(r == Anchor ? kAnchorNames[t] : kServiceNames[t], site_name[s]);
          if (seen >= types) {
            const std::size_t rep = seen / types - 1;
            a.label += " (";
            a.label += kStreets[rep % std::size(kStreets)];
            if (rep >= std::size(kStreets)) a.label += " " + std::to_string(rep / std::size(kStreets) + 1);
            a.label += ')';
          }
        }
      }
      base += c;
    }
  }

  // Members of each (site, role) group in joining order (a CSR), and the
  // actors in joining order overall (counting sort by day).
  const std::size_t G = std::size_t{S} * kRoles;
  auto group_of = [&](std::uint64_t i) { return std::size_t{site[i]} * kRoles + role[i]; };
  std::vector<std::uint64_t> group_off(G + 1, 0);
  std::vector<std::uint32_t> members(n);
  {
    for (std::uint64_t i = 0; i < n; ++i) ++group_off[group_of(i) + 1];
    for (std::size_t k = 0; k < G; ++k) group_off[k + 1] += group_off[k];
    std::vector<std::uint64_t> fill(group_off.begin(), group_off.end() - 1);
    // Within a role, actor indices are in joining order, so an index-ordered
    // scatter keeps each group sorted by day.
    for (std::uint64_t i = 0; i < n; ++i) members[fill[group_of(i)]++] = static_cast<std::uint32_t>(i);
  }
  std::vector<std::uint64_t> day_off(D + 1, 0);
  std::vector<std::uint32_t> by_day(n);
  {
    for (std::uint64_t i = 0; i < n; ++i) ++day_off[day[i] + 1];
    for (std::uint64_t d = 0; d < D; ++d) day_off[d + 1] += day_off[d];
    std::vector<std::uint64_t> fill(day_off.begin(), day_off.end() - 1);
    for (std::uint64_t i = 0; i < n; ++i) by_day[fill[day[i]]++] = static_cast<std::uint32_t>(i);
  }
  std::vector<std::uint64_t> joined(G, 0);  // members of each group who have joined so far

  // Past activity: every interaction adds both ends to their group's
  // history, so a uniform draw from it is a degree-proportional draw. Once a
  // history holds kHistory entries a new entry replaces a random one: the
  // draw then favours actors active lately (popularity fades) and the
  // histories stay small enough for the cache.
  std::vector<std::vector<std::uint32_t>> history(G);
  std::vector<std::vector<std::uint32_t>> attendee_history(S);
  std::vector<std::uint32_t> ring(n * kRing, kNone);
  std::vector<std::uint8_t> ring_pos(n, 0);

  // A member of group k who has joined: by past activity or uniformly.
  auto pick = [&](std::size_t k) -> std::uint32_t {
    const std::uint64_t j = joined[k];
    if (j == 0) return kNone;
    const auto& h = history[k];
    if (!h.empty() && rng.chance(kPreferential)) return h[rng.below(h.size())];
    return members[group_off[k] + rng.below(j)];
  };
  auto record = [&](std::vector<std::uint32_t>& h, std::uint32_t x) {
    if (h.size() < kHistory) h.push_back(x);
    else h[rng.below(kHistory)] = x;
  };
  auto remember = [&](std::uint32_t a, std::uint32_t b) {
    ring[std::size_t{a} * kRing + ring_pos[a]] = b;
    ring_pos[a] = static_cast<std::uint8_t>((ring_pos[a] + 1) % kRing);
  };

  // ---- rows per day ---------------------------------------------------------
  // Activity grows linearly over the period (from 0.3 to 1.3 relative), times
  // a day-of-week profile. Integer weights, so the split is exact everywhere.
  const std::uint64_t rows = o.interactions;
  const auto attendance_rows =
      std::min<std::uint64_t>(rows - 1, static_cast<std::uint64_t>(std::llround(static_cast<double>(rows) * o.attendance_share)));
  const std::uint64_t pair_rows = rows - attendance_rows;
  const std::int64_t start_day = o.start >= 0 ? o.start / 86400 : (o.start - 86399) / 86400;
  std::vector<std::uint64_t> pair_cum(D + 1, 0), event_cum(D + 1, 0);
  for (std::uint64_t d = 0; d < D; ++d) {
    const std::uint64_t trend = 3 * D + 10 * d + 5;
    const auto dow = static_cast<std::size_t>(((start_day + static_cast<std::int64_t>(d)) % 7 + 10) % 7);  // 0 = Monday
    pair_cum[d + 1] = pair_cum[d] + trend * kPairDow[dow];
    event_cum[d + 1] = event_cum[d] + trend * kEventDow[dow];
  }

  g.time.resize(rows);
  g.source.resize(rows);
  g.target.resize(rows);
  g.event.resize(rows);
  g.kind.resize(rows);
  g.weight.resize(rows);
  std::uint64_t out = 0, pairs_made = 0, attendance_made = 0;
  std::vector<Row> today;
  std::vector<std::uint64_t> order;
  std::vector<std::uint32_t> attendees;
  std::vector<std::uint32_t> events_per_site(S, 0);
  std::vector<std::uint64_t> kind_used(kAllKinds, 0);

  for (std::uint64_t d = 0; d < D; ++d) {
    for (std::uint64_t k = day_off[d]; k < day_off[d + 1]; ++k) ++joined[group_of(by_day[k])];
    const timestamp midnight = o.start + static_cast<timestamp>(d) * 86400;
    const auto dow = static_cast<std::size_t>(((start_day + static_cast<std::int64_t>(d)) % 7 + 10) % 7);
    const bool weekend = dow >= 5;
    today.clear();
    auto add = [&](std::uint64_t second, std::uint32_t src, std::uint32_t tgt, std::uint32_t ev, int kind,
                   double w) {
      today.push_back({second << 40 | today.size(), src, tgt, ev, static_cast<std::uint32_t>(kind), w});
    };

    // Pair interactions.
    const std::uint64_t pair_goal = share_of(pair_rows, pair_cum[d + 1], pair_cum[D]);
    for (; pairs_made < pair_goal; ++pairs_made) {
      int kind = Meeting;
      std::uint32_t a = kNone, b = kNone;
      for (int attempt = 0; attempt < 16 && b == kNone; ++attempt) {
        kind = rng.choose(kKindCum);
        const std::uint32_t s = pick_site();
        a = pick(std::size_t{s} * kRoles + static_cast<std::size_t>(rng.choose(kSourceCum[kind])));
        if (a == kNone) continue;
        const std::uint32_t recent = ring[std::size_t{a} * kRing + rng.below(kRing)];
        if (recent != kNone && recent != a && (kTargetMask[kind] >> role[recent] & 1) && rng.chance(kRepeatPartner)) {
          b = recent;
          break;
        }
        std::uint32_t ts = s;
        if (S > 1 && rng.chance(kCrossSite)) ts = static_cast<std::uint32_t>((s + 1 + rng.below(S - 1)) % S);
        b = pick(std::size_t{ts} * kRoles + static_cast<std::size_t>(rng.choose(kTargetCum[kind])));
        if (b == a) b = kNone;
      }
      if (b == kNone) {
        // Nobody suitable has joined yet: a meeting between a site's first
        // anchor and first service, who are there from day one.
        const std::uint32_t s = pick_site();
        kind = Meeting;
        a = members[group_off[std::size_t{s} * kRoles + Anchor]];
        b = members[group_off[std::size_t{s} * kRoles + Service]];
      }
      double w = 1.0;
      if (kind == Meeting) w = 0.5 * static_cast<double>(1 + rng.below(6));            // hours, 0.5..3
      else if (kind == Volunteering) w = 0.5 * static_cast<double>(2 + rng.below(11));  // hours, 1..6
      else if (kind == Funding)  // thousands of pounds, small grants likelier
        w = kFundingThousands[std::min(rng.below(std::size(kFundingThousands)), rng.below(std::size(kFundingThousands)))];
      const auto [from, to] = kHours[kind];
      const std::uint64_t second = static_cast<std::uint64_t>(from) * 3600 + rng.below((to - from) * 3600);
      add(second, a, b, kNone, kind, w);
      record(history[group_of(a)], a);
      record(history[group_of(b)], b);
      remember(a, b);
      remember(b, a);
    }

    // Group events: each event gives one row per attendee.
    const std::uint64_t event_goal =
        d + 1 == D ? attendance_rows : share_of(attendance_rows, event_cum[d + 1], event_cum[D]);
    while (attendance_made < event_goal) {
      const std::uint32_t s = pick_site();
      const int ek = weekend ? rng.choose(kEventCumWeekend) : rng.choose(kEventCumWeekday);
      const auto [lo, hi] = kEventSize[ek];
      const std::uint64_t span = hi - lo + 1;
      std::uint64_t size = lo + std::min(rng.below(span), rng.below(span));  // smaller events likelier
      size = std::min(size, attendance_rows - attendance_made);
      attendees.clear();
      auto& past = attendee_history[s];
      for (std::uint64_t tries = 0; attendees.size() < size && tries < 4 * size; ++tries) {
        std::uint32_t x = !past.empty() && rng.chance(kRepeatAttendee)
                              ? past[rng.below(past.size())]
                              : pick(std::size_t{s} * kRoles + static_cast<std::size_t>(rng.choose(kAttendeeCum)));
        if (x == kNone || std::find(attendees.begin(), attendees.end(), x) != attendees.end()) continue;
        attendees.push_back(x);
      }
      if (attendees.empty()) attendees.push_back(members[group_off[std::size_t{s} * kRoles + Anchor]]);
      const auto ev = static_cast<std::uint32_t>(g.events.size());
      char num[16];
      std::snprintf(num, sizeof num, "%04u", ++events_per_site[s]);
      g.events.push_back("ev-" + site_token[s] + "-" + num);
      const auto [from, to] = kEventHours[ek];
      // On the hour, quarter past, half past or quarter to (two statements:
      // the order of two draws in one expression is unspecified).
      std::uint64_t begins = (static_cast<std::uint64_t>(from) + rng.below(to - from)) * 3600;
      begins += rng.below(4) * 900;
      for (const std::uint32_t x : attendees) {
        add(begins + rng.below(11) * 60, x, kNone, ev, kPairKinds + ek, 1.0);  // signs in within 10 minutes
        record(past, x);
      }
      attendance_made += attendees.size();
    }

    // Today's rows in time order (keys are unique: generation order breaks ties).
    order.resize(today.size());
    for (std::size_t i = 0; i < today.size(); ++i) order[i] = today[i].key;
    std::sort(order.begin(), order.end());
    for (const std::uint64_t key : order) {
      const Row& r = today[key & 0xffffffffffu];
      g.time[out] = midnight + static_cast<timestamp>(r.key >> 40);
      g.source[out] = r.source;
      g.target[out] = r.target;
      g.event[out] = r.event;
      g.kind[out] = r.kind;
      g.weight[out] = r.weight;
      ++kind_used[r.kind];
      ++out;
    }
  }

  // Name only the kinds that occur, in the fixed order above.
  std::uint32_t remap[kAllKinds];
  for (int k = 0; k < kAllKinds; ++k) {
    remap[k] = static_cast<std::uint32_t>(g.kinds.size());
    if (kind_used[k]) g.kinds.emplace_back(kKindNames[k]);
  }
  if (g.kinds.size() != static_cast<std::size_t>(kAllKinds))
    for (auto& k : g.kind) k = remap[k];
  return g;
}

}  // namespace movemap
