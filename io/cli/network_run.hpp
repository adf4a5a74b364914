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
#include "io/gexf_writer.hpp"
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

#include "io/group_suppression.hpp"
#include "io/memory_estimate.hpp"
#include "io/node_measures.hpp"
#include "io/pseudonymise.hpp"
#include "io/role_change_reader.hpp"
#include "io/run_manifest.hpp"

#include <boost/any.hpp>
#include <filesystem>
#include <exception>

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

// The command line (argv after the program name), set once by main() for
// the run manifest.
inline std::vector<std::string>& command_line() {
  static std::vector<std::string> args;
  return args;
}

// An option's value as the manifest writes it (flags: true).
inline ManifestValue manifest_value(const po::variable_value& v) {
  const boost::any& a = v.value();
  if (a.empty()) return true;
  if (const auto* s = boost::any_cast<std::string>(&a)) return *s;
  if (const auto* i = boost::any_cast<int>(&a)) return static_cast<std::int64_t>(*i);
  if (const auto* i = boost::any_cast<long>(&a)) return static_cast<std::int64_t>(*i);
  if (const auto* i = boost::any_cast<long long>(&a)) return static_cast<std::int64_t>(*i);
  if (const auto* u = boost::any_cast<unsigned>(&a)) return static_cast<std::uint64_t>(*u);
  if (const auto* u = boost::any_cast<unsigned long>(&a)) return static_cast<std::uint64_t>(*u);
  if (const auto* u = boost::any_cast<unsigned long long>(&a)) return static_cast<std::uint64_t>(*u);
  if (const auto* d = boost::any_cast<double>(&a)) return *d;
  if (const auto* f = boost::any_cast<float>(&a)) return static_cast<double>(*f);
  if (const auto* b = boost::any_cast<bool>(&a)) return *b;
  if (const auto* l = boost::any_cast<std::vector<std::string>>(&a)) {
    std::string joined;
    for (const auto& x : *l) joined += (joined.empty() ? "" : ",") + x;
    return joined;
  }
  return std::string("(value of type ") + a.type().name() + ")";
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
                                attributes, pseudonymise;
  std::string roles, sites, from, to;  // restriction applied after building (subnetwork.hpp)
  std::string role_changes, role_change_columns;  // the role-change table (role_changes.hpp)
  int threads = 0;
  bool gexf = false;           // --gexf: also write network.gexf (static)
  bool keep_contacts = false;  // set by verbs that need Network::contacts (temporal measures)
  unsigned min_group_size = 0;
  LogColumns lc;
  ActorColumns ac;
  RoleChangeColumns rc;

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
        ("role-changes", po::value(&role_changes),
         "role-change table (CSV/TSV: id, time, from, to): at time, actor id changed role (a citizen becomes a "
         "champion); docs/data-model.md")
        ("role-change-columns", po::value(&role_change_columns),
         "role-change table mapping, e.g. id=Person,time=Date,from=Old,to=New")
        ("skip-invalid", po::value(&rejects), "skip bad rows, writing them with reasons to this CSV file")
        ("attendance", po::value(&attendance)->default_value("count"),
         "co-attendance ties: count (1 per shared event), newman (1/(k-1)), or none (keep only the person-event "
         "form)")
        ("roles", po::value(&roles), "keep only actors with these roles (comma-separated), e.g. champion,anchor")
        ("sites", po::value(&sites), "keep only actors at these sites (comma-separated)")
        ("from", po::value(&from), "keep only interactions at or after this time (ISO 8601 or Unix seconds)")
        ("to", po::value(&to), "keep only interactions before this time (ISO 8601 or Unix seconds)")
        ("attributes", po::value(&attributes),
         "export only these actor attributes (comma-separated); with --pseudonymise, the attributes kept "
         "(default there: role,site)")
        ("no-labels", "leave the label column out of every export")
        ("gexf", po::bool_switch(&gexf), "also write network.gexf (GEXF 1.3 for Gephi)")
        ("pseudonymise", po::value(&pseudonymise),
         "replace every actor id in every output by HMAC-SHA-256(key, id) (first 16 bytes, hex) with the key in "
         "this FILE (raw bytes, >= 16; e.g. head -c 32 /dev/urandom > FILE); drops labels and every attribute "
         "but role and site unless named by --attributes. Not with --skip-invalid (see docs/trust.md)")
        ("min-group-size", po::value(&min_group_size)->default_value(0),
         "suppress group-level counts (actors by role, ...) of groups with fewer than K actors (blank, flagged "
         "'suppressed'); 0 = off")
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
    if (!o.role_change_columns.empty()) apply_column_mapping(o.role_change_columns, o.rc);
    NetworkOptions nopt;
    nopt.directed = !vm.count("undirected");
    nopt.keep_contacts = o.keep_contacts;
    if (o.attendance == "count") nopt.attendance = AttendanceWeighting::Count;
    else if (o.attendance == "newman") nopt.attendance = AttendanceWeighting::Newman;
    else if (o.attendance == "none") nopt.attendance = AttendanceWeighting::None;
    else throw UsageError("--attendance \"" + o.attendance + "\": expected count, newman or none");
    if (!o.from.empty() || !o.to.empty()) nopt.keep_contacts = true;  // --from/--to cut the contacts
    exports_.attributes = split_list(o.attributes);
    exports_.labels = !vm.count("no-labels");
    if (!o.pseudonymise.empty()) {
      if (!o.rejects.empty())
        throw UsageError("--pseudonymise and --skip-invalid exclude each other: the rejects file holds the raw "
                         "rows, with their actor ids. Find and fix the bad rows in a run without --pseudonymise, "
                         "then pseudonymise the clean log");
      key_ = read_pseudonym_key(o.pseudonymise);
      exports_.attributes = pseudonymised_attributes(exports_.attributes);
      exports_.labels = exports_.labels && exports_.keeps("label");
    }
    limit_ = thread_limit(o.threads);
    install_interrupt_handler();
    record_manifest(vm);
    if (o.log != "-") check_memory(estimate_memory(o.log, o.actors));
    // Everything this run writes (the rejects file included) is renamed into
    // place only when the whole run succeeded (commit()).
    std::error_code ec;
    created_dir_ = !std::filesystem::exists(o.out, ec);
    batch_.emplace();
    try {
      read_and_build(nopt);
    } catch (...) {
      batch_.reset();
      remove_created_dir();
      throw;
    }
  }

  // A run that ends normally commits its outputs (writing manifest.json
  // first) if the verb did not; one ended by an exception leaves no file and
  // removes the output folder if it created it and it is empty.
  ~NetworkRun() noexcept(false) {
    if (batch_ && std::uncaught_exceptions() == exceptions_at_start_) {
      try {
        commit();
      } catch (...) {
        batch_.reset();
        remove_created_dir();
        throw;
      }
      return;
    }
    batch_.reset();
    remove_created_dir();
  }
  NetworkRun(const NetworkRun&) = delete;
  NetworkRun& operator=(const NetworkRun&) = delete;

  // Writes manifest.json and moves every output of the run into place
  // (io/atomic_file.hpp, OutputBatch). Called by print_written() and by the
  // destructor; later files are written atomically each on their own.
  void commit() {
    if (!batch_) return;
    if (interrupted()) throw Cancelled();
    manifest_.outputs.clear();
    for (const auto& t : batch_->targets())
      manifest_.outputs.push_back(t.compare(0, dir_.size(), dir_) == 0 ? t.substr(dir_.size()) : t);
    manifest_.outputs.push_back("manifest.json");
    write_manifest(dir_ + "manifest.json", manifest_);
    batch_->commit();
    batch_.reset();
  }

  // --min-group-size (0: no suppression).
  std::uint64_t min_group_size() const { return o_.min_group_size; }

  const Network& net() const { return net_; }
  bool quiet() const { return quiet_; }
  const std::string& dir() const { return dir_; }
  const ExportOptions& exports() const { return exports_; }

  void phase(const char* name) {
    const auto now = std::chrono::steady_clock::now();
    manifest_.timings.emplace_back(name, std::chrono::duration<double>(now - phase_start_).count());
    if (timings_)
      std::fprintf(stderr, "  [time] %-22s %8.3f s\n", name, std::chrono::duration<double>(now - phase_start_).count());
    phase_start_ = now;
  }
  double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count(); }

  // network.graphml, nodes.csv, ties.csv, summary.json (each atomic), and
  // network.gexf with --gexf. Not started once Ctrl-C was pressed, so a
  // cancelled run writes nothing.
  void write(const NodeMeasures& measures, const TieColumns& ties, const NetworkSummary& summary,
             const CentralityOutput* centrality = nullptr, const CentralityRequest* request = nullptr) {
    if (interrupted()) throw Cancelled();
    write_graphml(dir_ + "network.graphml", net_, measures, exports_, ties);
    phase("write GraphML");
    if (o_.gexf) {
      GexfOptions g;
      g.exports = exports_;
      write_gexf(dir_ + "network.gexf", net_, measures, g, ties);
      phase("write GEXF");
    }
    write_node_table(dir_ + "nodes.csv", net_, measures, exports_);
    write_tie_table(dir_ + "ties.csv", net_, ties);
    write_summary_json(dir_ + "summary.json", summary, stats_, centrality, request, o_.min_group_size);
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
    const GroupTable by_role = actors_by_role_table(summary, o_.min_group_size);
    for (const auto& r : by_role.rows)
      roles += (roles.empty() ? "" : ", ") + r.group + " " +
               (r.suppressed ? std::string("(suppressed)") : std::to_string(*r.actors));
    std::printf("  by role        %s\n", roles.c_str());
    std::printf("  ties           %llu (%s), density %s, reciprocity %s\n", (unsigned long long)summary.ties,
                summary.directed ? "directed" : "undirected", fmt(summary.density).c_str(),
                fmt(summary.reciprocity).c_str());
    std::printf("  components     %llu weak, %llu strong; largest holds %llu actors (%s%%)\n",
                (unsigned long long)summary.weak_components, (unsigned long long)summary.strong_components,
                (unsigned long long)summary.largest_component, fmt(100 * summary.largest_component_share, 3).c_str());
  }
  void print_written() {
    commit();
    std::printf("  wrote          %snetwork.graphml, %snodes.csv, ties.csv, summary.json, manifest.json  (%.2f s)\n",
                dir_.c_str(), o_.gexf ? "network.gexf, " : "", seconds());
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
    std::optional<RoleChangeTable> changes;
    if (!o_.role_changes.empty()) {
      RoleChangeReadOptions ropt;
      ropt.columns = o_.rc;
      ropt.delimiter = lopt.delimiter;
      changes = read_role_changes(o_.role_changes, ropt);
    }
    ProgressBar bar("reading log", !quiet_);
    lopt.progress = [&](double f) { return bar.update(f); };
    LogReadResult read = read_interaction_log(o_.log, lopt);
    bar.done();
    if (interrupted()) throw Cancelled();
    stats_ = std::move(read.stats);
    phase("read log + actors");
    net_ = build_network(std::move(read.log), table ? &*table : nullptr, nopt, changes ? &*changes : nullptr);
    read.log = InteractionLog{};
    restrict_network();
    phase("build network");
    if (!key_.empty()) {
      pseudonymise(net_, key_, exports_.attributes);
      std::fill(key_.begin(), key_.end(), '\0');
      key_.clear();
      phase("pseudonymise");
    }
  }

  void remove_created_dir() noexcept {
    std::error_code ec;
    if (created_dir_) std::filesystem::remove(o_.out, ec);  // only if empty
  }

  void record_manifest(const po::variables_map& vm) {
    manifest_.verb = verb_;
    manifest_.command = command_line();
    manifest_.inputs.emplace_back("log", o_.log);
    if (!o_.actors.empty()) manifest_.inputs.emplace_back("actors", o_.actors);
    if (!o_.role_changes.empty()) manifest_.inputs.emplace_back("role_changes", o_.role_changes);
    const LogColumns& l = o_.lc;
    manifest_.log_columns = {{"time", l.time},   {"source", l.source}, {"target", l.target},
                             {"event", l.event}, {"kind", l.kind},     {"weight", l.weight}};
    const ActorColumns& a = o_.ac;
    manifest_.actor_columns = {{"id", a.id}, {"role", a.role}, {"label", a.label}, {"site", a.site}};
    for (const auto& [name, v] : vm)
      if (name != "threads" && name != "help") manifest_.options.emplace_back(name, manifest_value(v));
    manifest_.pseudonym_key_file = o_.pseudonymise;
    manifest_.threads_requested = o_.threads;
    manifest_.threads_used = tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
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
  std::string key_;  // cleared once the network is pseudonymised
  RunManifest manifest_;
  std::optional<OutputBatch> batch_;
  bool created_dir_ = false;
  int exceptions_at_start_ = std::uncaught_exceptions();
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
