#include "io/cli/commands.hpp"

#include <boost/program_options.hpp>
#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "io/actor_table_reader.hpp"
#include "io/atomic_file.hpp"
#include "io/centrality_measures.hpp"
#include "io/cli/progress_bar.hpp"
#include "io/column_mapping.hpp"
#include "io/csv_writer.hpp"
#include "io/graphml_writer.hpp"
#include "io/interaction_log_reader.hpp"
#include "io/interaction_log_writer.hpp"
#include "io/json_writer.hpp"
#include "io/timestamp_parser.hpp"
#include "movemap/centrality/degree.hpp"
#include "movemap/centrality/path_length.hpp"
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

// The options of every verb that reads a log (map, centrality, ...) and the
// network they lead to: one place parses, checks, reads, builds and writes.
struct InputOptions {
  std::string log, actors, out, format = "auto", delimiter, columns, actor_columns, rejects, attendance = "count",
                                attributes;
  int threads = 0;
  LogColumns lc;
  ActorColumns ac;

  void add_to(po::options_description& desc) {
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
         "co-attendance ties: count (1 per shared event), newman (1/(k-1)), or none (keep only the person-event "
         "form)")
        ("attributes", po::value(&attributes), "export only these actor attributes (comma-separated)")
        ("no-labels", "leave the label column out of every export")
        ("timings", "print the time each phase took (to standard error)")
        ("quiet,q", "print nothing but errors");
  }
};

// One run of a log-reading verb: checks the common options, reads the log
// and actor table, builds the network, and writes the common outputs.
class NetworkRun {
 public:
  NetworkRun(std::string verb, InputOptions& o, const po::variables_map& vm)
      : verb_(std::move(verb)), o_(o), quiet_(vm.count("quiet") > 0), timings_(vm.count("timings") > 0) {
    if (o.log.empty()) throw UsageError("missing LOG\n(see: movemap " + verb_ + " --help)");
    if (vm.count("directed") && vm.count("undirected"))
      throw UsageError("--directed and --undirected exclude each other");
    if (!o.columns.empty()) apply_column_mapping(o.columns, o.lc);
    if (!o.actor_columns.empty()) apply_column_mapping(o.actor_columns, o.ac);
    NetworkOptions nopt;
    nopt.directed = !vm.count("undirected");
    if (o.attendance == "count") nopt.attendance = AttendanceWeighting::Count;
    else if (o.attendance == "newman") nopt.attendance = AttendanceWeighting::Newman;
    else if (o.attendance == "none") nopt.attendance = AttendanceWeighting::None;
    else throw UsageError("--attendance \"" + o.attendance + "\": expected count, newman or none");
    exports_.attributes = split_list(o.attributes);
    exports_.labels = !vm.count("no-labels");
    limit_ = thread_limit(o.threads);
    install_interrupt_handler();
    read_and_build(nopt);
  }

  const Network& net() const { return net_; }
  bool quiet() const { return quiet_; }
  const std::string& dir() const { return dir_; }

  void phase(const char* name) {
    const auto now = std::chrono::steady_clock::now();
    if (timings_)
      std::fprintf(stderr, "  [time] %-22s %8.3f s\n", name, std::chrono::duration<double>(now - phase_start_).count());
    phase_start_ = now;
  }
  double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count(); }

  // network.graphml, nodes.csv, ties.csv, summary.json (each atomic). Not
  // started once Ctrl-C was pressed, so a cancelled run writes nothing.
  void write(const NodeMeasures& measures, const TieColumns& ties, const NetworkSummary& summary,
             const CentralityOutput* centrality = nullptr, const CentralityRequest* request = nullptr) {
    if (interrupted()) throw Cancelled();
    write_graphml(dir_ + "network.graphml", net_, measures, exports_, ties);
    phase("write GraphML");
    write_node_table(dir_ + "nodes.csv", net_, measures, exports_);
    write_tie_table(dir_ + "ties.csv", net_, ties);
    write_summary_json(dir_ + "summary.json", summary, stats_, centrality, request);
    phase("write CSV + JSON");
  }

  // The lines every verb prints about its input and network.
  void print_summary(const NetworkSummary& summary) const {
    const ReadStats& s = stats_;
    const NetworkStats& st = summary.stats;
    std::printf("movemap %s: %s\n", verb_.c_str(), o_.log.c_str());
    std::printf("  rows read      %llu = %llu accepted + %llu rejected%s\n", (unsigned long long)s.rows_read,
                (unsigned long long)s.accepted, (unsigned long long)s.rejected,
                o_.rejects.empty() ? "" : (" (rejects: " + o_.rejects + ")").c_str());
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
  }
  void print_written() const {
    std::printf("  wrote          %snetwork.graphml, nodes.csv, ties.csv, summary.json  (%.2f s)\n", dir_.c_str(),
                seconds());
  }

 private:
  void read_and_build(const NetworkOptions& nopt) {
    LogReadOptions lopt;
    lopt.format = parse_log_format(o_.format);
    lopt.delimiter = parse_delimiter(o_.delimiter);
    lopt.columns = o_.lc;
    lopt.rejects_path = o_.rejects;
    ensure_directory(o_.out);
    dir_ = o_.out + (o_.out.back() == '/' ? "" : "/");
    std::optional<ActorTable> table;
    if (!o_.actors.empty()) {
      ActorReadOptions aopt;
      aopt.columns = o_.ac;
      aopt.delimiter = lopt.delimiter;
      table = read_actor_table(o_.actors, aopt);
    }
    ProgressBar bar("reading log", !quiet_);
    lopt.progress = [&](double f) { return bar.update(f); };
    LogReadResult read = read_interaction_log(o_.log, lopt);
    bar.done();
    if (interrupted()) throw Cancelled();
    stats_ = std::move(read.stats);
    phase("read log + actors");
    net_ = build_network(std::move(read.log), table ? &*table : nullptr, nopt);
    read.log = InteractionLog{};
    phase("build network");
  }

  std::string verb_;
  const InputOptions& o_;
  bool quiet_, timings_;
  ExportOptions exports_;
  std::unique_ptr<tbb::global_control> limit_;
  std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now(), phase_start_ = t0_;
  std::string dir_;
  ReadStats stats_;
  Network net_;
};

// `into` followed by the columns of `more` whose names it does not have yet
// (a measure the map columns already carry is written once).
void append_new_columns(NodeMeasures& into, NodeMeasures&& more) {
  for (auto& c : more.columns) {
    const bool present = std::any_of(into.columns.begin(), into.columns.end(),
                                     [&](const MeasureColumn& m) { return m.name == c.name; });
    if (!present) into.columns.push_back(std::move(c));
  }
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
  InputOptions in;
  po::options_description desc("Options");
  in.add_to(desc);
  const auto vm = parse(args, desc, usage, examples, true);
  if (!vm) return 0;
  NetworkRun run("map", in, *vm);
  const NetworkSummary summary = summarize(run.net());
  const NodeMeasures measures = degree_measures(run.net());
  run.phase("measures + summary");
  run.write(measures, {}, summary);
  if (!run.quiet()) {
    run.print_summary(summary);
    run.print_written();
  }
  return 0;
}

namespace {

// "a1 (0.25), b7 (0.2), c3 (0.125)": the three highest values of a column,
// ties broken by node id.
std::string top_actors(const Network& net, const MeasureColumn& c) {
  const std::size_t n = net.actors.size();
  auto value = [&](std::size_t u) { return c.integer ? static_cast<double>(c.ints[u]) : c.reals[u]; };
  if (n && std::isnan(value(0))) return "not computed (see notes in summary.json)";
  std::vector<node_id> order(n);
  for (node_id u = 0; u < n; ++u) order[u] = u;
  const std::size_t k = std::min<std::size_t>(3, n);
  std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](node_id a, node_id b) {
    return value(a) > value(b) || (value(a) == value(b) && a < b);
  });
  std::string out;
  for (std::size_t i = 0; i < k; ++i)
    out += (i ? ", " : "") + std::string(net.actors.name(order[i])) + " (" + fmt(value(order[i])) + ")";
  return out;
}

// `columns`: every node column written (the map columns and the measures').
void print_centrality(const Network& net, const CentralityOutput& c, const CentralityRequest& r,
                      const NodeMeasures& columns) {
  std::string measures;
  for (const auto& m : c.measures) measures += (measures.empty() ? "" : ", ") + m;
  std::printf("  centrality     %s (path lengths: %s)\n", measures.c_str(), to_string(r.length));
  std::string network;
  for (const auto& [k, v] : c.network) network += (network.empty() ? "" : ", ") + k + " " + fmt(v);
  std::printf("  network        %s\n", network.c_str());
  for (const auto& col : columns.columns) {
    const bool headline = col.name == "degree_centrality" ||
                          std::find(c.measures.begin(), c.measures.end(), col.name) != c.measures.end();
    if (headline) std::printf("  top %-21s %s\n", (col.name + ":").c_str(), top_actors(net, col).c_str());
  }
  if (!c.ties.empty()) std::printf("  tie columns    betweenness (ties.csv, GraphML edge attribute)\n");
}

}  // namespace

int run_centrality(const std::vector<std::string>& args) {
  const std::string usage =
      "usage: movemap centrality LOG [--actors FILE] --out DIR [--measures NAME,...] [options]\n\n"
      "Builds the network as `movemap map` does and computes centrality measures. Writes,\n"
      "into DIR, the map outputs with the measures added:\n"
      "  network.graphml  node attributes per measure (tie_betweenness: edge attribute)\n"
      "  nodes.csv        the map columns, then one column per measure\n"
      "  ties.csv         + betweenness when tie_betweenness is asked for\n"
      "  summary.json     + \"centrality\": measures, options, network-level values, notes\n"
      "Measures: degree, betweenness, tie_betweenness, betweenness_sampled, closeness,\n"
      "harmonic, eigenvector, pagerank, katz, core, clustering. Default: degree,\n"
      "betweenness, closeness, harmonic, pagerank, eigenvector, core, clustering.\n"
      "Conventions (networkx's) and column names: docs/centrality.md.";
  const std::string examples =
      "Examples:\n"
      "  movemap centrality data-samples/interactions.csv --actors data-samples/actors.csv --out out/centrality\n"
      "  movemap centrality log.csv --measures betweenness,tie_betweenness --length inverse --undirected --out out/\n"
      "  movemap centrality log.csv --actors actors.csv --measures pagerank --seeds role=champion --out out/\n"
      "  movemap centrality big.csv --measures betweenness_sampled --epsilon 0.005 --seed 7 --out out/\n";
  InputOptions in;
  CentralityRequest req;
  std::string measures, length = "hops", seeds;
  po::options_description desc("Options");
  in.add_to(desc);
  po::options_description cdesc("Centrality options");
  cdesc.add_options()
      ("measures,m", po::value(&measures), "comma-separated measures (default: the default set above)")
      ("length", po::value(&length)->default_value("hops"),
       "tie length for betweenness/closeness/harmonic: hops (1 per tie), inverse (1/weight: strong ties are "
       "short), weight")
      ("raw", "un-normalised betweenness (node and tie), as networkx normalized=False")
      ("no-wf-improved", "closeness without the Wasserman-Faust scaling for disconnected graphs")
      ("epsilon", po::value(&req.epsilon)->default_value(req.epsilon, fmt(req.epsilon, 6)), "betweenness_sampled: maximum error")
      ("delta", po::value(&req.delta)->default_value(req.delta, fmt(req.delta, 6)), "betweenness_sampled: failure probability")
      ("seed", po::value(&req.seed)->default_value(req.seed), "betweenness_sampled: random seed")
      ("alpha", po::value(&req.pagerank_alpha)->default_value(req.pagerank_alpha, fmt(req.pagerank_alpha, 6)), "PageRank damping")
      ("seeds", po::value(&seeds),
       "personalised PageRank: comma-separated actor ids and/or ATTRIBUTE=VALUE (e.g. role=champion)")
      ("katz-alpha", po::value(&req.katz_alpha)->default_value(req.katz_alpha, fmt(req.katz_alpha, 6)),
       "Katz attenuation (below 1 / largest eigenvalue)")
      ("katz-beta", po::value(&req.katz_beta)->default_value(req.katz_beta, fmt(req.katz_beta, 6)), "Katz constant term")
      ("tolerance", po::value(&req.tolerance)->default_value(req.tolerance, fmt(req.tolerance, 6)),
       "eigenvector/pagerank/katz: stop when the change per node is below this")
      ("max-iterations", po::value(&req.max_iterations)->default_value(req.max_iterations),
       "eigenvector/pagerank/katz: iteration limit")
      ("unweighted", "eigenvector/pagerank/katz ignore tie weights");
  desc.add(cdesc);
  const auto vm = parse(args, desc, usage, examples, true);
  if (!vm) return 0;
  req.measures = split_list(measures);
  try {
    req.length = parse_path_length(length);
  } catch (const Error&) {
    throw UsageError("--length \"" + length + "\": expected hops, inverse or weight");
  }
  req.normalized = !vm->count("raw");
  req.wf_improved = !vm->count("no-wf-improved");
  req.weighted = !vm->count("unweighted");
  req.seeds = split_list(seeds);
  check_centrality_request(req);
  NetworkRun run("centrality", in, *vm);
  const NetworkSummary summary = summarize(run.net());
  run.phase("summary");

  ProgressBar bar("centrality", !run.quiet());
  req.progress = [&](double f) { return bar.update(f); };
  CentralityOutput c = compute_centrality(run.net(), req);
  bar.done();
  run.phase("centrality");
  NodeMeasures columns = degree_measures(run.net());
  append_new_columns(columns, std::move(c.nodes));
  run.write(columns, c.ties, summary, &c, &req);
  if (!run.quiet()) {
    run.print_summary(summary);
    print_centrality(run.net(), c, req, columns);
    run.print_written();
    for (const auto& [k, v] : c.notes)
      if (k.size() > 6 && k.compare(k.size() - 6, 6, "_error") == 0)
        std::fprintf(stderr, "movemap centrality: warning: %s (column written as NaN)\n", v.c_str());
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
