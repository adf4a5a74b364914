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

  // Hashing is the costly part of interning and needs no shared state: do it
  // in parallel, then insert serially in row order so ids follow first
  // appearance whatever the thread count.
  std::vector<std::uint64_t> hs(n), ht(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      hs[i] = IdMap::hash(batch.source[i]);
      ht[i] = batch.target[i].empty() ? 0 : IdMap::hash(batch.target[i]);
    }
  });
  for (std::size_t i = 0; i < n; ++i) {
    log_.source[base + i] = log_.actors.intern(batch.source[i], hs[i]);
    log_.target[base + i] =
        batch.target[i].empty() ? kNone : log_.actors.intern(batch.target[i], ht[i]);
    log_.event[base + i] = batch.event[i].empty() ? kNone : log_.events.intern(batch.event[i]);
    log_.kind[base + i] = batch.kind[i].empty() ? kNone : log_.kinds.intern(batch.kind[i]);
  }
}

}  // namespace movemap
