#include "movemap/interaction_log.hpp"

#include <tbb/parallel_for.h>

namespace movemap {

void InteractionLog::reserve(std::size_t n) {
  time.reserve(n);
  source.reserve(n);
  target.reserve(n);
  event.reserve(n);
  kind.reserve(n);
  weight.reserve(n);
}

void InteractionBatch::clear() {
  time.clear();
  source.clear();
  target.clear();
  event.clear();
  kind.clear();
  weight.clear();
  source_hash.clear();
  target_hash.clear();
}

void InteractionBatch::compute_hashes() {
  source_hash.resize(rows());
  target_hash.resize(rows());
  for (std::size_t i = 0; i < rows(); ++i) {
    source_hash[i] = IdMap::hash(source[i]);
    target_hash[i] = target[i].empty() ? 0 : IdMap::hash(target[i]);
  }
}

void InteractionBatch::push_back(timestamp t, std::string_view s, std::string_view tg,
                                 std::string_view ev, std::string_view k, double w) {
  time.push_back(t);
  source.push_back(s);
  target.push_back(tg);
  event.push_back(ev);
  kind.push_back(k);
  weight.push_back(w);
}

void InteractionLogBuilder::append(const InteractionBatch& batch) {
  const std::size_t n = batch.rows(), base = log_.rows();
  log_.time.insert(log_.time.end(), batch.time.begin(), batch.time.end());
  log_.weight.insert(log_.weight.end(), batch.weight.begin(), batch.weight.end());
  log_.source.resize(base + n);
  log_.target.resize(base + n);
  log_.event.resize(base + n);
  log_.kind.resize(base + n);

  // Hashing needs no shared state: do it in parallel. Then intern in row
  // order (source before target in each row, as first appearance is defined)
  // so ids do not depend on the thread count; intern_batch prefetches.
  std::vector<std::string_view> keys(2 * n);
  std::vector<std::uint64_t> hashes(2 * n);
  const bool hashed = batch.source_hash.size() == n && batch.target_hash.size() == n;
  auto fill = [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      keys[2 * i] = batch.source[i];
      keys[2 * i + 1] = batch.target[i];
      hashes[2 * i] = hashed ? batch.source_hash[i] : IdMap::hash(batch.source[i]);
      hashes[2 * i + 1] = hashed ? batch.target_hash[i] : IdMap::hash(batch.target[i]);
    }
  };
  if (hashed) fill(0, n);
  else
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096),
                      [&](const auto& r) { fill(r.begin(), r.end()); });
  std::vector<std::uint32_t> ids(2 * n);
  log_.actors.intern_batch(keys.data(), hashes.data(), 2 * n, ids.data(), true);
  for (std::size_t i = 0; i < n; ++i) {
    log_.source[base + i] = ids[2 * i];
    log_.target[base + i] = ids[2 * i + 1];
  }
  for (std::size_t i = 0; i < n; ++i) {
    log_.event[base + i] = batch.event[i].empty() ? kNone : log_.events.intern(batch.event[i]);
    log_.kind[base + i] = batch.kind[i].empty() ? kNone : log_.kinds.intern(batch.kind[i]);
  }
}

}  // namespace movemap
