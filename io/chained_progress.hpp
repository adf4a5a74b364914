// One overall progress fraction for a run of several kernels (the
// centrality and bridging suites): each stage's own 0..1 progress is mapped
// onto its share of the whole, in proportion to a cost weight.
#pragma once
#include <algorithm>
#include <cstddef>
#include <vector>

#include "movemap/error.hpp"
#include "movemap/progress.hpp"

namespace movemap {

// Maps each stage's own 0..1 progress onto its share of the overall
// fraction; what reaches the user's callback never goes backwards and the
// last value is exactly 1.
class ChainedProgress {
 public:
  ChainedProgress(const ProgressCallback& user, const std::vector<double>& weights) : user_(user) {
    double total = 0;
    for (const double w : weights) total += w;
    double at = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      start_.push_back(at / total);
      at += weights[i];
      end_.push_back(i + 1 == weights.size() ? 1.0 : at / total);
    }
  }
  // The callback handed to stage i's kernel (empty when the user gave none,
  // so kernels skip their polling).
  ProgressCallback stage(std::size_t i) {
    if (!user_) return {};
    return [this, i](double f) { return forward(start_[i] + (end_[i] - start_[i]) * std::clamp(f, 0.0, 1.0)); };
  }
  void begin() { check(0.0); }
  void complete(std::size_t i) { check(end_[i]); }

 private:
  bool forward(double x) {
    last_ = std::max(last_, x);
    return user_(last_);
  }
  void check(double x) {
    if (user_ && !forward(x)) throw Cancelled();
  }
  const ProgressCallback& user_;
  std::vector<double> start_, end_;
  double last_ = 0;
};

}  // namespace movemap
