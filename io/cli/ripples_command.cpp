// movemap ripples: temporal reach from a seed set and recruitment cascades
// (engine/include/movemap/temporal/{reach,cascades}.hpp), with the map
// outputs and a dynamic GEXF whose Timeline plays the growth.
#include <cctype>

#include "io/actor_selection.hpp"
#include "io/cli/commands.hpp"
#include "io/cli/network_run.hpp"
#include "io/csv_reader.hpp"
#include "movemap/temporal/cascades.hpp"
#include "movemap/temporal/reach.hpp"

namespace movemap::cli {
namespace {

// "0", "3600" (seconds), "12h", "30d", "2w". Months and years have no fixed
// length, so they are not accepted for a lapse.
timestamp parse_lapse(const std::string& text) {
  const std::string bad = "--lapse \"" + text + "\": expected 0 or a duration like 12h, 30d, 2w";
  if (text.empty()) throw UsageError(bad);
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 12 || text.size() > digits + 1) throw UsageError(bad);
  const timestamp n = std::stoll(text.substr(0, digits));
  if (digits == text.size()) return n;
  switch (text.back()) {
    case 's': return n;
    case 'h': return n * 3600;
    case 'd': return n * 86400;
    case 'w': return n * 7 * 86400;
    default: throw UsageError(bad);
  }
}

std::string iso_or_empty(timestamp t) { return t == kNever ? std::string() : format_timestamp(t); }

// Month starts (UTC) from the month of `first` to the one after `last`.
std::vector<timestamp> month_bounds(timestamp first, timestamp last) {
  long long y;
  unsigned m, d;
  civil_from_days(first >= 0 ? first / 86400 : (first - 86399) / 86400, y, m, d);
  std::vector<timestamp> out;
  for (;;) {
    const timestamp start = days_from_civil(y, m, 1) * 86400;
    out.push_back(start);
    if (start > last) break;
    if (++m == 13) m = 1, ++y;
  }
  return out;
}

std::string month_text(timestamp t) { return format_timestamp(t).substr(0, 7); }

void field(std::string& b, std::string_view text) { append_csv_field(b, text); }

}  // namespace

int run_ripples(const std::vector<std::string>& args) {
  const std::string usage =
      "usage: movemap ripples LOG [--actors FILE] --out DIR [--seeds role=champion] [options]\n\n"
      "How far change ripples out from the seeds (by default the champions), and who\n"
      "brought whom in. Builds the network as `movemap map` does and writes, into DIR:\n"
      "  reach.csv           actor, seed, reached, earliest_arrival (ISO 8601 UTC)\n"
      "  reach_curve.csv     time, reached (by then, seeds included), new\n"
      "  cascades.csv        actor, recruiter, root, depth, joined, recruited_at, recruits,\n"
      "                      cascade_size, cascade_depth (actors with contacts)\n"
      "  cascade_roots.csv   root, joined, size, depth, recruits (one row per cascade)\n"
      "  cascade_seeds.csv   the same for each seed's own cascade (its recruits, theirs, ...)\n"
      "  cascade_growth.csv  seed, month, joined, size (each seed's cascade by calendar month)\n"
      "  network.gexf        GEXF 1.3 with node and edge spells: Gephi's Timeline plays it\n"
      "  network.graphml, nodes.csv, ties.csv, summary.json   as `movemap map`, plus the\n"
      "                      node columns reached and cascade_size\n"
      "Reach follows time-respecting paths: a contact u -> v at time t reaches v when u was\n"
      "reached by t (chains within one instant allowed; --strict: strictly before t).\n"
      "A recruiter is the other party of an actor's first contact with someone who joined\n"
      "earlier (ties at one instant: the earliest in the log). Definitions: docs/ripples.md.";
  const std::string examples =
      "Examples:\n"
      "  movemap ripples data-samples/interactions.csv --actors data-samples/actors.csv --out out/ripples\n"
      "  movemap ripples log.csv --actors actors.csv --seeds a17,b4 --start 2024-01-01 --strict --out out/\n"
      "  movemap ripples log.csv --actors actors.csv --lapse 90d --out out/   (ties fade after 90 days in Gephi)\n";
  InputOptions in;
  std::string seeds = "role=champion", start, lapse = "0";
  po::options_description desc("Options");
  in.add_to(desc);
  po::options_description rdesc("Ripples options");
  rdesc.add_options()
      ("seeds", po::value(&seeds)->default_value(seeds),
       "comma-separated actor ids and/or ATTRIBUTE=VALUE (e.g. role=champion)")
      ("start", po::value(&start), "reach starts at this time (ISO 8601; default: the first contact)")
      ("strict", "each step of a path strictly later than the one before (no chains within one instant)")
      ("both-ways", "reach crosses directed contacts both ways (default: source -> target)")
      ("recruit-by-source", "in a directed network only a contact's source can recruit its target")
      ("lapse", po::value(&lapse)->default_value(lapse),
       "GEXF spells: an actor or tie unseen this long lapses (0 = present until the end; 12h, 30d, 2w)");
  desc.add(rdesc);
  const auto vm = parse(args, desc, usage, examples, true);
  if (!vm) return 0;
  GexfOptions gexf;
  gexf.dynamic = true;
  gexf.lapse_seconds = parse_lapse(lapse);
  ReachOptions ro;
  if (vm->count("start")) {
    std::string why;
    const auto t = parse_timestamp(start, &why);
    if (!t) throw UsageError("--start \"" + start + "\": " + why);
    ro.start = *t;
  }
  ro.same_instant_chains = !vm->count("strict");
  ro.follow_direction = !vm->count("both-ways");
  CascadeOptions co;
  co.follow_direction = vm->count("recruit-by-source") > 0;
  in.keep_contacts = true;
  in.gexf = false;  // the dynamic network.gexf below replaces the static one
  NetworkRun run("ripples", in, *vm);
  const Network& net = run.net();
  ro.seeds = select_actors(net, split_list(seeds), "seed");
  const NetworkSummary summary = summarize(net);
  run.phase("summary");

  ProgressBar bar("ripples", !run.quiet());
  ro.progress = [&](double f) { return bar.update(0.5 * f); };
  co.progress = [&](double f) { return bar.update(0.5 + 0.5 * f); };
  const TemporalReach reach = temporal_reach(net, ro);
  const Cascades cas = recruitment_cascades(net, co);
  bar.done();
  run.phase("reach + cascades");

  const std::size_t n = net.actors.size();
  std::vector<std::uint8_t> is_seed(n, 0);
  for (const node_id s : ro.seeds) is_seed[s] = 1;
  NodeMeasures columns = degree_measures(net);
  {
    std::vector<std::int64_t> reached(n), size(n);
    for (node_id u = 0; u < n; ++u) {
      reached[u] = reach.arrival[u] != kNever;
      size[u] = static_cast<std::int64_t>(cas.size[u]);
    }
    columns.add_integer("reached", reached);
    columns.add_integer("cascade_size", size);
  }
  run.write(columns, {}, summary);
  if (interrupted()) throw Cancelled();
  write_gexf(run.dir() + "network.gexf", net, columns, gexf);
  run.phase("write GEXF (dynamic)");

  auto name = [&](node_id u) { return u == kNone ? std::string_view() : net.actors.name(u); };
  {
    AtomicFile f(run.dir() + "reach.csv");
    std::string& b = f.buffer();
    b += "actor,seed,reached,earliest_arrival\n";
    for (node_id u = 0; u < n; ++u) {
      field(b, name(u));
      b += is_seed[u] ? ",true," : ",false,";
      b += reach.arrival[u] != kNever ? "true," : "false,";
      b += iso_or_empty(reach.arrival[u]);
      b += '\n';
      f.flush_if_large();
    }
    f.commit();
  }
  {
    AtomicFile f(run.dir() + "reach_curve.csv");
    std::string& b = f.buffer();
    b += "time,reached,new\n";
    std::uint64_t before = 0;
    for (std::size_t i = 0; i < reach.curve.time.size(); ++i) {
      b += format_timestamp(reach.curve.time[i]) + "," + std::to_string(reach.curve.reached[i]) + "," +
           std::to_string(reach.curve.reached[i] - before) + "\n";
      before = reach.curve.reached[i];
    }
    f.commit();
  }
  {
    AtomicFile f(run.dir() + "cascades.csv");
    std::string& b = f.buffer();
    b += "actor,recruiter,root,depth,joined,recruited_at,recruits,cascade_size,cascade_depth\n";
    for (node_id u = 0; u < n; ++u) {
      if (cas.joined[u] == kNever) continue;
      field(b, name(u));
      b += ',';
      field(b, name(cas.recruiter[u]));
      b += ',';
      field(b, name(cas.root[u]));
      b += "," + std::to_string(cas.depth[u]) + "," + format_timestamp(cas.joined[u]) + "," +
           iso_or_empty(cas.recruited_at[u]) + "," + std::to_string(cas.recruits[u]) + "," +
           std::to_string(cas.size[u]) + "," + std::to_string(cas.height[u]) + "\n";
      f.flush_if_large();
    }
    f.commit();
  }
  auto write_heads = [&](const std::string& file, const std::string& head, const std::vector<node_id>& heads) {
    AtomicFile f(run.dir() + file);
    std::string& b = f.buffer();
    b += head + ",joined,size,depth,recruits\n";
    for (const node_id u : heads) {
      field(b, name(u));
      b += "," + iso_or_empty(cas.joined[u]) + "," + std::to_string(cas.size[u]) + "," + std::to_string(cas.height[u]) +
           "," + std::to_string(cas.recruits[u]) + "\n";
      f.flush_if_large();
    }
    f.commit();
  };
  std::vector<node_id> roots = cas.roots;
  std::sort(roots.begin(), roots.end(), [&](node_id a, node_id b) { return cas.size[a] > cas.size[b] || (cas.size[a] == cas.size[b] && a < b); });
  write_heads("cascade_roots.csv", "root", roots);
  write_heads("cascade_seeds.csv", "seed", ro.seeds);
  {
    AtomicFile f(run.dir() + "cascade_growth.csv");
    std::string& b = f.buffer();
    b += "seed,month,joined,size\n";
    timestamp first = kNever, last = 0;
    for (const node_id s : ro.seeds)
      if (cas.joined[s] != kNever) first = std::min(first, cas.joined[s]);
    for (node_id u = 0; u < n; ++u)
      if (cas.joined[u] != kNever) last = std::max(last, cas.joined[u]);
    if (first != kNever) {
      const std::vector<timestamp> bounds = month_bounds(first, last);
      const CascadeGrowth g = cascade_growth(cas, ro.seeds, bounds);
      for (std::size_t h = 0; h < ro.seeds.size(); ++h) {
        if (cas.joined[ro.seeds[h]] == kNever) continue;
        for (std::size_t p = 0; p + 1 < bounds.size(); ++p) {
          if (g.size[h][p] == 0) continue;  // before the seed joined
          field(b, name(ro.seeds[h]));
          b += "," + month_text(bounds[p]) + "," + std::to_string(g.joined_in[h][p]) + "," +
               std::to_string(g.size[h][p]) + "\n";
        }
        f.flush_if_large();
      }
    }
    f.commit();
  }
  run.phase("write ripples tables");
  if (!run.quiet()) {
    run.print_summary(summary);
    std::uint64_t seeds_active = 0;
    for (const node_id s : ro.seeds) seeds_active += cas.joined[s] != kNever;
    std::printf("  seeds          %zu (%s), %llu with contacts\n", ro.seeds.size(), seeds.c_str(),
                (unsigned long long)seeds_active);
    std::printf("  reach          %llu of %zu actors (%s%%) from %s%s\n", (unsigned long long)reach.reached, n,
                fmt(n ? 100.0 * static_cast<double>(reach.reached) / static_cast<double>(n) : 0.0, 3).c_str(),
                format_timestamp(reach.start).c_str(), ro.same_instant_chains ? "" : " (strict)");
    std::uint64_t largest = 0;
    for (const node_id r : cas.roots) largest = std::max(largest, cas.size[r]);
    std::printf("  cascades       %zu roots; largest %llu actors\n", cas.roots.size(), (unsigned long long)largest);
    std::printf("  wrote          %sreach.csv, reach_curve.csv, cascades.csv, cascade_roots.csv,\n"
                "                 cascade_seeds.csv, cascade_growth.csv, network.gexf, network.graphml,\n"
                "                 nodes.csv, ties.csv, summary.json  (%.2f s)\n",
                run.dir().c_str(), run.seconds());
  }
  return 0;
}

}  // namespace movemap::cli
