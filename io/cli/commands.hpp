// The movemap verbs. Each returns the process exit code; errors are thrown as
// movemap::Error subclasses and mapped to exit codes in main.cpp.
#pragma once
#include <string>
#include <vector>

namespace movemap::cli {

int run_map(const std::vector<std::string>& args);
int run_centrality(const std::vector<std::string>& args);
int run_bridging(const std::vector<std::string>& args);  // bridging_command.cpp
int run_momentum(const std::vector<std::string>& args);  // momentum_command.cpp
int run_generate(const std::vector<std::string>& args);

}  // namespace movemap::cli
