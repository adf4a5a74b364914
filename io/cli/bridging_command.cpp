// movemap bridging: structural holes, brokerage roles, cut points,
// communities, mixing, E-I index and key players (io/bridging_measures.hpp).
#include "io/bridging_measures.hpp"
#include "io/cli/commands.hpp"
#include "io/cli/network_run.hpp"

namespace movemap::cli {
namespace {

void print_bridging(const BridgingOutput& b, const std::vector<std::string>& files) {
  std::string measures;
  for (const auto& m : b.measures) measures += (measures.empty() ? "" : ", ") + m;
  std::printf("  bridging       %s\n", measures.c_str());
  if (!b.group_by.empty()) {
    std::string groups;
    for (const auto& gc : b.groups)
      groups += (groups.empty() ? "" : "; ") + gc.attribute + " (" + std::to_string(gc.names.size()) + " groups)";
    std::printf("  groups         %s\n", groups.c_str());
  }
  std::string network;
  for (const auto& [k, v] : b.network) network += (network.empty() ? "" : ", ") + k + " " + fmt(v);
  if (!network.empty()) std::printf("  network        %s\n", network.c_str());
  for (const auto& t : b.tables)
    if (t.kind == "key_players" && t.rows) {
      std::string ids;
      for (std::size_t i = 0; i < t.rows && i < 5; ++i) ids += (i ? ", " : "") + t.columns[1].text[i];
      std::printf("  key players    %s%s\n", ids.c_str(), t.rows > 5 ? ", ..." : "");
    }
  std::string written;
  for (const auto& f : files) written += (written.empty() ? "" : ", ") + f;
  std::printf("  group tables   %s\n", written.empty() ? "(none)" : written.c_str());
}

}  // namespace

int run_bridging(const std::vector<std::string>& args) {
  const std::string usage =
      "usage: movemap bridging LOG [--actors FILE] --out DIR [--measures NAME,...] [--group-by ATTR,...] [options]\n\n"
      "Builds the network as `movemap map` does and finds who bridges: Burt's structural\n"
      "holes, Gould-Fernandez brokerage roles, bridges and articulation points,\n"
      "communities (Louvain/Leiden) with participation and within-module z, role/site\n"
      "mixing, assortativity, Krackhardt-Stern E-I index and key players. Writes into DIR:\n"
      "  network.graphml  per-actor columns as node attributes; is_bridge on ties\n"
      "  nodes.csv        the map columns, then the per-actor bridging columns\n"
      "  ties.csv         + is_bridge (1/0) when cut_points ran\n"
      "  summary.json     the map summary\n"
      "  mixing_ATTR.csv, ei_index_ATTR.csv, brokerage_ATTR.csv, key_players.csv\n"
      "  bridging.json    measures, options, groups, network-level values, every table\n"
      "Measures: holes (or constraint, effective_size, efficiency, hierarchy), brokerage,\n"
      "cut_points, communities, community_roles, mixing, assortativity, ei_index,\n"
      "key_players. Default: all but key_players, which joins when --key-players K > 0.\n"
      "Groups: actor-table columns (role, site, ...) or 'community'; default role, and\n"
      "site when the actor table has one. Conventions: docs/bridging.md.";
  const std::string examples =
      "Examples:\n"
      "  movemap bridging data-samples/interactions.csv --actors data-samples/actors.csv --out out/bridging\n"
      "  movemap bridging log.csv --actors actors.csv --measures brokerage,ei_index --group-by role,site --out out/\n"
      "  movemap bridging log.csv --undirected --measures communities,community_roles --algorithm leiden "
      "--resolution 0.8 --out out/\n"
      "  movemap bridging log.csv --actors actors.csv --measures cut_points,key_players --key-players 5 --out out/\n";
  InputOptions in;
  BridgingRequest req;
  std::string measures, group_by;
  po::options_description desc("Options");
  in.add_to(desc);
  po::options_description bdesc("Bridging options");
  bdesc.add_options()
      ("measures,m", po::value(&measures), "comma-separated measures (default: the default set above)")
      ("group-by,g", po::value(&group_by), "comma-separated group attributes (default: role, and site when present)")
      ("algorithm", po::value(&req.algorithm)->default_value(req.algorithm), "communities: louvain or leiden")
      ("resolution", po::value(&req.resolution)->default_value(req.resolution, fmt(req.resolution, 6)),
       "modularity resolution (above 1: smaller communities)")
      ("seed", po::value(&req.seed)->default_value(req.seed), "random seed (communities, E-I permutations)")
      ("key-players,k", po::value(&req.key_players)->default_value(req.key_players),
       "number of key players to find (0: none)")
      ("permutations", po::value(&req.permutations)->default_value(req.permutations),
       "E-I index permutation test size (0: no test)")
      ("unweighted", "holes and communities ignore tie weights");
  desc.add(bdesc);
  const auto vm = parse(args, desc, usage, examples, true);
  if (!vm) return 0;
  req.measures = split_list(measures);
  req.group_by = split_list(group_by);
  req.weighted = !vm->count("unweighted");
  check_bridging_request(req);
  NetworkRun run("bridging", in, *vm);
  const NetworkSummary summary = summarize(run.net());
  run.phase("summary");

  ProgressBar bar("bridging", !run.quiet());
  req.progress = [&](double f) { return bar.update(f); };
  BridgingOutput b = compute_bridging(run.net(), req);
  bar.done();
  run.phase("bridging");
  NodeMeasures columns = degree_measures(run.net());
  append_new_columns(columns, std::move(b.nodes));
  run.write(columns, b.ties, summary);
  const std::vector<std::string> files = write_group_tables(run.dir(), b);
  write_bridging_json(run.dir() + "bridging.json", b, req);
  run.phase("write group tables");
  if (!run.quiet()) {
    run.print_summary(summary);
    print_bridging(b, files);
    run.print_written();
  }
  return 0;
}

}  // namespace movemap::cli
