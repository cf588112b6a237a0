// wasm/train_session.hpp: the stateful trainer behind `pe.trainer(options)`.
//
// One posenc::train::Trainer, made from the same words and by the same parser as
// `posenc train` (cli/train_options.hpp), so options, defaults and errors are the
// CLI's. Every method returns {value} or {error, argument, got, allowed} through
// wasm::guarded (nothing is thrown across the boundary); api.js wraps it:
//
//   const t = pe.trainer({scheme: 'rope', steps: 400})
//   t.step(25)    // Float32Array of the losses of the steps run (at most the remaining ones)
//   t.result()    // the object pe.train(...) returns
//   t.delete()
#pragma once

#include <emscripten/val.h>

#include <memory>

#include "posenc/train/trainer.hpp"

namespace posenc::wasm {

class TrainSession {
 public:
  /// Reads the options (a JS array of CLI words, "--scheme=rope", ...) and makes
  /// the trainer; {value: total steps} or {error, ...}. Called once, right after
  /// construction (a constructor cannot report an error as a value).
  emscripten::val configure(const emscripten::val& argv);
  /// Runs min(n, remaining) more steps; {value: Float32Array of their losses}.
  emscripten::val step(double n);
  /// Evaluates at every evaluation length; {value: the train command's document}.
  emscripten::val result();
  /// Steps configured, steps run so far, and whether all ran.
  double steps() const;
  double steps_done() const;
  bool done() const;

 private:
  std::unique_ptr<train::Trainer> trainer_;
};

}  // namespace posenc::wasm
