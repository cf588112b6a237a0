// wasm/bindings.cpp: the Embind table of the posenc module. Only a table: every
// command runs through run_command (wasm/run_command.hpp), and the public JS API
// (camelCase names, options objects, Error objects) is the hand-written api.js.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <string>

#include "../cli/commands.hpp"
#include "../cli/limits_table.hpp"
#include "js_document.hpp"
#include "run_command.hpp"
#include "train_session.hpp"

namespace {

using emscripten::val;
using SpecFn = const posenc::cli::CommandSpec& (*)();

template <SpecFn Spec>
val run(const val& argv) {
  return posenc::wasm::run_command(Spec(), argv);
}

template <SpecFn Spec>
val options() {
  return posenc::wasm::command_options(Spec());
}

// Bytes malloc holds now, and the size of wasm memory: the leak test's readings.
double heap_in_use() { return static_cast<double>(mallinfo().uordblks); }
double memory_bytes() { return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0; }

std::string version() { return POSENC_VERSION; }

// Every size limit, {maxLength: ..., ...}, the object `posenc --limits` prints.
val limits() {
  posenc::wasm::JsDocument document;
  posenc::cli::write_limits(document);
  return document.value();
}

}  // namespace

#define POSENC_COMMAND(js_name, spec)                \
  emscripten::function(js_name, &run<&spec>);        \
  emscripten::function(js_name "Options", &options<&spec>)

EMSCRIPTEN_BINDINGS(posenc) {
  using namespace posenc::cli;
  POSENC_COMMAND("encode", encode_command);
  POSENC_COMMAND("relative", relative_command);
  POSENC_COMMAND("t5Bucket", t5_bucket_command);
  POSENC_COMMAND("alibi", alibi_command);
  POSENC_COMMAND("ropeFreqs", rope_freqs_command);
  POSENC_COMMAND("ropeApply", rope_apply_command);
  POSENC_COMMAND("ropeDecay", rope_decay_command);
  POSENC_COMMAND("fire", fire_command);
  POSENC_COMMAND("conv", conv_command);
  POSENC_COMMAND("metrics", metrics_command);
  POSENC_COMMAND("attention", attention_command);
  POSENC_COMMAND("similarity", similarity_command);
  POSENC_COMMAND("embed", embed_command);
  POSENC_COMMAND("train", train_command);
  // The stateful trainer (api.js: pe.trainer(options)); every method returns {value} or {error}.
  emscripten::class_<posenc::wasm::TrainSession>("TrainSession")
      .constructor<>()
      .function("configure", &posenc::wasm::TrainSession::configure)
      .function("step", &posenc::wasm::TrainSession::step)
      .function("result", &posenc::wasm::TrainSession::result)
      .function("steps", &posenc::wasm::TrainSession::steps)
      .function("stepsDone", &posenc::wasm::TrainSession::steps_done)
      .function("done", &posenc::wasm::TrainSession::done);
  emscripten::function("heapInUse", &heap_in_use);
  emscripten::function("memoryBytes", &memory_bytes);
  emscripten::function("version", &version);
  emscripten::function("limits", &limits);
}
