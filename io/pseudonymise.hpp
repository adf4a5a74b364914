// Pseudonymised export: every actor id replaced by a keyed hash, so results
// from two exports made with the same key can be joined, but only by whoever
// holds the key.
//
// pseudonym(key, id) = the first kPseudonymBytes bytes of
// HMAC-SHA-256(key, id), written as lower-case hex (32 characters). The HMAC
// is OpenSSL's (libcrypto), not hand-rolled. 128 bits: two actors of a
// network of 10^9 share a pseudonym with probability below 10^-20, and
// pseudonymise() checks that none do.
//
// The key is the raw bytes of a key file (every byte, a trailing newline
// included), at least kMinKeyBytes long: `head -c 32 /dev/urandom > key`.
//
// pseudonymise(net, key, keep) rewrites the network in place, after it was
// built and before anything is computed or written, so every writer (present
// and future) only ever sees pseudonyms: the actor IdMap is replaced (node
// ids and their order unchanged), and every attribute column not named in
// `keep` is dropped from the network, except "role" (categorical, needed for
// the counts by role). With an empty `keep`, kDefaultPseudonymisedAttributes
// (role, site) are kept: categorical, needed for analysis; labels and every
// other (possibly free-text) column are dropped unless named.
// Cost: one HMAC per actor (about 1 microsecond), in parallel; O(n) memory.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "movemap/network.hpp"

namespace movemap {

inline constexpr std::size_t kPseudonymBytes = 16;  // hex: 32 characters
inline constexpr std::size_t kMinKeyBytes = 16;
inline const std::vector<std::string> kDefaultPseudonymisedAttributes = {"role", "site"};

// The key file's bytes. Missing / unreadable: IoError; shorter than
// kMinKeyBytes: UsageError naming the file.
std::string read_pseudonym_key(const std::string& path);
// Checks a key given as bytes (Python); UsageError when too short.
void check_pseudonym_key(std::string_view key);

// The full HMAC-SHA-256 of `message` under `key`, 64 hex characters.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
// The pseudonym of one id: hmac_sha256_hex truncated to 2 * kPseudonymBytes.
std::string pseudonym(std::string_view key, std::string_view id);

// The attribute columns kept: `keep`, or the default set when it is empty.
std::vector<std::string> pseudonymised_attributes(const std::vector<std::string>& keep);
// Rewrites `net` as described above. Throws UsageError for a short key,
// Error if two ids ever met the same pseudonym.
void pseudonymise(Network& net, std::string_view key, const std::vector<std::string>& keep = {});

}  // namespace movemap
