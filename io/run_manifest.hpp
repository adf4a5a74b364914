// manifest.json: what produced an output folder, so a result can be traced
// to its inputs and reproduced.
//
// Written by every log-reading verb (NetworkRun) beside its outputs:
//   movemap_version, verb, command (argv after the program name),
//   inputs (what, path, bytes, sha256; stdin: bytes and sha256 null),
//   log_columns / actor_columns (the column mapping in force),
//   options (every option of the verb, given or defaulted, by name; threads
//   apart), random_seeds (the options named seed), pseudonymisation (the
//   key FILE's path and the pseudonym's definition, never the key),
//   outputs (the files the run wrote, in order), threads (requested, used),
//   timings (phase -> seconds, and total).
// Everything but "threads", "timings" and the --threads value in "command"
// is the same for two runs with the same inputs and options.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace movemap {

using ManifestValue = std::variant<bool, std::int64_t, std::uint64_t, double, std::string>;

struct FileDigest {
  std::uint64_t bytes = 0;
  std::string sha256;  // 64 lower-case hex characters
};
// SHA-256 of a file's bytes (OpenSSL EVP), read in 1 MB blocks; IoError.
FileDigest sha256_file(const std::string& path);
// SHA-256 of bytes in memory, hex.
std::string sha256_hex(std::string_view data);

struct RunManifest {
  std::string verb;
  std::vector<std::string> command;
  std::vector<std::pair<std::string, std::string>> inputs;  // (what, path); "-" = stdin
  std::vector<std::pair<std::string, std::string>> log_columns, actor_columns;
  std::vector<std::pair<std::string, ManifestValue>> options;  // written sorted by name
  std::string pseudonym_key_file;                               // empty: not pseudonymised
  std::vector<std::string> outputs;
  long long threads_requested = 0;
  std::uint64_t threads_used = 0;
  std::vector<std::pair<std::string, double>> timings;  // in phase order
};

// The JSON text (inputs are hashed here). IoError when an input cannot be read.
std::string manifest_json(const RunManifest& m);
// Written atomically (joins an open OutputBatch).
void write_manifest(const std::string& path, const RunManifest& m);

}  // namespace movemap
