// movemap momentum: indicators per time window, momentum, cohorts and node
// trajectories (engine/include/movemap/temporal/momentum.hpp), written as
// CSV/JSON tables (io/momentum_writer.hpp) beside the map outputs.
#include <cstdio>

#include "io/cli/commands.hpp"
#include "io/cli/network_run.hpp"
#include "io/duration_parser.hpp"
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
      "  network.graphml, nodes.csv, ties.csv, summary.json  as movemap map\n"
      "Durations: 12h, 90d, 2w, 3M (30-day months), 1y. Definitions: docs/momentum.md.";
  const std::string examples =
      "Examples:\n"
      "  movemap momentum data-samples/interactions.csv --actors data-samples/actors.csv --out out/momentum\n"
      "  movemap momentum log.csv --window 90d --step 30d --lapse 180d --measures degree,pagerank --out out/\n"
      "  movemap momentum log.csv --windows month --out out/\n";
  InputOptions in;
  std::string window = "90d", step = "30d", scheme = "sliding", lapse, half_life, measures = "degree,pagerank",
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
      ("lapse", po::value(&lapse), "actors and ties stay present this long after each contact (e.g. 180d)")
      ("half-life", po::value(&half_life), "tie weights decay with this half-life toward each window's end")
      ("measures,m", po::value(&measures)->default_value("degree,pagerank"),
       "node measures per window: degree, pagerank, betweenness (\"none\" for none)")
      ("span", po::value(&mo.span)->default_value(3), "momentum index: EWMA span in windows (alpha = 2/(span+1))")
      ("rising", po::value(&mo.rising_top)->default_value(20), "rising actors listed per measure")
      ("sensitivity", po::value(&sensitivity),
       "window widths for the ranking-stability check, e.g. 45d,90d,180d (default: half, once and twice the "
       "window for sliding windows; \"none\" to skip)");
  desc.add(mdesc);
  const auto vm = parse(args, desc, usage, examples, true);
  if (!vm) return 0;
  WindowOptions& w = mo.indicators.windows;
  if (scheme == "sliding") w.scheme = WindowScheme::Sliding;
  else if (scheme == "month") w.scheme = WindowScheme::Month;
  else if (scheme == "quarter") w.scheme = WindowScheme::Quarter;
  else if (scheme == "cumulative") w.scheme = WindowScheme::Cumulative;
  else throw UsageError("--windows \"" + scheme + "\": expected sliding, month, quarter or cumulative");
  w.width = parse_duration(window, "--window");
  w.step = parse_duration(step, "--step");
  if (!lapse.empty()) w.lapse = parse_duration(lapse, "--lapse");
  if (!half_life.empty()) w.half_life = static_cast<double>(parse_duration(half_life, "--half-life"));
  if (measures != "none") mo.indicators.measures = split_list(measures);
  for (const auto& m : mo.indicators.measures)
    if (std::find(window_measure_names().begin(), window_measure_names().end(), m) == window_measure_names().end())
      throw UsageError("--measures: unknown measure \"" + m + "\"; expected degree, pagerank, betweenness or none");
  if (sensitivity.empty()) {
    if (w.scheme == WindowScheme::Sliding) mo.sensitivity_widths = {w.width / 2, w.width, 2 * w.width};
  } else if (sensitivity != "none") {
    for (const auto& s : split_list(sensitivity)) mo.sensitivity_widths.push_back(parse_duration(s, "--sensitivity"));
  }
  make_windows(0, 0, w);  // checks the options before the log is read

  NetworkRun run("momentum", in, *vm, /*keep_contacts=*/true);
  const NetworkSummary summary = summarize(run.net());
  run.phase("summary");
  ProgressBar bar("windows", !run.quiet());
  mo.indicators.progress = [&](double f) { return bar.update(f); };
  const MomentumResult r = momentum(run.net(), mo);
  bar.done();
  run.phase("momentum");
  if (interrupted()) throw Cancelled();
  write_momentum_tables(run.dir(), run.net(), r);
  run.phase("write momentum tables");
  run.write(degree_measures(run.net()), {}, summary);
  if (!run.quiet()) {
    run.print_summary(summary);
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
    std::printf("  wrote          %swindows.csv, windows.json, by_role.csv, cohorts.csv, trajectories.csv, "
                "rising.csv, sensitivity.csv\n",
                run.dir().c_str());
    run.print_written();
  }
  return 0;
}

}  // namespace movemap::cli
