#include "io/cli/commands.hpp"

#include "io/cli/network_run.hpp"

namespace movemap::cli {

int run_map(const std::vector<std::string>& args) {
  const std::string usage =
      "usage: movemap map LOG [--actors FILE] --out DIR [options]\n\n"
      "Builds the movement's network from an interaction log and writes, into DIR:\n"
      "  network.graphml  for Gephi (actors with their attributes and measures; ties\n"
      "                   with weight, count, first_seen, last_seen, kinds)\n"
      "  nodes.csv        one row per actor: attributes, degree, strength, component\n"
      "  ties.csv         one row per tie\n"
      "  summary.json     rows read/accepted/rejected, network summary, actors by role\n"
      "  network.gexf     with --gexf: GEXF 1.3 for Gephi, the same columns as the GraphML\n"
      "  manifest.json    version, command line, inputs with SHA-256, options, timings\n"
      "LOG is CSV/TSV, JSON Lines or a JSON array (by extension, or --format); '-' is stdin.\n"
      "The files appear together when the run succeeds, or not at all. Personal data:\n"
      "--pseudonymise KEYFILE, --min-group-size K (docs/trust.md).";
  const std::string examples =
      "Examples:\n"
      "  movemap map data-samples/interactions.csv --actors data-samples/actors.csv --out out/sample\n"
      "  movemap map log.csv --columns time=Date,source=From,target=To --undirected --out out/\n"
      "  movemap map export.csv --time-col When --skip-invalid out/rejects.csv --out out/\n"
      "  head -c 32 /dev/urandom > project.key   # once; keep it apart from the exports\n"
      "  movemap map log.csv --actors actors.csv --pseudonymise project.key --min-group-size 5 --out share/\n";
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
      "  manifest.json    version, command line, inputs with SHA-256, options, timings\n"
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
       "personalised PageRank: comma-separated actor ids and/or ATTRIBUTE=VALUE (e.g. role=champion); "
       "with --pseudonymise, ids are pseudonyms")
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
