// What every log-reading verb shares: option parsing helpers, the input
// options (InputOptions) and one run from log to written outputs (NetworkRun).
// A verb lives in its own file (io/cli/<verb>_command.cpp or commands.cpp)
// and uses these.
#pragma once
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
#include "movemap/subnetwork.hpp"

#include "io/node_measures.hpp"

namespace po = boost::program_options;

namespace movemap::cli {


// Parses `args` against `desc` (+ one positional LOG when `positional`);
// returns nullopt after printing help.
inline std::optional<po::variables_map> parse(const std::vector<std::string>& args, const po::options_description& desc,
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

inline char parse_delimiter(const std::string& d) {
  if (d.empty()) return 0;
  if (d == "\\t" || d == "tab" || d == "\t") return '\t';
  if (d.size() == 1 && d[0] != '"' && d[0] != '\n' && d[0] != '\r') return d[0];
  throw UsageError("--delimiter \"" + d + "\": expected one character (e.g. ',' ';' or 'tab')");
}

inline std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

inline std::unique_ptr<tbb::global_control> thread_limit(int threads) {
  if (threads < 0) throw UsageError("--threads must be 0 (all cores) or a positive number");
  if (threads == 0) return nullptr;
  return std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                               static_cast<std::size_t>(threads));
}

inline std::string fmt(double v, int digits = 4) {
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
  std::string roles, sites, from, to;  // restriction applied after building (subnetwork.hpp)
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
        ("roles", po::value(&roles), "keep only actors with these roles (comma-separated), e.g. champion,anchor")
        ("sites", po::value(&sites), "keep only actors at these sites (comma-separated)")
        ("from", po::value(&from), "keep only interactions at or after this time (ISO 8601 or Unix seconds)")
        ("to", po::value(&to), "keep only interactions before this time (ISO 8601 or Unix seconds)")
        ("attributes", po::value(&attributes), "export only these actor attributes (comma-separated)")
        ("no-labels", "leave the label column out of every export")
        ("timings", "print the time each phase took (to standard error)")
        ("quiet,q", "print nothing but errors");
  }
};

// One run of a log-reading verb: checks the common options, reads the log
// and actor table, builds the network, and writes the common outputs.
// `keep_contacts`: keep every interaction as a time-stamped contact
// (Network::contacts, 36 bytes each) for the temporal verbs.
class NetworkRun {
 public:
  NetworkRun(std::string verb, InputOptions& o, const po::variables_map& vm, bool keep_contacts = false)
      : verb_(std::move(verb)), o_(o), quiet_(vm.count("quiet") > 0), timings_(vm.count("timings") > 0) {
    if (o.log.empty()) throw UsageError("missing LOG\n(see: movemap " + verb_ + " --help)");
    if (vm.count("directed") && vm.count("undirected"))
      throw UsageError("--directed and --undirected exclude each other");
    if (!o.columns.empty()) apply_column_mapping(o.columns, o.lc);
    if (!o.actor_columns.empty()) apply_column_mapping(o.actor_columns, o.ac);
    NetworkOptions nopt;
    nopt.directed = !vm.count("undirected");
    nopt.keep_contacts = keep_contacts;
    if (o.attendance == "count") nopt.attendance = AttendanceWeighting::Count;
    else if (o.attendance == "newman") nopt.attendance = AttendanceWeighting::Newman;
    else if (o.attendance == "none") nopt.attendance = AttendanceWeighting::None;
    else throw UsageError("--attendance \"" + o.attendance + "\": expected count, newman or none");
    if (!o.from.empty() || !o.to.empty()) nopt.keep_contacts = true;  // --from/--to cut the contacts
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
    restrict_network();
    phase("build network");
  }

  // --roles, --sites, --from, --to: the network restricted (subnetwork.hpp).
  void restrict_network() {
    if (o_.roles.empty() && o_.sites.empty() && o_.from.empty() && o_.to.empty()) return;
    SubnetworkOptions so;
    for (const auto& [column, list] : {std::pair<const char*, const std::string&>{"role", o_.roles},
                                       std::pair<const char*, const std::string&>{"site", o_.sites}}) {
      if (list.empty()) continue;
      const std::vector<std::uint8_t> keep = nodes_with_attribute(net_, column, split_list(list));
      if (so.keep_node.empty()) so.keep_node = keep;
      else
        for (std::size_t u = 0; u < keep.size(); ++u) so.keep_node[u] &= keep[u];
    }
    auto time_of = [](const std::string& text, const char* option) -> std::optional<timestamp> {
      if (text.empty()) return std::nullopt;
      std::string reason;
      const auto t = parse_timestamp(text, &reason);
      if (!t)
        throw UsageError(std::string(option) + " \"" + text + "\": " + reason +
                         "; expected an ISO 8601 date or date-time (2024-03-01, 2024-03-01T09:30:00Z) or Unix seconds");
      return t;
    };
    so.from = time_of(o_.from, "--from");
    so.to = time_of(o_.to, "--to");
    net_ = subnetwork(net_, so);
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
inline void append_new_columns(NodeMeasures& into, NodeMeasures&& more) {
  for (auto& c : more.columns) {
    const bool present = std::any_of(into.columns.begin(), into.columns.end(),
                                     [&](const MeasureColumn& m) { return m.name == c.name; });
    if (!present) into.columns.push_back(std::move(c));
  }
}

}  // namespace movemap::cli
