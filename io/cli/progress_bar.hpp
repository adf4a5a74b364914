// A one-line progress bar on standard error, drawn only on a terminal; it
// also turns Ctrl-C into cancellation (the callback then returns false).
#pragma once
#include <chrono>
#include <string>

namespace movemap::cli {

class ProgressBar {
 public:
  // Draws nothing when stderr is not a terminal or `enabled` is false.
  ProgressBar(std::string label, bool enabled);
  ~ProgressBar();
  // The ProgressCallback: false once Ctrl-C was pressed.
  bool update(double fraction);
  void done();

 private:
  std::string label_;
  bool enabled_;
  int last_percent_ = -1;
  bool drawn_ = false;
};

// Installs the SIGINT handler used by ProgressBar::update.
void install_interrupt_handler();
bool interrupted();

}  // namespace movemap::cli
