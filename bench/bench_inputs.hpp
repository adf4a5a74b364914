// The named generated inputs shared by the Google Benchmark families:
// S (10^4 actors, 10^5 interactions), M (10^5, 10^6), L (10^6, 10^7), all
// `movemap generate --actors N --interactions M --seed 7` with the
// generator's defaults otherwise, written into a private temporary folder
// that is removed at exit. Generation is never inside a timed region.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <stdlib.h>  // mkdtemp

#include "io/interaction_log_writer.hpp"
#include "movemap/generator.hpp"

namespace movemap::bench {

namespace fs = std::filesystem;

struct SizeSpec {
  const char* name;
  std::uint64_t actors;
  std::uint64_t interactions;
};

inline constexpr SizeSpec kSizes[] = {
    {"S", 10'000, 100'000},
    {"M", 100'000, 1'000'000},
    {"L", 1'000'000, 10'000'000},
};
inline constexpr std::uint64_t kSeed = 7;

// The private temporary folder, created on first use, removed at exit.
class TempRoot {
 public:
  const fs::path& path() {
    if (path_.empty()) {
      std::string templ = (fs::temp_directory_path() / "movemap-bench-XXXXXX").string();
      std::vector<char> buf(templ.begin(), templ.end());
      buf.push_back('\0');
      if (!::mkdtemp(buf.data())) {
        std::perror("movemap bench: mkdtemp");
        std::exit(1);
      }
      path_ = buf.data();
    }
    return path_;
  }
  ~TempRoot() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }

 private:
  fs::path path_;
};

inline TempRoot& temp_root() {
  static TempRoot root;
  return root;
}

// Generates the movement of `spec` and writes it (interactions.csv,
// actors.csv) into <temp root>/<size>; returns that folder and the number of
// log rows. The generated movement is freed before returning.
inline fs::path write_generated_input(const SizeSpec& spec, std::uint64_t* rows = nullptr) {
  GeneratorOptions g;
  g.actors = spec.actors;
  g.interactions = spec.interactions;
  g.seed = kSeed;
  const fs::path dir = temp_root().path() / spec.name;
  const GeneratedMovement m = generate_movement(g);
  if (rows) *rows = m.rows();
  write_generated_movement(m, dir.string());
  return dir;
}

}  // namespace movemap::bench
