// movemap momentum: indicators per time window, momentum, cohorts and node
// trajectories (engine/include/movemap/temporal/momentum.hpp), written as
// CSV/JSON tables (io/momentum_writer.hpp). The static map (GraphML, node
// and tie tables) is movemap map's job and is not written here.
#include <algorithm>
#include <cstdio>

#include "io/cli/commands.hpp"
#include "io/cli/network_run.hpp"
#include "io/duration_parser.hpp"
#include "io/group_suppression.hpp"
#include "io/momentum_writer.hpp"
#include "movemap/temporal/momentum.hpp"

namespace movemap::cli {

int run_momentum(const std::vector<std::string>& args) {
  const std::string usage =
      "usage: movemap momentum LOG [--actors FILE] --out DIR [--window 90d --step 30d] [options]\n\n"
      "Is momentum building? Cuts the log into time windows (sliding, calendar months or\n"
      "quarters, or cumulative), maintained incrementally, and writes into DIR:\n"
      "  windows.csv, windows.json  one row per window: active, new, retained, reactivated,\n"
      "                   lapsed actors; ties, new/retained/renewed/lapsed ties; density,\n"
      "                   reciprocity, components, largest_component_share, average_clustering;\n"
      "                   ties across roles and sites; growth_rate, acceleration, net_inflow,\n"
      "                   momentum (EWMA of net inflow)\n"
      "  by_role.csv      the actor and tie states per window and role (long)\n"
      "  cohorts.csv      arrival cohorts (month of first activity) and retention\n"
      "  trajectories.csv node measures per window with ranks (long)\n"
      "  rising.csv       largest rank gains, first to last window\n"
      "  sensitivity.csv  Kendall tau-b of the final-window rankings across window widths\n"
      "  role_transitions.csv, role_cohorts.csv, role_changes.csv  with --role-changes: role\n"
      "                   changes (from, to) per window, who changed in a month and stayed active\n"
      "                   (like cohorts.csv), and the changes themselves (not with --min-group-size);\n"
      "                   the by-role counts then use each actor's role at the window's end\n"
      "  network.gexf     GEXF 1.3, dynamic: node and edge spells (--lapse) and each window's\n"
      "                   measures and ranks (<measure>_window, <measure>_window_rank), so\n"
      "                   Gephi's Timeline plays the movement's growth (--no-gexf: skip)\n"
      "(The static network's GraphML and tables: movemap map.)\n"
      "Durations: 12h, 90d, 2w, 3M (30-day months), 1y. Definitions: docs/momentum.md.";
  const std::string examples =
      "Examples:\n"
      "  movemap momentum data-samples/interactions.csv --actors data-samples/actors.csv --out out/momentum\n"
      "  movemap momentum log.csv --window 90d --step 30d --lapse 180d --measures degree,pagerank --out out/\n"
      "  movemap momentum log.csv --windows month --out out/\n"
      "  movemap momentum log.csv --actors actors.csv --role-changes role_changes.csv --windows quarter --out out/\n";
  InputOptions in;
  std::string window = "90d", step = "30d", scheme = "sliding", anchor = "end", lapse, half_life, measures = "degree,pagerank",
              sensitivity;
  MomentumOptions mo;
  po::options_description desc("Options");
  in.add_to(desc);
  po::options_description mdesc("Momentum options");
  mdesc.add_options()
      ("window", po::value(&window)->default_value("90d"), "window width (sliding windows)")
      ("step", po::value(&step)->default_value("30d"),
       "step between window starts (sliding; = width for tumbling) or between window ends (cumulative)")
      ("windows", po::value(&scheme)->default_value("sliding"), "window scheme: sliding, month, quarter, cumulative")
      ("anchor", po::value(&anchor)->default_value("end"),
       "sliding windows: end (the last window ends at the last activity) or start (the first starts at the first)")
      ("lapse", po::value(&lapse), "actors and ties stay present this long after each contact (e.g. 180d)")
      ("half-life", po::value(&half_life), "tie weights decay with this half-life toward each window's end")
      ("measures,m", po::value(&measures)->default_value("degree,pagerank"),
       "node measures per window: degree, pagerank, betweenness, constraint, brokerage (\"none\" for none)")
      ("communities", "also count Louvain communities per window (columns communities, modularity)")
      ("span", po::value(&mo.span)->default_value(3), "momentum index: EWMA span in windows (alpha = 2/(span+1))")
      ("rising", po::value(&mo.rising_top)->default_value(20), "rising actors listed per measure")
      ("sensitivity", po::value(&sensitivity),
       "window widths for the ranking-stability check, e.g. 45d,90d,180d (default: half, once and twice the "
       "window for sliding windows; \"none\" to skip)")
      ("no-gexf", "do not write network.gexf");
  desc.add(mdesc);
  const auto vm = parse(args, desc, usage, examples, true);
  if (!vm) return 0;
  WindowOptions& w = mo.indicators.windows;
  if (scheme == "sliding") w.scheme = WindowScheme::Sliding;
  else if (scheme == "month") w.scheme = WindowScheme::Month;
  else if (scheme == "quarter") w.scheme = WindowScheme::Quarter;
  else if (scheme == "cumulative") w.scheme = WindowScheme::Cumulative;
  else throw UsageError("--windows \"" + scheme + "\": expected sliding, month, quarter or cumulative");
  if (anchor == "end") w.anchor = WindowAnchor::End;
  else if (anchor == "start") w.anchor = WindowAnchor::Start;
  else throw UsageError("--anchor \"" + anchor + "\": expected end or start");
  w.width = parse_duration(window, "--window");
  w.step = parse_duration(step, "--step");
  if (!lapse.empty()) w.lapse = parse_duration(lapse, "--lapse");
  if (!half_life.empty()) w.half_life = static_cast<double>(parse_duration(half_life, "--half-life"));
  if (measures != "none") mo.indicators.measures = split_list(measures);
  for (const auto& m : mo.indicators.measures)
    if (std::find(window_measure_names().begin(), window_measure_names().end(), m) == window_measure_names().end())
      throw UsageError("--measures: unknown measure \"" + m +
                       "\"; expected degree, pagerank, betweenness, constraint, brokerage or none");
  mo.indicators.communities = vm->count("communities") > 0;
  if (sensitivity.empty()) {
    if (w.scheme == WindowScheme::Sliding) mo.sensitivity_widths = {w.width / 2, w.width, 2 * w.width};
  } else if (sensitivity != "none") {
    for (const auto& s : split_list(sensitivity)) mo.sensitivity_widths.push_back(parse_duration(s, "--sensitivity"));
  }
  make_windows(0, 0, w);  // checks the options before the log is read

  in.keep_contacts = true;
  in.gexf = false;  // the dynamic network.gexf below replaces the static one
  NetworkRun run("momentum", in, *vm);
  ProgressBar bar("windows", !run.quiet());
  mo.indicators.progress = [&](double f) { return bar.update(f); };
  const MomentumResult r = momentum(run.net(), mo);
  bar.done();
  run.phase("momentum");
  if (interrupted()) throw Cancelled();
  write_momentum_tables(run.dir(), run.net(), r, run.min_group_size());
  run.phase("write momentum tables");
  const bool gexf = !vm->count("no-gexf");
  if (gexf) {
    const GexfTimeline timeline = momentum_timeline(r);
    GexfOptions g;
    g.exports = run.exports();
    g.dynamic = true;
    g.lapse_seconds = w.lapse;
    g.timeline = &timeline;
    if (interrupted()) throw Cancelled();
    write_gexf(run.dir() + "network.gexf", run.net(), degree_measures(run.net()), g);
    run.phase("write GEXF (dynamic)");
  }
  if (!run.quiet()) {
    run.print_summary(summarize(run.net()));
    const SeriesTable& t = r.windows.overall;
    const std::size_t k = r.windows.windows.size();
    std::printf("  windows        %zu (%s)", k, scheme.c_str());
    if (k) {
      std::printf(", last: %s .. %s\n", format_timestamp(r.windows.windows.back().start).c_str(),
                  format_timestamp(r.windows.windows.back().end).c_str());
      std::printf("  last window    %.0f active (%.0f new, %.0f retained, %.0f reactivated), %.0f lapsed; "
                  "momentum %s\n",
                  t.at("active").values[k - 1], t.at("new").values[k - 1], t.at("retained").values[k - 1],
                  t.at("reactivated").values[k - 1], t.at("lapsed").values[k - 1],
                  fmt(t.at("momentum").values[k - 1]).c_str());
    } else {
      std::printf("\n");
    }
    const bool changes = !run.net().role_changes.empty();
    if (changes && k) {
      // The table's changes by type (types in name order, as role_transitions.csv).
      const RoleChanges& c = run.net().role_changes;
      const RoleTransitions& tr = r.windows.transitions;
      // Under --min-group-size the per-type totals follow the small-group
      // rule on their distinct actors (secondary included: the total is
      // printed) and the last window's count is "(suppressed)" where
      // windows.csv leaves it blank.
      const std::uint64_t K = run.min_group_size();
      std::vector<std::uint64_t> n(tr.types(), 0), actors(tr.types(), 0);
      for (std::size_t y = 0; y < tr.types(); ++y) {
        std::vector<node_id> who;
        for (std::size_t i = 0; i < c.size(); ++i)
          if (c.from[i] == tr.from[y] && c.to[i] == tr.to[y]) {
            ++n[y];
            who.push_back(c.actor[i]);
          }
        std::sort(who.begin(), who.end());
        actors[y] = static_cast<std::uint64_t>(std::unique(who.begin(), who.end()) - who.begin());
      }
      const std::vector<bool> hide = small_groups(actors, K);
      std::string types;
      for (std::size_t y = 0; y < tr.types(); ++y)
        types += (types.empty() ? "" : ", ") + tr.from[y] + " -> " + tr.to[y] + " " +
                 (hide[y] ? std::string("(suppressed)") : std::to_string(n[y]));
      const double last = t.at("role_changes").values[k - 1];
      const std::string last_text = hidden_changes(r.windows, k - 1, K) ? std::string("(suppressed)")
                                        : std::to_string(static_cast<std::uint64_t>(last));
      std::printf("  role changes   %zu (%s); in the last window %s\n", c.size(), types.c_str(),
                  last_text.c_str());
    }
    std::printf("  wrote          %swindows.csv, windows.json, by_role.csv, cohorts.csv, trajectories.csv, "
                "rising.csv, sensitivity.csv%s%s\n",
                run.dir().c_str(),
                !changes                   ? ""
                : run.min_group_size() > 1 ? ", role_transitions.csv, role_cohorts.csv"
                                           : ", role_transitions.csv, role_cohorts.csv, role_changes.csv",
                gexf ? ", network.gexf" : "");
    std::printf("  time           %.2f s\n", run.seconds());
  }
  return 0;
}

}  // namespace movemap::cli
