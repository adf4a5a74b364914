#include "io/run_manifest.hpp"

#include <openssl/evp.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

#include "io/atomic_file.hpp"
#include "movemap/error.hpp"

namespace movemap {

namespace {

struct DigestContext {
  DigestContext() : ctx(EVP_MD_CTX_new()) {
    if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1) throw Error("SHA-256 unavailable (OpenSSL)");
  }
  ~DigestContext() { EVP_MD_CTX_free(ctx); }
  void update(const void* p, std::size_t n) {
    if (EVP_DigestUpdate(ctx, p, n) != 1) throw Error("SHA-256 failed (OpenSSL)");
  }
  std::string hex() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx, md, &len) != 1) throw Error("SHA-256 failed (OpenSSL)");
    static const char* kHex = "0123456789abcdef";
    std::string out(2 * len, '0');
    for (unsigned i = 0; i < len; ++i) {
      out[2 * i] = kHex[md[i] >> 4];
      out[2 * i + 1] = kHex[md[i] & 15];
    }
    return out;
  }
  EVP_MD_CTX* ctx;
};

}  // namespace

std::string sha256_hex(std::string_view data) {
  DigestContext d;
  d.update(data.data(), data.size());
  return d.hex();
}

FileDigest sha256_file(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw IoError(path + ": cannot read the input to hash it: " + std::strerror(errno));
  DigestContext d;
  FileDigest out;
  std::vector<char> buf(1 << 20);
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) {
    d.update(buf.data(), n);
    out.bytes += n;
  }
  if (std::ferror(f.get())) throw IoError(path + ": read failed while hashing: " + std::strerror(errno));
  out.sha256 = d.hex();
  return out;
}

std::string manifest_json(const RunManifest& m) {
  rapidjson::StringBuffer sb;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(sb);
  w.SetIndent(' ', 2);
  auto str = [&](const std::string& s) { w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size())); };
  auto key = [&](const std::string& s) { w.Key(s.c_str(), static_cast<rapidjson::SizeType>(s.size())); };
  auto value = [&](const ManifestValue& v) {
    if (const auto* b = std::get_if<bool>(&v)) w.Bool(*b);
    else if (const auto* i = std::get_if<std::int64_t>(&v)) w.Int64(*i);
    else if (const auto* u = std::get_if<std::uint64_t>(&v)) w.Uint64(*u);
    else if (const auto* d = std::get_if<double>(&v)) {
      if (std::isfinite(*d)) w.Double(*d);
      else w.Null();
    } else str(std::get<std::string>(v));
  };
  auto pairs = [&](const char* name, const std::vector<std::pair<std::string, std::string>>& v) {
    w.Key(name);
    w.StartObject();
    for (const auto& [k, s] : v) {
      key(k);
      str(s);
    }
    w.EndObject();
  };
  w.StartObject();
  w.Key("movemap_version");
  w.String(MOVEMAP_VERSION);
  w.Key("verb");
  str(m.verb);
  w.Key("command");
  w.StartArray();
  for (const auto& a : m.command) str(a);
  w.EndArray();
  w.Key("inputs");
  w.StartArray();
  for (const auto& [what, path] : m.inputs) {
    w.StartObject();
    w.Key("what");
    str(what);
    w.Key("path");
    str(path);
    if (path == "-") {
      w.Key("bytes");
      w.Null();
      w.Key("sha256");
      w.Null();
    } else {
      const FileDigest d = sha256_file(path);
      w.Key("bytes");
      w.Uint64(d.bytes);
      w.Key("sha256");
      str(d.sha256);
    }
    w.EndObject();
  }
  w.EndArray();
  pairs("log_columns", m.log_columns);
  pairs("actor_columns", m.actor_columns);
  auto options = m.options;
  std::sort(options.begin(), options.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  w.Key("options");
  w.StartObject();
  for (const auto& [k, v] : options) {
    key(k);
    value(v);
  }
  w.EndObject();
  w.Key("random_seeds");
  w.StartObject();
  for (const auto& [k, v] : options)
    if (k == "seed" || (k.size() > 5 && k.compare(k.size() - 5, 5, "-seed") == 0)) {
      key(k);
      value(v);
    }
  w.EndObject();
  w.Key("pseudonymisation");
  if (m.pseudonym_key_file.empty()) {
    w.Null();
  } else {
    w.StartObject();
    w.Key("key_file");
    str(m.pseudonym_key_file);
    w.Key("actor_id");
    w.String("first 16 bytes of HMAC-SHA-256(key, id), lower-case hex");
    w.EndObject();
  }
  w.Key("outputs");
  w.StartArray();
  for (const auto& o : m.outputs) str(o);
  w.EndArray();
  w.Key("threads");
  w.StartObject();
  w.Key("requested");
  w.Int64(m.threads_requested);
  w.Key("used");
  w.Uint64(m.threads_used);
  w.EndObject();
  w.Key("timings");
  w.StartObject();
  double total = 0;
  for (const auto& [k, s] : m.timings) {
    key(k);
    w.Double(s);
    total += s;
  }
  w.Key("total");
  w.Double(total);
  w.EndObject();
  w.EndObject();
  std::string out(sb.GetString(), sb.GetSize());
  out += '\n';
  return out;
}

void write_manifest(const std::string& path, const RunManifest& m) {
  const std::string text = manifest_json(m);
  AtomicFile f(path);
  f.write(text);
  f.commit();
}

}  // namespace movemap
