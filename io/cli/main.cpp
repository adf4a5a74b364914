// movemap: one verb per question. Exit codes: 0 success, 1 internal error,
// 2 usage error, 3 bad input data, 4 file or disk error, 130 cancelled.
// A computation that fails on valid input (a power iteration that does not
// converge) is an error, exit 1, without the "internal error" label.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "io/cli/commands.hpp"
#include "movemap/error.hpp"

namespace {

const char* kHelp =
    "movemap " MOVEMAP_VERSION " - network analysis for health social movements\n\n"
    "usage: movemap COMMAND [options]      (movemap COMMAND --help for its options)\n\n"
    "commands:\n"
    "  map        LOG [--actors FILE] --out DIR   build the network; GraphML, node and tie\n"
    "                                             tables, summary\n"
    "  centrality LOG [--measures NAME,...] --out DIR\n"
    "                                             betweenness, closeness, PageRank, eigenvector,\n"
    "                                             k-core, clustering, ... as node/tie columns\n"
    "  bridging   LOG [--measures NAME,...] [--group-by role,site] --out DIR\n"
    "                                             structural holes, brokerage roles, bridges and\n"
    "                                             cut points, communities, mixing, E-I, key players\n"
    "  momentum   LOG --window 90d --step 30d --out DIR\n"
    "                                             is momentum building? indicators per time\n"
    "                                             window, cohorts, node trajectories\n"
    "  generate   --actors N --interactions M --seed S --out DIR\n"
    "                                             write a synthetic movement log\n\n"
    "exit codes: 0 ok, 1 internal error or failed computation, 2 usage error, 3 bad input data,\n"
    "            4 file/disk error, 130 cancelled (Ctrl-C)\n\n"
    "example:\n"
    "  movemap map data-samples/interactions.csv --actors data-samples/actors.csv --out out/sample\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kHelp, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::puts("movemap " MOVEMAP_VERSION);
    return 0;
  }
  const std::string verb = args[0];
  args.erase(args.begin());
  try {
    if (verb == "map") return movemap::cli::run_map(args);
    if (verb == "centrality") return movemap::cli::run_centrality(args);
    if (verb == "bridging") return movemap::cli::run_bridging(args);
    if (verb == "momentum") return movemap::cli::run_momentum(args);
    if (verb == "generate") return movemap::cli::run_generate(args);
    std::fprintf(stderr, "movemap: unknown command \"%s\"; expected map, centrality, bridging, momentum or generate (movemap --help)\n",
                 verb.c_str());
    return 2;
  } catch (const movemap::UsageError& e) {
    std::fprintf(stderr, "movemap %s: %s\n", verb.c_str(), e.what());
    return 2;
  } catch (const movemap::InputError& e) {
    std::fprintf(stderr, "movemap %s: error: %s\n", verb.c_str(), e.what());
    return 3;
  } catch (const movemap::IoError& e) {
    std::fprintf(stderr, "movemap %s: error: %s\n", verb.c_str(), e.what());
    return 4;
  } catch (const movemap::Cancelled&) {
    std::fprintf(stderr, "movemap %s: cancelled\n", verb.c_str());
    return 130;
  } catch (const movemap::Error& e) {
    std::fprintf(stderr, "movemap %s: error: %s\n", verb.c_str(), e.what());
    return 1;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "movemap %s: error: out of memory\n", verb.c_str());
    return 4;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "movemap %s: internal error: %s\n", verb.c_str(), e.what());
    return 1;
  }
}
