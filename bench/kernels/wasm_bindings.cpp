// The wasm side of the WASM vs native benchmark: the Session of kernels.hpp behind
// one Embind function, command(line) -> JSON line, the same protocol the native
// posenc_kernel_bench speaks on stdin (bench/wasm_bench.mjs drives both).
#include <emscripten/bind.h>

#include <string>

#include "kernels.hpp"

namespace {

std::string command(const std::string& line) {
  static posenc::bench::Session session;
  return session.command(line);
}

}  // namespace

EMSCRIPTEN_BINDINGS(posenc_kernel_bench) { emscripten::function("command", &command); }
