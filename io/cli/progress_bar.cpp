#include "io/cli/progress_bar.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdio>

namespace movemap::cli {
namespace {
volatile std::sig_atomic_t g_interrupted = 0;
extern "C" void on_sigint(int) {
  if (g_interrupted) std::_Exit(130);  // a second Ctrl-C: stop now
  g_interrupted = 1;
}
}  // namespace

void install_interrupt_handler() { std::signal(SIGINT, on_sigint); }
bool interrupted() { return g_interrupted != 0; }

ProgressBar::ProgressBar(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled && ::isatty(2)) {}

ProgressBar::~ProgressBar() { done(); }

bool ProgressBar::update(double f) {
  if (g_interrupted) return false;
  if (!enabled_) return true;
  const int pct = static_cast<int>(f * 100);
  if (pct == last_percent_) return true;
  last_percent_ = pct;
  const int width = 30, fill = pct * width / 100;
  std::string bar(fill, '#');
  bar.resize(width, ' ');
  std::fprintf(stderr, "\r%-14s [%s] %3d%%", label_.c_str(), bar.c_str(), pct);
  std::fflush(stderr);
  drawn_ = true;
  return true;
}

void ProgressBar::done() {
  if (drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace movemap::cli
