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
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      keys[2 * i] = batch.source[i];
      keys[2 * i + 1] = batch.target[i];
      hashes[2 * i] = IdMap::hash(batch.source[i]);
      hashes[2 * i + 1] = IdMap::hash(batch.target[i]);
    }
  });
  std::vector<std::uint32_t> ids(2 * n);
  log_.actors.intern_batch(keys.data(), hashes.data(), 2 * n, ids.data(), true);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      log_.source[base + i] = ids[2 * i];
      log_.target[base + i] = ids[2 * i + 1];
    }
  });
  for (std::size_t i = 0; i < n; ++i) {
    log_.event[base + i] = batch.event[i].empty() ? kNone : log_.events.intern(batch.event[i]);
    log_.kind[base + i] = batch.kind[i].empty() ? kNone : log_.kinds.intern(batch.kind[i]);
  }
}

}  // namespace movemap
