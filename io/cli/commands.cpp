#include "io/cli/commands.hpp"

#include <boost/program_options.hpp>
#include <tbb/global_control.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "io/actor_table_reader.hpp"
#include "io/atomic_file.hpp"
#include "io/cli/progress_bar.hpp"
#include "io/csv_writer.hpp"
#include "io/graphml_writer.hpp"
#include "io/interaction_log_reader.hpp"
#include "io/interaction_log_writer.hpp"
#include "io/json_writer.hpp"
#include "io/timestamp_parser.hpp"
#include "movemap/centrality/degree.hpp"
#include "movemap/error.hpp"
#include "movemap/generator.hpp"
#include "movemap/network.hpp"
#include "movemap/structure/components.hpp"
#include "movemap/structure/summary.hpp"

namespace po = boost::program_options;

namespace movemap::cli {
namespace {

// Parses `args` against `desc` (+ one positional LOG when `positional`);
// returns nullopt after printing help.
std::optional<po::variables_map> parse(const std::vector<std::string>& args, const po::options_description& desc,
                                       const std::string& usage, const std::string& examples, bool positional) {
  po::variables_map vm;
  po::positional_options_description pos;
  if (positional) pos.add("log", 1);
  try {
    po::store(po::command_line_parser(args).options(desc).positional(pos).run(), vm);
  } catch (const po::error& e) {
    throw UsageError(std::string(e.what()) + "\n(see: " + usage.substr(0, usage.find('\n')) + " --help)");
  }
  if (vm.count("help")) {
    std::cout << usage << "\n" << desc << "\n" << examples;
    return std::nullopt;
  }
  try {
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string(e.what()) + "\n(see: " + usage.substr(0, usage.find('\n')) + " --help)");
  }
  return vm;
}

char parse_delimiter(const std::string& d) {
  if (d.empty()) return 0;
  if (d == "\\t" || d == "tab" || d == "\t") return '\t';
  if (d.size() == 1 && d[0] != '"' && d[0] != '\n' && d[0] != '\r') return d[0];
  throw UsageError("--delimiter \"" + d + "\": expected one character (e.g. ',' ';' or 'tab')");
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

std::unique_ptr<tbb::global_control> thread_limit(int threads) {
  if (threads < 0) throw UsageError("--threads must be 0 (all cores) or a positive number");
  if (threads == 0) return nullptr;
  return std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                               static_cast<std::size_t>(threads));
}

std::string fmt(double v, int digits = 4) {
  if (std::isnan(v)) return "n/a";
  char b[64];
  std::snprintf(b, sizeof b, "%.*g", digits, v);
  return b;
}

}  // namespace

int run_map(const std::vector<std::string>& args) {
  const std::string usage =
      "usage: movemap map LOG [--actors FILE] --out DIR [options]\n\n"
      "Builds the movement's network from an interaction log and writes, into DIR:\n"
      "  network.graphml  for Gephi (actors with their attributes and measures; ties\n"
      "                   with weight, count, first_seen, last_seen, kinds)\n"
      "  nodes.csv        one row per actor: attributes, degree, strength, component\n"
      "  ties.csv         one row per tie\n"
      "  summary.json     rows read/accepted/rejected, network summary, actors by role\n"
      "LOG is CSV/TSV, JSON Lines or a JSON array (by extension, or --format); '-' is stdin.";
  const std::string examples =
      "Examples:\n"
      "  movemap map data-samples/interactions.csv --actors data-samples/actors.csv --out out/sample\n"
      "  movemap map log.csv --columns time=Date,source=From,target=To --undirected --out out/\n"
      "  movemap map export.csv --time-col When --skip-invalid out/rejects.csv --out out/\n";
  po::options_description desc("Options");
  std::string log, actors, out, format = "auto", delimiter, columns, actor_columns, rejects, attendance = "count",
                               attributes;
  int threads = 0;
  LogColumns lc;
  ActorColumns ac;
  desc.add_options()("help,h", "show this help")
      ("log", po::value(&log), "the interaction log (positional)")
      ("actors,a", po::value(&actors), "actor table (CSV/JSON): id, role, label, site, ...")
      ("out,o", po::value(&out)->required(), "output folder (created if missing)")
      ("directed", "treat ties as source -> target (default)")
      ("undirected", "symmetrise ties (A-B and B-A are one tie)")
      ("threads,t", po::value(&threads)->default_value(0), "worker threads (0 = all cores)")
      ("format", po::value(&format)->default_value("auto"), "log format: auto, csv, jsonl, json")
      ("delimiter", po::value(&delimiter), "CSV delimiter: ',' (default), ';', 'tab', ...")
      ("columns", po::value(&columns), "log column mapping, e.g. time=Date,source=From,target=To")
      ("time-col", po::value(&lc.time), "log column holding the time (default: time)")
      ("source-col", po::value(&lc.source), "log column holding the source actor (default: source)")
      ("target-col", po::value(&lc.target), "log column holding the target actor (default: target)")
      ("event-col", po::value(&lc.event), "log column holding the event id (default: event)")
      ("kind-col", po::value(&lc.kind), "log column holding the kind (default: kind)")
      ("weight-col", po::value(&lc.weight), "log column holding the weight (default: weight)")
      ("actor-columns", po::value(&actor_columns), "actor table mapping, e.g. id=ID,role=Type")
      ("id-col", po::value(&ac.id), "actor table column holding the id (default: id)")
      ("role-col", po::value(&ac.role), "actor table column holding the role (default: role)")
      ("label-col", po::value(&ac.label), "actor table column holding the label (default: label)")
      ("site-col", po::value(&ac.site), "actor table column holding the site (default: site)")
      ("skip-invalid", po::value(&rejects), "skip bad rows, writing them with reasons to this CSV file")
      ("attendance", po::value(&attendance)->default_value("count"),
       "co-attendance ties: count (1 per shared event), newman (1/(k-1)), or none (keep only the person-event form)")
      ("attributes", po::value(&attributes), "export only these actor attributes (comma-separated)")
      ("no-labels", "leave the label column out of every export")
      ("timings", "print the time each phase took (to standard error)")
      ("quiet,q", "print nothing but errors");
  const auto vm = parse(args, desc, usage, examples, true);
  if (!vm) return 0;
  if (log.empty()) throw UsageError("missing LOG\n(see: movemap map --help)");
  if (vm->count("directed") && vm->count("undirected"))
    throw UsageError("--directed and --undirected exclude each other");
  if (!columns.empty()) apply_column_mapping(columns, lc);
  if (!actor_columns.empty()) apply_column_mapping(actor_columns, ac);
  NetworkOptions nopt;
  nopt.directed = !vm->count("undirected");
  if (attendance == "count") nopt.attendance = AttendanceWeighting::Count;
  else if (attendance == "newman") nopt.attendance = AttendanceWeighting::Newman;
  else if (attendance == "none") nopt.attendance = AttendanceWeighting::None;
  else throw UsageError("--attendance \"" + attendance + "\": expected count, newman or none");
  const bool quiet = vm->count("quiet") > 0;
  const auto limit = thread_limit(threads);
  install_interrupt_handler();

  const auto t0 = std::chrono::steady_clock::now();
  const bool timings = vm->count("timings") > 0;
  auto phase_start = t0;
  auto phase = [&](const char* name) {
    const auto now = std::chrono::steady_clock::now();
    if (timings) std::fprintf(stderr, "  [time] %-22s %8.3f s\n", name, std::chrono::duration<double>(now - phase_start).count());
    phase_start = now;
  };
  LogReadOptions lopt;
  lopt.format = parse_log_format(format);
  lopt.delimiter = parse_delimiter(delimiter);
  lopt.columns = lc;
  lopt.rejects_path = rejects;
  ensure_directory(out);
  std::optional<ActorTable> table;
  if (!actors.empty()) {
    ActorReadOptions aopt;
    aopt.columns = ac;
    aopt.delimiter = lopt.delimiter;
    table = read_actor_table(actors, aopt);
  }
  ProgressBar bar("reading log", !quiet);
  lopt.progress = [&](double f) { return bar.update(f); };
  LogReadResult read = read_interaction_log(log, lopt);
  bar.done();
  if (interrupted()) throw Cancelled();
  phase("read log + actors");
  const Network net = build_network(std::move(read.log), table ? &*table : nullptr, nopt);
  read.log = InteractionLog{};
  phase("build network");
  const NetworkSummary summary = summarize(net);
  phase("measures + summary");

  const NodeMeasures measures = degree_measures(net);
  ExportOptions eopt;
  eopt.attributes = split_list(attributes);
  eopt.labels = !vm->count("no-labels");
  const std::string dir = out + (out.back() == '/' ? "" : "/");
  write_graphml(dir + "network.graphml", net, measures, eopt);
  phase("write GraphML");
  write_node_table(dir + "nodes.csv", net, measures, eopt);
  write_tie_table(dir + "ties.csv", net);
  write_summary_json(dir + "summary.json", summary, read.stats);
  phase("write CSV + JSON");
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  if (!quiet) {
    const ReadStats& s = read.stats;
    const NetworkStats& st = summary.stats;
    std::printf("movemap map: %s\n", log.c_str());
    std::printf("  rows read      %llu = %llu accepted + %llu rejected%s\n", (unsigned long long)s.rows_read,
                (unsigned long long)s.accepted, (unsigned long long)s.rejected,
                rejects.empty() ? "" : (" (rejects: " + rejects + ")").c_str());
    std::printf("  interactions   %llu between actors, %llu attendances at %llu events\n",
                (unsigned long long)st.pair_rows, (unsigned long long)st.attendance_rows,
                (unsigned long long)summary.events);
    std::printf("  actors         %llu (%llu from the actor table, %llu created from the log as role 'unknown', "
                "%llu without interactions)\n",
                (unsigned long long)summary.actors, (unsigned long long)st.actors_in_table,
                (unsigned long long)st.actors_created, (unsigned long long)st.actors_without_interactions);
    std::string roles;
    for (const auto& [r, c] : summary.actors_by_role) roles += (roles.empty() ? "" : ", ") + r + " " + std::to_string(c);
    std::printf("  by role        %s\n", roles.c_str());
    std::printf("  ties           %llu (%s), density %s, reciprocity %s\n", (unsigned long long)summary.ties,
                summary.directed ? "directed" : "undirected", fmt(summary.density).c_str(),
                fmt(summary.reciprocity).c_str());
    std::printf("  components     %llu weak, %llu strong; largest holds %llu actors (%s%%)\n",
                (unsigned long long)summary.weak_components, (unsigned long long)summary.strong_components,
                (unsigned long long)summary.largest_component, fmt(100 * summary.largest_component_share, 3).c_str());
    std::printf("  wrote          %snetwork.graphml, nodes.csv, ties.csv, summary.json  (%.2f s)\n", dir.c_str(), secs);
  }
  return 0;
}

int run_generate(const std::vector<std::string>& args) {
  const std::string usage =
      "usage: movemap generate --actors N --interactions M --seed S --out DIR [options]\n\n"
      "Writes a synthetic, role-structured movement (interactions.csv, actors.csv) into\n"
      "DIR: citizens, champions, anchor organisations and services across sites,\n"
      "joining over time, with referrals, meetings, messages, volunteering, funding and\n"
      "group events. The same options and seed give the same files on every machine.";
  const std::string examples =
      "Examples:\n"
      "  movemap generate --actors 600 --interactions 12000 --sites 2 --months 24 --seed 2024 --out data-samples/\n"
      "  movemap generate --actors 1000000 --interactions 10000000 --seed 7 --out bench/data/L\n";
  GeneratorOptions g;
  std::string out;
  int threads = 0;
  po::options_description desc("Options");
  desc.add_options()("help,h", "show this help")
      ("actors", po::value(&g.actors)->default_value(g.actors), "number of actors")
      ("interactions", po::value(&g.interactions)->default_value(g.interactions), "number of log rows")
      ("sites", po::value(&g.sites)->default_value(g.sites), "number of sites")
      ("months", po::value(&g.months)->default_value(g.months), "length of the period in months")
      ("seed", po::value(&g.seed)->default_value(g.seed), "random seed")
      ("start", po::value<std::string>(), "first day (YYYY-MM-DD, default 2023-01-01)")
      ("attendance-share", po::value(&g.attendance_share)->default_value(g.attendance_share),
       "share of rows that are event attendance")
      ("threads,t", po::value(&threads)->default_value(0), "worker threads (0 = all cores)")
      ("out,o", po::value(&out)->required(), "output folder")
      ("quiet,q", "print nothing but errors");
  const auto vm = parse(args, desc, usage, examples, false);
  if (!vm) return 0;
  if (vm->count("start")) {
    const std::string start = (*vm)["start"].as<std::string>();
    std::string why;
    const auto t = parse_timestamp(start, &why);
    if (!t) throw UsageError("--start \"" + start + "\": " + why + "; expected a date like 2023-01-01");
    g.start = *t;
  }
  const auto limit = thread_limit(threads);
  const auto t0 = std::chrono::steady_clock::now();
  const GeneratedMovement m = generate_movement(g);
  ensure_directory(out);
  write_generated_movement(m, out);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!vm->count("quiet"))
    std::printf("movemap generate: %zu actors, %zu rows (%zu events) -> %s/interactions.csv, actors.csv (%.2f s)\n",
                m.actors.size(), m.rows(), m.events.size(), out.c_str(), secs);
  return 0;
}

}  // namespace movemap::cli
