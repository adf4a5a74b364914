#include "io/pseudonymise.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "movemap/error.hpp"

namespace movemap {

std::string read_pseudonym_key(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path + ": cannot read the pseudonymisation key file: " + std::strerror(errno));
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw IoError(path + ": cannot read the pseudonymisation key file");
  if (key.size() < kMinKeyBytes)
    throw UsageError("--pseudonymise " + path + ": the key file holds " + std::to_string(key.size()) +
                     " bytes; expected at least " + std::to_string(kMinKeyBytes) +
                     " random bytes (make one with: head -c 32 /dev/urandom > " + path + ")");
  return key;
}

void check_pseudonym_key(std::string_view key) {
  if (key.size() < kMinKeyBytes)
    throw UsageError("pseudonymisation key of " + std::to_string(key.size()) + " bytes; expected at least " +
                     std::to_string(kMinKeyBytes) + " random bytes");
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // An empty message has a null data() in some string_views; HMAC wants a pointer.
  static const unsigned char kEmpty = 0;
  const auto* data = message.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(message.data());
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data, message.size(), mac, &len))
    throw Error("HMAC-SHA-256 failed (OpenSSL)");
  static const char* kHex = "0123456789abcdef";
  std::string out(2 * len, '0');
  for (unsigned i = 0; i < len; ++i) {
    out[2 * i] = kHex[mac[i] >> 4];
    out[2 * i + 1] = kHex[mac[i] & 15];
  }
  return out;
}

std::string pseudonym(std::string_view key, std::string_view id) {
  return hmac_sha256_hex(key, id).substr(0, 2 * kPseudonymBytes);
}

std::vector<std::string> pseudonymised_attributes(const std::vector<std::string>& keep) {
  return keep.empty() ? kDefaultPseudonymisedAttributes : keep;
}

void pseudonymise(Network& net, std::string_view key, const std::vector<std::string>& keep) {
  check_pseudonym_key(key);
  const std::uint32_t n = net.actors.size();
  std::vector<std::string> names(n);
  tbb::parallel_for(std::uint32_t{0}, n, [&](std::uint32_t u) { names[u] = pseudonym(key, net.actors.name(u)); });
  IdMap ids;
  ids.reserve(n);
  for (std::uint32_t u = 0; u < n; ++u)
    if (ids.intern(names[u]) != u) throw Error("two actor ids have the same pseudonym; use another key");
  net.actors = std::move(ids);
  const std::vector<std::string> kept = pseudonymised_attributes(keep);
  auto& cols = net.attributes.columns();
  cols.erase(std::remove_if(cols.begin(), cols.end(),
                            [&](const AttributeColumn& c) {
                              return c.name != "role" && std::find(kept.begin(), kept.end(), c.name) == kept.end();
                            }),
             cols.end());
}

}  // namespace movemap
