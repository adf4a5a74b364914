// Progress and cancellation for long computations.
//
// A callback receives the fraction done (0..1) and returns false to cancel;
// the algorithm then throws movemap::Cancelled. Algorithms poll it once per
// block of work, from one thread at a time (never concurrently).
#pragma once
#include <functional>
#include <mutex>

#include "movemap/error.hpp"

namespace movemap {

using ProgressCallback = std::function<bool(double fraction_done)>;

// Thread-safe wrapper used inside parallel kernels: report() may be called
// from any worker; the user's callback is serialised and, once it has
// returned false, every later report() throws Cancelled.
class ProgressReporter {
 public:
  explicit ProgressReporter(const ProgressCallback& cb) : cb_(cb) {}
  void report(double fraction) {
    if (!cb_) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (cancelled_ || !cb_(fraction)) {
      cancelled_ = true;
      throw Cancelled();
    }
  }
  bool active() const { return static_cast<bool>(cb_); }

 private:
  const ProgressCallback& cb_;
  std::mutex mu_;
  bool cancelled_ = false;
};

}  // namespace movemap
