// A progress callback for the engine that reports to Python.
//
// The engine polls the callback once per block of work, from whichever
// thread runs the block, while the calling thread has released the GIL.
// Each poll re-acquires the GIL, runs Python's signal handlers
// (PyErr_CheckSignals: Ctrl-C; effective on the main thread, so a poll from a
// worker waits for the next one from the main thread) and calls the user's
// callable, if any, with the fraction done. The computation is cancelled
// (the engine throws movemap::Cancelled) when
//   - Ctrl-C was pressed: the pending KeyboardInterrupt is cleared and the
//     Cancelled exception surfaces as movemap.Cancelled (a KeyboardInterrupt);
//   - the callable returned False (None or anything else continues);
//   - the callable raised: its exception is kept and rethrow_if_raised()
//     raises it again once the engine call has returned, with the GIL held.
//
// Hold the PythonProgress in the binding function (GIL held); callback()
// returns std::functions that share it through a shared_ptr, so copies made
// by the engine without the GIL never touch a Python reference count.
#pragma once
#include <pybind11/pybind11.h>

#include <exception>
#include <memory>
#include <utility>

#include "movemap/progress.hpp"

namespace movemap::bindings {

class PythonProgress {
 public:
  // `callable`: None, or a callable taking the fraction done (a float).
  explicit PythonProgress(pybind11::object callable) : state_(std::make_shared<State>()) {
    if (!callable.is_none()) {
      if (!PyCallable_Check(callable.ptr())) throw pybind11::type_error("progress: expected a callable or None");
      state_->callable = std::move(callable);
    }
  }

  ProgressCallback callback() const {
    return [state = state_](double fraction) {
      pybind11::gil_scoped_acquire gil;
      if (state->error) return false;
      if (PyErr_CheckSignals() != 0) {
        PyErr_Clear();
        return false;
      }
      if (!state->callable) return true;
      try {
        const pybind11::object r = state->callable(fraction);
        return r.ptr() != Py_False;
      } catch (const pybind11::error_already_set&) {
        state->error = std::current_exception();
        return false;
      }
    };
  }

  // Runs f() (the engine call) with the GIL released. When it was cancelled
  // because the callable raised, raises the callable's exception instead of
  // Cancelled (with the GIL held again).
  template <class F>
  auto run_released(F&& f) const {
    try {
      pybind11::gil_scoped_release release;
      return f();
    } catch (const Cancelled&) {
      rethrow_if_raised();
      throw;
    }
  }

  // After the engine call (GIL held): raises what the callable raised, if it did.
  void rethrow_if_raised() const {
    if (state_->error) std::rethrow_exception(std::exchange(state_->error, nullptr));
  }

 private:
  struct State {
    pybind11::object callable;  // empty when none
    std::exception_ptr error;   // the callable's exception (a pybind11::error_already_set)
  };
  std::shared_ptr<State> state_;
};

}  // namespace movemap::bindings
